/**
 * Report fixtures: inputs as a builder would read them from the database, made from the real
 * catalogues in seeds/catalogs (32-item minimum baseline, 120-item checklist).
 *
 * `marked: true` appends a unique ASCII marker (e.g. `ZQM017`) to every free-text field that a
 * public summary must not show — workpaper text, finding text, names of people, the opinion …
 * `markersOf()` lists them so a test can search any output for every one.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { random } from '../support/random';
import type { AuditStatus, Conclusion, Procedure, Severity } from '../../src/audit/vocabulary';
import { assembleAnnualSummary, assembleAuditReport, assembleWorkpaperExport, toPublicSummary } from '../../src/reports/assemble';
import type {
  AnnualAuditInput,
  AnnualSummaryInput,
  AnnualSurveyInput,
  AnnualSurveyRoundInput,
  AnnualSummaryModel,
  AuditReportInput,
  AuditReportModel,
  ControlCategory,
  DefenceZone,
  FindingInput,
  ItemResult,
  PublicationInput,
  PublicSummaryModel,
  RemediationFacts,
  ReportEdition,
  WorkpaperExportInput,
  WorkpaperExportModel,
  WorkpaperInput,
} from '../../src/reports/model';

const SEEDS = join(__dirname, '..', '..', 'seeds', 'catalogs');

interface SeedItem {
  no: number;
  text: string;
  category?: string;
  zone?: number;
}
interface SeedCatalogue {
  code: string;
  title: { ja: string };
  versions: { version: string; label: { ja: string }; items: SeedItem[] }[];
}

function loadCatalogue(file: string, versionName?: string) {
  const seed = JSON.parse(readFileSync(join(SEEDS, file), 'utf8')) as SeedCatalogue;
  const version = versionName === undefined ? seed.versions[seed.versions.length - 1]! : seed.versions.find((v) => v.version === versionName)!;
  return {
    ref: { code: seed.code, title: seed.title.ja, version: version.version, versionLabel: version.label.ja, itemCount: version.items.length },
    items: version.items.map((i) => ({
      no: i.no,
      text: i.text,
      category: (i.category ?? null) as ControlCategory | null,
      zone: (i.zone ?? null) as DefenceZone | null,
    })),
  };
}

export const BASELINE = loadCatalogue('minimum-baseline.json');
export const CHECKLIST = loadCatalogue('security-checklist.json');

export const AUDIT_BODY = 'がん登録情報安全管理監査機構';
export const AUDITEE = '青葉県がん登録室';

/** Makes free texts, with a unique marker each when `marked`. */
export class Texts {
  private n = 0;
  readonly markers: string[] = [];
  constructor(private readonly marked: boolean) {}
  t(text: string): string {
    if (!this.marked) return text;
    this.n += 1;
    const marker = `ZQM${String(this.n).padStart(3, '0')}`;
    this.markers.push(marker);
    return `${text}${marker}`;
  }
}

export interface ReportFixtureOptions {
  edition?: ReportEdition;
  catalogue?: 'baseline' | 'checklist';
  texts?: Texts;
  /** Remediation progress (default: nothing submitted yet, as when the report is issued). */
  progressed?: boolean;
}

// Baseline audit, modelled on the mock audits of source 001 (plus one major deficiency so that
// every group of the report has content).
const BASELINE_RESULTS = {
  excluded: [26],
  notApplicable: [3, 23],
  major: [16],
  minor: [5, 10, 19, 27, 31],
  recommendation: [2, 8, 13, 18, 22, 25, 28],
};
// Checklist audit: every 17th item does not conform, a few recommendations.
function checklistResults() {
  const nos = CHECKLIST.items.map((i) => i.no);
  return {
    excluded: [] as number[],
    notApplicable: nos.filter((n) => n % 29 === 0),
    major: [] as number[],
    minor: nos.filter((n) => n % 17 === 0),
    recommendation: nos.filter((n) => n % 23 === 5),
  };
}

function proceduresFor(category: ControlCategory | null, no: number): Procedure[] {
  switch (category) {
    case 'A':
      return ['inquiry', 'inspection'];
    case 'B':
      return ['inquiry', 'observation'];
    case 'C':
      return ['inquiry', 'observation', 'reperformance'];
    case 'D':
      return ['inquiry', 'inspection'];
    default:
      return no % 3 === 0 ? ['inquiry', 'inspection', 'observation'] : ['inquiry', 'inspection'];
  }
}

const NOTHING_YET: RemediationFacts = { planStatus: null, planDueDate: null, resultReportStatus: null, recommendationResponse: 'pending' };

export function auditReportInput(options: ReportFixtureOptions = {}): AuditReportInput {
  const tx = options.texts ?? new Texts(false);
  const cat = options.catalogue === 'checklist' ? CHECKLIST : BASELINE;
  const results = options.catalogue === 'checklist' ? checklistResults() : BASELINE_RESULTS;
  const nonConforming = new Set([...results.major, ...results.minor]);
  const na = new Set(results.notApplicable);
  const excluded = new Set(results.excluded);

  const items: ItemResult[] = cat.items
    .filter((i) => !excluded.has(i.no))
    .map((i) => ({
      ...i,
      text: tx.t(i.text),
      conclusion: (na.has(i.no) ? 'not_applicable' : nonConforming.has(i.no) ? 'does_not_conform' : 'conforms') as Conclusion,
      procedures: proceduresFor(i.category, i.no),
    }));

  const findings: FindingInput[] = [];
  const add = (severity: Severity, no: number, k: number) => {
    const progressed = options.progressed === true;
    const remediation: RemediationFacts =
      severity === 'recommendation'
        ? { ...NOTHING_YET, recommendationResponse: progressed ? (k % 3 === 0 ? 'declined' : 'will_act') : 'pending' }
        : progressed
          ? k % 2 === 0
            ? { planStatus: 'accepted', planDueDate: '2026-03-31', resultReportStatus: 'accepted', recommendationResponse: 'pending' }
            : { planStatus: 'accepted', planDueDate: '2026-06-30', resultReportStatus: null, recommendationResponse: 'pending' }
          : NOTHING_YET;
    findings.push({
      id: `f-${severity}-${no}`,
      severity,
      itemNo: no,
      condition: tx.t(`項目${no}について、入退室管理簿の直近3か月分を閲覧したところ、休日の施錠記録が2件欠落していた。`),
      criterion: tx.t('要領第5条に定める記録の保存'),
      cause: tx.t('休日当番者への手順の周知が十分でなかった。'),
      effect: tx.t('施錠の有無を事後に確認できず、個人データの漏えいを検知できないおそれがある。'),
      recommendedAction: tx.t('休日の施錠記録を当番表と照合する手順をマニュアルに追加する。'),
      auditeeResponse: k === 1 && severity === 'minor' ? 'disputed' : 'accepted',
      disputeReason: k === 1 && severity === 'minor' ? tx.t('当該記録は別の台帳に記載されている。') : null,
      remediation,
    });
  };
  results.major.forEach((no, k) => add('major', no, k));
  results.minor.forEach((no, k) => add('minor', no, k));
  results.recommendation.forEach((no, k) => add('recommendation', no, k));

  return {
    cover: {
      reportNumber: tx.t('監報第2025-007号'),
      reportDate: '2026-01-30',
      edition: options.edition ?? 'final',
      auditKind: 'planned',
      auditee: { name: AUDITEE, kind: 'registry' },
      auditBody: { name: AUDIT_BODY },
      documentReview: { start: '2025-11-04', end: '2025-11-28', deadline: '2025-11-14' },
      visit: { date: '2025-12-09', startTime: '13:00', endTime: '16:00', place: tx.t('青葉県庁 第二庁舎4階 がん登録室') },
      chiefAuditExecutive: { name: tx.t('山本 一郎'), title: null },
      manager: { name: tx.t('佐藤 花子'), title: tx.t('主任監査人') },
      auditors: [{ name: tx.t('鈴木 太郎') }, { name: tx.t('高橋 美咲') }],
      auditeeAttendees: [{ name: tx.t('田中 誠'), title: tx.t('管理責任者') }, { name: tx.t('伊藤 恵'), title: tx.t('登録室職員') }],
    },
    purpose: tx.t(
      '本監査は、がん登録等の推進に関する法律に基づき、被監査主体における個人情報の安全管理措置が監査基準に適合しているかを、独立した立場から確認し、その改善を促すことを目的とする。',
    ),
    scope: tx.t('被監査主体のがん登録室（保管庫を含む）における個人データの取扱い及び関連する規程類を対象とした。\n対象期間は2025年4月1日から2025年11月30日までとした。'),
    catalogue: cat.ref,
    excludedItems: cat.items.filter((i) => excluded.has(i.no)).map((i) => ({ no: i.no, text: tx.t(i.text) })),
    exclusionReason: excluded.size > 0 ? tx.t('被監査主体は登録室外部で紙資料を廃棄する業務を行っていないため、対象外とした。') : null,
    overallResult: tx.t(
      '監査の結果、被監査主体の安全管理措置はおおむね監査基準に適合しているが、持ち出し記録の管理に個人情報の漏えいに直結しうる不備が認められた。\n重欠点については速やかな改善を求める。',
    ),
    items,
    findings,
    planDeadline: '2026-02-27',
  };
}

export function auditReportModel(options: ReportFixtureOptions = {}): AuditReportModel {
  return assembleAuditReport(auditReportInput(options));
}

export const PUBLICATION: PublicationInput = {
  publishedOn: '2026-07-15',
  statement:
    '監査主体は、被監査主体から提出された改善報告書により、重欠点及び軽欠点に対する改善が実施されたことを確認した。推奨事項については被監査主体の判断により対応が進められている。',
};

export function workpaperExportInput(options: { texts?: Texts; catalogue?: 'baseline' | 'checklist' } = {}): WorkpaperExportInput {
  const tx = options.texts ?? new Texts(false);
  const report = auditReportInput({ texts: new Texts(false), catalogue: options.catalogue });
  const findingRefs = new Map<number, string[]>();
  for (const f of assembleAuditReport(report).findings) findingRefs.set(f.itemNo, [...(findingRefs.get(f.itemNo) ?? []), f.ref]);
  const workpapers: WorkpaperInput[] = report.items.map((item) => ({
    itemNo: item.no,
    itemText: item.text,
    category: item.category,
    zone: item.zone,
    procedures: item.procedures.map((procedure) => ({
      procedure,
      performedOn: procedure === 'inspection' ? '2025-11-20' : '2025-12-09',
      description: tx.t(`項目${item.no}: 管理責任者へのヒアリング及び関係記録の確認を行った。`),
      observation: tx.t(item.conclusion === 'does_not_conform' ? '記録に欠落が認められた。' : '規程どおり運用されていることを確認した。'),
    })),
    evidence:
      item.no % 4 === 0
        ? []
        : [{ ref: `E-${item.no}`, title: tx.t('入退室管理簿（2025年9月～11月）'), fileName: tx.t(`entry-log-${item.no}.pdf`), sha256: null }],
    conclusion: item.conclusion,
    notTestedReason: null,
    preparer: { name: tx.t('鈴木 太郎'), signedOn: '2025-12-10' },
    reviewer: item.no % 5 === 0 ? null : { name: tx.t('高橋 美咲'), signedOn: '2025-12-12' },
    reviewNotes:
      item.no % 6 === 0
        ? [
            {
              author: tx.t('高橋 美咲'),
              writtenOn: '2025-12-11',
              text: tx.t('閲覧した記録の期間を明記すること。'),
              status: item.no % 12 === 0 ? 'open' : 'cleared',
              response: item.no % 12 === 0 ? null : tx.t('期間を追記した。'),
              clearedOn: item.no % 12 === 0 ? null : '2025-12-12',
            },
          ]
        : [],
    findingRefs: findingRefs.get(item.no) ?? [],
  }));
  return {
    auditee: { name: AUDITEE, kind: 'registry' },
    auditBody: { name: AUDIT_BODY },
    auditRef: tx.t('監報第2025-007号'),
    catalogue: report.catalogue,
    visitDate: '2025-12-09',
    manager: { name: tx.t('佐藤 花子') },
    auditors: [{ name: tx.t('鈴木 太郎') }, { name: tx.t('高橋 美咲') }],
    exportedOn: '2026-01-30',
    workpapers,
  };
}

export function workpaperExportModel(options: { texts?: Texts; catalogue?: 'baseline' | 'checklist' } = {}): WorkpaperExportModel {
  return assembleWorkpaperExport(workpaperExportInput(options));
}

/** A whole audit as the database holds it: the report's data and the workpapers. */
export interface FullAuditFixture {
  report: AuditReportModel;
  workpapers: WorkpaperExportModel;
  publication: PublicationInput;
  /** Every marker put into a confidential field. */
  markers: string[];
}

/** The full audit with a marker in every confidential text. */
export function markedFullAudit(): FullAuditFixture {
  const texts = new Texts(true);
  const report = assembleAuditReport(auditReportInput({ texts, progressed: true }));
  const workpapers = assembleWorkpaperExport(workpaperExportInput({ texts }));
  return { report, workpapers, publication: PUBLICATION, markers: texts.markers };
}

/** The test helper of the public summary: derived from the full audit by the whitelist. */
export function publicSummaryFromFullAudit(full: FullAuditFixture): PublicSummaryModel {
  return toPublicSummary(full.report, full.publication);
}

// ---------------------------------------------------------------------------------------------
// Annual summary: 47 prefectural registries and two data users
// ---------------------------------------------------------------------------------------------

export const PREFECTURES = [
  '北海道', '青森県', '岩手県', '宮城県', '秋田県', '山形県', '福島県', '茨城県', '栃木県', '群馬県', '埼玉県', '千葉県',
  '東京都', '神奈川県', '新潟県', '富山県', '石川県', '福井県', '山梨県', '長野県', '岐阜県', '静岡県', '愛知県', '三重県',
  '滋賀県', '京都府', '大阪府', '兵庫県', '奈良県', '和歌山県', '鳥取県', '島根県', '岡山県', '広島県', '山口県', '徳島県',
  '香川県', '愛媛県', '高知県', '福岡県', '佐賀県', '長崎県', '熊本県', '大分県', '宮崎県', '鹿児島県', '沖縄県',
] as const;


/** Non-conformity rates per baseline item, shaped like the 2013 survey (付表2: items 5–7 most often missed). */
const MISS_RATE: Record<number, number> = { 2: 0.19, 4: 0.13, 5: 0.3, 6: 0.28, 7: 0.32, 8: 0.15, 10: 0.22, 15: 0.2, 16: 0.25, 19: 0.18, 27: 0.12 };

export function annualSummaryInput(auditCount = 47, fiscalYear = 2025): AnnualSummaryInput {
  const rnd = random(20250401);
  const statuses: AuditStatus[] = ['published', 'published', 'verified', 'remediation', 'reported', 'fieldwork', 'planned', 'document_review'];
  const audits: AnnualAuditInput[] = [];
  for (let i = 0; i < auditCount; i += 1) {
    const pref = PREFECTURES[i % PREFECTURES.length]!;
    const status = i === auditCount - 1 ? 'cancelled' : statuses[i % statuses.length]!;
    const month = `${i % 12 < 9 ? fiscalYear : fiscalYear + 1}-${String(((i % 12) + 3) % 12 + 1).padStart(2, '0')}`;
    const evaluated = ['published', 'verified', 'remediation', 'reported', 'fieldwork'].includes(status);
    const items = evaluated
      ? BASELINE.items.map((item) => ({
          ...item,
          conclusion: (rnd() < (MISS_RATE[item.no] ?? 0.04) ? 'does_not_conform' : item.no === 3 && rnd() < 0.3 ? 'not_applicable' : 'conforms') as Conclusion,
        }))
      : [];
    const reported = evaluated && status !== 'fieldwork';
    const findings = reported
      ? items
          .filter((item) => item.conclusion === 'does_not_conform')
          .map((item, k) => ({
            severity: (item.no === 16 && i % 3 === 0 ? 'major' : 'minor') as Severity,
            itemNo: item.no,
            remediation: (status === 'published' || status === 'verified'
              ? { planStatus: 'accepted', planDueDate: '2026-01-31', resultReportStatus: 'accepted', recommendationResponse: 'pending' }
              : status === 'remediation'
                ? { planStatus: 'accepted', planDueDate: '2026-03-31', resultReportStatus: k % 2 === 0 ? 'submitted' : null, recommendationResponse: 'pending' }
                : NOTHING_YET) as RemediationFacts,
          }))
          .concat(
            items
              .filter((item) => item.conclusion === 'conforms' && rnd() < 0.15)
              .map((item) => ({
                severity: 'recommendation' as Severity,
                itemNo: item.no,
                remediation: { ...NOTHING_YET, recommendationResponse: status === 'reported' ? 'pending' : rnd() < 0.7 ? 'will_act' : 'declined' },
              })),
          )
      : [];
    audits.push({
      auditId: `A${fiscalYear}-${String(i + 1).padStart(3, '0')}`,
      auditeeName: `${pref}がん登録室`,
      auditeeKind: 'registry',
      auditKind: 'planned',
      status,
      plannedMonth: month,
      catalogue: { code: BASELINE.ref.code, title: BASELINE.ref.title, version: BASELINE.ref.version },
      items,
      findings,
    });
  }
  audits.push({
    auditId: `A${fiscalYear}-U01`,
    auditeeName: '国立〇〇研究所 がん疫学研究室',
    auditeeKind: 'data_user',
    auditKind: 'for_cause',
    status: 'fieldwork',
    plannedMonth: null,
    catalogue: { code: 'data-user-measures', title: '情報の利用者の安全管理措置', version: '1' },
    items: [],
    findings: [],
  });
  return {
    fiscalYear,
    auditBody: { name: AUDIT_BODY },
    preparedOn: '2026-05-29',
    edition: 'final',
    commentary:
      '本年度は、年度監査計画に基づく監査のほか、情報の利用者に対する臨時監査を1件実施した。\n不適合の多くは、マニュアル、個人データ取扱台帳及び事故時対応手順の整備（管理策A）に関するものであった。',
    audits,
  };
}

export function annualSummaryModel(auditCount = 47): AnnualSummaryModel {
  return assembleAnnualSummary(annualSummaryInput(auditCount));
}

// =============================================================================================
// 自己点検調査: the published rounds of seeds/surveys, as SurveysService.surveySection gives them
// =============================================================================================

interface SeedSurveyRound {
  fiscalYear: number;
  audience: 'registry' | 'data_user';
  catalog: { code: string; version: string } | null;
  title: { ja: string };
  itemsSurveyed: number | null;
  respondents: number | null;
  allItemsMet: number | null;
  allItemsMetPercent: string | null;
  distribution: { notMetItems: number; respondents: number; percent: string | null }[] | null;
  itemNotMet: { no: number; notMet: number }[];
  notes: { ja: string; ref?: string }[];
  notGiven: { ja: string }[];
  textBreakdown?: { ja: string; notMet?: number }[];
}

const SURVEY_SEED = JSON.parse(readFileSync(join(__dirname, '..', '..', 'seeds', 'surveys', 'minimum-baseline-published.json'), 'utf8')) as {
  source: { document: string; sections: string[] };
  rounds: SeedSurveyRound[];
};

/** The 2013 version of the minimum baseline, which the FY2013 survey used. */
export const BASELINE_2013 = loadCatalogue('minimum-baseline.json', '2013');

/** The survey part of the annual summary input of `fiscalYear`, from the published rounds only. */
export function annualSurveyInput(fiscalYear: number): AnnualSurveyInput {
  const all = SURVEY_SEED.rounds;
  const rounds = all
    .filter((r) => r.fiscalYear === fiscalYear)
    .map((r): AnnualSurveyRoundInput => {
      const counts = new Map(r.itemNotMet.map((x) => [x.no, x.notMet]));
      const catalogue = r.catalog ? loadCatalogue('minimum-baseline.json', r.catalog.version) : null;
      return {
        audience: r.audience,
        origin: 'published',
        status: 'closed',
        title: r.title.ja,
        public: r.audience === 'registry',
        catalogue: catalogue ? { title: catalogue.ref.title, version: catalogue.ref.version, versionLabel: catalogue.ref.versionLabel } : null,
        expectedRespondents: null,
        submitted: null,
        itemsSurveyed: r.itemsSurveyed,
        respondents: r.respondents,
        allItemsMet: r.allItemsMet,
        allItemsMetPrintedPercent: r.allItemsMetPercent,
        distribution: r.distribution?.map((d) => ({ notMetItems: d.notMetItems, respondents: d.respondents, printedPercent: d.percent })) ?? null,
        items: (catalogue?.items ?? []).map((i) => ({ ...i, notMet: counts.get(i.no) ?? null })),
        trend: all
          .filter((x) => x.audience === r.audience && x.fiscalYear <= fiscalYear)
          .map((x) => ({
            fiscalYear: x.fiscalYear, origin: 'published' as const, itemsSurveyed: x.itemsSurveyed, respondents: x.respondents,
            allItemsMet: x.allItemsMet, printedPercent: x.allItemsMetPercent,
          })),
        notes: r.notes.map((n) => ({ text: n.ja, ref: n.ref ?? null })),
        notGiven: r.notGiven.map((n) => n.ja),
        textBreakdown: (r.textBreakdown ?? []).map((b) => ({ text: b.ja, notMet: b.notMet ?? null })),
        source: SURVEY_SEED.source,
      };
    });
  return { rounds };
}

/** An annual summary of `auditCount` audits with the survey section of `surveyYear`'s rounds. */
export function annualSummaryWithSurvey(surveyYear = 2013, auditCount = 47): AnnualSummaryModel {
  return assembleAnnualSummary({ ...annualSummaryInput(auditCount), survey: annualSurveyInput(surveyYear) });
}
