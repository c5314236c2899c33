/** 監査ボード: every audit by state, with the next action and what it still needs. */
import { useMemo, useState } from 'react';
import type { AuditStatus } from '../../../src/audit/vocabulary';
import { api, mapLimit } from '../api';
import { formatMonth } from '../format';
import { useAsync } from '../hooks';
import { useI18n, type MessageKey } from '../i18n';
import { Link } from '../router';
import type { AuditDetail, AuditRow } from '../types';
import { Badge, ErrorSummary, Loading, PageHeader, StatusBadge } from '../ui/components';

const COLUMNS: { key: MessageKey; statuses: AuditStatus[] }[] = [
  { key: 'colPlanning', statuses: ['planned'] },
  { key: 'colDocuments', statuses: ['documents_requested', 'document_review'] },
  { key: 'colFieldwork', statuses: ['fieldwork'] },
  { key: 'colReporting', statuses: ['results_agreement', 'reported'] },
  { key: 'colRemediation', statuses: ['remediation', 'verified'] },
  { key: 'colPublished', statuses: ['published'] },
];

export async function loadAuditDetails(rows: AuditRow[]): Promise<AuditDetail[]> {
  return mapLimit(rows, 4, (row) => api.get<AuditDetail>(`/api/audits/${row.id}`));
}

export function BoardPage() {
  const { t, lang } = useI18n();
  const [year, setYear] = useState<string>('');
  const audits = useAsync(async () => {
    const rows = await api.get<AuditRow[]>(`/api/audits${year ? `?fiscalYear=${year}` : ''}`);
    return loadAuditDetails(rows);
  }, [year]);
  const years = useMemo(() => [...new Set((audits.data ?? []).map((a) => a.fiscalYear))].sort((a, b) => b - a), [audits.data]);

  return (
    <div>
      <PageHeader
        title={t('boardTitle')}
        subtitle={t('boardIntro')}
        actions={
          <label className="inline-field">
            <span>{t('fiscalYear')}</span>
            <select className="input select" value={year} onChange={(e) => setYear(e.target.value)}>
              <option value="">{t('allYears')}</option>
              {[...new Set([...years, new Date().getFullYear()])].sort((a, b) => b - a).map((y) => <option key={y} value={y}>{lang === 'ja' ? `${y}年度` : `FY${y}`}</option>)}
            </select>
          </label>
        }
      />
      {audits.loading && !audits.data ? <Loading /> : null}
      <ErrorSummary error={audits.error} />
      {audits.data ? (
        <>
          <div className="board" data-testid="board">
            {COLUMNS.map((col) => {
              const list = audits.data!.filter((a) => col.statuses.includes(a.status));
              return (
                <section key={col.key} className="board__col" aria-label={t(col.key)}>
                  <h2 className="board__title">
                    {t(col.key)} <span className="board__count">{list.length}</span>
                  </h2>
                  {list.length === 0 ? <p className="board__empty">—</p> : null}
                  {list.map((a) => <AuditCard key={a.id} audit={a} />)}
                </section>
              );
            })}
          </div>
          {audits.data.some((a) => a.status === 'cancelled') ? (
            <details className="cancelled">
              <summary>{t('cancelledAudits')}（{audits.data.filter((a) => a.status === 'cancelled').length}）</summary>
              <ul className="plain-list">
                {audits.data.filter((a) => a.status === 'cancelled').map((a) => (
                  <li key={a.id}><Link to={`/audits/${a.id}`}>{a.reference}</Link> {a.auditee.name} — {a.cancelReason}</li>
                ))}
              </ul>
            </details>
          ) : null}
        </>
      ) : null}
      {audits.data && audits.data.length === 0 ? <p className="empty">{t('noAudits')}</p> : null}
    </div>
  );
}

function AuditCard({ audit }: { audit: AuditDetail }) {
  const { t, L, lang } = useI18n();
  const next = audit.nextActions[0];
  return (
    <article className="acard" data-audit={audit.reference}>
      <div className="acard__top">
        <Link to={`/audits/${audit.id}`} className="acard__ref">{audit.reference}</Link>
        <StatusBadge status={audit.status} />
      </div>
      <div className="acard__name">{lang === 'en' && audit.auditee.nameEn ? audit.auditee.nameEn : audit.auditee.name}</div>
      <div className="acard__meta">
        {formatMonth(audit.plannedMonth, lang)}
        {audit.manager ? ` ・ ${audit.manager.name}` : ''}
      </div>
      {next ? (
        <div className={`acard__next ${next.ready ? 'acard__next--ready' : ''}`}>
          <div className="acard__next-label">{t('nextAction')}</div>
          <div className="acard__next-action">{L(next.action)}</div>
          {next.ready ? (
            <Badge tone="green">{t('readyNow')}</Badge>
          ) : (
            <>
              <Badge tone="amber">{t('stillNeeded', { n: next.missing.length })}</Badge>
              <div className="acard__missing" title={next.missing.map((m) => L(m)).join('\n')}>{L(next.missing[0])}</div>
            </>
          )}
        </div>
      ) : null}
    </article>
  );
}
