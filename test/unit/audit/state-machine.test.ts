import { describe, expect, it } from 'vitest';
import {
  assertTransition,
  AUDIT_STATUSES,
  AuditStatus,
  availableTransitions,
  CANCELLABLE_STATUSES,
  checkTransition,
  DomainError,
  forwardTransition,
  MAIN_PATH,
  nextActions,
  openItems,
  PRECONDITIONS,
  TRANSITIONS,
  transitionRule,
} from '../../../src/audit';
import {
  auditeeManager,
  auditorA,
  auditorB,
  auditorC,
  AUDITEE,
  chief,
  codes,
  codesOfError,
  facts,
  finding,
  manager,
  outsiderAuditor,
  person,
  snapshot,
  workpaper,
} from './fixtures';

const BEFORE_DEADLINE = '2026-10-15';
const AFTER_DEADLINE = '2026-10-25';
const AFTER_VISIT = '2026-11-12';

describe('the transition table', () => {
  it('follows the handbook: planned → … → published, one step at a time', () => {
    expect(MAIN_PATH).toEqual([
      'planned',
      'documents_requested',
      'document_review',
      'fieldwork',
      'results_agreement',
      'reported',
      'remediation',
      'verified',
      'published',
    ]);
    for (let i = 0; i < MAIN_PATH.length - 1; i += 1) {
      expect(forwardTransition(MAIN_PATH[i]!)?.to).toBe(MAIN_PATH[i + 1]);
    }
    expect(forwardTransition('published')).toBeUndefined();
    expect(forwardTransition('cancelled')).toBeUndefined();
  });

  it('allows cancellation from every state before reported, and from no other', () => {
    expect(CANCELLABLE_STATUSES).toEqual(['planned', 'documents_requested', 'document_review', 'fieldwork', 'results_agreement']);
    for (const from of AUDIT_STATUSES) {
      expect(transitionRule(from, 'cancelled') !== undefined).toBe(CANCELLABLE_STATUSES.includes(from));
    }
    for (const t of TRANSITIONS.filter((x) => x.to === 'cancelled')) expect(t.requiresReason).toBe(true);
  });

  it('allows early publication only from reported and remediation, only by the chief, with a reason', () => {
    const early = TRANSITIONS.filter((t) => t.early);
    expect(early.map((t) => t.from).sort()).toEqual(['remediation', 'reported']);
    for (const t of early) {
      expect(t.by).toEqual(['chief']);
      expect(t.requiresReason).toBe(true);
    }
  });

  it('has no transition out of the terminal states and none to planned', () => {
    expect(TRANSITIONS.filter((t) => t.from === 'published' || t.from === 'cancelled')).toEqual([]);
    expect(TRANSITIONS.filter((t) => t.to === 'planned')).toEqual([]);
  });

  it('names who may take every step and where the handbook says so', () => {
    for (const t of TRANSITIONS) {
      expect(t.by.length).toBeGreaterThan(0);
      expect(t.by).not.toContain('auditee');
      expect(t.handbook).toMatch(/^2\.\(\d\)/);
      expect(t.action.ja.length).toBeGreaterThan(0);
      expect(t.action.en.length).toBeGreaterThan(0);
    }
    expect(Object.keys(PRECONDITIONS).sort()).toEqual([...AUDIT_STATUSES].sort());
  });

  it('lists the transitions a person may take', () => {
    expect(availableTransitions('remediation', ['manager']).map((t) => t.to)).toEqual(['verified']);
    expect(availableTransitions('remediation', ['chief']).map((t) => t.to).sort()).toEqual(['published', 'verified']);
    expect(availableTransitions('fieldwork', ['auditee'])).toEqual([]);
  });
});

describe('the whole main path with every precondition met', () => {
  const days: Record<string, string> = {
    documents_requested: BEFORE_DEADLINE,
    document_review: BEFORE_DEADLINE,
    fieldwork: AFTER_DEADLINE,
  };
  for (let i = 0; i < MAIN_PATH.length - 1; i += 1) {
    const from = MAIN_PATH[i]!;
    const to = MAIN_PATH[i + 1]!;
    it(`${from} → ${to} is allowed for the audit manager`, () => {
      const f = facts({ today: days[to] ?? AFTER_VISIT });
      expect(checkTransition(from, to, f)).toEqual([]);
      expect(assertTransition(from, to, f).to).toBe(to);
    });
  }

  it('lets the chief audit executive take every step too', () => {
    for (let i = 0; i < MAIN_PATH.length - 1; i += 1) {
      const to = MAIN_PATH[i + 1]!;
      const days2: Record<string, string> = { documents_requested: BEFORE_DEADLINE, document_review: BEFORE_DEADLINE };
      expect(checkTransition(MAIN_PATH[i]!, to, facts({ today: days2[to] ?? AFTER_VISIT }, chief))).toEqual([]);
    }
  });
});

describe('refused transitions answer conflict with every unmet condition', () => {
  it('skipping a step: TRANSITION_NOT_ALLOWED', () => {
    expect(codesOfError(() => assertTransition('planned', 'fieldwork', facts()), 'conflict')).toEqual(['TRANSITION_NOT_ALLOWED']);
    expect(codesOfError(() => assertTransition('fieldwork', 'document_review', facts()), 'conflict')).toEqual(['TRANSITION_NOT_ALLOWED']);
    expect(codesOfError(() => assertTransition('published', 'verified', facts()), 'conflict')).toEqual(['TRANSITION_NOT_ALLOWED']);
    expect(codesOfError(() => assertTransition('fieldwork', 'fieldwork', facts()), 'conflict')).toEqual(['TRANSITION_NOT_ALLOWED']);
  });

  it('documents_requested needs a manager, document requests and a future deadline — all listed at once', () => {
    const f = facts({
      audit: { ...snapshot().audit, managerId: null, documentDeadline: null },
      documentRequests: [],
      today: BEFORE_DEADLINE,
    }, chief);
    const error = (() => {
      try {
        assertTransition('planned', 'documents_requested', f);
      } catch (e) {
        return e as DomainError;
      }
      throw new Error('not refused');
    })();
    expect(error.kind).toBe('conflict');
    expect(error.codes).toEqual(['AUDIT_MANAGER_NOT_APPOINTED', 'DOCUMENT_REQUESTS_MISSING', 'DOCUMENT_DEADLINE_MISSING']);
  });

  it('documents_requested refuses a deadline already passed', () => {
    expect(codes(checkTransition('planned', 'documents_requested', facts({ today: AFTER_DEADLINE })))).toEqual(['DOCUMENT_DEADLINE_PASSED']);
  });

  it('documents_requested refuses a visit on or before the document deadline', () => {
    const f = facts({ audit: { ...snapshot().audit, visitDate: '2026-10-20' }, today: BEFORE_DEADLINE });
    expect(codes(checkTransition('planned', 'documents_requested', f))).toEqual(['VISIT_NOT_AFTER_DOCUMENT_DEADLINE']);
  });

  it('documents_requested refuses a for-cause audit without its trigger', () => {
    const f = facts({ audit: { ...snapshot().audit, kind: 'for_cause', forCauseTrigger: ' ' }, today: BEFORE_DEADLINE });
    expect(codes(checkTransition('planned', 'documents_requested', f))).toEqual(['FOR_CAUSE_TRIGGER_REQUIRED']);
  });

  it('document_review waits for every answer until the deadline has passed', () => {
    const requests = [
      { id: 'req-rules', title: '要領', uploadedFileCount: 1 },
      { id: 'req-incident', title: '事故時対応手順', uploadedFileCount: 0 },
    ];
    const before = checkTransition('documents_requested', 'document_review', facts({ documentRequests: requests, today: BEFORE_DEADLINE }));
    expect(codes(before)).toEqual(['DOCUMENTS_OUTSTANDING']);
    expect(before[0]?.details).toEqual({ documentRequestIds: ['req-incident'] });
    // on the deadline day the auditee still has time
    expect(codes(checkTransition('documents_requested', 'document_review', facts({ documentRequests: requests, today: '2026-10-20' })))).toEqual([
      'DOCUMENTS_OUTSTANDING',
    ]);
    // after it, the missing document is itself what the review finds
    expect(checkTransition('documents_requested', 'document_review', facts({ documentRequests: requests, today: AFTER_DEADLINE }))).toEqual([]);
  });

  it('document_review needs the deadline set', () => {
    const f = facts({ audit: { ...snapshot().audit, documentDeadline: null } });
    expect(codes(checkTransition('documents_requested', 'document_review', f))).toEqual(['DOCUMENT_DEADLINE_MISSING']);
  });

  it('fieldwork re-checks the team rule on the day and needs a visit date', () => {
    const f = facts({
      members: [auditorA, person('auditor-late', { pledgeSignedOn: '2026-10-30' })],
      audit: { ...snapshot().audit, visitDate: null },
      today: AFTER_DEADLINE,
    });
    expect(codes(checkTransition('document_review', 'fieldwork', f))).toEqual(['TEAM_MEMBER_PLEDGE_AFTER_REFERENCE_DATE', 'VISIT_DATE_MISSING']);
  });

  it('fieldwork is refused with one auditor only', () => {
    const f = facts({ members: [auditorA], today: AFTER_DEADLINE });
    expect(codesOfError(() => assertTransition('document_review', 'fieldwork', f), 'conflict')).toEqual(['TEAM_TOO_FEW_AUDITORS']);
  });

  it('fieldwork is refused when a member has since declared a conflict with the auditee', () => {
    const f = facts({ members: [auditorA, { ...auditorB, conflictOrganisationIds: [AUDITEE] }], today: AFTER_DEADLINE });
    expect(codes(checkTransition('document_review', 'fieldwork', f))).toEqual(['TEAM_MEMBER_CONFLICT_OF_INTEREST']);
  });

  it('results_agreement needs the visit held', () => {
    expect(codes(checkTransition('fieldwork', 'results_agreement', facts({ today: '2026-11-09' })))).toEqual(['VISIT_NOT_HELD']);
    expect(checkTransition('fieldwork', 'results_agreement', facts({ today: '2026-11-10' }))).toEqual([]);
  });

  it('results_agreement needs every in-scope workpaper concluded, signed by preparer and reviewer, notes cleared', () => {
    const f = facts({
      today: AFTER_VISIT,
      workpapers: [
        workpaper('wp-1', 1, { conclusion: null }),
        workpaper('wp-2', 2, { conclusion: 'not_tested', notTestedReason: null }),
        workpaper('wp-3', 3, { preparerSignedBy: null, reviewerSignedBy: null }),
        workpaper('wp-4', 4, { reviewerSignedBy: null }),
        workpaper('wp-5', 5, { openReviewNoteCount: 2 }),
        workpaper('wp-6', 6, { reviewerSignedBy: auditorA.id }),
        workpaper('wp-10', 10, { conclusion: 'does_not_conform' }),
        workpaper('wp-7', 7, { conclusion: 'not_tested', notTestedReason: '出張採録を行っていないため' }),
        workpaper('wp-99', 99, { inScope: false, conclusion: null, preparerSignedBy: null, reviewerSignedBy: null }),
      ],
      findings: [finding('minor-1', 'wp-10')],
    });
    const result = checkTransition('fieldwork', 'results_agreement', f);
    expect(codes(result)).toEqual([
      'WORKPAPER_NOT_CONCLUDED',
      'WORKPAPER_NOT_TESTED_REASON_REQUIRED',
      'WORKPAPER_NOT_SIGNED_BY_PREPARER',
      'WORKPAPER_NOT_REVIEWED',
      'WORKPAPER_NOT_REVIEWED',
      'WORKPAPER_OPEN_REVIEW_NOTES',
      'WORKPAPER_REVIEWER_IS_PREPARER',
    ]);
    expect(result.map((v) => v.details?.['itemNo'])).toEqual([1, 2, 3, 3, 4, 5, 6]);
  });

  it('results_agreement needs a major or minor finding for every nonconformity', () => {
    const recommendationOnly = [finding('rec-1', 'wp-10', { severity: 'recommendation', recommendationResponse: 'pending' })];
    const result = checkTransition('fieldwork', 'results_agreement', facts({ today: AFTER_VISIT, findings: recommendationOnly }));
    expect(codes(result)).toEqual(['NONCONFORMITY_WITHOUT_FINDING']);
    expect(result[0]?.details).toEqual({ workpaperId: 'wp-10', itemNo: 10 });
  });

  it('results_agreement refuses a deficiency whose workpaper no longer says "does not conform"', () => {
    const f = facts({ today: AFTER_VISIT, findings: [finding('minor-1', 'wp-10'), finding('minor-2', 'wp-1')] });
    expect(codes(checkTransition('fieldwork', 'results_agreement', f))).toEqual(['FINDING_REQUIRES_NONCONFORMITY']);
  });

  it('results_agreement refuses a finding that refers to no workpaper of the audit', () => {
    const f = facts({ today: AFTER_VISIT, findings: [finding('minor-1', 'wp-10'), finding('minor-9', 'wp-elsewhere')] });
    expect(codes(checkTransition('fieldwork', 'results_agreement', f))).toEqual(['FINDING_WORKPAPER_UNKNOWN']);
  });

  it('results_agreement refuses an audit with no workpaper in scope', () => {
    const f = facts({ today: AFTER_VISIT, workpapers: [], findings: [] });
    expect(codes(checkTransition('fieldwork', 'results_agreement', f))).toEqual(['NO_WORKPAPERS_IN_SCOPE']);
  });

  it('reported needs every finding accepted or disputed, none pending', () => {
    const f = facts({
      today: AFTER_VISIT,
      findings: [
        finding('minor-1', 'wp-10', { auditeeResponse: 'pending' }),
        finding('minor-2', 'wp-10', { auditeeResponse: 'disputed', disputeReason: '休日は警備会社が施錠している' }),
        finding('rec-1', 'wp-1', { severity: 'recommendation', auditeeResponse: 'pending' }),
      ],
    });
    const result = checkTransition('results_agreement', 'reported', f);
    expect(codes(result)).toEqual(['FINDING_RESPONSE_PENDING', 'FINDING_RESPONSE_PENDING']);
    expect(result.map((v) => v.details?.['findingId'])).toEqual(['minor-1', 'rec-1']);
  });

  it('reported re-checks the workpapers (they may be corrected during the agreement)', () => {
    const f = facts({ today: AFTER_VISIT, workpapers: [workpaper('wp-10', 10, { conclusion: 'does_not_conform', reviewerSignedBy: null })],
      findings: [finding('minor-1', 'wp-10')],
    });
    expect(codes(checkTransition('results_agreement', 'reported', f))).toEqual(['WORKPAPER_NOT_REVIEWED']);
  });

  it('remediation needs the report issued', () => {
    const f = facts({ audit: { ...snapshot().audit, reportIssuedOn: null } });
    expect(codesOfError(() => assertTransition('reported', 'remediation', f), 'conflict')).toEqual(['REPORT_NOT_ISSUED']);
  });

  it('verified needs accepted plans and reports for deficiencies and answered recommendations', () => {
    const f = facts({
      findings: [
        finding('major-1', 'wp-10', { severity: 'major', planStatus: 'submitted', resultReportStatus: null }),
        finding('minor-1', 'wp-10', { planStatus: 'accepted', resultReportStatus: 'returned' }),
        finding('minor-2', 'wp-10', { planStatus: 'accepted', resultReportStatus: 'accepted' }),
        finding('rec-1', 'wp-1', { severity: 'recommendation', recommendationResponse: 'pending', planStatus: null, resultReportStatus: null }),
        finding('rec-2', 'wp-1', { severity: 'recommendation', recommendationResponse: 'declined', recommendationDeclineReason: null }),
        finding('rec-3', 'wp-1', { severity: 'recommendation', recommendationResponse: 'declined', recommendationDeclineReason: '予算措置が必要なため次年度に検討' }),
      ],
    });
    const result = checkTransition('remediation', 'verified', f);
    expect(codes(result)).toEqual([
      'REMEDIATION_PLAN_NOT_ACCEPTED',
      'RESULT_REPORT_NOT_ACCEPTED',
      'RESULT_REPORT_NOT_ACCEPTED',
      'RECOMMENDATION_NOT_ANSWERED',
      'RECOMMENDATION_DECLINE_REASON_REQUIRED',
    ]);
    expect(result.map((v) => v.details?.['findingId'])).toEqual(['major-1', 'major-1', 'minor-1', 'rec-1', 'rec-2']);
  });

  it('verified holds for an audit without findings (the mock audits had no major deficiency)', () => {
    expect(checkTransition('remediation', 'verified', facts({ findings: [] }))).toEqual([]);
  });

  it('cannot be verified from reported directly', () => {
    expect(codes(checkTransition('reported', 'verified', facts()))).toEqual(['TRANSITION_NOT_ALLOWED']);
  });
});

describe('cancellation', () => {
  it('needs a reason', () => {
    expect(codesOfError(() => assertTransition('fieldwork', 'cancelled', facts({}, manager, null)), 'conflict')).toEqual(['CANCELLATION_REASON_REQUIRED']);
    expect(codes(checkTransition('fieldwork', 'cancelled', facts({}, manager, '   ')))).toEqual(['CANCELLATION_REASON_REQUIRED']);
    expect(checkTransition('fieldwork', 'cancelled', facts({}, manager, '被監査主体の移転のため'))).toEqual([]);
  });

  it('is refused once the audit is reported', () => {
    for (const from of ['reported', 'remediation', 'verified', 'published'] as AuditStatus[]) {
      expect(codesOfError(() => assertTransition(from, 'cancelled', facts({}, chief, '理由')), 'conflict')).toEqual([
        'CANCELLATION_NOT_ALLOWED_AFTER_REPORT',
      ]);
    }
  });

  it('is refused to a team auditor (forbidden)', () => {
    expect(codesOfError(() => assertTransition('planned', 'cancelled', facts({}, auditorA, '理由')), 'forbidden')).toEqual(['TRANSITION_FORBIDDEN']);
  });
});

describe('publication', () => {
  it('after verification by the manager needs no reason', () => {
    expect(checkTransition('verified', 'published', facts({}, manager))).toEqual([]);
  });

  it('early publication by a non-chief is forbidden, whatever the reason', () => {
    for (const from of ['reported', 'remediation'] as AuditStatus[]) {
      expect(codesOfError(() => assertTransition(from, 'published', facts({}, manager, '社会的関心が高いため')), 'forbidden')).toEqual([
        'EARLY_PUBLICATION_REQUIRES_CHIEF',
      ]);
    }
  });

  it('early publication by the chief needs a reason and the report issued', () => {
    expect(codes(checkTransition('remediation', 'published', facts({}, chief, null)))).toEqual(['EARLY_PUBLICATION_REASON_REQUIRED']);
    expect(codes(checkTransition('reported', 'published', facts({ audit: { ...snapshot().audit, reportIssuedOn: null } }, chief, '理由')))).toEqual([
      'REPORT_NOT_ISSUED',
    ]);
    expect(checkTransition('remediation', 'published', facts({}, chief, '年次報告に掲載するため'))).toEqual([]);
  });

  it('publication is refused before the report', () => {
    expect(codes(checkTransition('results_agreement', 'published', facts({}, chief, '理由')))).toEqual(['TRANSITION_NOT_ALLOWED']);
  });

  it('openItems lists what is still open, for the record of an early publication', () => {
    const items = openItems({
      findings: [
        finding('minor-1', 'wp-10', { planStatus: 'accepted', resultReportStatus: 'submitted' }),
        finding('minor-2', 'wp-10', { planStatus: null, resultReportStatus: null }),
        finding('minor-3', 'wp-10'),
        finding('rec-1', 'wp-1', { severity: 'recommendation', recommendationResponse: 'pending' }),
        finding('rec-2', 'wp-1', { severity: 'recommendation', recommendationResponse: 'will_act' }),
      ],
    });
    expect(items.map((i) => [i.findingId, i.kind])).toEqual([
      ['minor-1', 'result_report'],
      ['minor-2', 'remediation_plan'],
      ['minor-2', 'result_report'],
      ['rec-1', 'recommendation_answer'],
    ]);
    for (const i of items) {
      expect(i.ja.length).toBeGreaterThan(0);
      expect(i.en.length).toBeGreaterThan(0);
    }
    expect(openItems({ findings: [finding('minor-3', 'wp-10')] })).toEqual([]);
  });
});

describe('who may move an audit', () => {
  it('refuses the auditee and outsiders (forbidden)', () => {
    expect(codesOfError(() => assertTransition('verified', 'published', facts({}, auditeeManager)), 'forbidden')).toEqual(['TRANSITION_FORBIDDEN']);
    expect(codesOfError(() => assertTransition('verified', 'published', facts({}, outsiderAuditor)), 'forbidden')).toEqual(['TRANSITION_FORBIDDEN']);
    // an outsider learns nothing about the state, not even that the step does not exist
    expect(codesOfError(() => assertTransition('planned', 'published', facts({}, outsiderAuditor)), 'forbidden')).toEqual(['TRANSITION_FORBIDDEN']);
  });

  it('lets a team auditor start the document review but not the fieldwork', () => {
    expect(checkTransition('documents_requested', 'document_review', facts({}, auditorA))).toEqual([]);
    expect(codesOfError(() => assertTransition('document_review', 'fieldwork', facts({ today: AFTER_DEADLINE }, auditorA)), 'forbidden')).toEqual([
      'TRANSITION_FORBIDDEN',
    ]);
  });

  it('does not let the manager of another audit act', () => {
    const otherManager = person('manager-2', { roles: ['audit_manager', 'auditor'] });
    expect(codesOfError(() => assertTransition('verified', 'published', facts({}, otherManager)), 'forbidden')).toEqual(['TRANSITION_FORBIDDEN']);
  });

  it('reports forbidden before unmet conditions', () => {
    const f = facts({ members: [auditorC], audit: { ...snapshot().audit, visitDate: null } }, auditorA);
    expect(codesOfError(() => assertTransition('document_review', 'fieldwork', f), 'forbidden')).toEqual(['TRANSITION_FORBIDDEN']);
  });
});

describe('nextActions', () => {
  it('says what is missing for the next step, and who takes it', () => {
    const steps = nextActions('fieldwork', snapshot({ today: AFTER_VISIT, workpapers: [workpaper('wp-1', 1, { reviewerSignedBy: null })], findings: [] }));
    expect(steps).toHaveLength(1);
    expect(steps[0]?.to).toBe('results_agreement');
    expect(steps[0]?.ready).toBe(false);
    expect(codes(steps[0]!.missing)).toEqual(['WORKPAPER_NOT_REVIEWED']);
    expect(steps[0]?.by).toEqual(['chief', 'manager']);
    expect(steps[0]?.action.ja).toBe('監査結果を被監査主体に提示する');
  });

  it('is ready when every precondition holds', () => {
    expect(nextActions('reported', snapshot())[0]).toMatchObject({ to: 'remediation', ready: true, missing: [] });
  });

  it('lists the open follow-up items during remediation', () => {
    const steps = nextActions('remediation', snapshot({ findings: [finding('minor-1', 'wp-10', { planStatus: 'returned', resultReportStatus: null })] }));
    expect(codes(steps[0]!.missing)).toEqual(['REMEDIATION_PLAN_NOT_ACCEPTED', 'RESULT_REPORT_NOT_ACCEPTED']);
  });

  it('has nothing to do in the terminal states', () => {
    expect(nextActions('published', snapshot())).toEqual([]);
    expect(nextActions('cancelled', snapshot())).toEqual([]);
  });
});

it('keeps auditorB, auditorC and the auditee fixtures distinct (sanity)', () => {
  expect(new Set([auditorA.id, auditorB.id, auditorC.id, auditeeManager.id]).size).toBe(4);
});
