/**
 * Findings (指摘事項) — ハンドブック 2.(4)イ 監査報告書の完成 and 2.(3)ウ 監査結果の合意.
 *
 * The audit body classes each finding as 重欠点 (major deficiency: can lead directly to a
 * personal-data leak), 軽欠点 (minor deficiency: not urgent, improvement required) or 推奨事項
 * (recommendation: the auditee decides). A deficiency is raised from a workpaper concluded
 * "does not conform"; a recommendation from any workpaper. Each finding states condition,
 * criterion, cause, effect and recommended action.
 *
 * The results are agreed with the auditee before the report: the auditee accepts each finding
 * or records its disagreement, which stays on the record.
 *
 * Decisions (see README.md):
 * - Findings are raised and edited in fieldwork and results agreement only.
 * - Editing a finding the auditee has already answered resets the answer to 'pending': the
 *   auditee agreed to a text, a changed text needs a new answer (the old one stays in the log).
 * - The auditee may change its answer while the results are being agreed; once reported, the
 *   answer is final.
 */
import { AuditContext } from './workpaper';
import { evaluateAuditAction, relationsOf } from './access';
import { checkVersion } from './workpaper';
import { allViolations, isFilled, raise, raiseIfAny, verdict, Verdict, violation, Violation } from './violation';
import {
  AuditeeResponse,
  Conclusion,
  isDeficiency,
  isSeverity,
  RecommendationResponse,
  Severity,
  SEVERITY_LABELS,
  SubmissionStatus,
  CONCLUSION_LABELS,
} from './vocabulary';
import { IsoDate } from './dates';

/** The text of a finding, as the audit report states it. */
export interface FindingContent {
  readonly severity: Severity;
  /** 現状 — what was found. */
  readonly condition: string;
  /** 基準 — the criterion (catalogue item) it is measured against. */
  readonly criterion: string;
  /** 原因 */
  readonly cause: string;
  /** 影響 — the risk to the personal data. */
  readonly effect: string;
  /** 改善提案 */
  readonly recommendedAction: string;
}

export const FINDING_TEXT_FIELDS = ['condition', 'criterion', 'cause', 'effect', 'recommendedAction'] as const;

const FIELD_LABELS: Record<(typeof FINDING_TEXT_FIELDS)[number], { ja: string; en: string }> = {
  condition: { ja: '現状（事実）', en: 'condition' },
  criterion: { ja: '基準', en: 'criterion' },
  cause: { ja: '原因', en: 'cause' },
  effect: { ja: '影響', en: 'effect' },
  recommendedAction: { ja: '改善提案', en: 'recommended action' },
};

/** The workpaper a finding is raised from. */
export interface FindingSourceFacts {
  readonly id: string;
  readonly itemNo: number;
  readonly inScope: boolean;
  readonly conclusion: Conclusion | null;
}

/**
 * A finding with its agreement and follow-up status, as the state machine sees it.
 * The plan and report fields describe the latest submission for the finding (null = none yet).
 */
export interface FindingFacts {
  readonly id: string;
  /** A short reference for messages, e.g. '軽欠点3' or the item number. */
  readonly ref?: string;
  readonly workpaperId: string;
  readonly severity: Severity;
  readonly auditeeResponse: AuditeeResponse;
  readonly disputeReason: string | null;
  /** Deficiencies: the remediation plan (改善計画書). */
  readonly planStatus: SubmissionStatus | null;
  /** Deficiencies: the date by which the accepted plan's actions are to be completed. */
  readonly planDueDate: IsoDate | null;
  /** Deficiencies: the result report (改善報告書). */
  readonly resultReportStatus: SubmissionStatus | null;
  /** Recommendations: the auditee's answer. */
  readonly recommendationResponse: RecommendationResponse;
  readonly recommendationDeclineReason: string | null;
}

/** Required fields and a known severity. */
export function checkFindingContent(content: FindingContent): Violation[] {
  const out: Violation[] = [];
  if (!isSeverity(content.severity)) {
    out.push(
      violation('FINDING_SEVERITY_REQUIRED', '重欠点・軽欠点・推奨事項のいずれかを選んでください。', 'Choose major deficiency, minor deficiency or recommendation.', {
        field: 'severity',
      }),
    );
  }
  for (const field of FINDING_TEXT_FIELDS) {
    if (!isFilled(content[field])) {
      out.push(
        violation('FINDING_FIELD_REQUIRED', `指摘事項の「${FIELD_LABELS[field].ja}」を記入してください。`, `A finding needs its ${FIELD_LABELS[field].en}.`, {
          field,
        }),
      );
    }
  }
  return out;
}

/** A deficiency only from a workpaper concluded 'does_not_conform'; nothing from outside scope. */
export function checkFindingSource(severity: Severity, workpaper: FindingSourceFacts): Violation[] {
  const out: Violation[] = [];
  if (!workpaper.inScope) {
    out.push(
      violation('WORKPAPER_OUT_OF_SCOPE', `項目${workpaper.itemNo}は監査範囲外です。`, `Item ${workpaper.itemNo} is outside the audit scope.`, {
        field: 'workpaperId',
        details: { itemNo: workpaper.itemNo },
      }),
    );
  }
  if (isSeverity(severity) && isDeficiency(severity) && workpaper.conclusion !== 'does_not_conform') {
    const now = workpaper.conclusion === null ? { ja: '未記入', en: 'none' } : CONCLUSION_LABELS[workpaper.conclusion];
    out.push(
      violation(
        'FINDING_REQUIRES_NONCONFORMITY',
        `${SEVERITY_LABELS[severity].ja}は、結論が「不適合」の監査調書からのみ指摘できます（項目${workpaper.itemNo}の結論: ${now.ja}）。`,
        `A ${SEVERITY_LABELS[severity].en.toLowerCase()} can only be raised from a workpaper concluded "does not conform" (item ${workpaper.itemNo}: ${now.en.toLowerCase()}).`,
        { field: 'severity', details: { itemNo: workpaper.itemNo, conclusion: workpaper.conclusion } },
      ),
    );
  }
  return out;
}

export function evaluateRaiseFinding(ctx: AuditContext, workpaper: FindingSourceFacts, draft: FindingContent): Verdict {
  const access = evaluateAuditAction('finding.raise', ctx.status, relationsOf(ctx.actor, ctx.audit));
  if (access.forbidden.length > 0) return access;
  return verdict({
    invalid: checkFindingContent(draft),
    conflict: [...access.conflict, ...checkFindingSource(draft.severity, workpaper)],
  });
}

export function checkRaiseFinding(ctx: AuditContext, workpaper: FindingSourceFacts, draft: FindingContent): Violation[] {
  return allViolations(evaluateRaiseFinding(ctx, workpaper, draft));
}

/** Throws DomainError('forbidden' | 'invalid' | 'conflict'). */
export function assertRaiseFinding(ctx: AuditContext, workpaper: FindingSourceFacts, draft: FindingContent): void {
  raise(evaluateRaiseFinding(ctx, workpaper, draft));
}

export interface FindingEditOutcome {
  readonly changed: boolean;
  readonly version: number;
  /** True when the auditee's answer must go back to 'pending' (and the dispute reason be cleared). */
  readonly responseReset: boolean;
}

/**
 * Decides an edit of a finding's text. Throws DomainError: forbidden (not on the team),
 * conflict (state, FINDING_VERSION_CONFLICT, FINDING_REQUIRES_NONCONFORMITY), invalid (fields).
 */
export function decideFindingEdit(
  ctx: AuditContext,
  current: FindingContent & { readonly version: number; readonly auditeeResponse: AuditeeResponse },
  basedOnVersion: number,
  next: FindingContent,
  workpaper: FindingSourceFacts,
): FindingEditOutcome {
  const access = evaluateAuditAction('finding.edit', ctx.status, relationsOf(ctx.actor, ctx.audit));
  raiseIfAny('forbidden', access.forbidden);
  raiseIfAny('conflict', access.conflict);
  const unchanged = (['severity', ...FINDING_TEXT_FIELDS] as const).every((f) => current[f] === next[f]);
  if (unchanged) return { changed: false, version: current.version, responseReset: false };
  raiseIfAny('conflict', checkVersion(current.version, basedOnVersion, 'finding'));
  raiseIfAny('invalid', checkFindingContent(next));
  raiseIfAny('conflict', checkFindingSource(next.severity, workpaper));
  return { changed: true, version: current.version + 1, responseReset: current.auditeeResponse !== 'pending' };
}

/** 監査結果の合意: the auditee accepts, or disputes with its reason. */
export function evaluateFindingResponse(
  ctx: AuditContext,
  response: AuditeeResponse,
  reason: string | null,
): Verdict {
  const access = evaluateAuditAction('finding.respond', ctx.status, relationsOf(ctx.actor, ctx.audit));
  if (access.forbidden.length > 0) return access;
  const invalid: Violation[] = [];
  if (response !== 'accepted' && response !== 'disputed') {
    invalid.push(
      violation('FINDING_RESPONSE_INVALID', '回答は「合意」または「異議あり」を選んでください。', 'Answer "accepted" or "disputed".', {
        field: 'response',
      }),
    );
  } else if (response === 'disputed' && !isFilled(reason)) {
    invalid.push(
      violation(
        'FINDING_DISPUTE_REASON_REQUIRED',
        '異議がある場合は、その内容（理由）を記入してください。記録として残ります。',
        'A dispute needs its reason; it stays on the record.',
        { field: 'reason' },
      ),
    );
  }
  return verdict({ invalid, conflict: access.conflict });
}

export function checkFindingResponse(ctx: AuditContext, response: AuditeeResponse, reason: string | null): Violation[] {
  return allViolations(evaluateFindingResponse(ctx, response, reason));
}

export function assertFindingResponse(ctx: AuditContext, response: AuditeeResponse, reason: string | null): void {
  raise(evaluateFindingResponse(ctx, response, reason));
}

/** A short name for a finding in messages. */
export function findingRef(f: Pick<FindingFacts, 'id' | 'ref' | 'severity'>): { ja: string; en: string } {
  if (f.ref !== undefined) return { ja: f.ref, en: f.ref };
  const label = SEVERITY_LABELS[f.severity];
  return { ja: `${label.ja}（${f.id}）`, en: `${label.en} ${f.id}` };
}
