import { describe, expect, it } from 'vitest';
import {
  AnnualPlanFacts,
  assertApplication,
  assertApplicationDecline,
  assertAuditDefinition,
  AuditDefinition,
  checkApplication,
  checkAuditDefinition,
  checkCallForVolunteers,
  checkPlannedMonth,
  checkScope,
  decidePlanApproval,
  decidePlanRevision,
  evaluatePlanDraft,
  resolveScope,
} from '../../../src/audit';
import { actor, auditeeManager, auditorA, chief, codes, codesOfError, manager } from './fixtures';

const BASELINE = Array.from({ length: 32 }, (_, i) => i + 1);

describe('scope (監査実施計画: 範囲)', () => {
  it('is every catalogue item by default, needing no reason', () => {
    expect(resolveScope(BASELINE)).toEqual({ itemNos: BASELINE, excludedItemNos: [], exclusionReason: null, full: true });
    expect(resolveScope(BASELINE, null, null).full).toBe(true);
  });

  it('accepts a subset with a reason', () => {
    const scope = resolveScope(BASELINE, [3, 1, 2, 2], '出張採録を行っていないため項目22・23等を除外');
    expect(scope.itemNos).toEqual([1, 2, 3]);
    expect(scope.excludedItemNos).toHaveLength(29);
    expect(scope.full).toBe(false);
    expect(scope.exclusionReason).toBe('出張採録を行っていないため項目22・23等を除外');
  });

  it('refuses a subset without a reason', () => {
    expect(codesOfError(() => resolveScope(BASELINE, [1, 2, 3]), 'invalid')).toEqual(['SCOPE_EXCLUSION_REASON_REQUIRED']);
    expect(codes(checkScope(BASELINE, [1, 2, 3], '  '))).toEqual(['SCOPE_EXCLUSION_REASON_REQUIRED']);
  });

  it('treats selecting every item as a full scope', () => {
    expect(resolveScope(BASELINE, [...BASELINE].reverse()).full).toBe(true);
  });

  it('names unknown item numbers', () => {
    const [v] = checkScope(BASELINE, [1, 33, 120, 33], '理由');
    expect(v?.code).toBe('SCOPE_UNKNOWN_ITEMS');
    expect(v?.details).toEqual({ unknownItemNos: [33, 120] });
    expect(v?.ja).toContain('33, 120');
    expect(v?.en).toContain('33, 120');
  });

  it('refuses an empty selection, and an empty catalogue', () => {
    expect(codes(checkScope(BASELINE, [], '理由'))).toEqual(['SCOPE_EMPTY']);
    expect(codes(checkScope([], undefined))).toEqual(['SCOPE_CATALOG_EMPTY']);
  });

  it('refuses leaving out mandatory items (source 002 *)', () => {
    expect(codes(checkScope([1, 2, 3, 4], [1, 2], '理由', { mandatoryItemNos: [3] }))).toEqual(['SCOPE_MANDATORY_ITEM_EXCLUDED']);
  });
});

describe('audit definition (個別監査)', () => {
  const planned: AuditDefinition = {
    kind: 'planned',
    forCauseTrigger: null,
    annualPlanId: 'plan-2026',
    auditeeKind: 'registry',
    documentDeadline: '2026-10-20',
    visitDate: '2026-11-10',
  };

  it('accepts a planned audit of a registry by a manager or the chief', () => {
    expect(checkAuditDefinition(actor(manager), planned)).toEqual([]);
    expect(checkAuditDefinition(actor(chief), planned)).toEqual([]);
  });

  it('requires a trigger for a for-cause audit (source 003 第13)', () => {
    const forCause: AuditDefinition = { ...planned, kind: 'for_cause', annualPlanId: null, auditeeKind: 'data_user', forCauseTrigger: null };
    expect(codesOfError(() => assertAuditDefinition(actor(manager), forCause), 'invalid')).toEqual(['FOR_CAUSE_TRIGGER_REQUIRED']);
    expect(checkAuditDefinition(actor(manager), { ...forCause, forCauseTrigger: '利用期間終了後の廃棄報告に疑義（法第36条の報告で解決せず）' })).toEqual([]);
    expect(checkAuditDefinition(actor(manager), { ...forCause, auditeeKind: 'registry', forCauseTrigger: '漏えい事故の報告' })).toEqual([]);
  });

  it('requires the annual plan for a planned audit, and an auditee that can be audited', () => {
    expect(codes(checkAuditDefinition(actor(manager), { ...planned, annualPlanId: null, auditeeKind: 'audit_body' }))).toEqual([
      'AUDITEE_KIND_INVALID',
      'PLANNED_AUDIT_WITHOUT_PLAN',
    ]);
  });

  it('requires the visit after the document deadline, and real dates', () => {
    expect(codes(checkAuditDefinition(actor(manager), { ...planned, visitDate: '2026-10-19' }))).toEqual(['VISIT_NOT_AFTER_DOCUMENT_DEADLINE']);
    expect(codes(checkAuditDefinition(actor(manager), { ...planned, documentDeadline: '2026-02-30' }))).toEqual(['DATE_INVALID']);
  });

  it('is forbidden to auditors and auditees', () => {
    for (const who of [auditorA, auditeeManager]) {
      expect(codesOfError(() => assertAuditDefinition(actor(who), planned), 'forbidden')).toEqual(['AUDIT_CREATION_FORBIDDEN']);
    }
  });
});

describe('call for volunteers (監査登録室の公募)', () => {
  const call = { opensOn: '2026-04-15', closesOn: '2026-05-31' };

  it('closes after it opens, within the fiscal year', () => {
    expect(checkCallForVolunteers(call, 2026)).toEqual([]);
    expect(codes(checkCallForVolunteers({ opensOn: '2026-05-31', closesOn: '2026-05-31' }, 2026))).toEqual(['CALL_CLOSES_BEFORE_OPENING']);
    expect(codes(checkCallForVolunteers({ opensOn: '2026-06-01', closesOn: '2026-05-01' }, 2026))).toEqual(['CALL_CLOSES_BEFORE_OPENING']);
    expect(codes(checkCallForVolunteers({ opensOn: '2027-03-01', closesOn: '2027-04-01' }, 2026))).toEqual(['CALL_CLOSES_AFTER_FISCAL_YEAR']);
    expect(codes(checkCallForVolunteers({ opensOn: 'soon', closesOn: '2026-05-01' }, 2026))).toEqual(['DATE_INVALID']);
  });

  const application = { call, appliedOn: '2026-05-01', applicantOrganisationId: 'org-registry-04', applicantKind: 'registry' as const, existingApplicantIds: [] };

  it('accepts applications from the opening day to the closing day inclusive', () => {
    expect(checkApplication(application)).toEqual([]);
    expect(checkApplication({ ...application, appliedOn: '2026-04-15' })).toEqual([]);
    expect(checkApplication({ ...application, appliedOn: '2026-05-31' })).toEqual([]);
  });

  it('refuses applications outside the window, twice, without a call, or from the audit body', () => {
    expect(codesOfError(() => assertApplication({ ...application, appliedOn: '2026-04-14' }), 'conflict')).toEqual(['APPLICATION_OUTSIDE_CALL_WINDOW']);
    expect(codes(checkApplication({ ...application, appliedOn: '2026-06-01' }))).toEqual(['APPLICATION_OUTSIDE_CALL_WINDOW']);
    expect(codes(checkApplication({ ...application, existingApplicantIds: ['org-registry-04'] }))).toEqual(['APPLICATION_DUPLICATE']);
    expect(codes(checkApplication({ ...application, call: null }))).toEqual(['CALL_NOT_PUBLISHED']);
    expect(codesOfError(() => assertApplication({ ...application, applicantKind: 'audit_body' }), 'invalid')).toEqual(['APPLICANT_NOT_AUDITEE']);
  });

  it('declines an undecided application once, with a reason, by the chief or a manager only', () => {
    const reason = '本年度の監査体制の上限に達したため、次年度の候補とする。';
    expect(() => assertApplicationDecline(actor(manager), 'received', reason)).not.toThrow();
    expect(() => assertApplicationDecline(actor(chief), 'received', reason)).not.toThrow();
    expect(codesOfError(() => assertApplicationDecline(actor(auditorA), 'received', reason), 'forbidden')).toEqual(['APPLICATION_DECISION_FORBIDDEN']);
    expect(codesOfError(() => assertApplicationDecline(actor(auditeeManager), 'received', reason), 'forbidden')).toEqual(['APPLICATION_DECISION_FORBIDDEN']);
    expect(codesOfError(() => assertApplicationDecline(actor(manager), 'received', '  '), 'invalid')).toEqual(['APPLICATION_DECLINE_REASON_REQUIRED']);
    expect(codesOfError(() => assertApplicationDecline(actor(manager), 'selected', reason), 'conflict')).toEqual(['APPLICATION_ALREADY_DECIDED']);
    expect(codesOfError(() => assertApplicationDecline(actor(manager), 'not_selected', reason), 'conflict')).toEqual(['APPLICATION_ALREADY_DECIDED']);
  });
});

describe('annual audit plan (年度監査計画)', () => {
  const draft: AnnualPlanFacts = {
    fiscalYear: 2026,
    status: 'draft',
    revision: 0,
    call: { opensOn: '2026-04-15', closesOn: '2026-05-31' },
    entries: [
      { auditeeOrganisationId: 'org-registry-04', plannedMonth: '2026-11' },
      { auditeeOrganisationId: 'org-registry-13', plannedMonth: '2027-03' },
    ],
  };
  const approved: AnnualPlanFacts = { ...draft, status: 'approved' };

  it('places every planned month inside the fiscal year', () => {
    expect(checkPlannedMonth('2026-04', 2026)).toEqual([]);
    expect(checkPlannedMonth('2027-03', 2026)).toEqual([]);
    expect(codes(checkPlannedMonth('2026-03', 2026))).toEqual(['PLANNED_MONTH_OUTSIDE_FISCAL_YEAR']);
    expect(codes(checkPlannedMonth('2027-04', 2026))).toEqual(['PLANNED_MONTH_OUTSIDE_FISCAL_YEAR']);
    expect(codes(checkPlannedMonth('2026-13', 2026))).toEqual(['PLANNED_MONTH_INVALID']);
  });

  it('is drafted by the chief or an audit manager', () => {
    expect(evaluatePlanDraft(actor(manager), draft).invalid).toEqual([]);
    expect(codes(evaluatePlanDraft(actor(auditorA), draft).forbidden)).toEqual(['PLAN_EDIT_FORBIDDEN']);
    expect(codes(evaluatePlanDraft(actor(manager), approved).conflict)).toEqual(['PLAN_ALREADY_APPROVED']);
    const bad = evaluatePlanDraft(actor(manager), { ...draft, entries: [{ auditeeOrganisationId: 'x', plannedMonth: '2026-01' }] });
    expect(codes(bad.invalid)).toEqual(['PLANNED_MONTH_OUTSIDE_FISCAL_YEAR']);
    expect(bad.invalid[0]?.field).toBe('entries[0].plannedMonth');
  });

  it('is approved by the chief audit executive only', () => {
    expect(decidePlanApproval(actor(chief), draft)).toEqual({ status: 'approved', revision: 0 });
    expect(codesOfError(() => decidePlanApproval(actor(manager), draft), 'forbidden')).toEqual(['PLAN_APPROVAL_REQUIRES_CHIEF']);
  });

  it('is not approved twice, nor empty, nor with months outside the year', () => {
    expect(codesOfError(() => decidePlanApproval(actor(chief), approved), 'conflict')).toEqual(['PLAN_ALREADY_APPROVED']);
    expect(codesOfError(() => decidePlanApproval(actor(chief), { ...draft, entries: [] }), 'conflict')).toEqual(['PLAN_EMPTY']);
    expect(
      codesOfError(() => decidePlanApproval(actor(chief), { ...draft, entries: [{ auditeeOrganisationId: 'x', plannedMonth: '2027-04' }] }), 'conflict'),
    ).toEqual(['PLANNED_MONTH_OUTSIDE_FISCAL_YEAR']);
  });

  it('revised after approval by the chief with a reason: stays approved, revision + 1', () => {
    const revised = { ...approved, entries: [...approved.entries, { auditeeOrganisationId: 'org-user-1', plannedMonth: '2027-02' }] };
    expect(decidePlanRevision(actor(chief), approved, revised, '臨時監査の追加')).toEqual({ status: 'approved', revision: 1 });
    expect(decidePlanRevision(actor(chief), { ...approved, revision: 1 }, revised, '日程変更')).toEqual({ status: 'approved', revision: 2 });
  });

  it('refuses a revision of an approved plan without a reason, by a manager, or moving the year', () => {
    expect(codesOfError(() => decidePlanRevision(actor(chief), approved, approved, ' '), 'invalid')).toEqual(['PLAN_REVISION_REASON_REQUIRED']);
    expect(codesOfError(() => decidePlanRevision(actor(manager), approved, approved, '理由'), 'forbidden')).toEqual(['PLAN_REVISION_REQUIRES_CHIEF']);
    expect(codesOfError(() => decidePlanRevision(actor(chief), approved, { ...approved, fiscalYear: 2027 }, '理由'), 'invalid')).toEqual([
      'PLAN_FISCAL_YEAR_FIXED',
    ]);
  });

  it('edits a draft without a reason and without a revision', () => {
    expect(decidePlanRevision(actor(manager), draft, { ...draft, entries: draft.entries.slice(0, 1) }, null)).toEqual({ status: 'draft', revision: 0 });
  });
});
