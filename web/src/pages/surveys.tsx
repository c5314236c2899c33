/**
 * 自己点検調査 for the audit body: the rounds and the lead's form to open one; a round's
 * responses (who has not answered or submitted, reopening with a reason); one respondent's result
 * by control category × defence zone with the change from last year.
 */
import { useEffect, useState } from 'react';
import {
  SURVEY_AUDIENCE_LABELS, SURVEY_AUDIENCES, SURVEY_CATALOG_FOR_AUDIENCE, SURVEY_ANSWER_LABELS, type SurveyAudience,
} from '../../../src/audit/survey';
import { api } from '../api';
import { cachedCatalog, CATEGORY_KEYS, groupTitle } from '../catalog';
import { formatDate, formatDateTime } from '../format';
import { useAsync, useSubmission } from '../hooks';
import { useI18n, type Lang } from '../i18n';
import { Link, navigate, useLocation } from '../router';
import { isLead, useSession } from '../session';
import type { CatalogDetail, CatalogSummary, SurveyProgress, SurveyRespondentRow, SurveyResponseView, SurveyRound } from '../types';
import {
  Alert, Badge, Button, Dialog, DownloadButton, ErrorSummary, Facts, Loading, PageHeader, RadioGroup, Section, SelectField,
  TextField,
} from '../ui/components';
import { ReasonDialog } from '../ui/reason-dialog';
import { Checker, fieldErrorsOf, type FieldErrors } from '../validation';
import { currentFiscalYear } from './dashboard';
import { ratePercent, ResponseStatusBadge, ResultView } from './survey-results';

export function orgName(o: { name: string; nameEn: string | null } | undefined, lang: 'ja' | 'en'): string {
  if (!o) return '';
  return lang === 'en' && o.nameEn ? o.nameEn : o.name;
}

export function roundTitle(r: { title: { ja: string; en: string | null } }, lang: 'ja' | 'en'): string {
  return lang === 'en' && r.title.en ? r.title.en : r.title.ja;
}

function RoundStatusBadge({ round }: { round: SurveyRound }) {
  const { L, t } = useI18n();
  if (round.origin === 'published') return <Badge tone="muted">{t('originPublished')}</Badge>;
  return <span data-round-status={round.status}><Badge tone={round.status === 'open' ? 'blue' : 'grey'}>{L(round.statusLabel)}</Badge></span>;
}

export function SurveysPage() {
  const { t, L, lang } = useI18n();
  const { me } = useSession();
  const rounds = useAsync(() => api.get<SurveyRound[]>('/api/surveys/rounds'), []);
  return (
    <div>
      <PageHeader
        title={t('surveysTitle')}
        subtitle={t('surveysIntro')}
        actions={<Link to="/surveys/national" className="btn btn--secondary">{t('nationalResults')}</Link>}
      />
      {rounds.loading && !rounds.data ? <Loading /> : null}
      <ErrorSummary error={rounds.error} />
      <div className={isLead(me) ? 'grid grid--main' : undefined}>
        <Section title={t('roundsTitle')}>
          {rounds.data && rounds.data.length === 0 ? <p className="empty">{t('noRounds')}</p> : null}
          {rounds.data?.length ? (
            <table className="table" data-testid="rounds">
              <thead>
                <tr>
                  <th scope="col">{t('fiscalYear')}</th>
                  <th scope="col">{t('roundTitle')}</th>
                  <th scope="col">{t('status')}</th>
                  <th scope="col">{t('dueOn')}</th>
                  <th scope="col">{t('responsesTitle')}</th>
                </tr>
              </thead>
              <tbody>
                {rounds.data.map((r) => (
                  <tr key={r.id} data-round={`${r.fiscalYear}-${r.audience}`}>
                    <td className="nowrap">{L(r.fiscalYearLabel)}</td>
                    <td>
                      <Link to={`/surveys/${r.id}`}>{roundTitle(r, lang)}</Link>
                      <div className="small muted">
                        {L(SURVEY_AUDIENCE_LABELS[r.audience])}
                        {r.catalog ? `・${L(r.catalog.title)}（${L(r.catalog.versionLabel)}）` : ''}
                      </div>
                    </td>
                    <td><RoundStatusBadge round={r} /></td>
                    <td className="nowrap">{r.origin === 'conducted' ? formatDate(r.dueOn, lang) : '—'}</td>
                    <td className="nowrap">
                      {r.progress ? (
                        <span className="progress-inline">
                          <span className="minibar"><span className="minibar__fill" style={{ width: `${r.progress.expected ? (100 * r.progress.submitted) / r.progress.expected : 0}%` }} /></span>
                          {t('submittedOf', { s: r.progress.submitted, e: r.progress.expected })}
                        </span>
                      ) : '—'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </Section>
        {isLead(me) ? <OpenRoundForm existing={rounds.data ?? []} /> : null}
      </div>
    </div>
  );
}

/** The server's field errors for the form opening a round. */
function roundFieldErrors(e: unknown, lang: Lang): FieldErrors {
  const fe = fieldErrorsOf(e, lang);
  // The catalogue's code and version are one choice on this form.
  if (fe['catalog.code']) fe['catalog.version'] = [...(fe['catalog.version'] ?? []), ...fe['catalog.code']];
  return fe;
}

function OpenRoundForm({ existing }: { existing: SurveyRound[] }) {
  const { t, L, lang } = useI18n();
  const catalogs = useAsync(() => api.get<CatalogSummary[]>('/api/catalogs'), []);
  const [fiscalYear, setFiscalYear] = useState(String(currentFiscalYear()));
  const [audience, setAudience] = useState<SurveyAudience>('registry');
  const [version, setVersion] = useState('');
  const [dueOn, setDueOn] = useState('');
  const [title, setTitle] = useState('');
  const { errors, error, busy, submit } = useSubmission<'open'>(lang, roundFieldErrors);
  const catalog = catalogs.data?.find((c) => c.code === SURVEY_CATALOG_FOR_AUDIENCE[audience]);
  useEffect(() => {
    if (catalog && !catalog.versions.some((v) => v.version === version)) setVersion(catalog.version);
  }, [catalog, version]);
  // A year without a round of this audience yet, as the starting value.
  useEffect(() => {
    const fy = currentFiscalYear();
    const taken = (y: number) => existing.some((r) => r.fiscalYear === y && r.audience === audience);
    if (!taken(Number(fiscalYear))) return;
    const free = [fy, fy + 1, fy - 1].find((y) => !taken(y));
    if (free !== undefined) setFiscalYear(String(free));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [existing, audience]);

  const open = () => {
    const check = new Checker(lang).required('fiscalYear', fiscalYear).custom('fiscalYear', fiscalYear === '' || /^\d{4}$/.test(fiscalYear.trim()), 'fieldYear')
      .required('catalog.version', version).date('dueOn', dueOn);
    return submit('open', check, async () => {
      const round = await api.post<SurveyRound>('/api/surveys/rounds', {
        fiscalYear: Number(fiscalYear), audience, catalog: { code: SURVEY_CATALOG_FOR_AUDIENCE[audience], version },
        ...(dueOn ? { dueOn } : {}), ...(title.trim() ? { title: title.trim() } : {}),
      });
      navigate(`/surveys/${round.id}?opened=1`);
    });
  };

  return (
    <Section title={t('openRoundTitle')}>
      <form
        className="form"
        data-testid="open-round"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void open();
        }}
      >
        <p className="hint">{t('openRoundHint')}</p>
        <ErrorSummary error={error} fields={['fiscalYear', 'audience', 'catalog.code', 'catalog.version', 'dueOn', 'title']} />
        <TextField label={t('fiscalYear')} name="fiscalYear" inputMode="numeric" value={fiscalYear} onChange={(e) => setFiscalYear(e.target.value)} errors={errors} required hint={/^\d{4}$/.test(fiscalYear) ? t('fyN', { y: fiscalYear }) : undefined} />
        <RadioGroup<SurveyAudience>
          legend={t('audience')}
          name="audience"
          value={audience}
          onChange={setAudience}
          errors={errors}
          className="radios--row"
          options={SURVEY_AUDIENCES.map((a) => ({ value: a, label: L(SURVEY_AUDIENCE_LABELS[a]) }))}
        />
        <SelectField label={t('catalogue')} name="catalog.version" value={version} onChange={(e) => setVersion(e.target.value)} errors={errors} required hint={catalog ? L(catalog.title) : undefined}>
          {catalogs.loading && !catalogs.data ? <option value="">{t('loading')}</option> : null}
          {catalog?.versions.map((v) => <option key={v.version} value={v.version}>{L(v.label)}（{v.itemCount}{lang === 'ja' ? '項目' : ' items'}）</option>)}
        </SelectField>
        <TextField label={t('dueOn')} name="dueOn" type="date" value={dueOn} onChange={(e) => setDueOn(e.target.value)} errors={errors} />
        <TextField label={t('roundTitle')} name="title" value={title} onChange={(e) => setTitle(e.target.value)} errors={errors} hint={t('roundTitleHint', { y: /^\d{4}$/.test(fiscalYear) ? fiscalYear : '2026' })} maxLength={200} />
        <div className="form__actions">
          <Button type="submit" busy={busy !== null}>{t('openRound')}</Button>
        </div>
      </form>
    </Section>
  );
}

export function RoundPage({ roundId }: { roundId: number }) {
  const { t, L, lang } = useI18n();
  const { me } = useSession();
  const { query } = useLocation();
  const round = useAsync(() => api.get<SurveyRound>(`/api/surveys/rounds/${roundId}`), [roundId]);
  const progress = useAsync(async () => (round.data?.origin === 'conducted' ? api.get<SurveyProgress>(`/api/surveys/rounds/${roundId}/progress`) : null), [roundId, round.data?.origin]);
  const [reopening, setReopening] = useState<SurveyRespondentRow | null>(null);
  const [closing, setClosing] = useState(false);
  const [flash, setFlash] = useState<string | null>(query.get('opened') ? t('roundOpened') : null);
  const r = round.data;
  if (round.loading && !r) return <Loading />;
  if (!r) return <ErrorSummary error={round.error} />;
  const p = progress.data;
  const lead = isLead(me);
  const reload = async () => {
    await round.reload();
    await progress.reload();
  };
  return (
    <div>
      <PageHeader
        crumbs={[{ to: '/surveys', label: t('surveysTitle') }]}
        title={<>{roundTitle(r, lang)} <RoundStatusBadge round={r} /></>}
        subtitle={`${L(r.fiscalYearLabel)}・${L(SURVEY_AUDIENCE_LABELS[r.audience])}${r.catalog ? `・${L(r.catalog.title)}（${L(r.catalog.versionLabel)}、${r.catalog.itemCount}${lang === 'ja' ? '項目' : ' items'}）` : ''}${r.dueOn ? `・${t('dueOn')} ${formatDate(r.dueOn, lang)}` : ''}`}
        actions={
          <>
            {r.origin === 'conducted' ? <DownloadButton url={`/api/surveys/rounds/${r.id}/questionnaire.xlsx`} testId="blank-xlsx">{t('blankQuestionnaire')}</DownloadButton> : null}
            <Link to={`/surveys/national?audience=${r.audience}&year=${r.fiscalYear}`} className="btn btn--secondary">{t('nationalResults')}</Link>
            {lead && r.origin === 'conducted' && r.status === 'open' ? <Button variant="danger" onClick={() => setClosing(true)}>{t('closeRound')}</Button> : null}
          </>
        }
      />
      <div className="stack">
        {flash ? <Alert kind="success"><span data-testid="flash">{flash}</span></Alert> : null}
        {r.origin === 'published' ? <Alert kind="info">{t('publishedRoundNote')}</Alert> : null}
        {progress.loading && !p && r.origin === 'conducted' ? <Loading /> : null}
        <ErrorSummary error={progress.error} />
        {p && p.counts ? (
          <>
            <div className="tiles tiles--3">
              <div className="tile"><span className="tile__n">{p.counts.expected}</span><span className="tile__label">{t('expectedCount')}</span></div>
              <div className="tile tile--ok"><span className="tile__n" data-testid="count-submitted">{p.counts.submitted}</span><span className="tile__label">{t('submittedCount')}</span></div>
              <div className="tile tile--minor"><span className="tile__n" data-testid="count-not-submitted">{p.counts.notSubmitted}</span><span className="tile__label">{t('notSubmittedCount')}</span></div>
            </div>
            {p.notSubmitted.length ? (
              <Alert kind="warning" title={t('notSubmittedList', { n: p.notSubmitted.length })}>
                <ul className="inline-list" data-testid="not-submitted">
                  {p.notSubmitted.map((o) => (
                    <li key={o.id}>
                      {orgName(o, lang)} <ResponseStatusBadge status={o.status} />
                      {o.overdue ? <> <Badge tone="red">{t('overdueBadge')}</Badge></> : null}
                    </li>
                  ))}
                </ul>
              </Alert>
            ) : <Alert kind="success">{t('allSubmitted')}</Alert>}
            <Section title={t('responsesTitle')}>
              <table className="table" data-testid="respondents">
                <thead>
                  <tr>
                    <th scope="col">{t('respondent')}</th>
                    <th scope="col">{t('status')}</th>
                    <th scope="col">{t('answersTab')}</th>
                    <th scope="col">{t('submittedAt')}</th>
                    <th scope="col">{t('result')}</th>
                    <th scope="col"><span className="sr-only">{t('transitions')}</span></th>
                  </tr>
                </thead>
                <tbody>
                  {p.respondents.map((x) => (
                    <tr key={x.organisation.id} data-respondent={x.organisation.key}>
                      <td>{orgName(x.organisation, lang)}</td>
                      <td>
                        <ResponseStatusBadge status={x.status} />
                        {x.reopenCount ? <div className="small muted">{t('reopenedTimes', { n: x.reopenCount })}</div> : null}
                        {x.reopenReason ? <div className="small returned-why">{t('returnedWhy')}: {x.reopenReason}</div> : null}
                      </td>
                      <td className="nowrap">
                        <span className="progress-inline">
                          <span className="minibar"><span className="minibar__fill" style={{ width: `${x.items ? (100 * x.answered) / x.items : 0}%` }} /></span>
                          {t('answeredOf', { a: x.answered, t: x.items })}
                        </span>
                      </td>
                      <td className="nowrap">
                        {formatDateTime(x.submittedAt, lang)}
                        {x.late ? <> <Badge tone="amber">{t('lateBadge')}</Badge></> : null}
                        {x.overdue ? <> <Badge tone="red">{t('overdueBadge')}</Badge></> : null}
                      </td>
                      <td className="nowrap">
                        {x.result ? (
                          <>
                            <strong>{ratePercent(x.result.rate)}</strong>{' '}
                            {x.result.allMet ? <Badge tone="green">{t('allMetBadge')}</Badge> : <Badge tone="red">{t('notMetN', { n: x.result.notMet })}</Badge>}
                          </>
                        ) : '—'}
                      </td>
                      <td className="nowrap">
                        <div className="btnrow btnrow--tight">
                          {x.status !== 'not_started' ? <Link to={`/surveys/${r.id}/responses/${x.organisation.id}`}>{t('viewResult')}</Link> : null}
                          {lead && r.status === 'open' && x.status === 'submitted' ? (
                            <Button variant="ghost" onClick={() => { setFlash(null); setReopening(x); }} data-reopen={x.organisation.key}>{t('reopen')}</Button>
                          ) : null}
                        </div>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Section>
          </>
        ) : null}
      </div>
      <ReopenDialog
        roundId={r.id}
        respondent={reopening}
        onClose={() => setReopening(null)}
        onDone={async (name) => {
          setReopening(null);
          setFlash(t('reopenedDone', { name }));
          await reload();
        }}
      />
      <CloseRoundDialog
        round={r}
        open={closing}
        onClose={() => setClosing(false)}
        onDone={async () => {
          setClosing(false);
          setFlash(t('roundClosed'));
          await reload();
        }}
      />
    </div>
  );
}

function ReopenDialog({ roundId, respondent, onClose, onDone }: {
  roundId: number; respondent: SurveyRespondentRow | null; onClose(): void; onDone(name: string): Promise<void>;
}) {
  const { t, lang } = useI18n();
  if (!respondent) return null;
  const name = orgName(respondent.organisation, lang);
  return (
    <ReasonDialog
      key={respondent.organisation.id}
      title={t('reopenTitle', { name })}
      label={t('reopenReason')}
      hint={t('reopenHint')}
      confirm={t('reopen')}
      testId="reopen"
      onClose={onClose}
      send={async (reason) => {
        await api.post(`/api/surveys/rounds/${roundId}/responses/${respondent.organisation.id}/reopen`, { reason });
        await onDone(name);
      }}
    />
  );
}

function CloseRoundDialog({ round, open, onClose, onDone }: { round: SurveyRound; open: boolean; onClose(): void; onDone(): Promise<void> }) {
  const { t, lang } = useI18n();
  const { error, busy, submit } = useSubmission<'close'>(lang);
  return (
    <Dialog
      open={open}
      title={t('closeRound')}
      onClose={onClose}
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>{t('cancel')}</Button>
          <Button
            variant="danger"
            busy={busy !== null}
            onClick={() =>
              void submit('close', null, async () => {
                await api.post(`/api/surveys/rounds/${round.id}/close`);
                await onDone();
              })
            }
          >
            {t('closeRound')}
          </Button>
        </>
      }
    >
      <ErrorSummary error={error} />
      <p>{t('closeRoundConfirm')}</p>
    </Dialog>
  );
}

/** One respondent's answers and result, for the audit body. */
export function ResponseResultPage({ roundId, organisationId }: { roundId: number; organisationId: number }) {
  const { t, L, lang } = useI18n();
  const { me } = useSession();
  const round = useAsync(() => api.get<SurveyRound>(`/api/surveys/rounds/${roundId}`), [roundId]);
  const response = useAsync(() => api.get<SurveyResponseView>(`/api/surveys/rounds/${roundId}/responses/${organisationId}`), [roundId, organisationId]);
  const [reopening, setReopening] = useState(false);
  const [flash, setFlash] = useState<string | null>(null);
  const v = response.data;
  if (response.loading && !v) return <Loading />;
  if (!v) return <ErrorSummary error={response.error} />;
  const name = orgName(v.organisation, lang);
  return (
    <div>
      <PageHeader
        crumbs={[{ to: '/surveys', label: t('surveysTitle') }, { to: `/surveys/${roundId}`, label: round.data ? roundTitle(round.data, lang) : t('roundLabel') }]}
        title={<>{name} <ResponseStatusBadge status={v.status} /></>}
        subtitle={`${t('fyN', { y: v.fiscalYear })}・${L(v.catalog.title)}（${v.catalog.version}）`}
        actions={
          <>
            <DownloadButton url={`/api/surveys/rounds/${roundId}/responses/${organisationId}/questionnaire.xlsx`} testId="filled-xlsx">{t('filledQuestionnaire')}</DownloadButton>
            {isLead(me) && v.allowed.reopen ? <Button variant="danger" onClick={() => setReopening(true)}>{t('reopen')}</Button> : null}
          </>
        }
      />
      <div className="stack">
        {flash ? <Alert kind="success">{flash}</Alert> : null}
        <Facts
          rows={[
            [t('answersTab'), t('answeredOf', { a: v.progress.answered, t: v.progress.items })],
            [t('submittedAt'), <>{formatDateTime(v.submittedAt, lang)}{v.late ? <> <Badge tone="amber">{t('lateBadge')}</Badge></> : null}</>],
            [t('version'), String(v.version)],
            ...(v.reopen ? [[t('returnedWhy'), `${v.reopen.reason ?? ''}（${t('reopenedTimes', { n: v.reopen.count })}）`] as [string, string]] : []),
          ]}
        />
        <ResultView roundId={roundId} organisationId={organisationId} items={v.items} />
        <Section title={t('answersTab')}>
          <AnswersTable items={v.items} catalog={v.catalog} />
        </Section>
      </div>
      {reopening ? (
        <ReopenDialog
          roundId={roundId}
          respondent={{
            organisation: v.organisation, status: v.status, statusLabel: v.statusLabel, answered: v.progress.answered, items: v.progress.items, submittedAt: v.submittedAt,
            late: v.late, overdue: false, reopenCount: v.reopen?.count ?? 0, reopenReason: null, result: null,
          }}
          onClose={() => setReopening(false)}
          onDone={async (n) => {
            setReopening(false);
            setFlash(t('reopenedDone', { name: n }));
            await response.reload();
          }}
        />
      ) : null}
    </div>
  );
}

/** The answers, read-only: control category and zone for the baseline, the group for the data-user measures. */
export function AnswersTable({ items, catalog }: { items: SurveyResponseView['items']; catalog: { code: string; version: string } }) {
  const { t, L, lang } = useI18n();
  const hasCategory = items.some((i) => i.category);
  const hasZone = items.some((i) => i.zone !== null);
  const groups = useAsync(async () => (hasCategory ? null : (await cachedCatalog<CatalogDetail>(catalog.code, catalog.version)).groups.map((g) => ({ code: g.code, ja: g.ja, en: g.en }))), [catalog.code, catalog.version, hasCategory]);
  return (
    <table className="table table--compact" data-testid="answers-table">
      <thead>
        <tr>
          <th scope="col" className="col-no">No</th>
          <th scope="col" className={hasCategory ? 'col-zone' : 'col-group'}>{hasCategory ? t('category') : t('groupCol')}</th>
          {hasZone ? <th scope="col" className="col-zone">{t('zone')}</th> : null}
          <th scope="col">{t('item')}</th>
          <th scope="col" className="col-concl">{t('answersTab')}</th>
          <th scope="col" className="col-comment">{t('comment')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((i) => (
          <tr key={i.no} data-item={i.no}>
            <td className="col-no">{i.no}</td>
            {hasCategory ? (
              <td className="col-zone" title={i.category && CATEGORY_KEYS[i.category] ? t(CATEGORY_KEYS[i.category]) : undefined}>{i.category ?? '—'}</td>
            ) : (
              <td className="small">{i.group ? groupTitle(i.group, groups.data ?? undefined, t, lang) : '—'}{i.mandatory ? <span className="tag tag--req">＊</span> : null}</td>
            )}
            {hasZone ? <td className="col-zone">{i.zone ?? '—'}</td> : null}
            <td>{lang === 'en' && i.textEn ? i.textEn : i.text}</td>
            <td className="nowrap">{i.answer ? <span className={`answer answer--${i.answer}`}>{L(SURVEY_ANSWER_LABELS[i.answer])}</span> : <span className="muted">—</span>}</td>
            <td className="pre small">{i.comment ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
