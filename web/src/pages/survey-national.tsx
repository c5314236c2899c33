/**
 * 全国集計: the self-assessment survey counted nationally, year by year, in the shape of source
 * 001's 表1 (respondents by number of items not met) and 付表2 (per item, how many did not meet
 * it), with the share meeting every item. A figure the source does not give is "—", never 0.
 * The public sees the registries' closed rounds; the audit body every round of an audience.
 */
import { useEffect, useState } from 'react';
import { SURVEY_AUDIENCE_LABELS, SURVEY_AUDIENCES, type SurveyAudience } from '../../../src/audit/survey';
import { api, mapLimit } from '../api';
import { cachedCatalog, CATEGORY_KEYS, groupTitle, ZONE_KEYS } from '../catalog';
import { useAsync } from '../hooks';
import { useI18n } from '../i18n';
import { navigate, useLocation } from '../router';
import type { CatalogDetail, PublicNationalIndex, SurveyNational, SurveyRound } from '../types';
import { Alert, Badge, DownloadButton, ErrorSummary, Loading, PageHeader, Section, Tabs } from '../ui/components';
import { figure } from './survey-results';

interface Loaded {
  years: SurveyNational[];
  xlsx: string | null;
}

async function loadPublic(): Promise<Loaded> {
  const index = await api.get<PublicNationalIndex>('/api/surveys/national', { quiet401: true });
  const years = await mapLimit(index.years, 3, (y) => api.get<SurveyNational>(`/api/surveys/national/${y.fiscalYear}`, { quiet401: true }));
  return { years: years.sort((a, b) => a.fiscalYear - b.fiscalYear), xlsx: years.length ? '/api/surveys/national.xlsx' : null };
}

async function loadAuditBody(audience: SurveyAudience): Promise<Loaded> {
  const rounds = (await api.get<SurveyRound[]>('/api/surveys/rounds')).filter((r) => r.audience === audience).sort((a, b) => a.fiscalYear - b.fiscalYear);
  const years = await mapLimit(rounds, 3, (r) => api.get<SurveyNational>(`/api/surveys/rounds/${r.id}/national`));
  const latest = rounds[rounds.length - 1];
  return { years, xlsx: latest ? `/api/surveys/rounds/${latest.id}/national.xlsx` : null };
}

/** The public page, reached from 公表資料 without logging in. */
export function PublicNationalPage() {
  const { t } = useI18n();
  const data = useAsync(() => loadPublic(), []);
  return (
    <div>
      <PageHeader title={t('nationalTitle')} subtitle={t('nationalIntro')} />
      <PublicTabs current="surveys" />
      {data.loading && !data.data ? <Loading /> : null}
      <ErrorSummary error={data.error} />
      {data.data ? <NationalView years={data.data.years} xlsx={data.data.xlsx} /> : null}
    </div>
  );
}

export function PublicTabs({ current }: { current: 'summaries' | 'surveys' }) {
  const { t } = useI18n();
  return (
    <Tabs
      current={current}
      items={[
        { key: 'summaries', to: '/public', label: t('publicTabSummaries') },
        { key: 'surveys', to: '/public/surveys', label: t('publicTabNational') },
      ]}
    />
  );
}

/** The audit body's page: every round of an audience, open ones included (provisional). */
export function NationalPage() {
  const { t, L } = useI18n();
  const { query } = useLocation();
  const audience = (SURVEY_AUDIENCES as readonly string[]).includes(query.get('audience') ?? '') ? (query.get('audience') as SurveyAudience) : 'registry';
  const year = query.get('year') ? Number(query.get('year')) : null;
  const data = useAsync(() => loadAuditBody(audience), [audience]);
  return (
    <div>
      <PageHeader
        title={t('nationalTitle')}
        subtitle={t('nationalIntroBody')}
        crumbs={[{ to: '/surveys', label: t('surveysTitle') }]}
        actions={
          <label className="inline-field">
            <span>{t('audience')}</span>
            <select className="input select" value={audience} onChange={(e) => navigate(`/surveys/national?audience=${e.target.value}`)} data-testid="national-audience">
              {SURVEY_AUDIENCES.map((a) => <option key={a} value={a}>{L(SURVEY_AUDIENCE_LABELS[a])}</option>)}
            </select>
          </label>
        }
      />
      {data.loading && !data.data ? <Loading /> : null}
      <ErrorSummary error={data.error} />
      {data.data ? <NationalView key={audience} years={data.data.years} xlsx={data.data.xlsx} initialYear={year} /> : null}
    </div>
  );
}

function pct(p: string | null | undefined): string {
  return p === null || p === undefined ? '—' : `${p}%`;
}

/** 24（51.1%） / 24 (51.1%) */
function countPct(n: number, p: string | null | undefined, lang: 'ja' | 'en'): string {
  return lang === 'ja' ? `${n}（${pct(p)}）` : `${n} (${pct(p)})`;
}

/** Year by year: the share meeting every item, 表1, 付表2, and the selected year's details. */
export function NationalView({ years, xlsx, initialYear = null }: { years: SurveyNational[]; xlsx: string | null; initialYear?: number | null }) {
  const { t, L, lang } = useI18n();
  const latest = years[years.length - 1]?.fiscalYear ?? null;
  const [selected, setSelected] = useState<number | null>(initialYear ?? latest);
  useEffect(() => {
    if (selected === null || !years.some((y) => y.fiscalYear === selected)) setSelected(initialYear && years.some((y) => y.fiscalYear === initialYear) ? initialYear : latest);
  }, [years, selected, latest, initialYear]);
  const current = years.find((y) => y.fiscalYear === selected) ?? years[years.length - 1];
  // 付表2: the years that list items; the rows of the shown year's catalogue (or the latest that has one).
  const withItems = years.filter((y) => y.items.length > 0);
  const rowsFrom = current?.items.length ? current : withItems[withItems.length - 1];
  // Data users' measures are grouped (organisational, physical …): their names come with the catalogue.
  const groups = useAsync(async () => {
    const c = rowsFrom?.round.catalog;
    if (!c || !rowsFrom.items.some((i) => i.group && !i.category)) return null;
    return (await cachedCatalog<CatalogDetail>(c.code, c.version)).groups.map((g) => ({ code: g.code, ja: g.ja, en: g.en }));
  }, [rowsFrom?.round.id]);
  if (!current) return <p className="empty">{t('nationalEmpty')}</p>;
  const fy = (y: number) => t('fyN', { y });
  const title = (y: SurveyNational) => (lang === 'en' && y.round.title.en ? y.round.title.en : y.round.title.ja);

  // 表1: a row for every number of items not met that any year prints.
  const withDistribution = years.filter((y) => y.distribution !== null);
  // Every number from 0 to the largest printed, so a row the source does not print shows as "—".
  const kMax = Math.max(0, ...withDistribution.flatMap((y) => y.distribution!.map((d) => d.notMetItems)));
  const ks = Array.from({ length: kMax + 1 }, (_, k) => k);
  const hasCategory = !!rowsFrom?.items.some((i) => i.category);
  const hasZone = !!rowsFrom?.items.some((i) => i.zone !== null);
  const anyNull = years.some((y) => y.respondents === null || y.allItemsMet === null || y.itemsSurveyed === null || y.distribution === null)
    || withItems.some((y) => y.items.some((i) => i.notMet === null));

  return (
    <div className="stack national" data-testid="national">
      <div className="national__bar">
        <label className="inline-field">
          <span>{t('shownYear')}</span>
          <select className="input select" value={current.fiscalYear} onChange={(e) => setSelected(Number(e.target.value))} data-testid="national-year">
            {[...years].reverse().map((y) => <option key={y.fiscalYear} value={y.fiscalYear}>{fy(y.fiscalYear)} — {title(y)}</option>)}
          </select>
        </label>
        {xlsx ? <DownloadButton url={xlsx} testId="national-xlsx">{t('nationalXlsx')}</DownloadButton> : null}
      </div>
      {anyNull ? <Alert kind="info"><span data-testid="dash-note">{t('dashNote')}</span></Alert> : null}

      <div className="tiles tiles--national" data-testid="national-tiles" data-year={current.fiscalYear}>
        <div className="tile"><span className="tile__n">{figure(current.itemsSurveyed)}</span><span className="tile__label">{t('itemsSurveyed')}</span></div>
        <div className="tile"><span className="tile__n">{figure(current.respondents)}</span><span className="tile__label">{t('respondentsCount')}</span></div>
        <div className="tile"><span className="tile__n" data-testid="all-met">{figure(current.allItemsMet)}</span><span className="tile__label">{t('allItemsMet')}</span></div>
        <div className="tile tile--rate"><span className="tile__n" data-testid="all-met-percent">{pct(current.allItemsMetPercent)}</span><span className="tile__label">{t('allItemsMetShare')}</span></div>
      </div>
      {current.round.status === 'open' ? <Alert kind="warning">{t('nationalIntroBody')}</Alert> : null}

      <div className="grid grid--2">
        <Section title={t('allMetTrend')}>
          <table className="table table--compact" data-testid="national-trend">
            <thead>
              <tr>
                <th scope="col">{t('fiscalYear')}</th>
                <th scope="col" className="num">{t('itemsSurveyed')}</th>
                <th scope="col" className="num">{t('respondentsCount')}</th>
                <th scope="col" className="num">{t('allItemsMet')}</th>
                <th scope="col" className="col-share">{t('allItemsMetShare')}</th>
              </tr>
            </thead>
            <tbody>
              {years.map((y) => (
                <tr key={y.fiscalYear} data-year={y.fiscalYear} className={y.fiscalYear === current.fiscalYear ? 'row--current' : undefined}>
                  <th scope="row" className="nowrap">
                    {fy(y.fiscalYear)}
                    {y.origin === 'published' ? <> <Badge tone="muted">{t('originPublished')}</Badge></> : null}
                    {y.round.status === 'open' ? <> <Badge tone="amber">{t('provisional')}</Badge></> : null}
                  </th>
                  <td className="num">{figure(y.itemsSurveyed)}</td>
                  <td className="num">{figure(y.respondents)}</td>
                  <td className="num">{figure(y.allItemsMet)}</td>
                  <td className="nowrap">
                    <span className="sharebar" aria-hidden="true">
                      {y.allItemsMetShare !== null ? <span style={{ width: `${100 * y.allItemsMetShare}%` }} /> : null}
                    </span>
                    <span className="sharebar__n">{pct(y.allItemsMetPercent)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Section>

        <Section title={t('distributionTitle')}>
          {withDistribution.length === 0 ? <p className="empty">—</p> : (
            <table className="table table--compact" data-testid="national-distribution">
              <thead>
                <tr>
                  <th scope="col">{t('notMetItemsCount')}</th>
                  {withDistribution.map((y) => <th key={y.fiscalYear} scope="col" className="num">{fy(y.fiscalYear)}</th>)}
                </tr>
              </thead>
              <tbody>
                {ks.map((k) => (
                  <tr key={k} data-k={k}>
                    <th scope="row">{k}</th>
                    {withDistribution.map((y) => {
                      const d = y.distribution!.find((x) => x.notMetItems === k);
                      // A round run in Kansa counts every respondent: a number nobody reached is 0. A published table's missing row is not given.
                      const shown = d ? countPct(d.respondents, d.percent, lang) : y.origin === 'conducted' ? countPct(0, y.respondents ? '0.0' : null, lang) : '—';
                      return <td key={y.fiscalYear} className={`num nowrap${!d && y.origin !== 'conducted' ? ' muted' : ''}`} data-year={y.fiscalYear}>{shown}</td>;
                    })}
                  </tr>
                ))}
                <tr className="row--total">
                  <th scope="row">{t('total')}</th>
                  {withDistribution.map((y) => <td key={y.fiscalYear} className="num">{figure(y.respondents)}</td>)}
                </tr>
              </tbody>
            </table>
          )}
        </Section>
      </div>

      <Section title={t('perItemTitle')}>
        {!rowsFrom ? <p className="empty">—</p> : (
          <div className="table-scroll">
            <table className="table table--compact national__items" data-testid="national-items">
              <thead>
                <tr>
                  <th scope="col" className="col-no">No</th>
                  <th scope="col" className={hasCategory ? 'col-zone' : 'col-group'}>{hasCategory ? t('category') : t('groupCol')}</th>
                  {hasZone ? <th scope="col" className="col-zone">{t('zone')}</th> : null}
                  <th scope="col">{t('item')}</th>
                  {withItems.map((y) => (
                    <th key={y.fiscalYear} scope="col" className={`num nowrap${y.fiscalYear === current.fiscalYear ? ' col--current' : ''}`}>
                      {fy(y.fiscalYear)}
                      {y.respondents !== null ? <div className="small muted">{lang === 'ja' ? `（${y.respondents}中）` : `(of ${y.respondents})`}</div> : null}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rowsFrom.items.map((i) => (
                  <tr key={i.no} data-item={i.no}>
                    <td className="col-no">{i.no}</td>
                    <td className={i.category ? 'col-zone' : 'small'}>{i.category ?? (i.group ? groupTitle(i.group, groups.data ?? undefined, t, lang) : '—')}</td>
                    {hasZone ? <td className="col-zone">{i.zone ?? '—'}</td> : null}
                    <td className="national__text">{lang === 'en' && i.textEn ? i.textEn : i.text ?? '—'}</td>
                    {withItems.map((y) => {
                      const x = y.items.find((r) => r.no === i.no);
                      const value = x?.notMet ?? null;
                      return (
                        <td key={y.fiscalYear} className={`num nowrap${value === null ? ' muted' : ''}${y.fiscalYear === current.fiscalYear ? ' col--current' : ''}`} data-year={y.fiscalYear}>
                          {figure(value)}
                          {value !== null && x?.notMetPercent ? <span className="small muted">{lang === 'ja' ? `（${x.notMetPercent}%）` : ` (${x.notMetPercent}%)`}</span> : null}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>

      {current.byCategory.length || current.byZone.length ? (
        <Section title={t('byCategoryZoneTitle', { y: current.fiscalYear })}>
          <div className="grid grid--2">
            {[{ rows: current.byCategory, label: (k: string | number) => (CATEGORY_KEYS[String(k)] ? t(CATEGORY_KEYS[String(k)]) : String(k)), head: t('category'), id: 'category' },
              { rows: current.byZone, label: (k: string | number) => t(ZONE_KEYS[Number(k)] ?? 'zone'), head: t('zone'), id: 'zone' }].map((block) => (
              <table key={block.id} className="table table--compact" data-testid={`national-by-${block.id}`}>
                <thead>
                  <tr>
                    <th scope="col">{block.head}</th>
                    <th scope="col" className="num">{t('itemCountCol')}</th>
                    <th scope="col" className="num">{t('notMetItemsCount')}</th>
                    <th scope="col" className="num">{t('meetingAll')}</th>
                  </tr>
                </thead>
                <tbody>
                  {(block.rows as { key: string | number; items: number; notMet: number | null; respondentsMeetingAll: number | null }[]).map((c) => (
                    <tr key={c.key}>
                      <th scope="row">{block.label(c.key)}</th>
                      <td className="num">{c.items}</td>
                      <td className="num">{figure(c.notMet)}</td>
                      <td className="num">{figure(c.respondentsMeetingAll)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ))}
          </div>
        </Section>
      ) : null}

      {current.notes.length || current.notGiven.length || current.textBreakdown.length || current.source ? (
        <div className="grid grid--2">
          <Section title={t('notesTitle', { y: current.fiscalYear })}>
            {current.notes.length ? (
              <ul className="notes-list">
                {current.notes.map((n, i) => <li key={i}>{L(n)}{n.ref ? <span className="small muted">（{n.ref}）</span> : null}</li>)}
              </ul>
            ) : <p className="empty">{t('none')}</p>}
            {current.textBreakdown.length ? (
              <>
                <h3 className="subhead">{t('textBreakdownTitle')}</h3>
                <table className="table table--compact">
                  <tbody>
                    {current.textBreakdown.map((x, i) => <tr key={i}><td>{L(x)}</td><td className="num">{figure(x.notMet ?? null)}</td></tr>)}
                  </tbody>
                </table>
              </>
            ) : null}
            {current.source ? <p className="small muted">{t('sourceLabel')}: {current.source.document}（{current.source.sections.join('、')}）</p> : null}
          </Section>
          <Section title={t('notGivenTitle', { y: current.fiscalYear })}>
            {current.notGiven.length ? (
              <>
                <p className="small">{t('dashNote')}</p>
                <ul className="notes-list" data-testid="not-given">
                  {current.notGiven.map((n, i) => <li key={i}>{L(n)}</li>)}
                </ul>
              </>
            ) : <p className="empty">{t('none')}</p>}
          </Section>
        </div>
      ) : null}
    </div>
  );
}
