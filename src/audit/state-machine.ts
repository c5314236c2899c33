/**
 * The audit process as a state machine — 付図1 監査基本プロセス and ハンドブック 2.(2)–(5):
 *
 *   planned → documents_requested → document_review → fieldwork → results_agreement
 *           → reported → remediation → verified → published
 *   (cancelled from any state before reported, with a reason;
 *    published early from reported/remediation by the chief audit executive, with a reason)
 *
 * TRANSITIONS says who may take each step; PRECONDITIONS says what must hold on entering each
 * state. checkTransition lists every unmet condition; assertTransition throws them at once.
 */
import { ActorFacts, AUDIT_RELATION_LABELS, AuditAccessFacts, AuditRelation, relationsOf } from './access';
import { IsoDate, isBefore, isIsoDate } from './dates';
import { checkAuditDates, visitHeld } from './engagement';
import { checkFindingSource, FindingFacts, findingRef } from './finding';
import { checkTeam, PersonFacts } from './team';
import { allViolations, isFilled, raise, verdict, Verdict, violation, Violation } from './violation';
import {
  AUDIT_STATUS_LABELS,
  AUDIT_STATUSES,
  AuditKind,
  AuditStatus,
  isDeficiency,
  Label,
  SEVERITY_LABELS,
  Severity,
} from './vocabulary';
import { checkWorkpaperFinished, WorkpaperFacts } from './workpaper';

// ---------------------------------------------------------------------------------------------
// Facts
// ---------------------------------------------------------------------------------------------

export interface AuditFacts extends AuditAccessFacts {
  readonly id: string;
  readonly kind: AuditKind;
  readonly forCauseTrigger: string | null;
  /** 文書提出期限 */
  readonly documentDeadline: IsoDate | null;
  /** 往査日 (on-site visit, about 3 hours) */
  readonly visitDate: IsoDate | null;
  /** The day the audit report was issued to the auditee (監査報告書の送付). */
  readonly reportIssuedOn: IsoDate | null;
}

export interface DocumentRequestFacts {
  readonly id: string;
  readonly title: string;
  /** Files the auditee has uploaded in answer. */
  readonly uploadedFileCount: number;
}

/** Everything the process rules need to know about one audit, loaded by the service. */
export interface AuditSnapshot {
  readonly audit: AuditFacts;
  /** The audit manager as a person (roles, pledge, conflicts), or null when not appointed. */
  readonly manager: PersonFacts | null;
  /** The auditors of the team as people. */
  readonly members: readonly PersonFacts[];
  readonly documentRequests: readonly DocumentRequestFacts[];
  /** All workpapers of the audit (out-of-scope ones are ignored by the rules). */
  readonly workpapers: readonly WorkpaperFacts[];
  readonly findings: readonly FindingFacts[];
  /** The current date in Japan. */
  readonly today: IsoDate;
}

export interface TransitionFacts extends AuditSnapshot {
  readonly actor: ActorFacts;
  /** The reason for a cancellation or an early publication (ignored otherwise). */
  readonly reason: string | null;
}

// ---------------------------------------------------------------------------------------------
// The transition table
// ---------------------------------------------------------------------------------------------

export interface TransitionRule {
  readonly from: AuditStatus;
  readonly to: AuditStatus;
  /** Who may take this step. */
  readonly by: readonly AuditRelation[];
  /** The step, as a button or log entry says it. */
  readonly action: Label;
  /** Where it comes from in source 001 (ハンドブック 表2 / 付図1). */
  readonly handbook: string;
  /** A reason must be recorded (cancellation, early publication). */
  readonly requiresReason: boolean;
  /** Publication before the remediation is verified. */
  readonly early: boolean;
}

const LEADS: readonly AuditRelation[] = ['chief', 'manager'];

function step(
  from: AuditStatus,
  to: AuditStatus,
  by: readonly AuditRelation[],
  ja: string,
  en: string,
  handbook: string,
  extra: Partial<Pick<TransitionRule, 'requiresReason' | 'early'>> = {},
): TransitionRule {
  return { from, to, by, action: { ja, en }, handbook, requiresReason: extra.requiresReason ?? false, early: extra.early ?? false };
}

/** States from which an audit may be cancelled: any state before the report. */
export const CANCELLABLE_STATUSES: readonly AuditStatus[] = [
  'planned',
  'documents_requested',
  'document_review',
  'fieldwork',
  'results_agreement',
];

export const TRANSITIONS: readonly TransitionRule[] = [
  step('planned', 'documents_requested', LEADS, '文書の提出を依頼する', 'Request documents', '2.(2)エ 監査対応の準備'),
  step('documents_requested', 'document_review', [...LEADS, 'team'], '事前文書監査を開始する', 'Start the document review', '2.(3)イ 監査手続の実施（事前文書監査）'),
  step('document_review', 'fieldwork', LEADS, '現地監査を開始する', 'Start fieldwork', '2.(3)イ 監査手続の実施（現地での監査）／2.(1)ウ 監査チームの編成'),
  step('fieldwork', 'results_agreement', LEADS, '監査結果を被監査主体に提示する', 'Put the results to the auditee', '2.(3)ウ 監査結果の合意／2.(4)ア 監査調書の作成'),
  step('results_agreement', 'reported', LEADS, '監査報告書を確定する', 'Finalise the audit report', '2.(4)イ 監査報告書の完成'),
  step('reported', 'remediation', LEADS, '改善対応を開始する', 'Start remediation', '2.(5)ア 改善計画の立案と改善指導'),
  step('remediation', 'verified', LEADS, '改善の確認を完了する', 'Confirm the remediation', '2.(5)イ 改善の計画と実施／ウ 監査結果総括'),
  step('verified', 'published', LEADS, '監査結果を公表する', 'Publish the results', '2.(5)ウ 監査結果総括と公表'),
  step('reported', 'published', ['chief'], '改善確認前に公表する', 'Publish before verification', '2.(5)ウ 監査結果総括と公表（早期公表）', {
    requiresReason: true,
    early: true,
  }),
  step('remediation', 'published', ['chief'], '改善確認前に公表する', 'Publish before verification', '2.(5)ウ 監査結果総括と公表（早期公表）', {
    requiresReason: true,
    early: true,
  }),
  ...CANCELLABLE_STATUSES.map((from) =>
    step(from, 'cancelled', LEADS, '監査を中止する', 'Cancel the audit', '2.(2)ウ 監査実施計画の策定（計画の変更）', { requiresReason: true }),
  ),
];

/** The main path, in order (for boards and progress bars). */
export const MAIN_PATH: readonly AuditStatus[] = AUDIT_STATUSES.filter((s) => s !== 'cancelled');

export function transitionRule(from: AuditStatus, to: AuditStatus): TransitionRule | undefined {
  return TRANSITIONS.find((t) => t.from === from && t.to === to);
}

export function transitionsFrom(from: AuditStatus): TransitionRule[] {
  return TRANSITIONS.filter((t) => t.from === from);
}

/** The transitions this person may take from this state (preconditions not evaluated). */
export function availableTransitions(from: AuditStatus, relations: readonly AuditRelation[]): TransitionRule[] {
  return transitionsFrom(from).filter((t) => t.by.some((r) => relations.includes(r)));
}

/** The next step of the main path from a state, if any. */
export function forwardTransition(from: AuditStatus): TransitionRule | undefined {
  return TRANSITIONS.find((t) => t.from === from && t.to !== 'cancelled' && !t.early);
}

// ---------------------------------------------------------------------------------------------
// Preconditions of entering each state
// ---------------------------------------------------------------------------------------------

type Precondition = (facts: TransitionFacts, rule: TransitionRule) => Violation[];

/** 2.(2)エ 監査対応の準備: the manager is appointed, the requests and the deadline are set. */
function toDocumentsRequested(f: TransitionFacts): Violation[] {
  const out: Violation[] = [];
  if (f.audit.managerId === null) {
    out.push(v('AUDIT_MANAGER_NOT_APPOINTED', '監査責任者が指名されていません。', 'No audit manager is appointed.', 'managerId'));
  }
  if (f.audit.kind === 'for_cause' && !isFilled(f.audit.forCauseTrigger)) {
    out.push(v('FOR_CAUSE_TRIGGER_REQUIRED', '臨時監査の契機が記録されていません。', 'The trigger of this for-cause audit is not recorded.', 'forCauseTrigger'));
  }
  if (f.documentRequests.length === 0) {
    out.push(
      v(
        'DOCUMENT_REQUESTS_MISSING',
        '提出を依頼する文書（要領、マニュアル、個人データ取扱台帳など）を少なくとも1件登録してください。',
        'Add at least one document request (rules, manual, data-handling register, …).',
        'documentRequests',
      ),
    );
  }
  if (f.audit.documentDeadline === null) {
    out.push(v('DOCUMENT_DEADLINE_MISSING', '文書の提出期限が設定されていません。', 'The document deadline is not set.', 'documentDeadline'));
  } else if (isIsoDate(f.audit.documentDeadline) && isBefore(f.audit.documentDeadline, f.today)) {
    out.push(
      v(
        'DOCUMENT_DEADLINE_PASSED',
        `文書の提出期限（${f.audit.documentDeadline}）が既に過ぎています。`,
        `The document deadline (${f.audit.documentDeadline}) has already passed.`,
        'documentDeadline',
        { documentDeadline: f.audit.documentDeadline, today: f.today },
      ),
    );
  }
  out.push(...checkAuditDates(f.audit));
  return out;
}

/**
 * 2.(3)イ 事前文書監査: the review starts when every request has been answered, or when the
 * deadline has passed — a document the auditee does not have (e.g. no 事故時対応手順) is itself
 * what the review must find, so a missing answer cannot block the audit forever.
 */
function toDocumentReview(f: TransitionFacts): Violation[] {
  if (f.audit.documentDeadline === null) {
    return [v('DOCUMENT_DEADLINE_MISSING', '文書の提出期限が設定されていません。', 'The document deadline is not set.', 'documentDeadline')];
  }
  const outstanding = f.documentRequests.filter((r) => r.uploadedFileCount === 0);
  if (outstanding.length > 0 && isIsoDate(f.audit.documentDeadline) && !isBefore(f.audit.documentDeadline, f.today)) {
    return [
      v(
        'DOCUMENTS_OUTSTANDING',
        `未提出の依頼文書が${outstanding.length}件あり、提出期限（${f.audit.documentDeadline}）前です: ${outstanding.map((r) => r.title).join('、')}`,
        `${outstanding.length} requested document(s) are not yet submitted and the deadline (${f.audit.documentDeadline}) has not passed: ${outstanding.map((r) => r.title).join(', ')}`,
        'documentRequests',
        { documentRequestIds: outstanding.map((r) => r.id) },
      ),
    ];
  }
  return [];
}

/** 2.(1) 監査体制 re-checked on the day fieldwork starts; the visit date is set. */
function toFieldwork(f: TransitionFacts): Violation[] {
  const out = checkTeam({
    auditeeOrganisationId: f.audit.auditeeOrganisationId,
    manager: f.manager,
    members: f.members,
    referenceDate: f.today,
  });
  if (f.audit.visitDate === null) {
    out.push(v('VISIT_DATE_MISSING', '往査日が設定されていません。', 'The visit date is not set.', 'visitDate'));
  }
  out.push(...checkAuditDates(f.audit));
  return out;
}

/** 2.(4)ア 監査調書の作成: every in-scope workpaper finished; every nonconformity has its finding. */
function workpapersAndFindings(f: AuditSnapshot): Violation[] {
  const out: Violation[] = [];
  const inScope = f.workpapers.filter((w) => w.inScope);
  if (inScope.length === 0) {
    out.push(v('NO_WORKPAPERS_IN_SCOPE', '監査範囲内の監査調書がありません。', 'There are no workpapers in scope.', 'workpapers'));
  }
  for (const wp of inScope) {
    out.push(...checkWorkpaperFinished(wp));
    if (wp.conclusion === 'does_not_conform' && !f.findings.some((x) => x.workpaperId === wp.id && isDeficiency(x.severity))) {
      out.push(
        v(
          'NONCONFORMITY_WITHOUT_FINDING',
          `項目${wp.itemNo}は「不適合」ですが、重欠点・軽欠点の指摘事項がありません。`,
          `Item ${wp.itemNo} does not conform but has no major or minor deficiency raised.`,
          'findings',
          { workpaperId: wp.id, itemNo: wp.itemNo },
        ),
      );
    }
  }
  for (const finding of f.findings) {
    const wp = f.workpapers.find((w) => w.id === finding.workpaperId);
    const ref = findingRef(finding);
    if (wp === undefined) {
      out.push(
        v('FINDING_WORKPAPER_UNKNOWN', `${ref.ja}の根拠となる監査調書がありません。`, `${ref.en} refers to no workpaper of this audit.`, 'findings', {
          findingId: finding.id,
        }),
      );
    } else {
      out.push(...checkFindingSource(finding.severity, wp).map((x) => ({ ...x, field: 'findings', details: { ...x.details, findingId: finding.id } })));
    }
  }
  return out;
}

/** 2.(3)ウ 監査結果の合意: the visit has been held and the workpapers are finished. */
function toResultsAgreement(f: TransitionFacts): Violation[] {
  const out: Violation[] = [];
  if (!visitHeld(f.audit.visitDate, f.today)) {
    out.push(
      v('VISIT_NOT_HELD', '現地での監査（往査）がまだ実施されていません。', 'The on-site visit has not taken place yet.', 'visitDate', {
        visitDate: f.audit.visitDate,
        today: f.today,
      }),
    );
  }
  out.push(...workpapersAndFindings(f));
  return out;
}

/** 2.(4)イ 監査報告書の完成: every finding answered by the auditee; workpapers still finished. */
function toReported(f: TransitionFacts): Violation[] {
  const out = workpapersAndFindings(f);
  for (const finding of f.findings) {
    const ref = findingRef(finding);
    if (finding.auditeeResponse === 'pending') {
      out.push(
        v('FINDING_RESPONSE_PENDING', `${ref.ja}について被監査主体の回答（合意または異議）がありません。`, `The auditee has not accepted or disputed ${ref.en}.`, 'findings', {
          findingId: finding.id,
        }),
      );
    } else if (finding.auditeeResponse === 'disputed' && !isFilled(finding.disputeReason)) {
      out.push(
        v('FINDING_DISPUTE_REASON_REQUIRED', `${ref.ja}への異議に理由が記録されていません。`, `The dispute of ${ref.en} has no recorded reason.`, 'findings', {
          findingId: finding.id,
        }),
      );
    }
  }
  return out;
}

/** The report has been sent to the auditee, who now plans the improvements. */
function toRemediation(f: TransitionFacts): Violation[] {
  return f.audit.reportIssuedOn === null ? [reportNotIssued()] : [];
}

/** 2.(5)イ: every deficiency remediated and accepted; every recommendation answered. */
function toVerified(f: TransitionFacts): Violation[] {
  return openItems(f).map((item) => item.violation);
}

/** 2.(5)ウ 公表: after verification, or early by the chief audit executive with a reason. */
function toPublished(f: TransitionFacts, rule: TransitionRule): Violation[] {
  if (!rule.early) return [];
  const out: Violation[] = [];
  if (f.audit.reportIssuedOn === null) out.push(reportNotIssued());
  if (!isFilled(f.reason)) {
    out.push(
      v(
        'EARLY_PUBLICATION_REASON_REQUIRED',
        '改善確認前に公表する場合は、その理由を記録してください（未完了の項目も記録されます）。',
        'Publishing before the remediation is verified requires a reason (the open items are recorded too).',
        'reason',
      ),
    );
  }
  return out;
}

function toCancelled(f: TransitionFacts): Violation[] {
  return isFilled(f.reason)
    ? []
    : [v('CANCELLATION_REASON_REQUIRED', '監査を中止する理由を記録してください。', 'Cancelling an audit requires a reason.', 'reason')];
}

/** What must hold on entering each state (planned is the initial state). */
export const PRECONDITIONS: Readonly<Record<AuditStatus, Precondition>> = {
  planned: () => [],
  documents_requested: toDocumentsRequested,
  document_review: toDocumentReview,
  fieldwork: toFieldwork,
  results_agreement: toResultsAgreement,
  reported: toReported,
  remediation: toRemediation,
  verified: toVerified,
  published: toPublished,
  cancelled: toCancelled,
};

// ---------------------------------------------------------------------------------------------
// Checking a transition
// ---------------------------------------------------------------------------------------------

export interface TransitionVerdict extends Verdict {
  readonly rule: TransitionRule | undefined;
}

/**
 * forbidden: the actor has no relation to the audit, or is not among the rule's `by`
 *            (TRANSITION_FORBIDDEN; EARLY_PUBLICATION_REQUIRES_CHIEF for early publication);
 * conflict:  no such transition (TRANSITION_NOT_ALLOWED, CANCELLATION_NOT_ALLOWED_AFTER_REPORT)
 *            or every unmet precondition.
 */
export function evaluateTransition(from: AuditStatus, to: AuditStatus, facts: TransitionFacts): TransitionVerdict {
  const relations = relationsOf(facts.actor, facts.audit);
  const rule = transitionRule(from, to);
  if (relations.length === 0) {
    return { rule, ...verdict({ forbidden: [forbiddenFor(rule?.by ?? LEADS, to)] }) };
  }
  if (rule === undefined) {
    return { rule, ...verdict({ conflict: [notAllowed(from, to)] }) };
  }
  if (!rule.by.some((r) => relations.includes(r))) {
    const forbidden = rule.early
      ? violation(
          'EARLY_PUBLICATION_REQUIRES_CHIEF',
          '改善確認前の公表は、監査統括責任者のみが行えます。',
          'Only the chief audit executive may publish before the remediation is verified.',
          { details: { from, to } },
        )
      : forbiddenFor(rule.by, to);
    return { rule, ...verdict({ forbidden: [forbidden] }) };
  }
  return { rule, ...verdict({ conflict: PRECONDITIONS[to](facts, rule) }) };
}

/** Every reason the transition cannot happen now (empty = allowed). */
export function checkTransition(from: AuditStatus, to: AuditStatus, facts: TransitionFacts): Violation[] {
  return allViolations(evaluateTransition(from, to, facts));
}

/**
 * Throws DomainError('forbidden') when the actor may not take this step, else
 * DomainError('conflict') listing ALL unmet conditions. Returns the rule taken.
 */
export function assertTransition(from: AuditStatus, to: AuditStatus, facts: TransitionFacts): TransitionRule {
  const result = evaluateTransition(from, to, facts);
  raise(result);
  return result.rule as TransitionRule;
}

function notAllowed(from: AuditStatus, to: AuditStatus): Violation {
  if (to === 'cancelled' && !CANCELLABLE_STATUSES.includes(from)) {
    return violation(
      'CANCELLATION_NOT_ALLOWED_AFTER_REPORT',
      `監査報告後（現在: ${AUDIT_STATUS_LABELS[from].ja}）は監査を中止できません。`,
      `An audit cannot be cancelled once reported (now: ${AUDIT_STATUS_LABELS[from].en.toLowerCase()}).`,
      { field: 'status', details: { from, to } },
    );
  }
  const next = transitionsFrom(from).map((t) => t.to);
  const nextJa = next.length > 0 ? next.map((s) => AUDIT_STATUS_LABELS[s].ja).join('・') : 'なし';
  const nextEn = next.length > 0 ? next.map((s) => AUDIT_STATUS_LABELS[s].en.toLowerCase()).join(', ') : 'none';
  return violation(
    'TRANSITION_NOT_ALLOWED',
    `「${AUDIT_STATUS_LABELS[from].ja}」から「${AUDIT_STATUS_LABELS[to].ja}」へは移行できません（移行できる状態: ${nextJa}）。`,
    `An audit cannot move from ${AUDIT_STATUS_LABELS[from].en.toLowerCase()} to ${AUDIT_STATUS_LABELS[to].en.toLowerCase()} (possible: ${nextEn}).`,
    { field: 'status', details: { from, to, allowed: next } },
  );
}

function forbiddenFor(by: readonly AuditRelation[], to: AuditStatus): Violation {
  return violation(
    'TRANSITION_FORBIDDEN',
    `「${AUDIT_STATUS_LABELS[to].ja}」への移行を行えるのは${by.map((r) => AUDIT_RELATION_LABELS[r].ja).join('・')}のみです。`,
    `Only the ${by.map((r) => AUDIT_RELATION_LABELS[r].en.toLowerCase()).join(', ')} may move the audit to ${AUDIT_STATUS_LABELS[to].en.toLowerCase()}.`,
    { details: { to, allowedRelations: by } },
  );
}

function reportNotIssued(): Violation {
  return v('REPORT_NOT_ISSUED', '監査報告書が被監査主体に送付されていません。', 'The audit report has not been issued to the auditee.', 'reportIssuedOn');
}

function v(code: string, ja: string, en: string, field?: string, details?: Record<string, unknown>): Violation {
  return violation(code, ja, en, { ...(field === undefined ? {} : { field }), ...(details === undefined ? {} : { details }) });
}

// ---------------------------------------------------------------------------------------------
// Open items (early publication) and next actions (the board)
// ---------------------------------------------------------------------------------------------

export type OpenItemKind = 'remediation_plan' | 'result_report' | 'recommendation_answer';

export interface OpenItem {
  readonly findingId: string;
  readonly severity: Severity;
  readonly kind: OpenItemKind;
  readonly ja: string;
  readonly en: string;
  readonly violation: Violation;
}

/**
 * What is still open in the follow-up: deficiencies without an accepted plan or an accepted
 * result report, recommendations not answered. Stored with an early publication; empty when
 * the audit can be verified.
 */
export function openItems(snapshot: Pick<AuditSnapshot, 'findings'>): OpenItem[] {
  const out: OpenItem[] = [];
  for (const f of snapshot.findings) {
    const ref = findingRef(f);
    const sev = SEVERITY_LABELS[f.severity];
    const details = { findingId: f.id, severity: f.severity };
    const push = (kind: OpenItemKind, x: Violation) => out.push({ findingId: f.id, severity: f.severity, kind, ja: x.ja, en: x.en, violation: x });
    if (isDeficiency(f.severity)) {
      if (f.planStatus !== 'accepted') {
        push(
          'remediation_plan',
          violation('REMEDIATION_PLAN_NOT_ACCEPTED', `${ref.ja}の改善計画書が受理されていません。`, `The remediation plan for ${ref.en} has not been accepted.`, {
            field: 'findings',
            details: { ...details, planStatus: f.planStatus },
          }),
        );
      }
      if (f.resultReportStatus !== 'accepted') {
        push(
          'result_report',
          violation('RESULT_REPORT_NOT_ACCEPTED', `${ref.ja}の改善報告書が受理されていません。`, `The result report for ${ref.en} has not been accepted.`, {
            field: 'findings',
            details: { ...details, resultReportStatus: f.resultReportStatus },
          }),
        );
      }
    } else if (f.recommendationResponse === 'pending') {
      push(
        'recommendation_answer',
        violation('RECOMMENDATION_NOT_ANSWERED', `${ref.ja}（${sev.ja}）への回答がありません。`, `${ref.en} (${sev.en.toLowerCase()}) has not been answered.`, {
          field: 'findings',
          details,
        }),
      );
    } else if (f.recommendationResponse === 'declined' && !isFilled(f.recommendationDeclineReason)) {
      push(
        'recommendation_answer',
        violation(
          'RECOMMENDATION_DECLINE_REASON_REQUIRED',
          `${ref.ja}に対応しない理由が記録されていません。`,
          `${ref.en} was declined without a recorded reason.`,
          { field: 'findings', details },
        ),
      );
    }
  }
  return out;
}

export interface NextStep {
  readonly to: AuditStatus;
  readonly action: Label;
  readonly by: readonly AuditRelation[];
  /** True when every precondition holds: the step can be taken now. */
  readonly ready: boolean;
  /** What is still needed, in the words of the violated rules. */
  readonly missing: readonly Violation[];
}

/**
 * What is needed next on the main path, for the board: the next step, who takes it, and what
 * is missing. Terminal states have no next step.
 */
export function nextActions(status: AuditStatus, snapshot: AuditSnapshot): NextStep[] {
  const rule = forwardTransition(status);
  if (rule === undefined) return [];
  const facts: TransitionFacts = { ...snapshot, actor: { personId: '', organisationId: '', roles: [] }, reason: null };
  const missing = PRECONDITIONS[rule.to](facts, rule);
  return [{ to: rule.to, action: rule.action, by: rule.by, ready: missing.length === 0, missing }];
}
