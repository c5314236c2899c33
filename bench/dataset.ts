/**
 * The benchmark's data set: an audit body with ten fiscal years of audits of the 47 prefectural
 * registries (120-item checklist), some data users (79-item data-user measures) and a few
 * for-cause follow-ups on the 32-item minimum baseline, each with team, document requests,
 * uploaded-file records, filled workpapers, review notes, findings, remediation submissions and
 * activity-log entries.
 *
 * THIS IS TEST DATA FOR MEASUREMENT, NOT A DOMAIN PATH. It is written straight into the tables
 * with TypeORM bulk inserts (a few thousand rows per statement) so that ~70,000 workpapers take
 * seconds, not the hours the API would need; the domain rules (transitions, team rule, sign-off
 * order) are not run. The rows are shaped as the services would have left them (statuses
 * consistent with the lifecycle, findings only on non-conforming workpapers, a valid
 * activity-log hash chain) so that every read path sees realistic data.
 */
import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { DataSource } from 'typeorm';
import { DEFAULT_DOCUMENT_REQUESTS, fiscalYearOf, japanDateOf } from '../src/audit';
import type { AuditStatus, Conclusion, Procedure, Severity } from '../src/audit';
import { ActivityLogEntry } from '../src/modules/activity/activity.entity';
import { entryHash, GENESIS_HASH } from '../src/modules/activity/activity.service';
import {
  Audit, AuditTeamMember, DocumentRequest, Finding, RemediationSubmission, ReviewNote, StoredFile, Workpaper,
} from '../src/modules/audits/audit.entity';
import { hashPassword } from '../src/modules/auth/passwords';
import { Catalog, CatalogItem, CatalogVersion } from '../src/modules/catalogs/catalog.entity';
import { Organisation, Person } from '../src/modules/organisations/organisation.entity';
import { AnnualPlan } from '../src/modules/plans/plan.entity';
import { AuditReportText } from '../src/modules/reports/report.entity';
import { random } from '../test/support/random';

export const BENCH_PASSWORD = 'Bench-pass-2026';
export const BENCH_CHIEF = 'bench-chief@kansa.bench';

export const PREFECTURES = [
  '北海道', '青森県', '岩手県', '宮城県', '秋田県', '山形県', '福島県', '茨城県', '栃木県', '群馬県', '埼玉県', '千葉県',
  '東京都', '神奈川県', '新潟県', '富山県', '石川県', '福井県', '山梨県', '長野県', '岐阜県', '静岡県', '愛知県', '三重県',
  '滋賀県', '京都府', '大阪府', '兵庫県', '奈良県', '和歌山県', '鳥取県', '島根県', '岡山県', '広島県', '山口県', '徳島県',
  '香川県', '愛媛県', '高知県', '福岡県', '佐賀県', '長崎県', '熊本県', '大分県', '宮崎県', '鹿児島県', '沖縄県',
] as const;

export interface DatasetSize {
  /** Registries audited every year (at most 47). */
  registries: number;
  /** Data-user audits per year (79-item catalogue). */
  dataUsersPerYear: number;
  /** For-cause follow-up audits of registries per year (32-item minimum baseline). */
  baselinePerYear: number;
}

export const FULL_SIZE: DatasetSize = { registries: 47, dataUsersPerYear: 12, baselinePerYear: 6 };
// At least six registries: the current year's first six registry audits each have a part (saves, sync ×3, page).
export const SMOKE_SIZE: DatasetSize = { registries: 6, dataUsersPerYear: 2, baselinePerYear: 2 };

/** People and audits the measurements use, created with the current fiscal year. */
export interface BenchWorld {
  currentYear: number;
  password: string;
  chief: string;
  /** Auditor on the team of every current-year audit. */
  auditor: string;
  /** A second auditor on the same teams (the other side of the conflicting edits). */
  auditor2: string;
  audits: {
    /** Fieldwork, 120 workpapers open for editing: the concurrent saves. */
    save: number;
    /** Fieldwork, 120 workpapers: the offline replay without conflicts. */
    sync: number;
    /** Fieldwork, 120 workpapers: the offline replay with conflicting edits. */
    syncConflict: number;
    /** Fieldwork, 120 workpapers: the same replay as single PUTs, for comparison. */
    syncSingle: number;
    /** In remediation: 120 filled workpapers, findings, submissions, documents — the audit page. */
    page: number;
    /** A 32-item (minimum baseline) audit past the results agreement: the small report. */
    report32: number;
    /** A 120-item audit past the results agreement: the large report. */
    report120: number;
    /** Every registry audit of the current year (the year-end batch of reports). */
    batch: number[];
  };
}

export interface SeedResult {
  years: number[];
  rows: Record<string, number>;
  ms: number;
}

// --- texts of the kind auditors write -----------------------------------------------------------

const DESCRIPTIONS: Record<Procedure, string[]> = {
  inquiry: ['管理責任者に担当業務と権限の範囲を質問した。', '登録室長に手順の運用状況をヒアリングした。', '担当職員に直近の運用例を説明してもらった。'],
  inspection: ['入退室管理簿の直近3か月分を閲覧した。', '個人データ取扱台帳と保管リストを突合した。', '教育・研修の受講記録を閲覧した。', 'バックアップ取得記録を閲覧した。'],
  observation: ['登録室の施錠状況と鍵の保管場所を視察した。', '端末の画面ロック設定を視察した。', '書庫の施錠と保管状況を視察した。'],
  reperformance: ['監査人が書庫を施錠し、開錠できないことを確認した。', '監査人が端末へのログインを試み、認証を確認した。'],
};
const OBSERVATIONS_OK = ['記録に欠落はなく、手順どおり運用されていた。', '定めのとおり実施されており、問題は認められなかった。', '担当者の説明と記録が一致していた。'];
const OBSERVATIONS_NG = ['休日の施錠記録が2件欠落していた。', '手順書の改訂が反映されておらず、旧版が使われていた。', '退職者のユーザIDが削除されずに残っていた。', '持ち出し台帳に返却日の記入漏れがあった。'];
const EVIDENCE = DEFAULT_DOCUMENT_REQUESTS.map((d) => d.title.ja);

type Rows<T> = Partial<T>[];

/**
 * Inserts rows in chunks and returns their ids in order: explicit ids on SQLite (continuing its
 * AUTOINCREMENT sequence), RETURNING on PostgreSQL.
 */
async function bulkInsert<T extends ObjectLiteral>(em: EntityManager, target: EntityTarget<T>, rows: Rows<T>, chunk = 400): Promise<number[]> {
  if (!rows.length) return [];
  const metadata = em.connection.getMetadata(target);
  const postgres = em.connection.options.type === 'postgres';
  const ids: number[] = [];
  let next = 0;
  if (!postgres) {
    const seq = await em.query(`SELECT seq FROM sqlite_sequence WHERE name = ?`, [metadata.tableName]) as { seq: number }[];
    const max = await em.query(`SELECT MAX(id) AS max FROM "${metadata.tableName}"`) as { max: number | null }[];
    next = Math.max(seq[0]?.seq ?? 0, max[0]?.max ?? 0) + 1;
  }
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk);
    if (postgres) {
      const result = await em.createQueryBuilder().insert().into(target).values(part as never).returning('id').updateEntity(false).execute();
      ids.push(...(result.raw as { id: number }[]).map((r) => Number(r.id)));
    } else {
      const withIds = part.map((row) => ({ ...row, id: next++ }));
      await em.createQueryBuilder().insert().into(target).values(withIds as never).updateEntity(false).execute();
      ids.push(...withIds.map((r) => r.id));
    }
  }
  return ids;
}

interface CatalogueFacts {
  versionId: number;
  items: { no: number }[];
}

async function catalogue(em: EntityManager, code: string): Promise<CatalogueFacts> {
  const catalog = await em.findOneByOrFail(Catalog, { code });
  const versions = await em.find(CatalogVersion, { where: { catalogId: catalog.id }, order: { sequence: 'DESC' } });
  const items = await em.find(CatalogItem, { where: { versionId: versions[0].id }, select: { no: true }, order: { no: 'ASC' } });
  return { versionId: versions[0].id, items };
}

/** Fiscal months April … March as YYYY-MM. */
function fiscalMonth(fiscalYear: number, index: number): string {
  const month = ((3 + index) % 12) + 1;
  const year = month >= 4 ? fiscalYear : fiscalYear + 1;
  return `${year}-${String(month).padStart(2, '0')}`;
}

const FROM_AGREEMENT: AuditStatus[] = ['results_agreement', 'reported', 'remediation', 'verified', 'published'];

interface PlannedAudit {
  row: Partial<Audit>;
  itemNos: number[];
  /** Conclusions and sign-offs filled (past the visit) or half-filled (fieldwork). */
  fill: 'complete' | 'fieldwork';
  teamIds: number[];
  auditeePersonId: number;
}

/**
 * Builds the data set. `part: 'current'` writes the organisations, people and the current fiscal
 * year (with the audits the measurements use); `part: 'history'` adds the nine years before it.
 */
export class DatasetBuilder {
  private world: BenchWorld | null = null;
  private orgs: { registries: { id: number; name: string }[]; dataUsers: { id: number; name: string }[]; bodyId: number } | null = null;
  private people: { managers: number[]; auditors: number[]; auditeeOf: Map<number, number>; chiefId: number } | null = null;

  constructor(private readonly dataSource: DataSource, private readonly size: DatasetSize) {}

  get benchWorld(): BenchWorld {
    if (!this.world) throw new Error('seed the current year first');
    return this.world;
  }

  async seed(part: 'current' | 'history', historyYears = 9): Promise<SeedResult> {
    const started = performance.now();
    const currentYear = fiscalYearOf(japanDateOf(new Date()));
    const before = await this.counts();
    let years: number[];
    if (part === 'current') {
      await this.seedPeople();
      years = [currentYear];
      const ids = await this.seedYear(currentYear, true);
      this.world = this.makeWorld(currentYear, ids);
    } else {
      years = Array.from({ length: historyYears }, (_, i) => currentYear - historyYears + i);
      for (const year of years) await this.seedYear(year, false);
    }
    if (this.dataSource.options.type === 'postgres') await this.dataSource.query('ANALYZE');
    else await this.dataSource.query('ANALYZE');
    const after = await this.counts();
    const rows = Object.fromEntries(Object.entries(after).map(([k, v]) => [k, v - (before[k] ?? 0)]));
    return { years, rows, ms: performance.now() - started };
  }

  async counts(): Promise<Record<string, number>> {
    const tables = ['organisation', 'person', 'audit', 'audit_team_member', 'document_request', 'stored_file', 'workpaper', 'review_note', 'finding', 'remediation_submission', 'activity_log'];
    const out: Record<string, number> = {};
    for (const t of tables) out[t] = Number((await this.dataSource.query(`SELECT COUNT(*) AS n FROM "${t}"`))[0].n);
    return out;
  }

  private async seedPeople(): Promise<void> {
    const hash = await hashPassword(BENCH_PASSWORD);
    await this.dataSource.transaction(async (em) => {
      const body = await em.findOneByOrFail(Organisation, { kind: 'audit_body' });
      const registries = PREFECTURES.slice(0, this.size.registries).map((name, i) => ({
        key: `bench-registry-${String(i + 1).padStart(2, '0')}`, kind: 'registry' as const, name: `${name}がん登録室`,
        nameEn: null, prefectureCode: String(i + 1).padStart(2, '0'), usageFrom: null, usageTo: null, dataKind: null,
      }));
      const dataUserCount = Math.max(this.size.dataUsersPerYear * 2, 1);
      const dataUsers = Array.from({ length: dataUserCount }, (_, i) => ({
        key: `bench-data-user-${i + 1}`, kind: 'data_user' as const, name: `研究機関${i + 1} がん疫学研究室`, nameEn: null,
        prefectureCode: null, usageFrom: '2016-04-01', usageTo: '2030-03-31', dataKind: i % 3 === 0 ? 'anonymised' as const : 'identifiable' as const,
      }));
      const registryIds = await bulkInsert(em, Organisation, registries);
      const dataUserIds = await bulkInsert(em, Organisation, dataUsers);
      // The chief audit executive is the administrator the start created (KANSA_ADMIN_EMAIL / _PASSWORD).
      const chief = await em.findOneByOrFail(Person, { email: BENCH_CHIEF });
      const person = (key: string, organisationId: number, roles: string[], name: string) => ({
        organisationId, email: `${key}@kansa.bench`, name, nameEn: null, roles, pledgeSignedOn: '2016-04-01', conflictOrganisationIds: [],
        active: true, passwordHash: hash, mustChangePassword: false, failedLogins: 0, lockedUntil: null,
      });
      const managers = await bulkInsert(em, Person, Array.from({ length: 6 }, (_, i) => person(`bench-manager-${i + 1}`, body.id, ['audit_manager'], `監査責任者${i + 1}`)) as never);
      const auditors = await bulkInsert(em, Person, Array.from({ length: 24 }, (_, i) => person(`bench-auditor-${i + 1}`, body.id, ['auditor'], `監査人${i + 1}`)) as never);
      const auditeeRows = [...registryIds, ...dataUserIds].map((orgId, i) => person(`bench-auditee-${i + 1}`, orgId, ['auditee_manager'], `被監査担当${i + 1}`));
      const auditees = await bulkInsert(em, Person, auditeeRows as never);
      const auditeeOf = new Map([...registryIds, ...dataUserIds].map((orgId, i) => [orgId, auditees[i]]));
      this.orgs = {
        bodyId: body.id,
        registries: registryIds.map((id, i) => ({ id, name: registries[i].name })),
        dataUsers: dataUserIds.map((id, i) => ({ id, name: dataUsers[i].name })),
      };
      this.people = { managers, auditors, auditeeOf, chiefId: chief.id };
    });
  }

  /** One fiscal year; returns the ids of the audits the measurements use (current year). */
  private async seedYear(fiscalYear: number, current: boolean): Promise<Record<string, number | number[]>> {
    const orgs = this.orgs!;
    const people = this.people!;
    const rnd = random(fiscalYear * 7919);
    const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
    const checklist = await catalogue(this.dataSource.manager, 'security-checklist');
    const baseline = await catalogue(this.dataSource.manager, 'minimum-baseline');
    const userMeasures = await catalogue(this.dataSource.manager, 'data-user-measures');
    const ids: Record<string, number | number[]> = {};

    await this.dataSource.transaction(async (em) => {
      const [planId] = await bulkInsert(em, AnnualPlan, [{
        fiscalYear, title: `${fiscalYear}年度 外部監査計画`, status: 'approved', revision: 0, approvedById: people.chiefId,
        approvedOn: `${fiscalYear}-04-10`, callOpensOn: `${fiscalYear}-04-15`, callClosesOn: `${fiscalYear}-05-15`, callDescription: '監査登録室の公募', version: 1,
      }]);
      const planned: PlannedAudit[] = [];
      const team = (n: number) => [people.auditors[n % people.auditors.length]!, people.auditors[(n + 7) % people.auditors.length]!];
      const benchTeam = [people.auditors[0]!, people.auditors[1]!];
      const statusFor = (i: number): AuditStatus => {
        if (!current) return i % 23 === 22 ? 'cancelled' : 'published';
        // Current year: the first three registry audits are at fieldwork (saves, sync); the fourth
        // in remediation (the audit page); the rest spread over the later steps (the sixth, at
        // fieldwork, takes the sync replayed as single saves).
        if (i < 3) return 'fieldwork';
        if (i === 3) return 'remediation';
        return (['fieldwork', 'results_agreement', 'reported', 'remediation', 'verified'] as AuditStatus[])[i % 5]!;
      };
      let ref = 0;
      const make = (auditeeId: number, kind: 'planned' | 'for_cause', cat: CatalogueFacts, status: AuditStatus, monthIndex: number, teamIds: number[]): PlannedAudit => {
        ref += 1;
        const month = fiscalMonth(fiscalYear, monthIndex);
        const visitDay = 5 + Math.floor(rnd() * 20);
        const visitDate = `${month}-${String(visitDay).padStart(2, '0')}`;
        const reported = ['reported', 'remediation', 'verified', 'published'].includes(status);
        return {
          itemNos: cat.items.map((i) => i.no),
          fill: status === 'fieldwork' ? 'fieldwork' : 'complete',
          teamIds,
          auditeePersonId: people.auditeeOf.get(auditeeId)!,
          row: {
            reference: `${fiscalYear}-${String(ref).padStart(2, '0')}${kind === 'for_cause' ? 'C' : ''}`, kind,
            forCauseTrigger: kind === 'for_cause' ? '前年度監査の軽欠点に係る改善状況の確認' : null,
            planId: kind === 'planned' ? planId : null, fiscalYear, auditeeId, catalogVersionId: cat.versionId,
            scopeItems: cat.items.map((i) => i.no), scopeExclusionReason: null, plannedMonth: month,
            managerId: people.managers[ref % people.managers.length]!, documentDeadline: `${month}-01`, visitDate, visitStart: '13:00', visitEnd: '16:00',
            status, cancelReason: status === 'cancelled' ? '被監査主体の移転のため' : null,
            reportIssuedOn: reported ? `${month}-28` : null, remediationPlanDeadline: reported ? fiscalMonth(fiscalYear, Math.min(monthIndex + 1, 11)) + '-28' : null,
            publishedOn: status === 'published' ? fiscalMonth(fiscalYear, 11) + '-20' : null, earlyPublicationReason: null, openItemsAtPublication: null,
            version: 1,
          },
        };
      };
      orgs.registries.forEach((org, i) => {
        planned.push(make(org.id, 'planned', checklist, statusFor(i), i % 12, current ? benchTeam : team(i)));
      });
      for (let i = 0; i < this.size.baselinePerYear; i += 1) {
        const org = orgs.registries[(i * 5 + fiscalYear) % orgs.registries.length]!;
        const status: AuditStatus = current ? (i === 0 ? 'results_agreement' : 'fieldwork') : 'published';
        planned.push(make(org.id, 'for_cause', baseline, status, (i * 2 + 3) % 12, current ? benchTeam : team(i + 3)));
      }
      for (let i = 0; i < this.size.dataUsersPerYear; i += 1) {
        const org = orgs.dataUsers[(i + fiscalYear) % orgs.dataUsers.length]!;
        const status: AuditStatus = current ? (['fieldwork', 'reported', 'remediation'] as AuditStatus[])[i % 3]! : 'published';
        planned.push(make(org.id, 'planned', userMeasures, status, (i + 6) % 12, current ? benchTeam : team(i + 11)));
      }

      const auditIds = await bulkInsert(em, Audit, planned.map((p) => p.row));
      await bulkInsert(em, AuditTeamMember, planned.flatMap((p, i) => p.teamIds.map((personId) => ({ auditId: auditIds[i], personId }))));
      await bulkInsert(em, AuditReportText, planned.filter((p) => FROM_AGREEMENT.includes(p.row.status!)).map((p) => ({
        auditId: auditIds[planned.indexOf(p)], purpose: null, scope: '登録室及び書庫、登録システム', visitPlace: `${p.row.reference} 登録室`,
        overallResult: '個人データの安全管理措置は概ね適切に整備・運用されている。ただし、次の事項について改善を要する。',
        auditeeAttendees: [{ name: '登録室長', title: '室長' }], publicStatement: null, version: 1, updatedById: p.row.managerId,
      })) as never);

      // Document requests, with an uploaded file (its record; the bytes are not needed) for most.
      const requestRows: Partial<DocumentRequest>[] = [];
      const requestAudit: number[] = [];
      planned.forEach((p, i) => {
        for (const d of DEFAULT_DOCUMENT_REQUESTS) {
          requestRows.push({ auditId: auditIds[i], title: d.title.ja, titleEn: d.title.en, relatedItems: [...d.baselineItemNos], reviewNote: p.fill === 'complete' ? '内容を確認した。' : null, reviewedById: p.fill === 'complete' ? p.teamIds[0] : null, reviewedAt: p.fill === 'complete' ? `${p.row.plannedMonth}-02T01:00:00.000Z` : null });
          requestAudit.push(i);
        }
      });
      const requestIds = await bulkInsert(em, DocumentRequest, requestRows);
      const fileRows: Partial<StoredFile>[] = [];
      requestIds.forEach((requestId, r) => {
        const p = planned[requestAudit[r]!]!;
        if (p.row.status === 'cancelled' || rnd() < 0.15) return;
        fileRows.push({
          auditId: auditIds[requestAudit[r]!], documentRequestId: requestId, purpose: 'document', originalName: `${requestRows[r]!.title}.pdf`,
          storedName: `${(requestId * 2654435761 >>> 0).toString(16).padStart(8, '0')}bench${String(requestId).padStart(8, '0')}.bin`.slice(0, 64),
          mediaType: 'application/pdf', size: 120_000 + Math.floor(rnd() * 800_000), sha256: '0'.repeat(56) + String(requestId).padStart(8, '0'), uploadedById: p.auditeePersonId,
        });
      });
      await bulkInsert(em, StoredFile, fileRows);

      // Workpapers.
      const wpRows: Partial<Workpaper>[] = [];
      const wpAudit: number[] = [];
      planned.forEach((p, i) => {
        const month = p.row.plannedMonth!;
        for (const itemNo of p.itemNos) {
          const cancelled = p.row.status === 'cancelled';
          const filled = !cancelled && (p.fill === 'complete' || rnd() < 0.5);
          const r = rnd();
          const conclusion: Conclusion | null = !filled || p.fill === 'fieldwork' ? null
            : r < 0.84 ? 'conforms' : r < 0.93 ? 'does_not_conform' : r < 0.98 ? 'not_applicable' : 'not_tested';
          const procedures = filled ? [pick(['inquiry', 'inspection'] as Procedure[]), pick(['observation', 'reperformance', 'inspection'] as Procedure[])].map((procedure) => ({
            procedure, performedOn: p.row.visitDate!, description: pick(DESCRIPTIONS[procedure]),
            observation: conclusion === 'does_not_conform' ? pick(OBSERVATIONS_NG) : pick(OBSERVATIONS_OK),
          })) : [];
          const signed = p.fill === 'complete' && !cancelled;
          wpRows.push({
            auditId: auditIds[i], itemNo, procedures, evidenceRefs: filled ? [pick(EVIDENCE), pick(EVIDENCE)] : [], conclusion,
            notTestedReason: conclusion === 'not_tested' ? '当日は担当者不在のため実施できなかった。' : null,
            preparerId: signed ? p.teamIds[0]! : null, preparedAt: signed ? `${month}-25T06:00:00.000Z` : null,
            reviewerId: signed ? p.teamIds[1]! : null, reviewedAt: signed ? `${month}-26T06:00:00.000Z` : null,
            version: signed ? 4 : filled ? 2 : 1, updatedById: filled ? p.teamIds[0]! : null,
          });
          wpAudit.push(i);
        }
      });
      const wpIds = await bulkInsert(em, Workpaper, wpRows, 300);

      // Review notes (cleared) on every tenth workpaper of completed audits.
      const noteRows: Partial<ReviewNote>[] = [];
      wpIds.forEach((wpId, w) => {
        const p = planned[wpAudit[w]!]!;
        if (p.fill !== 'complete' || p.row.status === 'cancelled' || w % 10 !== 0) return;
        noteRows.push({ workpaperId: wpId, authorId: p.teamIds[1]!, text: '観察結果と結論の対応を明確にしてください。', clearedById: p.teamIds[0]!, clearedAt: `${p.row.plannedMonth}-26T01:00:00.000Z`, resolution: '観察結果を追記した。' });
      });
      await bulkInsert(em, ReviewNote, noteRows);

      // Findings: a deficiency for each non-conforming workpaper, a recommendation now and then.
      const findingRows: Partial<Finding>[] = [];
      const findingAudit: number[] = [];
      const seq = new Map<number, number>();
      wpIds.forEach((wpId, w) => {
        const p = planned[wpAudit[w]!]!;
        if (!FROM_AGREEMENT.includes(p.row.status!)) return;
        const wp = wpRows[w]!;
        let severity: Severity | null = null;
        if (wp.conclusion === 'does_not_conform') severity = rnd() < 0.04 ? 'major' : 'minor';
        else if (wp.conclusion === 'conforms' && rnd() < 0.05) severity = 'recommendation';
        if (!severity) return;
        const s = (seq.get(wpAudit[w]!) ?? 0) + 1;
        seq.set(wpAudit[w]!, s);
        findingRows.push({
          auditId: auditIds[wpAudit[w]!], workpaperId: wpId, itemNo: wp.itemNo, seq: s, severity,
          condition: '入退室管理簿において、休日の施錠記録が2件欠落していた。', criterion: '個人データ保護要領 第8条（入退室の管理）',
          cause: '休日の施錠確認を行う担当者が定められていなかった。', effect: '施錠漏れが生じた場合に、その事実を把握できないおそれがある。',
          recommendedAction: '休日の施錠確認の担当者と手順を定め、記録の確認を定期的に行うこと。',
          auditeeResponse: 'accepted', disputeReason: null, respondedById: p.auditeePersonId, respondedAt: `${p.row.plannedMonth}-27T02:00:00.000Z`,
          recommendationResponse: severity === 'recommendation' ? 'will_act' : 'pending', recommendationDeclineReason: null,
          createdById: p.teamIds[0]!, version: 2,
        });
        findingAudit.push(wpAudit[w]!);
      });
      const findingIds = await bulkInsert(em, Finding, findingRows);

      // Remediation: a plan for every deficiency once reported; a result report from remediation on.
      const submissionRows: Partial<RemediationSubmission>[] = [];
      findingIds.forEach((findingId, f) => {
        const p = planned[findingAudit[f]!]!;
        const status = p.row.status!;
        if (findingRows[f]!.severity === 'recommendation' || !['reported', 'remediation', 'verified', 'published'].includes(status)) return;
        const due = `${fiscalYear + 1}-03-31`;
        submissionRows.push({
          findingId, kind: 'remediation_plan', sequence: 1, status: status === 'reported' ? 'submitted' : 'accepted',
          text: '休日の施錠確認担当者を輪番で定め、月次で管理簿を確認する。', owner: '登録室長', dueDate: due, evidenceFileIds: [],
          submittedById: p.auditeePersonId, submittedAt: `${p.row.reportIssuedOn}T03:00:00.000Z`, reviewedById: status === 'reported' ? null : p.row.managerId!,
          reviewedAt: status === 'reported' ? null : `${p.row.reportIssuedOn}T05:00:00.000Z`, reviewComment: null,
        });
        if (['remediation', 'verified', 'published'].includes(status)) {
          submissionRows.push({
            findingId, kind: 'result_report', sequence: 1, status: status === 'remediation' ? 'submitted' : 'accepted',
            text: '担当者を定め、3か月分の管理簿を確認した記録を添付する。', owner: null, dueDate: null, evidenceFileIds: [],
            submittedById: p.auditeePersonId, submittedAt: `${fiscalYear + 1}-02-01T03:00:00.000Z`, reviewedById: status === 'remediation' ? null : p.row.managerId!,
            reviewedAt: status === 'remediation' ? null : `${fiscalYear + 1}-02-10T03:00:00.000Z`, reviewComment: null,
          });
        }
      });
      await bulkInsert(em, RemediationSubmission, submissionRows);

      // Activity log: one entry per audit step and per workpaper save, continuing the hash chain.
      const last = await em.find(ActivityLogEntry, { order: { id: 'DESC' }, take: 1 });
      let prevHash = last[0]?.hash ?? GENESIS_HASH;
      const activityRows: Partial<ActivityLogEntry>[] = [];
      const log = (at: string, actorId: number, action: string, entity: string, entityId: number, auditId: number, after: unknown) => {
        const entry = { at, actorId, action, entity, entityId: String(entityId), auditId, before: null, after: JSON.stringify(after) };
        const hash = entryHash(prevHash, entry);
        activityRows.push({ ...entry, prevHash, hash });
        prevHash = hash;
      };
      planned.forEach((p, i) => {
        log(`${fiscalYear}-04-20T01:00:00.000Z`, p.row.managerId!, 'audit.create', 'audit', auditIds[i]!, auditIds[i]!, { kind: p.row.kind, auditeeId: p.row.auditeeId });
        log(`${fiscalYear}-04-21T01:00:00.000Z`, p.row.managerId!, 'audit.transition', 'audit', auditIds[i]!, auditIds[i]!, { status: p.row.status });
      });
      wpIds.forEach((wpId, w) => {
        const wp = wpRows[w]!;
        if (!wp.procedures!.length) return;
        const p = planned[wpAudit[w]!]!;
        log(`${p.row.visitDate}T07:00:00.000Z`, p.teamIds[0]!, 'workpaper.save', 'workpaper', wpId, auditIds[wpAudit[w]!]!, { procedures: wp.procedures, evidenceRefs: wp.evidenceRefs, conclusion: wp.conclusion, version: wp.version });
      });
      await bulkInsert(em, ActivityLogEntry, activityRows, 300);

      if (current) {
        const idOf = (pred: (p: PlannedAudit, i: number) => boolean) => auditIds[planned.findIndex(pred)]!;
        if (orgs.registries.length < 6) throw new Error('the benchmark data set needs at least six registries');
        ids.save = auditIds[0]!;
        ids.sync = auditIds[1]!;
        ids.syncConflict = auditIds[2]!;
        ids.syncSingle = auditIds[5]!;
        ids.page = auditIds[3]!;
        ids.report120 = ids.page;
        ids.report32 = idOf((p) => p.row.kind === 'for_cause' && p.row.status === 'results_agreement');
        ids.batch = orgs.registries.map((_, i) => auditIds[i]!);
      }
    });
    return ids;
  }

  private makeWorld(currentYear: number, ids: Record<string, number | number[]>): BenchWorld {
    return {
      currentYear,
      password: BENCH_PASSWORD,
      chief: BENCH_CHIEF,
      auditor: 'bench-auditor-1@kansa.bench',
      auditor2: 'bench-auditor-2@kansa.bench',
      audits: {
        save: ids.save as number, sync: ids.sync as number, syncConflict: ids.syncConflict as number, syncSingle: ids.syncSingle as number, page: ids.page as number,
        report32: ids.report32 as number, report120: ids.report120 as number, batch: ids.batch as number[],
      },
    };
  }
}
