/** The shapes of Kansa's API answers, as the UI uses them. */
import type {
  AuditKind, AuditStatus, AuditeeResponse, Conclusion, Label, OrganisationKind, Procedure, RecommendationResponse, Role, Severity,
  SubmissionKind, SubmissionStatus,
} from '../../src/audit/vocabulary';
import type {
  PlanningSortKey, SortOrder, SurveyAnswer, SurveyAudience, SurveyResponseStatus, SurveyRoundOrigin, SurveyRoundStatus,
} from '../../src/audit/survey';
import type { ViolationBody } from './api';

export interface Me {
  personId: number;
  organisationId: number;
  organisationKind: string;
  roles: Role[];
  name: string;
  email: string;
  sessionKind: 'browser' | 'api';
  mustChangePassword: boolean;
}

export interface Organisation {
  id: number;
  key: string;
  kind: OrganisationKind;
  name: string;
  nameEn: string | null;
  prefectureCode: string | null;
}

export interface Person {
  id: number;
  organisationId: number;
  email: string;
  name: string;
  nameEn: string | null;
  /** 役職, display only. */
  jobTitle: string | null;
  roles: Role[];
  pledgeSignedOn: string | null;
  conflictOrganisationIds: number[];
  active: boolean;
}

export interface AuditRow {
  id: number;
  reference: string;
  kind: AuditKind;
  planId: number | null;
  fiscalYear: number;
  auditeeId: number;
  auditee?: Organisation;
  status: AuditStatus;
  plannedMonth: string | null;
  managerId: number | null;
  documentDeadline: string | null;
  visitDate: string | null;
  visitStart: string | null;
  visitEnd: string | null;
  reportIssuedOn: string | null;
  remediationPlanDeadline: string | null;
  publishedOn: string | null;
  scopeItems: number[];
  scopeExclusionReason: string | null;
  forCauseTrigger: string | null;
  cancelReason: string | null;
  version: number;
}

export interface NextStep {
  to: AuditStatus;
  action: Label;
  by: string[];
  ready: boolean;
  missing: ViolationBody[];
}

export interface AuditDetail extends AuditRow {
  auditee: Organisation;
  catalog: { code: string; title: Label; version: string; itemCount: number };
  manager: { id: number; name: string; jobTitle: string | null } | null;
  team: { id: number; name: string; jobTitle: string | null; roles: Role[] }[];
  myRelations: ('chief' | 'manager' | 'team' | 'auditee')[];
  progress?: { workpapers: number; concluded: number; preparerSigned: number; reviewerSigned: number };
  findingCounts?: Record<Severity, number>;
  documentRequests: { total: number; answered: number };
  nextActions: NextStep[];
  availableTransitions: { to: AuditStatus; action: Label; requiresReason: boolean; early: boolean }[];
}

export interface CatalogSummary {
  code: string;
  title: Label;
  version: string;
  itemCount: number;
  versions: { version: string; label: Label; itemCount: number }[];
}

export interface CatalogItem {
  no: number;
  text: string;
  textEn?: string;
  category?: string;
  zone?: number;
  group?: string;
  mandatory?: boolean;
}

export interface CatalogDetail {
  code: string;
  title: Label;
  version: string;
  groups: { code: string; title?: Label | string; ja?: string; en?: string }[];
  items: CatalogItem[];
}

export interface ProcedureEntry {
  procedure: Procedure;
  performedOn: string | null;
  description: string;
  observation: string;
}

/** What an auditor edits in a workpaper (the body of PUT, without the version). */
export interface WorkpaperContent {
  procedures: ProcedureEntry[];
  evidenceRefs: string[];
  conclusion: Conclusion | null;
  notTestedReason: string | null;
}

export interface WorkpaperItem {
  no: number;
  text: string;
  textEn: string | null;
  category: string | null;
  zone: number | null;
  group: string | null;
}

export interface ReviewNote {
  id: number;
  text: string;
  author: { id: number; name: string | null };
  createdAt: string;
  status: 'open' | 'cleared';
  clearedBy: { id: number; name: string | null } | null;
  clearedAt: string | null;
  resolution: string | null;
}

export interface Workpaper extends WorkpaperContent {
  id: number;
  auditId: number;
  itemNo: number;
  version: number;
  preparer: { id: number; name: string | null; at: string | null } | null;
  reviewer: { id: number; name: string | null; at: string | null } | null;
  updatedAt: string;
  inScope?: boolean;
  openReviewNotes?: number;
  item?: WorkpaperItem | null;
  reviewNotes?: ReviewNote[];
}

export interface StoredFileView {
  id: number;
  documentRequestId: number | null;
  purpose: 'document' | 'evidence';
  name: string;
  mediaType: string;
  size: number;
  sha256: string;
  uploadedAt: string;
}

export interface DocumentRequestView {
  id: number;
  title: string;
  titleEn: string | null;
  relatedItems: number[];
  reviewNote?: string | null;
  reviewedAt?: string | null;
  files: StoredFileView[];
}

export interface DocumentsView {
  requests: DocumentRequestView[];
  evidence: StoredFileView[];
}

export interface Submission {
  id: number;
  kind: SubmissionKind;
  sequence: number;
  status: SubmissionStatus;
  text: string;
  owner: string | null;
  dueDate: string | null;
  evidenceFileIds: number[];
  submittedAt: string | null;
  reviewedAt: string | null;
  reviewComment: string | null;
}

export interface Finding {
  id: number;
  ref: string;
  seq: number;
  auditId: number;
  workpaperId: number;
  itemNo: number;
  severity: Severity;
  condition: string;
  criterion: string;
  cause: string;
  effect: string;
  recommendedAction: string;
  auditeeResponse: AuditeeResponse;
  disputeReason: string | null;
  respondedAt: string | null;
  recommendationResponse: RecommendationResponse;
  recommendationDeclineReason: string | null;
  version: number;
  submissions: Submission[];
}

export interface Plan {
  id: number;
  fiscalYear: number;
  title: string;
  status: 'draft' | 'approved';
  revision: number;
  approvedOn: string | null;
  callOpensOn: string | null;
  callClosesOn: string | null;
  callDescription: string | null;
  applications?: {
    id: number;
    organisationId: number;
    organisation?: Organisation;
    receivedOn: string;
    note: string | null;
    status: 'received' | 'selected' | 'not_selected';
    /** Why it was not selected (what the applicant is told). */
    decisionReason: string | null;
    decidedOn: string | null;
  }[];
  revisions?: { id: number; revision: number; reason: string; revisedAt: string }[];
}

export interface OverdueItem {
  auditId: number;
  reference: string;
  findingId: number;
  ref: string;
  itemNo: number;
  kind?: string;
  severity?: Severity;
  dueDate?: string;
  daysOverdue?: number;
  ja?: string;
  en?: string;
  [key: string]: unknown;
}

export interface DashboardCell {
  category: string;
  zone: number;
  items: number;
  concluded: number;
  conforms: number;
  doesNotConform: number;
  notApplicable: number;
  notTested: number;
}

export interface DashboardResults {
  fiscalYear: number;
  auditCount: number;
  statusCounts: Partial<Record<AuditStatus, number>>;
  matrix: { categories: string[]; zones: number[]; cells: DashboardCell[]; audits: number };
  severityByMonth: { month: string; major: number; minor: number; recommendation: number }[];
  severityTotals: Record<Severity, number>;
  findingsByCategory: { category: string; major: number; minor: number; recommendation: number }[];
}

export interface ActivityEntry {
  id: number;
  at?: string;
  createdAt?: string;
  action: string;
  actorId: number | null;
  [key: string]: unknown;
}

// ---- the yearly self-assessment survey (src/modules/surveys) ----------------------------------

export interface SurveyRound {
  id: number;
  fiscalYear: number;
  fiscalYearLabel: Label;
  audience: SurveyAudience;
  audienceLabel: Label;
  origin: SurveyRoundOrigin;
  status: SurveyRoundStatus;
  statusLabel: Label;
  title: { ja: string; en: string | null };
  catalog: { code: string; title: Label; version: string; versionLabel: Label; itemCount: number } | null;
  dueOn: string | null;
  openedOn: string | null;
  closedOn: string | null;
  public: boolean;
  /** Audit body: counts of a conducted round. */
  progress?: { expected: number; submitted: number; notSubmitted: number } | null;
  /** Respondents: their own response's status. */
  myResponse?: { status: SurveyResponseStatus; statusLabel: Label } | null;
}

export interface SurveyRespondentRow {
  organisation: Pick<Organisation, 'id' | 'key' | 'kind' | 'name' | 'nameEn' | 'prefectureCode'>;
  status: SurveyResponseStatus;
  statusLabel: Label;
  answered: number;
  items: number;
  submittedAt: string | null;
  late: boolean;
  overdue: boolean;
  reopenCount: number;
  reopenReason: string | null;
  result: { rate: number | null; notMet: number; notMetItemNos: number[]; allMet: boolean } | null;
}

export interface SurveyProgress {
  round: SurveyRound;
  counts: { expected: number; submitted: number; notSubmitted: number } | null;
  notSubmitted: (SurveyRespondentRow['organisation'] & { status: SurveyResponseStatus; statusLabel: Label; overdue: boolean })[];
  respondents: SurveyRespondentRow[];
}

export interface SurveyResponseItem {
  no: number;
  text: string;
  textEn: string | null;
  category: string | null;
  zone: number | null;
  group: string | null;
  mandatory: boolean;
  answer: SurveyAnswer | null;
  answerLabel: Label | null;
  comment: string | null;
}

export interface SurveyResponseView {
  roundId: number;
  fiscalYear: number;
  roundStatus: SurveyRoundStatus;
  dueOn: string | null;
  organisation: SurveyRespondentRow['organisation'];
  catalog: { code: string; version: string; title: Label };
  status: SurveyResponseStatus;
  statusLabel: Label;
  version: number;
  submittedAt: string | null;
  submittedById: number | null;
  late: boolean;
  reopen: { count: number; reason: string | null; at: string | null; byId: number | null } | null;
  items: SurveyResponseItem[];
  progress: { items: number; answered: number; unansweredItemNos: number[] };
  allowed: { edit: boolean; submit: boolean; reopen: boolean };
}

export interface SurveyScoreCell {
  items: number;
  met: number;
  notMet: number;
  notApplicable: number;
  unanswered: number;
  rate: number | null;
}

export interface SurveyKeyedScore<K> extends SurveyScoreCell {
  key: K;
  label: Label;
}

export interface SurveyCellChange<K> {
  key: K;
  rateChange: number | null;
  notMetChange: number;
}

export interface SurveyResults {
  roundId: number;
  fiscalYear: number;
  organisation: SurveyRespondentRow['organisation'];
  status: SurveyResponseStatus;
  final: boolean;
  catalog: { code: string; version: string };
  score: {
    overall: SurveyScoreCell;
    byCategory: SurveyKeyedScore<string>[];
    byZone: SurveyKeyedScore<number>[];
    byGroup: SurveyKeyedScore<string>[];
    notMetItemNos: number[];
    unansweredItemNos: number[];
    allMet: boolean;
    complete: boolean;
  };
  change: {
    previousFiscalYear: number;
    sameCatalogVersion: boolean;
    overall: SurveyCellChange<'overall'>;
    byCategory: SurveyCellChange<string>[];
    byZone: SurveyCellChange<number>[];
    byGroup: SurveyCellChange<string>[];
    newlyNotMet: number[];
    newlyMet: number[];
  } | null;
}

export interface SurveyNote {
  ja: string;
  en: string;
  ref?: string;
  notMet?: number;
}

/** One year's national figures (表1 and 付表2 shape); null = the source does not give it. */
export interface SurveyNational {
  round: SurveyRound;
  fiscalYear: number;
  origin: SurveyRoundOrigin;
  itemsSurveyed: number | null;
  respondents: number | null;
  allItemsMet: number | null;
  allItemsMetShare: number | null;
  allItemsMetPercent: string | null;
  distribution: { notMetItems: number; respondents: number; percent: string | null }[] | null;
  items: {
    no: number; category: string | null; zone: number | null; group: string | null;
    notMet: number | null; notApplicable: number | null; met: number | null;
    text: string | null; textEn: string | null; notMetPercent: string | null;
  }[];
  byCategory: { key: string; items: number; notMet: number | null; respondentsMeetingAll: number | null; label: Label }[];
  byZone: { key: number; items: number; notMet: number | null; respondentsMeetingAll: number | null; label: Label }[];
  notes: SurveyNote[];
  notGiven: SurveyNote[];
  textBreakdown: SurveyNote[];
  source: { document: string; sections: string[] } | null;
}

export interface PublicNationalIndex {
  audience: 'registry';
  trend: { fiscalYear: number; origin: SurveyRoundOrigin; itemsSurveyed: number | null; respondents: number | null; allItemsMet: number | null; allItemsMetShare: number | null; allItemsMetPercent: string | null }[];
  years: { fiscalYear: number; origin: SurveyRoundOrigin; title: { ja: string; en: string | null } }[];
}

export interface PlanningAuditeeRow {
  organisationId: string;
  name: string;
  selfAssessmentRate: number | null;
  notMetItems: number | null;
  yearsSinceLastAudit: number | null;
  openFindings: number;
  organisation: SurveyRespondentRow['organisation'];
  selfAssessment: {
    fiscalYear: number;
    roundId: number;
    rate: number | null;
    notMet: number;
    notMetItemNos: number[];
    byCategory: { key: string; rate: number | null; notMet: number }[];
    byZone: { key: number; rate: number | null; notMet: number }[];
    change: { previousFiscalYear: number; rateChange: number | null; notMetChange: number; newlyNotMet: number[] } | null;
  } | null;
  lastAudit: { id: number; reference: string; fiscalYear: number; visitDate: string; status: AuditStatus } | null;
  auditsHeld: number;
  upcomingAudits: { id: number; reference: string; fiscalYear: number; status: AuditStatus; plannedMonth: string | null }[];
  openFindingsBySeverity: Record<Severity, number>;
}

export interface PlanningAuditees {
  fiscalYear: number;
  sort: PlanningSortKey;
  order: SortOrder;
  rows: PlanningAuditeeRow[];
}
