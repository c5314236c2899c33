/** Dates and numbers as the screens show them, in the chosen language. */
import type { Lang } from './i18n';

export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** '2026-06-23' → 2026年6月23日 / 23 Jun 2026 */
export function formatDate(value: string | null | undefined, lang: Lang): string {
  if (!value) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!m) return value;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (lang === 'ja') return `${y}年${mo}月${d}日`;
  return new Date(Date.UTC(y, mo - 1, d)).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

/** '2026-06' → 2026年6月 / Jun 2026 */
export function formatMonth(value: string | null | undefined, lang: Lang): string {
  if (!value) return '—';
  const m = /^(\d{4})-(\d{2})/.exec(value);
  if (!m) return value;
  if (lang === 'ja') return `${Number(m[1])}年${Number(m[2])}月`;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)).toLocaleDateString('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });
}

/** An instant (ISO timestamp) in local time: 2026/11/25 10:04 */
export function formatDateTime(value: string | number | Date | null | undefined, lang: Lang): string {
  if (value === null || value === undefined || value === '') return '—';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return String(value);
  return d.toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-GB', { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
}

export function formatBytes(size: number): string {
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(1)} KB`;
  return `${(size / 1024 / 1024).toFixed(1)} MB`;
}

export function monthShort(month: string, lang: Lang): string {
  const m = Number(month.slice(5, 7));
  return lang === 'ja' ? `${m}月` : new Date(Date.UTC(2000, m - 1, 1)).toLocaleDateString('en-GB', { month: 'short', timeZone: 'UTC' });
}

/** A person as lists show them: the name, and the job title (役職) when there is one. */
export function personLabel(p: { name: string; jobTitle?: string | null }): string {
  return p.jobTitle ? `${p.name}（${p.jobTitle}）` : p.name;
}
