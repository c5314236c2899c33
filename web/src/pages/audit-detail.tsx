/** One audit: the process stepper, tabs, and the overview with the next step and its actions. */
import { useEffect, useRef, useState } from 'react';
import { canPerform, type AuditAction } from '../../../src/audit/access';
import { AUDIT_KIND_LABELS, AUDIT_STATUS_LABELS, AUDIT_STATUSES, SEVERITIES, SEVERITY_LABELS, type AuditStatus } from '../../../src/audit/vocabulary';
import { api, ApiError, isNetworkError } from '../api';
import { formatDate, formatDateTime, formatMonth, personLabel } from '../format';
import { useAsync, useSubmission } from '../hooks';
import { useI18n } from '../i18n';
import { getOfflineAudit, listOutbox, removeOfflineAudit, type OfflineAudit } from '../offline/db';
import { loadAudit, makeAvailableOffline, shellStatus, type ShellStatus } from '../offline/offline-audit';
import { useSyncState } from '../offline/sync';
import { useLocation } from '../router';
import { isAuditBody, isChief, isLead, useSession } from '../session';
import type { AuditDetail, Organisation, Person } from '../types';
import {
  Alert, Badge, Button, Dialog, ErrorSummary, Facts, Loading, PageHeader, ProgressBar, Section, StatusBadge, Tabs, TextAreaField, TextField,
} from '../ui/components';
import { Checker } from '../validation';
import { ActivityTab } from './activity';
import { DocumentsTab } from './documents';
import { FindingsTab } from './findings';
import { auditeeStep, NextAction } from './home';
import { ReportsPanel } from './reports';
import { TeamPicker } from './team-picker';
import { WorkpaperEditor } from './workpaper-editor';
import { WorkpaperList } from './workpapers';

export const may = (audit: AuditDetail, action: AuditAction) => canPerform(action, audit.status, audit.myRelations);

export function AuditPage({ auditId, tab, sub }: { auditId: number; tab: string; sub?: string }) {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const audit = useAsync(() => loadAudit(auditId), [auditId]);
  const a = audit.data;
  // A workpaper saved (now or by the background sync): the progress figures change.
  const { lastSyncAt } = useSyncState();
  const reloadAudit = audit.reload;
  const seenSync = useRef(lastSyncAt);
  useEffect(() => {
    if (lastSyncAt === seenSync.current) return;
    seenSync.current = lastSyncAt;
    void reloadAudit();
  }, [lastSyncAt, reloadAudit]);
  if (audit.loading && !a) return <Loading />;
  if (!a) {
    return isNetworkError(audit.error) ? (
      <Alert kind="warning" title={t('notAvailableOffline')}>{t('notAvailableOfflineHint')}</Alert>
    ) : (
      <ErrorSummary error={audit.error} />
    );
  }
  const body = isAuditBody(me) && a.myRelations.some((r) => r !== 'auditee');
  const tabs = [
    { key: 'overview', to: `/audits/${a.id}`, label: t('overview') },
    { key: 'documents', to: `/audits/${a.id}/documents`, label: t('documents'), badge: `${a.documentRequests.answered}/${a.documentRequests.total}` },
    ...(body ? [{ key: 'workpapers', to: `/audits/${a.id}/workpapers`, label: t('workpapers'), badge: a.progress ? `${a.progress.concluded}/${a.progress.workpapers}` : undefined }] : []),
    { key: 'findings', to: `/audits/${a.id}/findings`, label: t('findings') },
    ...(body ? [{ key: 'activity', to: `/audits/${a.id}/activity`, label: t('activity') }] : []),
  ];
  return (
    <div>
      <PageHeader
        crumbs={[{ to: '/', label: isLead(me) ? t('navBoard') : body ? t('navMyAudits') : t('navOurAudits') }]}
        title={
          <>
            <span className="ref">{a.reference}</span> {lang === 'en' && a.auditee.nameEn ? a.auditee.nameEn : a.auditee.name}
          </>
        }
        subtitle={<AuditSubtitle audit={a} />}
        actions={<StatusBadge status={a.status} />}
      />
      {audit.offlineAt ? <Alert kind="warning">{t('offlineCopy', { at: formatDateTime(audit.offlineAt, lang) })}</Alert> : null}
      {sub ? null : <Stepper status={a.status} />}
      <Tabs items={tabs} current={tab} />
      <div className="tabpanel">
        {tab === 'overview' ? <Overview audit={a} reload={audit.reload} offline={!!audit.offlineAt} /> : null}
        {tab === 'documents' ? <DocumentsTab audit={a} onChanged={audit.reload} /> : null}
        {tab === 'workpapers' && body && !sub ? <WorkpaperList audit={a} /> : null}
        {tab === 'workpapers' && body && sub ? <WorkpaperEditor audit={a} workpaperId={Number(sub)} key={sub} /> : null}
        {tab === 'findings' ? <FindingsTab audit={a} onChanged={audit.reload} /> : null}
        {tab === 'activity' && body ? <ActivityTab audit={a} /> : null}
      </div>
    </div>
  );
}

function AuditSubtitle({ audit }: { audit: AuditDetail }) {
  const { L, lang, t } = useI18n();
  return (
    <>
      {L(AUDIT_KIND_LABELS[audit.kind])} ・ {L(audit.catalog.title)}（{audit.catalog.version}）・ {t('plannedMonth')} {formatMonth(audit.plannedMonth, lang)}
    </>
  );
}

function Stepper({ status }: { status: AuditStatus }) {
  const { L, t } = useI18n();
  const path = AUDIT_STATUSES.filter((s) => s !== 'cancelled');
  const current = (path as readonly AuditStatus[]).indexOf(status);
  return (
    <ol className="stepper" aria-label={t('auditProcess')}>
      {path.map((s, i) => (
        <li key={s} className={`stepper__step${i < current ? ' stepper__step--done' : ''}${i === current ? ' stepper__step--current' : ''}`} aria-current={i === current ? 'step' : undefined}>
          <span className="stepper__dot">{i < current ? '✓' : i + 1}</span>
          <span className="stepper__label">{L(AUDIT_STATUS_LABELS[s])}</span>
        </li>
      ))}
      {status === 'cancelled' ? <li className="stepper__step stepper__step--cancelled"><span className="stepper__label">{L(AUDIT_STATUS_LABELS.cancelled)}</span></li> : null}
    </ol>
  );
}

function Overview({ audit, reload, offline }: { audit: AuditDetail; reload: () => Promise<void>; offline: boolean }) {
  const { t, L, lang } = useI18n();
  const { query } = useLocation();
  const body = audit.myRelations.some((r) => r !== 'auditee');
  return (
    <div className="overview">
      {query.get('created') ? <Alert kind="success">{t('auditCreated', { ref: audit.reference })}</Alert> : null}
      {query.get('team') ? <Alert kind="warning">{t('teamNotSaved')}</Alert> : null}
      <div className="grid grid--main">
        <div className="stack">
          <Section title={t('nextStepTitle')}>
            {body ? <NextAction audit={audit} /> : <p data-testid="auditee-next-step">{auditeeStep(audit, t, lang)}</p>}
            {body && !offline ? <Transitions audit={audit} onDone={reload} /> : null}
          </Section>
          <Section title={t('overview')}>
            <Facts
              rows={[
                [t('auditKind'), L(AUDIT_KIND_LABELS[audit.kind])],
                ...(audit.forCauseTrigger ? [[t('forCauseTrigger'), audit.forCauseTrigger] as [string, string]] : []),
                [t('catalogue'), `${L(audit.catalog.title)}（${audit.catalog.version}）`],
                [t('scope'), audit.scopeExclusionReason ? `${t('scopeCount', { n: audit.scopeItems.length })} / ${audit.catalog.itemCount}（${audit.scopeExclusionReason}）` : `${t('scopeAll')}（${t('scopeCount', { n: audit.scopeItems.length })}）`],
                [t('plannedMonth'), formatMonth(audit.plannedMonth, lang)],
                [t('documentDeadline'), formatDate(audit.documentDeadline, lang)],
                [t('visitDate'), `${formatDate(audit.visitDate, lang)}${audit.visitStart ? ` ${audit.visitStart}–${audit.visitEnd ?? ''}` : ''}`],
                [t('manager'), audit.manager ? personLabel(audit.manager) : t('notSet')],
                [t('team'), audit.team.length ? audit.team.map(personLabel).join('、') : t('notSet')],
                ...(audit.remediationPlanDeadline ? [[t('remediationPlanDeadline'), formatDate(audit.remediationPlanDeadline, lang)] as [string, string]] : []),
                ...(audit.publishedOn ? [[t('publishedOn'), formatDate(audit.publishedOn, lang)] as [string, string]] : []),
                ...(audit.cancelReason ? [[L(AUDIT_STATUS_LABELS.cancelled), audit.cancelReason] as [string, string]] : []),
              ]}
            />
          </Section>
          {body && !offline && may(audit, 'audit.setDates') ? <ScheduleEditor audit={audit} onSaved={reload} /> : null}
          {body && !offline && may(audit, 'audit.setTeam') ? <TeamEditor audit={audit} onSaved={reload} openInitially={!!query.get('team')} /> : null}
        </div>
        <div className="stack">
          {audit.progress ? (
            <Section title={t('progress')}>
              <ProgressBar label={`${t('concluded')} ${audit.progress.concluded}/${audit.progress.workpapers}`} value={audit.progress.concluded} max={audit.progress.workpapers || 1} />
              <ProgressBar label={`${t('preparerSigned')} ${audit.progress.preparerSigned}/${audit.progress.workpapers}`} value={audit.progress.preparerSigned} max={audit.progress.workpapers || 1} />
              <ProgressBar label={`${t('reviewerSigned')} ${audit.progress.reviewerSigned}/${audit.progress.workpapers}`} value={audit.progress.reviewerSigned} max={audit.progress.workpapers || 1} />
              <p className="small muted">{t('documentsAnswered', { a: audit.documentRequests.answered, t: audit.documentRequests.total })}</p>
            </Section>
          ) : null}
          {audit.findingCounts ? (
            <Section title={t('findingCounts')}>
              <div className="sevcounts">
                {SEVERITIES.map((s) => (
                  <div key={s} className={`sevcount sevcount--${s}`}>
                    <span className="sevcount__n">{audit.findingCounts![s] ?? 0}</span>
                    <span className="sevcount__label">{L(SEVERITY_LABELS[s])}</span>
                  </div>
                ))}
              </div>
            </Section>
          ) : null}
          {body && may(audit, 'workpaper.view') ? <OfflinePanel audit={audit} /> : null}
          {body && !offline ? <ReportsPanel audit={audit} /> : null}
        </div>
      </div>
    </div>
  );
}

function Transitions({ audit, onDone }: { audit: AuditDetail; onDone: () => Promise<void> }) {
  const { t, L, lang } = useI18n();
  const [asking, setAsking] = useState<AuditDetail['availableTransitions'][number] | null>(null);
  const [reason, setReason] = useState('');
  const { errors, error, busy, submit, reset } = useSubmission<string>(lang);
  const [done, setDone] = useState<string | null>(null);
  if (!audit.availableTransitions.length && !done && !error) return null;

  const run = (tr: AuditDetail['availableTransitions'][number], why?: string) =>
    submit(
      tr.to,
      tr.requiresReason ? new Checker(lang).required('reason', why ?? '') : null,
      async () => {
        setDone(null);
        await api.post(`/api/audits/${audit.id}/transitions`, why ? { to: tr.to, reason: why } : { to: tr.to });
        setAsking(null);
        setReason('');
        setDone(L(tr.action));
        await onDone();
      },
      () => {
        if (!tr.requiresReason) setAsking(null);
      },
    );

  return (
    <div className="transitions">
      {audit.availableTransitions.length ? <h3 className="subhead">{t('transitions')}</h3> : null}
      {done ? <Alert kind="success">{t('transitionDone', { action: done })}</Alert> : null}
      {error && !asking ? (
        <Alert kind="error" title={t('transitionRefused')}>
          {error instanceof ApiError && error.violations.length ? (
            <ul className="plain-list">{error.violations.map((v, i) => <li key={i}>{L(v)}</li>)}</ul>
          ) : error instanceof ApiError ? L(error.bilingual) : t('networkError')}
        </Alert>
      ) : null}
      <div className="btnrow">
        {audit.availableTransitions.map((tr) => (
          <Button
            key={`${tr.to}-${tr.early}`}
            variant={tr.to === 'cancelled' ? 'danger' : tr.early ? 'secondary' : 'primary'}
            busy={busy === tr.to}
            onClick={() => (tr.requiresReason ? (setAsking(tr), reset()) : void run(tr))}
            data-transition={tr.to}
          >
            {L(tr.action)}
          </Button>
        ))}
      </div>
      <Dialog
        open={!!asking}
        title={asking ? L(asking.action) : ''}
        onClose={() => setAsking(null)}
        footer={
          <>
            <Button variant="secondary" onClick={() => setAsking(null)}>{t('cancel')}</Button>
            <Button variant={asking?.to === 'cancelled' ? 'danger' : 'primary'} busy={!!busy} onClick={() => asking && void run(asking, reason)}>{asking ? L(asking.action) : ''}</Button>
          </>
        }
      >
        <p>{t('transitionReasonRequired')}</p>
        <ErrorSummary error={error} fields={['reason']} />
        <TextAreaField label={t('transitionReason')} name="reason" value={reason} onChange={(e) => setReason(e.target.value)} errors={errors} required rows={4} />
      </Dialog>
    </div>
  );
}

function ScheduleEditor({ audit, onSaved }: { audit: AuditDetail; onSaved: () => Promise<void> }) {
  const { t, lang } = useI18n();
  const [v, setV] = useState({
    documentDeadline: audit.documentDeadline ?? '', visitDate: audit.visitDate ?? '', visitStart: audit.visitStart ?? '', visitEnd: audit.visitEnd ?? '',
    plannedMonth: audit.plannedMonth ?? '', revisionReason: '',
  });
  const { errors, error, busy, submit } = useSubmission<'save'>(lang);
  const [saved, setSaved] = useState(false);
  const monthChanged = audit.planId !== null && v.plannedMonth !== (audit.plannedMonth ?? '');
  const save = () => {
    const check = new Checker(lang).date('documentDeadline', v.documentDeadline).date('visitDate', v.visitDate).time('visitStart', v.visitStart).time('visitEnd', v.visitEnd).month('plannedMonth', v.plannedMonth);
    if (v.documentDeadline && v.visitDate) check.custom('visitDate', v.visitDate > v.documentDeadline, 'dateOrder');
    setSaved(false);
    return submit('save', check, async () => {
      const bodyOut: Record<string, string> = {};
      for (const k of ['documentDeadline', 'visitDate', 'visitStart', 'visitEnd', 'plannedMonth'] as const) if (v[k]) bodyOut[k] = v[k];
      if (monthChanged && v.revisionReason) bodyOut.revisionReason = v.revisionReason;
      await api.patch(`/api/audits/${audit.id}/schedule`, bodyOut);
      setSaved(true);
      await onSaved();
    });
  };
  const field = (k: keyof typeof v) => ({ name: k, value: v[k], errors, onChange: (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value }) });
  return (
    <Section title={t('schedule')}>
      <ErrorSummary error={error} fields={Object.keys(v)} />
      {saved ? <Alert kind="success">{t('scheduleSaved')}</Alert> : null}
      <div className="grid grid--3">
        <TextField label={t('plannedMonth')} type="month" {...field('plannedMonth')} />
        <TextField label={t('documentDeadline')} type="date" {...field('documentDeadline')} />
        <TextField label={t('visitDate')} type="date" {...field('visitDate')} />
        <TextField label={t('visitStart')} type="time" {...field('visitStart')} />
        <TextField label={t('visitEnd')} type="time" {...field('visitEnd')} />
      </div>
      {monthChanged ? <TextAreaField label={t('revisionReason')} hint={t('revisionReasonHint')} {...field('revisionReason')} /> : null}
      <div className="form__actions">
        <Button onClick={() => void save()} busy={busy !== null}>{t('saveSchedule')}</Button>
      </div>
    </Section>
  );
}

function TeamEditor({ audit, onSaved, openInitially }: { audit: AuditDetail; onSaved: () => Promise<void>; openInitially: boolean }) {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const [open, setOpen] = useState(openInitially || audit.team.length === 0);
  const ref = useAsync(async () => {
    if (!open) return null;
    const [people, organisations] = await Promise.all([api.get<Person[]>('/api/people'), api.get<Organisation[]>('/api/organisations?kind=audit_body')]);
    const bodyIds = new Set(organisations.map((o) => o.id));
    return people.filter((p) => bodyIds.has(p.organisationId));
  }, [open]);
  const [managerId, setManagerId] = useState<number | null>(audit.manager?.id ?? null);
  const [memberIds, setMemberIds] = useState<number[]>(audit.team.map((m) => m.id));
  const { errors, error, busy, submit, reset } = useSubmission<'save'>(lang);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    setManagerId(audit.manager?.id ?? null);
    setMemberIds(audit.team.map((m) => m.id));
  }, [audit]);
  const save = () => {
    setSaved(false);
    return submit('save', null, async () => {
      const bodyOut: Record<string, unknown> = { memberIds };
      if (managerId && managerId !== audit.manager?.id) bodyOut.managerId = managerId;
      await api.put(`/api/audits/${audit.id}/team`, bodyOut);
      setSaved(true);
      reset();
      await onSaved();
    });
  };
  return (
    <Section title={t('teamTitle')} actions={!open ? <Button variant="secondary" onClick={() => setOpen(true)}>{t('edit')}</Button> : null}>
      {!open ? (
        <p>{audit.manager?.name ?? t('notSet')}（{t('manager')}）・ {audit.team.map((m) => m.name).join('、') || t('notSet')}</p>
      ) : ref.loading && !ref.data ? (
        <Loading />
      ) : (
        <>
          <ErrorSummary error={error} fields={['managerId', 'memberIds']} />
          {saved ? <Alert kind="success">{t('teamSaved')}</Alert> : null}
          <TeamPicker
            people={ref.data ?? []}
            auditeeId={audit.auditee.id}
            managerId={managerId}
            memberIds={memberIds}
            canChangeManager={isChief(me)}
            errors={errors}
            onChange={(m, ids) => {
              setManagerId(m);
              setMemberIds(ids);
            }}
          />
          <div className="form__actions">
            <Button onClick={() => void save()} busy={busy !== null}>{t('saveTeam')}</Button>
          </div>
        </>
      )}
    </Section>
  );
}

function OfflinePanel({ audit }: { audit: AuditDetail }) {
  const { t, lang } = useI18n();
  const sync = useSyncState();
  const [record, setRecord] = useState<OfflineAudit | null | undefined>(undefined);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [shell, setShell] = useState<ShellStatus | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [blocked, setBlocked] = useState(false);
  useEffect(() => {
    void getOfflineAudit(audit.id).then((r) => setRecord(r ?? null), () => setRecord(null));
  }, [audit.id, sync.revision]);
  useEffect(() => {
    if (record) void shellStatus(3000).then(setShell);
  }, [record]);
  const fetchNow = async () => {
    setError(null);
    setProgress({ done: 0, total: 1 });
    try {
      const r = await makeAvailableOffline(audit.id, (done, total) => setProgress({ done, total }));
      setRecord(r);
      setShell(await shellStatus());
    } catch (e) {
      setError(e);
    } finally {
      setProgress(null);
    }
  };
  const remove = async () => {
    const waiting = (await listOutbox()).filter((e) => e.auditId === audit.id);
    if (waiting.length) {
      setBlocked(true);
      return;
    }
    await removeOfflineAudit(audit.id);
    setRecord(null);
  };
  return (
    <Section title={t('offlineTitle')} className="offline-panel">
      <p className="small">{t('offlineHint')}</p>
      <ErrorSummary error={error} />
      {blocked ? <Alert kind="warning">{t('removeOfflineBlocked')}</Alert> : null}
      {progress ? <ProgressBar label={t('makingOffline', { done: progress.done, total: progress.total })} value={progress.done} max={progress.total} /> : null}
      {record ? (
        <>
          <Alert kind="success">
            <span data-testid="offline-ready">{t('offlineReady', { at: formatDateTime(record.fetchedAt, lang), n: record.workpaperCount })}</span>
          </Alert>
          {shell ? <p className="small">{shell.cached ? <Badge tone="green">{t('appShellCached')}</Badge> : <Badge tone="amber">{t('appShellMissing')}</Badge>}</p> : null}
          <div className="btnrow">
            <Button variant="secondary" onClick={() => void fetchNow()} busy={!!progress} disabled={!sync.reachable}>{t('refreshOffline')}</Button>
            <Button variant="ghost" onClick={() => void remove()}>{t('removeOffline')}</Button>
          </div>
        </>
      ) : record === null ? (
        <Button onClick={() => void fetchNow()} busy={!!progress} disabled={!sync.reachable} data-testid="make-offline">{t('makeOffline')}</Button>
      ) : null}
    </Section>
  );
}

