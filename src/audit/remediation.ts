/**
 * Follow-up of the audit results — ハンドブック 2.(5) 監査結果への対応:
 *   ア 改善計画の立案と改善指導 — the audit body guides: accepts or returns each submission;
 *   イ 改善の計画と実施 — the auditee plans the improvements and reports the results to the
 *      audit body in writing (改善の実施結果を監査主体に文書で報告する);
 *   ウ 監査結果総括と公表 — see state-machine.ts (verified, published).
 *
 * For every major and minor deficiency: a written plan (actions, owner, due date), then a
 * written result report with evidence. Recommendations are answered: will act, or declined with
 * a reason (推奨事項は被監査主体の判断で対応の可否を判断する).
 *
 * Decisions (see README.md):
 * - Submissions are made while the audit is `reported` or in `remediation`.
 * - A result report needs the plan accepted first, and at least one evidence file: the audit
 *   body confirms the improvement on paper, without a second visit.
 * - A returned submission can be revised and submitted again; a submitted one waits for the
 *   audit body's decision; an accepted one is final.
 * - A plan's due date may not lie in the past when it is submitted.
 * - An item is overdue when its due date has passed and nothing is waiting for review or
 *   accepted (a submission waiting for the audit body is not the auditee's delay).
 */
import { evaluateAuditAction, relationsOf } from './access';
import { daysBetween, IsoDate, isBefore, isIsoDate } from './dates';
import { FindingFacts, findingRef } from './finding';
import { allViolations, isFilled, raise, verdict, Verdict, violation, Violation } from './violation';
import {
  isDeficiency,
  RecommendationResponse,
  ReviewDecision,
  Severity,
  SUBMISSION_KIND_LABELS,
  SubmissionKind,
  SubmissionStatus,
} from './vocabulary';
import { AuditContext } from './workpaper';

export interface RemediationPlanDraft {
  /** 改善内容 */
  readonly actions: string;
  /** 責任者 (a name or post at the auditee) */
  readonly owner: string;
  /** 完了予定日 */
  readonly dueDate: IsoDate | null;
}

export interface ResultReportDraft {
  /** 改善の実施結果 */
  readonly text: string;
  /** Uploaded evidence files (規程の改訂版, 記録簿の写し, 写真 …). */
  readonly evidenceFileIds: readonly string[];
}

export type SubmissionIntent = 'save_draft' | 'submit';

/** The finding the submission is for, with its current submissions. */
export type SubmissionTarget = Pick<FindingFacts, 'id' | 'ref' | 'severity' | 'planStatus' | 'resultReportStatus'>;

export interface SubmissionOutcome {
  readonly status: Extract<SubmissionStatus, 'draft' | 'submitted'>;
}

function statusViolations(kind: SubmissionKind, current: SubmissionStatus | null): Violation[] {
  const label = SUBMISSION_KIND_LABELS[kind];
  if (current === 'submitted') {
    return [
      violation(
        'SUBMISSION_AWAITING_REVIEW',
        `${label.ja}は提出済みで、監査主体の確認待ちです。`,
        `The ${label.en.toLowerCase()} has been submitted and awaits the audit body's review.`,
        { details: { kind } },
      ),
    ];
  }
  if (current === 'accepted') {
    return [
      violation('SUBMISSION_ALREADY_ACCEPTED', `${label.ja}は既に受理されています。`, `The ${label.en.toLowerCase()} has already been accepted.`, {
        details: { kind },
      }),
    ];
  }
  return [];
}

function deficiencyOnly(kind: SubmissionKind, target: SubmissionTarget): Violation[] {
  if (isDeficiency(target.severity)) return [];
  const ref = findingRef(target);
  return [
    violation(
      'SUBMISSION_ONLY_FOR_DEFICIENCIES',
      `${SUBMISSION_KIND_LABELS[kind].ja}は重欠点・軽欠点についてのみ提出します（${ref.ja}は推奨事項です）。`,
      `A ${SUBMISSION_KIND_LABELS[kind].en.toLowerCase()} is submitted for major and minor deficiencies only (${ref.en} is a recommendation).`,
      { field: 'findingId', details: { findingId: target.id } },
    ),
  ];
}

/** 改善計画書: saved as a draft or submitted by the auditee. */
export function evaluatePlanSubmission(
  ctx: AuditContext,
  target: SubmissionTarget,
  plan: RemediationPlanDraft,
  intent: SubmissionIntent,
  today: IsoDate,
): Verdict {
  const access = evaluateAuditAction('remediationPlan.submit', ctx.status, relationsOf(ctx.actor, ctx.audit));
  if (access.forbidden.length > 0) return access;
  const invalid: Violation[] = [...deficiencyOnly('remediation_plan', target)];
  if (plan.dueDate !== null && !isIsoDate(plan.dueDate)) {
    invalid.push(violation('DATE_INVALID', '完了予定日が不正です（YYYY-MM-DD）。', 'The due date is not a valid date (YYYY-MM-DD).', { field: 'dueDate' }));
  }
  if (intent === 'submit') {
    if (!isFilled(plan.actions)) {
      invalid.push(violation('PLAN_ACTIONS_REQUIRED', '改善内容を記入してください。', 'Describe the improvement actions.', { field: 'actions' }));
    }
    if (!isFilled(plan.owner)) {
      invalid.push(violation('PLAN_OWNER_REQUIRED', '改善の責任者を記入してください。', 'Name the owner of the improvement.', { field: 'owner' }));
    }
    if (plan.dueDate === null) {
      invalid.push(violation('PLAN_DUE_DATE_REQUIRED', '完了予定日を記入してください。', 'Set the due date.', { field: 'dueDate' }));
    } else if (isIsoDate(plan.dueDate) && isBefore(plan.dueDate, today)) {
      invalid.push(
        violation('PLAN_DUE_DATE_IN_PAST', `完了予定日（${plan.dueDate}）が過去の日付です。`, `The due date (${plan.dueDate}) is in the past.`, {
          field: 'dueDate',
          details: { dueDate: plan.dueDate, today },
        }),
      );
    }
  }
  return verdict({ invalid, conflict: [...access.conflict, ...statusViolations('remediation_plan', target.planStatus)] });
}

export function checkPlanSubmission(
  ctx: AuditContext,
  target: SubmissionTarget,
  plan: RemediationPlanDraft,
  intent: SubmissionIntent,
  today: IsoDate,
): Violation[] {
  return allViolations(evaluatePlanSubmission(ctx, target, plan, intent, today));
}

export function decidePlanSubmission(
  ctx: AuditContext,
  target: SubmissionTarget,
  plan: RemediationPlanDraft,
  intent: SubmissionIntent,
  today: IsoDate,
): SubmissionOutcome {
  raise(evaluatePlanSubmission(ctx, target, plan, intent, today));
  return { status: intent === 'submit' ? 'submitted' : 'draft' };
}

/** 改善報告書: only once the plan is accepted; with at least one evidence file. */
export function evaluateResultReportSubmission(
  ctx: AuditContext,
  target: SubmissionTarget,
  report: ResultReportDraft,
  intent: SubmissionIntent,
): Verdict {
  const access = evaluateAuditAction('resultReport.submit', ctx.status, relationsOf(ctx.actor, ctx.audit));
  if (access.forbidden.length > 0) return access;
  const invalid: Violation[] = [...deficiencyOnly('result_report', target)];
  if (intent === 'submit') {
    if (!isFilled(report.text)) {
      invalid.push(
        violation('RESULT_REPORT_TEXT_REQUIRED', '改善の実施結果を記入してください。', 'Describe the result of the improvement.', { field: 'text' }),
      );
    }
    if (report.evidenceFileIds.length === 0) {
      invalid.push(
        violation(
          'RESULT_REPORT_EVIDENCE_REQUIRED',
          '改善を確認できる証跡ファイル（改訂した規程、記録簿の写しなど）を少なくとも1つ添付してください。',
          'Attach at least one evidence file (the revised rule, a copy of the log, …).',
          { field: 'evidenceFileIds' },
        ),
      );
    }
  }
  const conflict: Violation[] = [...access.conflict];
  if (isDeficiency(target.severity) && target.planStatus !== 'accepted') {
    conflict.push(
      violation(
        'RESULT_REPORT_BEFORE_PLAN_ACCEPTED',
        '改善報告書は、改善計画書が受理された後に提出してください。',
        'Submit the result report after the remediation plan has been accepted.',
        { field: 'findingId', details: { findingId: target.id, planStatus: target.planStatus } },
      ),
    );
  }
  conflict.push(...statusViolations('result_report', target.resultReportStatus));
  return verdict({ invalid, conflict });
}

export function checkResultReportSubmission(
  ctx: AuditContext,
  target: SubmissionTarget,
  report: ResultReportDraft,
  intent: SubmissionIntent,
): Violation[] {
  return allViolations(evaluateResultReportSubmission(ctx, target, report, intent));
}

export function decideResultReportSubmission(
  ctx: AuditContext,
  target: SubmissionTarget,
  report: ResultReportDraft,
  intent: SubmissionIntent,
): SubmissionOutcome {
  raise(evaluateResultReportSubmission(ctx, target, report, intent));
  return { status: intent === 'submit' ? 'submitted' : 'draft' };
}

export interface ReviewOutcome {
  readonly status: Extract<SubmissionStatus, 'accepted' | 'returned'>;
}

/** 改善指導: the audit body accepts a submitted plan or report, or returns it with comments. */
export function evaluateSubmissionReview(
  ctx: AuditContext,
  kind: SubmissionKind,
  currentStatus: SubmissionStatus | null,
  decision: ReviewDecision,
  comment: string | null,
): Verdict {
  const access = evaluateAuditAction('submission.review', ctx.status, relationsOf(ctx.actor, ctx.audit));
  if (access.forbidden.length > 0) return access;
  const label = SUBMISSION_KIND_LABELS[kind];
  const invalid: Violation[] = [];
  if (decision !== 'accept' && decision !== 'return') {
    invalid.push(violation('REVIEW_DECISION_INVALID', '「受理」または「差戻し」を選んでください。', 'Choose accept or return.', { field: 'decision' }));
  } else if (decision === 'return' && !isFilled(comment)) {
    invalid.push(
      violation(
        'SUBMISSION_RETURN_COMMENT_REQUIRED',
        '差し戻す場合は、改善指導の内容（コメント）を記入してください。',
        'Returning a submission requires a comment explaining what to improve.',
        { field: 'comment' },
      ),
    );
  }
  const conflict: Violation[] = [...access.conflict];
  if (currentStatus !== 'submitted') {
    conflict.push(
      violation(
        'SUBMISSION_NOT_SUBMITTED',
        `${label.ja}は提出されていないため、受理・差戻しできません。`,
        `The ${label.en.toLowerCase()} has not been submitted, so it cannot be accepted or returned.`,
        { details: { kind, status: currentStatus } },
      ),
    );
  }
  return verdict({ invalid, conflict });
}

export function checkSubmissionReview(
  ctx: AuditContext,
  kind: SubmissionKind,
  currentStatus: SubmissionStatus | null,
  decision: ReviewDecision,
  comment: string | null,
): Violation[] {
  return allViolations(evaluateSubmissionReview(ctx, kind, currentStatus, decision, comment));
}

export function decideSubmissionReview(
  ctx: AuditContext,
  kind: SubmissionKind,
  currentStatus: SubmissionStatus | null,
  decision: ReviewDecision,
  comment: string | null,
): ReviewOutcome {
  raise(evaluateSubmissionReview(ctx, kind, currentStatus, decision, comment));
  return { status: decision === 'accept' ? 'accepted' : 'returned' };
}

/** 推奨事項への回答: will act, or declined with the reason. */
export function evaluateRecommendationAnswer(
  ctx: AuditContext,
  target: Pick<FindingFacts, 'id' | 'ref' | 'severity'>,
  response: RecommendationResponse,
  reason: string | null,
): Verdict {
  const access = evaluateAuditAction('recommendation.answer', ctx.status, relationsOf(ctx.actor, ctx.audit));
  if (access.forbidden.length > 0) return access;
  const invalid: Violation[] = [];
  if (target.severity !== 'recommendation') {
    invalid.push(
      violation(
        'ANSWER_ONLY_FOR_RECOMMENDATIONS',
        '重欠点・軽欠点には、回答ではなく改善計画書を提出してください。',
        'Deficiencies are answered with a remediation plan, not a recommendation answer.',
        { field: 'findingId', details: { findingId: target.id } },
      ),
    );
  }
  if (response !== 'will_act' && response !== 'declined') {
    invalid.push(
      violation('RECOMMENDATION_RESPONSE_INVALID', '「対応する」または「対応しない」を選んでください。', 'Answer "will act" or "declined".', {
        field: 'response',
      }),
    );
  } else if (response === 'declined' && !isFilled(reason)) {
    invalid.push(
      violation('RECOMMENDATION_DECLINE_REASON_REQUIRED', '対応しない場合は、その理由を記入してください。', 'Declining a recommendation requires a reason.', {
        field: 'reason',
      }),
    );
  }
  return verdict({ invalid, conflict: access.conflict });
}

export function checkRecommendationAnswer(
  ctx: AuditContext,
  target: Pick<FindingFacts, 'id' | 'ref' | 'severity'>,
  response: RecommendationResponse,
  reason: string | null,
): Violation[] {
  return allViolations(evaluateRecommendationAnswer(ctx, target, response, reason));
}

export function assertRecommendationAnswer(
  ctx: AuditContext,
  target: Pick<FindingFacts, 'id' | 'ref' | 'severity'>,
  response: RecommendationResponse,
  reason: string | null,
): void {
  raise(evaluateRecommendationAnswer(ctx, target, response, reason));
}

// ---------------------------------------------------------------------------------------------
// Overdue plans and reports
// ---------------------------------------------------------------------------------------------

export interface DueItem {
  readonly kind: SubmissionKind;
  readonly findingId: string;
  readonly severity?: Severity;
  readonly dueDate: IsoDate | null;
  readonly status: SubmissionStatus | null;
}

export interface OverdueItem extends DueItem {
  readonly dueDate: IsoDate;
  readonly daysOverdue: number;
}

/**
 * What the auditee owes next for each deficiency: the plan, due on the audit's plan deadline
 * (`planDeadline`, set by the audit body when the report is issued), or — once the plan is
 * accepted — the result report, due on the plan's own due date. Deficiencies whose report is
 * accepted owe nothing.
 */
export function dueItems(findings: readonly FindingFacts[], planDeadline: IsoDate | null): DueItem[] {
  const out: DueItem[] = [];
  for (const f of findings) {
    if (!isDeficiency(f.severity)) continue;
    if (f.planStatus !== 'accepted') {
      out.push({ kind: 'remediation_plan', findingId: f.id, severity: f.severity, dueDate: planDeadline, status: f.planStatus });
    } else if (f.resultReportStatus !== 'accepted') {
      out.push({ kind: 'result_report', findingId: f.id, severity: f.severity, dueDate: f.planDueDate, status: f.resultReportStatus });
    }
  }
  return out;
}

/** Items past their due date with nothing submitted or accepted, most overdue first. */
export function overdue(items: readonly DueItem[], today: IsoDate): OverdueItem[] {
  const out: OverdueItem[] = [];
  for (const item of items) {
    const due = item.dueDate;
    if (due === null || !isIsoDate(due) || !isBefore(due, today)) continue;
    if (item.status === 'submitted' || item.status === 'accepted') continue;
    out.push({ ...item, dueDate: due, daysOverdue: daysBetween(due, today) });
  }
  return out.sort((a, b) => b.daysOverdue - a.daysOverdue || a.findingId.localeCompare(b.findingId));
}
