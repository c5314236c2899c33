import { describe, expect, it } from 'vitest';
import { assertTeam, checkTeam, PersonFacts, TeamFacts } from '../../../src/audit';
import { AUDITEE, auditorA, auditorB, auditorC, codes, codesOfError, manager, OTHER, person } from './fixtures';

function team(overrides: Partial<TeamFacts> = {}): TeamFacts {
  return { auditeeOrganisationId: AUDITEE, manager, members: [auditorA, auditorB], referenceDate: '2026-10-01', ...overrides };
}

describe('the team rule (ハンドブック 2.(1) 監査体制の整備)', () => {
  it('accepts a manager and two independent, pledged auditors', () => {
    expect(checkTeam(team())).toEqual([]);
    expect(() => assertTeam(team())).not.toThrow();
    expect(checkTeam(team({ members: [auditorA, auditorB, auditorC] }))).toEqual([]);
  });

  it('refuses one auditor (最低2名の監査人)', () => {
    const result = checkTeam(team({ members: [auditorA] }));
    expect(codes(result)).toEqual(['TEAM_TOO_FEW_AUDITORS']);
    expect(result[0]?.details).toEqual({ count: 1, required: 2 });
    expect(codes(checkTeam(team({ members: [] })))).toEqual(['TEAM_TOO_FEW_AUDITORS']);
  });

  it('does not count the manager as one of the two auditors', () => {
    const result = checkTeam(team({ members: [manager, auditorA] }));
    expect(codes(result)).toEqual(['TEAM_TOO_FEW_AUDITORS']);
    expect(result[0]?.details?.['count']).toBe(1);
  });

  it('counts a person listed twice once', () => {
    expect(codes(checkTeam(team({ members: [auditorA, auditorA] })))).toEqual(['TEAM_TOO_FEW_AUDITORS']);
  });

  it('refuses an auditor who belongs to the auditee', () => {
    const insider = person('insider', { organisationId: AUDITEE });
    const result = checkTeam(team({ members: [auditorA, insider] }));
    expect(codes(result)).toEqual(['TEAM_MEMBER_FROM_AUDITEE']);
    expect(result[0]).toMatchObject({ field: 'memberIds', details: { personId: 'insider' } });
  });

  it('refuses a manager who belongs to the auditee', () => {
    const result = checkTeam(team({ manager: { ...manager, organisationId: AUDITEE } }));
    expect(codes(result)).toEqual(['TEAM_MEMBER_FROM_AUDITEE']);
    expect(result[0]?.field).toBe('managerId');
  });

  it('refuses an auditor with a declared conflict of interest with the auditee, not with another organisation', () => {
    const conflicted = person('conflicted', { conflictOrganisationIds: [AUDITEE] });
    expect(codes(checkTeam(team({ members: [auditorA, conflicted] })))).toEqual(['TEAM_MEMBER_CONFLICT_OF_INTEREST']);
    const elsewhere = person('elsewhere', { conflictOrganisationIds: [OTHER] });
    expect(checkTeam(team({ members: [auditorA, elsewhere] }))).toEqual([]);
  });

  it('refuses an auditor without a signed pledge', () => {
    const unpledged = person('unpledged', { pledgeSignedOn: null });
    expect(codes(checkTeam(team({ members: [auditorA, unpledged] })))).toEqual(['TEAM_MEMBER_PLEDGE_MISSING']);
  });

  it('refuses a pledge signed after the reference date, accepts one signed on it', () => {
    const late = person('late', { pledgeSignedOn: '2026-10-02' });
    expect(codes(checkTeam(team({ members: [auditorA, late] })))).toEqual(['TEAM_MEMBER_PLEDGE_AFTER_REFERENCE_DATE']);
    const onTheDay = person('on-the-day', { pledgeSignedOn: '2026-10-01' });
    expect(checkTeam(team({ members: [auditorA, onTheDay] }))).toEqual([]);
  });

  it('treats a malformed pledge date as no pledge', () => {
    const bad = person('bad', { pledgeSignedOn: '2026/10/01' });
    expect(codes(checkTeam(team({ members: [auditorA, bad] })))).toEqual(['TEAM_MEMBER_PLEDGE_MISSING']);
  });

  it('applies independence and the pledge to the manager too', () => {
    const m: PersonFacts = { ...manager, pledgeSignedOn: null, conflictOrganisationIds: [AUDITEE] };
    expect(codes(checkTeam(team({ manager: m })))).toEqual(['TEAM_MEMBER_CONFLICT_OF_INTEREST', 'TEAM_MEMBER_PLEDGE_MISSING']);
  });

  it('refuses a member who is not appointed auditor', () => {
    const staff = person('staff', { roles: [] });
    expect(codes(checkTeam(team({ members: [auditorA, staff] })))).toEqual(['TEAM_MEMBER_NOT_AUDITOR']);
  });

  it('refuses a manager without the audit manager role, and a missing manager', () => {
    expect(codes(checkTeam(team({ manager: auditorC })))).toEqual(['TEAM_MANAGER_NOT_AUDIT_MANAGER']);
    expect(codes(checkTeam(team({ manager: null })))).toEqual(['TEAM_MANAGER_MISSING']);
  });

  it('lists every violation at once, and assertTeam throws them as invalid', () => {
    const insider = person('insider', { organisationId: AUDITEE, pledgeSignedOn: null, roles: [] });
    expect(codesOfError(() => assertTeam(team({ members: [insider] })), 'invalid')).toEqual([
      'TEAM_TOO_FEW_AUDITORS',
      'TEAM_MEMBER_NOT_AUDITOR',
      'TEAM_MEMBER_FROM_AUDITEE',
      'TEAM_MEMBER_PLEDGE_MISSING',
    ]);
  });

  it('names the person in both languages', () => {
    const unpledged = person('unpledged', { name: '監査 花子', pledgeSignedOn: null });
    const [v] = checkTeam(team({ members: [auditorA, unpledged] }));
    expect(v?.ja).toContain('監査 花子');
    expect(v?.en).toContain('監査 花子');
  });
});
