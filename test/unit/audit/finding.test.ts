import { describe, expect, it } from 'vitest';
import {
  assertFindingResponse,
  assertRaiseFinding,
  checkFindingContent,
  checkRaiseFinding,
  decideFindingEdit,
  FindingContent,
  FindingSourceFacts,
} from '../../../src/audit';
import { auditeeManager, auditeeStaff, auditorA, auditorC, chief, codes, codesOfError, ctx, otherAuditee } from './fixtures';

const nonconforming: FindingSourceFacts = { id: 'wp-10', itemNo: 10, inScope: true, conclusion: 'does_not_conform' };
const conforming: FindingSourceFacts = { id: 'wp-1', itemNo: 1, inScope: true, conclusion: 'conforms' };

const minor: FindingContent = {
  severity: 'minor',
  condition: '休日の開錠・施錠記録が2件欠落していた。',
  criterion: 'ミニマムベースライン#10 登録室の開錠・施錠の記録',
  cause: '休日出勤時の記録手順がマニュアルに定められていない。',
  effect: '不正な入室があっても発見できないおそれがある。',
  recommendedAction: '休日を含む開錠・施錠の記録手順をマニュアルに追記する。',
};

describe('raising a finding (指摘事項)', () => {
  it('raises a deficiency from a workpaper concluded "does not conform"', () => {
    expect(checkRaiseFinding(ctx('fieldwork', auditorA), nonconforming, minor)).toEqual([]);
    expect(checkRaiseFinding(ctx('fieldwork', auditorA), nonconforming, { ...minor, severity: 'major' })).toEqual([]);
  });

  it('refuses a major or minor deficiency from a conforming or unconcluded workpaper', () => {
    expect(codesOfError(() => assertRaiseFinding(ctx('fieldwork', auditorA), conforming, minor), 'conflict')).toEqual(['FINDING_REQUIRES_NONCONFORMITY']);
    expect(codes(checkRaiseFinding(ctx('fieldwork', auditorA), { ...conforming, conclusion: null }, { ...minor, severity: 'major' }))).toEqual([
      'FINDING_REQUIRES_NONCONFORMITY',
    ]);
  });

  it('raises a recommendation from any workpaper', () => {
    expect(checkRaiseFinding(ctx('fieldwork', auditorA), conforming, { ...minor, severity: 'recommendation' })).toEqual([]);
    expect(checkRaiseFinding(ctx('fieldwork', auditorA), { ...conforming, conclusion: 'not_applicable' }, { ...minor, severity: 'recommendation' })).toEqual([]);
  });

  it('refuses a finding from an out-of-scope workpaper', () => {
    expect(codes(checkRaiseFinding(ctx('fieldwork', auditorA), { ...conforming, inScope: false }, { ...minor, severity: 'recommendation' }))).toEqual([
      'WORKPAPER_OUT_OF_SCOPE',
    ]);
  });

  it('requires condition, criterion, cause, effect, recommended action and severity', () => {
    const empty = { severity: 'severe', condition: '', criterion: ' ', cause: '', effect: '', recommendedAction: '' } as unknown as FindingContent;
    const result = checkFindingContent(empty);
    expect(codes(result)).toEqual([
      'FINDING_SEVERITY_REQUIRED',
      'FINDING_FIELD_REQUIRED',
      'FINDING_FIELD_REQUIRED',
      'FINDING_FIELD_REQUIRED',
      'FINDING_FIELD_REQUIRED',
      'FINDING_FIELD_REQUIRED',
    ]);
    expect(result.map((v) => v.field)).toEqual(['severity', 'condition', 'criterion', 'cause', 'effect', 'recommendedAction']);
    expect(codesOfError(() => assertRaiseFinding(ctx('fieldwork', auditorA), nonconforming, { ...minor, cause: '' }), 'invalid')).toEqual([
      'FINDING_FIELD_REQUIRED',
    ]);
  });

  it('may be raised only in fieldwork or results agreement', () => {
    expect(checkRaiseFinding(ctx('results_agreement', auditorA), nonconforming, minor)).toEqual([]);
    for (const status of ['planned', 'document_review', 'reported', 'remediation', 'published'] as const) {
      expect(codesOfError(() => assertRaiseFinding(ctx(status, auditorA), nonconforming, minor), 'conflict')).toEqual(['ACTION_NOT_ALLOWED_IN_STATE']);
    }
  });

  it('is forbidden to the auditee, the chief and auditors outside the team', () => {
    for (const who of [auditeeManager, chief, auditorC]) {
      expect(codesOfError(() => assertRaiseFinding(ctx('fieldwork', who), nonconforming, minor), 'forbidden')).toEqual(['ACTION_FORBIDDEN']);
    }
  });
});

describe('editing a finding', () => {
  const current = { ...minor, version: 2, auditeeResponse: 'accepted' as const };

  it("resets the auditee's answer when the text changes", () => {
    expect(decideFindingEdit(ctx('results_agreement', auditorA), current, 2, { ...minor, effect: '入室者を特定できない。' }, nonconforming)).toEqual({
      changed: true,
      version: 3,
      responseReset: true,
    });
  });

  it('keeps the answer for an unchanged save', () => {
    expect(decideFindingEdit(ctx('results_agreement', auditorA), current, 1, minor, nonconforming)).toEqual({ changed: false, version: 2, responseReset: false });
  });

  it('refuses a stale edit, a downgrade of the source rule, and edits after the report', () => {
    expect(codesOfError(() => decideFindingEdit(ctx('fieldwork', auditorA), current, 1, { ...minor, cause: '別の原因' }, nonconforming), 'conflict')).toEqual([
      'FINDING_VERSION_CONFLICT',
    ]);
    expect(codesOfError(() => decideFindingEdit(ctx('fieldwork', auditorA), current, 2, { ...minor, severity: 'major' }, conforming), 'conflict')).toEqual([
      'FINDING_REQUIRES_NONCONFORMITY',
    ]);
    expect(codesOfError(() => decideFindingEdit(ctx('reported', auditorA), current, 2, { ...minor, cause: 'x' }, nonconforming), 'conflict')).toEqual([
      'ACTION_NOT_ALLOWED_IN_STATE',
    ]);
  });
});

describe("the auditee's answer (監査結果の合意)", () => {
  it('accepts or disputes with a reason, in results agreement, by the auditee', () => {
    expect(() => assertFindingResponse(ctx('results_agreement', auditeeManager), 'accepted', null)).not.toThrow();
    expect(() => assertFindingResponse(ctx('results_agreement', auditeeStaff), 'disputed', '休日は警備会社が施錠し記録している')).not.toThrow();
  });

  it('refuses a dispute without a reason', () => {
    expect(codesOfError(() => assertFindingResponse(ctx('results_agreement', auditeeManager), 'disputed', '  '), 'invalid')).toEqual([
      'FINDING_DISPUTE_REASON_REQUIRED',
    ]);
  });

  it("refuses 'pending' as an answer", () => {
    expect(codesOfError(() => assertFindingResponse(ctx('results_agreement', auditeeManager), 'pending', null), 'invalid')).toEqual(['FINDING_RESPONSE_INVALID']);
  });

  it('is refused outside results agreement', () => {
    for (const status of ['fieldwork', 'reported'] as const) {
      expect(codesOfError(() => assertFindingResponse(ctx(status, auditeeManager), 'accepted', null), 'conflict')).toEqual(['ACTION_NOT_ALLOWED_IN_STATE']);
    }
  });

  it('is forbidden to auditors and to people of another auditee', () => {
    for (const who of [auditorA, chief, otherAuditee]) {
      expect(codesOfError(() => assertFindingResponse(ctx('results_agreement', who), 'accepted', null), 'forbidden')).toEqual(['ACTION_FORBIDDEN']);
    }
  });
});
