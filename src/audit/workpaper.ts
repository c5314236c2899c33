/**
 * Workpapers (監査調書) — ハンドブック 2.(4)ア 監査調書の作成, applying 2.(3)イ 監査手続の実施.
 *
 * One workpaper per audit × in-scope criterion. For each, the auditor records the procedures
 * performed — 質問 (inquiry), 閲覧 (inspection), 視察 (observation), 再実施 (re-performance) —
 * with what was done and what was seen, the evidence referred to, and a conclusion. The
 * preparer signs; then a different auditor of the team reviews and signs (the team has at least
 * two auditors precisely so that one can review the other). Review notes are cleared first.
 *
 * Decisions (see README.md):
 * - Workpapers are edited while the audit is in document review, fieldwork or results agreement
 *   (the agreement may correct facts); they are frozen from `reported` on.
 * - A content edit after the preparer's sign-off clears that sign-off (the signature attests
 *   the content). A workpaper signed by the reviewer is locked: the reviewer or the manager
 *   first withdraws the review sign-off, with a reason; then edits are possible again.
 * - A save of content identical to the current content changes nothing (no new version, no
 *   sign-off cleared, no conflict even when based on an old version) — offline clients can
 *   re-send safely.
 * - A 'not_tested' conclusion needs a reason and no procedure; any other conclusion needs at
 *   least one procedure whose description is filled in. Every procedure entry records both what
 *   was done and what was seen before the preparer signs.
 */
import { ActorFacts, AuditAccessFacts, evaluateAuditAction, relationsOf } from './access';
import { IsoDate, isIsoDate } from './dates';
import { allViolations, isFilled, raise, raiseIfAny, verdict, Verdict, violation, Violation } from './violation';
import { AuditStatus, Conclusion, isConclusion, isProcedure, Procedure, PROCEDURE_LABELS } from './vocabulary';

export interface ProcedureEntry {
  readonly procedure: Procedure;
  readonly performedOn?: IsoDate | null;
  /** What the auditor did (e.g. 入退室管理簿の直近3か月分を閲覧). */
  readonly description: string;
  /** What the auditor saw (e.g. 休日の施錠記録が2件欠落). */
  readonly observation: string;
}

/** What an auditor edits. */
export interface WorkpaperContent {
  readonly procedures: readonly ProcedureEntry[];
  /** Ids of uploaded documents or document references the conclusion rests on. */
  readonly evidenceRefs: readonly string[];
  readonly conclusion: Conclusion | null;
  /** Required when the conclusion is 'not_tested'. */
  readonly notTestedReason: string | null;
}

/** A workpaper as the state machine sees it (no content needed). */
export interface WorkpaperFacts {
  readonly id: string;
  /** The criterion's item number in the catalogue (e.g. baseline #10). */
  readonly itemNo: number;
  readonly inScope: boolean;
  readonly conclusion: Conclusion | null;
  readonly notTestedReason: string | null;
  readonly preparerSignedBy: string | null;
  readonly reviewerSignedBy: string | null;
  readonly openReviewNoteCount: number;
}

/** A workpaper with its content and version, as the workpaper rules see it. */
export interface WorkpaperState extends WorkpaperFacts, WorkpaperContent {
  /** Starts at 1; every saved change increments it. */
  readonly version: number;
}

/** Who is acting on which audit, in which state. */
export interface AuditContext {
  readonly status: AuditStatus;
  readonly actor: ActorFacts;
  readonly audit: AuditAccessFacts;
}

// ---------------------------------------------------------------------------------------------
// Optimistic versioning
// ---------------------------------------------------------------------------------------------

export type VersionedSubject = 'workpaper' | 'finding' | 'submission' | 'audit' | 'annual_plan' | 'report_text' | 'annual_commentary';

const SUBJECT_LABELS: Record<VersionedSubject, { ja: string; en: string }> = {
  workpaper: { ja: '監査調書', en: 'workpaper' },
  finding: { ja: '指摘事項', en: 'finding' },
  submission: { ja: '提出書類', en: 'submission' },
  audit: { ja: '監査', en: 'audit' },
  annual_plan: { ja: '年度監査計画', en: 'annual plan' },
  report_text: { ja: '監査報告書の記述', en: 'report text' },
  annual_commentary: { ja: '監査結果総括の総括文', en: 'annual summary commentary' },
};

/**
 * A save based on another version than the current one is a conflict, never an overwrite.
 * The violation carries `details.currentVersion` so the service can answer 409 with the
 * current record. Code: `${SUBJECT}_VERSION_CONFLICT`, e.g. WORKPAPER_VERSION_CONFLICT.
 */
export function checkVersion(current: number, basedOn: number, subject: VersionedSubject = 'workpaper'): Violation[] {
  if (basedOn === current) return [];
  const label = SUBJECT_LABELS[subject];
  return [
    violation(
      `${subject.toUpperCase()}_VERSION_CONFLICT`,
      `この${label.ja}は他の人により更新されています（現在の版: ${current}、編集元の版: ${basedOn}）。最新の内容を確認してから保存してください。`,
      `This ${label.en} was changed by someone else (current version ${current}, your edit is based on ${basedOn}). Review the current version before saving.`,
      { field: 'version', details: { currentVersion: current, basedOnVersion: basedOn } },
    ),
  ];
}

/** Throws DomainError('conflict') with WORKPAPER_VERSION_CONFLICT (or the subject's code). */
export function assertVersion(current: number, basedOn: number, subject: VersionedSubject = 'workpaper'): void {
  raiseIfAny('conflict', checkVersion(current, basedOn, subject));
}

// ---------------------------------------------------------------------------------------------
// Content
// ---------------------------------------------------------------------------------------------

/** The shape of the content: known procedures and conclusion, real dates. */
export function checkWorkpaperContent(content: WorkpaperContent): Violation[] {
  const out: Violation[] = [];
  content.procedures.forEach((p, index) => {
    if (!isProcedure(p.procedure)) {
      out.push(
        violation('PROCEDURE_UNKNOWN', `手続の種類が不正です（${index + 1}行目）。`, `Unknown procedure (entry ${index + 1}).`, {
          field: `procedures[${index}].procedure`,
        }),
      );
    }
    if (p.performedOn !== undefined && p.performedOn !== null && !isIsoDate(p.performedOn)) {
      out.push(
        violation('DATE_INVALID', `実施日が不正です（${index + 1}行目）。`, `The date performed is not a valid date (entry ${index + 1}).`, {
          field: `procedures[${index}].performedOn`,
        }),
      );
    }
    if (typeof p.description !== 'string' || typeof p.observation !== 'string') {
      out.push(
        violation('PROCEDURE_TEXT_INVALID', `手続の記述が不正です（${index + 1}行目）。`, `The procedure texts are malformed (entry ${index + 1}).`, {
          field: `procedures[${index}]`,
        }),
      );
    }
  });
  if (content.conclusion !== null && !isConclusion(content.conclusion)) {
    out.push(violation('CONCLUSION_UNKNOWN', '結論の値が不正です。', 'Unknown conclusion.', { field: 'conclusion' }));
  }
  return out;
}

/** True when two contents say the same (order of procedures and evidence matters). */
export function sameWorkpaperContent(a: WorkpaperContent, b: WorkpaperContent): boolean {
  return JSON.stringify(normalise(a)) === JSON.stringify(normalise(b));
}

function normalise(c: WorkpaperContent) {
  return {
    procedures: c.procedures.map((p) => [p.procedure, p.performedOn ?? null, p.description, p.observation]),
    evidenceRefs: [...c.evidenceRefs],
    conclusion: c.conclusion,
    notTestedReason: c.conclusion === 'not_tested' ? (c.notTestedReason ?? '').trim() || null : null,
  };
}

/** What must hold before the preparer signs (also re-usable as a completeness indicator). */
export function checkWorkpaperComplete(wp: WorkpaperContent & Pick<WorkpaperFacts, 'itemNo'>): Violation[] {
  const out: Violation[] = [];
  const item = wp.itemNo;
  if (wp.conclusion === null) {
    out.push(
      violation('WORKPAPER_CONCLUSION_REQUIRED', `項目${item}の結論が記入されていません。`, `Item ${item} has no conclusion.`, {
        field: 'conclusion',
        details: { itemNo: item },
      }),
    );
  } else if (wp.conclusion === 'not_tested') {
    if (!isFilled(wp.notTestedReason)) {
      out.push(
        violation(
          'WORKPAPER_NOT_TESTED_REASON_REQUIRED',
          `項目${item}は「未実施」のため、その理由を記入してください。`,
          `Item ${item} is "not tested": record why.`,
          { field: 'notTestedReason', details: { itemNo: item } },
        ),
      );
    }
  } else if (!wp.procedures.some((p) => isFilled(p.description))) {
    out.push(
      violation(
        'WORKPAPER_PROCEDURE_REQUIRED',
        `項目${item}に実施した監査手続（質問・閲覧・視察・再実施）を少なくとも1つ記録してください。`,
        `Item ${item} needs at least one procedure performed (inquiry, inspection, observation, re-performance).`,
        { field: 'procedures', details: { itemNo: item } },
      ),
    );
  }
  wp.procedures.forEach((p, index) => {
    if (!isFilled(p.description) || !isFilled(p.observation)) {
      const label = PROCEDURE_LABELS[p.procedure] ?? { ja: p.procedure, en: p.procedure };
      out.push(
        violation(
          'WORKPAPER_PROCEDURE_INCOMPLETE',
          `項目${item}の手続${index + 1}（${label.ja}）に、実施内容と確認結果の両方を記入してください。`,
          `Item ${item}, procedure ${index + 1} (${label.en}): record both what was done and what was seen.`,
          { field: `procedures[${index}]`, details: { itemNo: item, index } },
        ),
      );
    }
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Editing
// ---------------------------------------------------------------------------------------------

export interface WorkpaperEditOutcome {
  /** False when the saved content equals the current content: nothing to store. */
  readonly changed: boolean;
  /** The version to store (current + 1 when changed, else current). */
  readonly version: number;
  /** True when the preparer's sign-off must be removed with this save. */
  readonly preparerSignOffCleared: boolean;
}

/**
 * Decides a save of workpaper content. Throws DomainError:
 *   forbidden — not the audit's manager or an auditor of its team (ACTION_FORBIDDEN);
 *   conflict  — stale version (WORKPAPER_VERSION_CONFLICT, details.currentVersion), audit not
 *               in an editing state (ACTION_NOT_ALLOWED_IN_STATE), reviewer-signed workpaper
 *               (WORKPAPER_LOCKED_BY_REVIEW), out-of-scope (WORKPAPER_OUT_OF_SCOPE);
 *   invalid   — malformed content.
 */
export function decideWorkpaperEdit(
  ctx: AuditContext,
  current: WorkpaperState,
  basedOnVersion: number,
  next: WorkpaperContent,
): WorkpaperEditOutcome {
  const access = evaluateAuditAction('workpaper.edit', ctx.status, relationsOf(ctx.actor, ctx.audit));
  raiseIfAny('forbidden', access.forbidden);
  raiseIfAny('conflict', access.conflict);
  if (sameWorkpaperContent(current, next)) {
    return { changed: false, version: current.version, preparerSignOffCleared: false };
  }
  assertVersion(current.version, basedOnVersion, 'workpaper');
  raiseIfAny('invalid', checkWorkpaperContent(next));
  raiseIfAny('conflict', lockViolations(current));
  return { changed: true, version: current.version + 1, preparerSignOffCleared: current.preparerSignedBy !== null };
}

/**
 * Edits queued on a device while offline go to the server together (one sync request): at most
 * MAX_SYNC_EDITS per request, and the app sends SYNC_BATCH_EDITS at a time, at most one per workpaper.
 */
export const MAX_SYNC_EDITS = 200;
export const SYNC_BATCH_EDITS = 50;

/** Violations of decideWorkpaperEdit, without throwing (version and lock included). */
export function checkWorkpaperEdit(
  ctx: AuditContext,
  current: WorkpaperState,
  basedOnVersion: number,
  next: WorkpaperContent,
): Violation[] {
  const access = allViolations(evaluateAuditAction('workpaper.edit', ctx.status, relationsOf(ctx.actor, ctx.audit)));
  if (access.length > 0 || sameWorkpaperContent(current, next)) return access;
  return [...checkVersion(current.version, basedOnVersion), ...checkWorkpaperContent(next), ...lockViolations(current)];
}

function lockViolations(wp: WorkpaperFacts): Violation[] {
  const out: Violation[] = [];
  if (!wp.inScope) out.push(outOfScope(wp));
  if (wp.reviewerSignedBy !== null) {
    out.push(
      violation(
        'WORKPAPER_LOCKED_BY_REVIEW',
        `項目${wp.itemNo}の監査調書は査閲済みです。編集するには、先に査閲者署名を取り消してください。`,
        `The workpaper for item ${wp.itemNo} has been reviewed. Withdraw the reviewer's sign-off before editing it.`,
        { details: { itemNo: wp.itemNo, reviewerSignedBy: wp.reviewerSignedBy } },
      ),
    );
  }
  return out;
}

function outOfScope(wp: WorkpaperFacts): Violation {
  return violation(
    'WORKPAPER_OUT_OF_SCOPE',
    `項目${wp.itemNo}は監査範囲外です。`,
    `Item ${wp.itemNo} is outside the audit scope.`,
    { details: { itemNo: wp.itemNo } },
  );
}

// ---------------------------------------------------------------------------------------------
// Sign-offs
// ---------------------------------------------------------------------------------------------

/** The preparer (作成者) signs: a team auditor or the manager, content complete. */
export function evaluatePreparerSignOff(ctx: AuditContext, wp: WorkpaperState): Verdict {
  const access = evaluateAuditAction('workpaper.signAsPreparer', ctx.status, relationsOf(ctx.actor, ctx.audit));
  if (access.forbidden.length > 0) return access;
  const conflict: Violation[] = [...access.conflict];
  if (!wp.inScope) conflict.push(outOfScope(wp));
  if (wp.preparerSignedBy !== null) {
    conflict.push(
      violation(
        'WORKPAPER_ALREADY_SIGNED_BY_PREPARER',
        `項目${wp.itemNo}の監査調書には既に作成者の署名があります。`,
        `The workpaper for item ${wp.itemNo} is already signed by its preparer.`,
        { details: { itemNo: wp.itemNo, preparerSignedBy: wp.preparerSignedBy } },
      ),
    );
  }
  conflict.push(...checkWorkpaperComplete(wp));
  return verdict({ conflict });
}

export function checkPreparerSignOff(ctx: AuditContext, wp: WorkpaperState): Violation[] {
  return allViolations(evaluatePreparerSignOff(ctx, wp));
}

export function assertPreparerSignOff(ctx: AuditContext, wp: WorkpaperState): void {
  raise(evaluatePreparerSignOff(ctx, wp));
}

/** The reviewer (査閲者) signs: another auditor of the team or the manager, after the preparer. */
export function evaluateReviewerSignOff(ctx: AuditContext, wp: WorkpaperFacts): Verdict {
  const access = evaluateAuditAction('workpaper.signAsReviewer', ctx.status, relationsOf(ctx.actor, ctx.audit));
  if (access.forbidden.length > 0) return access;
  if (wp.preparerSignedBy !== null && wp.preparerSignedBy === ctx.actor.personId) {
    return verdict({
      forbidden: [
        violation(
          'WORKPAPER_REVIEWER_IS_PREPARER',
          '監査調書の作成者は、同じ調書の査閲者として署名できません。別の監査人が査閲してください。',
          'The preparer of a workpaper cannot sign it as reviewer; another auditor must review it.',
          { details: { itemNo: wp.itemNo } },
        ),
      ],
    });
  }
  const conflict: Violation[] = [...access.conflict];
  if (!wp.inScope) conflict.push(outOfScope(wp));
  if (wp.preparerSignedBy === null) {
    conflict.push(
      violation(
        'WORKPAPER_NOT_SIGNED_BY_PREPARER',
        `項目${wp.itemNo}の監査調書には作成者の署名がありません。`,
        `The workpaper for item ${wp.itemNo} is not signed by its preparer.`,
        { details: { itemNo: wp.itemNo } },
      ),
    );
  }
  if (wp.reviewerSignedBy !== null) {
    conflict.push(
      violation(
        'WORKPAPER_ALREADY_REVIEWED',
        `項目${wp.itemNo}の監査調書は既に査閲済みです。`,
        `The workpaper for item ${wp.itemNo} is already reviewed.`,
        { details: { itemNo: wp.itemNo, reviewerSignedBy: wp.reviewerSignedBy } },
      ),
    );
  }
  if (wp.openReviewNoteCount > 0) conflict.push(openNotes(wp));
  return verdict({ conflict });
}

export function checkReviewerSignOff(ctx: AuditContext, wp: WorkpaperFacts): Violation[] {
  return allViolations(evaluateReviewerSignOff(ctx, wp));
}

export function assertReviewerSignOff(ctx: AuditContext, wp: WorkpaperFacts): void {
  raise(evaluateReviewerSignOff(ctx, wp));
}

/** The reviewer who signed, or the audit manager, reopens a reviewed workpaper, saying why. */
export function evaluateWithdrawReviewerSignOff(ctx: AuditContext, wp: WorkpaperFacts, reason: string | null): Verdict {
  const relations = relationsOf(ctx.actor, ctx.audit);
  const access = evaluateAuditAction('workpaper.withdrawReviewerSignOff', ctx.status, relations);
  if (access.forbidden.length > 0) return access;
  if (!relations.includes('manager') && wp.reviewerSignedBy !== null && wp.reviewerSignedBy !== ctx.actor.personId) {
    return verdict({
      forbidden: [
        violation(
          'WORKPAPER_WITHDRAW_NOT_REVIEWER',
          '査閲者署名を取り消せるのは、署名した査閲者または監査責任者のみです。',
          "Only the reviewer who signed or the audit manager may withdraw the reviewer's sign-off.",
          { details: { itemNo: wp.itemNo } },
        ),
      ],
    });
  }
  const invalid: Violation[] = isFilled(reason)
    ? []
    : [violation('REASON_REQUIRED', '取消しの理由を記入してください。', 'State the reason for withdrawing the sign-off.', { field: 'reason' })];
  const conflict: Violation[] = [...access.conflict];
  if (wp.reviewerSignedBy === null) {
    conflict.push(
      violation('WORKPAPER_NOT_REVIEWED', `項目${wp.itemNo}の監査調書は査閲されていません。`, `The workpaper for item ${wp.itemNo} is not reviewed.`, {
        details: { itemNo: wp.itemNo },
      }),
    );
  }
  return verdict({ invalid, conflict });
}

export function assertWithdrawReviewerSignOff(ctx: AuditContext, wp: WorkpaperFacts, reason: string | null): void {
  raise(evaluateWithdrawReviewerSignOff(ctx, wp, reason));
}

// ---------------------------------------------------------------------------------------------
// Review notes
// ---------------------------------------------------------------------------------------------

export interface ReviewNoteFacts {
  readonly id: string;
  readonly authorId: string;
  readonly status: 'open' | 'cleared';
}

/** A review note is raised on a workpaper not yet reviewed (withdraw the review first). */
export function evaluateAddReviewNote(ctx: AuditContext, wp: WorkpaperFacts, text: string): Verdict {
  const access = evaluateAuditAction('reviewNote.add', ctx.status, relationsOf(ctx.actor, ctx.audit));
  if (access.forbidden.length > 0) return access;
  const invalid = isFilled(text)
    ? []
    : [violation('REVIEW_NOTE_TEXT_REQUIRED', 'レビューノートの内容を記入してください。', 'A review note needs text.', { field: 'text' })];
  return verdict({ invalid, conflict: [...access.conflict, ...lockViolations(wp)] });
}

export function assertAddReviewNote(ctx: AuditContext, wp: WorkpaperFacts, text: string): void {
  raise(evaluateAddReviewNote(ctx, wp, text));
}

/** The author of a note, or the audit manager, clears it once answered. */
export function evaluateClearReviewNote(ctx: AuditContext, note: ReviewNoteFacts): Verdict {
  const relations = relationsOf(ctx.actor, ctx.audit);
  const access = evaluateAuditAction('reviewNote.clear', ctx.status, relations);
  if (access.forbidden.length > 0) return access;
  if (note.authorId !== ctx.actor.personId && !relations.includes('manager')) {
    return verdict({
      forbidden: [
        violation(
          'REVIEW_NOTE_CLEAR_NOT_AUTHOR',
          'レビューノートを解消できるのは、その作成者または監査責任者のみです。',
          'Only the author of a review note or the audit manager may clear it.',
          { details: { reviewNoteId: note.id } },
        ),
      ],
    });
  }
  const conflict: Violation[] = [...access.conflict];
  if (note.status !== 'open') {
    conflict.push(
      violation('REVIEW_NOTE_ALREADY_CLEARED', 'このレビューノートは既に解消されています。', 'This review note is already cleared.', {
        details: { reviewNoteId: note.id },
      }),
    );
  }
  return verdict({ conflict });
}

export function assertClearReviewNote(ctx: AuditContext, note: ReviewNoteFacts): void {
  raise(evaluateClearReviewNote(ctx, note));
}

// ---------------------------------------------------------------------------------------------
// Ready for the results agreement
// ---------------------------------------------------------------------------------------------

/** An in-scope workpaper is finished: concluded, signed by preparer and reviewer, notes cleared. */
export function checkWorkpaperFinished(wp: WorkpaperFacts): Violation[] {
  const out: Violation[] = [];
  const item = wp.itemNo;
  const details = { workpaperId: wp.id, itemNo: item };
  if (wp.conclusion === null) {
    out.push(violation('WORKPAPER_NOT_CONCLUDED', `項目${item}の監査調書に結論がありません。`, `The workpaper for item ${item} has no conclusion.`, { field: 'workpapers', details }));
  } else if (wp.conclusion === 'not_tested' && !isFilled(wp.notTestedReason)) {
    out.push(
      violation(
        'WORKPAPER_NOT_TESTED_REASON_REQUIRED',
        `項目${item}は「未実施」ですが、理由が記録されていません。`,
        `Item ${item} is "not tested" without a recorded reason.`,
        { field: 'workpapers', details },
      ),
    );
  }
  if (wp.preparerSignedBy === null) {
    out.push(violation('WORKPAPER_NOT_SIGNED_BY_PREPARER', `項目${item}の監査調書に作成者の署名がありません。`, `The workpaper for item ${item} is not signed by its preparer.`, { field: 'workpapers', details }));
  }
  if (wp.reviewerSignedBy === null) {
    out.push(violation('WORKPAPER_NOT_REVIEWED', `項目${item}の監査調書が査閲されていません。`, `The workpaper for item ${item} is not signed by a reviewer.`, { field: 'workpapers', details }));
  } else if (wp.reviewerSignedBy === wp.preparerSignedBy) {
    out.push(
      violation('WORKPAPER_REVIEWER_IS_PREPARER', `項目${item}の監査調書は作成者自身が査閲しています。`, `The workpaper for item ${item} was reviewed by its own preparer.`, {
        field: 'workpapers',
        details,
      }),
    );
  }
  if (wp.openReviewNoteCount > 0) out.push(openNotes(wp));
  return out;
}

function openNotes(wp: WorkpaperFacts): Violation {
  return violation(
    'WORKPAPER_OPEN_REVIEW_NOTES',
    `項目${wp.itemNo}の監査調書に未解消のレビューノートが${wp.openReviewNoteCount}件あります。`,
    `The workpaper for item ${wp.itemNo} has ${wp.openReviewNoteCount} open review note(s).`,
    { field: 'workpapers', details: { workpaperId: wp.id, itemNo: wp.itemNo, count: wp.openReviewNoteCount } },
  );
}
