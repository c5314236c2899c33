/**
 * The people, organisations and audits the UI journeys need, built through the HTTP API (the same
 * rules as the browser), with Japanese names so the screenshots show what users will see.
 */
import { expect } from 'vitest';
import { ADMIN, firstLogin, login, PASSWORD, type Client } from '../../support/world';
import type { UiServer } from './server';

/** The password every UI person has after the first login (firstLogin appends "!"). */
export const UI_PASSWORD = `${PASSWORD}!`;
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

type PersonKey =
  | 'morita' | 'ishihara' | 'aoki' | 'kawaguchi' | 'nakano' | 'matsui' | 'okada'
  | 'sato' | 'suzuki' | 'yamada' | 'tanaka';

export interface UiWorld {
  admin: Client;
  orgs: { body: number; tokyo: number; osaka: number; hokkaido: number; university: number };
  people: Record<PersonKey, { id: number; email: string; name: string }>;
  as: Partial<Record<PersonKey, Client>>;
  planId: number;
}

const PEOPLE: { key: PersonKey; name: string; nameEn: string; org: keyof UiWorld['orgs']; roles: string[]; pledge?: string | null; conflicts?: (keyof UiWorld['orgs'])[] }[] = [
  { key: 'morita', name: '森田 恵子', nameEn: 'Keiko Morita', org: 'body', roles: ['audit_manager', 'auditor'], pledge: '2026-04-01' },
  { key: 'ishihara', name: '石原 隆', nameEn: 'Takashi Ishihara', org: 'body', roles: ['audit_manager'], pledge: '2026-04-01' },
  { key: 'aoki', name: '青木 美穂', nameEn: 'Miho Aoki', org: 'body', roles: ['auditor'], pledge: '2026-04-02' },
  { key: 'kawaguchi', name: '川口 健太', nameEn: 'Kenta Kawaguchi', org: 'body', roles: ['auditor'], pledge: '2026-04-02' },
  { key: 'nakano', name: '中野 由紀', nameEn: 'Yuki Nakano', org: 'body', roles: ['auditor'], pledge: '2026-04-03' },
  { key: 'matsui', name: '松井 大輔', nameEn: 'Daisuke Matsui', org: 'body', roles: ['auditor'], pledge: '2026-04-03', conflicts: ['osaka', 'tokyo'] },
  { key: 'okada', name: '岡田 翔', nameEn: 'Sho Okada', org: 'body', roles: ['auditor'], pledge: null },
  { key: 'sato', name: '佐藤 花子', nameEn: 'Hanako Sato', org: 'tokyo', roles: ['auditee_manager'] },
  { key: 'suzuki', name: '鈴木 一郎', nameEn: 'Ichiro Suzuki', org: 'tokyo', roles: ['auditee_staff'] },
  { key: 'yamada', name: '山田 健', nameEn: 'Ken Yamada', org: 'osaka', roles: ['auditee_manager'] },
  { key: 'tanaka', name: '田中 誠', nameEn: 'Makoto Tanaka', org: 'hokkaido', roles: ['auditee_manager'] },
];

/**
 * Organisations and people; everyone has changed the initial password except those named in
 * `firstLoginPending` (their first login happens in the browser).
 */
export async function buildUiWorld(s: UiServer, options: { firstLoginPending?: PersonKey[] } = {}): Promise<UiWorld> {
  const admin = await login(s.t, ADMIN.email, ADMIN.password);
  const me = await admin.get('/api/auth/me').expect(200);
  const body = me.body.organisationId as number;
  await admin.patch(`/api/people/${me.body.personId}`, { name: '高村 誠一' }).expect(200);
  const org = async (dto: object) => (await admin.post('/api/organisations', dto).expect(201)).body.id as number;
  const orgs = {
    body,
    tokyo: await org({ key: 'registry-13', kind: 'registry', name: '東京都がん登録室', nameEn: 'Tokyo Cancer Registry', prefectureCode: '13' }),
    osaka: await org({ key: 'registry-27', kind: 'registry', name: '大阪府がん登録室', nameEn: 'Osaka Cancer Registry', prefectureCode: '27' }),
    hokkaido: await org({ key: 'registry-01', kind: 'registry', name: '北海道がん登録室', nameEn: 'Hokkaido Cancer Registry', prefectureCode: '01' }),
    university: await org({ key: 'du-kyoto-epi', kind: 'data_user', name: '京都大学 疫学研究室', nameEn: 'Kyoto University, Epidemiology', usageFrom: '2025-04-01', usageTo: '2027-03-31', dataKind: 'identifiable' }),
  };
  const people = {} as UiWorld['people'];
  for (const p of PEOPLE) {
    const email = `${p.key}@kansa.test`;
    const res = await admin.post('/api/people', {
      organisationId: orgs[p.org], email, name: p.name, nameEn: p.nameEn, roles: p.roles, initialPassword: PASSWORD,
      ...(p.pledge ? { pledgeSignedOn: p.pledge } : {}),
      ...(p.conflicts ? { conflictOrganisationIds: p.conflicts.map((c) => orgs[c]) } : {}),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    people[p.key] = { id: res.body.id, email, name: p.name };
  }
  const as: UiWorld['as'] = {};
  for (const p of PEOPLE) {
    if (options.firstLoginPending?.includes(p.key)) continue;
    as[p.key] = await firstLogin(s.t, people[p.key].email);
  }
  const plan = await as.morita!.post('/api/plans', {
    fiscalYear: 2026, title: '2026年度 外部監査計画', call: { opensOn: '2026-04-01', closesOn: '2026-05-15', description: '2026年度の監査を受ける都道府県がん登録室を公募します。' },
  }).expect(201);
  return { admin, orgs, people, as, planId: plan.body.id };
}

type Conclusion = 'conforms' | 'does_not_conform' | 'not_applicable' | 'not_tested';

/** One audit driven through its process via the API, with the server's clock set for each step. */
export class AuditDriver {
  id = 0;
  reference = '';
  readonly wp: Record<number, { id: number; version: number }> = {};
  findings: { id: number; ref: string; severity: string }[] = [];

  constructor(private readonly s: UiServer, private readonly w: UiWorld, readonly options: {
    auditee: keyof UiWorld['orgs'];
    auditeeClient: PersonKey;
    manager?: PersonKey;
    team?: PersonKey[];
    scopeItems?: number[];
    plannedMonth: string;
    documentDeadline: string;
    visitDate: string;
  }) {}

  private get lead(): Client {
    return this.w.as[this.options.manager ?? 'morita']!;
  }

  private transition(to: string, reason?: string) {
    return this.lead.post(`/api/audits/${this.id}/transitions`, reason ? { to, reason } : { to });
  }

  private async step(to: string): Promise<void> {
    const res = await this.transition(to);
    expect(res.status, `${to}: ${JSON.stringify(res.body)}`).toBe(200);
  }

  async create(on: string): Promise<this> {
    this.s.on(on);
    const o = this.options;
    const res = await this.lead.post('/api/audits', {
      kind: 'planned', planId: this.w.planId, auditeeId: this.w.orgs[o.auditee], catalog: { code: 'minimum-baseline' },
      ...(o.scopeItems ? { scopeItems: o.scopeItems, exclusionReason: '模擬監査のため範囲を限定' } : {}),
      plannedMonth: o.plannedMonth, managerId: this.w.people[o.manager ?? 'morita'].id,
      documentDeadline: o.documentDeadline, visitDate: o.visitDate,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    this.id = res.body.id;
    this.reference = res.body.reference;
    await this.lead.put(`/api/audits/${this.id}/team`, { memberIds: (o.team ?? ['aoki', 'kawaguchi']).map((k) => this.w.people[k].id) }).expect(200);
    await this.lead.patch(`/api/audits/${this.id}/schedule`, { visitStart: '13:00', visitEnd: '16:00' }).expect(200);
    const papers = await this.lead.get(`/api/audits/${this.id}/workpapers`).expect(200);
    for (const p of papers.body) this.wp[p.itemNo] = { id: p.id, version: p.version };
    return this;
  }

  async requestDocuments(on: string): Promise<this> {
    this.s.on(on);
    await this.step('documents_requested');
    return this;
  }

  /** The auditee answers every request with a small PDF. */
  async answerDocuments(on: string, count = Infinity): Promise<this> {
    this.s.on(on);
    const client = this.w.as[this.options.auditeeClient]!;
    const docs = await client.get(`/api/audits/${this.id}/documents`).expect(200);
    for (const r of docs.body.requests.slice(0, count)) {
      const res = await this.s.t.http().post(`/api/audits/${this.id}/document-requests/${r.id}/files`).set('Authorization', `Bearer ${client.token}`)
        .attach('file', PDF, { filename: `${r.title}.pdf`, contentType: 'application/pdf' });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    return this;
  }

  async startReview(on: string): Promise<this> {
    this.s.on(on);
    await this.step('document_review');
    return this;
  }

  async startFieldwork(on: string): Promise<this> {
    this.s.on(on);
    await this.step('fieldwork');
    return this;
  }

  async saveWorkpaper(itemNo: number, conclusion: Conclusion, by: PersonKey = 'aoki', observation = '記録あり'): Promise<void> {
    const res = await this.w.as[by]!.put(`/api/audits/${this.id}/workpapers/${this.wp[itemNo].id}`, {
      version: this.wp[itemNo].version,
      procedures: [
        { procedure: 'inspection', performedOn: this.options.visitDate, description: '関連する記録簿を閲覧した', observation },
        { procedure: 'inquiry', performedOn: this.options.visitDate, description: '管理責任者に運用を質問した', observation: '規程どおりに運用しているとの回答' },
      ],
      evidenceRefs: ['入退室管理簿 2026年4–6月'],
      conclusion,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    this.wp[itemNo].version = res.body.version;
  }

  async sign(itemNo: number, preparer: PersonKey = 'aoki', reviewer: PersonKey = 'kawaguchi'): Promise<void> {
    for (const [who, kind] of [[preparer, 'preparer-signoff'], [reviewer, 'reviewer-signoff']] as const) {
      const res = await this.w.as[who]!.post(`/api/audits/${this.id}/workpapers/${this.wp[itemNo].id}/${kind}`, { version: this.wp[itemNo].version });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      this.wp[itemNo].version = res.body.version;
    }
  }

  /** Concludes and signs every in-scope workpaper; items in `nonconforming` get a minor finding. */
  async completeFieldwork(conclusions: Record<number, Conclusion>, findings: { item: number; severity: 'major' | 'minor' | 'recommendation'; condition: string }[]): Promise<this> {
    for (const item of Object.keys(this.wp).map(Number)) {
      await this.saveWorkpaper(item, conclusions[item] ?? 'conforms', 'aoki', conclusions[item] === 'does_not_conform' ? '記録の欠落を確認' : '記録あり');
      await this.sign(item);
    }
    for (const f of findings) {
      const res = await this.w.as.aoki!.post(`/api/audits/${this.id}/findings`, {
        workpaperId: this.wp[f.item].id, severity: f.severity, condition: f.condition, criterion: `ミニマムベースライン No.${f.item}`,
        cause: '手順が文書化されていない', effect: '無人時の入室を検知できない', recommendedAction: '手順を定め、記録を残す',
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      this.findings.push({ id: res.body.id, ref: res.body.ref, severity: f.severity });
    }
    return this;
  }

  async toAgreement(on: string): Promise<this> {
    this.s.on(on);
    await this.step('results_agreement');
    return this;
  }

  async auditeeAgrees(): Promise<this> {
    const client = this.w.as[this.options.auditeeClient]!;
    for (const f of this.findings) await client.post(`/api/audits/${this.id}/findings/${f.id}/response`, { response: 'accepted' }).expect(200);
    return this;
  }

  async report(on: string): Promise<this> {
    this.s.on(on);
    await this.step('reported');
    await this.step('remediation');
    return this;
  }

  /** Plans and reports for every deficiency accepted, recommendations answered. */
  async remediate(on: string): Promise<this> {
    this.s.on(on);
    const client = this.w.as[this.options.auditeeClient]!;
    for (const f of this.findings) {
      if (f.severity === 'recommendation') {
        await client.post(`/api/audits/${this.id}/findings/${f.id}/recommendation-answer`, { response: 'will_act' }).expect(200);
        continue;
      }
      let body = (await client.post(`/api/audits/${this.id}/findings/${f.id}/plan`, { actions: '休日の施錠記録手順を定める', owner: '登録室長', dueDate: '2026-10-31' }).expect(200)).body;
      const plan = body.submissions.find((x: { kind: string }) => x.kind === 'remediation_plan');
      await this.lead.post(`/api/audits/${this.id}/findings/${f.id}/submissions/${plan.id}/review`, { decision: 'accept' }).expect(200);
      const evidence = await this.s.t.http().post(`/api/audits/${this.id}/evidence`).set('Authorization', `Bearer ${client.token}`)
        .attach('file', PDF, { filename: '改善の証跡.pdf', contentType: 'application/pdf' }).expect(201);
      body = (await client.post(`/api/audits/${this.id}/findings/${f.id}/report`, { text: '手順を制定し運用を開始した', evidenceFileIds: [evidence.body.id] }).expect(200)).body;
      const report = body.submissions.find((x: { kind: string }) => x.kind === 'result_report');
      await this.lead.post(`/api/audits/${this.id}/findings/${f.id}/submissions/${report.id}/review`, { decision: 'accept' }).expect(200);
    }
    return this;
  }

  async verify(on: string): Promise<this> {
    this.s.on(on);
    await this.step('verified');
    return this;
  }

  async publish(on: string): Promise<this> {
    this.s.on(on);
    await this.step('published');
    return this;
  }

  async workpaper(itemNo: number) {
    return (await this.lead.get(`/api/audits/${this.id}/workpapers/${this.wp[itemNo].id}`).expect(200)).body;
  }
}

