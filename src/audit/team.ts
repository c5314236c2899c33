/**
 * The audit team — ハンドブック 2.(1) 監査体制の整備:
 *   ア 監査人の任命: the audit manager (監査責任者) appoints the auditors (監査人);
 *   イ 監査人としての適格性と遵守事項: auditors are independent of the auditee and sign a
 *      confidentiality pledge;
 *   ウ 監査チームの編成: 1件の監査につき最低2名の監査人.
 *
 * Checked when the team is set (assertTeam → invalid) and again on the transition into
 * fieldwork (a pledge or a conflict may have changed since), where it is a precondition.
 */
import { IsoDate, isAfter, isIsoDate } from './dates';
import { raiseIfAny, violation, Violation } from './violation';
import { MIN_AUDITORS_PER_AUDIT, Role } from './vocabulary';

/** A person as the team rule sees them. */
export interface PersonFacts {
  readonly id: string;
  /** For messages only; the id is used when absent. */
  readonly name?: string;
  readonly organisationId: string;
  readonly roles: readonly Role[];
  /** Date the confidentiality pledge (守秘義務誓約書) was signed, or null. */
  readonly pledgeSignedOn: IsoDate | null;
  /** Organisations the person has declared a conflict of interest with. */
  readonly conflictOrganisationIds: readonly string[];
}

export interface TeamFacts {
  readonly auditeeOrganisationId: string;
  readonly manager: PersonFacts | null;
  /** The auditors of the team. If the manager is listed too, they are not counted. */
  readonly members: readonly PersonFacts[];
  /** The day the team must be valid on: today when the team is set or fieldwork starts. */
  readonly referenceDate: IsoDate;
}

/** Every reason the team may not audit this auditee on the reference date (empty = valid). */
export function checkTeam(facts: TeamFacts): Violation[] {
  const out: Violation[] = [];
  const { manager } = facts;

  if (manager === null) {
    out.push(
      violation('TEAM_MANAGER_MISSING', '監査責任者が指名されていません。', 'No audit manager has been appointed.', {
        field: 'managerId',
      }),
    );
  } else if (!manager.roles.includes('audit_manager')) {
    out.push(
      violation(
        'TEAM_MANAGER_NOT_AUDIT_MANAGER',
        `${who(manager)}は監査責任者の役割を持っていません。`,
        `${who(manager)} does not hold the audit manager role.`,
        { field: 'managerId', details: { personId: manager.id } },
      ),
    );
  }

  const auditors = uniqueById(facts.members).filter((m) => manager === null || m.id !== manager.id);
  if (auditors.length < MIN_AUDITORS_PER_AUDIT) {
    out.push(
      violation(
        'TEAM_TOO_FEW_AUDITORS',
        `監査人は監査責任者のほかに最低${MIN_AUDITORS_PER_AUDIT}名必要です（現在${auditors.length}名）。`,
        `An audit needs at least ${MIN_AUDITORS_PER_AUDIT} auditors besides the audit manager (now ${auditors.length}).`,
        { field: 'memberIds', details: { count: auditors.length, required: MIN_AUDITORS_PER_AUDIT } },
      ),
    );
  }

  for (const member of auditors) {
    if (!member.roles.includes('auditor')) {
      out.push(
        violation(
          'TEAM_MEMBER_NOT_AUDITOR',
          `${who(member)}は監査人に任命されていません。`,
          `${who(member)} is not appointed as an auditor.`,
          { field: 'memberIds', details: { personId: member.id } },
        ),
      );
    }
  }

  const everyone: Array<[PersonFacts, string]> = [
    ...(manager === null ? [] : [[manager, 'managerId'] as [PersonFacts, string]]),
    ...auditors.map((m) => [m, 'memberIds'] as [PersonFacts, string]),
  ];
  for (const [person, field] of everyone) {
    out.push(...checkIndependence(person, facts.auditeeOrganisationId, field));
    out.push(...checkPledge(person, facts.referenceDate, field));
  }
  return out;
}

/** Throws DomainError('invalid') listing every violation — used when the team is set. */
export function assertTeam(facts: TeamFacts): void {
  raiseIfAny('invalid', checkTeam(facts));
}

/** 適格性: nobody audits an organisation they belong to or have declared a conflict with. */
export function checkIndependence(person: PersonFacts, auditeeOrganisationId: string, field = 'memberIds'): Violation[] {
  const out: Violation[] = [];
  if (person.organisationId === auditeeOrganisationId) {
    out.push(
      violation(
        'TEAM_MEMBER_FROM_AUDITEE',
        `${who(person)}は被監査主体に所属しているため、この監査を担当できません。`,
        `${who(person)} belongs to the auditee and cannot audit it.`,
        { field, details: { personId: person.id } },
      ),
    );
  }
  if (person.conflictOrganisationIds.includes(auditeeOrganisationId)) {
    out.push(
      violation(
        'TEAM_MEMBER_CONFLICT_OF_INTEREST',
        `${who(person)}は被監査主体との利益相反を申告しています。`,
        `${who(person)} has declared a conflict of interest with the auditee.`,
        { field, details: { personId: person.id } },
      ),
    );
  }
  return out;
}

/** 遵守事項: a confidentiality pledge signed on or before the reference date. */
export function checkPledge(person: PersonFacts, referenceDate: IsoDate, field = 'memberIds'): Violation[] {
  if (person.pledgeSignedOn === null || !isIsoDate(person.pledgeSignedOn)) {
    return [
      violation(
        'TEAM_MEMBER_PLEDGE_MISSING',
        `${who(person)}の守秘義務誓約書が提出されていません。`,
        `${who(person)} has not signed the confidentiality pledge.`,
        { field, details: { personId: person.id } },
      ),
    ];
  }
  if (isAfter(person.pledgeSignedOn, referenceDate)) {
    return [
      violation(
        'TEAM_MEMBER_PLEDGE_AFTER_REFERENCE_DATE',
        `${who(person)}の守秘義務誓約書の署名日（${person.pledgeSignedOn}）が基準日（${referenceDate}）より後です。`,
        `${who(person)} signed the confidentiality pledge on ${person.pledgeSignedOn}, after the reference date ${referenceDate}.`,
        { field, details: { personId: person.id, pledgeSignedOn: person.pledgeSignedOn, referenceDate } },
      ),
    ];
  }
  return [];
}

function uniqueById(people: readonly PersonFacts[]): PersonFacts[] {
  const seen = new Set<string>();
  return people.filter((p) => (seen.has(p.id) ? false : (seen.add(p.id), true)));
}

function who(person: PersonFacts): string {
  return person.name ?? person.id;
}
