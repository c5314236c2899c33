/** 年度監査計画: the fiscal year's audits by month, the call for volunteers and its applications. */
import { useEffect, useMemo, useState } from 'react';
import { fiscalYearLabel, fiscalYearMonths } from '../../../src/audit/fiscal-year';
import { PLAN_STATUS_LABELS, type AuditStatus } from '../../../src/audit/vocabulary';
import { api, ApiError } from '../api';
import { formatDate, monthShort } from '../format';
import { useAsync, useSubmission } from '../hooks';
import { useI18n } from '../i18n';
import { Link, navigate } from '../router';
import { isChief, isLead, useSession } from '../session';
import type { AuditRow, Organisation, Plan } from '../types';
import { Alert, Badge, Button, ErrorSummary, Loading, PageHeader, Section, SelectField, StatusBadge, TextAreaField, TextField } from '../ui/components';
import { ReasonDialog } from '../ui/reason-dialog';
import { Checker } from '../validation';
import { currentFiscalYear } from './dashboard';
import { RiskPlanning } from './risk-planning';

export function PlansPage() {
  const { t, L, lang } = useI18n();
  const { me } = useSession();
  const plans = useAsync(() => api.get<Plan[]>('/api/plans'), []);
  const [year, setYear] = useState<number | null>(null);
  useEffect(() => {
    if (year === null && plans.data) setYear(plans.data[0]?.fiscalYear ?? currentFiscalYear());
  }, [plans.data, year]);
  const fy = year ?? currentFiscalYear();
  const summary = plans.data?.find((p) => p.fiscalYear === fy);
  const plan = useAsync(async () => (summary ? api.get<Plan>(`/api/plans/${summary.id}`) : null), [summary?.id]);
  const audits = useAsync(() => api.get<AuditRow[]>(`/api/audits?fiscalYear=${fy}`), [fy]);
  const years = [...new Set([...(plans.data ?? []).map((p) => p.fiscalYear), currentFiscalYear(), currentFiscalYear() + 1])].sort((a, b) => b - a);
  const reload = async () => {
    await plans.reload();
    await plan.reload();
    await audits.reload();
  };

  return (
    <div>
      <PageHeader
        title={t('plansTitle')}
        subtitle={t('plansIntro')}
        actions={
          <label className="inline-field">
            <span>{t('fiscalYear')}</span>
            <select className="input select" value={fy} onChange={(e) => setYear(Number(e.target.value))} data-testid="plan-year">
              {years.map((y) => <option key={y} value={y}>{L(fiscalYearLabel(y))}</option>)}
            </select>
          </label>
        }
      />
      {plans.loading && !plans.data ? <Loading /> : null}
      <ErrorSummary error={plans.error} />
      {plans.data && !summary ? (
        <div className="stack">
          {isLead(me) ? <CreatePlan year={fy} onCreated={reload} /> : <p className="empty">{t('noPlan')}</p>}
          {isLead(me) ? <RiskPlanning fiscalYear={fy} planId={null} /> : null}
        </div>
      ) : null}
      {plan.data ? (
        <div className="stack">
          <Section
            title={
              <>
                {plan.data.title} <Badge tone={plan.data.status === 'approved' ? 'green' : 'grey'}>{L(PLAN_STATUS_LABELS[plan.data.status])}</Badge>
                {plan.data.revision ? <Badge tone="blue">{t('planRevision', { n: plan.data.revision })}</Badge> : null}
              </>
            }
            actions={
              <>
                {isLead(me) ? <Button variant="secondary" onClick={() => navigate(`/audits/new?planId=${plan.data!.id}`)}>{t('navNewAudit')}</Button> : null}
                {plan.data.status === 'draft' && isLead(me) ? <ApproveButton plan={plan.data} onDone={reload} /> : null}
              </>
            }
          >
            <Timeline plan={plan.data} audits={audits.data ?? []} />
          </Section>
          {isLead(me) ? <RiskPlanning fiscalYear={plan.data.fiscalYear} planId={plan.data.id} /> : null}
          <div className="grid grid--2">
            <CallSection plan={plan.data} onSaved={reload} />
            <Applications plan={plan.data} audits={audits.data ?? []} onChanged={reload} />
          </div>
          {plan.data.revisions?.length ? (
            <Section title={t('revisions')}>
              <ul className="plain-list">
                {plan.data.revisions.map((r) => <li key={r.id}>{t('planRevision', { n: r.revision })} — {r.reason} <span className="muted small">{formatDate(r.revisedAt, lang)}</span></li>)}
              </ul>
            </Section>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

function ApproveButton({ plan, onDone }: { plan: Plan; onDone: () => Promise<void> }) {
  const { t, L, lang } = useI18n();
  const { me } = useSession();
  const { error, busy, submit } = useSubmission<'approve'>(lang);
  return (
    <>
      <Button
        busy={busy !== null}
        title={isChief(me) ? undefined : L({ ja: '計画の承認は監査統括責任者が行います。', en: 'The chief audit executive approves the plan.' })}
        onClick={() =>
          void submit('approve', null, async () => {
            await api.post(`/api/plans/${plan.id}/approve`);
            await onDone();
          })
        }
      >
        {t('approvePlan')}
      </Button>
      {error ? <div className="inline-error" role="alert">{error instanceof ApiError ? L(error.bilingual) : t('networkError')}</div> : null}
    </>
  );
}

const STATUS_BAR: Record<AuditStatus, string> = {
  planned: 'grey', documents_requested: 'blue', document_review: 'blue', fieldwork: 'indigo', results_agreement: 'amber',
  reported: 'amber', remediation: 'orange', verified: 'teal', published: 'green', cancelled: 'muted',
};

function Timeline({ plan, audits }: { plan: Plan; audits: AuditRow[] }) {
  const { t, lang } = useI18n();
  const months = fiscalYearMonths(plan.fiscalYear);
  const rows = [...audits].sort((a, b) => (a.plannedMonth ?? '9999').localeCompare(b.plannedMonth ?? '9999') || a.reference.localeCompare(b.reference));
  const inMonth = (date: string | null, m: string) => !!date && date.startsWith(m);
  const callMonths = useMemo(() => {
    if (!plan.callOpensOn || !plan.callClosesOn) return new Set<string>();
    return new Set(months.filter((m) => m >= plan.callOpensOn!.slice(0, 7) && m <= plan.callClosesOn!.slice(0, 7)));
  }, [months, plan.callOpensOn, plan.callClosesOn]);
  const nowMonth = new Date().toISOString().slice(0, 7);
  return (
    <div className="timeline-wrap">
      <table className="timeline" data-testid="timeline" aria-label={t('timeline')}>
        <thead>
          <tr>
            <th scope="col" className="timeline__label">{t('auditee')}</th>
            {months.map((m) => (
              <th key={m} scope="col" className={m === nowMonth ? 'timeline__now' : undefined}>
                {monthShort(m, lang)}
                {m.endsWith('-04') || m.endsWith('-01') ? <div className="timeline__year">{m.slice(0, 4)}</div> : null}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr className="timeline__call">
            <th scope="row" className="timeline__label">{t('callPeriod')}</th>
            {months.map((m) => <td key={m}>{callMonths.has(m) ? <span className="timeline__callbar" title={`${plan.callOpensOn} – ${plan.callClosesOn}`} /> : null}</td>)}
          </tr>
          {rows.map((a) => (
            <tr key={a.id} data-audit={a.reference}>
              <th scope="row" className="timeline__label">
                <Link to={`/audits/${a.id}`}>{a.reference}</Link> <span className="timeline__name">{lang === 'en' && a.auditee?.nameEn ? a.auditee.nameEn : a.auditee?.name}</span>
              </th>
              {months.map((m) => (
                <td key={m} className={m === nowMonth ? 'timeline__now' : undefined}>
                  {a.plannedMonth === m ? (
                    <Link to={`/audits/${a.id}`} className={`timeline__chip timeline__chip--${STATUS_BAR[a.status]}`} title={a.reference}>
                      <StatusBadge status={a.status} />
                    </Link>
                  ) : null}
                  {inMonth(a.documentDeadline, m) ? <div className="timeline__mark" title={t('documentDeadline')}>▲ {Number(a.documentDeadline!.slice(8, 10))}{lang === 'ja' ? '日 文書' : ' docs'}</div> : null}
                  {inMonth(a.visitDate, m) ? <div className="timeline__mark timeline__mark--visit" title={t('visitDate')}>● {Number(a.visitDate!.slice(8, 10))}{lang === 'ja' ? '日 往査' : ' visit'}</div> : null}
                </td>
              ))}
            </tr>
          ))}
          {rows.length === 0 ? (
            <tr><td colSpan={13} className="empty">{t('noAudits')}</td></tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}

function CreatePlan({ year, onCreated }: { year: number; onCreated: () => Promise<void> }) {
  const { t, lang } = useI18n();
  const [title, setTitle] = useState(`${year}年度 外部監査計画`);
  const [opensOn, setOpensOn] = useState(`${year}-04-01`);
  const [closesOn, setClosesOn] = useState(`${year}-05-15`);
  const [description, setDescription] = useState('');
  const { errors, error, busy, submit } = useSubmission<'create'>(lang);
  useEffect(() => setTitle(`${year}年度 外部監査計画`), [year]);
  const create = () =>
    submit('create', new Checker(lang).required('title', title).date('call.opensOn', opensOn).date('call.closesOn', closesOn), async () => {
      await api.post('/api/plans', { fiscalYear: year, title, ...(opensOn && closesOn ? { call: { opensOn, closesOn, description: description || undefined } } : {}) });
      await onCreated();
    });
  return (
    <Section title={t('createPlan')}>
      <p>{t('noPlan')}</p>
      <ErrorSummary error={error} fields={['title', 'call.opensOn', 'call.closesOn']} />
      <TextField label={t('planTitle')} name="title" value={title} onChange={(e) => setTitle(e.target.value)} errors={errors} required />
      <div className="grid grid--2">
        <TextField label={t('callOpens')} name="call.opensOn" type="date" value={opensOn} onChange={(e) => setOpensOn(e.target.value)} errors={errors} />
        <TextField label={t('callCloses')} name="call.closesOn" type="date" value={closesOn} onChange={(e) => setClosesOn(e.target.value)} errors={errors} />
      </div>
      <TextAreaField label={t('callDescription')} name="call.description" value={description} onChange={(e) => setDescription(e.target.value)} errors={errors} />
      <Button busy={busy !== null} onClick={() => void create()}>{t('createPlan')}</Button>
    </Section>
  );
}

function CallSection({ plan, onSaved }: { plan: Plan; onSaved: () => Promise<void> }) {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const [opensOn, setOpensOn] = useState(plan.callOpensOn ?? '');
  const [closesOn, setClosesOn] = useState(plan.callClosesOn ?? '');
  const [description, setDescription] = useState(plan.callDescription ?? '');
  const [reason, setReason] = useState('');
  const { errors, error, busy, submit } = useSubmission<'save'>(lang);
  const [saved, setSaved] = useState(false);
  const editable = isLead(me);
  const save = () => {
    const check = new Checker(lang).required('call.opensOn', opensOn).required('call.closesOn', closesOn).date('call.opensOn', opensOn).date('call.closesOn', closesOn);
    if (plan.status === 'approved') check.required('reason', reason);
    setSaved(false);
    return submit('save', check, async () => {
      await api.patch(`/api/plans/${plan.id}`, { call: { opensOn, closesOn, description: description || undefined }, ...(plan.status === 'approved' ? { reason } : {}) });
      setSaved(true);
      await onSaved();
    });
  };
  return (
    <Section title={t('call')}>
      {saved ? <Alert kind="success">{t('callSaved')}</Alert> : null}
      <ErrorSummary error={error} fields={['call.opensOn', 'call.closesOn', 'call.description', 'reason']} />
      <div className="grid grid--2">
        <TextField label={t('callOpens')} name="call.opensOn" type="date" value={opensOn} onChange={(e) => setOpensOn(e.target.value)} errors={errors} disabled={!editable} required />
        <TextField label={t('callCloses')} name="call.closesOn" type="date" value={closesOn} onChange={(e) => setClosesOn(e.target.value)} errors={errors} disabled={!editable} required />
      </div>
      <TextAreaField label={t('callDescription')} name="call.description" value={description} onChange={(e) => setDescription(e.target.value)} errors={errors} disabled={!editable} />
      {editable && plan.status === 'approved' ? <TextAreaField label={t('revisionReason')} name="reason" hint={t('revisionReasonHint')} value={reason} onChange={(e) => setReason(e.target.value)} errors={errors} required rows={2} /> : null}
      {editable ? <Button variant="secondary" busy={busy !== null} onClick={() => void save()}>{t('saveCall')}</Button> : null}
    </Section>
  );
}

function Applications({ plan, audits, onChanged }: { plan: Plan; audits: AuditRow[]; onChanged: () => Promise<void> }) {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const orgs = useAsync(() => api.get<Organisation[]>('/api/organisations'), []);
  const [organisationId, setOrganisationId] = useState('');
  const [receivedOn, setReceivedOn] = useState('');
  const [note, setNote] = useState('');
  const { errors, error, busy, submit } = useSubmission<'record'>(lang);
  const [done, setDone] = useState(false);
  const apps = plan.applications ?? [];
  const record = () => {
    setDone(false);
    return submit('record', new Checker(lang).choose('organisationId', organisationId).date('receivedOn', receivedOn), async () => {
      await api.post(`/api/plans/${plan.id}/applications`, { organisationId: Number(organisationId), ...(receivedOn ? { receivedOn } : {}), ...(note ? { note } : {}) });
      setOrganisationId('');
      setNote('');
      setReceivedOn('');
      // Confirmed once the list shows the new application.
      await onChanged();
      setDone(true);
    });
  };
  const [declining, setDeclining] = useState<NonNullable<Plan['applications']>[number] | null>(null);
  const statusLabel = (s: string) => (s === 'selected' ? t('appSelected') : s === 'not_selected' ? t('appNotSelected') : t('appReceived'));
  const candidates = (orgs.data ?? []).filter((o) => o.kind !== 'audit_body' && !apps.some((a) => a.organisationId === o.id));
  return (
    <Section title={`${t('applications')}（${apps.length}）`}>
      {apps.length === 0 ? <p className="empty">{t('noApplications')}</p> : (
        <table className="table table--compact" data-testid="applications">
          <thead>
            <tr>
              <th scope="col">{t('auditee')}</th>
              <th scope="col">{t('receivedOn')}</th>
              <th scope="col">{t('applicationStatus')}</th>
              <th scope="col"><span className="sr-only">{t('planAudit')}</span></th>
            </tr>
          </thead>
          <tbody>
            {apps.map((a) => {
              const audit = audits.find((x) => x.auditeeId === a.organisationId && x.status !== 'cancelled');
              return (
                <tr key={a.id}>
                  <td>
                    {lang === 'en' && a.organisation?.nameEn ? a.organisation.nameEn : a.organisation?.name}
                    {a.note ? <div className="small muted">{a.note}</div> : null}
                  </td>
                  <td className="nowrap">{formatDate(a.receivedOn, lang)}</td>
                  <td data-testid={`application-${a.id}`}>
                    <Badge tone={a.status === 'selected' ? 'green' : a.status === 'not_selected' ? 'muted' : 'blue'}>{statusLabel(a.status)}</Badge>
                    {a.decisionReason ? <div className="small muted">{a.decisionReason}</div> : null}
                    {a.status !== 'received' && a.decidedOn ? <div className="small muted">{t('decidedOn', { date: formatDate(a.decidedOn, lang) })}</div> : null}
                  </td>
                  <td className="nowrap">
                    {audit ? <Link to={`/audits/${audit.id}`}>{audit.reference}</Link> : isLead(me) ? <Link to={`/audits/new?planId=${plan.id}&auditeeId=${a.organisationId}`}>{t('planAudit')}</Link> : null}
                    {!audit && isLead(me) && a.status === 'received' ? (
                      <Button variant="ghost" onClick={() => setDeclining(a)} data-testid={`decline-${a.id}`}>{t('declineApplication')}</Button>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <DeclineDialog planId={plan.id} application={declining} onClose={() => setDeclining(null)} onDone={async () => { setDeclining(null); await onChanged(); }} />
      {isLead(me) ? (
        <div className="subform">
          <h3 className="subhead">{t('recordApplication')}</h3>
          {done ? <Alert kind="success">{t('applicationRecorded')}</Alert> : null}
          <ErrorSummary error={error} fields={['organisationId', 'receivedOn', 'note']} />
          <div className="grid grid--2">
            <SelectField label={t('auditee')} name="organisationId" value={organisationId} onChange={(e) => setOrganisationId(e.target.value)} errors={errors} required>
              <option value="">{t('selectPlaceholder')}</option>
              {candidates.map((o) => <option key={o.id} value={o.id}>{lang === 'en' && o.nameEn ? o.nameEn : o.name}</option>)}
            </SelectField>
            <TextField label={t('receivedOn')} name="receivedOn" type="date" value={receivedOn} onChange={(e) => setReceivedOn(e.target.value)} errors={errors} />
          </div>
          <TextField label={t('note')} name="note" value={note} onChange={(e) => setNote(e.target.value)} errors={errors} />
          <Button variant="secondary" busy={busy !== null} onClick={() => void record()}>{t('recordApplication')}</Button>
        </div>
      ) : null}
    </Section>
  );
}

/** 選定しない: the reason is what the applicant is told. */
function DeclineDialog({ planId, application, onClose, onDone }: {
  planId: number; application: NonNullable<Plan['applications']>[number] | null; onClose(): void; onDone(): Promise<void>;
}) {
  const { t, lang } = useI18n();
  if (!application) return null;
  const name = lang === 'en' && application.organisation?.nameEn ? application.organisation.nameEn : application.organisation?.name ?? '';
  return (
    <ReasonDialog
      key={application.id}
      title={t('declineTitle', { name })}
      label={t('applicationDeclineReason')}
      hint={t('declineHint')}
      confirm={t('declineApplication')}
      testId="decline"
      onClose={onClose}
      send={async (reason) => {
        await api.post(`/api/plans/${planId}/applications/${application.id}/decline`, { reason });
        await onDone();
      }}
    />
  );
}
