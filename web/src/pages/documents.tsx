/** 事前文書監査: the requested documents, the auditee's uploads, the reviewers' notes. */
import { useState } from 'react';
import { checkUpload, MAX_UPLOAD_BYTES } from '../../../src/audit/documents';
import { api, uploadFile } from '../api';
import { formatBytes, formatDateTime } from '../format';
import { useAsync, useSubmission } from '../hooks';
import { useI18n } from '../i18n';
import { loadDocuments } from '../offline/offline-audit';
import type { AuditDetail, DocumentRequestView, StoredFileView } from '../types';
import { Badge, Button, ErrorSummary, Field, Loading, ProgressBar, Section, TextAreaField, TextField } from '../ui/components';
import { Checker, fieldErrorsOf, type FieldErrors } from '../validation';
import { may } from './audit-detail';

export function DocumentsTab({ audit, onChanged }: { audit: AuditDetail; onChanged: () => Promise<void> }) {
  const { t } = useI18n();
  const docs = useAsync(() => loadDocuments(audit.id), [audit.id]);
  const auditee = audit.myRelations.includes('auditee');
  const reload = async () => {
    await docs.reload();
    await onChanged();
  };
  if (docs.loading && !docs.data) return <Loading />;
  if (!docs.data) return <ErrorSummary error={docs.error} />;
  return (
    <div className="stack">
      <Section title={t('documentsTitle')} actions={<Badge tone="blue">{t('documentsAnswered', { a: docs.data.requests.filter((r) => r.files.length).length, t: docs.data.requests.length })}</Badge>}>
        <p className="hint">{auditee ? t('documentsIntroAuditee') : t('documentsIntro')}</p>
        <ol className="doclist">
          {docs.data.requests.map((r) => (
            <DocumentRow key={r.id} audit={audit} request={r} onChanged={reload} />
          ))}
        </ol>
        {!auditee && may(audit, 'documentRequest.edit') && !docs.offlineAt ? <AddRequest audit={audit} onAdded={reload} /> : null}
      </Section>
      {docs.data.evidence.length ? (
        <Section title={t('evidenceFiles')}>
          <FileList auditId={audit.id} files={docs.data.evidence} />
        </Section>
      ) : null}
    </div>
  );
}

export function FileList({ auditId, files }: { auditId: number; files: StoredFileView[] }) {
  const { lang } = useI18n();
  if (!files.length) return null;
  return (
    <ul className="files">
      {files.map((f) => (
        <li key={f.id} className="files__item">
          <a href={`/api/audits/${auditId}/files/${f.id}`} download={f.name}>{f.name}</a>
          <span className="muted small">{formatBytes(f.size)} ・ {formatDateTime(f.uploadedAt, lang)} ・ SHA-256 {f.sha256.slice(0, 12)}…</span>
        </li>
      ))}
    </ul>
  );
}

function DocumentRow({ audit, request, onChanged }: { audit: AuditDetail; request: DocumentRequestView; onChanged: () => Promise<void> }) {
  const { t, lang } = useI18n();
  const auditee = audit.myRelations.includes('auditee');
  const [note, setNote] = useState(request.reviewNote ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const saveNote = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.put(`/api/audits/${audit.id}/document-requests/${request.id}/review`, { note });
      setSaved(true);
      await onChanged();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const remove = async () => {
    setBusy(true);
    try {
      await api.delete(`/api/audits/${audit.id}/document-requests/${request.id}`);
      await onChanged();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <li className="doc" data-request={request.title}>
      <div className="doc__head">
        <div>
          <div className="doc__title">{lang === 'en' && request.titleEn ? request.titleEn : request.title}</div>
          {request.relatedItems.length ? <div className="small muted">{t('relatedItems')}: {request.relatedItems.map((n) => `No.${n}`).join('、')}</div> : null}
        </div>
        {request.files.length ? <Badge tone="green">{t('uploadedFiles')} {request.files.length}</Badge> : <Badge tone="amber">{t('noFiles')}</Badge>}
      </div>
      <FileList auditId={audit.id} files={request.files} />
      {auditee && may(audit, 'document.upload') ? <Uploader url={`/api/audits/${audit.id}/document-requests/${request.id}/files`} onUploaded={onChanged} label={t('uploadFile')} /> : null}
      {!auditee && may(audit, 'documentReviewNote.write') ? (
        <div className="doc__review">
          <ErrorSummary error={error} />
          <TextAreaField label={t('reviewNote')} name={`reviewNote-${request.id}`} value={note} onChange={(e) => { setNote(e.target.value); setSaved(false); }} rows={2} />
          <div className="btnrow">
            <Button variant="secondary" onClick={() => void saveNote()} busy={busy}>{t('saveReviewNote')}</Button>
            {saved ? <span className="ok-text" role="status">✓</span> : null}
          </div>
        </div>
      ) : !auditee && request.reviewNote ? (
        <p className="small"><strong>{t('reviewNote')}:</strong> {request.reviewNote}</p>
      ) : null}
      {!auditee && may(audit, 'documentRequest.edit') && request.files.length === 0 ? (
        <button type="button" className="linkbtn linkbtn--danger" onClick={() => void remove()}>{t('removeRequest')}</button>
      ) : null}
    </li>
  );
}

/** A labelled file input with the upload rules checked before sending, and a progress bar. */
export function Uploader<T = StoredFileView>({ url, onUploaded, label }: { url: string; onUploaded: (file: T) => void | Promise<void>; label: string }) {
  const { t, lang } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<unknown>(null);
  const [progress, setProgress] = useState<{ loaded: number; total: number } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [inputKey, setInputKey] = useState(0);
  const name = `file-${url}`;
  const send = async () => {
    setDone(null);
    setError(null);
    if (!file) {
      setErrors({ [name]: [t('fieldChoose')] });
      return;
    }
    const problems = checkUpload({ fileName: file.name, mimeType: file.type || 'application/octet-stream', sizeBytes: file.size });
    if (problems.length) {
      setErrors({ [name]: problems.map((p) => (lang === 'ja' ? p.ja : p.en)) });
      return;
    }
    setErrors({});
    setProgress({ loaded: 0, total: file.size });
    try {
      const stored = await uploadFile<T>(url, file, (loaded, total) => setProgress({ loaded, total }));
      setDone(file.name);
      setFile(null);
      setInputKey((k) => k + 1);
      await onUploaded(stored);
    } catch (e) {
      const fe = fieldErrorsOf(e, lang);
      if (fe.file) setErrors({ [name]: fe.file });
      else setError(e);
    } finally {
      setProgress(null);
    }
  };
  return (
    <div className="uploader">
      <ErrorSummary error={error} />
      <Field label={label} name={name} errors={errors} hint={`PDF・Word・Excel・ODF・テキスト・画像（${MAX_UPLOAD_BYTES / 1024 / 1024}MBまで）`}>
        {(p) => (
          <span className="filepick">
            <input key={inputKey} type="file" className="filepick__input" {...p} onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
            <span className="btn btn--secondary filepick__button" aria-hidden="true">{t('chooseFile')}</span>
            <span className="filepick__name" aria-hidden="true">{file ? file.name : t('noFileChosen')}</span>
          </span>
        )}
      </Field>
      {progress ? <ProgressBar label={t('uploading')} value={progress.loaded} max={progress.total} /> : null}
      <div className="btnrow">
        <Button variant="secondary" onClick={() => void send()} busy={!!progress}>{label}</Button>
        {done ? <span className="ok-text" role="status">{t('uploaded', { name: done })}</span> : null}
      </div>
    </div>
  );
}

function AddRequest({ audit, onAdded }: { audit: AuditDetail; onAdded: () => Promise<void> }) {
  const { t, lang } = useI18n();
  const [title, setTitle] = useState('');
  const [related, setRelated] = useState('');
  const { errors, error, busy, submit } = useSubmission<'add'>(lang);
  const add = () => {
    const check = new Checker(lang).required('title', title);
    const relatedItems = related.split(/[,、\s]+/).filter(Boolean).map(Number);
    check.custom('relatedItems', relatedItems.every((n) => Number.isInteger(n) && n > 0), 'fieldRequired');
    return submit('add', check, async () => {
      await api.post(`/api/audits/${audit.id}/document-requests`, relatedItems.length ? { title, relatedItems } : { title });
      setTitle('');
      setRelated('');
      await onAdded();
    });
  };
  return (
    <div className="addrow">
      <h3 className="subhead">{t('addRequest')}</h3>
      <ErrorSummary error={error} fields={['title', 'relatedItems']} />
      <div className="grid grid--2-1">
        <TextField label={t('requestTitle')} name="title" value={title} onChange={(e) => setTitle(e.target.value)} errors={errors} required />
        <TextField label={t('relatedItems')} name="relatedItems" value={related} onChange={(e) => setRelated(e.target.value)} errors={errors} placeholder="10, 11" />
      </div>
      <Button variant="secondary" onClick={() => void add()} busy={busy !== null}>{t('add')}</Button>
    </div>
  );
}
