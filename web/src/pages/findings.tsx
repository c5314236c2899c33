/**
 * 指摘事項: the results agreement (accept or dispute), the written remediation plans and result
 * reports with evidence, and the audit body's acceptance or return with its reasons.
 */
import { useState } from 'react';
import {
  AUDITEE_RESPONSE_LABELS, isDeficiency, RECOMMENDATION_RESPONSE_LABELS, SEVERITY_DEFINITIONS, SUBMISSION_KIND_LABELS, SUBMISSION_STATUS_LABELS,
} from '../../../src/audit/vocabulary';
import { api, ApiError } from '../api';
import { formatDate, formatDateTime } from '../format';
import { useAsync, useSubmission } from '../hooks';
import { useI18n } from '../i18n';
import { loadDocuments, loadFindings } from '../offline/offline-audit';
import type { AuditDetail, Finding, StoredFileView, Submission } from '../types';
import {
  Alert, Badge, Button, ErrorSummary, Facts, Loading, RadioGroup, Section, SeverityBadge, TextAreaField, TextField,
} from '../ui/components';
import { Checker } from '../validation';
import { may } from './audit-detail';
import { Uploader } from './documents';

export function FindingsTab({ audit, onChanged }: { audit: AuditDetail; onChanged: () => Promise<void> }) {
  const { t } = useI18n();
  const findings = useAsync(() => loadFindings(audit.id), [audit.id]);
  const reload = async () => {
    await findings.reload();
    await onChanged();
  };
  if (findings.loading && !findings.data) return <Loading />;
  if (findings.error instanceof ApiError && findings.error.status === 409) return <Alert kind="info">{t('findingsNotYet')}</Alert>;
  if (!findings.data) return <ErrorSummary error={findings.error} />;
  const auditee = audit.myRelations.includes('auditee');
  return (
    <div className="stack">
      {auditee && may(audit, 'finding.respond') ? <Alert kind="info">{t('respondHint')}</Alert> : null}
      {findings.data.length === 0 ? <p className="empty">{t('noFindings')}</p> : null}
      {findings.data.map((f) => <FindingCard key={f.id} audit={audit} finding={f} onChanged={reload} />)}
    </div>
  );
}

export function FindingBody({ finding }: { finding: Finding }) {
  const { t } = useI18n();
  return (
    <Facts
      rows={[
        [t('condition'), finding.condition],
        [t('findingCriterion'), finding.criterion],
        [t('cause'), finding.cause],
        [t('effect'), finding.effect],
        [t('recommendedAction'), finding.recommendedAction],
      ]}
    />
  );
}

function FindingCard({ audit, finding, onChanged }: { audit: AuditDetail; finding: Finding; onChanged: () => Promise<void> }) {
  const { t, L } = useI18n();
  const auditee = audit.myRelations.includes('auditee');
  const deficiency = isDeficiency(finding.severity);
  const plans = finding.submissions.filter((s) => s.kind === 'remediation_plan');
  const reports = finding.submissions.filter((s) => s.kind === 'result_report');
  const plan = plans[plans.length - 1];
  const report = reports[reports.length - 1];
  return (
    <Section
      title={
        <>
          <span className="ref">{finding.ref}</span> <SeverityBadge severity={finding.severity} /> <span className="muted small">{t('item')} No.{finding.itemNo}</span>
        </>
      }
      actions={
        <span data-testid="finding-response">
          {t('auditeeResponse')}: <Badge tone={finding.auditeeResponse === 'accepted' ? 'green' : finding.auditeeResponse === 'disputed' ? 'red' : 'amber'}>{L(AUDITEE_RESPONSE_LABELS[finding.auditeeResponse])}</Badge>
        </span>
      }
    >
      <div className="finding" data-finding={finding.ref}>
        <p className="small muted">{L(SEVERITY_DEFINITIONS[finding.severity])}</p>
        <FindingBody finding={finding} />
        {finding.disputeReason ? <Alert kind="warning" title={t('disputeReason')}>{finding.disputeReason}</Alert> : null}
        {auditee && may(audit, 'finding.respond') ? <RespondForm audit={audit} finding={finding} onDone={onChanged} /> : null}
        {deficiency && finding.submissions.length ? <History submissions={[...finding.submissions].sort((a, b) => (a.kind === b.kind ? a.sequence - b.sequence : a.kind === 'remediation_plan' ? -1 : 1))} /> : null}
        {!deficiency && finding.recommendationResponse !== 'pending' ? (
          <p>
            {t('recommendationAnswer')}: <Badge tone="blue">{L(RECOMMENDATION_RESPONSE_LABELS[finding.recommendationResponse])}</Badge>
            {finding.recommendationDeclineReason ? ` — ${finding.recommendationDeclineReason}` : ''}
          </p>
        ) : null}
        {auditee && deficiency && may(audit, 'remediationPlan.submit') && (!plan || plan.status === 'draft' || plan.status === 'returned') ? (
          <PlanForm audit={audit} finding={finding} previous={plan} onDone={onChanged} />
        ) : null}
        {auditee && deficiency && may(audit, 'resultReport.submit') && plan?.status === 'accepted' && (!report || report.status === 'draft' || report.status === 'returned') ? (
          <ReportForm audit={audit} finding={finding} previous={report} onDone={onChanged} />
        ) : null}
        {auditee && !deficiency && may(audit, 'recommendation.answer') && finding.recommendationResponse === 'pending' ? (
          <RecommendationForm audit={audit} finding={finding} onDone={onChanged} />
        ) : null}
        {!auditee && may(audit, 'submission.review') ? (
          [plan, report].filter((s): s is Submission => !!s && s.status === 'submitted').map((s) => <ReviewForm key={s.id} audit={audit} finding={finding} submission={s} onDone={onChanged} />)
        ) : null}
      </div>
    </Section>
  );
}

function History({ submissions }: { submissions: Submission[] }) {
  const { t, L, lang } = useI18n();
  return (
    <div className="history">
      <h3 className="subhead">{t('submissionHistory')}</h3>
      <table className="table table--compact">
        <thead>
          <tr>
            <th scope="col">{t('submit')}</th>
            <th scope="col">{t('status')}</th>
            <th scope="col">{t('details')}</th>
            <th scope="col">{t('reviewComment')}</th>
          </tr>
        </thead>
        <tbody>
          {submissions.map((s) => (
            <tr key={s.id} className={s.status === 'returned' ? 'row--returned' : undefined} data-submission={`${s.kind}-${s.sequence}`}>
              <td>
                {L(SUBMISSION_KIND_LABELS[s.kind])} #{s.sequence}
                <div className="small muted">{formatDateTime(s.submittedAt, lang)}</div>
              </td>
              <td><Badge tone={s.status === 'accepted' ? 'green' : s.status === 'returned' ? 'red' : s.status === 'submitted' ? 'blue' : 'grey'}>{L(SUBMISSION_STATUS_LABELS[s.status])}</Badge></td>
              <td className="pre">
                {s.text}
                {s.owner ? <div className="small">{t('planOwner')}: {s.owner}</div> : null}
                {s.dueDate ? <div className="small">{t('planDueDate')}: {formatDate(s.dueDate, lang)}</div> : null}
                {s.evidenceFileIds.length ? <div className="small">{t('evidenceFiles')}: {s.evidenceFileIds.map((id) => `file:${id}`).join(', ')}</div> : null}
              </td>
              <td>
                {s.reviewComment ? (
                  <div className={s.status === 'returned' ? 'returned-why' : undefined}>
                    {s.status === 'returned' ? <strong>{t('returnedWhy')}: </strong> : null}
                    {s.reviewComment}
                  </div>
                ) : '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RespondForm({ audit, finding, onDone }: { audit: AuditDetail; finding: Finding; onDone: () => Promise<void> }) {
  const { t, lang } = useI18n();
  const [mode, setMode] = useState<'accepted' | 'disputed' | null>(null);
  const [reason, setReason] = useState(finding.disputeReason ?? '');
  const { errors, error, busy, submit } = useSubmission<'accepted' | 'disputed'>(lang);
  const send = (response: 'accepted' | 'disputed') =>
    submit(response, response === 'disputed' ? new Checker(lang).required('reason', reason) : null, async () => {
      await api.post(`/api/audits/${audit.id}/findings/${finding.id}/response`, response === 'disputed' ? { response, reason } : { response });
      setMode(null);
      await onDone();
    });
  return (
    <div className="respond">
      <ErrorSummary error={error} fields={['reason']} />
      <div className="btnrow">
        <Button onClick={() => void send('accepted')} busy={busy !== null && mode !== 'disputed'} data-action="accept">{t('accept')}</Button>
        <Button variant="secondary" onClick={() => setMode('disputed')} data-action="dispute">{t('dispute')}</Button>
      </div>
      {mode === 'disputed' ? (
        <div className="subform">
          <TextAreaField label={t('disputeReason')} name="reason" value={reason} onChange={(e) => setReason(e.target.value)} errors={errors} required rows={3} />
          <Button variant="danger" onClick={() => void send('disputed')} busy={busy !== null}>{t('dispute')}</Button>
        </div>
      ) : null}
    </div>
  );
}

function PlanForm({ audit, finding, previous, onDone }: { audit: AuditDetail; finding: Finding; previous?: Submission; onDone: () => Promise<void> }) {
  const { t, lang } = useI18n();
  const [actions, setActions] = useState(previous?.text ?? '');
  const [owner, setOwner] = useState(previous?.owner ?? '');
  const [dueDate, setDueDate] = useState(previous?.dueDate ?? '');
  const { errors, error, busy, submit } = useSubmission<'save_draft' | 'submit'>(lang);
  const [message, setMessage] = useState<string | null>(null);
  const send = (intent: 'save_draft' | 'submit') => {
    const check = new Checker(lang);
    if (intent === 'submit') check.required('actions', actions).required('owner', owner).required('dueDate', dueDate);
    return submit(intent, check, async () => {
      await api.post(`/api/audits/${audit.id}/findings/${finding.id}/plan`, { actions, owner, dueDate: dueDate || null, intent });
      setMessage(intent === 'submit' ? t('submitted') : t('draftSaved'));
      await onDone();
    });
  };
  return (
    <div className="subform" data-form="plan">
      <h3 className="subhead">{t('remediationPlan')}</h3>
      {previous?.status === 'returned' ? <Alert kind="warning" title={t('returnedWhy')}>{previous.reviewComment}</Alert> : null}
      {message ? <Alert kind="success">{message}</Alert> : null}
      <ErrorSummary error={error} fields={['actions', 'owner', 'dueDate']} />
      <TextAreaField label={t('planActions')} name="actions" value={actions} onChange={(e) => setActions(e.target.value)} errors={errors} required rows={3} />
      <div className="grid grid--2">
        <TextField label={t('planOwner')} name="owner" value={owner} onChange={(e) => setOwner(e.target.value)} errors={errors} required />
        <TextField label={t('planDueDate')} name="dueDate" type="date" value={dueDate} onChange={(e) => setDueDate(e.target.value)} errors={errors} required />
      </div>
      <div className="btnrow">
        <Button variant="secondary" onClick={() => void send('save_draft')} busy={busy === 'save_draft'}>{t('saveDraft')}</Button>
        <Button onClick={() => void send('submit')} busy={busy === 'submit'} data-action="submit-plan">{t('submitPlan')}</Button>
      </div>
    </div>
  );
}

function ReportForm({ audit, finding, previous, onDone }: { audit: AuditDetail; finding: Finding; previous?: Submission; onDone: () => Promise<void> }) {
  const { t, lang } = useI18n();
  const [text, setText] = useState(previous?.text ?? '');
  const [evidence, setEvidence] = useState<number[]>(previous?.evidenceFileIds ?? []);
  const docs = useAsync(() => loadDocuments(audit.id), [audit.id]);
  const { errors, error, busy, submit } = useSubmission<'save_draft' | 'submit'>(lang);
  const [message, setMessage] = useState<string | null>(null);
  const files: StoredFileView[] = docs.data?.evidence ?? [];
  const send = (intent: 'save_draft' | 'submit') => {
    const check = new Checker(lang);
    if (intent === 'submit') check.required('text', text).required('evidenceFileIds', evidence);
    return submit(intent, check, async () => {
      await api.post(`/api/audits/${audit.id}/findings/${finding.id}/report`, { text, evidenceFileIds: evidence, intent });
      setMessage(intent === 'submit' ? t('submitted') : t('draftSaved'));
      await onDone();
    });
  };
  return (
    <div className="subform" data-form="report">
      <h3 className="subhead">{t('resultReport')}</h3>
      {previous?.status === 'returned' ? <Alert kind="warning" title={t('returnedWhy')}>{previous.reviewComment}</Alert> : null}
      {message ? <Alert kind="success">{message}</Alert> : null}
      <ErrorSummary error={error} fields={['text', 'evidenceFileIds']} />
      <TextAreaField label={t('reportText')} name="text" value={text} onChange={(e) => setText(e.target.value)} errors={errors} required rows={3} />
      <fieldset className={`fieldset${errors.evidenceFileIds ? ' field--invalid' : ''}`} data-field="evidenceFileIds">
        <legend className="field__label">{t('evidenceFiles')}</legend>
        {files.length === 0 ? <p className="small muted">{t('none')}</p> : null}
        {files.map((f) => (
          <label key={f.id} className="checkline">
            <input type="checkbox" checked={evidence.includes(f.id)} onChange={() => setEvidence(evidence.includes(f.id) ? evidence.filter((x) => x !== f.id) : [...evidence, f.id])} />
            {f.name} <span className="muted small">file:{f.id}</span>
          </label>
        ))}
        {errors.evidenceFileIds ? <div className="field__error" role="alert">{errors.evidenceFileIds.join(' ')}</div> : null}
      </fieldset>
      {may(audit, 'evidence.upload') ? (
        <Uploader<StoredFileView>
          url={`/api/audits/${audit.id}/evidence`}
          label={t('uploadEvidence')}
          onUploaded={async (f) => {
            setEvidence((e) => [...e, f.id]);
            await docs.reload();
          }}
        />
      ) : null}
      <div className="btnrow">
        <Button variant="secondary" onClick={() => void send('save_draft')} busy={busy === 'save_draft'}>{t('saveDraft')}</Button>
        <Button onClick={() => void send('submit')} busy={busy === 'submit'} data-action="submit-report">{t('submitReport')}</Button>
      </div>
    </div>
  );
}

function RecommendationForm({ audit, finding, onDone }: { audit: AuditDetail; finding: Finding; onDone: () => Promise<void> }) {
  const { t, lang } = useI18n();
  const [response, setResponse] = useState<'will_act' | 'declined' | null>(null);
  const [reason, setReason] = useState('');
  const { errors, error, busy, submit } = useSubmission<'send'>(lang);
  const send = () => {
    const check = new Checker(lang).choose('response', response);
    if (response === 'declined') check.required('reason', reason);
    return submit('send', check, async () => {
      await api.post(`/api/audits/${audit.id}/findings/${finding.id}/recommendation-answer`, response === 'declined' ? { response, reason } : { response });
      await onDone();
    });
  };
  return (
    <div className="subform" data-form="recommendation">
      <ErrorSummary error={error} fields={['response', 'reason']} />
      <RadioGroup<'will_act' | 'declined'>
        legend={t('recommendationAnswer')} name="response" value={response} onChange={setResponse} errors={errors}
        options={[{ value: 'will_act', label: t('willAct') }, { value: 'declined', label: t('decline') }]}
      />
      {response === 'declined' ? <TextAreaField label={t('declineReason')} name="reason" value={reason} onChange={(e) => setReason(e.target.value)} errors={errors} required /> : null}
      <Button onClick={() => void send()} busy={busy !== null}>{t('send')}</Button>
    </div>
  );
}

function ReviewForm({ audit, finding, submission, onDone }: { audit: AuditDetail; finding: Finding; submission: Submission; onDone: () => Promise<void> }) {
  const { t, L, lang } = useI18n();
  const [comment, setComment] = useState('');
  const { errors, error, busy, submit } = useSubmission<'accept' | 'return'>(lang);
  const send = (decision: 'accept' | 'return') => {
    const check = new Checker(lang);
    if (decision === 'return') check.required('comment', comment);
    return submit(decision, check, async () => {
      await api.post(`/api/audits/${audit.id}/findings/${finding.id}/submissions/${submission.id}/review`, comment ? { decision, comment } : { decision });
      setComment('');
      await onDone();
    });
  };
  return (
    <div className="subform" data-form={`review-${submission.kind}`}>
      <h3 className="subhead">{L(SUBMISSION_KIND_LABELS[submission.kind])} #{submission.sequence}</h3>
      <ErrorSummary error={error} fields={['comment']} />
      <TextAreaField label={t('returnComment')} name="comment" value={comment} onChange={(e) => setComment(e.target.value)} errors={errors} rows={2} />
      <div className="btnrow">
        <Button onClick={() => void send('accept')} busy={busy === 'accept'}>{t('acceptSubmission')}</Button>
        <Button variant="danger" onClick={() => void send('return')} busy={busy === 'return'}>{t('returnSubmission')}</Button>
      </div>
    </div>
  );
}
