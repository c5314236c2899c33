/**
 * 公表資料: the published summaries, for anyone. The endpoints come with the reports work
 * (issue 4); until the server has them, this screen says so instead of failing.
 */
import { api, ApiError } from '../api';
import { fillPath, publicSummaryEndpoints } from '../features';
import { formatDate } from '../format';
import { useAsync } from '../hooks';
import { useI18n } from '../i18n';
import { Alert, ErrorSummary, Loading, PageHeader, Section } from '../ui/components';
import { PublicTabs } from './survey-national';

type Summary = Record<string, unknown>;

function pick(o: Summary, ...keys: string[]): unknown {
  for (const k of keys) {
    const path = k.split('.');
    let v: unknown = o;
    for (const p of path) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[p] : undefined;
    if (v !== undefined && v !== null && v !== '') return v;
  }
  return undefined;
}

/** Download links the server gave (downloads / links / urls), or built from the item endpoint. */
function links(o: Summary, item: string | null, formats: string[]): { format: string; href: string }[] {
  const given = pick(o, 'formats', 'downloads', 'links', 'urls', 'files');
  if (given && typeof given === 'object') {
    if (Array.isArray(given)) {
      return given.map((g: Record<string, unknown>) => ({ format: String(g.format ?? g.type ?? 'file'), href: String(g.url ?? g.href ?? '') })).filter((l) => l.href);
    }
    return Object.entries(given as Record<string, unknown>).filter(([, v]) => typeof v === 'string').map(([format, href]) => ({ format, href: href as string }));
  }
  const id = pick(o, 'auditId', 'id', 'audit.id', 'reference');
  if (!item || id === undefined) return [];
  return (formats.length ? formats : ['pdf']).map((format) => ({
    format,
    href: item.includes('{format}') ? fillPath(item, { id: String(id), format }) : `${fillPath(item, { id: String(id) })}${item.includes('?') ? '&' : '?'}format=${format}`,
  }));
}

export function PublicPage() {
  const { t, lang } = useI18n();
  const data = useAsync(async () => {
    const endpoints = await publicSummaryEndpoints();
    if (!endpoints.list) return { available: false as const };
    try {
      const body = await api.get<unknown>(endpoints.list, { quiet401: true });
      const list = (Array.isArray(body) ? body : (body as { items?: unknown[]; summaries?: unknown[] })?.items ?? (body as { summaries?: unknown[] })?.summaries ?? []) as Summary[];
      return { available: true as const, list, endpoints };
    } catch (error) {
      if (error instanceof ApiError && (error.status === 404 || error.status === 501)) return { available: false as const };
      throw error;
    }
  }, []);
  return (
    <div>
      <PageHeader title={t('publicTitle')} subtitle={t('publicIntro')} />
      <PublicTabs current="summaries" />
      {data.loading && !data.data ? <Loading /> : null}
      <ErrorSummary error={data.error} />
      {data.data && !data.data.available ? <Alert kind="info"><span data-testid="public-unavailable">{t('publicUnavailable')}</span></Alert> : null}
      {data.data?.available ? (() => {
        const found = data.data;
        return found.list.length === 0 ? <p className="empty">{t('publicEmpty')}</p> : (
          <div className="stack" data-testid="public-list">
            {found.list.map((s, i) => {
              const name = pick(s, lang === 'en' ? 'auditee.nameEn' : 'auditee.name', 'auditee.name', 'auditeeName', 'auditee', 'title');
              const statement = pick(s, 'statement', 'summary', 'description');
              const counts = pick(s, 'severityCounts', 'counts', 'findingCounts') as Record<string, number> | undefined;
              return (
                <Section key={i} title={<>{String(pick(s, 'reference') ?? '')} {typeof name === 'string' ? name : ''}</>}>
                  <p className="small muted">
                    {pick(s, 'auditPeriod.start') ? `${t('auditPeriod')}: ${formatDate(pick(s, 'auditPeriod.start') as string, lang)} – ${formatDate(pick(s, 'auditPeriod.end') as string, lang)} ・ ` : ''}
                    {typeof pick(s, lang === 'en' ? 'catalogue.title.en' : 'catalogue.title.ja', 'catalogue.title') === 'string' ? `${String(pick(s, lang === 'en' ? 'catalogue.title.en' : 'catalogue.title.ja', 'catalogue.title'))}（${String(pick(s, 'catalogue.version') ?? '')}）・ ` : ''}
                    {t('publishedOn')}: {formatDate(pick(s, 'publishedOn', 'published_on') as string | undefined, lang)}
                    {pick(s, 'fiscalYear') ? ` ・ ${lang === 'ja' ? `${String(pick(s, 'fiscalYear'))}年度` : `FY${String(pick(s, 'fiscalYear'))}`}` : ''}
                  </p>
                  {counts && typeof counts === 'object' ? (
                    <p>
                      {lang === 'ja' ? `重欠点 ${counts.major ?? 0}件・軽欠点 ${counts.minor ?? 0}件・推奨事項 ${counts.recommendation ?? 0}件` : `Major ${counts.major ?? 0}, minor ${counts.minor ?? 0}, recommendations ${counts.recommendation ?? 0}`}
                    </p>
                  ) : null}
                  {typeof statement === 'string' ? <p className="pre">{statement}</p> : null}
                  <div className="btnrow">
                    {links(s, found.endpoints.item, found.endpoints.formats).map((l) => (
                      <a key={l.format} className="btn btn--secondary" href={l.href} download>{t('download')}（{l.format === 'docx' ? 'Word' : l.format.toUpperCase()}）</a>
                    ))}
                  </div>
                </Section>
              );
            })}
          </div>
        );
      })() : null}
    </div>
  );
}
