/** 活動記録: the audit's append-only log, as the audit body sees it. */
import { api } from '../api';
import { formatDateTime } from '../format';
import { useAsync } from '../hooks';
import { useI18n } from '../i18n';
import type { ActivityEntry, AuditDetail } from '../types';
import { ErrorSummary, Loading, Section } from '../ui/components';

export function ActivityTab({ audit }: { audit: AuditDetail }) {
  const { t, lang } = useI18n();
  const log = useAsync(() => api.get<ActivityEntry[]>(`/api/audits/${audit.id}/activity`), [audit.id]);
  if (log.loading && !log.data) return <Loading />;
  if (!log.data) return <ErrorSummary error={log.error} />;
  return (
    <Section title={`${t('activity')}（${log.data.length}）`}>
      <table className="table table--compact">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{t('when')}</th>
            <th scope="col">{t('action')}</th>
            <th scope="col">{t('content')}</th>
          </tr>
        </thead>
        <tbody>
          {[...log.data].reverse().slice(0, 200).map((e) => (
            <tr key={e.id}>
              <td>{e.id}</td>
              <td className="nowrap">{formatDateTime((e.at ?? e.createdAt) as string, lang)}</td>
              <td><code>{e.action}</code></td>
              <td className="small muted clip">{typeof e.after === 'string' ? e.after.slice(0, 160) : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}
