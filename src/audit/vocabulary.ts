/**
 * The words of the audit handbook (source 001, 安全管理措置監査ハンドブック), each with its
 * Japanese and English label. Every union has a const array of its values, so that DTO
 * validation, database enums and the UI all enumerate the same list.
 */

/** A text in both working languages of Kansa. */
export interface Label {
  readonly ja: string;
  readonly en: string;
}

function isOneOf<T extends string>(values: readonly T[]) {
  return (value: unknown): value is T => typeof value === 'string' && (values as readonly string[]).includes(value);
}

// ---------------------------------------------------------------------------------------------
// Audit status — the steps of 付図1 (監査基本プロセス) and ハンドブック 2.(2)–(5)
// ---------------------------------------------------------------------------------------------

export const AUDIT_STATUSES = [
  'planned', //              2.(2)ウ 監査実施計画の策定
  'documents_requested', //  2.(2)エ 監査対応の準備 — the auditee prepares its documents
  'document_review', //      2.(3)イ 監査手続の実施 — 事前文書監査
  'fieldwork', //            2.(3)イ 監査手続の実施 — 現地での監査 (about 3 hours)
  'results_agreement', //    2.(3)ウ 監査結果の合意
  'reported', //             2.(4)イ 監査報告書の完成
  'remediation', //          2.(5)ア・イ 改善計画の立案と改善指導 / 改善の計画と実施
  'verified', //             2.(5)ウ 監査結果総括 (improvements confirmed)
  'published', //            2.(5)ウ 公表
  'cancelled',
] as const;
export type AuditStatus = (typeof AUDIT_STATUSES)[number];
export const isAuditStatus = isOneOf(AUDIT_STATUSES);

export const AUDIT_STATUS_LABELS: Readonly<Record<AuditStatus, Label>> = {
  planned: { ja: '計画', en: 'Planned' },
  documents_requested: { ja: '文書依頼済', en: 'Documents requested' },
  document_review: { ja: '事前文書監査', en: 'Document review' },
  fieldwork: { ja: '現地監査', en: 'Fieldwork' },
  results_agreement: { ja: '監査結果の合意', en: 'Results agreement' },
  reported: { ja: '報告済', en: 'Reported' },
  remediation: { ja: '改善対応', en: 'Remediation' },
  verified: { ja: '改善確認済', en: 'Remediation verified' },
  published: { ja: '公表済', en: 'Published' },
  cancelled: { ja: '中止', en: 'Cancelled' },
};

/** States after which an audit can no longer change (終了状態). */
export const TERMINAL_STATUSES: readonly AuditStatus[] = ['published', 'cancelled'];

// ---------------------------------------------------------------------------------------------
// Roles — ハンドブック 2.(1) 監査体制の整備
// ---------------------------------------------------------------------------------------------

export const ROLES = ['chief_audit_executive', 'audit_manager', 'auditor', 'auditee_manager', 'auditee_staff'] as const;
export type Role = (typeof ROLES)[number];
export const isRole = isOneOf(ROLES);

export const ROLE_LABELS: Readonly<Record<Role, Label>> = {
  chief_audit_executive: { ja: '監査統括責任者', en: 'Chief audit executive' },
  audit_manager: { ja: '監査責任者', en: 'Audit manager' },
  auditor: { ja: '監査人', en: 'Auditor' },
  auditee_manager: { ja: '被監査主体責任者', en: 'Auditee manager' },
  auditee_staff: { ja: '被監査主体担当者', en: 'Auditee staff' },
};

/** Roles held by people of the audit body (監査主体). */
export const AUDIT_BODY_ROLES: readonly Role[] = ['chief_audit_executive', 'audit_manager', 'auditor'];
/** Roles held by people of an auditee (被監査主体). */
export const AUDITEE_ROLES: readonly Role[] = ['auditee_manager', 'auditee_staff'];

// ---------------------------------------------------------------------------------------------
// Organisations
// ---------------------------------------------------------------------------------------------

export const ORGANISATION_KINDS = ['audit_body', 'registry', 'data_user'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];
export const isOrganisationKind = isOneOf(ORGANISATION_KINDS);

export const ORGANISATION_KIND_LABELS: Readonly<Record<OrganisationKind, Label>> = {
  audit_body: { ja: '監査主体', en: 'Audit body' },
  registry: { ja: '都道府県がん登録室', en: 'Prefectural cancer registry' },
  data_user: { ja: '情報の利用者', en: 'Data user' },
};

/** Kinds of organisation that can be audited (被監査主体). */
export const AUDITEE_KINDS: readonly OrganisationKind[] = ['registry', 'data_user'];

// ---------------------------------------------------------------------------------------------
// Audit kind — planned (年度監査計画) or for cause (source 003 第13・第14)
// ---------------------------------------------------------------------------------------------

export const AUDIT_KINDS = ['planned', 'for_cause'] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];
export const isAuditKind = isOneOf(AUDIT_KINDS);

export const AUDIT_KIND_LABELS: Readonly<Record<AuditKind, Label>> = {
  planned: { ja: '計画監査', en: 'Planned audit' },
  for_cause: { ja: '臨時監査（疑義に基づく監査）', en: 'For-cause audit' },
};

// ---------------------------------------------------------------------------------------------
// Audit procedures — 監査手続: 質問・閲覧・視察・再実施
// ---------------------------------------------------------------------------------------------

export const PROCEDURES = ['inquiry', 'inspection', 'observation', 'reperformance'] as const;
export type Procedure = (typeof PROCEDURES)[number];
export const isProcedure = isOneOf(PROCEDURES);

export const PROCEDURE_LABELS: Readonly<Record<Procedure, Label>> = {
  inquiry: { ja: '質問（ヒアリング）', en: 'Inquiry' },
  inspection: { ja: '閲覧', en: 'Inspection' },
  observation: { ja: '視察', en: 'Observation' },
  reperformance: { ja: '再実施', en: 'Re-performance' },
};

// ---------------------------------------------------------------------------------------------
// Workpaper conclusion — 監査調書の結論
// ---------------------------------------------------------------------------------------------

export const CONCLUSIONS = ['conforms', 'does_not_conform', 'not_applicable', 'not_tested'] as const;
export type Conclusion = (typeof CONCLUSIONS)[number];
export const isConclusion = isOneOf(CONCLUSIONS);

export const CONCLUSION_LABELS: Readonly<Record<Conclusion, Label>> = {
  conforms: { ja: '適合', en: 'Conforms' },
  does_not_conform: { ja: '不適合', en: 'Does not conform' },
  not_applicable: { ja: '該当なし', en: 'Not applicable' },
  not_tested: { ja: '未実施', en: 'Not tested' },
};

// ---------------------------------------------------------------------------------------------
// Finding severity — 指摘事項: 重欠点・軽欠点・推奨事項
// ---------------------------------------------------------------------------------------------

export const SEVERITIES = ['major', 'minor', 'recommendation'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const isSeverity = isOneOf(SEVERITIES);

export const SEVERITY_LABELS: Readonly<Record<Severity, Label>> = {
  major: { ja: '重欠点', en: 'Major deficiency' },
  minor: { ja: '軽欠点', en: 'Minor deficiency' },
  recommendation: { ja: '推奨事項', en: 'Recommendation' },
};

/** What each class means, in the words of source 001 (模擬監査結果). */
export const SEVERITY_DEFINITIONS: Readonly<Record<Severity, Label>> = {
  major: {
    ja: '個人情報漏えいに直結しうる不備',
    en: 'A defect that can lead directly to a leak of personal data',
  },
  minor: {
    ja: '緊急性はないが改善が求められる不備',
    en: 'Not urgent, but improvement is required',
  },
  recommendation: {
    ja: '被監査主体の判断で対応の可否を判断する事項',
    en: 'The auditee decides whether to act',
  },
};

/** Deficiencies (欠点) require a written remediation plan and result report. */
export const DEFICIENCY_SEVERITIES: readonly Severity[] = ['major', 'minor'];
export function isDeficiency(severity: Severity): boolean {
  return DEFICIENCY_SEVERITIES.includes(severity);
}

// ---------------------------------------------------------------------------------------------
// The auditee's response to a finding — 監査結果の合意
// ---------------------------------------------------------------------------------------------

export const AUDITEE_RESPONSES = ['pending', 'accepted', 'disputed'] as const;
export type AuditeeResponse = (typeof AUDITEE_RESPONSES)[number];
export const isAuditeeResponse = isOneOf(AUDITEE_RESPONSES);

export const AUDITEE_RESPONSE_LABELS: Readonly<Record<AuditeeResponse, Label>> = {
  pending: { ja: '未回答', en: 'Pending' },
  accepted: { ja: '合意', en: 'Accepted' },
  disputed: { ja: '異議あり', en: 'Disputed' },
};

// ---------------------------------------------------------------------------------------------
// Written submissions of the auditee (改善計画書・改善報告書) and their review
// ---------------------------------------------------------------------------------------------

export const SUBMISSION_STATUSES = ['draft', 'submitted', 'accepted', 'returned'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];
export const isSubmissionStatus = isOneOf(SUBMISSION_STATUSES);

export const SUBMISSION_STATUS_LABELS: Readonly<Record<SubmissionStatus, Label>> = {
  draft: { ja: '下書き', en: 'Draft' },
  submitted: { ja: '提出済', en: 'Submitted' },
  accepted: { ja: '受理', en: 'Accepted' },
  returned: { ja: '差戻し', en: 'Returned' },
};

export const SUBMISSION_KINDS = ['remediation_plan', 'result_report'] as const;
export type SubmissionKind = (typeof SUBMISSION_KINDS)[number];
export const isSubmissionKind = isOneOf(SUBMISSION_KINDS);

export const SUBMISSION_KIND_LABELS: Readonly<Record<SubmissionKind, Label>> = {
  remediation_plan: { ja: '改善計画書', en: 'Remediation plan' },
  result_report: { ja: '改善報告書', en: 'Remediation result report' },
};

export const REVIEW_DECISIONS = ['accept', 'return'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];
export const isReviewDecision = isOneOf(REVIEW_DECISIONS);

export const REVIEW_DECISION_LABELS: Readonly<Record<ReviewDecision, Label>> = {
  accept: { ja: '受理', en: 'Accept' },
  return: { ja: '差戻し', en: 'Return' },
};

// ---------------------------------------------------------------------------------------------
// Answer to a recommendation (推奨事項への回答)
// ---------------------------------------------------------------------------------------------

export const RECOMMENDATION_RESPONSES = ['pending', 'will_act', 'declined'] as const;
export type RecommendationResponse = (typeof RECOMMENDATION_RESPONSES)[number];
export const isRecommendationResponse = isOneOf(RECOMMENDATION_RESPONSES);

export const RECOMMENDATION_RESPONSE_LABELS: Readonly<Record<RecommendationResponse, Label>> = {
  pending: { ja: '未回答', en: 'Pending' },
  will_act: { ja: '対応する', en: 'Will act' },
  declined: { ja: '対応しない', en: 'Declined' },
};

// ---------------------------------------------------------------------------------------------
// Annual audit plan (年度監査計画)
// ---------------------------------------------------------------------------------------------

export const PLAN_STATUSES = ['draft', 'approved'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];
export const isPlanStatus = isOneOf(PLAN_STATUSES);

export const PLAN_STATUS_LABELS: Readonly<Record<PlanStatus, Label>> = {
  draft: { ja: '案', en: 'Draft' },
  approved: { ja: '承認済', en: 'Approved' },
};

// ---------------------------------------------------------------------------------------------
// Review notes (レビューノート) on workpapers
// ---------------------------------------------------------------------------------------------

export const REVIEW_NOTE_STATUSES = ['open', 'cleared'] as const;
export type ReviewNoteStatus = (typeof REVIEW_NOTE_STATUSES)[number];
export const isReviewNoteStatus = isOneOf(REVIEW_NOTE_STATUSES);

export const REVIEW_NOTE_STATUS_LABELS: Readonly<Record<ReviewNoteStatus, Label>> = {
  open: { ja: '未解消', en: 'Open' },
  cleared: { ja: '解消済', en: 'Cleared' },
};

/** The on-site visit takes about three hours (監査ハンドブック: 現地で行う調査の所要時間は3時間程度). */
export const STANDARD_VISIT_HOURS = 3;

/** Every audit has at least two auditors besides the manager (1件の監査につき最低2名の監査人). */
export const MIN_AUDITORS_PER_AUDIT = 2;
