import { describe, expect, it } from 'vitest';
import {
  assertRecommendationAnswer,
  checkPlanSubmission,
  checkResultReportSubmission,
  decidePlanSubmission,
  decideResultReportSubmission,
  decideSubmissionReview,
  dueItems,
  overdue,
  RemediationPlanDraft,
  SubmissionTarget,
} from '../../../src/audit';
import { auditeeManager, auditeeStaff, auditorA, chief, codes, codesOfError, ctx, finding, manager, otherAuditee, TODAY } from './fixtures';

const minor: SubmissionTarget = { id: 'minor-1', ref: '軽欠点1', severity: 'minor', planStatus: null, resultReportStatus: null };
const recommendation: SubmissionTarget = { id: 'rec-1', ref: '推奨事項1', severity: 'recommendation', planStatus: null, resultReportStatus: null };
const plan: RemediationPlanDraft = { actions: '休日の開錠・施錠記録の手順をマニュアルに追記し、職員に周知する。', owner: '登録室長', dueDate: '2027-01-31' };
const report = { text: 'マニュアルを改訂し、12月の研修で周知した。', evidenceFileIds: ['file-manual-v2'] };

describe('remediation plan (改善計画書)', () => {
  it('is submitted by the auditee for a deficiency while reported or in remediation', () => {
    expect(decidePlanSubmission(ctx('reported', auditeeManager), minor, plan, 'submit', TODAY)).toEqual({ status: 'submitted' });
    expect(decidePlanSubmission(ctx('remediation', auditeeStaff), minor, plan, 'submit', TODAY)).toEqual({ status: 'submitted' });
  });

  it('can be saved as an incomplete draft', () => {
    expect(decidePlanSubmission(ctx('remediation', auditeeStaff), minor, { actions: '', owner: '', dueDate: null }, 'save_draft', TODAY)).toEqual({
      status: 'draft',
    });
  });

  it('needs actions, owner and a due date not in the past', () => {
    expect(codesOfError(() => decidePlanSubmission(ctx('remediation', auditeeManager), minor, { actions: ' ', owner: '', dueDate: null }, 'submit', TODAY), 'invalid')).toEqual([
      'PLAN_ACTIONS_REQUIRED',
      'PLAN_OWNER_REQUIRED',
      'PLAN_DUE_DATE_REQUIRED',
    ]);
    expect(codes(checkPlanSubmission(ctx('remediation', auditeeManager), minor, { ...plan, dueDate: '2026-10-14' }, 'submit', TODAY))).toEqual([
      'PLAN_DUE_DATE_IN_PAST',
    ]);
    expect(codes(checkPlanSubmission(ctx('remediation', auditeeManager), minor, { ...plan, dueDate: '2027-02-30' }, 'submit', TODAY))).toEqual(['DATE_INVALID']);
  });

  it('is only for major and minor deficiencies', () => {
    expect(codes(checkPlanSubmission(ctx('remediation', auditeeManager), recommendation, plan, 'submit', TODAY))).toEqual(['SUBMISSION_ONLY_FOR_DEFICIENCIES']);
  });

  it('can be resubmitted after being returned, not while awaiting review or once accepted', () => {
    expect(checkPlanSubmission(ctx('remediation', auditeeManager), { ...minor, planStatus: 'returned' }, plan, 'submit', TODAY)).toEqual([]);
    expect(codes(checkPlanSubmission(ctx('remediation', auditeeManager), { ...minor, planStatus: 'submitted' }, plan, 'submit', TODAY))).toEqual([
      'SUBMISSION_AWAITING_REVIEW',
    ]);
    expect(codes(checkPlanSubmission(ctx('remediation', auditeeManager), { ...minor, planStatus: 'accepted' }, plan, 'submit', TODAY))).toEqual([
      'SUBMISSION_ALREADY_ACCEPTED',
    ]);
  });

  it('is refused before the report and after verification, and to anyone but the auditee', () => {
    for (const status of ['results_agreement', 'verified'] as const) {
      expect(codesOfError(() => decidePlanSubmission(ctx(status, auditeeManager), minor, plan, 'submit', TODAY), 'conflict')).toEqual([
        'ACTION_NOT_ALLOWED_IN_STATE',
      ]);
    }
    for (const who of [auditorA, manager, otherAuditee]) {
      expect(codesOfError(() => decidePlanSubmission(ctx('remediation', who), minor, plan, 'submit', TODAY), 'forbidden')).toEqual(['ACTION_FORBIDDEN']);
    }
  });
});

describe('result report (改善報告書)', () => {
  const planned = { ...minor, planStatus: 'accepted' as const };

  it('is submitted with evidence once the plan is accepted', () => {
    expect(decideResultReportSubmission(ctx('remediation', auditeeManager), planned, report, 'submit')).toEqual({ status: 'submitted' });
  });

  it('is refused before the plan is accepted', () => {
    for (const planStatus of [null, 'draft', 'submitted', 'returned'] as const) {
      expect(codesOfError(() => decideResultReportSubmission(ctx('remediation', auditeeManager), { ...minor, planStatus }, report, 'submit'), 'conflict')).toEqual([
        'RESULT_REPORT_BEFORE_PLAN_ACCEPTED',
      ]);
    }
  });

  it('needs a text and at least one evidence file', () => {
    expect(codes(checkResultReportSubmission(ctx('remediation', auditeeManager), planned, { text: '', evidenceFileIds: [] }, 'submit'))).toEqual([
      'RESULT_REPORT_TEXT_REQUIRED',
      'RESULT_REPORT_EVIDENCE_REQUIRED',
    ]);
    expect(checkResultReportSubmission(ctx('remediation', auditeeManager), planned, { text: '', evidenceFileIds: [] }, 'save_draft')).toEqual([]);
  });
});

describe("the audit body's review (改善指導)", () => {
  it('accepts a submitted plan or returns it with a comment', () => {
    expect(decideSubmissionReview(ctx('remediation', manager), 'remediation_plan', 'submitted', 'accept', null)).toEqual({ status: 'accepted' });
    expect(decideSubmissionReview(ctx('remediation', chief), 'result_report', 'submitted', 'return', '改訂版マニュアルの該当頁を添付してください')).toEqual({
      status: 'returned',
    });
  });

  it('needs a comment to return', () => {
    expect(codesOfError(() => decideSubmissionReview(ctx('remediation', manager), 'remediation_plan', 'submitted', 'return', ''), 'invalid')).toEqual([
      'SUBMISSION_RETURN_COMMENT_REQUIRED',
    ]);
  });

  it('only decides on something submitted', () => {
    for (const status of [null, 'draft', 'accepted', 'returned'] as const) {
      expect(codesOfError(() => decideSubmissionReview(ctx('remediation', manager), 'remediation_plan', status, 'accept', null), 'conflict')).toEqual([
        'SUBMISSION_NOT_SUBMITTED',
      ]);
    }
  });

  it('is forbidden to team auditors and the auditee', () => {
    for (const who of [auditorA, auditeeManager]) {
      expect(codesOfError(() => decideSubmissionReview(ctx('remediation', who), 'remediation_plan', 'submitted', 'accept', null), 'forbidden')).toEqual([
        'ACTION_FORBIDDEN',
      ]);
    }
  });
});

describe('answering a recommendation (推奨事項)', () => {
  it('will act, or declines with a reason', () => {
    expect(() => assertRecommendationAnswer(ctx('remediation', auditeeManager), recommendation, 'will_act', null)).not.toThrow();
    expect(() => assertRecommendationAnswer(ctx('reported', auditeeManager), recommendation, 'declined', '既に代替策を講じているため')).not.toThrow();
    expect(codesOfError(() => assertRecommendationAnswer(ctx('remediation', auditeeManager), recommendation, 'declined', ''), 'invalid')).toEqual([
      'RECOMMENDATION_DECLINE_REASON_REQUIRED',
    ]);
    expect(codesOfError(() => assertRecommendationAnswer(ctx('remediation', auditeeManager), recommendation, 'pending', null), 'invalid')).toEqual([
      'RECOMMENDATION_RESPONSE_INVALID',
    ]);
  });

  it('is not how a deficiency is answered', () => {
    expect(codesOfError(() => assertRecommendationAnswer(ctx('remediation', auditeeManager), minor, 'will_act', null), 'invalid')).toEqual([
      'ANSWER_ONLY_FOR_RECOMMENDATIONS',
    ]);
  });
});

describe('overdue plans and reports', () => {
  const findings = [
    finding('minor-1', 'wp-10', { planStatus: null, resultReportStatus: null }),
    finding('minor-2', 'wp-10', { planStatus: 'submitted', resultReportStatus: null }),
    finding('minor-3', 'wp-10', { planStatus: 'accepted', planDueDate: '2026-12-31', resultReportStatus: null }),
    finding('minor-4', 'wp-10', { planStatus: 'accepted', planDueDate: '2027-03-31', resultReportStatus: 'returned' }),
    finding('minor-5', 'wp-10'),
    finding('rec-1', 'wp-1', { severity: 'recommendation', planStatus: null, resultReportStatus: null }),
  ];

  it('derives what each deficiency owes next', () => {
    expect(dueItems(findings, '2026-12-15').map((i) => [i.findingId, i.kind, i.dueDate])).toEqual([
      ['minor-1', 'remediation_plan', '2026-12-15'],
      ['minor-2', 'remediation_plan', '2026-12-15'],
      ['minor-3', 'result_report', '2026-12-31'],
      ['minor-4', 'result_report', '2027-03-31'],
    ]);
  });

  it('lists items past due with nothing submitted, most overdue first', () => {
    const items = dueItems(findings, '2026-12-15');
    expect(overdue(items, '2026-12-15')).toEqual([]);
    expect(overdue(items, '2027-01-10').map((i) => [i.findingId, i.kind, i.daysOverdue])).toEqual([
      ['minor-1', 'remediation_plan', 26],
      ['minor-3', 'result_report', 10],
    ]);
    expect(overdue(items, '2027-04-01').map((i) => i.findingId)).toEqual(['minor-1', 'minor-3', 'minor-4']);
  });

  it('ignores items without a due date', () => {
    expect(overdue(dueItems(findings, null), '2030-01-01').map((i) => i.findingId)).toEqual(['minor-3', 'minor-4']);
  });
});
