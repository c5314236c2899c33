import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/audit';
import {
  auditHeldOn, checkPublishedFigures, checkSubmissionComplete, compareWithPrevious, decideCloseRound, decideReopen, decideSaveAnswers,
  decideSubmit, evaluateOpenRound, evaluateSurveyAction, holdsSurveyAction, isExpectedRespondent, nationalSummary, parseSurveyAnswer,
  percent1, publishedNationalSummary, scoreAnswers, sortPlanningRows, surveyRelationsOf, yearsSinceLastAudit,
  type PlanningRow, type PublishedFigures, type SurveyActorFacts, type SurveyAnswer, type SurveyAnswerFacts, type SurveyItemFacts,
  type SurveyRelation,
} from '../../../src/audit/survey';

const REG = 'org-registry-04';
const OTHER = 'org-registry-13';
const actor = (roles: SurveyActorFacts['roles'], organisationId = 'org-body'): SurveyActorFacts => ({ personId: 'p', organisationId, roles });
const chief = actor(['chief_audit_executive']);
const manager = actor(['audit_manager']);
const auditor = actor(['auditor']);
const regManager = actor(['auditee_manager'], REG);
const regStaff = actor(['auditee_staff'], REG);
const otherManager = actor(['auditee_manager'], OTHER);

/** Eight items in the shape of 付表6: two per category, zones spread over 0–3. */
const ITEMS: SurveyItemFacts[] = [
  { no: 1, category: 'A', zone: 0, group: null, mandatory: false },
  { no: 2, category: 'A', zone: 0, group: null, mandatory: false },
  { no: 3, category: 'B', zone: 1, group: null, mandatory: false },
  { no: 4, category: 'B', zone: 2, group: null, mandatory: false },
  { no: 5, category: 'C', zone: 3, group: null, mandatory: false },
  { no: 6, category: 'C', zone: 0, group: null, mandatory: false },
  { no: 7, category: 'D', zone: 1, group: null, mandatory: false },
  { no: 8, category: 'D', zone: 0, group: null, mandatory: false },
];
const DU_ITEMS: SurveyItemFacts[] = [
  { no: 1, category: null, zone: null, group: 'organisational', mandatory: true },
  { no: 2, category: null, zone: null, group: 'organisational', mandatory: false },
  { no: 3, category: null, zone: null, group: 'physical', mandatory: true },
];

function answers(spec: Record<number, SurveyAnswer | [SurveyAnswer, string]>): Map<number, SurveyAnswerFacts> {
  return new Map(Object.entries(spec).map(([no, v]) => [Number(no), Array.isArray(v) ? { answer: v[0], comment: v[1] } : { answer: v, comment: null }]));
}
const allMet = () => answers(Object.fromEntries(ITEMS.map((i) => [i.no, 'met'])) as Record<number, SurveyAnswer>);

function codesOf(fn: () => unknown): { kind: string; codes: string[] } {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return { kind: e.kind, codes: e.codes };
    throw e;
  }
  return { kind: 'none', codes: [] };
}

const open = { status: 'open' as const, origin: 'conducted' as const, dueOn: '2026-08-31' };
const rel = (a: SurveyActorFacts, org: string | null = REG): SurveyRelation[] => surveyRelationsOf(a, org);

describe('who may do what on a survey', () => {
  it('derives relations: the lead, the audit body, the respondent organisation’s people only', () => {
    expect(rel(chief)).toEqual(['lead', 'audit_body']);
    expect(rel(manager)).toEqual(['lead', 'audit_body']);
    expect(rel(auditor)).toEqual(['audit_body']);
    expect(rel(regManager)).toEqual(['respondent_manager']);
    expect(rel(regStaff)).toEqual(['respondent_staff']);
    expect(rel(otherManager)).toEqual([]);
  });

  it('hides a response from another organisation (no relation holds even the view)', () => {
    expect(holdsSurveyAction('response.view', rel(otherManager))).toBe(false);
    expect(holdsSurveyAction('response.view', rel(auditor))).toBe(true);
    expect(holdsSurveyAction('response.view', rel(regStaff))).toBe(true);
  });

  it('forbids the auditee from reopening and staff from submitting, with one stable code', () => {
    expect(evaluateSurveyAction('response.reopen', rel(regManager)).forbidden.map((v) => v.code)).toEqual(['SURVEY_ACTION_FORBIDDEN']);
    expect(evaluateSurveyAction('response.submit', rel(regStaff)).forbidden.map((v) => v.code)).toEqual(['SURVEY_ACTION_FORBIDDEN']);
    expect(evaluateSurveyAction('round.open', rel(auditor, null)).forbidden).toHaveLength(1);
    expect(evaluateSurveyAction('national.view', rel(regManager, null)).forbidden).toHaveLength(1);
  });

  it('names the state that blocks an allowed person', () => {
    expect(evaluateSurveyAction('response.edit', rel(regStaff), { round: 'closed', response: 'draft' }).conflict[0].code).toBe('SURVEY_ROUND_CLOSED');
    expect(evaluateSurveyAction('response.edit', rel(regStaff), { round: 'open', response: 'submitted' }).conflict[0].code).toBe('SURVEY_RESPONSE_SUBMITTED');
    expect(evaluateSurveyAction('response.reopen', rel(manager), { round: 'open', response: 'draft' }).conflict[0].code).toBe('SURVEY_RESPONSE_NOT_SUBMITTED');
  });
});

describe('opening and closing a round', () => {
  const draft = { fiscalYear: 2026, audience: 'registry' as const, catalogCode: 'minimum-baseline', dueOn: '2026-08-31' };
  const codes = (v: ReturnType<typeof evaluateOpenRound>) => [...v.forbidden, ...v.invalid, ...v.conflict].map((x) => x.code);

  it('lets the lead open one round per year and audience with the audience’s catalogue', () => {
    expect(codes(evaluateOpenRound(rel(manager, null), draft, [], '2026-06-01'))).toEqual([]);
    expect(codes(evaluateOpenRound(rel(manager, null), { ...draft, catalogCode: 'data-user-measures' }, [], '2026-06-01'))).toEqual(['SURVEY_CATALOG_MISMATCH']);
    expect(codes(evaluateOpenRound(rel(manager, null), draft, [{ fiscalYear: 2026, audience: 'registry' }], '2026-06-01'))).toEqual(['SURVEY_ROUND_EXISTS']);
    expect(codes(evaluateOpenRound(rel(manager, null), draft, [{ fiscalYear: 2026, audience: 'data_user' }], '2026-06-01'))).toEqual([]);
  });

  it('refuses a year far from now and a due date in the past, listing both', () => {
    expect(codes(evaluateOpenRound(rel(chief, null), { ...draft, fiscalYear: 2062, dueOn: '2026-05-01' }, [], '2026-06-01')))
      .toEqual(['SURVEY_FISCAL_YEAR_OUT_OF_RANGE', 'SURVEY_DUE_DATE_IN_PAST']);
    // March 2027 is still FY2026: FY2027 is "next" and allowed.
    expect(codes(evaluateOpenRound(rel(chief, null), { ...draft, fiscalYear: 2027, dueOn: null }, [], '2027-03-20'))).toEqual([]);
  });

  it('refuses auditors and auditees before looking at the request', () => {
    expect(codes(evaluateOpenRound(rel(auditor, null), { ...draft, catalogCode: 'x' }, [], '2026-06-01'))).toEqual(['SURVEY_ACTION_FORBIDDEN']);
  });

  it('closes an open round once; a published round is never answered nor closed', () => {
    expect(decideCloseRound(rel(manager, null), open)).toEqual({ status: 'closed' });
    expect(codesOf(() => decideCloseRound(rel(manager, null), { ...open, status: 'closed' }))).toEqual({ kind: 'conflict', codes: ['SURVEY_ROUND_CLOSED'] });
    expect(codesOf(() => decideCloseRound(rel(manager, null), { status: 'closed', origin: 'published' })).codes).toEqual(['SURVEY_ROUND_PUBLISHED_ONLY']);
    expect(codesOf(() => decideCloseRound(rel(regManager, null), open)).kind).toBe('forbidden');
  });

  it('expects every registry, and data users whose usage period overlaps the fiscal year', () => {
    const round = { audience: 'data_user' as const, fiscalYear: 2026 };
    const du = (usageFrom: string | null, usageTo: string | null) => ({ kind: 'data_user', usageFrom, usageTo });
    expect(isExpectedRespondent(du('2025-04-01', '2027-03-31'), round)).toBe(true);
    expect(isExpectedRespondent(du(null, null), round)).toBe(true);
    expect(isExpectedRespondent(du('2024-04-01', '2026-03-31'), round)).toBe(false);
    expect(isExpectedRespondent(du('2027-04-01', null), round)).toBe(false);
    expect(isExpectedRespondent({ kind: 'registry', usageFrom: null, usageTo: null }, round)).toBe(false);
    expect(isExpectedRespondent({ kind: 'registry', usageFrom: null, usageTo: null }, { audience: 'registry', fiscalYear: 2026 })).toBe(true);
  });
});

describe('drafts, submission and reopening', () => {
  const fresh = { status: 'not_started' as const, version: 0, answers: new Map<number, SurveyAnswerFacts>() };

  it('lets staff save a partial draft; identical answers are a no-op; clearing removes the answer', () => {
    const first = decideSaveAnswers(rel(regStaff), open, fresh, ITEMS, [{ itemNo: 1, answer: 'met', comment: null }, { itemNo: 2, answer: 'not_met', comment: '  規程を改訂中 ' }], null);
    expect(first).toMatchObject({ status: 'draft', changed: true, version: 1, changedItemNos: [1, 2] });
    expect(first.answers.get(2)).toEqual({ answer: 'not_met', comment: '規程を改訂中' });
    const again = decideSaveAnswers(rel(regStaff), open, { status: 'draft', version: 1, answers: first.answers }, ITEMS, [{ itemNo: 1, answer: 'met', comment: null }], 0);
    expect(again).toMatchObject({ changed: false, version: 1 });
    const cleared = decideSaveAnswers(rel(regManager), open, { status: 'draft', version: 1, answers: first.answers }, ITEMS, [{ itemNo: 1, answer: null, comment: null }], 1);
    expect(cleared.answers.has(1)).toBe(false);
    expect(cleared.version).toBe(2);
  });

  it('refuses a stale version, unknown or repeated items, and edits by another organisation', () => {
    const state = { status: 'draft' as const, version: 3, answers: answers({ 1: 'met' }) };
    expect(codesOf(() => decideSaveAnswers(rel(regStaff), open, state, ITEMS, [{ itemNo: 1, answer: 'not_met', comment: null }], 2)))
      .toEqual({ kind: 'conflict', codes: ['SURVEY_RESPONSE_VERSION_CONFLICT'] });
    expect(codesOf(() => decideSaveAnswers(rel(regStaff), open, state, ITEMS, [{ itemNo: 99, answer: 'met', comment: null }, { itemNo: 2, answer: 'met', comment: null }, { itemNo: 2, answer: 'met', comment: null }], null)))
      .toEqual({ kind: 'invalid', codes: ['SURVEY_ITEM_UNKNOWN', 'SURVEY_ITEM_DUPLICATE'] });
    expect(codesOf(() => decideSaveAnswers(rel(otherManager), open, state, ITEMS, [], null)).kind).toBe('forbidden');
    expect(codesOf(() => decideSaveAnswers(rel(manager), open, state, ITEMS, [], null)).kind).toBe('forbidden');
  });

  it('freezes a submitted response and any response of a closed round', () => {
    const change = [{ itemNo: 1, answer: 'met' as const, comment: null }];
    expect(codesOf(() => decideSaveAnswers(rel(regStaff), open, { ...fresh, status: 'submitted' }, ITEMS, change, null)).codes).toEqual(['SURVEY_RESPONSE_SUBMITTED']);
    expect(codesOf(() => decideSaveAnswers(rel(regStaff), { ...open, status: 'closed' }, fresh, ITEMS, change, null)).codes).toEqual(['SURVEY_ROUND_CLOSED']);
  });

  it('submits only when complete: every unanswered item and every unexplained N/A listed', () => {
    const partial = answers({ 1: 'met', 2: 'not_applicable', 3: 'met', 4: 'met', 5: 'met', 6: 'met' });
    const res = codesOf(() => decideSubmit(rel(regManager), open, { status: 'draft', version: 2, answers: partial }, ITEMS, { kind: 'registry', dataKind: null }, '2026-08-01'));
    expect(res).toEqual({ kind: 'conflict', codes: ['SURVEY_NOT_APPLICABLE_REASON_REQUIRED', 'SURVEY_ITEM_UNANSWERED', 'SURVEY_ITEM_UNANSWERED'] });
    const done = decideSubmit(rel(regManager), open, { status: 'draft', version: 2, answers: allMet() }, ITEMS, { kind: 'registry', dataKind: null }, '2026-09-02');
    expect(done).toEqual({ status: 'submitted', version: 3, late: true });
    expect(codesOf(() => decideSubmit(rel(regStaff), open, { status: 'draft', version: 2, answers: allMet() }, ITEMS, { kind: 'registry', dataKind: null }, '2026-08-01')).kind).toBe('forbidden');
  });

  it('does not let a user of identifiable data mark a * measure not applicable', () => {
    const du = answers({ 1: ['not_applicable', '該当業務なし'], 2: ['not_applicable', '該当業務なし'], 3: 'met' });
    expect(checkSubmissionComplete(DU_ITEMS, du, { kind: 'data_user', dataKind: 'identifiable' }).map((v) => [v.code, v.details?.itemNo]))
      .toEqual([['SURVEY_MANDATORY_ITEM_NOT_APPLICABLE', 1]]);
    expect(checkSubmissionComplete(DU_ITEMS, du, { kind: 'data_user', dataKind: 'anonymised' })).toEqual([]);
  });

  it('reopens a submitted response only by the lead, only with a reason; it stays reopened while edited', () => {
    const submitted = { status: 'submitted' as const, version: 4 };
    expect(codesOf(() => decideReopen(rel(manager), open, submitted, '  ')).codes).toEqual(['SURVEY_REOPEN_REASON_REQUIRED']);
    expect(codesOf(() => decideReopen(rel(auditor), open, submitted, '理由')).kind).toBe('forbidden');
    expect(decideReopen(rel(chief), open, submitted, ' 項目7の根拠を確認 ')).toEqual({ status: 'reopened', version: 5, reason: '項目7の根拠を確認' });
    const edited = decideSaveAnswers(rel(regStaff), open, { status: 'reopened', version: 5, answers: allMet() }, ITEMS, [{ itemNo: 7, answer: 'not_met', comment: null }], 5);
    expect(edited.status).toBe('reopened');
  });
});

describe('scores — the evaluation tool’s view', () => {
  it('scores by category A–D and zone 0–3, leaving N/A out of the rate', () => {
    const s = scoreAnswers(ITEMS, answers({ 1: 'met', 2: 'not_met', 3: 'met', 4: 'met', 5: ['not_applicable', 'サーバなし'], 6: 'met', 7: 'not_met', 8: 'met' }));
    expect(s.overall).toEqual({ items: 8, met: 5, notMet: 2, notApplicable: 1, unanswered: 0, rate: 5 / 7 });
    expect(s.byCategory.map((c) => [c.key, c.met, c.notMet, c.rate])).toEqual([['A', 1, 1, 0.5], ['B', 2, 0, 1], ['C', 1, 0, 1], ['D', 1, 1, 0.5]]);
    expect(s.byZone.map((z) => [z.key, z.items, z.rate])).toEqual([[0, 4, 0.75], [1, 2, 0.5], [2, 1, 1], [3, 1, null]]);
    expect(s.notMetItemNos).toEqual([2, 7]);
    expect(s).toMatchObject({ allMet: false, complete: true });
    expect(scoreAnswers(ITEMS, allMet())).toMatchObject({ allMet: true, notMetItemNos: [] });
  });

  it('scores the data-user measures by group', () => {
    const s = scoreAnswers(DU_ITEMS, answers({ 1: 'met', 2: 'not_met' }));
    expect(s.byCategory).toEqual([]);
    expect(s.byGroup.map((g) => [g.key, g.met, g.notMet, g.unanswered])).toEqual([['organisational', 1, 1, 0], ['physical', 0, 0, 1]]);
    expect(s.complete).toBe(false);
  });

  it('compares with last year: rate change, items newly not met and newly met', () => {
    const last = scoreAnswers(ITEMS, answers({ ...Object.fromEntries(ITEMS.map((i) => [i.no, 'met'])), 2: 'not_met', 4: 'not_met' }) );
    const now = scoreAnswers(ITEMS, answers({ ...Object.fromEntries(ITEMS.map((i) => [i.no, 'met'])), 4: 'not_met', 7: 'not_met' }));
    const change = compareWithPrevious(
      { fiscalYear: 2027, catalogCode: 'minimum-baseline', catalogVersion: '2014', score: now },
      { fiscalYear: 2026, catalogCode: 'minimum-baseline', catalogVersion: '2014', score: last },
    )!;
    expect(change).toMatchObject({ previousFiscalYear: 2026, sameCatalogVersion: true, newlyNotMet: [7], newlyMet: [2] });
    expect(change.overall).toEqual({ key: 'overall', rateChange: 0, notMetChange: 0 });
    expect(change.byCategory.find((c) => c.key === 'A')).toEqual({ key: 'A', rateChange: 0.5, notMetChange: -1 });
    expect(change.byCategory.find((c) => c.key === 'D')).toEqual({ key: 'D', rateChange: -0.5, notMetChange: 1 });
    expect(compareWithPrevious({ fiscalYear: 2027, catalogCode: 'data-user-measures', catalogVersion: '1', score: now }, { fiscalYear: 2026, catalogCode: 'minimum-baseline', catalogVersion: '2014', score: last })).toBeNull();
    expect(compareWithPrevious({ fiscalYear: 2027, catalogCode: 'minimum-baseline', catalogVersion: '2014', score: now }, null)).toBeNull();
  });
});

describe('national figures — the shape of 表1 and 付表2', () => {
  it('counts submitted answers per item and registries by number of items not met', () => {
    const base = Object.fromEntries(ITEMS.map((i) => [i.no, 'met'])) as Record<number, SurveyAnswer>;
    const n = nationalSummary(2026, ITEMS, [answers(base), answers(base), answers({ ...base, 2: 'not_met' }), answers({ ...base, 2: 'not_met', 7: 'not_met', 8: ['not_applicable', '委託なし'] })]);
    expect(n).toMatchObject({ respondents: 4, allItemsMet: 2, allItemsMetShare: 0.5, allItemsMetPercent: '50.0', itemsSurveyed: 8, origin: 'conducted' });
    expect(n.distribution).toEqual([
      { notMetItems: 0, respondents: 2, percent: '50.0' }, { notMetItems: 1, respondents: 1, percent: '25.0' }, { notMetItems: 2, respondents: 1, percent: '25.0' },
    ]);
    expect(n.items.find((i) => i.no === 2)).toMatchObject({ notMet: 2, met: 2, notApplicable: 0 });
    expect(n.items.find((i) => i.no === 8)).toMatchObject({ notMet: 0, met: 3, notApplicable: 1 });
    expect(n.byCategory.map((c) => [c.key, c.notMet, c.respondentsMeetingAll])).toEqual([['A', 2, 2], ['B', 0, 4], ['C', 0, 4], ['D', 1, 3]]);
  });

  it('with no submission: no share, an empty table', () => {
    expect(nationalSummary(2026, ITEMS, [])).toMatchObject({ respondents: 0, allItemsMet: 0, allItemsMetShare: null, allItemsMetPercent: null });
  });

  it('reproduces a published year as printed, with null for what the report does not give', () => {
    const p: PublishedFigures = {
      fiscalYear: 2013, itemsSurveyed: 32, respondents: 47, allItemsMet: 24, allItemsMetPercent: '51.1',
      distribution: [{ notMetItems: 0, respondents: 24, percent: '51.1' }, { notMetItems: 1, respondents: 23, percent: '48.9' }],
      itemNotMet: [{ no: 1, notMet: 3 }, { no: 2, notMet: 9 }],
    };
    const n = publishedNationalSummary(p, ITEMS);
    expect(n).toMatchObject({ origin: 'published', respondents: 47, allItemsMet: 24, allItemsMetPercent: '51.1' });
    expect(n.allItemsMetShare).toBeCloseTo(24 / 47);
    expect(n.items.map((i) => i.notMet)).toEqual([3, 9, null, null, null, null, null, null]);
    expect(n.byCategory.map((c) => [c.key, c.notMet])).toEqual([['A', 12], ['B', null], ['C', null], ['D', null]]);
    // A year known only by its share (FY2011: 61.0%).
    const share = publishedNationalSummary({ fiscalYear: 2011, itemsSurveyed: null, respondents: null, allItemsMet: null, allItemsMetPercent: '61.0', distribution: null, itemNotMet: [] }, null);
    expect(share).toMatchObject({ respondents: null, allItemsMet: null, allItemsMetShare: 0.61, allItemsMetPercent: '61.0', distribution: null, items: [] });
  });

  it('catches a mistyped published figure', () => {
    const ok: PublishedFigures = {
      fiscalYear: 2012, itemsSurveyed: 24, respondents: 46, allItemsMet: 38, allItemsMetPercent: '82.6',
      distribution: [{ notMetItems: 0, respondents: 38, percent: '82.6' }, { notMetItems: 1, respondents: 7, percent: '15.2' }, { notMetItems: 3, respondents: 1, percent: '2.2' }],
      itemNotMet: [],
    };
    expect(checkPublishedFigures(ok, null)).toEqual([]);
    const bad = { ...ok, distribution: [{ notMetItems: 0, respondents: 38, percent: '82.6' }, { notMetItems: 1, respondents: 9, percent: '15.2' }] };
    expect(checkPublishedFigures(bad, null).map((v) => v.code)).toEqual(['PUBLISHED_DISTRIBUTION_TOTAL', 'PUBLISHED_PERCENT_MISMATCH']);
    expect(checkPublishedFigures({ ...ok, itemNotMet: [{ no: 9, notMet: 11 }] }, ITEMS).map((v) => v.code)).toEqual(['PUBLISHED_ITEM_TOTAL_TOO_HIGH', 'PUBLISHED_ITEM_UNKNOWN', 'PUBLISHED_ITEM_COUNT_TOO_HIGH']);
    expect(percent1(24, 47)).toBe('51.1');
    expect(percent1(2, 47)).toBe('4.3');
    expect(percent1(1, 0)).toBeNull();
  });
});

describe('answers typed into a spreadsheet', () => {
  it('reads the list labels, the codes and full-width or padded variants; nothing else', () => {
    expect(parseSurveyAnswer('達成')).toBe('met');
    expect(parseSurveyAnswer(' 未達成 ')).toBe('not_met');
    expect(parseSurveyAnswer('該当なし')).toBe('not_applicable');
    expect(parseSurveyAnswer('NOT_MET')).toBe('not_met');
    expect(parseSurveyAnswer('Not applicable')).toBe('not_applicable');
    expect(parseSurveyAnswer('ｍｅｔ')).toBe('met');
    expect(parseSurveyAnswer('はい')).toBeNull();
    expect(parseSurveyAnswer('○')).toBeNull();
  });
});

describe('risk-based planning', () => {
  it('counts fiscal years since the last visit; an audit counts once its visit day has come', () => {
    expect(yearsSinceLastAudit('2024-03-31', 2026)).toBe(3); // FY2023
    expect(yearsSinceLastAudit('2024-04-01', 2026)).toBe(2);
    expect(yearsSinceLastAudit(null, 2026)).toBeNull();
    expect(auditHeldOn('fieldwork', '2026-09-10', '2026-09-10')).toBe('2026-09-10');
    expect(auditHeldOn('fieldwork', '2026-09-10', '2026-09-09')).toBeNull();
    expect(auditHeldOn('document_review', '2026-09-10', '2026-10-01')).toBeNull();
    expect(auditHeldOn('cancelled', '2026-09-10', '2026-10-01')).toBeNull();
    expect(auditHeldOn('published', '2025-09-10', '2026-10-01')).toBe('2025-09-10');
  });

  it('sorts the riskiest first; missing figures count as the riskiest; ties fall back to the other keys', () => {
    const row = (id: string, rate: number | null, years: number | null, open: number): PlanningRow => ({
      organisationId: id, name: id, selfAssessmentRate: rate, notMetItems: rate === null ? null : Math.round((1 - rate) * 32), yearsSinceLastAudit: years, openFindings: open,
    });
    const rows = [row('a', 0.9, 1, 0), row('b', null, 3, 1), row('c', 0.5, null, 2), row('d', 0.9, 4, 0), row('e', 1, 0, 5)];
    expect(sortPlanningRows(rows, 'selfAssessment').map((r) => r.organisationId)).toEqual(['b', 'c', 'd', 'a', 'e']);
    expect(sortPlanningRows(rows, 'yearsSinceLastAudit').map((r) => r.organisationId)).toEqual(['c', 'd', 'b', 'a', 'e']);
    expect(sortPlanningRows(rows, 'openFindings').map((r) => r.organisationId)).toEqual(['e', 'c', 'b', 'd', 'a']);
    // Ties are broken riskiest-first whatever the order of the main key.
    expect(sortPlanningRows(rows, 'selfAssessment', 'desc').map((r) => r.organisationId)).toEqual(['e', 'd', 'a', 'c', 'b']);
    expect(sortPlanningRows(rows, 'name').map((r) => r.organisationId)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
});
