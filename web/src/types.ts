/** The shapes of Kansa's API answers, as the UI uses them. */
import type {
  AuditKind, AuditStatus, AuditeeResponse, Conclusion, Label, OrganisationKind, Procedure, RecommendationResponse, Role, Severity,
  SubmissionKind, SubmissionStatus,
} from '../../src/audit/vocabulary';
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
  manager: { id: number; name: string } | null;
  team: { id: number; name: string; roles: Role[] }[];
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
