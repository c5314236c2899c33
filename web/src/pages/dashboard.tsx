/**
 * 監査結果の集計: results by control category A–D × defence zone 0–3 (the view of the registries'
 * own evaluation tool) and findings by severity across the fiscal year.
 */
import { useState } from 'react';
import { ApiError } from '../api';
import { AUDIT_STATUS_LABELS, AUDIT_STATUSES, SEVERITIES, SEVERITY_LABELS } from '../../../src/audit/vocabulary';
import { api } from '../api';
import { CATEGORY_KEYS, ZONE_KEYS } from '../catalog';
import { monthShort, today } from '../format';
import { useAsync, useSubmission } from '../hooks';
import { useI18n } from '../i18n';
import type { DashboardResults } from '../types';
import { reportFeatures, runReportRequest } from '../features';
import { isLead, useSession } from '../session';
import { Alert, Button, ErrorSummary, Loading, PageHeader, ProgressBar, Section } from '../ui/components';

const SEV_COLORS: Record<string, string> = { major: '#b42318', minor: '#dc6803', recommendation: '#2e6bb5' };

export function currentFiscalYear(): number {
  const d = today();
  const y = Number(d.slice(0, 4));
  return Number(d.slice(5, 7)) >= 4 ? y : y - 1;
}

export function DashboardPage() {
  const { t, L, lang } = useI18n();
  const [year, setYear] = useState(currentFiscalYear());
  const results = useAsync(() => api.get<DashboardResults>(`/api/dashboard/results?fiscalYear=${year}`), [year]);
  const r = results.data;
  return (
    <div>
      <PageHeader
        title={t('dashboardTitle')}
        subtitle={t('dashboardIntro')}
        actions={
          <label className="inline-field">
            <span>{t('fiscalYear')}</span>
            <select className="input select" value={year} onChange={(e) => setYear(Number(e.target.value))}>
              {[0, 1, 2, 3].map((i) => currentFiscalYear() + 1 - i).map((y) => <option key={y} value={y}>{lang === 'ja' ? `${y}年度` : `FY${y}`}</option>)}
            </select>
          </label>
        }
      />
      {results.loading && !r ? <Loading /> : null}
      <ErrorSummary error={results.error} />
      <AnnualSummary year={year} />
      {r ? (
        <div className="dash">
          <div className="tiles">
            <div className="tile"><span className="tile__n">{r.auditCount}</span><span className="tile__label">{lang === 'ja' ? '監査' : 'Audits'}</span></div>
            {SEVERITIES.map((s) => (
              <div key={s} className={`tile tile--${s}`}><span className="tile__n">{r.severityTotals[s] ?? 0}</span><span className="tile__label">{L(SEVERITY_LABELS[s])}</span></div>
            ))}
          </div>
          <div className="grid grid--dash">
            <Section title={t('matrixTitle')}>
              <Matrix results={r} />
              <p className="small muted">{t('matrixLegend')}</p>
            </Section>
            <div className="stack">
              <Section title={t('auditsByStatus')}>
                <ul className="statusbars">
                  {AUDIT_STATUSES.filter((s) => r.statusCounts[s]).map((s) => (
                    <li key={s}>
                      <span className="statusbars__label">{L(AUDIT_STATUS_LABELS[s])}</span>
                      <span className="statusbars__bar"><span style={{ width: `${(100 * (r.statusCounts[s] ?? 0)) / Math.max(1, r.auditCount)}%` }} /></span>
                      <span className="statusbars__n">{r.statusCounts[s]}</span>
                    </li>
                  ))}
                </ul>
                {r.auditCount === 0 ? <p className="empty">{t('noData')}</p> : null}
              </Section>
              <Section title={t('severityTotals')}>
                <table className="table table--compact">
                  <thead>
                    <tr>
                      <th scope="col">{t('category')}</th>
                      {SEVERITIES.map((s) => <th key={s} scope="col" className="num">{L(SEVERITY_LABELS[s])}</th>)}
                    </tr>
                  </thead>
                  <tbody>
                    {r.findingsByCategory.map((c) => (
                      <tr key={c.category}>
                        <th scope="row">{CATEGORY_KEYS[c.category] ? t(CATEGORY_KEYS[c.category]) : c.category}</th>
                        {SEVERITIES.map((s) => <td key={s} className="num">{c[s]}</td>)}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </Section>
            </div>
          </div>
          <Section title={t('severityByMonth')}>
            <MonthChart results={r} />
          </Section>
        </div>
      ) : null}
    </div>
  );
}

function Matrix({ results }: { results: DashboardResults }) {
  const { t } = useI18n();
  const cell = (c: string, z: number) => results.matrix.cells.find((x) => x.category === c && x.zone === z);
  return (
    <table className="matrix" data-testid="matrix">
      <thead>
        <tr>
          <th scope="col">{t('category')} ＼ {t('zone')}</th>
          {results.matrix.zones.map((z) => <th key={z} scope="col">{t(ZONE_KEYS[z] ?? 'zone')}</th>)}
        </tr>
      </thead>
      <tbody>
        {results.matrix.categories.map((c) => (
          <tr key={c}>
            <th scope="row">{CATEGORY_KEYS[c] ? t(CATEGORY_KEYS[c]) : c}</th>
            {results.matrix.zones.map((z) => {
              const x = cell(c, z);
              if (!x || x.items === 0) return <td key={z} className="matrix__cell matrix__cell--none">—</td>;
              const ratio = x.concluded ? x.doesNotConform / x.concluded : 0;
              const level = x.concluded === 0 ? 'pending' : ratio === 0 ? '0' : ratio < 0.15 ? '1' : ratio < 0.35 ? '2' : '3';
              return (
                <td key={z} className={`matrix__cell matrix__cell--l${level}`} data-cell={`${c}${z}`}>
                  <span className="matrix__main">{x.conforms}／{x.concluded}</span>
                  {x.doesNotConform ? <span className="matrix__nc">{t('nonConforming', { n: x.doesNotConform })}</span> : null}
                  <span className="matrix__items">{x.items}</span>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function MonthChart({ results }: { results: DashboardResults }) {
  const { lang, L } = useI18n();
  const data = results.severityByMonth;
  const max = Math.max(1, ...data.map((m) => m.major + m.minor + m.recommendation));
  const W = 1120;
  const H = 220;
  const pad = { l: 36, r: 12, t: 12, b: 30 };
  const bw = (W - pad.l - pad.r) / data.length;
  const y = (v: number) => H - pad.b - ((H - pad.t - pad.b) * v) / max;
  const ticks = [...new Set([0, Math.ceil(max / 2), max])];
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={data.map((m) => `${m.month}: ${m.major}/${m.minor}/${m.recommendation}`).join(', ')}>
        {ticks.map((v) => (
          <g key={v}>
            <line x1={pad.l} x2={W - pad.r} y1={y(v)} y2={y(v)} className="chart__grid" />
            <text x={pad.l - 6} y={y(v) + 4} textAnchor="end" className="chart__tick">{v}</text>
          </g>
        ))}
        {data.map((m, i) => {
          let acc = 0;
          const x = pad.l + i * bw + bw * 0.2;
          return (
            <g key={m.month}>
              {SEVERITIES.map((s) => {
                const v = m[s];
                const top = y(acc + v);
                const h = y(acc) - top;
                acc += v;
                return v ? <rect key={s} x={x} y={top} width={bw * 0.6} height={h} fill={SEV_COLORS[s]} rx={2}><title>{`${L(SEVERITY_LABELS[s])} ${v}`}</title></rect> : null;
              })}
              <text x={x + bw * 0.3} y={H - pad.b + 18} textAnchor="middle" className="chart__tick">{monthShort(m.month, lang)}</text>
            </g>
          );
        })}
      </svg>
      <figcaption className="legend">
        {SEVERITIES.map((s) => (
          <span key={s} className="legend__item"><span className="legend__swatch" style={{ background: SEV_COLORS[s] }} />{L(SEVERITY_LABELS[s])}</span>
        ))}
      </figcaption>
    </figure>
  );
}

/** 監査結果総括 of the year as a document (the reports work, issue 4), for the leads. */
function AnnualSummary({ year }: { year: number }) {
  const { t, L, lang } = useI18n();
  const { me } = useSession();
  const features = useAsync(() => reportFeatures(), []);
  const { error, busy, submit } = useSubmission<'pdf' | 'docx'>(lang);
  const [done, setDone] = useState<string | null>(null);
  if (!isLead(me) || !features.data?.annualSummary) return null;
  const get = (format: 'pdf' | 'docx') => {
    setDone(null);
    return submit(format, null, async () => {
      const r = await runReportRequest('GET', `/api/annual-summaries/${year}.${format}`);
      setDone(`${t('reportReady')} ${r.downloaded ?? ''}`);
    });
  };
  return (
    <div className="annual">
      <span className="annual__label">{t('annualSummary')}</span>
      <Button variant="secondary" busy={busy === 'pdf'} disabled={!!busy} onClick={() => void get('pdf')}>PDF</Button>
      <Button variant="secondary" busy={busy === 'docx'} disabled={!!busy} onClick={() => void get('docx')}>Word</Button>
      {busy ? <ProgressBar label={t('rendering')} /> : null}
      {done ? <span className="ok-text" role="status">{done}</span> : null}
      {error ? <Alert kind="error">{error instanceof ApiError ? L(error.bilingual) : t('networkError')}</Alert> : null}
    </div>
  );
}
