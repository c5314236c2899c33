/**
 * 報告書: the draft rendered on request, the texts the report needs (overall result, public
 * statement), issuing the final report (frozen PDF and Word), its downloads, and the
 * workpaper export. Offered only where the server's OpenAPI document has the routes (the reports
 * work, issue 4, is built separately); a 404 is treated as "not available here".
 */
import { useState } from 'react';
import { api, ApiError } from '../api';
import { reportFeatures, runReportRequest } from '../features';
import { formatDateTime } from '../format';
import { useAsync, useSubmission } from '../hooks';
import { useI18n } from '../i18n';
import type { AuditDetail } from '../types';
import { Alert, Badge, Button, ErrorSummary, ProgressBar, Section, TextAreaField } from '../ui/components';
import { Checker, fieldErrorsOf, type FieldErrors } from '../validation';

interface IssuedFile {
  id: number;
  format: 'pdf' | 'docx';
  revision: number;
  reason: string | null;
  reportNumber: string | null;
  fileName: string;
  issuedAt: string;
  issuedBy: { id: number; name: string | null };
}

interface ReportTexts {
  version: number;
  overallResult: string | null;
  publicStatement: string | null;
}

const FROM_REPORT = ['reported', 'remediation', 'verified', 'published'];
const TEXT_STATES = ['fieldwork', 'results_agreement', 'reported', 'remediation', 'verified'];

export function ReportsPanel({ audit }: { audit: AuditDetail }) {
  const { t, lang } = useI18n();
  const features = useAsync(() => reportFeatures(), []);
  const body = audit.myRelations.some((r) => r !== 'auditee');
  const lead = audit.myRelations.some((r) => r === 'chief' || r === 'manager');
  const f = features.data;
  const issued = useAsync(async () => {
    if (!f?.issued || !FROM_REPORT.includes(audit.status)) return [] as IssuedFile[];
    try {
      return await api.get<IssuedFile[]>(`/api/audits/${audit.id}/report/issued`);
    } catch (e) {
      if (e instanceof ApiError && (e.status === 404 || e.status === 403 || e.status === 409)) return [] as IssuedFile[];
      throw e;
    }
  }, [f?.issued, audit.id, audit.status]);
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [reason, setReason] = useState('');
  const [reissuing, setReissuing] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});

  if (features.loading) return null;
  const any = f && (f.draft || f.issue || f.final || f.workpapers);
  if (!any) {
    return (
      <Section title={t('reportsTitle')}>
        <p className="small muted" data-testid="reports-unavailable">{t('reportsUnavailable')}</p>
      </Section>
    );
  }

  const download = async (key: string, url: string) => {
    setBusy(key);
    setError(null);
    setMessage(null);
    try {
      const result = await runReportRequest('GET', url);
      setMessage(`${t('reportReady')} ${result.downloaded ?? ''}`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  const latest = issued.data?.[0]?.revision ?? 0;
  const issue = async () => {
    const next = latest + 1;
    const check = new Checker(lang);
    if (next > 1) check.required('reason', reason);
    setErrors(check.errors);
    if (!check.ok || !window.confirm(t('issueConfirm'))) return;
    setBusy('issue');
    setError(null);
    setMessage(null);
    try {
      await api.post(`/api/audits/${audit.id}/report/issue`, next > 1 ? { revision: next, reason } : { revision: next });
      setMessage(t('reportIssued', { n: next }));
      setReason('');
      setReissuing(false);
      await issued.reload();
    } catch (e) {
      setErrors(fieldErrorsOf(e, lang));
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  const formats: ['pdf' | 'docx' | 'html', string][] = [['pdf', 'PDF'], ['docx', 'Word'], ['html', 'HTML']];
  return (
    <Section title={t('reportsTitle')}>
      <div data-testid="reports">
        {busy ? <ProgressBar label={busy === 'issue' ? t('issuing') : t('rendering')} /> : null}
        {message ? <Alert kind="success">{message}</Alert> : null}
        <ErrorSummary error={error} fields={['reason']} />
        {f.draft ? (
          <div className="reportrow">
            <div className="reportrow__label">{t('reportDraft')}</div>
            <div className="btnrow">
              {formats.map(([fmt, label]) => (
                <Button key={fmt} variant="secondary" busy={busy === `draft-${fmt}`} disabled={!!busy} onClick={() => void download(`draft-${fmt}`, `/api/audits/${audit.id}/report/draft.${fmt}`)} data-report={`draft-${fmt}`}>
                  {label}
                </Button>
              ))}
            </div>
          </div>
        ) : null}
        {f.final && issued.data?.length ? (
          <div className="reportrow">
            <div className="reportrow__label">
              {t('reportFinal')} <Badge tone="green">{t('revisionN', { n: latest })}</Badge>
              <div className="small muted">{formatDateTime(issued.data[0].issuedAt, lang)} {issued.data[0].issuedBy.name ?? ''} {issued.data[0].reportNumber ?? ''}</div>
            </div>
            <div className="btnrow">
              {(['pdf', 'docx'] as const).map((fmt) => (
                <Button key={fmt} variant="secondary" busy={busy === `final-${fmt}`} disabled={!!busy} onClick={() => void download(`final-${fmt}`, `/api/audits/${audit.id}/report/final.${fmt}?revision=${latest}`)} data-report={`final-${fmt}`}>
                  {fmt === 'pdf' ? 'PDF' : 'Word'}
                </Button>
              ))}
            </div>
          </div>
        ) : null}
        {f.issue && lead && FROM_REPORT.includes(audit.status) && audit.status !== 'published' ? (
          latest > 0 && !reissuing ? (
            <div className="reportrow">
              <button type="button" className="linkbtn" onClick={() => setReissuing(true)}>{t('reissueReport', { n: latest + 1 })}…</button>
            </div>
          ) : (
            <div className="reportrow">
              {latest > 0 ? <TextAreaField label={t('reissueReason')} name="reason" value={reason} onChange={(e) => setReason(e.target.value)} errors={errors} rows={2} required /> : null}
              <Button busy={busy === 'issue'} disabled={!!busy} onClick={() => void issue()} data-report="issue">
                {latest > 0 ? t('reissueReport', { n: latest + 1 }) : t('issueReport')}
              </Button>
            </div>
          )
        ) : null}
        {f.workpapers && body ? (
          <div className="reportrow">
            <div className="reportrow__label">{t('workpaperExport')}</div>
            <div className="btnrow">
              {(['pdf', 'docx'] as const).map((fmt) => (
                <Button key={fmt} variant="ghost" busy={busy === `wp-${fmt}`} disabled={!!busy} onClick={() => void download(`wp-${fmt}`, `/api/audits/${audit.id}/report/workpapers.${fmt}`)}>
                  {fmt === 'pdf' ? 'PDF' : 'Word'}
                </Button>
              ))}
            </div>
          </div>
        ) : null}
        {f.texts && body && TEXT_STATES.includes(audit.status) ? <ReportTextsEditor audit={audit} /> : null}
      </div>
    </Section>
  );
}

function ReportTextsEditor({ audit }: { audit: AuditDetail }) {
  const { t, lang } = useI18n();
  const [open, setOpen] = useState(false);
  const texts = useAsync(async () => (open ? api.get<ReportTexts>(`/api/audits/${audit.id}/report/texts`) : null), [open, audit.id]);
  const [draft, setDraft] = useState<{ overallResult: string; publicStatement: string } | null>(null);
  const { errors, error, busy, submit } = useSubmission<'save'>(lang);
  const [saved, setSaved] = useState(false);
  const value = draft ?? { overallResult: texts.data?.overallResult ?? '', publicStatement: texts.data?.publicStatement ?? '' };
  if (!open) {
    return <button type="button" className="linkbtn" onClick={() => setOpen(true)}>{t('reportTexts')}</button>;
  }
  const save = () => {
    setSaved(false);
    return submit(
      'save',
      null,
      async () => {
        const next = await api.put<ReportTexts>(`/api/audits/${audit.id}/report/texts`, {
          version: texts.data?.version ?? 0, overallResult: value.overallResult || null, publicStatement: value.publicStatement || null,
        });
        texts.set(next);
        setDraft(null);
        setSaved(true);
      },
      async (e) => {
        if (e instanceof ApiError && e.status === 409) await texts.reload();
      },
    );
  };
  return (
    <div className="subform" data-testid="report-texts">
      <h3 className="subhead">{t('reportTexts')}</h3>
      <ErrorSummary error={error} fields={['overallResult', 'publicStatement']} />
      {saved ? <Alert kind="success">{t('reportTextsSaved')}</Alert> : null}
      <TextAreaField label={t('overallResult')} name="overallResult" hint={t('overallResultHint')} value={value.overallResult} onChange={(e) => setDraft({ ...value, overallResult: e.target.value })} errors={errors} rows={4} />
      <TextAreaField label={t('publicStatement')} name="publicStatement" hint={t('publicStatementHint')} value={value.publicStatement} onChange={(e) => setDraft({ ...value, publicStatement: e.target.value })} errors={errors} rows={3} />
      <Button variant="secondary" busy={busy !== null} onClick={() => void save()}>{t('save')}</Button>
    </div>
  );
}
