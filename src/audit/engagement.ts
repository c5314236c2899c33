/**
 * One audit engagement (個別監査) — ハンドブック 2.(2)ウ 監査実施計画の策定: auditee, kind,
 * dates. A planned audit comes from the annual plan (年度監査計画); a for-cause audit of a
 * data user whose handling of registry data is in doubt follows source 003 第13 (報告 → 助言 →
 * 適切な監査手順に基づいた監査) and 第14 (不適切利用への対応), so its trigger is recorded.
 */
import { ActorFacts } from './access';
import { IsoDate, isAfter, isBefore, isIsoDate } from './dates';
import { isFilled, raise, verdict, Verdict, violation, Violation, allViolations } from './violation';
import { AUDITEE_KINDS, AuditKind, isAuditKind, ORGANISATION_KIND_LABELS, OrganisationKind } from './vocabulary';

export interface AuditDefinition {
  readonly kind: AuditKind;
  /** Why a for-cause audit is held (e.g. the report under 法第36条 did not resolve the doubt). */
  readonly forCauseTrigger: string | null;
  /** The annual plan a planned audit belongs to. */
  readonly annualPlanId: string | null;
  readonly auditeeKind: OrganisationKind;
  readonly documentDeadline: IsoDate | null;
  readonly visitDate: IsoDate | null;
}

export interface AuditDates {
  readonly documentDeadline: IsoDate | null;
  readonly visitDate: IsoDate | null;
}

/** The dates must be real dates, and the documents are due before the visit (事前文書監査). */
export function checkAuditDates(dates: AuditDates): Violation[] {
  const out: Violation[] = [];
  const { documentDeadline, visitDate } = dates;
  if (documentDeadline !== null && !isIsoDate(documentDeadline)) {
    out.push(
      violation('DATE_INVALID', '文書提出期限の日付が不正です（YYYY-MM-DD）。', 'The document deadline is not a valid date (YYYY-MM-DD).', {
        field: 'documentDeadline',
      }),
    );
  }
  if (visitDate !== null && !isIsoDate(visitDate)) {
    out.push(
      violation('DATE_INVALID', '往査日の日付が不正です（YYYY-MM-DD）。', 'The visit date is not a valid date (YYYY-MM-DD).', {
        field: 'visitDate',
      }),
    );
  }
  if (out.length === 0 && documentDeadline !== null && visitDate !== null && !isBefore(documentDeadline, visitDate)) {
    out.push(
      violation(
        'VISIT_NOT_AFTER_DOCUMENT_DEADLINE',
        `往査日（${visitDate}）は文書提出期限（${documentDeadline}）より後でなければなりません。事前文書監査の時間が必要です。`,
        `The visit (${visitDate}) must come after the document deadline (${documentDeadline}), leaving time for the document review.`,
        { field: 'visitDate', details: { documentDeadline, visitDate } },
      ),
    );
  }
  return out;
}

export function evaluateAuditDefinition(actor: ActorFacts, def: AuditDefinition): Verdict {
  if (!actor.roles.includes('chief_audit_executive') && !actor.roles.includes('audit_manager')) {
    return verdict({
      forbidden: [
        violation(
          'AUDIT_CREATION_FORBIDDEN',
          '監査を登録できるのは監査統括責任者または監査責任者のみです。',
          'Only the chief audit executive or an audit manager may create an audit.',
        ),
      ],
    });
  }
  const invalid: Violation[] = [];
  if (!isAuditKind(def.kind)) {
    invalid.push(violation('AUDIT_KIND_INVALID', '監査の種類が不正です。', 'Unknown audit kind.', { field: 'kind' }));
  }
  if (!AUDITEE_KINDS.includes(def.auditeeKind)) {
    invalid.push(
      violation(
        'AUDITEE_KIND_INVALID',
        `被監査主体は都道府県がん登録室または情報の利用者でなければなりません（指定: ${ORGANISATION_KIND_LABELS[def.auditeeKind]?.ja ?? def.auditeeKind}）。`,
        'The auditee must be a prefectural cancer registry or a data user.',
        { field: 'auditeeOrganisationId' },
      ),
    );
  }
  if (def.kind === 'planned' && def.annualPlanId === null) {
    invalid.push(
      violation(
        'PLANNED_AUDIT_WITHOUT_PLAN',
        '計画監査は年度監査計画に基づいて登録してください。',
        'A planned audit must belong to an annual audit plan.',
        { field: 'annualPlanId' },
      ),
    );
  }
  if (def.kind === 'for_cause' && !isFilled(def.forCauseTrigger)) {
    invalid.push(
      violation(
        'FOR_CAUSE_TRIGGER_REQUIRED',
        '臨時監査には、実施の契機（情報の取扱いに関する疑義など）を記録してください。',
        'A for-cause audit needs its trigger recorded (e.g. the doubt about the handling of registry data).',
        { field: 'forCauseTrigger' },
      ),
    );
  }
  invalid.push(...checkAuditDates(def));
  return verdict({ invalid });
}

export function checkAuditDefinition(actor: ActorFacts, def: AuditDefinition): Violation[] {
  return allViolations(evaluateAuditDefinition(actor, def));
}

/** Throws DomainError('forbidden' | 'invalid'). */
export function assertAuditDefinition(actor: ActorFacts, def: AuditDefinition): void {
  raise(evaluateAuditDefinition(actor, def));
}

/** True when the visit date lies in the past relative to today (the visit has been held). */
export function visitHeld(visitDate: IsoDate | null, today: IsoDate): boolean {
  return visitDate !== null && isIsoDate(visitDate) && !isAfter(visitDate, today);
}
