import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DIR, DEMO_MARKER_ACTION, DEMO_PASSWORD, DemoLoader } from '../../src/modules/bootstrap/demo-loader';
import { createTestApp, type TestApp } from '../support/app';

const CHIEF = 'seiichi.takamura@kansa.example';
const SHIMANE_MANAGER = 'naoki.harada@registry-32.example';

interface AuditRow {
  id: number;
  reference: string;
  kind: string;
  status: string;
  auditee: { key: string };
}

/**
 * The demo data set (seeds/demo) loaded on start with KANSA_DEMO_DATA=true, through the domain
 * services: what the people of the data set see through the API afterwards.
 */
describe('demo data set (KANSA_DEMO_DATA=true)', () => {
  let t: TestApp;
  let loadMs = 0;
  const tokens = new Map<string, string>();

  const login = async (email: string): Promise<string> => {
    if (!tokens.has(email)) {
      const res = await t.http().post('/api/auth/login').send({ email, password: DEMO_PASSWORD, mode: 'token' }).expect(200);
      expect(res.body.mustChangePassword).toBe(false);
      tokens.set(email, res.body.token);
    }
    return tokens.get(email)!;
  };
  const get = async (email: string, path: string, status = 200) =>
    (await t.http().get(path).set('Authorization', `Bearer ${await login(email)}`).expect(status)).body;
  const counts = async () => {
    const n = async (sql: string) => Number((await t.dataSource.query(sql))[0].n);
    return {
      organisations: await n('SELECT COUNT(*) AS n FROM organisation'),
      people: await n('SELECT COUNT(*) AS n FROM person'),
      audits: await n('SELECT COUNT(*) AS n FROM audit'),
      findings: await n('SELECT COUNT(*) AS n FROM finding'),
      files: await n('SELECT COUNT(*) AS n FROM stored_file'),
      submissions: await n('SELECT COUNT(*) AS n FROM remediation_submission'),
      markers: await n(`SELECT COUNT(*) AS n FROM activity_log WHERE action = '${DEMO_MARKER_ACTION}'`),
    };
  };
  const byAuditee = async (): Promise<Map<string, AuditRow>> =>
    new Map((await get(CHIEF, '/api/audits') as AuditRow[]).map((a) => [a.auditee.key, a]));

  beforeAll(async () => {
    const started = Date.now();
    t = await createTestApp('sqlite', { KANSA_DEMO_DATA: 'true' });
    loadMs = Date.now() - started;
  }, 300_000);
  afterAll(async () => t?.close());

  it('starts with the demo loaded, within a reasonable time', () => {
    console.info(`[demo] app start with demo data: ${(loadMs / 1000).toFixed(1)} s`);
    expect(loadMs).toBeLessThan(240_000);
  });

  it('shows the chief every organisation: the audit body, 47 registries and 4 data users', async () => {
    const organisations = await get(CHIEF, '/api/organisations') as { kind: string }[];
    expect(organisations).toHaveLength(52);
    expect(organisations.filter((o) => o.kind === 'registry')).toHaveLength(47);
    expect(organisations.filter((o) => o.kind === 'data_user')).toHaveLength(4);
    const people = await get(CHIEF, '/api/people') as { email: string; jobTitle: string | null }[];
    expect(people).toHaveLength(21);
    // Every person's job title from the data set is kept (display only).
    const titles = new Map((JSON.parse(readFileSync(join(DEMO_DIR, 'people.json'), 'utf8')) as { people: { email: string; title: string }[] }).people.map((p) => [p.email, p.title]));
    expect(new Map(people.map((p) => [p.email, p.jobTitle]))).toEqual(titles);
  });

  it('holds the annual plan, approved and revised, with the applications', async () => {
    const [plan] = await get(CHIEF, '/api/plans') as { id: number; fiscalYear: number; status: string }[];
    expect(plan).toMatchObject({ fiscalYear: 2026, status: 'approved' });
    const detail = await get(CHIEF, `/api/plans/${plan.id}`);
    expect(detail.approvedOn).toBe('2026-04-20');
    expect(detail.applications).toHaveLength(8);
    expect(detail.applications.filter((a: { status: string }) => a.status === 'selected')).toHaveLength(5);
    // The three not selected are declined on the day of the selection, each with its reason.
    const declined = detail.applications.filter((a: { status: string }) => a.status === 'not_selected');
    expect(declined.map((a: { decidedOn: string }) => a.decidedOn)).toEqual(['2026-05-29', '2026-05-29', '2026-05-29']);
    expect(declined.map((a: { decisionReason: string }) => a.decisionReason)).toEqual([
      '本年度の監査体制（5件）の上限に達したため、次年度の優先候補とする。',
      'システム更新後の受審が適当であるため、次年度に実施する。',
      '本年度の監査体制（5件）の上限に達したため、次年度の候補とする。',
    ]);
    expect(detail.revisions.length).toBeGreaterThan(0);
    expect(detail.revisions[0].reason).toContain('公募締切');
  });

  it('has the audits in the states of the data set', async () => {
    const audits = await byAuditee();
    expect(audits.size).toBe(6);
    expect(Object.fromEntries([...audits].map(([key, a]) => [key, a.status]))).toEqual({
      'registry-32': 'published',
      'registry-13': 'remediation',
      'registry-40': 'fieldwork',
      'registry-17': 'document_review',
      'registry-38': 'planned',
      'du-rakuhoku-med': 'fieldwork',
    });
    expect(audits.get('du-rakuhoku-med')!.kind).toBe('for_cause');
    expect([...audits.values()].filter((a) => a.kind === 'planned')).toHaveLength(5);
  });

  it('gives the published audit its findings — no major, 5 minor, 7 recommendations — all answered', async () => {
    const published = (await byAuditee()).get('registry-32')!;
    const detail = await get(CHIEF, `/api/audits/${published.id}`);
    expect(detail).toMatchObject({ status: 'published', publishedOn: '2026-11-13', reportIssuedOn: '2026-07-24', earlyPublicationReason: null });
    expect(detail.findingCounts).toEqual({ major: 0, minor: 5, recommendation: 7 });
    expect(detail.progress).toEqual({ workpapers: 32, concluded: 32, preparerSigned: 32, reviewerSigned: 32 });
    const findings = await get(CHIEF, `/api/audits/${published.id}/findings`) as {
      severity: string; auditeeResponse: string; recommendationResponse: string; submissions: { kind: string; status: string; evidenceFileIds: number[] }[];
    }[];
    expect(findings).toHaveLength(12);
    expect(findings.every((f) => f.auditeeResponse === 'accepted')).toBe(true);
    for (const f of findings.filter((x) => x.severity === 'minor')) {
      expect(f.submissions.map((s) => `${s.kind}:${s.status}`).sort()).toEqual(['remediation_plan:accepted', 'result_report:accepted']);
      expect(f.submissions.find((s) => s.kind === 'result_report')!.evidenceFileIds.length).toBeGreaterThan(0);
    }
    expect(findings.filter((f) => f.severity === 'recommendation').map((f) => f.recommendationResponse).sort())
      .toEqual(['declined', 'declined', 'will_act', 'will_act', 'will_act', 'will_act', 'will_act']);
  });

  it('gives the audit in remediation its open items, and the fieldwork audits their partly filled workpapers', async () => {
    const audits = await byAuditee();
    const remediation = await get(CHIEF, `/api/audits/${audits.get('registry-13')!.id}`);
    expect(remediation.findingCounts).toEqual({ major: 0, minor: 6, recommendation: 6 });
    const fieldwork = await get(CHIEF, `/api/audits/${audits.get('registry-40')!.id}`);
    expect(fieldwork.progress).toMatchObject({ workpapers: 30, reviewerSigned: 1 });
    expect(fieldwork.progress.concluded).toBeGreaterThan(0);
    expect(fieldwork.progress.concluded).toBeLessThan(30);
    const documentReview = await get(CHIEF, `/api/audits/${audits.get('registry-17')!.id}`);
    expect(documentReview.documentRequests.answered).toBeGreaterThan(0);
    expect(documentReview.documentRequests.answered).toBeLessThan(documentReview.documentRequests.total);
  });

  it("publishes the audit body's statement of the data set in the public summary, without login", async () => {
    const summaries = (await t.http().get('/api/public/summaries').expect(200)).body as { auditId: number }[];
    expect(summaries).toHaveLength(1);
    const html = (await t.http().get(`/api/public/summaries/${summaries[0]!.auditId}.html`).expect(200)).text;
    const audits = JSON.parse(readFileSync(join(DEMO_DIR, 'audits.json'), 'utf8')) as { audits: { publication?: { summary: string } }[] };
    const statement = audits.audits.find((a) => a.publication)!.publication!.summary;
    expect(html).toContain(statement);
  });

  it('serves an uploaded placeholder as a real PDF', async () => {
    const published = (await byAuditee()).get('registry-32')!;
    const docs = await get(CHIEF, `/api/audits/${published.id}/documents`);
    const pdf = docs.requests.flatMap((r: { files: { id: number; name: string; mediaType: string }[] }) => r.files).find((f: { mediaType: string }) => f.mediaType === 'application/pdf');
    expect(pdf).toBeDefined();
    const res = await t.http().get(`/api/audits/${published.id}/files/${pdf.id}`).set('Authorization', `Bearer ${await login(CHIEF)}`)
      .buffer(true).parse((r, cb) => { const chunks: Buffer[] = []; r.on('data', (c: Buffer) => chunks.push(c)); r.on('end', () => cb(null, Buffer.concat(chunks))); })
      .expect(200);
    expect((res.body as Buffer).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('shows an auditee manager only its own audit and organisation', async () => {
    const audits = await get(SHIMANE_MANAGER, '/api/audits') as AuditRow[];
    expect(audits.map((a) => a.auditee.key)).toEqual(['registry-32']);
    const organisations = await get(SHIMANE_MANAGER, '/api/organisations') as { key: string }[];
    expect(organisations.map((o) => o.key)).toEqual(['registry-32']);
    const other = (await byAuditee()).get('registry-13')!;
    await get(SHIMANE_MANAGER, `/api/audits/${other.id}`, 404);
  });

  it('does not load twice on restart', async () => {
    const before = await counts();
    expect(before).toMatchObject({ organisations: 52, people: 21, audits: 6, markers: 1 });
    t = await t.restart();
    tokens.clear();
    expect(await counts()).toEqual(before);
    expect((await byAuditee()).get('registry-32')!.status).toBe('published');
  });
});

/** What the loader does when it cannot load: it names the reason and never loads half twice. */
describe('demo loader refusals', () => {
  let t: TestApp;
  let broken: string;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
    // A data set that breaks the team rule: an auditor who declared a conflict with registry-13 on its audit.
    broken = mkdtempSync(join(tmpdir(), 'kansa-demo-broken-'));
    cpSync(DEMO_DIR, broken, { recursive: true });
    const file = join(broken, 'audits.json');
    const audits = JSON.parse(readFileSync(file, 'utf8'));
    const audit = audits.audits.find((a: { key: string }) => a.key === 'audit-2026-02');
    audit.team = ['yuki.nakano@kansa.example', 'daisuke.matsui@kansa.example'];
    writeFileSync(file, JSON.stringify(audits));
  });
  afterAll(async () => {
    await t?.close();
    rmSync(broken, { recursive: true, force: true });
  });

  it('does not load into a database that already holds other data', async () => {
    // Started without the demo: the first administrator was created.
    await expect(t.app.get(DemoLoader).loadOnce()).rejects.toThrow(/already holds data .* loaded only into a new, empty database/);
  });

  it('stops at a refused step naming the audit, the step and the violations, then refuses the half-loaded database', async () => {
    await t.dataSource.query('DELETE FROM person');
    await t.dataSource.query('DELETE FROM organisation');
    const loader = t.app.get(DemoLoader);
    const refusal = await loader.loadOnce(broken).then(() => null, (e: Error) => e);
    expect(refusal?.name).toBe('DemoLoadError');
    expect(refusal?.message).toContain('audit audit-2026-02, step "appoint the team" on 2026-04-22');
    expect(refusal?.message).toContain('TEAM_MEMBER_CONFLICT_OF_INTEREST');
    expect(await loader.isLoaded()).toBe(false);
    await expect(loader.loadOnce()).rejects.toThrow(/failed midway.*delete the database/);
  });
});
