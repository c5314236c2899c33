/** 監査の作成: kind, plan, auditee, criteria catalogue and scope, dates, manager and team. */
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { AUDIT_KIND_LABELS, type AuditKind } from '../../../src/audit/vocabulary';
import { api, ApiError } from '../api';
import { cachedCatalog, groupOf, groupTitle } from '../catalog';
import { useAsync, useSubmission } from '../hooks';
import { useI18n } from '../i18n';
import { navigate, useLocation } from '../router';
import { useSession, isChief } from '../session';
import type { AuditRow, CatalogDetail, CatalogSummary, Organisation, Person, Plan } from '../types';
import {
  Button, ErrorSummary, Loading, PageHeader, RadioGroup, Section, SelectField, TextAreaField, TextField,
} from '../ui/components';
import { Checker } from '../validation';
import { TeamPicker } from './team-picker';

interface Reference {
  plans: Plan[];
  organisations: Organisation[];
  people: Person[];
  catalogs: CatalogSummary[];
}

export function AuditCreatePage() {
  const { t, L, lang } = useI18n();
  const { me } = useSession();
  const { query } = useLocation();
  const ref = useAsync<Reference>(async () => {
    const [plans, organisations, people, catalogs] = await Promise.all([
      api.get<Plan[]>('/api/plans'),
      api.get<Organisation[]>('/api/organisations'),
      api.get<Person[]>('/api/people'),
      api.get<CatalogSummary[]>('/api/catalogs'),
    ]);
    return { plans, organisations, people, catalogs };
  }, []);

  const [kind, setKind] = useState<AuditKind>('planned');
  const [planId, setPlanId] = useState<string>(query.get('planId') ?? '');
  const [auditeeId, setAuditeeId] = useState<string>(query.get('auditeeId') ?? '');
  const [trigger, setTrigger] = useState('');
  const [catalogCode, setCatalogCode] = useState('minimum-baseline');
  const [catalogVersion, setCatalogVersion] = useState('');
  const [scopeMode, setScopeMode] = useState<'all' | 'subset'>('all');
  const [scopeItems, setScopeItems] = useState<number[]>([]);
  const [exclusionReason, setExclusionReason] = useState('');
  const [plannedMonth, setPlannedMonth] = useState('');
  const [documentDeadline, setDocumentDeadline] = useState('');
  const [visitDate, setVisitDate] = useState('');
  const [revisionReason, setRevisionReason] = useState('');
  const [managerId, setManagerId] = useState<number | null>(isChief(me) ? null : me.personId);
  const [memberIds, setMemberIds] = useState<number[]>([]);
  const { errors, error, busy, submit: send, reset } = useSubmission<'create'>(lang);

  const plans = ref.data?.plans ?? [];
  useEffect(() => {
    if (!planId && plans.length) setPlanId(String(plans[0].id));
  }, [plans, planId]);
  const catalog = ref.data?.catalogs.find((c) => c.code === catalogCode);
  useEffect(() => {
    if (catalog && !catalog.versions.some((v) => v.version === catalogVersion)) setCatalogVersion(catalog.version);
  }, [catalog, catalogVersion]);
  const items = useAsync<CatalogDetail | null>(
    async () => (catalogCode && catalogVersion ? cachedCatalog<CatalogDetail>(catalogCode, catalogVersion) : null),
    [catalogCode, catalogVersion],
  );
  useEffect(() => {
    setScopeItems(items.data?.items.map((i) => i.no) ?? []);
  }, [items.data]);

  const plan = plans.find((p) => String(p.id) === planId);
  const auditees = (ref.data?.organisations ?? []).filter((o) => o.kind !== 'audit_body');
  const grouped = useMemo(() => {
    const out = new Map<string, CatalogDetail['items']>();
    for (const item of items.data?.items ?? []) {
      const g = groupOf(item);
      out.set(g, [...(out.get(g) ?? []), item]);
    }
    return [...out.entries()];
  }, [items.data]);

  if (ref.loading && !ref.data) return <Loading />;
  if (ref.error) return <ErrorSummary error={ref.error} />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const check = new Checker(lang).choose('auditeeId', auditeeId).choose('catalog.code', catalogCode);
    if (kind === 'planned') check.choose('planId', planId).required('plannedMonth', plannedMonth).month('plannedMonth', plannedMonth);
    else check.required('forCauseTrigger', trigger).month('plannedMonth', plannedMonth);
    if (scopeMode === 'subset') check.required('scopeItems', scopeItems).required('exclusionReason', exclusionReason);
    check.date('documentDeadline', documentDeadline).date('visitDate', visitDate);
    if (documentDeadline && visitDate) check.custom('visitDate', visitDate > documentDeadline, 'dateOrder');
    if (kind === 'planned' && plan?.status === 'approved') check.required('revisionReason', revisionReason);
    reset(check.errors);
    if (!check.ok) {
      document.querySelector<HTMLElement>('.field--invalid input, .field--invalid select, .field--invalid textarea')?.focus();
      return;
    }
    await send('create', null, async () => {
      const body: Record<string, unknown> = {
        kind, auditeeId: Number(auditeeId), catalog: { code: catalogCode, version: catalogVersion || undefined },
      };
      if (kind === 'planned') body.planId = Number(planId);
      if (kind === 'for_cause') body.forCauseTrigger = trigger;
      if (plannedMonth) body.plannedMonth = plannedMonth;
      if (scopeMode === 'subset') {
        body.scopeItems = scopeItems;
        body.exclusionReason = exclusionReason;
      }
      if (documentDeadline) body.documentDeadline = documentDeadline;
      if (visitDate) body.visitDate = visitDate;
      if (managerId) body.managerId = managerId;
      if (revisionReason) body.revisionReason = revisionReason;
      const created = await api.post<AuditRow>('/api/audits', body);
      if (memberIds.length) {
        try {
          await api.put(`/api/audits/${created.id}/team`, { memberIds, managerId: managerId ?? undefined });
        } catch (e) {
          if (e instanceof ApiError) {
            navigate(`/audits/${created.id}?team=1`);
            return;
          }
          throw e;
        }
      }
      navigate(`/audits/${created.id}?created=1`);
    });
  };

  const allNos = items.data?.items.map((i) => i.no) ?? [];
  return (
    <div>
      <PageHeader title={t('createAuditTitle')} subtitle={t('createAuditIntro')} />
      <form className="form form--wide" onSubmit={submit} noValidate>
        <ErrorSummary error={error} fields={Object.keys(errors)} />
        <div className="grid grid--2">
          <Section title={t('auditee')}>
            <RadioGroup<AuditKind>
              legend={t('auditKind')} name="kind" value={kind} onChange={setKind} errors={errors}
              options={(['planned', 'for_cause'] as const).map((k) => ({ value: k, label: L(AUDIT_KIND_LABELS[k]) }))}
            />
            {kind === 'planned' ? (
              <SelectField label={t('annualPlan')} name="planId" value={planId} onChange={(e) => setPlanId(e.target.value)} errors={errors} required>
                <option value="">{t('selectPlaceholder')}</option>
                {plans.map((p) => <option key={p.id} value={p.id}>{p.title}</option>)}
              </SelectField>
            ) : (
              <TextAreaField label={t('forCauseTrigger')} name="forCauseTrigger" value={trigger} onChange={(e) => setTrigger(e.target.value)} errors={errors} required />
            )}
            <SelectField label={t('auditee')} name="auditeeId" value={auditeeId} onChange={(e) => setAuditeeId(e.target.value)} errors={errors} required>
              <option value="">{t('selectPlaceholder')}</option>
              <optgroup label={t('registries')}>
                {auditees.filter((o) => o.kind === 'registry').map((o) => <option key={o.id} value={o.id}>{lang === 'en' && o.nameEn ? o.nameEn : o.name}</option>)}
              </optgroup>
              <optgroup label={t('dataUsers')}>
                {auditees.filter((o) => o.kind === 'data_user').map((o) => <option key={o.id} value={o.id}>{lang === 'en' && o.nameEn ? o.nameEn : o.name}</option>)}
              </optgroup>
            </SelectField>
            <div className="grid grid--3">
              <TextField label={t('plannedMonth')} name="plannedMonth" type="month" value={plannedMonth} onChange={(e) => setPlannedMonth(e.target.value)} errors={errors} required={kind === 'planned'} placeholder="2026-09" />
              <TextField label={t('documentDeadline')} name="documentDeadline" type="date" value={documentDeadline} onChange={(e) => setDocumentDeadline(e.target.value)} errors={errors} />
              <TextField label={t('visitDate')} name="visitDate" type="date" value={visitDate} onChange={(e) => setVisitDate(e.target.value)} errors={errors} />
            </div>
            {kind === 'planned' && plan?.status === 'approved' ? (
              <TextAreaField label={t('revisionReason')} name="revisionReason" hint={t('revisionReasonHint')} value={revisionReason} onChange={(e) => setRevisionReason(e.target.value)} errors={errors} required />
            ) : null}
          </Section>
          <Section title={t('teamTitle')}>
            <TeamPicker
              people={(ref.data?.people ?? []).filter((p) => ref.data?.organisations.find((o) => o.id === p.organisationId)?.kind === 'audit_body')}
              auditeeId={auditeeId ? Number(auditeeId) : null}
              managerId={managerId}
              memberIds={memberIds}
              canChangeManager
              errors={errors}
              onChange={(m, ids) => {
                setManagerId(m);
                setMemberIds(ids);
              }}
            />
          </Section>
        </div>
        <Section title={`${t('catalogue')}・${t('scope')}`}>
          <div className="grid grid--3">
            <SelectField label={t('catalogue')} name="catalog.code" value={catalogCode} onChange={(e) => setCatalogCode(e.target.value)} errors={errors} required>
              {(ref.data?.catalogs ?? []).map((c) => <option key={c.code} value={c.code}>{L(c.title)}</option>)}
            </SelectField>
            <SelectField label={t('catalogueVersion')} name="catalog.version" value={catalogVersion} onChange={(e) => setCatalogVersion(e.target.value)} errors={errors}>
              {(catalog?.versions ?? []).map((v) => <option key={v.version} value={v.version}>{L(v.label)}（{v.itemCount}）</option>)}
            </SelectField>
            <RadioGroup<'all' | 'subset'>
              legend={t('scope')} name="scopeMode" value={scopeMode}
              onChange={(m) => {
                setScopeMode(m);
                if (m === 'all') setScopeItems(allNos);
              }}
              options={[{ value: 'all', label: `${t('scopeAll')}（${t('scopeCount', { n: allNos.length })}）` }, { value: 'subset', label: t('scopeSubset') }]}
            />
          </div>
          {scopeMode === 'subset' ? (
            <>
              <p className="muted">{t('scopeCount', { n: scopeItems.length })} / {allNos.length}</p>
              {errors.scopeItems ? <div className="field__error" role="alert">{errors.scopeItems.join(' ')}</div> : null}
              <div className="scope-groups" data-field="scopeItems">
                {grouped.map(([code, groupItems]) => {
                  const nos = groupItems.map((i) => i.no);
                  return (
                    <fieldset key={code} className="scope-group">
                      <legend>{groupTitle(code, items.data?.groups as never, t, lang)}</legend>
                      <div className="scope-group__tools">
                        <button type="button" className="linkbtn" onClick={() => setScopeItems([...new Set([...scopeItems, ...nos])].sort((a, b) => a - b))}>{t('selectAllInCategory')}</button>
                        <button type="button" className="linkbtn" onClick={() => setScopeItems(scopeItems.filter((n) => !nos.includes(n)))}>{t('clearAllInCategory')}</button>
                      </div>
                      {groupItems.map((item) => (
                        <label key={item.no} className="scope-item">
                          <input type="checkbox" checked={scopeItems.includes(item.no)} onChange={() => setScopeItems(scopeItems.includes(item.no) ? scopeItems.filter((n) => n !== item.no) : [...scopeItems, item.no].sort((a, b) => a - b))} />
                          <span className="scope-item__no">{item.no}</span>
                          <span className="scope-item__text">{lang === 'en' && item.textEn ? item.textEn : item.text}</span>
                          {item.zone !== undefined ? <span className="badge badge--grey">{t('zoneN', { n: item.zone })}</span> : null}
                        </label>
                      ))}
                    </fieldset>
                  );
                })}
              </div>
              <TextAreaField label={t('exclusionReason')} name="exclusionReason" value={exclusionReason} onChange={(e) => setExclusionReason(e.target.value)} errors={errors} required />
            </>
          ) : null}
        </Section>
        <div className="form__actions form__actions--sticky">
          <Button type="submit" busy={busy !== null}>{busy ? t('creating') : t('createAudit')}</Button>
        </div>
      </form>
    </div>
  );
}

