/**
 * Risk-based planning on the annual-plan screen (ハンドブック 2.(2)ア): each auditee's latest
 * self-assessment, years since its last audit and open findings, sortable by each (the server
 * sorts, riskiest first for a key by default), and the findings export for the lead's analysis.
 */
import { useState } from 'react';
import { PLANNING_RISK_ORDER, SURVEY_AUDIENCE_LABELS, SURVEY_AUDIENCES, type PlanningSortKey, type SortOrder, type SurveyAudience } from '../../../src/audit/survey';
import { api } from '../api';
import { formatDate } from '../format';
import { useAsync } from '../hooks';
import { useI18n, type MessageKey } from '../i18n';
import { Link } from '../router';
import type { PlanningAuditees } from '../types';
import { Badge, DownloadButton, ErrorSummary, Loading, Section, StatusBadge } from '../ui/components';
import { orgName } from './surveys';
import { Change, ratePercent } from './survey-results';

const COLUMNS: { key: PlanningSortKey; label: MessageKey; num?: boolean }[] = [
  { key: 'name', label: 'auditee' },
  { key: 'selfAssessment', label: 'colSelfAssessment', num: true },
  { key: 'notMetItems', label: 'colNotMet', num: true },
  { key: 'yearsSinceLastAudit', label: 'colYearsSince', num: true },
  { key: 'openFindings', label: 'colOpenFindings', num: true },
];

export function RiskPlanning({ fiscalYear, planId }: { fiscalYear: number; planId: number | null }) {
  const { t, L, lang } = useI18n();
  const [sort, setSort] = useState<PlanningSortKey>('selfAssessment');
  const [order, setOrder] = useState<SortOrder | null>(null);
  const [kind, setKind] = useState<SurveyAudience | ''>('');
  const data = useAsync(() => {
    const q = new URLSearchParams({ fiscalYear: String(fiscalYear), sort });
    if (order) q.set('order', order);
    if (kind) q.set('kind', kind);
    return api.get<PlanningAuditees>(`/api/planning/auditees?${q.toString()}`);
  }, [fiscalYear, sort, order, kind]);
  const effective: SortOrder = data.data?.sort === sort ? data.data.order : order ?? PLANNING_RISK_ORDER[sort];
  const sortBy = (key: PlanningSortKey) => {
    if (key === sort) setOrder(effective === 'asc' ? 'desc' : 'asc');
    else {
      setSort(key);
      setOrder(null);
    }
  };
  return (
    <Section
      title={t('riskTitle')}
      actions={
        <>
          <label className="inline-field">
            <span>{t('kindLabel')}</span>
            <select className="input select" value={kind} onChange={(e) => setKind(e.target.value as SurveyAudience | '')} data-testid="risk-kind">
              <option value="">{t('kindAll')}</option>
              {SURVEY_AUDIENCES.map((a) => <option key={a} value={a}>{L(SURVEY_AUDIENCE_LABELS[a])}</option>)}
            </select>
          </label>
          <DownloadButton url={`/api/planning/findings.csv?fiscalYear=${fiscalYear}`} testId="findings-csv">{t('findingsCsv')}（{t('findingsCsvYear', { y: fiscalYear })}）</DownloadButton>
          <DownloadButton url="/api/planning/findings.csv" testId="findings-csv-all">{t('findingsCsvAll')}</DownloadButton>
        </>
      }
    >
      <p className="hint">{t('riskIntro')}</p>
      {data.loading && !data.data ? <Loading /> : null}
      <ErrorSummary error={data.error} />
      {data.data ? (
        <div className={`table-scroll${data.loading ? ' is-loading' : ''}`} aria-busy={data.loading || undefined}>
          <table className="table table--compact risk" data-testid="risk-table">
            <thead>
              <tr>
                {COLUMNS.map((c) => {
                  const active = sort === c.key;
                  return (
                    <th key={c.key} scope="col" className={c.num ? 'num' : undefined} aria-sort={active ? (effective === 'asc' ? 'ascending' : 'descending') : 'none'}>
                      <button type="button" className={`sortbtn${active ? ' sortbtn--active' : ''}`} onClick={() => sortBy(c.key)} data-sort={c.key} aria-label={t('sortBy', { col: t(c.label) })}>
                        {t(c.label)}
                        <span className="sortbtn__arrow" aria-hidden="true">{active ? (effective === 'asc' ? '▲' : '▼') : '↕'}</span>
                      </button>
                    </th>
                  );
                })}
                <th scope="col">{t('colUpcoming')}</th>
              </tr>
            </thead>
            <tbody>
              {data.data.rows.map((r) => (
                <tr key={r.organisationId} data-org={r.organisation.key}>
                  <th scope="row">
                    {orgName(r.organisation, lang)}
                    <div className="small muted">{L(SURVEY_AUDIENCE_LABELS[r.organisation.kind as SurveyAudience] ?? { ja: r.organisation.kind, en: r.organisation.kind })}</div>
                  </th>
                  <td className="num" data-col="selfAssessment">
                    {r.selfAssessment ? (
                      <>
                        <strong>{ratePercent(r.selfAssessment.rate)}</strong>
                        <div className="small muted">{t('fyN', { y: r.selfAssessment.fiscalYear })}<Change change={r.selfAssessment.change} /></div>
                      </>
                    ) : <span className="muted">{t('noSelfAssessment')}</span>}
                  </td>
                  <td className="num" data-col="notMetItems">
                    {r.notMetItems === null ? '—' : r.notMetItems}
                    {r.selfAssessment?.notMetItemNos.length ? <div className="small muted">{r.selfAssessment.notMetItemNos.map((n) => `#${n}`).join(' ')}</div> : null}
                  </td>
                  <td className="num" data-col="yearsSinceLastAudit">
                    {r.yearsSinceLastAudit === null ? <Badge tone="amber">{t('neverAudited')}</Badge> : t('yearsN', { n: r.yearsSinceLastAudit })}
                    {r.lastAudit ? <div className="small muted"><Link to={`/audits/${r.lastAudit.id}`}>{r.lastAudit.reference}</Link> {t('lastAuditOn', { date: formatDate(r.lastAudit.visitDate, lang) })}</div> : null}
                  </td>
                  <td className="num" data-col="openFindings">
                    {r.openFindings ? <strong>{r.openFindings}</strong> : '0'}
                    {r.openFindings ? <div className="small muted">{t('severityShort', { a: r.openFindingsBySeverity.major, b: r.openFindingsBySeverity.minor, c: r.openFindingsBySeverity.recommendation })}</div> : null}
                  </td>
                  <td>
                    {r.upcomingAudits.length ? r.upcomingAudits.map((a) => (
                      <div key={a.id} className="nowrap"><Link to={`/audits/${a.id}`}>{a.reference}</Link> <StatusBadge status={a.status} /></div>
                    )) : planId ? <Link to={`/audits/new?planId=${planId}&auditeeId=${r.organisation.id}`}>{t('planAudit')}</Link> : <span className="muted">—</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </Section>
  );
}
