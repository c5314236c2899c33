/** The first screen after login: the board for the leads, my audits for auditors, our audits for auditees. */
import { api } from '../api';
import { formatDate, formatMonth } from '../format';
import { useAsync } from '../hooks';
import { useI18n, type MessageKey } from '../i18n';
import { listOfflineAudits } from '../offline/db';
import { Link } from '../router';
import { isAuditee, isLead, useSession } from '../session';
import type { AuditDetail, AuditRow, Finding } from '../types';
import { Alert, Badge, ErrorSummary, Loading, PageHeader, StatusBadge } from '../ui/components';
import { BoardPage, loadAuditDetails } from './board';
import { isNetworkError } from '../api';

export function HomePage() {
  const { me } = useSession();
  if (isLead(me)) return <BoardPage />;
  return <MyAudits />;
}

function MyAudits() {
  const { t, L, lang } = useI18n();
  const { me } = useSession();
  const auditee = isAuditee(me);
  const audits = useAsync(async () => {
    try {
      const rows = await api.get<AuditRow[]>('/api/audits');
      const details = await loadAuditDetails(rows);
      const returned = auditee
        ? await Promise.all(details.map(async (d) => {
          if (!['reported', 'remediation', 'verified'].includes(d.status)) return 0;
          const findings = await api.get<Finding[]>(`/api/audits/${d.id}/findings`).catch(() => [] as Finding[]);
          return findings.filter((f) => latestStatus(f, 'remediation_plan') === 'returned' || latestStatus(f, 'result_report') === 'returned').length;
        }))
        : details.map(() => 0);
      return { data: details.map((d, i) => ({ ...d, returned: returned[i] })), offlineAt: null };
    } catch (error) {
      if (!isNetworkError(error)) throw error;
      const offline = await listOfflineAudits();
      return { data: offline.map((o) => ({ ...o.detail, returned: 0 })), offlineAt: offline[0]?.fetchedAt ?? new Date().toISOString() };
    }
  }, [auditee]);

  return (
    <div>
      <PageHeader title={auditee ? t('navOurAudits') : t('navMyAudits')} subtitle={me.name} />
      {audits.offlineAt ? <Alert kind="warning">{t('offlineCopy', { at: formatDate(audits.offlineAt, lang) })}</Alert> : null}
      {audits.loading && !audits.data ? <Loading /> : null}
      <ErrorSummary error={audits.error} />
      {audits.data && audits.data.length === 0 ? <p className="empty">{t('noAudits')}</p> : null}
      <div className="cards">
        {(audits.data ?? []).map((a) => (
          <article key={a.id} className="card audit-summary" data-audit={a.reference}>
            <div className="card__body">
              <div className="audit-summary__head">
                <div>
                  <Link to={`/audits/${a.id}`} className="audit-summary__ref">{a.reference}</Link>
                  <h2 className="audit-summary__name">{lang === 'en' && a.auditee.nameEn ? a.auditee.nameEn : a.auditee.name}</h2>
                </div>
                <StatusBadge status={a.status} />
              </div>
              <p className="muted small">
                {L(a.catalog.title)}（{a.catalog.version}）・{t('plannedMonth')} {formatMonth(a.plannedMonth, lang)}・{t('visitDate')} {formatDate(a.visitDate, lang)}
              </p>
              <div className="nextstep" data-testid="next-step">
                <div className="nextstep__label">{t('nextStepTitle')}</div>
                {auditee ? <p>{auditeeStep(a, t, lang)}</p> : <NextAction audit={a} />}
                {a.returned ? <Badge tone="red">{t('returnedItems', { n: a.returned })}</Badge> : null}
              </div>
              <div className="audit-summary__links">
                <Link to={`/audits/${a.id}`}>{t('overview')}</Link>
                <Link to={`/audits/${a.id}/documents`}>{t('documents')}</Link>
                {auditee ? <Link to={`/audits/${a.id}/findings`}>{t('findings')}</Link> : <Link to={`/audits/${a.id}/workpapers`}>{t('workpapers')}</Link>}
              </div>
            </div>
          </article>
        ))}
      </div>
    </div>
  );
}

export function latestStatus(f: Finding, kind: 'remediation_plan' | 'result_report') {
  const list = f.submissions.filter((s) => s.kind === kind);
  return list.length ? list[list.length - 1].status : null;
}

export function auditeeStep(a: AuditDetail, t: (k: MessageKey, v?: Record<string, string | number>) => string, lang: 'ja' | 'en'): string {
  const key = `auditeeStep_${a.status}` as MessageKey;
  return t(key, {
    a: a.documentRequests.answered, t: a.documentRequests.total, d: formatDate(a.status === 'reported' ? a.remediationPlanDeadline : a.documentDeadline, lang),
    v: formatDate(a.visitDate, lang),
  });
}

export function NextAction({ audit }: { audit: AuditDetail }) {
  const { t, L } = useI18n();
  const next = audit.nextActions[0];
  if (!next) return <p>{t('noNextStep')}</p>;
  return (
    <div>
      <p className="nextstep__action">
        {L(next.action)} {next.ready ? <Badge tone="green">{t('readyNow')}</Badge> : <Badge tone="amber">{t('stillNeeded', { n: next.missing.length })}</Badge>}
      </p>
      {!next.ready ? (
        <ul className="missing">
          {next.missing.slice(0, 4).map((m, i) => <li key={i}>{L(m)}</li>)}
          {next.missing.length > 4 ? <li>…</li> : null}
        </ul>
      ) : null}
    </div>
  );
}
