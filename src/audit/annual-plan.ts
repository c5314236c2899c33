/**
 * The annual audit plan — ハンドブック 2.(2) 監査計画の策定:
 *   ア 年度監査計画の立案 — a plan per Japanese fiscal year (April–March), each audit with its
 *      planned month; approved by the chief audit executive (監査統括責任者, who oversees all
 *      audits) and revised with the reason recorded;
 *   イ 監査登録室の公募 — a public call for auditees that volunteer, open between two dates.
 *
 * Decisions (see README.md):
 * - A plan is drafted by the chief audit executive or an audit manager, approved only by the
 *   chief. `revision` is 0 as approved; each revision of an approved plan keeps it approved,
 *   needs a reason and the chief, and increments `revision` (the service stores the reason,
 *   who and when with the revision number).
 * - The call closes after it opens and no later than the end of the plan's fiscal year;
 *   applications are accepted from the opening day to the closing day inclusive, once per
 *   organisation, from registries and data users only.
 */
import { ActorFacts } from './access';
import { IsoDate, IsoMonth, isAfter, isBefore, isIsoDate, isIsoMonth } from './dates';
import { fiscalYearLabel, fiscalYearOfMonth, fiscalYearRange } from './fiscal-year';
import { allViolations, isFilled, raise, verdict, Verdict, violation, Violation } from './violation';
import { AUDITEE_KINDS, OrganisationKind, PlanStatus } from './vocabulary';

export interface CallForVolunteers {
  readonly opensOn: IsoDate;
  readonly closesOn: IsoDate;
}

export interface PlannedAuditEntry {
  readonly auditeeOrganisationId: string;
  /** 'YYYY-MM' */
  readonly plannedMonth: IsoMonth;
}

export interface AnnualPlanFacts {
  readonly fiscalYear: number;
  readonly status: PlanStatus;
  /** 0 as approved (and while draft); +1 for each revision of the approved plan. */
  readonly revision: number;
  readonly call: CallForVolunteers | null;
  readonly entries: readonly PlannedAuditEntry[];
}

/** イ 監査登録室の公募: real dates, closing after opening, within the plan's fiscal year. */
export function checkCallForVolunteers(call: CallForVolunteers, fiscalYear: number): Violation[] {
  const out: Violation[] = [];
  if (!isIsoDate(call.opensOn)) {
    out.push(violation('DATE_INVALID', '公募開始日が不正です（YYYY-MM-DD）。', 'The opening date is not a valid date (YYYY-MM-DD).', { field: 'opensOn' }));
  }
  if (!isIsoDate(call.closesOn)) {
    out.push(violation('DATE_INVALID', '公募締切日が不正です（YYYY-MM-DD）。', 'The closing date is not a valid date (YYYY-MM-DD).', { field: 'closesOn' }));
  }
  if (out.length > 0) return out;
  if (!isAfter(call.closesOn, call.opensOn)) {
    out.push(
      violation(
        'CALL_CLOSES_BEFORE_OPENING',
        `公募締切日（${call.closesOn}）は公募開始日（${call.opensOn}）より後にしてください。`,
        `The call must close (${call.closesOn}) after it opens (${call.opensOn}).`,
        { field: 'closesOn', details: { opensOn: call.opensOn, closesOn: call.closesOn } },
      ),
    );
  }
  const { end } = fiscalYearRange(fiscalYear);
  if (isAfter(call.closesOn, end)) {
    out.push(
      violation(
        'CALL_CLOSES_AFTER_FISCAL_YEAR',
        `公募締切日（${call.closesOn}）が${fiscalYearLabel(fiscalYear).ja}の末日（${end}）より後です。`,
        `The call closes (${call.closesOn}) after the end of ${fiscalYearLabel(fiscalYear).en} (${end}).`,
        { field: 'closesOn', details: { fiscalYearEnd: end } },
      ),
    );
  }
  return out;
}

export interface ApplicationFacts {
  readonly call: CallForVolunteers | null;
  readonly appliedOn: IsoDate;
  readonly applicantOrganisationId: string;
  readonly applicantKind: OrganisationKind;
  /** Organisations that have already applied to this call. */
  readonly existingApplicantIds: readonly string[];
}

/** Applications are accepted within the call window, once, from registries and data users. */
export function evaluateApplication(a: ApplicationFacts): Verdict {
  const invalid: Violation[] = [];
  const conflict: Violation[] = [];
  if (!AUDITEE_KINDS.includes(a.applicantKind)) {
    invalid.push(
      violation('APPLICANT_NOT_AUDITEE', '応募できるのは都道府県がん登録室と情報の利用者のみです。', 'Only registries and data users can volunteer to be audited.', {
        field: 'organisationId',
      }),
    );
  }
  if (a.call === null) {
    conflict.push(violation('CALL_NOT_PUBLISHED', 'この年度の公募は行われていません。', 'No call for volunteers has been published for this year.'));
  } else if (!isIsoDate(a.appliedOn) || isBefore(a.appliedOn, a.call.opensOn) || isAfter(a.appliedOn, a.call.closesOn)) {
    conflict.push(
      violation(
        'APPLICATION_OUTSIDE_CALL_WINDOW',
        `応募は公募期間（${a.call.opensOn}〜${a.call.closesOn}）内にのみ受け付けます。`,
        `Applications are accepted only during the call (${a.call.opensOn} to ${a.call.closesOn}).`,
        { field: 'appliedOn', details: { appliedOn: a.appliedOn, opensOn: a.call.opensOn, closesOn: a.call.closesOn } },
      ),
    );
  }
  if (a.existingApplicantIds.includes(a.applicantOrganisationId)) {
    conflict.push(
      violation('APPLICATION_DUPLICATE', 'この組織は既に応募しています。', 'This organisation has already applied.', {
        field: 'organisationId',
        details: { organisationId: a.applicantOrganisationId },
      }),
    );
  }
  return verdict({ invalid, conflict });
}

export function checkApplication(a: ApplicationFacts): Violation[] {
  return allViolations(evaluateApplication(a));
}

export function assertApplication(a: ApplicationFacts): void {
  raise(evaluateApplication(a));
}

export type ApplicationStatus = 'received' | 'selected' | 'not_selected';

/**
 * イ: an application the audit body does not take into this year's plan is declined with the
 * reason the applicant is told (the call: 応募が多数の場合は…選定し、結果を通知) — by the chief audit
 * executive or an audit manager, once, while it is still undecided.
 */
export function evaluateApplicationDecline(actor: ActorFacts, status: ApplicationStatus, reason: string | null): Verdict {
  if (!mayDraft(actor)) {
    return verdict({
      forbidden: [
        violation('APPLICATION_DECISION_FORBIDDEN', '応募の選定結果を記録できるのは監査統括責任者または監査責任者のみです。', 'Only the chief audit executive or an audit manager may decide on an application.'),
      ],
    });
  }
  const conflict = status === 'received' ? [] : [
    violation('APPLICATION_ALREADY_DECIDED', 'この応募の選定結果は既に記録されています。', 'This application has already been decided.', { details: { status } }),
  ];
  const invalid = isFilled(reason) ? [] : [
    violation('APPLICATION_DECLINE_REASON_REQUIRED', '選定しない理由を記入してください（応募者に通知されます）。', 'Give the reason for not selecting the application (the applicant is told).', { field: 'reason' }),
  ];
  return verdict({ conflict, invalid });
}

export function assertApplicationDecline(actor: ActorFacts, status: ApplicationStatus, reason: string | null): void {
  raise(evaluateApplicationDecline(actor, status, reason));
}

/** ア: each audit's planned month lies inside the plan's fiscal year. */
export function checkPlannedMonth(month: IsoMonth, fiscalYear: number): Violation[] {
  if (!isIsoMonth(month)) {
    return [violation('PLANNED_MONTH_INVALID', `実施予定月が不正です（YYYY-MM）: ${month}`, `The planned month is not valid (YYYY-MM): ${month}`, { field: 'plannedMonth' })];
  }
  if (fiscalYearOfMonth(month) !== fiscalYear) {
    const { start, end } = fiscalYearRange(fiscalYear);
    return [
      violation(
        'PLANNED_MONTH_OUTSIDE_FISCAL_YEAR',
        `実施予定月（${month}）が${fiscalYearLabel(fiscalYear).ja}（${start}〜${end}）の範囲外です。`,
        `The planned month (${month}) is outside ${fiscalYearLabel(fiscalYear).en}.`,
        { field: 'plannedMonth', details: { plannedMonth: month, fiscalYear } },
      ),
    ];
  }
  return [];
}

export function checkPlanEntries(entries: readonly PlannedAuditEntry[], fiscalYear: number): Violation[] {
  return entries.flatMap((e, index) =>
    checkPlannedMonth(e.plannedMonth, fiscalYear).map((x) => ({
      ...x,
      field: `entries[${index}].plannedMonth`,
      details: { ...x.details, auditeeOrganisationId: e.auditeeOrganisationId },
    })),
  );
}

function mayDraft(actor: ActorFacts): boolean {
  return actor.roles.includes('chief_audit_executive') || actor.roles.includes('audit_manager');
}

function isChief(actor: ActorFacts): boolean {
  return actor.roles.includes('chief_audit_executive');
}

/** Creating or editing a draft plan: the chief or an audit manager; months in the year. */
export function evaluatePlanDraft(actor: ActorFacts, plan: AnnualPlanFacts): Verdict {
  if (!mayDraft(actor)) {
    return verdict({
      forbidden: [
        violation('PLAN_EDIT_FORBIDDEN', '年度監査計画を作成できるのは監査統括責任者または監査責任者のみです。', 'Only the chief audit executive or an audit manager may draft the annual plan.'),
      ],
    });
  }
  const invalid = [...checkPlanEntries(plan.entries, plan.fiscalYear), ...(plan.call === null ? [] : checkCallForVolunteers(plan.call, plan.fiscalYear))];
  const conflict =
    plan.status === 'draft'
      ? []
      : [
          violation(
            'PLAN_ALREADY_APPROVED',
            '承認済みの年度監査計画は、理由を付して改訂してください。',
            'The plan is approved: revise it with a recorded reason.',
            { field: 'status' },
          ),
        ];
  return verdict({ invalid, conflict });
}

export function assertPlanDraft(actor: ActorFacts, plan: AnnualPlanFacts): void {
  raise(evaluatePlanDraft(actor, plan));
}

export interface PlanOutcome {
  readonly status: PlanStatus;
  readonly revision: number;
}

/** Approval: by the chief audit executive only, of a draft with at least one audit. */
export function evaluatePlanApproval(actor: ActorFacts, plan: AnnualPlanFacts): Verdict {
  if (!isChief(actor)) {
    return verdict({
      forbidden: [
        violation('PLAN_APPROVAL_REQUIRES_CHIEF', '年度監査計画を承認できるのは監査統括責任者のみです。', 'Only the chief audit executive may approve the annual audit plan.'),
      ],
    });
  }
  const conflict: Violation[] = [];
  if (plan.status !== 'draft') {
    conflict.push(violation('PLAN_ALREADY_APPROVED', 'この年度監査計画は既に承認されています。', 'This annual plan is already approved.', { field: 'status' }));
  }
  if (plan.entries.length === 0) {
    conflict.push(violation('PLAN_EMPTY', '年度監査計画に監査が1件も含まれていません。', 'The annual plan contains no audit.', { field: 'entries' }));
  }
  conflict.push(...checkPlanEntries(plan.entries, plan.fiscalYear));
  if (plan.call !== null) conflict.push(...checkCallForVolunteers(plan.call, plan.fiscalYear));
  return verdict({ conflict });
}

export function decidePlanApproval(actor: ActorFacts, plan: AnnualPlanFacts): PlanOutcome {
  raise(evaluatePlanApproval(actor, plan));
  return { status: 'approved', revision: 0 };
}

/**
 * Revision of an approved plan (`revised` is the plan as it will be): the chief, with a reason;
 * the plan stays approved and its revision number goes up by one.
 */
export function evaluatePlanRevision(actor: ActorFacts, current: AnnualPlanFacts, revised: AnnualPlanFacts, reason: string | null): Verdict {
  if (current.status === 'draft') return evaluatePlanDraft(actor, revised);
  if (!isChief(actor)) {
    return verdict({
      forbidden: [
        violation('PLAN_REVISION_REQUIRES_CHIEF', '承認済みの年度監査計画を改訂できるのは監査統括責任者のみです。', 'Only the chief audit executive may revise an approved annual plan.'),
      ],
    });
  }
  const invalid: Violation[] = [];
  if (!isFilled(reason)) {
    invalid.push(violation('PLAN_REVISION_REASON_REQUIRED', '承認済みの年度監査計画を改訂する理由を記録してください。', 'Revising an approved plan requires a recorded reason.', { field: 'reason' }));
  }
  if (revised.fiscalYear !== current.fiscalYear) {
    invalid.push(violation('PLAN_FISCAL_YEAR_FIXED', '年度監査計画の年度は変更できません。', "A plan's fiscal year cannot be changed.", { field: 'fiscalYear' }));
  }
  invalid.push(...checkPlanEntries(revised.entries, current.fiscalYear));
  if (revised.call !== null) invalid.push(...checkCallForVolunteers(revised.call, current.fiscalYear));
  return verdict({ invalid });
}

export function decidePlanRevision(actor: ActorFacts, current: AnnualPlanFacts, revised: AnnualPlanFacts, reason: string | null): PlanOutcome {
  raise(evaluatePlanRevision(actor, current, revised, reason));
  return current.status === 'draft' ? { status: 'draft', revision: current.revision } : { status: 'approved', revision: current.revision + 1 };
}
