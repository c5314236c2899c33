/**
 * 自己点検 for a registry or data user: every item answered met / not met / not applicable with a
 * comment (not applicable needs one), drafts saved as often as wanted, the submission by the
 * auditee manager; the questionnaire as .xlsx out and back in (every wrong cell named); the result
 * by control category and defence zone.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  checkSubmissionComplete, MAX_SURVEY_COMMENT_LENGTH, SURVEY_ANSWER_LABELS, SURVEY_ANSWERS, type SurveyAnswer, type SurveyCategory,
  type SurveyZone,
} from '../../../src/audit/survey';
import type { Violation } from '../../../src/audit/violation';
import { api, ApiError, uploadFile } from '../api';
import { cachedCatalog, CATEGORY_KEYS, groupOf, groupTitle, ZONE_KEYS } from '../catalog';
import { formatDate, formatDateTime } from '../format';
import { useAsync, useUnsavedChangesGuard } from '../hooks';
import { useI18n, type Lang } from '../i18n';
import { Link, navigate } from '../router';
import { useSession } from '../session';
import type { CatalogDetail, SurveyResponseItem, SurveyResponseView, SurveyRound } from '../types';
import {
  Alert, Button, Dialog, DownloadButton, ErrorSummary, Field, Loading, PageHeader, ProgressBar, RadioGroup, Section, Tabs, TextAreaField,
} from '../ui/components';
import { fieldErrorsOf, type FieldErrors } from '../validation';
import { roundTitle } from './surveys';
import { ResponseStatusBadge, ResultView } from './survey-results';

const MAX_XLSX_BYTES = 2 * 1024 * 1024;

export function SelfAssessmentPage({ roundId, tab }: { roundId: number | null; tab: 'answers' | 'results' }) {
  const { t, L, lang } = useI18n();
  const { me } = useSession();
  const rounds = useAsync(() => api.get<SurveyRound[]>('/api/surveys/rounds'), []);
  const conducted = (rounds.data ?? []).filter((r) => r.origin === 'conducted').sort((a, b) => b.fiscalYear - a.fiscalYear);
  const chosen = roundId ?? (conducted.find((r) => r.status === 'open') ?? conducted[0])?.id ?? null;
  const round = conducted.find((r) => r.id === chosen);
  return (
    <div>
      <PageHeader
        title={t('selfTitle')}
        subtitle={t('selfIntro')}
        actions={
          <>
            {conducted.length ? (
              <label className="inline-field">
                <span>{t('roundLabel')}</span>
                <select className="input select" value={chosen ?? ''} onChange={(e) => navigate(`/self-assessment/${e.target.value}`)} data-testid="round-select">
                  {conducted.map((r) => <option key={r.id} value={r.id}>{roundTitle(r, lang)}{lang === 'ja' ? `（${L(r.statusLabel)}）` : ` (${L(r.statusLabel)})`}</option>)}
                </select>
              </label>
            ) : null}
            {me.organisationKind === 'registry' ? <Link to="/public/surveys" className="btn btn--secondary">{t('seePublicNational')}</Link> : null}
          </>
        }
      />
      {rounds.loading && !rounds.data ? <Loading /> : null}
      <ErrorSummary error={rounds.error} />
      {rounds.data && !round ? <p className="empty">{t('noSurveyToAnswer')}</p> : null}
      {round ? (
        <>
          <Tabs
            current={tab}
            items={[
              { key: 'answers', to: `/self-assessment/${round.id}`, label: t('answersTab') },
              { key: 'results', to: `/self-assessment/${round.id}/results`, label: t('resultsTab') },
            ]}
          />
          <ResponsePanel key={round.id} round={round} organisationId={me.organisationId} tab={tab} />
        </>
      ) : null}
    </div>
  );
}

interface Draft {
  answer: SurveyAnswer | null;
  comment: string;
}

const draftOf = (i: SurveyResponseItem): Draft => ({ answer: i.answer, comment: i.comment ?? '' });
const sameDraft = (a: Draft, i: SurveyResponseItem) => a.answer === i.answer && a.comment.trim() === (i.comment ?? '').trim();

/** The violations of the survey rules (client check or server answer) at each item's fields. */
function itemErrors(violations: readonly Pick<Violation, 'code' | 'ja' | 'en' | 'details'>[], lang: Lang): FieldErrors {
  const out: FieldErrors = {};
  for (const v of violations) {
    const no = (v.details as { itemNo?: unknown } | undefined)?.itemNo;
    if (typeof no !== 'number') continue;
    const field = /NOT_APPLICABLE_REASON|COMMENT/.test(v.code) ? `item.${no}.comment` : `item.${no}.answer`;
    (out[field] ??= []).push(lang === 'ja' ? v.ja : v.en);
  }
  return out;
}

function ResponsePanel({ round, organisationId, tab }: { round: SurveyRound; organisationId: number; tab: 'answers' | 'results' }) {
  const { t, L, lang } = useI18n();
  const loaded = useAsync(() => api.get<SurveyResponseView>(`/api/surveys/rounds/${round.id}/responses/${organisationId}`), [round.id, organisationId]);
  const catalog = useAsync(async () => (loaded.data ? cachedCatalog<CatalogDetail>(loaded.data.catalog.code, loaded.data.catalog.version) : null), [loaded.data?.catalog.code, loaded.data?.catalog.version]);
  const [edits, setEdits] = useState<Record<number, Draft>>({});
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problems, setProblems] = useState<{ no: number; text: string }[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [confirm, setConfirm] = useState(false);
  const [message, setMessage] = useState<{ kind: 'success' | 'info'; text: string } | null>(null);
  const [saveMessage, setSaveMessage] = useState<{ kind: 'success' | 'warning'; text: string } | null>(null);
  const problemsRef = useRef<HTMLDivElement>(null);
  const [problemsShown, setProblemsShown] = useState(0);
  const [onlyOpen, setOnlyOpen] = useState(false);
  const view = loaded.data;

  const items = useMemo(() => view?.items ?? [], [view]);
  const current = useCallback((i: SurveyResponseItem): Draft => edits[i.no] ?? draftOf(i), [edits]);
  const changed = items.filter((i) => edits[i.no] && !sameDraft(edits[i.no], i));
  const dirty = changed.length > 0;
  const editable = !!view?.allowed.edit;

  useUnsavedChangesGuard(dirty);

  // A refused submission: bring the list of what to fix into view (the button is in the sticky bar, far below).
  useEffect(() => {
    if (!problemsShown) return;
    problemsRef.current?.scrollIntoView({ block: 'start' });
    problemsRef.current?.focus();
  }, [problemsShown]);

  if (loaded.loading && !view) return <Loading />;
  if (!view) return <ErrorSummary error={loaded.error} />;

  const setItem = (no: number, next: Partial<Draft>) => {
    const item = items.find((i) => i.no === no)!;
    setEdits((e) => ({ ...e, [no]: { ...(e[no] ?? draftOf(item)), ...next } }));
    setErrors((e) => {
      const out = { ...e };
      delete out[`item.${no}.answer`];
      delete out[`item.${no}.comment`];
      return out;
    });
    setProblems((p) => p.filter((x) => x.no !== no));
    setMessage(null);
    setSaveMessage(null);
  };

  const showProblems = (violations: readonly Pick<Violation, 'code' | 'ja' | 'en' | 'details'>[]) => {
    setErrors(itemErrors(violations, lang));
    setProblems(violations.flatMap((v) => {
      const no = (v.details as { itemNo?: unknown } | undefined)?.itemNo;
      return typeof no === 'number' ? [{ no, text: lang === 'ja' ? v.ja : v.en }] : [];
    }));
    setProblemsShown((n) => n + 1);
  };

  /** Saves the changed items as the draft; returns the saved view (or the current one when nothing changed). */
  const save = async (): Promise<SurveyResponseView | null> => {
    if (!dirty) return view;
    const saved = await api.put<SurveyResponseView>(`/api/surveys/rounds/${round.id}/responses/${organisationId}/answers`, {
      version: view.version,
      answers: changed.map((i) => {
        const d = edits[i.no];
        return { itemNo: i.no, answer: d.answer, comment: d.comment.trim() ? d.comment.trim() : null };
      }),
    });
    loaded.set(saved);
    setEdits({});
    return saved;
  };

  const saveDraft = async () => {
    setError(null);
    setMessage(null);
    setSaveMessage(null);
    setProblems([]);
    if (!dirty) {
      setSaveMessage({ kind: 'warning', text: t('noChanges') });
      return;
    }
    setSaving(true);
    try {
      const saved = await save();
      setErrors({});
      setSaveMessage({ kind: 'success', text: `${t('draftSaved')}（${t('version')} ${saved?.version ?? ''}）` });
    } catch (e) {
      const fe = e instanceof ApiError ? itemErrors(e.violations, lang) : {};
      setErrors({ ...fieldErrorsOf(e, lang), ...fe });
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  const answersNow = new Map(items.map((i) => {
    const d = current(i);
    return [i.no, { answer: d.answer, comment: d.comment.trim() ? d.comment : null }] as const;
  }));
  const answered = items.filter((i) => current(i).answer !== null).length;

  const askSubmit = () => {
    setError(null);
    setMessage(null);
    setSaveMessage(null);
    const facts = items.map((i) => ({
      no: i.no, category: (i.category as SurveyCategory | null) ?? null, zone: (i.zone as SurveyZone | null) ?? null, group: i.group, mandatory: i.mandatory,
    }));
    // The server's own rule for a complete response (the `*` rule for identifiable data is left to the server).
    const violations = checkSubmissionComplete(facts, answersNow, { kind: round.audience, dataKind: null });
    if (violations.length) {
      showProblems(violations);
      return;
    }
    setErrors({});
    setProblems([]);
    setConfirm(true);
  };

  const submit = async () => {
    setSubmitting(true);
    setError(null);
    try {
      await save();
      const submitted = await api.post<SurveyResponseView>(`/api/surveys/rounds/${round.id}/responses/${organisationId}/submit`);
      loaded.set(submitted);
      setConfirm(false);
      setMessage({ kind: 'success', text: t('responseSubmitted') });
      window.scrollTo(0, 0);
    } catch (e) {
      setConfirm(false);
      if (e instanceof ApiError && e.violations.some((v) => typeof v.details?.itemNo === 'number')) showProblems(e.violations);
      setError(e);
    } finally {
      setSubmitting(false);
    }
  };

  const reloadLatest = async () => {
    setEdits({});
    setErrors({});
    setProblems([]);
    setError(null);
    await loaded.reload();
  };

  const focusItem = (no: number) => {
    const node = document.getElementById(`sa-item-${no}`);
    node?.scrollIntoView({ block: 'center' });
    node?.querySelector<HTMLElement>('input:checked, input, textarea')?.focus();
  };

  const conflict = error instanceof ApiError && error.status === 409 && error.violations.some((v) => v.code === 'SURVEY_RESPONSE_VERSION_CONFLICT');
  const needsComment = (i: SurveyResponseItem) => {
    const d = current(i);
    return d.answer === 'not_applicable' && !d.comment.trim();
  };
  const groups = new Map<string, SurveyResponseItem[]>();
  for (const i of items) {
    const g = groupOf(i);
    groups.set(g, [...(groups.get(g) ?? []), i]);
  }
  const catalogGroups = catalog.data?.groups.map((g) => ({ code: g.code, ja: g.ja ?? (typeof g.title === 'object' ? g.title?.ja : g.title), en: g.en ?? (typeof g.title === 'object' ? g.title?.en : undefined) }));
  const visible = (i: SurveyResponseItem) => !onlyOpen || current(i).answer === null || needsComment(i) || !!errors[`item.${i.no}.answer`] || !!errors[`item.${i.no}.comment`];

  return (
    <div className="stack" data-testid="self-assessment" data-status={view.status}>
      <div className="sa-status card">
        <div className="card__body sa-status__body">
          <div>
            <div className="sa-status__title">{roundTitle(round, lang)} <ResponseStatusBadge status={view.status} /></div>
            <div className="small muted">
              {L(view.catalog.title)}（{view.catalog.version}）・{t('dueOn')} {formatDate(view.dueOn, lang)}・{t('version')} {view.version}
              {view.submittedAt ? `・${t('submittedAt')} ${formatDateTime(view.submittedAt, lang)}` : ''}
            </div>
          </div>
          <div className="sa-status__progress">
            <ProgressBar label={t('answeredProgress', { a: answered, t: items.length })} value={answered} max={items.length} />
          </div>
        </div>
      </div>
      {message ? <Alert kind={message.kind}><span data-testid="sa-message">{message.text}</span></Alert> : null}
      {view.status === 'reopened' && view.reopen ? (
        <Alert kind="warning" title={t('reopenedNotice')}>
          <span data-testid="reopen-reason">{t('returnedWhy')}: {view.reopen.reason}</span>
        </Alert>
      ) : null}
      {view.status === 'submitted' && view.roundStatus === 'open' ? <Alert kind="info">{t('readOnlySubmitted')}</Alert> : null}
      {view.roundStatus === 'closed' ? <Alert kind="info">{t('readOnlyClosed')}</Alert> : null}

      {tab === 'results' ? (
        <ResultView roundId={round.id} organisationId={organisationId} items={view.items} />
      ) : (
        <>
          <ExcelSection round={round} organisationId={organisationId} editable={editable} dirty={dirty} onImported={(v) => { loaded.set(v); setEdits({}); setErrors({}); setProblems([]); }} />
          <ErrorSummary error={error} fields={Object.keys(errors)} />
          {conflict ? <div className="btnrow"><Button variant="secondary" onClick={() => void reloadLatest()}>{t('reloadLatest')}</Button></div> : null}
          {problems.length ? (
            <div ref={problemsRef} tabIndex={-1} className="focus-target">
              <Alert kind="error" title={t('itemsNeedAttention', { n: new Set(problems.map((p) => p.no)).size })}>
                <ul className="problem-list" data-testid="sa-problems">
                  {problems.map((p, i) => (
                    <li key={i}><button type="button" className="linkbtn" onClick={() => focusItem(p.no)}>{p.text}</button></li>
                  ))}
                </ul>
              </Alert>
            </div>
          ) : null}
          {editable ? (
            <label className="checkline small">
              <input type="checkbox" checked={onlyOpen} onChange={(e) => setOnlyOpen(e.target.checked)} />
              {t('unansweredOnly')}
            </label>
          ) : null}
          {[...groups.entries()].map(([code, list]) => {
            const shown = list.filter(visible);
            if (shown.length === 0) return null;
            const done = list.filter((i) => current(i).answer !== null).length;
            return (
              <Section key={code} title={<>{groupTitle(code, catalogGroups, t, lang)} <span className="small muted">{t('answeredOf', { a: done, t: list.length })}</span></>} className="sa-group">
                {shown.map((i) => {
                  const d = current(i);
                  const live: FieldErrors = needsComment(i) && !errors[`item.${i.no}.comment`] ? { [`item.${i.no}.comment`]: [t('naReasonRequired')] } : {};
                  const errs = { ...errors, ...live };
                  return (
                    <div key={i.no} id={`sa-item-${i.no}`} className={`sa-item${edits[i.no] && !sameDraft(edits[i.no], i) ? ' sa-item--changed' : ''}`} data-item={i.no} data-answer={d.answer ?? ''}>
                      <div className="sa-item__no">{i.no}</div>
                      <div className="sa-item__text">
                        <div className="sa-item__tags">
                          {i.category ? <span className="tag" title={CATEGORY_KEYS[i.category] ? t(CATEGORY_KEYS[i.category]) : undefined}>{t('category')} {i.category}</span> : null}
                          {i.zone !== null ? <span className="tag" title={ZONE_KEYS[i.zone] ? t(ZONE_KEYS[i.zone]) : undefined}>{t('zoneN', { n: i.zone })}</span> : null}
                          {i.mandatory ? <span className="tag tag--req">{t('mandatoryMark')}</span> : null}
                        </div>
                        <p>{lang === 'en' && i.textEn ? i.textEn : i.text}</p>
                      </div>
                      <RadioGroup<SurveyAnswer>
                        legend={<span className="sr-only">{t('itemAnswer', { n: i.no })}</span>}
                        name={`item.${i.no}.answer`}
                        value={d.answer}
                        disabled={!editable}
                        errors={errs}
                        className="radios--row sa-item__answer"
                        onChange={(answer) => setItem(i.no, { answer })}
                        options={SURVEY_ANSWERS.map((a) => ({ value: a, label: <span className={`answer answer--${a}`}>{L(SURVEY_ANSWER_LABELS[a])}</span> }))}
                      />
                      <TextAreaField
                        label={<><span className="sr-only">{t('itemN', { n: i.no })} </span>{t('comment')}</>}
                        name={`item.${i.no}.comment`}
                        className="sa-item__comment"
                        rows={2}
                        maxLength={MAX_SURVEY_COMMENT_LENGTH}
                        required={d.answer === 'not_applicable'}
                        value={d.comment}
                        disabled={!editable}
                        errors={errs}
                        onChange={(e) => setItem(i.no, { comment: e.target.value })}
                      />
                    </div>
                  );
                })}
              </Section>
            );
          })}
          {editable ? (
            <div className="form__actions form__actions--sticky sa-actions" data-testid="sa-actions">
              <span className="progress-inline">
                <span className="minibar"><span className="minibar__fill" style={{ width: `${items.length ? (100 * answered) / items.length : 0}%` }} /></span>
                {t('answeredProgress', { a: answered, t: items.length })}
              </span>
              {dirty ? <span className="dirty">{t('unsavedChanges')}（{changed.length}）</span> : null}
              {saveMessage && !dirty ? <span className={`savemsg savemsg--${saveMessage.kind}`} role="status" data-testid="save-message">{saveMessage.text}</span> : null}
              <span className="sa-actions__spacer" />
              <Button variant="secondary" busy={saving} disabled={submitting} onClick={() => void saveDraft()}>{t('saveDraft')}</Button>
              {view.allowed.submit ? (
                <Button busy={submitting} disabled={saving} onClick={askSubmit}>{t('submitResponse')}</Button>
              ) : <span className="small muted">{t('submitManagerOnly')}</span>}
            </div>
          ) : null}
        </>
      )}
      <Dialog
        open={confirm}
        title={t('submitResponseTitle')}
        onClose={() => setConfirm(false)}
        footer={
          <>
            <Button variant="secondary" onClick={() => setConfirm(false)}>{t('cancel')}</Button>
            <Button busy={submitting} onClick={() => void submit()} data-testid="submit-confirm">{t('submitResponse')}</Button>
          </>
        }
      >
        <p>{t('submitConfirm')}</p>
        <p className="small muted">{t('answeredProgress', { a: answered, t: items.length })}</p>
      </Dialog>
    </div>
  );
}

interface CellProblem {
  code: string;
  ja: string;
  en: string;
  field?: string;
  details?: { sheet?: string; row?: number | null; column?: string | null; itemNo?: number };
}

/** Blank and filled questionnaires out; a filled one back in, with the server's cell-by-cell verdict. */
function ExcelSection({ round, organisationId, editable, dirty, onImported }: {
  round: SurveyRound; organisationId: number; editable: boolean; dirty: boolean; onImported(view: SurveyResponseView): void;
}) {
  const { t, L, lang } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [inputKey, setInputKey] = useState(0);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [cells, setCells] = useState<CellProblem[] | null>(null);
  const [progress, setProgress] = useState<{ loaded: number; total: number } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const base = `/api/surveys/rounds/${round.id}/responses/${organisationId}/questionnaire.xlsx`;
  const send = async () => {
    setDone(null);
    setCells(null);
    const problem = dirty ? t('importSaveFirst') : !file ? t('fieldChoose') : !/\.xlsx$/i.test(file.name) ? t('xlsxOnly') : file.size > MAX_XLSX_BYTES ? t('xlsxTooLarge') : null;
    if (problem) {
      setErrors({ questionnaire: [problem] });
      return;
    }
    setErrors({});
    setProgress({ loaded: 0, total: file!.size });
    try {
      const result = await uploadFile<{ imported: number; changed: number; response: SurveyResponseView }>(base, file!, (loaded, total) => setProgress({ loaded, total }));
      setDone(t('importedDone', { n: result.changed }));
      setFile(null);
      setInputKey((k) => k + 1);
      onImported(result.response);
    } catch (e) {
      if (e instanceof ApiError && e.violations.some((v) => v.details && 'sheet' in v.details)) {
        setCells(e.violations as CellProblem[]);
      } else {
        const fe = fieldErrorsOf(e, lang);
        setErrors({ questionnaire: fe.file ?? [e instanceof ApiError ? L(e.bilingual) : t('networkError')] });
      }
    } finally {
      setProgress(null);
    }
  };
  const where = (c: CellProblem) => {
    const text = lang === 'ja' ? c.ja : c.en;
    const cut = text.indexOf(': ');
    return cut > 0 ? text.slice(cut + 2) : text;
  };
  return (
    <Section title={t('excelTitle')} className="sa-excel">
      <p className="hint">{t('excelHint')}</p>
      <div className="sa-excel__row">
        <div className="sa-excel__downloads">
          <DownloadButton url={`/api/surveys/rounds/${round.id}/questionnaire.xlsx`} testId="blank-xlsx">{t('blankQuestionnaire')}</DownloadButton>
          <DownloadButton url={base} testId="filled-xlsx">{t('filledQuestionnaire')}</DownloadButton>
        </div>
        {editable ? (
          <div className="sa-excel__import" data-testid="import">
            <Field label={t('importFile')} name="questionnaire" errors={errors}>
              {(p) => (
                <span className="filepick">
                  <input
                    key={inputKey}
                    type="file"
                    accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                    className="filepick__input"
                    {...p}
                    onChange={(e) => {
                      setFile(e.target.files?.[0] ?? null);
                      setErrors({});
                    }}
                  />
                  <span className="btn btn--secondary filepick__button" aria-hidden="true">{t('chooseFile')}</span>
                  <span className="filepick__name" aria-hidden="true">{file ? file.name : t('noFileChosen')}</span>
                </span>
              )}
            </Field>
            <Button busy={!!progress} onClick={() => void send()}>{t('importQuestionnaire')}</Button>
          </div>
        ) : null}
      </div>
      {progress ? <ProgressBar label={t('importing')} value={progress.loaded} max={progress.total} /> : null}
      {done ? <Alert kind="success"><span data-testid="import-done">{done}</span></Alert> : null}
      {cells ? (
        <div className="alert alert--error" role="alert" data-testid="import-errors">
          <div className="alert__title">{t('importRejected')}</div>
          <table className="table table--compact cell-errors">
            <thead>
              <tr>
                <th scope="col">{t('sheet')}</th>
                <th scope="col">{t('row')}</th>
                <th scope="col">{t('column')}</th>
                <th scope="col">{t('content')}</th>
              </tr>
            </thead>
            <tbody>
              {cells.map((c, i) => (
                <tr key={i} data-cell={`${c.details?.column ?? ''}${c.details?.row ?? ''}`}>
                  <td>{c.details?.sheet ?? ''}</td>
                  <td className="num">{c.details?.row ?? '—'}</td>
                  <td>{c.details?.column ?? '—'}</td>
                  <td>{where(c)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </Section>
  );
}
