import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type {
  AuditeeResponse, AuditKind, Conclusion, IsoDate, OrganisationKind, Procedure, RecommendationResponse, Role, Severity,
} from '../../audit';

/**
 * The shape of the demo data set in seeds/demo/ (see seeds/demo/manifest.json, which describes
 * every file and field; `node scripts/transcribe/check-demo.mjs` checks its consistency).
 * Everything refers to everything else by natural key: organisations by key, people by e-mail,
 * catalogue items by number, audits by key.
 */
export interface DemoOrganisation {
  key: string;
  kind: OrganisationKind;
  name: string;
  nameEn: string;
  prefectureCode?: string;
  prefecture?: string;
  prefectureEn?: string;
  usagePeriod?: { from: IsoDate; to: IsoDate };
  dataKind?: 'identifiable' | 'anonymised';
  providedBy?: string;
}

export interface DemoPerson {
  email: string;
  name: string;
  nameEn: string;
  organisation: string;
  title: string;
  roles: Role[];
  pledgeSignedOn: IsoDate | null;
  conflictsWith: string[];
  conflictNote?: string;
  note?: string;
}

export interface DemoPlan {
  fiscalYear: number;
  title: string;
  titleEn: string;
  description: string;
  status: 'draft' | 'approved';
  approvedBy?: string;
  approvedOn?: IsoDate;
  revisions: { revisedOn: IsoDate; revisedBy: string; reason: string; addedAudits: string[] }[];
  call: { opensOn: IsoDate; closesOn: IsoDate; description: string };
  applications: { organisation: string; receivedOn: IsoDate; note: string; selected: boolean; audit: string | null; decisionNote?: string }[];
  audits: string[];
}

export interface DemoFile {
  fileName: string;
  title: string;
}

export interface DemoDocumentRequest {
  title: string;
  titleEn: string;
  relatedItems: number[];
  requestedOn: IsoDate;
  answered: boolean;
  answeredOn?: IsoDate;
  files?: DemoFile[];
  reviewNote: string | null;
}

export interface DemoWorkpaper {
  item: number;
  procedures: { procedure: Procedure; performedOn: IsoDate; description: string; observation: string }[];
  conclusion: Conclusion | null;
  notTestedReason?: string;
  editedBy: string;
  preparer: string | null;
  preparedOn: IsoDate | null;
  reviewer: string | null;
  reviewedOn: IsoDate | null;
  reviewNotes: { by: string; on: IsoDate; note: string; status: 'open' | 'cleared' }[];
}

export interface DemoSubmissionReview {
  status: 'submitted' | 'accepted' | 'returned';
  submittedOn: IsoDate;
  reviewedOn?: IsoDate;
  reviewedBy?: string;
  reviewComment?: string;
}

export interface DemoFinding {
  item: number;
  severity: Severity;
  condition: string;
  criterion: string;
  cause: string;
  effect: string;
  recommendedAction: string;
  auditeeResponse: Exclude<AuditeeResponse, 'pending'>;
  disputeReason?: string;
  agreedOn: IsoDate;
  remediation: {
    plan?: DemoSubmissionReview & { actions: string; owner: string; dueDate: IsoDate };
    report?: DemoSubmissionReview & { text: string; evidence: DemoFile[] };
    recommendationResponse?: Exclude<RecommendationResponse, 'pending'>;
    responseText?: string;
    declineReason?: string;
    respondedOn?: IsoDate;
  };
}

export type DemoTargetStatus = 'planned' | 'document_review' | 'fieldwork' | 'remediation' | 'published';

export interface DemoAudit {
  key: string;
  kind: AuditKind;
  plan: number | null;
  trigger?: string;
  triggerReceivedOn?: IsoDate;
  requestedBy?: string;
  auditee: string;
  catalog: { code: string; version: string };
  scope: { items: 'all' | number[]; exclusionReason?: string };
  plannedMonth: string;
  manager: string;
  team: string[];
  documentDeadline: IsoDate;
  visitDate: IsoDate;
  visitStart: string;
  visitEnd: string;
  targetStatus: DemoTargetStatus;
  dates: Partial<Record<
    'createdOn' | 'teamSetOn' | 'documentsRequestedOn' | 'documentReviewStartedOn' | 'fieldworkStartedOn' | 'resultsAgreedOn'
    | 'reportedOn' | 'reportIssuedOn' | 'remediationStartedOn' | 'verifiedOn' | 'publishedOn',
    IsoDate
  >>;
  documentRequests?: DemoDocumentRequest[];
  workpapers?: DemoWorkpaper[];
  findings?: DemoFinding[];
  publication?: { publishedOn: IsoDate; publishedBy: string; summary: string; openItems: unknown[] };
}

export interface DemoDataSet {
  today: IsoDate;
  organisations: DemoOrganisation[];
  people: DemoPerson[];
  plan: DemoPlan;
  audits: DemoAudit[];
}

export function readDemoData(dir: string): DemoDataSet {
  const read = <T>(file: string): T => JSON.parse(readFileSync(join(dir, file), 'utf8')) as T;
  const manifest = read<{ today: IsoDate; loadOrder: string[] }>('manifest.json');
  const expected = ['organisations.json', 'people.json', 'plan.json', 'audits.json'];
  if (JSON.stringify(manifest.loadOrder) !== JSON.stringify(expected)) {
    throw new Error(`seeds/demo/manifest.json: unexpected loadOrder ${JSON.stringify(manifest.loadOrder)} (this loader reads ${expected.join(', ')})`);
  }
  return {
    today: manifest.today,
    organisations: read<DemoOrganisation[]>('organisations.json'),
    people: read<{ people: DemoPerson[] }>('people.json').people,
    plan: read<DemoPlan>('plan.json'),
    audits: read<{ audits: DemoAudit[] }>('audits.json').audits,
  };
}
