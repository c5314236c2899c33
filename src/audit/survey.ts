/**
 * The yearly self-assessment survey (ミニマムベースライン達成状況調査) — source 001:
 *   B. 研究方法: every registry is surveyed once a year against the minimum baseline
 *      (「全国の地域がん登録を対象にミニマムベースラインの達成状況を年1回調査する」);
 *   C. 研究結果 (1), 表1 (registries by number of items not met, year by year) and 付表2 (per item,
 *      how many registries did not meet it);
 *   B / (5): the evaluation tool showed each registry its result per control category (管理策
 *      A–D, 付表5) and per defence zone (防御ゾーン 0–3, 付表1).
 * Data users answer the data-user measures (source 002) the same way.
 *
 * Plain TypeScript like the rest of src/audit: the service loads rows, maps them to the facts
 * below, asks here, then saves.
 *
 * Rules and decisions
 *
 * | rule | code(s) |
 * | --- | --- |
 * | The audit lead (chief audit executive or an audit manager) opens and closes rounds and reopens submissions | SURVEY_ACTION_FORBIDDEN |
 * | One round per fiscal year and audience (registries / data users) | SURVEY_ROUND_EXISTS |
 * | Registries answer the minimum baseline, data users the data-user measures | SURVEY_CATALOG_MISMATCH |
 * | A round is opened for the previous, current or next fiscal year only (typo guard) | SURVEY_FISCAL_YEAR_OUT_OF_RANGE |
 * | The due date is not in the past when the round opens | SURVEY_DUE_DATE_IN_PAST |
 * | Answers and submissions only while the round is open; a closed round is final | SURVEY_ROUND_CLOSED |
 * | The auditee's people (manager and staff) edit drafts; only the auditee manager submits | SURVEY_ACTION_FORBIDDEN |
 * | A submitted response is read-only until the lead reopens it with a reason | SURVEY_RESPONSE_SUBMITTED, SURVEY_REOPEN_REASON_REQUIRED |
 * | Every item answered met / not met / not applicable before submitting | SURVEY_ITEM_UNANSWERED |
 * | "Not applicable" needs a comment saying why (e.g. no field collection → item 3) | SURVEY_NOT_APPLICABLE_REASON_REQUIRED |
 * | A data user of identifiable data cannot mark a `*` measure not applicable (source 002: * = 必須) | SURVEY_MANDATORY_ITEM_NOT_APPLICABLE |
 * | Answers name items of the round's catalogue version, once each | SURVEY_ITEM_UNKNOWN, SURVEY_ITEM_DUPLICATE, SURVEY_ANSWER_INVALID, SURVEY_COMMENT_TOO_LONG |
 * | A save based on an older version of the response is refused | SURVEY_RESPONSE_VERSION_CONFLICT |
 *
 * Scoring (the evaluation tool's view): per category / zone / group, the items met, not met,
 * not applicable and unanswered; the rate is met ÷ (met + not met) — "not applicable" is left out
 * of the denominator. A respondent "meets every item" (全項目を達成) when no item is not met.
 * National figures count submitted responses only; drafts and reopened responses wait.
 *
 * Rounds reproduced from a published report (`origin: 'published'`) hold only what the report
 * printed: a figure the report does not give is `null`, never 0.
 */
import { onlyTheyMay } from './access';
import { IsoDate, isBefore, isIsoDate } from './dates';
import { fiscalYearOf, fiscalYearRange } from './fiscal-year';
import { allViolations, isFilled, raise, Verdict, verdict, violation, Violation } from './violation';
import { AUDIT_BODY_ROLES, AUDITEE_ROLES, AuditStatus, Label, Role } from './vocabulary';

function isOneOf<T extends string>(values: readonly T[]) {
  return (value: unknown): value is T => typeof value === 'string' && (values as readonly string[]).includes(value);
}

// ---------------------------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------------------------

/** 達成 / 未達成 / 該当なし — the words of 表1 and 付表2 (未達成登録数). */
export const SURVEY_ANSWERS = ['met', 'not_met', 'not_applicable'] as const;
export type SurveyAnswer = (typeof SURVEY_ANSWERS)[number];
export const isSurveyAnswer = isOneOf(SURVEY_ANSWERS);

export const SURVEY_ANSWER_LABELS: Readonly<Record<SurveyAnswer, Label>> = {
  met: { ja: '達成', en: 'Met' },
  not_met: { ja: '未達成', en: 'Not met' },
  not_applicable: { ja: '該当なし', en: 'Not applicable' },
};

/**
 * Reads an answer as a person types it into the spreadsheet: the Japanese label of the
 * drop-down list, or the code. Returns null for anything else (an empty cell is `undefined`
 * for the caller to decide).
 */
export function parseSurveyAnswer(text: string): SurveyAnswer | null {
  const t = text.normalize('NFKC').trim();
  for (const a of SURVEY_ANSWERS) {
    if (t === SURVEY_ANSWER_LABELS[a].ja || t.toLowerCase() === a || t.toLowerCase() === SURVEY_ANSWER_LABELS[a].en.toLowerCase()) return a;
  }
  return null;
}

/** Who answers a round: the prefectural registries or the data users (利用者). */
export const SURVEY_AUDIENCES = ['registry', 'data_user'] as const;
export type SurveyAudience = (typeof SURVEY_AUDIENCES)[number];
export const isSurveyAudience = isOneOf(SURVEY_AUDIENCES);

export const SURVEY_AUDIENCE_LABELS: Readonly<Record<SurveyAudience, Label>> = {
  registry: { ja: '都道府県がん登録室', en: 'Prefectural cancer registries' },
  data_user: { ja: '情報の利用者', en: 'Data users' },
};

/** The catalogue each audience answers: 付表6 (source 001) for registries, source 002 for data users. */
export const SURVEY_CATALOG_FOR_AUDIENCE: Readonly<Record<SurveyAudience, string>> = {
  registry: 'minimum-baseline',
  data_user: 'data-user-measures',
};

export const SURVEY_ROUND_STATUSES = ['open', 'closed'] as const;
export type SurveyRoundStatus = (typeof SURVEY_ROUND_STATUSES)[number];

export const SURVEY_ROUND_STATUS_LABELS: Readonly<Record<SurveyRoundStatus, Label>> = {
  open: { ja: '回答受付中', en: 'Open' },
  closed: { ja: '締切済', en: 'Closed' },
};

/** conducted: answered in Kansa; published: aggregate figures transcribed from a published report. */
export const SURVEY_ROUND_ORIGINS = ['conducted', 'published'] as const;
export type SurveyRoundOrigin = (typeof SURVEY_ROUND_ORIGINS)[number];

export const SURVEY_RESPONSE_STATUSES = ['not_started', 'draft', 'submitted', 'reopened'] as const;
export type SurveyResponseStatus = (typeof SURVEY_RESPONSE_STATUSES)[number];

export const SURVEY_RESPONSE_STATUS_LABELS: Readonly<Record<SurveyResponseStatus, Label>> = {
  not_started: { ja: '未着手', en: 'Not started' },
  draft: { ja: '下書き', en: 'Draft' },
  submitted: { ja: '提出済', en: 'Submitted' },
  reopened: { ja: '差戻し（再提出待ち）', en: 'Reopened (awaiting resubmission)' },
};

/** The states in which the auditee may still change its answers. */
export const EDITABLE_RESPONSE_STATUSES: readonly SurveyResponseStatus[] = ['not_started', 'draft', 'reopened'];

/** Control categories of the minimum baseline (付表5). */
export const SURVEY_CATEGORIES = ['A', 'B', 'C', 'D'] as const;
export type SurveyCategory = (typeof SURVEY_CATEGORIES)[number];

export const SURVEY_CATEGORY_LABELS: Readonly<Record<SurveyCategory, Label>> = {
  A: { ja: '管理策A（役割分担・規程類の文書化・教育研修）', en: 'A — roles, documented rules, training' },
  B: { ja: '管理策B（入退室・施錠保管・持ち出し管理）', en: 'B — room entry, locked storage, take-out records' },
  C: { ja: '管理策C（ユーザID・PC管理・バックアップ・出張採録PC）', en: 'C — user IDs, PCs, backups, field-collection PCs' },
  D: { ja: '管理策D（消去・廃棄・移送）', en: 'D — erasure, disposal, transport' },
};

/** Defence zones (付表1). */
export const SURVEY_ZONES = [0, 1, 2, 3] as const;
export type SurveyZone = (typeof SURVEY_ZONES)[number];

export const SURVEY_ZONE_LABELS: Readonly<Record<SurveyZone, Label>> = {
  0: { ja: '防御ゾーン0（一般区域）', en: 'Zone 0 — public area outside the room' },
  1: { ja: '防御ゾーン1（施錠された登録室等）', en: 'Zone 1 — locked room' },
  2: { ja: '防御ゾーン2（施錠キャビネ・アクセス制限PC等）', en: 'Zone 2 — locked cabinet or access-controlled PC' },
  3: { ja: '防御ゾーン3（アクセス権限が設定されたシステム等）', en: 'Zone 3 — access-controlled system' },
};

/** Longest comment accepted for one answer. */
export const MAX_SURVEY_COMMENT_LENGTH = 2000;

// ---------------------------------------------------------------------------------------------
// Facts
// ---------------------------------------------------------------------------------------------

/** One catalogue item as the survey needs it. */
export interface SurveyItemFacts {
  readonly no: number;
  /** A–D (minimum baseline), else null. */
  readonly category: SurveyCategory | null;
  /** 0–3 (minimum baseline), else null. */
  readonly zone: SurveyZone | null;
  /** Group code (data-user measures), else null. */
  readonly group: string | null;
  /** `*` of source 002: mandatory for users of identifiable data. */
  readonly mandatory: boolean;
}

export interface SurveyAnswerFacts {
  readonly answer: SurveyAnswer | null;
  readonly comment: string | null;
}

/** Answers by item number; a missing item is unanswered. */
export type SurveyAnswers = ReadonlyMap<number, SurveyAnswerFacts>;

export interface SurveyActorFacts {
  readonly personId: string;
  readonly organisationId: string;
  readonly roles: readonly Role[];
}

export interface SurveyRoundFacts {
  readonly fiscalYear: number;
  readonly audience: SurveyAudience;
  readonly origin: SurveyRoundOrigin;
  readonly status: SurveyRoundStatus;
  readonly dueOn: IsoDate | null;
}

export interface SurveyRespondentFacts {
  readonly organisationId: string;
  readonly kind: string;
  /** Data users: the period registry data was provided for (利用期間); null = not recorded. */
  readonly usageFrom: IsoDate | null;
  readonly usageTo: IsoDate | null;
  /** Data users: identifiable data makes the `*` measures mandatory. */
  readonly dataKind: 'identifiable' | 'anonymised' | null;
}

// ---------------------------------------------------------------------------------------------
// Access — who may do what, in one table (deny unless a grant allows)
// ---------------------------------------------------------------------------------------------

export const SURVEY_RELATIONS = ['lead', 'audit_body', 'respondent_manager', 'respondent_staff'] as const;
export type SurveyRelation = (typeof SURVEY_RELATIONS)[number];

export const SURVEY_RELATION_LABELS: Readonly<Record<SurveyRelation, Label>> = {
  lead: { ja: '監査統括責任者・監査責任者', en: 'Audit lead (chief audit executive or audit manager)' },
  audit_body: { ja: '監査主体', en: 'Audit body' },
  respondent_manager: { ja: '回答する組織の被監査主体責任者', en: "The respondent's auditee manager" },
  respondent_staff: { ja: '回答する組織の被監査主体担当者', en: "The respondent's auditee staff" },
};

/**
 * A person's relations to a round and, when given, to one respondent organisation's response.
 * lead: chief audit executive or audit manager; audit_body: any audit-body role;
 * respondent_*: a person of that organisation with an auditee role.
 */
export function surveyRelationsOf(actor: SurveyActorFacts, respondentOrganisationId: string | null): SurveyRelation[] {
  const out: SurveyRelation[] = [];
  if (actor.roles.includes('chief_audit_executive') || actor.roles.includes('audit_manager')) out.push('lead');
  if (actor.roles.some((r) => AUDIT_BODY_ROLES.includes(r))) out.push('audit_body');
  if (respondentOrganisationId !== null && actor.organisationId === respondentOrganisationId) {
    if (actor.roles.includes('auditee_manager')) out.push('respondent_manager');
    if (actor.roles.includes('auditee_staff')) out.push('respondent_staff');
  }
  return out;
}

/** True for the auditee roles of an organisation (any person who could answer for it). */
export function isRespondentPerson(actor: SurveyActorFacts): boolean {
  return actor.roles.some((r) => AUDITEE_ROLES.includes(r));
}

interface SurveyGrant {
  readonly by: readonly SurveyRelation[];
  /** Round states in which the grant holds (all when omitted). */
  readonly round?: readonly SurveyRoundStatus[];
  /** Response states in which the grant holds (all when omitted). */
  readonly response?: readonly SurveyResponseStatus[];
}

interface SurveyActionRule {
  readonly label: Label;
  readonly source: string;
  readonly grants: readonly SurveyGrant[];
}

const RESPONDENTS: readonly SurveyRelation[] = ['respondent_manager', 'respondent_staff'];

export const SURVEY_ACTION_RULES = {
  'round.open': {
    label: { ja: '調査の開始', en: 'Open a survey round' },
    source: '001 B. 研究方法 — 年1回調査; the lead plans the annual cycle (DOMAIN.md)',
    grants: [{ by: ['lead'] }],
  },
  'round.close': {
    label: { ja: '調査の締切', en: 'Close a survey round' },
    source: 'DOMAIN.md: the audit lead plans the annual cycle',
    grants: [{ by: ['lead'], round: ['open'] }],
  },
  'round.progress': {
    label: { ja: '回答状況の確認', en: 'See who has answered' },
    source: 'issue 8: the lead sees who has not answered yet',
    grants: [{ by: ['audit_body'] }],
  },
  'response.view': {
    label: { ja: '回答の閲覧', en: 'View a response' },
    source: 'DOMAIN.md: auditees see their own only',
    grants: [{ by: ['audit_body', ...RESPONDENTS] }],
  },
  'response.edit': {
    label: { ja: '回答の入力（下書き）', en: 'Edit the answers (draft)' },
    source: 'issue 8: drafts are saved by the registry',
    grants: [{ by: RESPONDENTS, round: ['open'], response: EDITABLE_RESPONSE_STATUSES }],
  },
  'response.submit': {
    label: { ja: '回答の提出', en: 'Submit the response' },
    source: 'issue 8: the registry submits; the auditee manager answers for the organisation',
    grants: [{ by: ['respondent_manager'], round: ['open'], response: EDITABLE_RESPONSE_STATUSES }],
  },
  'response.reopen': {
    label: { ja: '提出済み回答の差戻し', en: 'Reopen a submitted response' },
    source: 'issue 8: the lead can reopen a submission with a reason',
    grants: [{ by: ['lead'], round: ['open'], response: ['submitted'] }],
  },
  'national.view': {
    label: { ja: '全国集計の閲覧', en: 'View the national figures' },
    source: '001 表1・付表2',
    grants: [{ by: ['audit_body'] }],
  },
} as const satisfies Record<string, SurveyActionRule>;

export type SurveyAction = keyof typeof SURVEY_ACTION_RULES;
export const SURVEY_ACTIONS = Object.keys(SURVEY_ACTION_RULES) as SurveyAction[];

export interface SurveyActionState {
  readonly round?: SurveyRoundStatus;
  readonly response?: SurveyResponseStatus;
}

/**
 * forbidden: none of the person's relations holds the action (SURVEY_ACTION_FORBIDDEN);
 * conflict: it does, but not in this state (SURVEY_ROUND_CLOSED, SURVEY_ROUND_NOT_CLOSED …).
 */
export function evaluateSurveyAction(action: SurveyAction, relations: readonly SurveyRelation[], state: SurveyActionState = {}): Verdict {
  const rule: SurveyActionRule = SURVEY_ACTION_RULES[action];
  const mine = rule.grants.filter((g) => g.by.some((r) => relations.includes(r)));
  if (mine.length === 0) {
    return verdict({ forbidden: [onlyTheyMay('SURVEY_ACTION_FORBIDDEN', action, rule.label, rule.grants.flatMap((g) => g.by), SURVEY_RELATION_LABELS)] });
  }
  const roundOk = (g: SurveyGrant) => g.round === undefined || state.round === undefined || g.round.includes(state.round);
  const responseOk = (g: SurveyGrant) => g.response === undefined || state.response === undefined || g.response.includes(state.response);
  if (mine.some((g) => roundOk(g) && responseOk(g))) return verdict();
  const conflict: Violation[] = [];
  if (!mine.some(roundOk)) {
    conflict.push(
      state.round === 'closed'
        ? violation('SURVEY_ROUND_CLOSED', 'この調査は締め切られています。', 'This survey round is closed.', { field: 'round', details: { action } })
        : violation('SURVEY_ROUND_NOT_OPEN', 'この調査は回答を受け付けていません。', 'This survey round is not open.', { field: 'round', details: { action } }),
    );
  } else if (state.response === 'submitted') {
    conflict.push(
      violation(
        'SURVEY_RESPONSE_SUBMITTED',
        '回答は提出済みです。修正が必要な場合は監査主体に差戻しを依頼してください。',
        'The response has been submitted. Ask the audit lead to reopen it to make changes.',
        { field: 'status', details: { action } },
      ),
    );
  } else {
    const label = state.response === undefined ? null : SURVEY_RESPONSE_STATUS_LABELS[state.response];
    conflict.push(
      violation(
        'SURVEY_RESPONSE_NOT_SUBMITTED',
        `提出済みの回答のみ差し戻せます（現在: ${label?.ja ?? '未着手'}）。`,
        `Only a submitted response can be reopened (now: ${(label?.en ?? 'not started').toLowerCase()}).`,
        { field: 'status', details: { action, status: state.response ?? null } },
      ),
    );
  }
  return verdict({ conflict });
}

export function checkSurveyAction(action: SurveyAction, relations: readonly SurveyRelation[], state: SurveyActionState = {}): Violation[] {
  return allViolations(evaluateSurveyAction(action, relations, state));
}

export function assertSurveyAction(action: SurveyAction, relations: readonly SurveyRelation[], state: SurveyActionState = {}): void {
  raise(evaluateSurveyAction(action, relations, state));
}

/** True when these relations hold the action in some state (else: the object is hidden, 404). */
export function holdsSurveyAction(action: SurveyAction, relations: readonly SurveyRelation[]): boolean {
  return SURVEY_ACTION_RULES[action].grants.some((g: SurveyGrant) => g.by.some((r) => relations.includes(r)));
}

// ---------------------------------------------------------------------------------------------
// Rounds
// ---------------------------------------------------------------------------------------------

export interface RoundDraft {
  readonly fiscalYear: number;
  readonly audience: SurveyAudience;
  readonly catalogCode: string;
  readonly dueOn: IsoDate | null;
}

/**
 * 調査の開始. forbidden: not the lead; invalid: wrong catalogue for the audience, a fiscal year
 * outside previous…next, a due date in the past or outside reason; conflict: a round for the
 * same year and audience exists (published historical rounds included).
 */
export function evaluateOpenRound(
  relations: readonly SurveyRelation[],
  draft: RoundDraft,
  existing: readonly Pick<SurveyRoundFacts, 'fiscalYear' | 'audience'>[],
  today: IsoDate,
): Verdict {
  const access = evaluateSurveyAction('round.open', relations);
  if (access.forbidden.length > 0) return access;
  const invalid: Violation[] = [];
  if (!isSurveyAudience(draft.audience)) {
    invalid.push(violation('SURVEY_AUDIENCE_INVALID', '回答対象は登録室または利用者です。', 'The audience is registries or data users.', { field: 'audience' }));
  } else if (SURVEY_CATALOG_FOR_AUDIENCE[draft.audience] !== draft.catalogCode) {
    const expected = SURVEY_CATALOG_FOR_AUDIENCE[draft.audience];
    invalid.push(
      violation(
        'SURVEY_CATALOG_MISMATCH',
        `${SURVEY_AUDIENCE_LABELS[draft.audience].ja}の調査には基準カタログ「${expected}」を使います。`,
        `A survey of ${SURVEY_AUDIENCE_LABELS[draft.audience].en.toLowerCase()} uses the catalogue "${expected}".`,
        { field: 'catalog.code', details: { expected, given: draft.catalogCode } },
      ),
    );
  }
  const current = fiscalYearOf(today);
  if (!Number.isInteger(draft.fiscalYear) || Math.abs(draft.fiscalYear - current) > 1) {
    invalid.push(
      violation(
        'SURVEY_FISCAL_YEAR_OUT_OF_RANGE',
        `調査年度は前年度・今年度・翌年度（${current - 1}〜${current + 1}年度）のいずれかです。`,
        `A round is opened for the previous, current or next fiscal year (FY${current - 1}–FY${current + 1}).`,
        { field: 'fiscalYear', details: { fiscalYear: draft.fiscalYear, currentFiscalYear: current } },
      ),
    );
  }
  if (draft.dueOn !== null) {
    if (!isIsoDate(draft.dueOn)) {
      invalid.push(violation('DATE_INVALID', '回答期限が不正です（YYYY-MM-DD）。', 'The due date is not a valid date (YYYY-MM-DD).', { field: 'dueOn' }));
    } else if (isBefore(draft.dueOn, today)) {
      invalid.push(
        violation('SURVEY_DUE_DATE_IN_PAST', `回答期限（${draft.dueOn}）が過去の日付です。`, `The due date (${draft.dueOn}) is in the past.`, {
          field: 'dueOn',
          details: { dueOn: draft.dueOn, today },
        }),
      );
    }
  }
  const conflict: Violation[] = [];
  if (existing.some((r) => r.fiscalYear === draft.fiscalYear && r.audience === draft.audience)) {
    conflict.push(
      violation(
        'SURVEY_ROUND_EXISTS',
        `${draft.fiscalYear}年度の${SURVEY_AUDIENCE_LABELS[draft.audience]?.ja ?? ''}の調査は既にあります。`,
        `A FY${draft.fiscalYear} round for ${SURVEY_AUDIENCE_LABELS[draft.audience]?.en.toLowerCase() ?? draft.audience} already exists.`,
        { field: 'fiscalYear', details: { fiscalYear: draft.fiscalYear, audience: draft.audience } },
      ),
    );
  }
  return verdict({ invalid, conflict });
}

export function assertOpenRound(
  relations: readonly SurveyRelation[],
  draft: RoundDraft,
  existing: readonly Pick<SurveyRoundFacts, 'fiscalYear' | 'audience'>[],
  today: IsoDate,
): void {
  raise(evaluateOpenRound(relations, draft, existing, today));
}

/** Published rounds are closed from the start and never answered in Kansa. */
export function assertRoundAnswerable(round: Pick<SurveyRoundFacts, 'origin'>): void {
  if (round.origin === 'published') {
    raise(verdict({
      conflict: [
        violation(
          'SURVEY_ROUND_PUBLISHED_ONLY',
          'この年度は公表された集計値のみを保持しており、回答は入力できません。',
          'This round holds published aggregate figures only; it cannot be answered.',
          { field: 'round' },
        ),
      ],
    }));
  }
}

/**
 * Who is expected to answer a round: organisations of the audience's kind; a data user only
 * when its usage period (利用期間) overlaps the fiscal year or is not recorded.
 */
export function isExpectedRespondent(org: Pick<SurveyRespondentFacts, 'kind' | 'usageFrom' | 'usageTo'>, round: Pick<SurveyRoundFacts, 'audience' | 'fiscalYear'>): boolean {
  if (org.kind !== round.audience) return false;
  if (round.audience !== 'data_user') return true;
  const { start, end } = fiscalYearRange(round.fiscalYear);
  if (org.usageTo !== null && isBefore(org.usageTo, start)) return false;
  if (org.usageFrom !== null && isBefore(end, org.usageFrom)) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------
// Answers, drafts and submission
// ---------------------------------------------------------------------------------------------

export interface AnswerChange {
  readonly itemNo: number;
  /** null clears the answer (back to unanswered). */
  readonly answer: SurveyAnswer | null;
  readonly comment: string | null;
}

/** The values of a set of changes: known items, each once, known answers, comments not too long. */
export function checkAnswerChanges(items: readonly SurveyItemFacts[], changes: readonly AnswerChange[]): Violation[] {
  const known = new Set(items.map((i) => i.no));
  const seen = new Set<number>();
  const out: Violation[] = [];
  for (const c of changes) {
    const details = { itemNo: c.itemNo };
    if (!known.has(c.itemNo)) {
      out.push(violation('SURVEY_ITEM_UNKNOWN', `項目${c.itemNo}はこの調査の基準にありません。`, `Item ${c.itemNo} is not in this round's catalogue.`, { field: 'answers', details }));
      continue;
    }
    if (seen.has(c.itemNo)) {
      out.push(violation('SURVEY_ITEM_DUPLICATE', `項目${c.itemNo}への回答が重複しています。`, `Item ${c.itemNo} is answered more than once.`, { field: 'answers', details }));
    }
    seen.add(c.itemNo);
    if (c.answer !== null && !isSurveyAnswer(c.answer)) {
      out.push(
        violation(
          'SURVEY_ANSWER_INVALID',
          `項目${c.itemNo}の回答は「達成」「未達成」「該当なし」のいずれかです。`,
          `The answer to item ${c.itemNo} must be met, not met or not applicable.`,
          { field: 'answers', details },
        ),
      );
    }
    if (c.comment !== null && c.comment.length > MAX_SURVEY_COMMENT_LENGTH) {
      out.push(
        violation(
          'SURVEY_COMMENT_TOO_LONG',
          `項目${c.itemNo}のコメントは${MAX_SURVEY_COMMENT_LENGTH}文字以内です。`,
          `The comment on item ${c.itemNo} is longer than ${MAX_SURVEY_COMMENT_LENGTH} characters.`,
          { field: 'answers', details: { ...details, length: c.comment.length } },
        ),
      );
    }
  }
  return out;
}

export function checkResponseVersion(current: number, basedOn: number | null): Violation[] {
  if (basedOn === null || basedOn === current) return [];
  return [
    violation(
      'SURVEY_RESPONSE_VERSION_CONFLICT',
      `この回答は他の人により更新されています（現在の版: ${current}、編集元の版: ${basedOn}）。最新の内容を確認してから保存してください。`,
      `This response was changed by someone else (current version ${current}, your edit is based on ${basedOn}). Review the current answers before saving.`,
      { field: 'version', details: { currentVersion: current, basedOnVersion: basedOn } },
    ),
  ];
}

export interface DraftOutcome {
  /** The answers after the change (unanswered items are absent). */
  readonly answers: Map<number, SurveyAnswerFacts>;
  readonly status: Extract<SurveyResponseStatus, 'draft' | 'reopened'>;
  readonly changed: boolean;
  readonly version: number;
  /** Items whose answer or comment changed. */
  readonly changedItemNos: number[];
}

/**
 * Saves answers as a draft: forbidden (not this organisation's people), conflict (round closed,
 * submitted, stale version), invalid (unknown item, bad value). Saving identical answers is a
 * no-op. A reopened response stays `reopened` until it is submitted again.
 */
export function decideSaveAnswers(
  relations: readonly SurveyRelation[],
  round: Pick<SurveyRoundFacts, 'status' | 'origin'>,
  response: { readonly status: SurveyResponseStatus; readonly version: number; readonly answers: SurveyAnswers },
  items: readonly SurveyItemFacts[],
  changes: readonly AnswerChange[],
  basedOnVersion: number | null,
): DraftOutcome {
  const access = evaluateSurveyAction('response.edit', relations, { round: round.status, response: response.status });
  raise(verdict({ forbidden: access.forbidden }));
  assertRoundAnswerable(round);
  raise(verdict({ conflict: access.conflict }));
  raise(verdict({ invalid: checkAnswerChanges(items, changes) }));
  const next = new Map(response.answers);
  const changedItemNos: number[] = [];
  for (const c of changes) {
    const comment = isFilled(c.comment) ? c.comment.trim() : null;
    const before = response.answers.get(c.itemNo);
    const same = (before?.answer ?? null) === c.answer && (before?.comment ?? null) === comment;
    if (c.answer === null && comment === null) next.delete(c.itemNo);
    else next.set(c.itemNo, { answer: c.answer, comment });
    if (!same) changedItemNos.push(c.itemNo);
  }
  const status = response.status === 'reopened' ? 'reopened' : 'draft';
  if (changedItemNos.length === 0 && response.status !== 'not_started') {
    return { answers: next, status, changed: false, version: response.version, changedItemNos };
  }
  raise(verdict({ conflict: checkResponseVersion(response.version, basedOnVersion) }));
  return { answers: next, status, changed: true, version: response.version + 1, changedItemNos };
}

/**
 * What must hold for a submission: every item answered; "not applicable" explained; for a
 * data user of identifiable data, no `*` measure marked not applicable. Every unmet condition
 * is listed, each with its item number.
 */
export function checkSubmissionComplete(
  items: readonly SurveyItemFacts[],
  answers: SurveyAnswers,
  respondent: Pick<SurveyRespondentFacts, 'kind' | 'dataKind'>,
): Violation[] {
  const out: Violation[] = [];
  for (const item of items) {
    const a = answers.get(item.no);
    const details = { itemNo: item.no };
    if (!a || a.answer === null) {
      out.push(violation('SURVEY_ITEM_UNANSWERED', `項目${item.no}が未回答です。`, `Item ${item.no} is not answered.`, { field: 'answers', details }));
      continue;
    }
    if (a.answer === 'not_applicable' && !isFilled(a.comment)) {
      out.push(
        violation(
          'SURVEY_NOT_APPLICABLE_REASON_REQUIRED',
          `項目${item.no}を「該当なし」とする理由をコメントに記入してください。`,
          `Item ${item.no} is marked not applicable: say why in the comment.`,
          { field: 'answers', details },
        ),
      );
    }
    if (a.answer === 'not_applicable' && item.mandatory && respondent.kind === 'data_user' && respondent.dataKind === 'identifiable') {
      out.push(
        violation(
          'SURVEY_MANDATORY_ITEM_NOT_APPLICABLE',
          `項目${item.no}は非匿名化情報の利用者には必須（＊）の対策のため、「該当なし」にはできません。`,
          `Item ${item.no} is mandatory (*) for users of identifiable data and cannot be marked not applicable.`,
          { field: 'answers', details },
        ),
      );
    }
  }
  return out;
}

export interface SubmitOutcome {
  readonly status: 'submitted';
  readonly version: number;
  /** Submitted after the round's due date (still accepted while the round is open). */
  readonly late: boolean;
}

/** 回答の提出: forbidden (not the auditee manager), conflict (closed, already submitted, incomplete). */
export function decideSubmit(
  relations: readonly SurveyRelation[],
  round: Pick<SurveyRoundFacts, 'status' | 'origin' | 'dueOn'>,
  response: { readonly status: SurveyResponseStatus; readonly version: number; readonly answers: SurveyAnswers },
  items: readonly SurveyItemFacts[],
  respondent: Pick<SurveyRespondentFacts, 'kind' | 'dataKind'>,
  today: IsoDate,
): SubmitOutcome {
  const access = evaluateSurveyAction('response.submit', relations, { round: round.status, response: response.status });
  raise(verdict({ forbidden: access.forbidden }));
  assertRoundAnswerable(round);
  raise(verdict({ conflict: access.conflict }));
  raise(verdict({ conflict: checkSubmissionComplete(items, response.answers, respondent) }));
  return { status: 'submitted', version: response.version + 1, late: round.dueOn !== null && isBefore(round.dueOn, today) };
}

/** 差戻し: the lead reopens a submitted response, with the reason the auditee will read. */
export function decideReopen(
  relations: readonly SurveyRelation[],
  round: Pick<SurveyRoundFacts, 'status'>,
  response: { readonly status: SurveyResponseStatus; readonly version: number },
  reason: string | null,
): { status: 'reopened'; version: number; reason: string } {
  const access = evaluateSurveyAction('response.reopen', relations, { round: round.status, response: response.status });
  raise(verdict({ forbidden: access.forbidden }));
  if (!isFilled(reason)) {
    raise(verdict({
      invalid: [
        violation('SURVEY_REOPEN_REASON_REQUIRED', '差戻しの理由を記入してください。回答者に表示されます。', 'Give the reason for reopening; the respondent will read it.', {
          field: 'reason',
        }),
      ],
    }));
  }
  raise(verdict({ conflict: access.conflict }));
  return { status: 'reopened', version: response.version + 1, reason: reason!.trim() };
}

/** 締切: the lead closes an open round; responses not submitted by then stay out of the figures. */
export function decideCloseRound(relations: readonly SurveyRelation[], round: Pick<SurveyRoundFacts, 'status' | 'origin'>): { status: 'closed' } {
  const access = evaluateSurveyAction('round.close', relations, { round: round.status });
  raise(verdict({ forbidden: access.forbidden }));
  assertRoundAnswerable(round);
  raise(verdict({ conflict: access.conflict }));
  return { status: 'closed' };
}

// ---------------------------------------------------------------------------------------------
// Scoring — the evaluation tool's view
// ---------------------------------------------------------------------------------------------

export interface ScoreCell {
  readonly items: number;
  readonly met: number;
  readonly notMet: number;
  readonly notApplicable: number;
  readonly unanswered: number;
  /** met ÷ (met + not met); null when no item applies. */
  readonly rate: number | null;
}

export interface KeyedScore<K> extends ScoreCell {
  readonly key: K;
}

export interface SurveyScore {
  readonly overall: ScoreCell;
  /** A–D, in order; empty for catalogues without categories. */
  readonly byCategory: readonly KeyedScore<SurveyCategory>[];
  /** 0–3, in order; empty for catalogues without zones. */
  readonly byZone: readonly KeyedScore<SurveyZone>[];
  /** Groups in catalogue order; empty for catalogues without groups. */
  readonly byGroup: readonly KeyedScore<string>[];
  readonly notMetItemNos: readonly number[];
  readonly unansweredItemNos: readonly number[];
  /** 全項目を達成: every item answered and none not met. */
  readonly allMet: boolean;
  readonly complete: boolean;
}

function cell(items: readonly SurveyItemFacts[], answers: SurveyAnswers): ScoreCell {
  let met = 0;
  let notMet = 0;
  let notApplicable = 0;
  let unanswered = 0;
  for (const item of items) {
    const a = answers.get(item.no)?.answer ?? null;
    if (a === 'met') met += 1;
    else if (a === 'not_met') notMet += 1;
    else if (a === 'not_applicable') notApplicable += 1;
    else unanswered += 1;
  }
  return { items: items.length, met, notMet, notApplicable, unanswered, rate: met + notMet === 0 ? null : met / (met + notMet) };
}

function groupKeys(items: readonly SurveyItemFacts[]): string[] {
  const keys: string[] = [];
  for (const i of items) if (i.group !== null && !keys.includes(i.group)) keys.push(i.group);
  return keys;
}

/** One respondent's answers scored overall, by category A–D, zone 0–3 and group. */
export function scoreAnswers(items: readonly SurveyItemFacts[], answers: SurveyAnswers): SurveyScore {
  const overall = cell(items, answers);
  const byCategory = SURVEY_CATEGORIES.filter((c) => items.some((i) => i.category === c)).map((key) => ({
    key,
    ...cell(items.filter((i) => i.category === key), answers),
  }));
  const byZone = SURVEY_ZONES.filter((z) => items.some((i) => i.zone === z)).map((key) => ({ key, ...cell(items.filter((i) => i.zone === key), answers) }));
  const byGroup = groupKeys(items).map((key) => ({ key, ...cell(items.filter((i) => i.group === key), answers) }));
  const notMetItemNos = items.filter((i) => answers.get(i.no)?.answer === 'not_met').map((i) => i.no);
  const unansweredItemNos = items.filter((i) => (answers.get(i.no)?.answer ?? null) === null).map((i) => i.no);
  return {
    overall, byCategory, byZone, byGroup, notMetItemNos, unansweredItemNos,
    allMet: unansweredItemNos.length === 0 && notMetItemNos.length === 0,
    complete: unansweredItemNos.length === 0,
  };
}

export interface CellChange<K> {
  readonly key: K;
  /** This year's rate minus last year's; null when either is null. */
  readonly rateChange: number | null;
  readonly notMetChange: number;
}

export interface ScoreChange {
  readonly previousFiscalYear: number;
  /** False when the two rounds used different catalogue versions: items are compared by number. */
  readonly sameCatalogVersion: boolean;
  readonly overall: CellChange<'overall'>;
  readonly byCategory: readonly CellChange<SurveyCategory>[];
  readonly byZone: readonly CellChange<SurveyZone>[];
  readonly byGroup: readonly CellChange<string>[];
  /** Met (or N/A) last year, not met this year. */
  readonly newlyNotMet: readonly number[];
  /** Not met last year, met this year. */
  readonly newlyMet: readonly number[];
}

export interface ScoredRound {
  readonly fiscalYear: number;
  readonly catalogCode: string;
  readonly catalogVersion: string;
  readonly score: SurveyScore;
}

function change<K>(key: K, now: ScoreCell | undefined, before: ScoreCell | undefined): CellChange<K> {
  const rateChange = now?.rate == null || before?.rate == null ? null : now.rate - before.rate;
  return { key, rateChange, notMetChange: (now?.notMet ?? 0) - (before?.notMet ?? 0) };
}

/**
 * Change from last year (前年度との比較). Only rounds of the same catalogue compare: items are
 * matched by number (the 2013 and 2014 wordings of the minimum baseline keep the numbers of
 * 付表6). Returns null when there is nothing comparable.
 */
export function compareWithPrevious(current: ScoredRound, previous: ScoredRound | null): ScoreChange | null {
  if (previous === null || previous.catalogCode !== current.catalogCode || previous.fiscalYear >= current.fiscalYear) return null;
  const now = current.score;
  const before = previous.score;
  const byKey = <K>(a: readonly KeyedScore<K>[], b: readonly KeyedScore<K>[]) =>
    [...new Set([...a.map((x) => x.key), ...b.map((x) => x.key)])].map((key) => change(key, a.find((x) => x.key === key), b.find((x) => x.key === key)));
  const wasNotMet = new Set(before.notMetItemNos);
  const isNotMet = new Set(now.notMetItemNos);
  return {
    previousFiscalYear: previous.fiscalYear,
    sameCatalogVersion: previous.catalogVersion === current.catalogVersion,
    overall: change('overall', now.overall, before.overall),
    byCategory: byKey(now.byCategory, before.byCategory),
    byZone: byKey(now.byZone, before.byZone),
    byGroup: byKey(now.byGroup, before.byGroup),
    newlyNotMet: now.notMetItemNos.filter((n) => !wasNotMet.has(n)),
    newlyMet: before.notMetItemNos.filter((n) => !isNotMet.has(n)),
  };
}

// ---------------------------------------------------------------------------------------------
// National figures — the shape of 表1 and 付表2
// ---------------------------------------------------------------------------------------------

/** The share as the source prints it: a percentage with one decimal ("51.1"). */
export function percent1(part: number, whole: number): string | null {
  if (whole <= 0) return null;
  return (Math.round((part / whole) * 1000) / 10).toFixed(1);
}

export interface DistributionRow {
  /** 未達成項目数 */
  readonly notMetItems: number;
  /** 都道府県数 (registries) or data users */
  readonly respondents: number;
  /** As printed, or computed with one decimal. */
  readonly percent: string | null;
}

export interface NationalItemRow {
  readonly no: number;
  readonly category: SurveyCategory | null;
  readonly zone: SurveyZone | null;
  readonly group: string | null;
  /** 未達成登録数; null when the figure is not published. */
  readonly notMet: number | null;
  readonly notApplicable: number | null;
  readonly met: number | null;
}

export interface NationalCell<K> {
  readonly key: K;
  readonly items: number;
  /** Sum of not-met answers over the items; null when an item's figure is not published. */
  readonly notMet: number | null;
  /** Respondents meeting every item of the category / zone; null when not known. */
  readonly respondentsMeetingAll: number | null;
}

export interface NationalSummary {
  readonly fiscalYear: number;
  readonly origin: SurveyRoundOrigin;
  /** Items surveyed (24 in FY2012, 32 from FY2013); null when not published. */
  readonly itemsSurveyed: number | null;
  /** Respondents counted (submitted responses; published: 回答数). */
  readonly respondents: number | null;
  /** 全項目を達成している登録数 */
  readonly allItemsMet: number | null;
  /** allItemsMet ÷ respondents (0–1) */
  readonly allItemsMetShare: number | null;
  /** As printed by the source or computed to one decimal. */
  readonly allItemsMetPercent: string | null;
  /** 表1: respondents by number of items not met; null when not published. */
  readonly distribution: readonly DistributionRow[] | null;
  /** 付表2: per item; every catalogue item is listed, with null where not published. */
  readonly items: readonly NationalItemRow[];
  readonly byCategory: readonly NationalCell<SurveyCategory>[];
  readonly byZone: readonly NationalCell<SurveyZone>[];
}

/** National figures of a round answered in Kansa, from its submitted responses only. */
export function nationalSummary(fiscalYear: number, items: readonly SurveyItemFacts[], submitted: readonly SurveyAnswers[]): NationalSummary {
  const n = submitted.length;
  const scores = submitted.map((answers) => scoreAnswers(items, answers));
  const allItemsMet = scores.filter((s) => s.notMetItemNos.length === 0).length;
  const maxNotMet = Math.max(0, ...scores.map((s) => s.notMetItemNos.length));
  const distribution: DistributionRow[] = [];
  for (let k = 0; k <= maxNotMet; k += 1) {
    const count = scores.filter((s) => s.notMetItemNos.length === k).length;
    distribution.push({ notMetItems: k, respondents: count, percent: percent1(count, n) });
  }
  const count = (no: number, a: SurveyAnswer) => submitted.filter((answers) => answers.get(no)?.answer === a).length;
  const rows = items.map((i) => ({
    no: i.no, category: i.category, zone: i.zone, group: i.group,
    notMet: count(i.no, 'not_met'), notApplicable: count(i.no, 'not_applicable'), met: count(i.no, 'met'),
  }));
  const keyed = <K>(key: K, inKey: (i: SurveyItemFacts) => boolean): NationalCell<K> => {
    const nos = new Set(items.filter(inKey).map((i) => i.no));
    return {
      key,
      items: nos.size,
      notMet: rows.filter((r) => nos.has(r.no)).reduce((s, r) => s + r.notMet, 0),
      respondentsMeetingAll: scores.filter((s) => !s.notMetItemNos.some((x) => nos.has(x))).length,
    };
  };
  return {
    fiscalYear,
    origin: 'conducted',
    itemsSurveyed: items.length,
    respondents: n,
    allItemsMet,
    allItemsMetShare: n === 0 ? null : allItemsMet / n,
    allItemsMetPercent: percent1(allItemsMet, n),
    distribution,
    items: rows,
    byCategory: SURVEY_CATEGORIES.filter((c) => items.some((i) => i.category === c)).map((c) => keyed(c, (i) => i.category === c)),
    byZone: SURVEY_ZONES.filter((z) => items.some((i) => i.zone === z)).map((z) => keyed(z, (i) => i.zone === z)),
  };
}

/** The aggregate figures a published report gives for one survey year; null = not given. */
export interface PublishedFigures {
  readonly fiscalYear: number;
  readonly itemsSurveyed: number | null;
  readonly respondents: number | null;
  readonly allItemsMet: number | null;
  /** The percentage as printed, e.g. '51.1'. */
  readonly allItemsMetPercent: string | null;
  /** 表1 rows as printed (a row the table does not print is absent). */
  readonly distribution: readonly DistributionRow[] | null;
  /** 付表2: per-item not-met counts, only for the items the report gives. */
  readonly itemNotMet: readonly { readonly no: number; readonly notMet: number }[];
}

/**
 * National figures of a published round: what was printed, in the same shape as a conducted
 * round. Items whose count is not published are listed with null counts; a category or zone
 * total is given only when every one of its items is published.
 */
export function publishedNationalSummary(p: PublishedFigures, items: readonly SurveyItemFacts[] | null): NationalSummary {
  const published = new Map(p.itemNotMet.map((x) => [x.no, x.notMet]));
  const catalogue: readonly SurveyItemFacts[] = items ?? p.itemNotMet.map((x) => ({ no: x.no, category: null, zone: null, group: null, mandatory: false }));
  const rows = catalogue.map((i) => ({
    no: i.no, category: i.category, zone: i.zone, group: i.group,
    notMet: published.get(i.no) ?? null, notApplicable: null, met: null,
  }));
  const keyed = <K>(key: K, inKey: (i: Pick<SurveyItemFacts, 'category' | 'zone'>) => boolean): NationalCell<K> => {
    const inCell = rows.filter((r) => inKey(r));
    const known = inCell.every((r) => r.notMet !== null);
    return { key, items: inCell.length, notMet: known ? inCell.reduce((s, r) => s + (r.notMet ?? 0), 0) : null, respondentsMeetingAll: null };
  };
  return {
    fiscalYear: p.fiscalYear,
    origin: 'published',
    itemsSurveyed: p.itemsSurveyed,
    respondents: p.respondents,
    allItemsMet: p.allItemsMet,
    allItemsMetShare: p.allItemsMet !== null && p.respondents ? p.allItemsMet / p.respondents : p.allItemsMetPercent !== null ? Number(p.allItemsMetPercent) / 100 : null,
    allItemsMetPercent: p.allItemsMetPercent ?? (p.allItemsMet !== null && p.respondents ? percent1(p.allItemsMet, p.respondents) : null),
    distribution: p.distribution,
    items: rows,
    byCategory: SURVEY_CATEGORIES.filter((c) => catalogue.some((i) => i.category === c)).map((c) => keyed(c, (i) => i.category === c)),
    byZone: SURVEY_ZONES.filter((z) => catalogue.some((i) => i.zone === z)).map((z) => keyed(z, (i) => i.zone === z)),
  };
}

/**
 * Consistency of transcribed figures — a wrong digit stops the seed with the reason:
 * the rows of 表1 add up to the respondents (計); the 0 row is the all-met count; each printed
 * percentage is the count ÷ respondents rounded to one decimal; no item count exceeds the
 * registries that missed anything; the per-item counts do not exceed Σ k × rows(k).
 */
export function checkPublishedFigures(p: PublishedFigures, items: readonly SurveyItemFacts[] | null): Violation[] {
  const out: Violation[] = [];
  const fy = p.fiscalYear;
  const v = (code: string, en: string, details: Record<string, unknown> = {}) =>
    out.push(violation(code, `${fy}年度の公表値: ${en}`, `FY${fy} published figures: ${en}`, { details: { fiscalYear: fy, ...details } }));
  if (p.distribution !== null) {
    const total = p.distribution.reduce((s, r) => s + r.respondents, 0);
    if (p.respondents !== null && total !== p.respondents) v('PUBLISHED_DISTRIBUTION_TOTAL', `rows add up to ${total}, not ${p.respondents}`, { total });
    const zero = p.distribution.find((r) => r.notMetItems === 0);
    if (p.allItemsMet !== null && zero !== undefined && zero.respondents !== p.allItemsMet) v('PUBLISHED_ALL_MET_MISMATCH', `row 0 is ${zero.respondents}, all-met is ${p.allItemsMet}`);
    for (const r of p.distribution) {
      if (p.respondents !== null && r.percent !== null && percent1(r.respondents, p.respondents) !== r.percent) {
        v('PUBLISHED_PERCENT_MISMATCH', `row ${r.notMetItems}: ${r.respondents}/${p.respondents} is ${percent1(r.respondents, p.respondents)}%, printed ${r.percent}%`, { row: r.notMetItems });
      }
      if (p.itemsSurveyed !== null && r.notMetItems > p.itemsSurveyed) v('PUBLISHED_ROW_OUT_OF_RANGE', `row ${r.notMetItems} exceeds the ${p.itemsSurveyed} items`, { row: r.notMetItems });
    }
    if (new Set(p.distribution.map((r) => r.notMetItems)).size !== p.distribution.length) v('PUBLISHED_ROW_DUPLICATE', 'a row is listed twice');
    const answersNotMet = p.distribution.reduce((s, r) => s + r.notMetItems * r.respondents, 0);
    const itemTotal = p.itemNotMet.reduce((s, x) => s + x.notMet, 0);
    if (itemTotal > answersNotMet) v('PUBLISHED_ITEM_TOTAL_TOO_HIGH', `per-item counts add up to ${itemTotal}, more than the ${answersNotMet} not-met answers of the table`, { itemTotal, answersNotMet });
  }
  if (p.allItemsMet !== null && p.respondents !== null && p.allItemsMetPercent !== null && percent1(p.allItemsMet, p.respondents) !== p.allItemsMetPercent) {
    v('PUBLISHED_PERCENT_MISMATCH', `all-met ${p.allItemsMet}/${p.respondents} is ${percent1(p.allItemsMet, p.respondents)}%, printed ${p.allItemsMetPercent}%`);
  }
  const known = items === null ? null : new Set(items.map((i) => i.no));
  for (const x of p.itemNotMet) {
    if (known !== null && !known.has(x.no)) v('PUBLISHED_ITEM_UNKNOWN', `item ${x.no} is not in the catalogue version`, { itemNo: x.no });
    if (!Number.isInteger(x.notMet) || x.notMet < 0) v('PUBLISHED_COUNT_INVALID', `item ${x.no}: ${x.notMet}`, { itemNo: x.no });
    if (p.respondents !== null && p.allItemsMet !== null && x.notMet > p.respondents - p.allItemsMet) {
      v('PUBLISHED_ITEM_COUNT_TOO_HIGH', `item ${x.no}: ${x.notMet} registries, but only ${p.respondents - p.allItemsMet} missed any item`, { itemNo: x.no });
    }
  }
  return out;
}

/** One year of the trend: the national summary's headline figures. */
export type TrendPoint = Pick<NationalSummary, 'fiscalYear' | 'origin' | 'itemsSurveyed' | 'respondents' | 'allItemsMet' | 'allItemsMetShare' | 'allItemsMetPercent'>;

/** Year by year: the share of respondents meeting every item (表1 row 0, and the text of (1)). */
export function nationalTrend(summaries: readonly NationalSummary[]): TrendPoint[] {
  return [...summaries]
    .sort((a, b) => a.fiscalYear - b.fiscalYear)
    .map(({ fiscalYear, origin, itemsSurveyed, respondents, allItemsMet, allItemsMetShare, allItemsMetPercent }) => ({
      fiscalYear, origin, itemsSurveyed, respondents, allItemsMet, allItemsMetShare, allItemsMetPercent,
    }));
}

// ---------------------------------------------------------------------------------------------
// Risk-based planning — whom to audit (ハンドブック 2.(2)ア 年度監査計画の立案)
// ---------------------------------------------------------------------------------------------

export interface PlanningRow {
  readonly organisationId: string;
  readonly name: string;
  /** Latest submitted self-assessment: its rate (met ÷ applicable) and not-met count; null = none. */
  readonly selfAssessmentRate: number | null;
  readonly notMetItems: number | null;
  /** Fiscal years since the last on-site visit; null = never audited. */
  readonly yearsSinceLastAudit: number | null;
  /** Findings whose follow-up is still open. */
  readonly openFindings: number;
}

const HELD_STATUSES: readonly AuditStatus[] = ['fieldwork', 'results_agreement', 'reported', 'remediation', 'verified', 'published'];

/**
 * The day an audit was held (its on-site visit), for "years since the last audit": the audit
 * reached fieldwork and the visit day has come. A cancelled or not yet visited audit was not held.
 */
export function auditHeldOn(status: AuditStatus, visitDate: IsoDate | null, today: IsoDate): IsoDate | null {
  if (!HELD_STATUSES.includes(status) || visitDate === null || isBefore(today, visitDate)) return null;
  return visitDate;
}

/** Fiscal years between the last visit and the planning year (0 = audited this year). */
export function yearsSinceLastAudit(lastVisitOn: IsoDate | null, planningFiscalYear: number): number | null {
  if (lastVisitOn === null) return null;
  return Math.max(0, planningFiscalYear - fiscalYearOf(lastVisitOn));
}

export const PLANNING_SORT_KEYS = ['selfAssessment', 'notMetItems', 'yearsSinceLastAudit', 'openFindings', 'name'] as const;
export type PlanningSortKey = (typeof PLANNING_SORT_KEYS)[number];
export type SortOrder = 'asc' | 'desc';

/** The riskiest first, per key: lowest self-assessment, most items not met, longest without audit, most open findings. */
export const PLANNING_RISK_ORDER: Readonly<Record<PlanningSortKey, SortOrder>> = {
  selfAssessment: 'asc',
  notMetItems: 'desc',
  yearsSinceLastAudit: 'desc',
  openFindings: 'desc',
  name: 'asc',
};

/**
 * A value per key where a missing figure counts as the riskiest: no self-assessment ranks below
 * every rate (and above every not-met count), never audited ranks above every number of years.
 */
function riskValue(row: PlanningRow, key: PlanningSortKey): number | string {
  switch (key) {
    case 'selfAssessment':
      return row.selfAssessmentRate ?? -1;
    case 'notMetItems':
      return row.notMetItems ?? Number.MAX_SAFE_INTEGER;
    case 'yearsSinceLastAudit':
      return row.yearsSinceLastAudit ?? Number.MAX_SAFE_INTEGER;
    case 'openFindings':
      return row.openFindings;
    case 'name':
      return row.name;
  }
}

/**
 * Sorts for the plan screen. Ties fall back to the other risk keys (riskiest first), then the
 * name, so the order is stable. `order` defaults to the riskiest first for the key.
 */
export function sortPlanningRows<T extends PlanningRow>(rows: readonly T[], key: PlanningSortKey, order: SortOrder = PLANNING_RISK_ORDER[key]): T[] {
  const cmp = (a: T, b: T, k: PlanningSortKey, o: SortOrder) => {
    const x = riskValue(a, k);
    const y = riskValue(b, k);
    const c = typeof x === 'string' || typeof y === 'string' ? String(x).localeCompare(String(y), 'ja') : x - y;
    return o === 'asc' ? c : -c;
  };
  const then = PLANNING_SORT_KEYS.filter((k) => k !== key);
  return [...rows].sort((a, b) => {
    const first = cmp(a, b, key, order);
    if (first !== 0) return first;
    for (const k of then) {
      const c = cmp(a, b, k, PLANNING_RISK_ORDER[k]);
      if (c !== 0) return c;
    }
    return a.organisationId.localeCompare(b.organisationId);
  });
}
