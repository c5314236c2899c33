/**
 * 監査調書の記入: procedures (inquiry, inspection, observation, re-performance) with what was
 * done and seen, evidence, the conclusion, preparer and reviewer sign-off, review notes and the
 * findings raised from it. Works offline: saves go to the outbox and are synchronised later;
 * a conflicting save is shown side by side with the server's version to choose or merge.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { sameWorkpaperContent } from '../../../src/audit/workpaper';
import {
  CONCLUSION_LABELS, CONCLUSIONS, PROCEDURE_LABELS, PROCEDURES, SEVERITIES, SEVERITY_DEFINITIONS, SEVERITY_LABELS, type Conclusion, type Procedure,
  type Severity,
} from '../../../src/audit/vocabulary';
import { api, ApiError } from '../api';
import { CATEGORY_KEYS, ZONE_KEYS } from '../catalog';
import { formatDateTime, today } from '../format';
import { useAsync, useSubmission, useUnsavedChangesGuard } from '../hooks';
import { useI18n } from '../i18n';
import { getOutboxEntry, type OutboxEntry } from '../offline/db';
import { loadDocuments, loadFindings, loadWorkpaper, loadWorkpapers } from '../offline/offline-audit';
import { discard, resolveConflict, retry, saveWorkpaper, useSyncState } from '../offline/sync';
import { Link } from '../router';
import type { AuditDetail, Finding, ProcedureEntry, Workpaper, WorkpaperContent } from '../types';
import {
  Alert, Badge, Button, ConclusionBadge, Empty, ErrorSummary, Loading, RadioGroup, Section, SelectField, SeverityBadge, TextAreaField,
  TextField,
} from '../ui/components';
import { Checker, fieldErrorsOf, type FieldErrors } from '../validation';
import { may } from './audit-detail';
import { FindingBody } from './findings';

export function contentOf(wp: WorkpaperContent): WorkpaperContent {
  return {
    procedures: wp.procedures.map((p) => ({ procedure: p.procedure, performedOn: p.performedOn ?? null, description: p.description, observation: p.observation })),
    evidenceRefs: [...wp.evidenceRefs],
    conclusion: wp.conclusion,
    notTestedReason: wp.notTestedReason ?? null,
  };
}

/** Both sides' procedures and evidence, the local conclusion where one was chosen. */
export function mergeContents(mine: WorkpaperContent, theirs: WorkpaperContent): WorkpaperContent {
  const key = (p: ProcedureEntry) => JSON.stringify([p.procedure, p.performedOn ?? null, p.description.trim(), p.observation.trim()]);
  const seen = new Set(theirs.procedures.map(key));
  return {
    procedures: [...theirs.procedures, ...mine.procedures.filter((p) => !seen.has(key(p)))],
    evidenceRefs: [...new Set([...theirs.evidenceRefs, ...mine.evidenceRefs])],
    conclusion: mine.conclusion ?? theirs.conclusion,
    notTestedReason: mine.conclusion ? mine.notTestedReason : theirs.notTestedReason,
  };
}

function useOutboxEntry(workpaperId: number): OutboxEntry | null | undefined {
  const sync = useSyncState();
  const [entry, setEntry] = useState<OutboxEntry | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void getOutboxEntry(workpaperId).then((e) => live && setEntry(e ?? null), () => live && setEntry(null));
    return () => {
      live = false;
    };
  }, [workpaperId, sync.revision]);
  return entry;
}

export function WorkpaperEditor({ audit, workpaperId }: { audit: AuditDetail; workpaperId: number }) {
  const { t, lang } = useI18n();
  const loaded = useAsync(() => loadWorkpaper(audit.id, workpaperId), [audit.id, workpaperId]);
  const entry = useOutboxEntry(workpaperId);
  const list = useAsync(() => loadWorkpapers(audit.id), [audit.id]);
  const sync = useSyncState();
  const [flash, setFlash] = useState<string | null>(null);

  // When a background sync clears this workpaper's outbox entry, fetch the saved version.
  const [hadEntry, setHadEntry] = useState(false);
  useEffect(() => {
    if (entry) setHadEntry(true);
    if (entry === null && hadEntry) {
      setHadEntry(false);
      void loaded.reload();
    }
  }, [entry, hadEntry, loaded]);

  const siblings = useMemo(() => (list.data ?? []).filter((w) => w.inScope !== false), [list.data]);
  const index = siblings.findIndex((w) => w.id === workpaperId);
  const prev = index > 0 ? siblings[index - 1] : null;
  const next = index >= 0 && index < siblings.length - 1 ? siblings[index + 1] : null;

  if ((loaded.loading && !loaded.data) || entry === undefined) return <Loading />;
  if (!loaded.data) return <ErrorSummary error={loaded.error} />;
  const wp = loaded.data;
  const item = wp.item;
  return (
    <div className="wpeditor" data-workpaper={wp.itemNo}>
      <div className="wpeditor__head">
        <div>
          <div className="wpeditor__no">
            {t('workpaperTitle', { no: wp.itemNo })}
            {item?.category ? <Badge tone="blue">{t(CATEGORY_KEYS[item.category] ?? 'category')}</Badge> : null}
            {item?.zone !== null && item?.zone !== undefined ? <Badge tone="grey">{t(ZONE_KEYS[item.zone] ?? 'zone')}</Badge> : null}
          </div>
          <h2 className="wpeditor__criterion">{lang === 'en' && item?.textEn ? item.textEn : item?.text}</h2>
        </div>
        <nav className="wpeditor__nav" aria-label={t('workpapers')}>
          {prev ? <Link to={`/audits/${audit.id}/workpapers/${prev.id}`} className="btn btn--ghost">← {t('previous')}</Link> : null}
          <Link to={`/audits/${audit.id}/workpapers`} className="btn btn--ghost">{t('toList')}</Link>
          {next ? <Link to={`/audits/${audit.id}/workpapers/${next.id}`} className="btn btn--ghost">{t('next')} →</Link> : null}
        </nav>
      </div>
      {entry?.state === 'conflict' && entry.conflict ? (
        <ConflictResolver
          audit={audit}
          entry={entry}
          onResolved={(saved, message) => {
            setFlash(message ?? null);
            if (saved) loaded.set({ ...wp, ...saved });
            else void loaded.reload();
          }}
        />
      ) : (
        <>
          {flash ? <Alert kind="success"><span data-testid="conflict-resolved">{flash}</span></Alert> : null}
          <EditorBody audit={audit} wp={wp} entry={entry} online={sync.reachable} onServerChange={(w) => loaded.set({ ...wp, ...w })} />
        </>
      )}
    </div>
  );
}

function EditorBody({ audit, wp, entry, online, onServerChange }: {
  audit: AuditDetail; wp: Workpaper; entry: OutboxEntry | null; online: boolean; onServerChange(wp: Workpaper): void;
}) {
  const { t, lang, L } = useI18n();
  const base = useMemo(() => (entry ? entry.content : contentOf(wp)), [entry, wp]);
  const [content, setContent] = useState<WorkpaperContent>(base);
  const [touched, setTouched] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState<{ kind: 'success' | 'warning'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const editable = may(audit, 'workpaper.edit') && !wp.reviewer;
  const dirty = touched && !sameWorkpaperContent(content, base);

  // A new server copy or outbox state replaces the form only when nothing is being typed.
  useEffect(() => {
    if (!touched) setContent(base);
  }, [base, touched]);

  useUnsavedChangesGuard(dirty);

  const save = useCallback(async () => {
    const check = new Checker(lang);
    content.procedures.forEach((p, i) => check.date(`procedures.${i}.performedOn`, p.performedOn));
    if (content.conclusion === 'not_tested') check.required('notTestedReason', content.notTestedReason ?? '');
    setErrors(check.errors);
    setError(null);
    setMessage(null);
    if (!check.ok) return;
    setBusy(true);
    try {
      const baseVersion = entry ? entry.baseVersion : wp.version;
      const outcome = await saveWorkpaper({ auditId: audit.id, auditReference: audit.reference, workpaperId: wp.id, itemNo: wp.itemNo }, baseVersion, content);
      if (outcome.kind === 'saved') {
        onServerChange(outcome.workpaper);
        setMessage({ kind: 'success', text: t('savedOnServer', { v: outcome.workpaper.version }) });
      } else if (outcome.kind === 'queued') {
        setMessage({ kind: 'warning', text: t('savedLocally') });
      } else if (outcome.kind === 'error') {
        setErrors(fieldErrorsOf(outcome.error, lang));
        setError(outcome.error);
      }
      setTouched(false);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }, [audit.id, audit.reference, content, entry, lang, onServerChange, t, wp.id, wp.itemNo, wp.version]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's' && editable) {
        e.preventDefault();
        void save();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [save, editable]);

  const change = (c: WorkpaperContent) => {
    setContent(c);
    setTouched(true);
    setMessage(null);
  };

  return (
    <div className="wpeditor__grid">
      <div className="stack">
        {entry?.state === 'pending' ? <Alert kind="warning"><span data-testid="local-pending">{t('localPending', { v: entry.baseVersion })}</span></Alert> : null}
        {entry?.state === 'error' && entry.error ? (
          <Alert kind="error" title={t('syncStateError')}>
            {t('localError', { msg: lang === 'ja' ? entry.error.ja : entry.error.en })}
            <div className="btnrow">
              <Button variant="secondary" onClick={() => void retry(entry)} disabled={!online}>{t('retry')}</Button>
              <Button variant="ghost" onClick={() => window.confirm(t('discardConfirm')) && void discard(entry)}>{t('discardLocal')}</Button>
            </div>
          </Alert>
        ) : null}
        {!editable ? <Alert kind="info">{wp.reviewer ? L({ ja: '査閲済みの監査調書は編集できません。編集するには査閲者署名を取り消してください。', en: "A reviewed workpaper cannot be edited; withdraw the reviewer's sign-off first." }) : t('readOnlyWorkpaper')}</Alert> : null}
        <form
          className="form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <ErrorSummary error={error} fields={Object.keys(errors)} />
          <ContentForm audit={audit} content={content} onChange={change} disabled={!editable} errors={errors} />
          {editable ? (
            <div className="form__actions form__actions--sticky">
              <Button type="submit" busy={busy} data-testid="save-workpaper">{busy ? t('saving') : t('saveWorkpaper')}</Button>
              {dirty ? <span className="dirty" role="status">● {t('unsavedChanges')}</span> : null}
              {message ? <span className={`savemsg savemsg--${message.kind}`} role="status" data-testid="save-message">{message.text}</span> : null}
              <span className="muted small">Ctrl+S</span>
            </div>
          ) : null}
        </form>
      </div>
      <aside className="stack wpeditor__side">
        <SignOffPanel audit={audit} wp={wp} blocked={dirty || !!entry} online={online} onChange={onServerChange} />
        <ReviewNotesPanel audit={audit} wp={wp} online={online} onChange={onServerChange} />
        <WorkpaperFindings audit={audit} wp={wp} conclusion={content.conclusion} online={online} />
      </aside>
    </div>
  );
}

/** The editable content of a workpaper (also used to merge in a conflict). */
export function ContentForm({ audit, content, onChange, disabled, errors }: {
  audit: AuditDetail; content: WorkpaperContent; onChange(c: WorkpaperContent): void; disabled: boolean; errors: FieldErrors;
}) {
  const { t, L } = useI18n();
  const docs = useAsync(() => loadDocuments(audit.id).catch(() => null), [audit.id]);
  const files = [...(docs.data?.requests.flatMap((r) => r.files) ?? []), ...(docs.data?.evidence ?? [])];
  const setProc = (i: number, p: Partial<ProcedureEntry>) => onChange({ ...content, procedures: content.procedures.map((x, j) => (j === i ? { ...x, ...p } : x)) });
  const addProc = (procedure: Procedure) => onChange({ ...content, procedures: [...content.procedures, { procedure, performedOn: today(), description: '', observation: '' }] });
  const setRef = (i: number, v: string) => onChange({ ...content, evidenceRefs: content.evidenceRefs.map((x, j) => (j === i ? v : x)) });
  return (
    <>
      <Section title={t('procedures')}>
        <p className="hint">{t('proceduresHint')}</p>
        {content.procedures.length === 0 ? <Empty>{t('noProcedures')}</Empty> : null}
        {content.procedures.map((p, i) => (
          <fieldset key={i} className="proc" data-procedure={i}>
            <legend className="sr-only">{t('procedure')} {i + 1}</legend>
            <div className="proc__row">
              <span className="proc__num" aria-hidden="true">{i + 1}</span>
              <SelectField label={t('procedure')} name={`procedures.${i}.procedure`} value={p.procedure} disabled={disabled} errors={errors} onChange={(e) => setProc(i, { procedure: e.target.value as Procedure })}>
                {PROCEDURES.map((k) => <option key={k} value={k}>{L(PROCEDURE_LABELS[k])}</option>)}
              </SelectField>
              <TextField label={t('performedOn')} name={`procedures.${i}.performedOn`} type="date" value={p.performedOn ?? ''} disabled={disabled} errors={errors} onChange={(e) => setProc(i, { performedOn: e.target.value || null })} />
              {!disabled ? (
                <button type="button" className="linkbtn linkbtn--danger proc__remove" onClick={() => onChange({ ...content, procedures: content.procedures.filter((_, j) => j !== i) })}>
                  {t('removeProcedure')}
                </button>
              ) : null}
            </div>
            <div className="grid grid--2">
              <TextAreaField label={t('procedureDescription')} name={`procedures.${i}.description`} value={p.description} disabled={disabled} errors={errors} onChange={(e) => setProc(i, { description: e.target.value })} rows={3} />
              <TextAreaField label={t('procedureObservation')} name={`procedures.${i}.observation`} value={p.observation} disabled={disabled} errors={errors} onChange={(e) => setProc(i, { observation: e.target.value })} rows={3} />
            </div>
          </fieldset>
        ))}
        {!disabled ? (
          <div className="btnrow">
            <span className="small muted">{t('addProcedure')}:</span>
            {PROCEDURES.map((k) => (
              <Button key={k} variant="secondary" onClick={() => addProc(k)} data-add-procedure={k}>＋ {L(PROCEDURE_LABELS[k])}</Button>
            ))}
          </div>
        ) : null}
      </Section>
      <Section title={t('evidence')}>
        <p className="hint">{t('evidenceHint')}</p>
        {content.evidenceRefs.map((ref, i) => (
          <div key={i} className="evidence-row">
            <TextField label={t('evidenceRef', { n: i + 1 })} name={`evidenceRefs.${i}`} value={ref} disabled={disabled} errors={errors} onChange={(e) => setRef(i, e.target.value)} />
            {!disabled ? <button type="button" className="linkbtn linkbtn--danger" onClick={() => onChange({ ...content, evidenceRefs: content.evidenceRefs.filter((_, j) => j !== i) })}>{t('remove')}</button> : null}
          </div>
        ))}
        {!disabled ? (
          <div className="btnrow">
            <Button variant="secondary" onClick={() => onChange({ ...content, evidenceRefs: [...content.evidenceRefs, ''] })} data-testid="add-evidence">＋ {t('addEvidence')}</Button>
            {files.length ? (
              <label className="inline-field">
                <span>{t('insertFile')}</span>
                <select className="input select" value="" onChange={(e) => e.target.value && onChange({ ...content, evidenceRefs: [...content.evidenceRefs, e.target.value] })}>
                  <option value="">{t('selectPlaceholder')}</option>
                  {files.map((f) => <option key={f.id} value={`file:${f.id} ${f.name}`}>{f.name}</option>)}
                </select>
              </label>
            ) : null}
          </div>
        ) : null}
      </Section>
      <Section title={t('conclusion')}>
        <RadioGroup<Conclusion>
          legend={t('conclusion')} name="conclusion" value={content.conclusion} disabled={disabled} errors={errors} className="radios--row"
          onChange={(c) => onChange({ ...content, conclusion: c })}
          options={CONCLUSIONS.map((c) => ({ value: c, label: L(CONCLUSION_LABELS[c]) }))}
        />
        {content.conclusion === 'not_tested' ? (
          <TextAreaField label={t('notTestedReason')} name="notTestedReason" value={content.notTestedReason ?? ''} disabled={disabled} errors={errors} required onChange={(e) => onChange({ ...content, notTestedReason: e.target.value })} />
        ) : null}
      </Section>
    </>
  );
}

function SignOffPanel({ audit, wp, blocked, online, onChange }: { audit: AuditDetail; wp: Workpaper; blocked: boolean; online: boolean; onChange(wp: Workpaper): void }) {
  const { t, lang, L } = useI18n();
  const [reason, setReason] = useState('');
  const [withdrawing, setWithdrawing] = useState(false);
  const { errors, error, busy, submit } = useSubmission<'preparer-signoff' | 'reviewer-signoff' | 'reviewer-signoff/withdraw'>(lang);
  const act = (kind: 'preparer-signoff' | 'reviewer-signoff' | 'reviewer-signoff/withdraw') =>
    submit(kind, kind === 'reviewer-signoff/withdraw' ? new Checker(lang).required('reason', reason) : null, async () => {
      const body = kind === 'reviewer-signoff/withdraw' ? { version: wp.version, reason } : { version: wp.version };
      onChange(await api.post<Workpaper>(`/api/audits/${audit.id}/workpapers/${wp.id}/${kind}`, body));
      setWithdrawing(false);
      setReason('');
    });
  const canSign = may(audit, 'workpaper.signAsPreparer');
  return (
    <Section title={t('signOff')}>
      <dl className="facts facts--tight">
        <div className="facts__row"><dt>{t('version')}</dt><dd data-testid="wp-version">{wp.version}</dd></div>
        <div className="facts__row"><dt>{t('preparer')}</dt><dd>{wp.preparer ? t('signedBy', { name: wp.preparer.name ?? '', at: formatDateTime(wp.preparer.at, lang) }) : <span className="muted">{t('notSigned')}</span>}</dd></div>
        <div className="facts__row"><dt>{t('reviewer')}</dt><dd>{wp.reviewer ? t('signedBy', { name: wp.reviewer.name ?? '', at: formatDateTime(wp.reviewer.at, lang) }) : <span className="muted">{t('notSigned')}</span>}</dd></div>
      </dl>
      {error instanceof ApiError && error.violations.length ? (
        <Alert kind="error">{error.violations.map((v, i) => <div key={i}>{L(v)}</div>)}</Alert>
      ) : <ErrorSummary error={error} fields={['reason']} />}
      {canSign ? (
        !online ? <p className="small muted">{t('needsNetwork')}</p> : blocked ? <p className="small muted">{t('signNeedsSave')}</p> : (
          <div className="btnrow">
            {!wp.preparer ? <Button variant="secondary" busy={busy === 'preparer-signoff'} onClick={() => void act('preparer-signoff')}>{t('signAsPreparer')}</Button> : null}
            {wp.preparer && !wp.reviewer ? <Button variant="secondary" busy={busy === 'reviewer-signoff'} onClick={() => void act('reviewer-signoff')}>{t('signAsReviewer')}</Button> : null}
            {wp.reviewer ? <Button variant="ghost" onClick={() => setWithdrawing(true)}>{t('withdrawReviewer')}</Button> : null}
          </div>
        )
      ) : null}
      {withdrawing ? (
        <div className="subform">
          <TextAreaField label={t('withdrawReason')} name="reason" value={reason} onChange={(e) => setReason(e.target.value)} errors={errors} required rows={2} />
          <Button variant="danger" busy={busy === 'reviewer-signoff/withdraw'} onClick={() => void act('reviewer-signoff/withdraw')}>{t('withdrawReviewer')}</Button>
        </div>
      ) : null}
    </Section>
  );
}

function ReviewNotesPanel({ audit, wp, online, onChange }: { audit: AuditDetail; wp: Workpaper; online: boolean; onChange(wp: Workpaper): void }) {
  const { t, lang } = useI18n();
  const [text, setText] = useState('');
  const [resolution, setResolution] = useState<Record<number, string>>({});
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const notes = wp.reviewNotes ?? [];
  const add = async () => {
    const check = new Checker(lang).required('text', text);
    setErrors(check.errors);
    if (!check.ok) return;
    setBusy('add');
    setError(null);
    try {
      onChange(await api.post<Workpaper>(`/api/audits/${audit.id}/workpapers/${wp.id}/review-notes`, { text }));
      setText('');
    } catch (e) {
      setErrors(fieldErrorsOf(e, lang));
      setError(e);
    } finally {
      setBusy(null);
    }
  };
  const clear = async (noteId: number) => {
    setBusy(`clear-${noteId}`);
    setError(null);
    try {
      const r = resolution[noteId];
      onChange(await api.post<Workpaper>(`/api/audits/${audit.id}/workpapers/${wp.id}/review-notes/${noteId}/clear`, r ? { resolution: r } : {}));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };
  const canWrite = may(audit, 'reviewNote.add') && online;
  return (
    <Section title={`${t('reviewNotes')}（${notes.filter((n) => n.status === 'open').length}）`}>
      <p className="hint small">{t('reviewNotesHint')}</p>
      <ErrorSummary error={error} fields={['text']} />
      {notes.length === 0 ? <p className="small muted">{t('noReviewNotes')}</p> : null}
      <ul className="notes">
        {notes.map((n) => (
          <li key={n.id} className={`note note--${n.status}`}>
            <div className="note__head">
              <Badge tone={n.status === 'open' ? 'orange' : 'green'}>{n.status === 'open' ? t('noteOpen') : t('noteCleared')}</Badge>
              <span className="small muted">{n.author.name} ・ {formatDateTime(n.createdAt, lang)}</span>
            </div>
            <p className="note__text">{n.text}</p>
            {n.status === 'cleared' && n.resolution ? <p className="small">{t('resolution')}: {n.resolution}</p> : null}
            {n.status === 'open' && canWrite ? (
              <div className="note__clear">
                <TextField label={t('resolution')} name={`resolution-${n.id}`} value={resolution[n.id] ?? ''} onChange={(e) => setResolution({ ...resolution, [n.id]: e.target.value })} />
                <Button variant="secondary" busy={busy === `clear-${n.id}`} onClick={() => void clear(n.id)}>{t('clearNote')}</Button>
              </div>
            ) : null}
          </li>
        ))}
      </ul>
      {canWrite ? (
        <div className="subform">
          <TextAreaField label={t('reviewNoteText')} name="text" value={text} onChange={(e) => setText(e.target.value)} errors={errors} rows={2} />
          <Button variant="secondary" busy={busy === 'add'} onClick={() => void add()}>{t('addReviewNote')}</Button>
        </div>
      ) : null}
    </Section>
  );
}

function WorkpaperFindings({ audit, wp, conclusion, online }: { audit: AuditDetail; wp: Workpaper; conclusion: Conclusion | null; online: boolean }) {
  const { t, L, lang } = useI18n();
  const findings = useAsync(() => loadFindings(audit.id).catch(() => ({ data: [] as Finding[], offlineAt: null })), [audit.id]);
  const mine = (findings.data ?? []).filter((f) => f.workpaperId === wp.id);
  const [open, setOpen] = useState(false);
  const [severity, setSeverity] = useState<Severity | null>(null);
  const [v, setV] = useState({ condition: '', criterion: `No.${wp.itemNo} ${wp.item?.text ?? ''}`.trim(), cause: '', effect: '', recommendedAction: '' });
  const { errors, error, busy, submit } = useSubmission<'raise'>(lang);
  const [done, setDone] = useState<string | null>(null);
  const raise = () => {
    const check = new Checker(lang).choose('severity', severity).required('condition', v.condition).required('criterion', v.criterion).required('recommendedAction', v.recommendedAction);
    return submit('raise', check, async () => {
      const f = await api.post<Finding>(`/api/audits/${audit.id}/findings`, { workpaperId: wp.id, severity, ...v });
      setDone(f.ref);
      setOpen(false);
      await findings.reload();
    });
  };
  const field = (k: keyof typeof v) => ({ name: k, value: v[k], errors, rows: 2, onChange: (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value }) });
  const canRaise = may(audit, 'finding.raise') && online;
  return (
    <Section title={t('findingsOfWorkpaper')}>
      {done ? <Alert kind="success">{t('findingRaised', { ref: done })}</Alert> : null}
      {mine.length === 0 ? <p className="small muted">{t('noFindings')}</p> : null}
      {mine.map((f) => (
        <details key={f.id} className="finding-mini">
          <summary><span className="ref">{f.ref}</span> <SeverityBadge severity={f.severity} /> {f.condition.slice(0, 40)}</summary>
          <FindingBody finding={f} />
        </details>
      ))}
      {canRaise && !open ? <Button variant="secondary" onClick={() => setOpen(true)}>{t('raiseFinding')}</Button> : null}
      {open ? (
        <div className="subform">
          <ErrorSummary error={error} fields={['severity', ...Object.keys(v)]} />
          <RadioGroup<Severity>
            legend={t('severity')} name="severity" value={severity} onChange={setSeverity} errors={errors}
            options={SEVERITIES.map((s) => ({
              value: s, label: L(SEVERITY_LABELS[s]), hint: L(SEVERITY_DEFINITIONS[s]),
            }))}
          />
          {severity && severity !== 'recommendation' && conclusion !== 'does_not_conform' ? (
            <Alert kind="warning">{L({ ja: '欠点（重欠点・軽欠点）は結論が「不適合」の監査調書からのみ作成できます。', en: 'A deficiency can only come from a workpaper concluded "does not conform".' })}</Alert>
          ) : null}
          <TextAreaField label={t('condition')} {...field('condition')} required />
          <TextAreaField label={t('findingCriterion')} {...field('criterion')} required />
          <TextAreaField label={t('cause')} {...field('cause')} />
          <TextAreaField label={t('effect')} {...field('effect')} />
          <TextAreaField label={t('recommendedAction')} {...field('recommendedAction')} required />
          <div className="btnrow">
            <Button variant="secondary" onClick={() => setOpen(false)}>{t('cancel')}</Button>
            <Button busy={busy !== null} onClick={() => void raise()}>{t('raiseFinding')}</Button>
          </div>
        </div>
      ) : null}
      <ConclusionHint conclusion={conclusion} />
    </Section>
  );
}

function ConclusionHint({ conclusion }: { conclusion: Conclusion | null }) {
  const { t } = useI18n();
  return (
    <p className="small muted">
      {t('conclusion')}: <ConclusionBadge conclusion={conclusion} />
    </p>
  );
}

/** Both versions side by side; the auditor keeps one or merges, then saves against the current version. */
export function ConflictResolver({ audit, entry, onResolved }: { audit: AuditDetail; entry: OutboxEntry; onResolved(saved?: Workpaper, message?: string): void }) {
  const { t, lang } = useI18n();
  const current = entry.conflict!.current;
  const currentVersion = entry.conflict!.currentVersion;
  const theirs = contentOf(current);
  const mine = entry.content;
  const [merging, setMerging] = useState<WorkpaperContent | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const choose = async (kind: 'mine' | 'merge', content: WorkpaperContent) => {
    setBusy(kind);
    setError(null);
    try {
      const outcome = await resolveConflict(entry, content, currentVersion);
      if (outcome.kind === 'saved') {
        setDone(t('conflictResolved', { v: outcome.workpaper.version }));
        onResolved(outcome.workpaper, t('conflictResolved', { v: outcome.workpaper.version }));
      } else if (outcome.kind === 'error') {
        setError(outcome.error);
      } else if (outcome.kind === 'queued') {
        onResolved();
      }
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };
  const keepServer = async () => {
    setBusy('server');
    await discard(entry);
    setBusy(null);
    onResolved(current);
  };
  const differs = {
    procedures: JSON.stringify(mine.procedures) !== JSON.stringify(theirs.procedures),
    evidence: JSON.stringify(mine.evidenceRefs) !== JSON.stringify(theirs.evidenceRefs),
    conclusion: mine.conclusion !== theirs.conclusion || (mine.notTestedReason ?? '') !== (theirs.notTestedReason ?? ''),
  };
  return (
    <div className="conflict" data-testid="conflict">
      <Alert kind="error" title={t('conflictTitle')}>
        {t('conflictIntro', { base: entry.baseVersion, current: currentVersion, who: current.preparer?.name ?? t('someoneElse') })}
      </Alert>
      {done ? <Alert kind="success">{done}</Alert> : null}
      <ErrorSummary error={error} />
      {!merging ? (
        <>
          <div className="conflict__cols">
            <VersionView title={t('yourVersion')} content={mine} differs={differs} tone="mine" testId="conflict-mine" />
            <VersionView title={t('serverVersion', { v: currentVersion })} content={theirs} differs={differs} tone="theirs" testId="conflict-theirs" />
          </div>
          <div className="btnrow conflict__actions">
            <Button busy={busy === 'mine'} onClick={() => void choose('mine', mine)} data-testid="keep-mine">{t('keepMine')}</Button>
            <Button variant="secondary" busy={busy === 'server'} onClick={() => void keepServer()} data-testid="keep-server">{t('keepServer')}</Button>
            <Button variant="secondary" onClick={() => setMerging(mergeContents(mine, theirs))} data-testid="merge">{t('mergeBoth')}</Button>
          </div>
        </>
      ) : (
        <>
          <Alert kind="info">{t('mergeIntro', { v: currentVersion })}</Alert>
          <form
            className="form"
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void choose('merge', merging);
            }}
          >
            <ContentForm audit={audit} content={merging} onChange={setMerging} disabled={false} errors={{}} />
            <div className="form__actions form__actions--sticky">
              <Button variant="secondary" onClick={() => setMerging(null)}>{t('back')}</Button>
              <Button type="submit" busy={busy === 'merge'} data-testid="save-merge">{t('saveWorkpaper')}</Button>
            </div>
          </form>
        </>
      )}
      <p className="small muted">{formatDateTime(entry.conflict!.detectedAt, lang)}</p>
    </div>
  );
}

function VersionView({ title, content, differs, tone, testId }: { title: string; content: WorkpaperContent; differs: Record<string, boolean>; tone: string; testId: string }) {
  const { t, L } = useI18n();
  return (
    <section className={`vview vview--${tone}`} data-testid={testId} aria-label={title}>
      <h3 className="vview__title">{title}</h3>
      <div className={`vview__part${differs.procedures ? ' vview__part--diff' : ''}`}>
        <h4>{t('procedures')} {differs.procedures ? <Badge tone="red">{t('differs')}</Badge> : null}</h4>
        {content.procedures.length === 0 ? <p className="muted small">{t('noProcedures')}</p> : null}
        <ol className="vview__procs">
          {content.procedures.map((p, i) => (
            <li key={i}>
              <strong>{L(PROCEDURE_LABELS[p.procedure])}</strong> <span className="muted small">{p.performedOn ?? ''}</span>
              <div>{p.description}</div>
              <div className="vview__obs">{p.observation}</div>
            </li>
          ))}
        </ol>
      </div>
      <div className={`vview__part${differs.evidence ? ' vview__part--diff' : ''}`}>
        <h4>{t('evidence')} {differs.evidence ? <Badge tone="red">{t('differs')}</Badge> : null}</h4>
        <ul className="plain-list">{content.evidenceRefs.map((r, i) => <li key={i}>{r}</li>)}</ul>
      </div>
      <div className={`vview__part${differs.conclusion ? ' vview__part--diff' : ''}`}>
        <h4>{t('conclusion')} {differs.conclusion ? <Badge tone="red">{t('differs')}</Badge> : null}</h4>
        <ConclusionBadge conclusion={content.conclusion} />
        {content.notTestedReason ? <p className="small">{content.notTestedReason}</p> : null}
      </div>
    </section>
  );
}

