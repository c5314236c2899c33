/** 期限超過: remediation plans and reports past their due date (GET /api/audits/overdue). */
import { SUBMISSION_KIND_LABELS, type SubmissionKind } from '../../../src/audit/vocabulary';
import { api } from '../api';
import { formatDate } from '../format';
import { useAsync } from '../hooks';
import { useI18n } from '../i18n';
import { Link } from '../router';
import type { OverdueItem } from '../types';
import { Badge, ErrorSummary, Loading, PageHeader, Section, SeverityBadge } from '../ui/components';

export function OverduePage() {
  const { t, L, lang } = useI18n();
  const items = useAsync(() => api.get<OverdueItem[]>('/api/audits/overdue'), []);
  return (
    <div>
      <PageHeader title={t('overdueTitle')} subtitle={t('overdueIntro')} />
      {items.loading && !items.data ? <Loading /> : null}
      <ErrorSummary error={items.error} />
      {items.data ? (
        <Section title={`${t('overdueTitle')}（${items.data.length}）`}>
          {items.data.length === 0 ? <p className="empty">{t('overdueEmpty')}</p> : (
            <table className="table" data-testid="overdue">
              <thead>
                <tr>
                  <th scope="col">{t('reference')}</th>
                  <th scope="col">{t('findings')}</th>
                  <th scope="col">{t('severity')}</th>
                  <th scope="col">{t('submit')}</th>
                  <th scope="col">{t('dueDate')}</th>
                  <th scope="col">{t('status')}</th>
                </tr>
              </thead>
              <tbody>
                {items.data.map((i) => (
                  <tr key={`${i.findingId}-${String(i.kind)}`}>
                    <td><Link to={`/audits/${i.auditId}`}>{i.reference}</Link></td>
                    <td><Link to={`/audits/${i.auditId}/findings`}>{i.ref}</Link> <span className="muted small">No.{i.itemNo}</span></td>
                    <td>{i.severity ? <SeverityBadge severity={i.severity} /> : '—'}</td>
                    <td>{i.kind ? L(SUBMISSION_KIND_LABELS[i.kind as SubmissionKind]) : '—'}</td>
                    <td>{formatDate(i.dueDate, lang)}</td>
                    <td><Badge tone="red">{t('daysOverdue', { n: i.daysOverdue ?? 0 })}</Badge></td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Section>
      ) : null}
    </div>
  );
}
