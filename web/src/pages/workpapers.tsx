/** 監査調書の一覧: grouped by control category (or the catalogue's groups), with progress and sync state. */
import { useEffect, useMemo, useState } from 'react';
import { cachedCatalog, groupOf, groupTitle, type GroupLabel } from '../catalog';
import { useAsync } from '../hooks';
import { useI18n } from '../i18n';
import { listOutbox, type OutboxEntry } from '../offline/db';
import { loadWorkpapers } from '../offline/offline-audit';
import { useSyncState } from '../offline/sync';
import { Link } from '../router';
import type { AuditDetail, CatalogDetail, Workpaper } from '../types';
import { Badge, ConclusionBadge, ErrorSummary, Loading } from '../ui/components';

export function useOutbox(): Map<number, OutboxEntry> {
  const sync = useSyncState();
  const [map, setMap] = useState<Map<number, OutboxEntry>>(new Map());
  useEffect(() => {
    void listOutbox().then((entries) => setMap(new Map(entries.map((e) => [e.workpaperId, e]))), () => undefined);
  }, [sync.revision]);
  return map;
}

export function useGroups(audit: AuditDetail): GroupLabel[] | undefined {
  const groups = useAsync(async () => {
    try {
      const c = await cachedCatalog<CatalogDetail>(audit.catalog.code, audit.catalog.version);
      return c.groups.map((g) => ({ code: g.code, ja: g.ja, en: g.en }));
    } catch {
      return [];
    }
  }, [audit.catalog.code, audit.catalog.version]);
  return groups.data;
}

export function WorkpaperList({ audit }: { audit: AuditDetail }) {
  const { t, lang, L } = useI18n();
  const list = useAsync(() => loadWorkpapers(audit.id), [audit.id]);
  const outbox = useOutbox();
  const groups = useGroups(audit);
  const [inScopeOnly, setInScopeOnly] = useState(true);
  const grouped = useMemo(() => {
    const out = new Map<string, Workpaper[]>();
    for (const wp of list.data ?? []) {
      if (inScopeOnly && wp.inScope === false) continue;
      const g = groupOf(wp.item);
      out.set(g, [...(out.get(g) ?? []), wp]);
    }
    return [...out.entries()].sort(([a], [b]) => a.localeCompare(b));
  }, [list.data, inScopeOnly]);

  if (list.loading && !list.data) return <Loading />;
  if (!list.data) return <ErrorSummary error={list.error} />;
  return (
    <div className="stack">
      <div className="toolbar">
        <label className="checkline">
          <input type="checkbox" checked={inScopeOnly} onChange={(e) => setInScopeOnly(e.target.checked)} /> {t('inScopeOnly')}
        </label>
      </div>
      {grouped.map(([code, wps]) => {
        const concluded = wps.filter((w) => (outbox.get(w.id)?.content.conclusion ?? w.conclusion) !== null).length;
        const reviewed = wps.filter((w) => w.reviewer).length;
        return (
          <section key={code} className="card wpgroup" aria-label={groupTitle(code, groups, t, lang)}>
            <header className="wpgroup__head">
              <h2 className="card__title">{groupTitle(code, groups, t, lang)}</h2>
              <div className="wpgroup__progress">
                <span className="small">{t('workpaperProgress', { c: concluded, t: wps.length })}・{t('reviewerSigned')} {reviewed}</span>
                <div className="minibar" aria-hidden="true"><div className="minibar__fill" style={{ width: `${Math.round((100 * concluded) / wps.length)}%` }} /></div>
              </div>
            </header>
            <table className="table wptable">
              <thead>
                <tr>
                  <th scope="col" className="col-no">No.</th>
                  <th scope="col">{t('criterion')}</th>
                  <th scope="col" className="col-zone">{t('zone')}</th>
                  <th scope="col" className="col-concl">{t('conclusion')}</th>
                  <th scope="col" className="col-sign">{t('preparer')}</th>
                  <th scope="col" className="col-sign">{t('reviewer')}</th>
                  <th scope="col" className="col-state">{t('status')}</th>
                </tr>
              </thead>
              <tbody>
                {wps.map((wp) => {
                  const local = outbox.get(wp.id);
                  return (
                    <tr key={wp.id} data-item={wp.itemNo} className={local ? 'row--local' : undefined}>
                      <td className="col-no">{wp.itemNo}</td>
                      <td>
                        <Link to={`/audits/${audit.id}/workpapers/${wp.id}`} className="wptable__link">
                          {lang === 'en' && wp.item?.textEn ? wp.item.textEn : wp.item?.text ?? `No.${wp.itemNo}`}
                        </Link>
                      </td>
                      <td className="col-zone">{wp.item?.zone ?? '—'}</td>
                      <td className="col-concl"><ConclusionBadge conclusion={local ? local.content.conclusion : wp.conclusion} /></td>
                      <td className="col-sign">{wp.preparer ? <span title={wp.preparer.name ?? ''}>✓ {wp.preparer.name}</span> : <span className="muted">—</span>}</td>
                      <td className="col-sign">{wp.reviewer ? <span title={wp.reviewer.name ?? ''}>✓ {wp.reviewer.name}</span> : <span className="muted">—</span>}</td>
                      <td className="col-state">
                        {local?.state === 'conflict' ? <Badge tone="red">{t('syncStateConflict')}</Badge> : null}
                        {local?.state === 'pending' ? <Badge tone="amber">{t('unsynced')}</Badge> : null}
                        {local?.state === 'error' ? <Badge tone="red">{t('syncStateError')}</Badge> : null}
                        {wp.openReviewNotes ? <Badge tone="orange">{t('openNotes', { n: wp.openReviewNotes })}</Badge> : null}
                        {wp.inScope === false ? <Badge tone="muted">{t('outOfScope')}</Badge> : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </section>
        );
      })}
      {grouped.length === 0 ? <p className="empty">{L({ ja: '監査調書はありません。', en: 'No workpapers.' })}</p> : null}
    </div>
  );
}
