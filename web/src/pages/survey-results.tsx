/**
 * One respondent's self-assessment result, the way the registries' evaluation tool showed it:
 * control category A–D × defence zone 0–3 (groups for the data-user measures), each with its
 * rate met and the change from last year. Shared by the lead's view and the auditee's own page.
 */
import type { ReactNode } from 'react';
import { SURVEY_ANSWER_LABELS, SURVEY_RESPONSE_STATUS_LABELS, type SurveyResponseStatus } from '../../../src/audit/survey';
import { api } from '../api';
import { CATEGORY_KEYS, ZONE_KEYS } from '../catalog';
import { useAsync } from '../hooks';
import { useI18n } from '../i18n';
import type { SurveyCellChange, SurveyResponseItem, SurveyResults } from '../types';
import { Alert, Badge, ErrorSummary, Loading, Section } from '../ui/components';

/** 0.9333 → "93.3%"; null → "—". */
export function ratePercent(rate: number | null | undefined): string {
  if (rate === null || rate === undefined) return '—';
  return `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

/** A count the source may not give: null is "—", never 0. */
export function figure(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : String(n);
}

const RESPONSE_TONE: Record<SurveyResponseStatus, string> = { not_started: 'grey', draft: 'blue', submitted: 'green', reopened: 'orange' };

export function ResponseStatusBadge({ status }: { status: SurveyResponseStatus }) {
  const { L } = useI18n();
  return <span data-response-status={status}><Badge tone={RESPONSE_TONE[status]}>{L(SURVEY_RESPONSE_STATUS_LABELS[status])}</Badge></span>;
}

/** A change of rate in percentage points and of the not-met count, coloured by direction. */
export function Change({ change }: { change: Pick<SurveyCellChange<unknown>, 'rateChange' | 'notMetChange'> | null | undefined }) {
  const { t } = useI18n();
  if (!change) return null;
  const pts = change.rateChange === null ? null : Math.round(change.rateChange * 1000) / 10;
  const sign = (v: number) => (v > 0 ? `+${v}` : v < 0 ? `−${Math.abs(v)}` : '±0');
  const tone = pts === null ? (change.notMetChange > 0 ? 'worse' : change.notMetChange < 0 ? 'better' : 'same') : pts > 0 ? 'better' : pts < 0 ? 'worse' : 'same';
  return (
    <span className={`change change--${tone}`} data-change={tone}>
      {pts === null ? null : t('points', { v: sign(Number(pts.toFixed(1))) })}
      {change.notMetChange !== 0 ? <span className="change__nm">{t('notMetN', { n: sign(change.notMetChange) })}</span> : null}
    </span>
  );
}

interface Cell {
  items: number;
  met: number;
  notMet: number;
  notApplicable: number;
  unanswered: number;
}

function cellOf(items: SurveyResponseItem[]): Cell {
  return {
    items: items.length,
    met: items.filter((i) => i.answer === 'met').length,
    notMet: items.filter((i) => i.answer === 'not_met').length,
    notApplicable: items.filter((i) => i.answer === 'not_applicable').length,
    unanswered: items.filter((i) => i.answer === null).length,
  };
}

function level(c: Cell): string {
  const applicable = c.met + c.notMet;
  if (applicable === 0) return 'pending';
  const ratio = c.notMet / applicable;
  return ratio === 0 ? '0' : ratio < 0.15 ? '1' : ratio < 0.35 ? '2' : '3';
}

/** Loads and shows the result of one response; `items` (the answers) draw the category × zone cells. */
export function ResultView({ roundId, organisationId, items, itemTexts }: {
  roundId: number; organisationId: number; items?: SurveyResponseItem[]; itemTexts?: boolean;
}) {
  const { t, L, lang } = useI18n();
  const results = useAsync(() => api.get<SurveyResults>(`/api/surveys/rounds/${roundId}/responses/${organisationId}/results`), [roundId, organisationId, items]);
  const answers = useAsync(async () => items ?? (await api.get<{ items: SurveyResponseItem[] }>(`/api/surveys/rounds/${roundId}/responses/${organisationId}`)).items, [roundId, organisationId, items]);
  const r = results.data;
  const list = answers.data ?? [];
  if ((results.loading && !r) || (answers.loading && !answers.data)) return <Loading />;
  if (!r) return <ErrorSummary error={results.error} />;
  const s = r.score;
  const text = (no: number) => {
    const item = list.find((i) => i.no === no);
    return item ? (lang === 'en' && item.textEn ? item.textEn : item.text) : '';
  };
  const catChange = (key: string) => r.change?.byCategory.find((c) => c.key === key);
  const zoneChange = (key: number) => r.change?.byZone.find((c) => c.key === key);
  const groupChange = (key: string) => r.change?.byGroup.find((c) => c.key === key);
  const itemList = (nos: number[], empty: ReactNode) => nos.length === 0 ? <p className="empty">{empty}</p> : (
    <ul className="itemlist">
      {nos.map((no) => <li key={no} data-item-no={no}><span className="itemlist__no">{no}</span> {itemTexts === false ? null : text(no)}</li>)}
    </ul>
  );

  return (
    <div className="stack" data-testid="survey-result">
      {!r.final ? <Alert kind="info">{t('draftResult')}</Alert> : null}
      <div className="tiles tiles--5">
        <div className="tile tile--rate"><span className="tile__n" data-testid="overall-rate">{ratePercent(s.overall.rate)}</span><span className="tile__label">{t('rateMet')}<Change change={r.change?.overall} /></span></div>
        <div className="tile"><span className="tile__n">{s.overall.met}</span><span className="tile__label">{L(SURVEY_ANSWER_LABELS.met)}</span></div>
        <div className="tile tile--major"><span className="tile__n">{s.overall.notMet}</span><span className="tile__label">{L(SURVEY_ANSWER_LABELS.not_met)}</span></div>
        <div className="tile"><span className="tile__n">{s.overall.notApplicable}</span><span className="tile__label">{L(SURVEY_ANSWER_LABELS.not_applicable)}</span></div>
        <div className="tile"><span className="tile__n">{s.overall.unanswered}</span><span className="tile__label">{t('unanswered')}</span></div>
      </div>
      <div className="grid grid--dash">
        {s.byCategory.length && s.byZone.length ? (
          <Section title={t('resultTitle')}>
            <p className="small muted">{t('resultIntro')}</p>
            <table className="matrix matrix--result" data-testid="result-matrix">
              <thead>
                <tr>
                  <th scope="col">{t('category')} ＼ {t('zone')}</th>
                  {s.byZone.map((z) => <th key={z.key} scope="col">{t(ZONE_KEYS[z.key] ?? 'zone')}</th>)}
                  <th scope="col" className="matrix__total">{t('totalCol')}</th>
                </tr>
              </thead>
              <tbody>
                {s.byCategory.map((c) => (
                  <tr key={c.key}>
                    <th scope="row">{CATEGORY_KEYS[c.key] ? t(CATEGORY_KEYS[c.key]) : L(c.label)}</th>
                    {s.byZone.map((z) => {
                      const cell = cellOf(list.filter((i) => i.category === c.key && i.zone === z.key));
                      if (cell.items === 0) return <td key={z.key} className="matrix__cell matrix__cell--none" aria-label={t('noCell')}>—</td>;
                      return (
                        <td key={z.key} className={`matrix__cell matrix__cell--l${level(cell)}`} data-cell={`${c.key}${z.key}`}>
                          <span className="matrix__main">{cell.met}／{cell.met + cell.notMet}</span>
                          {cell.notMet ? <span className="matrix__nc">{t('notMetN', { n: cell.notMet })}</span> : null}
                          {cell.unanswered ? <span className="matrix__ua">{t('unansweredN', { n: cell.unanswered })}</span> : null}
                          <span className="matrix__items">{cell.items}</span>
                        </td>
                      );
                    })}
                    <td className="matrix__total" data-total={c.key}>
                      <strong>{ratePercent(c.rate)}</strong>
                      <Change change={catChange(c.key)} />
                    </td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t('totalRow')}</th>
                  {s.byZone.map((z) => (
                    <td key={z.key} className="matrix__total" data-total={`zone${z.key}`}>
                      <strong>{ratePercent(z.rate)}</strong>
                      <Change change={zoneChange(z.key)} />
                    </td>
                  ))}
                  <td className="matrix__total matrix__total--all">
                    <strong>{ratePercent(s.overall.rate)}</strong>
                    <Change change={r.change?.overall} />
                  </td>
                </tr>
              </tfoot>
            </table>
            <p className="small muted">{t('resultLegend')}</p>
          </Section>
        ) : (
          <Section title={t('groupResultTitle')}>
            <table className="table table--compact" data-testid="result-groups">
              <thead>
                <tr>
                  <th scope="col">{t('groupCol')}</th>
                  <th scope="col" className="num">{L(SURVEY_ANSWER_LABELS.met)}</th>
                  <th scope="col" className="num">{L(SURVEY_ANSWER_LABELS.not_met)}</th>
                  <th scope="col" className="num">{L(SURVEY_ANSWER_LABELS.not_applicable)}</th>
                  <th scope="col" className="num">{t('rateMet')}</th>
                  <th scope="col">{r.change ? t('changeFrom', { y: r.change.previousFiscalYear }) : ''}</th>
                </tr>
              </thead>
              <tbody>
                {s.byGroup.map((g) => (
                  <tr key={g.key}>
                    <th scope="row">{L(g.label)}</th>
                    <td className="num">{g.met}</td>
                    <td className="num">{g.notMet}</td>
                    <td className="num">{g.notApplicable}</td>
                    <td className="num"><strong>{ratePercent(g.rate)}</strong></td>
                    <td><Change change={groupChange(g.key)} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Section>
        )}
        <div className="stack">
          <Section title={`${t('notMetItemsTitle')}（${s.notMetItemNos.length}）`}>
            {itemList(s.notMetItemNos, t('noneNotMet'))}
          </Section>
          <Section title={r.change ? `${t('changeTitle')}（${t('changeFrom', { y: r.change.previousFiscalYear })}）` : t('changeTitle')}>
            {r.change ? (
              <div data-testid="result-change">
                {!r.change.sameCatalogVersion ? <p className="small muted">{t('differentVersion')}</p> : null}
                <p className="change-overall">{t('rateMet')} <Change change={r.change.overall} /></p>
                <h3 className="subhead">{t('newlyNotMet')}</h3>
                {itemList(r.change.newlyNotMet, t('none'))}
                <h3 className="subhead">{t('newlyMet')}</h3>
                {itemList(r.change.newlyMet, t('none'))}
              </div>
            ) : <p className="empty">{t('noPreviousYear')}</p>}
          </Section>
        </div>
      </div>
    </div>
  );
}
