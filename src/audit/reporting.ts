/**
 * Reporting — ハンドブック 2.(4)イ 監査報告書の完成, 2.(5)ウ 監査結果総括と公表.
 *
 * What the process says about the reports, as opposed to how they are drawn (src/reports):
 * when a final report may be issued and re-issued, which results an annual summary counts,
 * the standing texts of the audit body, and how the few report facts the system does not
 * record as such are read from what it does record.
 *
 * Decisions (see README.md, "Reports"):
 * - The final report (確定版) is issued by the audit's manager or the chief once the audit is
 *   `reported` (access.ts `report.issue`). Issuing stores the PDF and DOCX once; they are never
 *   re-rendered. A second issue is a *re-issue* (訂正版): it names the revision it creates (the
 *   next one, so a double click cannot issue twice) and gives a reason; every revision is kept.
 * - The final report needs the overall result (監査意見・総括) in the manager's words.
 * - The annual summary counts an audit's item results and findings once the results are put to
 *   the auditee (results_agreement on): before that they are working material that may change.
 * - The document review (事前文書監査) is the window from the document deadline to the visit:
 *   the system records those two dates, not the days the auditors spent reading.
 */
import { IsoDate } from './dates';
import { isFilled, raise, verdict, Verdict, violation, Violation, allViolations } from './violation';
import { AuditStatus } from './vocabulary';

/** The standing purpose of every audit (監査の目的), used until the team words its own. */
export const STANDARD_AUDIT_PURPOSE =
  '本監査は、がん登録等の推進に関する法律に基づき、被監査主体における個人情報の安全管理措置が監査基準に適合しているかを、' +
  '独立した立場から確認し、その改善を促すことを目的とする。';

/** The audit body's statement in the public summary (監査主体の所見), used when none was written. */
export const STANDARD_PUBLIC_STATEMENT =
  '監査主体は、被監査主体における個人情報の安全管理措置について監査基準に基づく外部監査を実施し、' +
  '指摘事項とその改善の状況を上記のとおり公表する。';

/** States in which the results have been put to the auditee and count as results. */
const AGREED_RESULT_STATES: readonly AuditStatus[] = ['results_agreement', 'reported', 'remediation', 'verified', 'published'];

/** True when the audit's item results and findings count in an annual summary. */
export function hasAgreedResults(status: AuditStatus): boolean {
  return AGREED_RESULT_STATES.includes(status);
}

/** The annual summary is final once every audit of the year (cancelled ones aside) is published. */
export function annualSummaryEdition(statuses: readonly AuditStatus[]): 'draft' | 'final' {
  const live = statuses.filter((s) => s !== 'cancelled');
  return live.length > 0 && live.every((s) => s === 'published') ? 'final' : 'draft';
}

/** 報告書番号: 監報第2026-03号, and （第2版） for a re-issue. */
export function reportNumber(auditReference: string, revision: number): string {
  return `監報第${auditReference}号${revision > 1 ? `（第${revision}版）` : ''}`;
}

/** 事前文書監査: from the document deadline to the visit (see the decisions above). */
export function documentReviewPeriod(dates: { documentDeadline: IsoDate | null; visitDate: IsoDate }): { start: IsoDate; end: IsoDate } {
  const start = dates.documentDeadline !== null && dates.documentDeadline <= dates.visitDate ? dates.documentDeadline : dates.visitDate;
  return { start, end: dates.visitDate };
}

export interface ReportIssueFacts {
  /** The highest revision issued so far (0 = never issued). */
  readonly issuedRevision: number;
  /** The revision the request means to create. */
  readonly requestedRevision: number;
  /** Why the report is issued again (re-issues only). */
  readonly reason: string | null;
  /** 監査意見・総括 as the team wrote it. */
  readonly overallResult: string | null;
}

export function evaluateReportIssue(f: ReportIssueFacts): Verdict {
  const invalid: Violation[] = [];
  const conflict: Violation[] = [];
  if (!Number.isInteger(f.requestedRevision) || f.requestedRevision < 1) {
    invalid.push(violation('REPORT_REVISION_INVALID', '版番号は1以上の整数です。', 'The revision must be a whole number from 1.', { field: 'revision' }));
  } else if (f.requestedRevision <= f.issuedRevision) {
    conflict.push(
      violation(
        'REPORT_ALREADY_ISSUED',
        `監査報告書（確定版）は第${f.issuedRevision}版まで発行済みです。再発行する場合は第${f.issuedRevision + 1}版として理由を記録してください。`,
        `The final report has been issued up to revision ${f.issuedRevision}. To re-issue it, request revision ${f.issuedRevision + 1} with a reason.`,
        { field: 'revision', details: { issuedRevision: f.issuedRevision } },
      ),
    );
  } else if (f.requestedRevision > f.issuedRevision + 1) {
    conflict.push(
      violation(
        'REPORT_REVISION_SKIPPED',
        `次に発行できるのは第${f.issuedRevision + 1}版です。`,
        `The next revision to issue is ${f.issuedRevision + 1}.`,
        { field: 'revision', details: { issuedRevision: f.issuedRevision } },
      ),
    );
  } else if (f.requestedRevision > 1 && !isFilled(f.reason)) {
    invalid.push(
      violation('REISSUE_REASON_REQUIRED', '監査報告書を再発行する理由を記録してください。', 'Re-issuing the final report requires a reason.', {
        field: 'reason',
      }),
    );
  }
  if (!isFilled(f.overallResult)) {
    conflict.push(
      violation(
        'REPORT_OVERALL_RESULT_MISSING',
        '監査結果の総括（監査意見）が記入されていません。',
        'The overall result (the audit opinion) has not been written.',
        { field: 'overallResult' },
      ),
    );
  }
  return verdict({ invalid, conflict });
}

export function checkReportIssue(f: ReportIssueFacts): Violation[] {
  return allViolations(evaluateReportIssue(f));
}

/** Throws DomainError('invalid' | 'conflict'). */
export function assertReportIssue(f: ReportIssueFacts): void {
  raise(evaluateReportIssue(f));
}
