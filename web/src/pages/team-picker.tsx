/**
 * Composing an audit team, with the team rule (src/audit/team.ts, the same function the server
 * runs) evaluated on every pick: the violations show as you choose, not only after saving.
 */
import { useMemo } from 'react';
import { checkTeam, type PersonFacts } from '../../../src/audit/team';
import { ROLE_LABELS } from '../../../src/audit/vocabulary';
import { formatDate, today } from '../format';
import { useI18n } from '../i18n';
import type { Person } from '../types';
import { Badge, Field } from '../ui/components';
import type { FieldErrors } from '../validation';

export function personFacts(p: Person): PersonFacts {
  return {
    id: String(p.id), name: p.name, organisationId: String(p.organisationId), roles: p.roles,
    pledgeSignedOn: p.pledgeSignedOn, conflictOrganisationIds: p.conflictOrganisationIds.map(String),
  };
}

export function teamViolations(people: Person[], auditeeId: number | null, managerId: number | null, memberIds: number[]) {
  if (auditeeId === null) return [];
  const byId = new Map(people.map((p) => [p.id, p]));
  const manager = managerId === null ? null : byId.get(managerId) ?? null;
  return checkTeam({
    auditeeOrganisationId: String(auditeeId),
    manager: manager ? personFacts(manager) : null,
    members: memberIds.map((id) => byId.get(id)).filter((p): p is Person => !!p).map(personFacts),
    referenceDate: today(),
  });
}

export function TeamPicker({
  people, auditeeId, managerId, memberIds, onChange, canChangeManager, errors,
}: {
  people: Person[];
  auditeeId: number | null;
  managerId: number | null;
  memberIds: number[];
  onChange(managerId: number | null, memberIds: number[]): void;
  canChangeManager: boolean;
  errors?: FieldErrors;
}) {
  const { t, L, lang } = useI18n();
  const managers = people.filter((p) => p.active && p.roles.includes('audit_manager'));
  const auditors = people.filter((p) => p.active && p.roles.includes('auditor') && p.id !== managerId);
  const violations = useMemo(() => teamViolations(people, auditeeId, managerId, memberIds), [people, auditeeId, managerId, memberIds]);
  const toggle = (id: number) => onChange(managerId, memberIds.includes(id) ? memberIds.filter((m) => m !== id) : [...memberIds, id]);

  return (
    <div className="team">
      <p className="hint">{t('teamRuleHint')}</p>
      <Field label={t('manager')} name="managerId" errors={errors} required>
        {(p) => (
          <select className="input select" {...p} value={managerId ?? ''} disabled={!canChangeManager} onChange={(e) => onChange(e.target.value ? Number(e.target.value) : null, memberIds.filter((m) => m !== Number(e.target.value)))}>
            <option value="">{t('selectPlaceholder')}</option>
            {managers.map((m) => <option key={m.id} value={m.id}>{lang === 'en' && m.nameEn ? m.nameEn : m.name}</option>)}
          </select>
        )}
      </Field>
      <fieldset className="fieldset" data-field="memberIds">
        <legend className="field__label">{t('auditors')}</legend>
        <table className="table table--compact team__table">
          <thead>
            <tr>
              <th scope="col" className="col-check"><span className="sr-only">{t('team')}</span></th>
              <th scope="col">{t('auditors')}</th>
              <th scope="col">{t('status')}</th>
            </tr>
          </thead>
          <tbody>
            {auditors.map((p) => {
              const fromAuditee = auditeeId !== null && p.organisationId === auditeeId;
              const conflict = auditeeId !== null && p.conflictOrganisationIds.includes(auditeeId);
              const checked = memberIds.includes(p.id);
              const id = `member-${p.id}`;
              return (
                <tr key={p.id} className={checked ? 'row--selected' : undefined}>
                  <td className="col-check">
                    <input type="checkbox" id={id} checked={checked} onChange={() => toggle(p.id)} data-person={p.email} />
                  </td>
                  <td>
                    <label htmlFor={id} className="team__name">{lang === 'en' && p.nameEn ? p.nameEn : p.name}</label>
                    <span className="muted small"> {[...(p.jobTitle ? [p.jobTitle] : []), ...p.roles.map((r) => L(ROLE_LABELS[r]))].join('・')}</span>
                  </td>
                  <td className="team__flags">
                    {p.pledgeSignedOn ? <Badge tone="green">{t('pledgeSigned', { date: formatDate(p.pledgeSignedOn, lang) })}</Badge> : <Badge tone="red">{t('pledgeMissing')}</Badge>}
                    {conflict ? <Badge tone="red">{t('conflictDeclared')}</Badge> : null}
                    {fromAuditee ? <Badge tone="red">{t('belongsToAuditee')}</Badge> : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </fieldset>
      <div className={`team__verdict ${violations.length ? 'team__verdict--bad' : 'team__verdict--ok'}`} role="status" aria-live="polite" data-testid="team-verdict">
        {auditeeId === null ? null : violations.length === 0 ? (
          <span>✓ {t('teamValid')}</span>
        ) : (
          <>
            <strong>{t('teamViolations')}</strong>
            <ul>
              {violations.map((v, i) => <li key={i} data-code={v.code}>{lang === 'ja' ? v.ja : v.en}</li>)}
            </ul>
          </>
        )}
      </div>
      {errors?.memberIds?.length && violations.length === 0 ? <div className="field__error" role="alert">{errors.memberIds.map((m, i) => <div key={i}>{m}</div>)}</div> : null}
    </div>
  );
}
