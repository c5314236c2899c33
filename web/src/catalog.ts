/** Grouping of criteria items: control category A–D for the baseline, the catalogue's groups otherwise. */
import type { MessageKey } from './i18n';

export interface GroupLabel {
  code: string;
  ja?: string;
  en?: string;
}

export const CATEGORY_KEYS: Record<string, MessageKey> = { A: 'categoryA', B: 'categoryB', C: 'categoryC', D: 'categoryD' };
export const ZONE_KEYS: Record<number, MessageKey> = { 0: 'zone0', 1: 'zone1', 2: 'zone2', 3: 'zone3' };

export function groupOf(item: { category?: string | null; group?: string | null } | null | undefined): string {
  if (!item) return '—';
  return item.category ?? item.group ?? '—';
}

export function groupTitle(
  code: string,
  groups: GroupLabel[] | undefined,
  t: (key: MessageKey) => string,
  lang: 'ja' | 'en',
): string {
  if (CATEGORY_KEYS[code]) return t(CATEGORY_KEYS[code]);
  const g = groups?.find((x) => x.code === code);
  if (g) return (lang === 'ja' ? g.ja : g.en) ?? g.ja ?? code;
  return code;
}

const catalogCache = new Map<string, Promise<unknown>>();

/** The catalogue detail (public, rarely changes): fetched once per page load. */
export function cachedCatalog<T>(code: string, version: string): Promise<T> {
  const key = `${code}@${version}`;
  if (!catalogCache.has(key)) {
    catalogCache.set(
      key,
      fetch(`/api/catalogs/${encodeURIComponent(code)}?version=${encodeURIComponent(version)}`).then((r) => {
        if (!r.ok) throw new Error(`catalog ${r.status}`);
        return r.json();
      }).catch((e) => {
        catalogCache.delete(key);
        throw e;
      }),
    );
  }
  return catalogCache.get(key) as Promise<T>;
}
