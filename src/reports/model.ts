/**
 * The data models of Kansa's reports — "build the model once, render it many times".
 *
 * Each report exists twice as a type:
 * - an *input* (`…Input`): the facts a builder reads from the database, one field per column
 *   or relation, with no computation; and
 * - a *model* (`…Model`): the input plus what is derived from it (counts, the category × zone
 *   matrix, finding numbers, the audit period …), made by one pure function in `assemble.ts`
 *   (`assembleAuditReport`, `assembleAnnualSummary`, `assembleWorkpaperExport`,
 *   `toPublicSummary`).
 *
 * Renderers (HTML/PDF from `templates/`, DOCX) take only models. They never query and never
 * count: two formats cannot disagree about a number.
 *
 * Plain TypeScript: no Nest, no TypeORM. Dates are calendar dates 'YYYY-MM-DD' (IsoDate), times
 * of day 'HH:MM'. Enumerations are the words of the audit domain (`src/audit/vocabulary.ts`).
 */
import type { IsoDate, IsoMonth } from '../audit/dates';
import type { SurveyAudience, SurveyRoundOrigin, SurveyRoundStatus } from '../audit/survey';
import type {
  AuditKind,
  AuditStatus,
  AuditeeResponse,
  Conclusion,
  OrganisationKind,
  Procedure,
  RecommendationResponse,
  ReviewNoteStatus,
  Severity,
  SubmissionStatus,
} from '../audit/vocabulary';

export type { IsoDate, IsoMonth };

/** Control category of the minimum baseline (付表5). */
export const CONTROL_CATEGORIES = ['A', 'B', 'C', 'D'] as const;
export type ControlCategory = (typeof CONTROL_CATEGORIES)[number];

/** Defence zone (付表1). */
export const DEFENCE_ZONES = [0, 1, 2, 3] as const;
export type DefenceZone = (typeof DEFENCE_ZONES)[number];

/** A draft (草案) carries a DRAFT mark; the final (確定版) is issued and frozen. */
export type ReportEdition = 'draft' | 'final';

/** The auditee kinds (被監査主体). */
export type AuditeeKind = Extract<OrganisationKind, 'registry' | 'data_user'>;

// =============================================================================================
// Shared pieces
// =============================================================================================

export interface PersonRef {
  readonly name: string;
  /** Post or title (役職), e.g. 主任研究員. Optional. */
  readonly title?: string | null;
}

/** The criteria catalogue version an audit uses (監査基準). */
export interface CatalogueRef {
  /** e.g. 'minimum-baseline' */
  readonly code: string;
  /** e.g. ミニマムベースラインチェック項目 */
  readonly title: string;
  /** e.g. '2014' */
  readonly version: string;
  /** e.g. 平成25年度調査後の改訂版（付表6） */
  readonly versionLabel: string | null;
  /** Number of items in the catalogue version (all, not only the in-scope ones). */
  readonly itemCount: number;
}

/** One catalogue item as the audit saw it. */
export interface ItemResult {
  readonly no: number;
  readonly text: string;
  /** A–D where the catalogue has categories (minimum baseline), else null. */
  readonly category: ControlCategory | null;
  /** 0–3 where the catalogue has zones (minimum baseline), else null. */
  readonly zone: DefenceZone | null;
  /** Null while the workpaper has no conclusion (only possible in a draft). */
  readonly conclusion: Conclusion | null;
  /** The procedures applied to the item in its workpaper (each at most once). */
  readonly procedures: readonly Procedure[];
}

/** One cell of the category × zone matrix. */
export interface MatrixCell {
  /** Items concluded 'conforms'. */
  readonly conforming: number;
  /** Items evaluated: every item of the cell except 'not_applicable'. */
  readonly total: number;
  readonly nonConforming: number;
  /** 'not_applicable' items, shown as a note, not counted in `total`. */
  readonly notApplicable: number;
}

/**
 * Results by control category A–D (rows) × defence zone 0–3 (columns), with row and column
 * totals. Cells with total 0 have no item of that category in that zone.
 */
export interface CategoryZoneMatrix {
  readonly rows: readonly {
    readonly category: ControlCategory;
    readonly cells: readonly MatrixCell[]; // index = zone 0..3
    readonly total: MatrixCell;
  }[];
  readonly zoneTotals: readonly MatrixCell[]; // index = zone 0..3
  readonly total: MatrixCell;
  /** In-scope items without category or zone (not in the matrix). */
  readonly unclassifiedItemCount: number;
}

export interface SeverityCounts {
  readonly major: number;
  readonly minor: number;
  readonly recommendation: number;
  readonly total: number;
}

/** Remediation in the general terms that may be published (公表用). */
export const PUBLIC_REMEDIATION_STATUSES = [
  'remediated', // 改善済: result report accepted
  'in_progress', // 改善中: plan submitted or accepted, result not yet accepted
  'not_started', // 未着手: nothing submitted yet
  'will_act', // recommendation: the auditee will act (対応予定)
  'declined', // recommendation: the auditee decided not to act (対応しない)
  'no_answer', // recommendation: no answer yet (未回答)
] as const;
export type PublicRemediationStatus = (typeof PUBLIC_REMEDIATION_STATUSES)[number];

/** What the auditee has submitted for a finding so far (改善計画書・改善報告書・推奨事項への回答). */
export interface RemediationFacts {
  /** Deficiencies: latest remediation plan status; null = none. */
  readonly planStatus: SubmissionStatus | null;
  /** Deficiencies: completion date of the accepted plan (完了予定日). */
  readonly planDueDate: IsoDate | null;
  /** Deficiencies: latest result report status; null = none. */
  readonly resultReportStatus: SubmissionStatus | null;
  /** Recommendations: the auditee's answer. */
  readonly recommendationResponse: RecommendationResponse;
}

// =============================================================================================
// 監査報告書 — the audit report
// =============================================================================================

export interface AuditReportCover {
  /** 報告書番号, e.g. 監報第2025-003号 */
  readonly reportNumber: string;
  /** 報告日 */
  readonly reportDate: IsoDate;
  readonly edition: ReportEdition;
  readonly auditKind: AuditKind;
  readonly auditee: { readonly name: string; readonly kind: AuditeeKind };
  /** 監査主体 */
  readonly auditBody: { readonly name: string };
  /** 事前文書監査: the period of the document review and the deadline for the documents. */
  readonly documentReview: { readonly start: IsoDate; readonly end: IsoDate; readonly deadline: IsoDate | null };
  /** 現地監査: day, start and end time ('HH:MM', both or neither: not every audit records them), place. */
  readonly visit: { readonly date: IsoDate; readonly startTime: string | null; readonly endTime: string | null; readonly place: string | null };
  /** 監査統括責任者 (optional on the cover). */
  readonly chiefAuditExecutive: PersonRef | null;
  /** 監査責任者 */
  readonly manager: PersonRef;
  /** 監査人 (at least two). */
  readonly auditors: readonly PersonRef[];
  /** 被監査主体の対応者 — auditee staff met on site (never published). */
  readonly auditeeAttendees: readonly PersonRef[];
}

export interface FindingInput {
  readonly id: string;
  readonly severity: Severity;
  /** The item of the workpaper the finding was raised from. */
  readonly itemNo: number;
  /** 現状 */
  readonly condition: string;
  /** 基準 — the finding's statement of the criterion (the item text is added from the item table). */
  readonly criterion: string;
  /** 原因 */
  readonly cause: string;
  /** 影響 */
  readonly effect: string;
  /** 改善提案 */
  readonly recommendedAction: string;
  /** 監査結果の合意 */
  readonly auditeeResponse: AuditeeResponse;
  readonly disputeReason: string | null;
  readonly remediation: RemediationFacts;
}

export interface Finding extends FindingInput {
  /** Number within its severity, from 1, in item order: 軽欠点 2 → ordinal 2. */
  readonly ordinal: number;
  /** Display reference, e.g. '軽欠点-2'. */
  readonly ref: string;
  /** The catalogue item the finding is measured against (no + text), from the item table. */
  readonly item: { readonly no: number; readonly text: string; readonly category: ControlCategory | null; readonly zone: DefenceZone | null };
  /** In public terms (改善済/改善中/未着手 …). */
  readonly publicStatus: PublicRemediationStatus;
}

export interface FindingGroup {
  readonly severity: Severity;
  readonly findings: readonly Finding[];
}

/** One line of 改善の要請: what the auditee owes for a finding, by when. */
export interface RemediationRequest {
  readonly findingId: string;
  readonly ref: string;
  readonly severity: Severity;
  readonly itemNo: number;
  /** What is requested next: a plan, a result report, an answer, or nothing (done). */
  readonly requested: 'remediation_plan' | 'result_report' | 'recommendation_answer' | 'none';
  readonly dueDate: IsoDate | null;
  readonly status: PublicRemediationStatus;
}

export interface ProcedureCount {
  readonly procedure: Procedure;
  /** Number of in-scope items to which the procedure was applied. */
  readonly itemCount: number;
}

export interface AuditReportInput {
  readonly cover: AuditReportCover;
  /** 1. 監査の目的 */
  readonly purpose: string;
  /** 2. 監査の範囲 — free text (sites, period, systems). */
  readonly scope: string;
  readonly catalogue: CatalogueRef;
  /** Catalogue items left out of the scope, with the one reason recorded for the scope. */
  readonly excludedItems: readonly { readonly no: number; readonly text: string }[];
  readonly exclusionReason: string | null;
  /** 監査意見・総括 — the overall result in the audit manager's words. */
  readonly overallResult: string;
  /** Every in-scope item, any order (sorted by number on assembly). */
  readonly items: readonly ItemResult[];
  readonly findings: readonly FindingInput[];
  /** 改善計画書の提出期限 (set when the report is issued). */
  readonly planDeadline: IsoDate | null;
}

export interface AuditReportModel extends Omit<AuditReportInput, 'findings'> {
  readonly kind: 'audit_report';
  /** Earliest to latest date of the fieldwork (document review and visit). */
  readonly auditPeriod: { readonly start: IsoDate; readonly end: IsoDate };
  /** Null when the visit times are not recorded. */
  readonly visitHours: number | null;
  readonly procedureCounts: readonly ProcedureCount[];
  readonly conclusionCounts: Readonly<Record<Conclusion | 'none', number>>;
  readonly severityCounts: SeverityCounts;
  /** All findings in report order (major, minor, recommendation; by item within each). */
  readonly findings: readonly Finding[];
  /** The same findings grouped by severity; every severity present, possibly empty. */
  readonly findingGroups: readonly FindingGroup[];
  /** Null when the catalogue has no categories and zones (e.g. the 120-item checklist). */
  readonly matrix: CategoryZoneMatrix | null;
  readonly remediationRequests: readonly RemediationRequest[];
}

// =============================================================================================
// 公表用概要 — the public summary
// =============================================================================================

/** What the audit body decides at publication. */
export interface PublicationInput {
  /** 公表日 */
  readonly publishedOn: IsoDate;
  /** 監査主体の所見 — the statement written for the public. */
  readonly statement: string;
}

/**
 * ONLY publishable data. Built by `toPublicSummary` from the full report by a whitelist: no
 * finding text, no workpaper, no evidence, no person's name.
 */
export interface PublicSummaryModel {
  readonly kind: 'public_summary';
  readonly auditee: { readonly name: string; readonly kind: AuditeeKind };
  readonly auditBody: { readonly name: string };
  readonly auditPeriod: { readonly start: IsoDate; readonly end: IsoDate };
  readonly catalogue: { readonly title: string; readonly version: string; readonly versionLabel: string | null; readonly itemCount: number };
  readonly inScopeItemCount: number;
  readonly severityCounts: SeverityCounts;
  readonly findings: readonly {
    readonly ref: string;
    readonly severity: Severity;
    readonly itemNo: number;
    readonly status: PublicRemediationStatus;
  }[];
  readonly statement: string;
  readonly publishedOn: IsoDate;
}

// =============================================================================================
// 監査結果総括 — the annual summary
// =============================================================================================

export interface AnnualAuditInput {
  readonly auditId: string;
  readonly auditeeName: string;
  readonly auditeeKind: AuditeeKind;
  readonly auditKind: AuditKind;
  readonly status: AuditStatus;
  /** 実施予定月 (planned audits). */
  readonly plannedMonth: IsoMonth | null;
  readonly catalogue: { readonly code: string; readonly title: string; readonly version: string };
  /** The item results (empty before fieldwork). */
  readonly items: readonly Pick<ItemResult, 'no' | 'text' | 'category' | 'zone' | 'conclusion'>[];
  /** Findings with their follow-up (empty before the report). */
  readonly findings: readonly {
    readonly severity: Severity;
    readonly itemNo: number;
    readonly remediation: RemediationFacts;
  }[];
}

export interface AnnualSummaryInput {
  /** 年度 (April–March), named by its starting year. */
  readonly fiscalYear: number;
  readonly auditBody: { readonly name: string };
  /** 作成日 */
  readonly preparedOn: IsoDate;
  readonly edition: ReportEdition;
  /** 総括 — free text by the chief audit executive. */
  readonly commentary: string;
  /** Audits of the fiscal year: those of the annual plan and those for cause. */
  readonly audits: readonly AnnualAuditInput[];
  /** How many criteria to list under "most often not met" (default 10). */
  readonly topCriteriaCount?: number;
  /**
   * 自己点検調査 — the national figures of the self-assessment survey rounds of the year.
   * Absent: the section is not part of this rendering (the builder always fills it; a year
   * without a round has `rounds: []` and the section says so).
   */
  readonly survey?: AnnualSurveyInput;
}

export interface StatusCount {
  readonly status: AuditStatus;
  readonly count: number;
}

export interface CriterionNotMet {
  readonly catalogueTitle: string;
  readonly catalogueVersion: string;
  readonly itemNo: number;
  readonly text: string;
  /** Audits in which the item was concluded 'does_not_conform'. */
  readonly count: number;
  /** Audits in which the item was evaluated (conclusion other than not_applicable / none). */
  readonly evaluated: number;
}

export interface AnnualSummaryModel {
  readonly kind: 'annual_summary';
  readonly fiscalYear: number;
  readonly fiscalYearStart: IsoDate;
  readonly fiscalYearEnd: IsoDate;
  readonly auditBody: { readonly name: string };
  readonly preparedOn: IsoDate;
  readonly edition: ReportEdition;
  readonly commentary: string;
  /** 計画 vs 実施: planned = audits of the annual plan (not cancelled); done = reported or later. */
  readonly auditCounts: {
    readonly planned: number;
    readonly forCause: number;
    readonly done: number;
    readonly cancelled: number;
    readonly total: number;
  };
  /** Every audit status, in process order, with its count (zeros included). */
  readonly statusCounts: readonly StatusCount[];
  readonly severityCounts: SeverityCounts;
  /** Item results of all audits with categories/zones, summed per cell. */
  readonly matrix: CategoryZoneMatrix | null;
  /** Findings (all severities) per category × zone, [category A..D][zone 0..3]. */
  readonly findingMatrix: {
    readonly rows: readonly { readonly category: ControlCategory; readonly counts: readonly number[]; readonly total: number }[];
    readonly zoneTotals: readonly number[];
    readonly total: number;
  } | null;
  readonly criteriaMostOftenNotMet: readonly CriterionNotMet[];
  /** Findings of the year by public remediation status (zeros included, in status order). */
  readonly remediationCounts: readonly { readonly status: PublicRemediationStatus; readonly count: number }[];
  /** One line per audit: the audit list of the year. */
  readonly audits: readonly {
    readonly auditId: string;
    readonly auditeeName: string;
    readonly auditeeKind: AuditeeKind;
    readonly auditKind: AuditKind;
    readonly status: AuditStatus;
    readonly plannedMonth: IsoMonth | null;
    readonly severityCounts: SeverityCounts;
  }[];
  /** 自己点検調査: null when the input had no survey part (not rendered). */
  readonly survey: AnnualSurveyModel | null;
}

// ---------------------------------------------------------------------------------------------
// 監査結果総括 › 自己点検調査（ミニマムベースライン達成状況調査）
//
// National figures only, as SurveysService.surveySection gives them: counts over all
// respondents, never a registry's name, answer or comment. A figure the source does not give
// is null — never 0 — and is shown as '―' with a note.
// ---------------------------------------------------------------------------------------------

export interface AnnualSurveyItemInput {
  readonly no: number;
  readonly text: string;
  readonly category: ControlCategory | null;
  readonly zone: DefenceZone | null;
  /** Respondents that did not meet the item; null = not given (published rounds). */
  readonly notMet: number | null;
}

/** A row of 表1: respondents by the number of items they did not meet. */
export interface AnnualSurveyDistributionInput {
  readonly notMetItems: number;
  readonly respondents: number;
  /** The percentage as the source prints it (published rounds), else null. */
  readonly printedPercent: string | null;
}

/** One year of the same audience's survey, up to the summary's year. */
export interface AnnualSurveyTrendInput {
  readonly fiscalYear: number;
  readonly origin: SurveyRoundOrigin;
  readonly itemsSurveyed: number | null;
  readonly respondents: number | null;
  readonly allItemsMet: number | null;
  /** The share meeting every item as printed (published rounds), e.g. '61.0'; else null. */
  readonly printedPercent: string | null;
}

export interface AnnualSurveyRoundInput {
  readonly audience: SurveyAudience;
  /** conducted: answered in Kansa; published: transcribed from a published report. */
  readonly origin: SurveyRoundOrigin;
  readonly status: SurveyRoundStatus;
  readonly title: string;
  /** Whether the national figures of the round may be shown to the public (closed registry rounds). */
  readonly public: boolean;
  readonly catalogue: { readonly title: string; readonly version: string; readonly versionLabel: string | null } | null;
  /** Conducted rounds: organisations expected to answer, and how many submitted; null for published ones. */
  readonly expectedRespondents: number | null;
  readonly submitted: number | null;
  /** 調査項目数; null when not given. */
  readonly itemsSurveyed: number | null;
  /** Respondents counted (submitted responses; published: 回答数); null when not given. */
  readonly respondents: number | null;
  /** 全項目を達成している登録数; null when not given. */
  readonly allItemsMet: number | null;
  /** The all-met share as printed, e.g. '51.1' (published rounds), else null. */
  readonly allItemsMetPrintedPercent: string | null;
  /** 表1 rows as given; null when the distribution is not given. */
  readonly distribution: readonly AnnualSurveyDistributionInput[] | null;
  /** 付表2: every catalogue item with its count (null where not given); empty without a catalogue version. */
  readonly items: readonly AnnualSurveyItemInput[];
  readonly trend: readonly AnnualSurveyTrendInput[];
  /** What the source's text says besides the tables (published rounds). */
  readonly notes: readonly { readonly text: string; readonly ref: string | null }[];
  /** What the source does not give. */
  readonly notGiven: readonly string[];
  /** Items the source names in words only, with its count (FY2012). */
  readonly textBreakdown: readonly { readonly text: string; readonly notMet: number | null }[];
  readonly source: { readonly document: string; readonly sections: readonly string[] } | null;
}

export interface AnnualSurveyInput {
  /** The rounds held in the fiscal year (registries, data users); empty when none was held. */
  readonly rounds: readonly AnnualSurveyRoundInput[];
}

export interface AnnualSurveyItem extends AnnualSurveyItemInput {
  /** notMet ÷ respondents with one decimal ('31.9'); null when either is not known. */
  readonly notMetPercent: string | null;
}

export interface AnnualSurveyDistributionRow extends AnnualSurveyDistributionInput {
  /** As printed, or computed with one decimal; null when the respondents are not known. */
  readonly percent: string | null;
}

export interface AnnualSurveyTrendPoint extends AnnualSurveyTrendInput {
  /** allItemsMet ÷ respondents, or the printed percentage; null when neither is given. */
  readonly allItemsMetPercent: string | null;
  /** The same as a share 0–1 (for the chart). */
  readonly allItemsMetShare: number | null;
}

export interface AnnualSurveyRound extends Omit<AnnualSurveyRoundInput, 'items' | 'distribution' | 'trend'> {
  /** allItemsMet ÷ respondents ('51.1'), or as printed; null when not given. */
  readonly allItemsMetPercent: string | null;
  /** Respondents that missed at least one item (respondents − allItemsMet); null when not known. */
  readonly someNotMet: number | null;
  readonly someNotMetPercent: string | null;
  /** Conducted rounds: submitted of expected, with the percentage. */
  readonly responseRate: { readonly submitted: number; readonly expected: number; readonly percent: string | null } | null;
  readonly distribution: readonly AnnualSurveyDistributionRow[] | null;
  /** Whether the rows of 表1 add up to the respondents (so a row not printed has no respondent). */
  readonly distributionComplete: boolean;
  /** Numbers of items not met, from 0 to the last row, for which 表1 prints no row (FY2013: 8). */
  readonly distributionRowsNotGiven: readonly number[];
  /** The 計 row of 表1. */
  readonly distributionTotal: { readonly respondents: number; readonly percent: string | null } | null;
  /** Σ (items not met × respondents) over 表1: the not-met answers of the year; null without 表1. */
  readonly notMetAnswers: number | null;
  readonly items: readonly AnnualSurveyItem[];
  /** Item numbers whose count is not given, ascending. */
  readonly itemsNotGiven: readonly number[];
  /** Sum of the given per-item counts. */
  readonly notMetOfGivenItems: number;
  /** The items most often not met (given counts only, count > 0), most first, then by number. */
  readonly mostOftenNotMet: readonly AnnualSurveyItem[];
  readonly trend: readonly AnnualSurveyTrendPoint[];
  /** True when some figure of the round is shown as '―' (not given). */
  readonly hasFiguresNotGiven: boolean;
}

export interface AnnualSurveyModel {
  readonly rounds: readonly AnnualSurveyRound[];
}

// =============================================================================================
// 監査調書 — the workpaper export
// =============================================================================================

export interface WorkpaperInput {
  readonly itemNo: number;
  readonly itemText: string;
  readonly category: ControlCategory | null;
  readonly zone: DefenceZone | null;
  readonly procedures: readonly {
    readonly procedure: Procedure;
    readonly performedOn: IsoDate | null;
    /** What was done (実施内容). */
    readonly description: string;
    /** What was seen (確認結果). */
    readonly observation: string;
  }[];
  /** References to evidence: document titles, uploaded file names (証跡). */
  readonly evidence: readonly { readonly ref: string; readonly title: string; readonly fileName: string | null; readonly sha256: string | null }[];
  readonly conclusion: Conclusion | null;
  /** Required by the domain when the conclusion is not_tested. */
  readonly notTestedReason: string | null;
  readonly preparer: { readonly name: string; readonly signedOn: IsoDate } | null;
  readonly reviewer: { readonly name: string; readonly signedOn: IsoDate } | null;
  readonly reviewNotes: readonly {
    readonly author: string;
    readonly writtenOn: IsoDate;
    readonly text: string;
    readonly status: ReviewNoteStatus;
    readonly response: string | null;
    readonly clearedOn: IsoDate | null;
  }[];
  /** References of the findings raised from this workpaper, e.g. '軽欠点-2' (optional). */
  readonly findingRefs?: readonly string[];
}

export interface WorkpaperExportInput {
  readonly auditee: { readonly name: string; readonly kind: AuditeeKind };
  readonly auditBody: { readonly name: string };
  /** The audit's reference, e.g. the report number or the audit id. */
  readonly auditRef: string;
  readonly catalogue: CatalogueRef;
  readonly visitDate: IsoDate | null;
  readonly manager: PersonRef;
  readonly auditors: readonly PersonRef[];
  /** 出力日 */
  readonly exportedOn: IsoDate;
  readonly workpapers: readonly WorkpaperInput[];
}

export interface WorkpaperExportModel extends WorkpaperExportInput {
  readonly kind: 'workpaper_export';
  readonly conclusionCounts: Readonly<Record<Conclusion | 'none', number>>;
  /** Workpapers signed by the preparer / by the reviewer. */
  readonly signedCounts: { readonly preparer: number; readonly reviewer: number; readonly total: number };
  readonly openReviewNoteCount: number;
}

/** Any of the four report models (discriminated by `kind`). */
export type ReportModel = AuditReportModel | PublicSummaryModel | AnnualSummaryModel | WorkpaperExportModel;
