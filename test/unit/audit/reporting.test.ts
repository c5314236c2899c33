import { describe, expect, it } from 'vitest';
import {
  annualSummaryEdition, AUDIT_STATUSES, AuditStatus, canPerform, checkAuditAction, checkReportIssue, documentReviewPeriod, hasAgreedResults,
  reportNumber,
} from '../../../src/audit';
import { actor, AUDIT_ACCESS, auditeeManager, auditorA, auditorC, chief, codes, manager, otherAuditee } from './fixtures';

const except = (...out: AuditStatus[]) => AUDIT_STATUSES.filter((s) => !out.includes(s));

describe('access to the reports (ハンドブック 2.(4)イ, 2.(3)ウ)', () => {
  it('shows the draft to the audit body from fieldwork on, to the auditee once the results are put to it', () => {
    const auditBodyStates = AUDIT_STATUSES.filter((s) => canPerform('report.viewDraft', s, ['team']));
    expect(auditBodyStates).toEqual(['fieldwork', 'results_agreement', 'reported', 'remediation', 'verified', 'published']);
    const auditeeStates = AUDIT_STATUSES.filter((s) => canPerform('report.viewDraft', s, ['auditee']));
    expect(auditeeStates).toEqual(['results_agreement', 'reported', 'remediation', 'verified', 'published']);
    expect(codes(checkAuditAction('report.viewDraft', 'fieldwork', actor(auditeeManager), AUDIT_ACCESS))).toEqual(['ACTION_NOT_ALLOWED_IN_STATE']);
    expect(codes(checkAuditAction('report.viewDraft', 'reported', actor(otherAuditee), AUDIT_ACCESS))).toEqual(['ACTION_FORBIDDEN']);
    expect(codes(checkAuditAction('report.viewDraft', 'reported', actor(auditorC), AUDIT_ACCESS))).toEqual(['ACTION_FORBIDDEN']);
    for (const status of AUDIT_STATUSES) expect(canPerform('report.viewDraft', status, [])).toBe(false);
    expect(canPerform('report.viewDraft', 'cancelled', ['chief', 'manager', 'team', 'auditee'])).toBe(false);
  });

  it('lets the audit manager or the chief issue the final report once the audit is reported, no one else', () => {
    for (const status of AUDIT_STATUSES) {
      const reportedOn = ['reported', 'remediation', 'verified', 'published'].includes(status);
      expect(canPerform('report.issue', status, ['manager'])).toBe(reportedOn);
      expect(canPerform('report.issue', status, ['chief'])).toBe(reportedOn);
      expect(canPerform('report.issue', status, ['team'])).toBe(false);
      expect(canPerform('report.issue', status, ['auditee'])).toBe(false);
    }
    expect(checkAuditAction('report.issue', 'reported', actor(manager), AUDIT_ACCESS)).toEqual([]);
    expect(checkAuditAction('report.issue', 'remediation', actor(chief), AUDIT_ACCESS)).toEqual([]);
    expect(codes(checkAuditAction('report.issue', 'results_agreement', actor(manager), AUDIT_ACCESS))).toEqual(['ACTION_NOT_ALLOWED_IN_STATE']);
    expect(codes(checkAuditAction('report.issue', 'reported', actor(auditorA), AUDIT_ACCESS))).toEqual(['ACTION_FORBIDDEN']);
  });

  it('gives the issued report to both sides of the audit, the texts to the audit body until publication', () => {
    for (const relation of ['chief', 'manager', 'team', 'auditee'] as const) {
      expect(canPerform('report.viewFinal', 'reported', [relation])).toBe(true);
      expect(canPerform('report.viewFinal', 'results_agreement', [relation])).toBe(false);
    }
    expect(AUDIT_STATUSES.filter((s) => canPerform('report.editTexts', s, ['team']))).toEqual(except(
      'planned', 'documents_requested', 'document_review', 'published', 'cancelled',
    ));
    for (const status of AUDIT_STATUSES) expect(canPerform('report.editTexts', status, ['auditee'])).toBe(false);
  });
});

describe('issuing the final report', () => {
  const ok = { issuedRevision: 0, requestedRevision: 1, reason: null, overallResult: '概ね適合' };

  it('issues revision 1 once the overall result is written', () => {
    expect(checkReportIssue(ok)).toEqual([]);
    expect(codes(checkReportIssue({ ...ok, overallResult: '  ' }))).toEqual(['REPORT_OVERALL_RESULT_MISSING']);
  });

  it('refuses a repeat (a double click), and a skipped revision', () => {
    expect(codes(checkReportIssue({ ...ok, issuedRevision: 1 }))).toEqual(['REPORT_ALREADY_ISSUED']);
    expect(codes(checkReportIssue({ ...ok, requestedRevision: 3, issuedRevision: 1, reason: '訂正' }))).toEqual(['REPORT_REVISION_SKIPPED']);
    expect(codes(checkReportIssue({ ...ok, requestedRevision: 0 }))).toEqual(['REPORT_REVISION_INVALID']);
  });

  it('re-issues as the next revision with a reason only', () => {
    expect(codes(checkReportIssue({ ...ok, issuedRevision: 1, requestedRevision: 2 }))).toEqual(['REISSUE_REASON_REQUIRED']);
    expect(checkReportIssue({ ...ok, issuedRevision: 1, requestedRevision: 2, reason: '誤記の訂正' })).toEqual([]);
  });

  it('numbers the report after the audit, revisions marked', () => {
    expect(reportNumber('2026-03', 1)).toBe('監報第2026-03号');
    expect(reportNumber('2026-03C', 2)).toBe('監報第2026-03C号（第2版）');
  });
});

describe('what the reports read from the process', () => {
  it('counts results in the annual summary once they are put to the auditee', () => {
    expect(AUDIT_STATUSES.filter(hasAgreedResults)).toEqual(['results_agreement', 'reported', 'remediation', 'verified', 'published']);
  });

  it('makes the annual summary final once every audit of the year is published', () => {
    expect(annualSummaryEdition([])).toBe('draft');
    expect(annualSummaryEdition(['published', 'remediation'])).toBe('draft');
    expect(annualSummaryEdition(['published', 'cancelled', 'published'])).toBe('final');
  });

  it('takes the document review as the window from the document deadline to the visit', () => {
    expect(documentReviewPeriod({ documentDeadline: '2026-06-15', visitDate: '2026-07-10' })).toEqual({ start: '2026-06-15', end: '2026-07-10' });
    expect(documentReviewPeriod({ documentDeadline: null, visitDate: '2026-07-10' })).toEqual({ start: '2026-07-10', end: '2026-07-10' });
  });
});
