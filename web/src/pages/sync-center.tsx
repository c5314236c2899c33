/** 同期: what is stored on this device and not yet on the server, conflicts, and the offline audits. */
import { useEffect, useState } from 'react';
import { CONCLUSION_LABELS } from '../../../src/audit/vocabulary';
import { formatDateTime } from '../format';
import { useI18n } from '../i18n';
import { listOfflineAudits, listOutbox, type OfflineAudit, type OutboxEntry } from '../offline/db';
import { discard, retry, syncAll, useSyncState } from '../offline/sync';
import { Link } from '../router';
import { Badge, Button, PageHeader, ProgressBar, Section } from '../ui/components';

export function SyncPage() {
  const { t, lang, L } = useI18n();
  const sync = useSyncState();
  const [entries, setEntries] = useState<OutboxEntry[]>([]);
  const [audits, setAudits] = useState<OfflineAudit[]>([]);
  useEffect(() => {
    void listOutbox().then((e) => setEntries(e.sort((a, b) => a.queuedAt.localeCompare(b.queuedAt))), () => setEntries([]));
    void listOfflineAudits().then(setAudits, () => setAudits([]));
  }, [sync.revision]);
  return (
    <div>
      <PageHeader
        title={t('syncTitle')}
        subtitle={t('syncIntro')}
        actions={<Button onClick={() => void syncAll()} busy={sync.syncing} disabled={!sync.reachable || sync.pending === 0} data-testid="sync-now">{t('syncNow')}</Button>}
      />
      {sync.syncing ? <ProgressBar label={t('syncing', { done: sync.done, total: sync.total })} value={sync.done} max={sync.total} /> : null}
      <Section title={`${t('unsynced')}（${entries.length}）`}>
        {entries.length === 0 ? <p className="empty" data-testid="sync-empty">{t('syncEmpty')}</p> : (
          <table className="table" data-testid="outbox">
            <thead>
              <tr>
                <th scope="col">{t('reference')}</th>
                <th scope="col">{t('item')}</th>
                <th scope="col">{t('basedOnVersion')}</th>
                <th scope="col">{t('queuedAt')}</th>
                <th scope="col">{t('conclusion')}</th>
                <th scope="col">{t('status')}</th>
                <th scope="col"><span className="sr-only">{t('transitions')}</span></th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.workpaperId} data-outbox={e.itemNo}>
                  <td>{e.auditReference}</td>
                  <td><Link to={`/audits/${e.auditId}/workpapers/${e.workpaperId}`}>No.{e.itemNo}</Link></td>
                  <td>{e.baseVersion}</td>
                  <td>{formatDateTime(e.queuedAt, lang)}</td>
                  <td>{e.content.conclusion ? L(CONCLUSION_LABELS[e.content.conclusion]) : '—'}</td>
                  <td>
                    {e.state === 'pending' ? <Badge tone="amber">{t('syncStatePending')}</Badge> : null}
                    {e.state === 'conflict' ? <Badge tone="red">{t('syncStateConflict')}</Badge> : null}
                    {e.state === 'error' ? <Badge tone="red" title={e.error ? L(e.error) : undefined}>{t('syncStateError')}</Badge> : null}
                    {e.state === 'error' && e.error ? <div className="small">{L(e.error)}</div> : null}
                  </td>
                  <td className="nowrap">
                    {e.state === 'conflict' ? <Link to={`/audits/${e.auditId}/workpapers/${e.workpaperId}`} className="btn btn--primary">{t('resolve')}</Link> : null}
                    {e.state === 'error' ? (
                      <>
                        <Button variant="secondary" onClick={() => void retry(e)} disabled={!sync.reachable}>{t('retry')}</Button>{' '}
                        <Button variant="ghost" onClick={() => window.confirm(t('discardConfirm')) && void discard(e)}>{t('discardLocal')}</Button>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
      <Section title={t('offlineAudits')}>
        {audits.length === 0 ? <p className="empty">{t('offlineAuditsEmpty')}</p> : (
          <ul className="plain-list offline-list">
            {audits.map((a) => (
              <li key={a.auditId}>
                <Link to={`/audits/${a.auditId}/workpapers`}>{a.detail.reference} {a.detail.auditee.name}</Link>
                <span className="muted small"> ・ {t('workpapers')} {a.workpaperCount} ・ {t('lastFetched')} {formatDateTime(a.fetchedAt, lang)}</span>
              </li>
            ))}
          </ul>
        )}
      </Section>
    </div>
  );
}
