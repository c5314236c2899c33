/**
 * Shared facts for the domain tests: an audit body with a chief, a manager and three auditors;
 * a prefectural registry as the auditee; an audit whose facts satisfy every precondition of
 * the main path, so that each test can break exactly one rule.
 */
import {
  ActorFacts,
  AuditContext,
  AuditSnapshot,
  AuditStatus,
  DomainError,
  FindingFacts,
  PersonFacts,
  TransitionFacts,
  WorkpaperFacts,
  WorkpaperState,
} from '../../../src/audit';
import { expect } from 'vitest';

export const BODY = 'org-audit-body';
export const AUDITEE = 'org-registry-04'; // 宮城県がん登録室
export const OTHER = 'org-registry-13';

export const TODAY = '2026-10-15';

export function person(id: string, overrides: Partial<PersonFacts> = {}): PersonFacts {
  return {
    id,
    name: id,
    organisationId: BODY,
    roles: ['auditor'],
    pledgeSignedOn: '2026-04-01',
    conflictOrganisationIds: [],
    ...overrides,
  };
}

export const chief = person('chief', { roles: ['chief_audit_executive'] });
export const manager = person('manager', { roles: ['audit_manager', 'auditor'] });
export const auditorA = person('auditor-a');
export const auditorB = person('auditor-b');
export const auditorC = person('auditor-c');
export const outsiderAuditor = person('auditor-x');
export const auditeeManager = person('auditee-mgr', { organisationId: AUDITEE, roles: ['auditee_manager'], pledgeSignedOn: null });
export const auditeeStaff = person('auditee-staff', { organisationId: AUDITEE, roles: ['auditee_staff'], pledgeSignedOn: null });
export const otherAuditee = person('other-auditee', { organisationId: OTHER, roles: ['auditee_manager'], pledgeSignedOn: null });

export function actor(p: PersonFacts): ActorFacts {
  return { personId: p.id, organisationId: p.organisationId, roles: p.roles };
}

export const AUDIT_ACCESS = {
  auditeeOrganisationId: AUDITEE,
  managerId: manager.id,
  teamMemberIds: [auditorA.id, auditorB.id],
};

export function ctx(status: AuditStatus, who: PersonFacts): AuditContext {
  return { status, actor: actor(who), audit: AUDIT_ACCESS };
}

export function workpaper(id: string, itemNo: number, overrides: Partial<WorkpaperFacts> = {}): WorkpaperFacts {
  return {
    id,
    itemNo,
    inScope: true,
    conclusion: 'conforms',
    notTestedReason: null,
    preparerSignedBy: auditorA.id,
    reviewerSignedBy: auditorB.id,
    openReviewNoteCount: 0,
    ...overrides,
  };
}

export function workpaperState(overrides: Partial<WorkpaperState> = {}): WorkpaperState {
  return {
    id: 'wp-10',
    itemNo: 10,
    inScope: true,
    version: 3,
    procedures: [
      {
        procedure: 'inspection',
        performedOn: '2026-10-01',
        description: '入退室管理簿（様式4）の直近3か月分を閲覧した。',
        observation: '休日の開錠・施錠記録が2件欠落していた。',
      },
    ],
    evidenceRefs: ['doc-entry-log'],
    conclusion: 'does_not_conform',
    notTestedReason: null,
    preparerSignedBy: null,
    reviewerSignedBy: null,
    openReviewNoteCount: 0,
    ...overrides,
  };
}

export function finding(id: string, workpaperId: string, overrides: Partial<FindingFacts> = {}): FindingFacts {
  return {
    id,
    ref: id,
    workpaperId,
    severity: 'minor',
    auditeeResponse: 'accepted',
    disputeReason: null,
    planStatus: 'accepted',
    planDueDate: '2027-01-31',
    resultReportStatus: 'accepted',
    recommendationResponse: 'pending',
    recommendationDeclineReason: null,
    ...overrides,
  };
}

/** An audit whose facts satisfy every precondition on the main path. */
export function snapshot(overrides: Partial<AuditSnapshot> = {}): AuditSnapshot {
  return {
    audit: {
      id: 'audit-1',
      kind: 'planned',
      forCauseTrigger: null,
      ...AUDIT_ACCESS,
      documentDeadline: '2026-10-20',
      visitDate: '2026-11-10',
      reportIssuedOn: '2026-12-01',
    },
    manager,
    members: [auditorA, auditorB],
    documentRequests: [
      { id: 'req-rules', title: '要領', uploadedFileCount: 1 },
      { id: 'req-manual', title: 'マニュアル', uploadedFileCount: 2 },
    ],
    workpapers: [
      workpaper('wp-1', 1),
      workpaper('wp-10', 10, { conclusion: 'does_not_conform' }),
      workpaper('wp-21', 21, { conclusion: 'not_applicable' }),
      workpaper('wp-99', 99, { inScope: false, conclusion: null, preparerSignedBy: null, reviewerSignedBy: null }),
    ],
    findings: [
      finding('minor-1', 'wp-10'),
      finding('rec-1', 'wp-1', {
        severity: 'recommendation',
        planStatus: null,
        planDueDate: null,
        resultReportStatus: null,
        recommendationResponse: 'will_act',
      }),
    ],
    today: TODAY,
    ...overrides,
  };
}

export function facts(
  overrides: Partial<AuditSnapshot> = {},
  by: PersonFacts = manager,
  reason: string | null = null,
): TransitionFacts {
  return { ...snapshot(overrides), actor: actor(by), reason };
}

/** Runs fn, expects a DomainError of the given kind, returns its codes. */
export function codesOfError(fn: () => unknown, kind: DomainError['kind']): string[] {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    const e = error as DomainError;
    expect(e.kind).toBe(kind);
    for (const v of e.violations) {
      expect(v.ja.length).toBeGreaterThan(0);
      expect(v.en.length).toBeGreaterThan(0);
    }
    return e.codes;
  }
  throw new Error('expected a DomainError, nothing was thrown');
}

export function codes(violations: readonly { code: string }[]): string[] {
  return violations.map((v) => v.code);
}
