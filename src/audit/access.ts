/**
 * Who may do what on an audit, and when — in one table.
 *
 * A person's relation to one audit (監査統括責任者 overseeing all audits, the audit's 監査責任者,
 * a 監査人 of its team, or a person of the 被監査主体) and the audit's status decide every
 * action. Deny unless a grant in AUDIT_ACTION_RULES allows it. The state machine's own table
 * (TRANSITIONS in state-machine.ts) says who may move an audit from one state to the next.
 */
import { allViolations, raise, Verdict, verdict, violation, Violation } from './violation';
import { AUDIT_STATUS_LABELS, AUDIT_STATUSES, AuditStatus, AUDITEE_ROLES, Label, Role } from './vocabulary';

/** The person acting, as the service knows them from the session. */
export interface ActorFacts {
  readonly personId: string;
  readonly organisationId: string;
  readonly roles: readonly Role[];
}

/** What the access decision needs to know about an audit. */
export interface AuditAccessFacts {
  readonly auditeeOrganisationId: string;
  /** The audit's 監査責任者, when appointed. */
  readonly managerId: string | null;
  /** The auditors (監査人) of the team; the manager need not be listed. */
  readonly teamMemberIds: readonly string[];
}

export const AUDIT_RELATIONS = ['chief', 'manager', 'team', 'auditee'] as const;
export type AuditRelation = (typeof AUDIT_RELATIONS)[number];

export const AUDIT_RELATION_LABELS: Readonly<Record<AuditRelation, Label>> = {
  chief: { ja: '監査統括責任者', en: 'Chief audit executive' },
  manager: { ja: '当該監査の監査責任者', en: 'Audit manager of this audit' },
  team: { ja: '監査チームの監査人', en: 'Auditors on the team' },
  auditee: { ja: '被監査主体', en: 'Auditee' },
};

/**
 * The relations a person has to one audit (none = an outsider, who may do nothing):
 * - chief:   holds the chief audit executive role — oversees every audit (2.(1));
 * - manager: is the audit manager appointed for this audit;
 * - team:    is one of the audit's auditors;
 * - auditee: belongs to the audited organisation and holds an auditee role.
 */
export function relationsOf(actor: ActorFacts, audit: AuditAccessFacts): AuditRelation[] {
  const relations: AuditRelation[] = [];
  if (actor.roles.includes('chief_audit_executive')) relations.push('chief');
  if (audit.managerId !== null && actor.personId === audit.managerId) relations.push('manager');
  if (audit.teamMemberIds.includes(actor.personId)) relations.push('team');
  if (actor.organisationId === audit.auditeeOrganisationId && actor.roles.some((r) => AUDITEE_ROLES.includes(r))) {
    relations.push('auditee');
  }
  return relations;
}

/** A grant: people with one of these relations may act while the audit is in one of these states. */
export interface Grant {
  readonly by: readonly AuditRelation[];
  readonly inStates: readonly AuditStatus[];
}

export interface AuditActionRule {
  readonly label: Label;
  /** Where in the handbook (source 001, 表2) or DOMAIN.md the rule comes from. */
  readonly handbook: string;
  readonly grants: readonly Grant[];
}

const ANY_STATE: readonly AuditStatus[] = AUDIT_STATUSES;
const PREPARATION: readonly AuditStatus[] = ['planned', 'documents_requested', 'document_review'];
const BEFORE_AGREEMENT: readonly AuditStatus[] = ['planned', 'documents_requested', 'document_review', 'fieldwork'];
const WORKPAPER_STATES: readonly AuditStatus[] = ['document_review', 'fieldwork', 'results_agreement'];
const FINDING_STATES: readonly AuditStatus[] = ['fieldwork', 'results_agreement'];
const FOLLOW_UP: readonly AuditStatus[] = ['reported', 'remediation'];
const FROM_AGREEMENT: readonly AuditStatus[] = ['results_agreement', 'reported', 'remediation', 'verified', 'published'];
/** From the visit on, there are results to put in a report (a draft); cancelled audits have none. */
const FROM_FIELDWORK: readonly AuditStatus[] = ['fieldwork', ...FROM_AGREEMENT];
/** The report is complete (監査報告書の完成) from `reported` on. */
const FROM_REPORT: readonly AuditStatus[] = ['reported', 'remediation', 'verified', 'published'];
const AUDIT_BODY: readonly AuditRelation[] = ['chief', 'manager', 'team'];
const LEADS: readonly AuditRelation[] = ['chief', 'manager'];
const AUDITORS: readonly AuditRelation[] = ['manager', 'team'];

export const AUDIT_ACTION_RULES = {
  'audit.view': {
    label: { ja: '監査の閲覧', en: 'View the audit' },
    handbook: 'DOMAIN.md: auditees see their own audit only',
    grants: [{ by: [...AUDIT_BODY, 'auditee'], inStates: ANY_STATE }],
  },
  'audit.assignManager': {
    label: { ja: '監査責任者の指名', en: 'Appoint the audit manager' },
    handbook: '2.(1)ア 監査人の任命 — 監査責任者は監査統括責任者の指示に基づき監査の実施責任を担う',
    grants: [{ by: ['chief'], inStates: BEFORE_AGREEMENT }],
  },
  'audit.setTeam': {
    label: { ja: '監査チームの編成', en: 'Set the audit team' },
    handbook: '2.(1)ウ 監査チームの編成 — 監査人は監査責任者より任命される',
    grants: [{ by: LEADS, inStates: BEFORE_AGREEMENT }],
  },
  'audit.setScope': {
    label: { ja: '監査範囲の設定', en: 'Set the audit scope' },
    handbook: '2.(2)ウ 監査実施計画の策定',
    grants: [{ by: LEADS, inStates: PREPARATION }],
  },
  'audit.setDates': {
    label: { ja: '文書提出期限・往査日の設定', en: 'Set the document deadline and visit date' },
    handbook: '2.(2)ウ 監査実施計画の策定',
    grants: [{ by: LEADS, inStates: PREPARATION }],
  },
  'documentRequest.edit': {
    label: { ja: '提出依頼文書の編集', en: 'Edit the document requests' },
    handbook: '2.(2)エ 監査対応の準備 / 2.(3)イ 事前文書監査',
    grants: [{ by: [...LEADS, 'team'], inStates: PREPARATION }],
  },
  'document.upload': {
    label: { ja: '依頼文書の提出', en: 'Upload a requested document' },
    handbook: '2.(3)イ 事前文書監査 — 規程類(要領、マニュアル)等の提供を受ける',
    grants: [{ by: ['auditee'], inStates: ['documents_requested', 'document_review', 'fieldwork'] }],
  },
  'document.view': {
    label: { ja: '提出文書の閲覧', en: 'View submitted documents' },
    handbook: '3.(3)(4) 監査関連の文書管理',
    grants: [{ by: [...AUDIT_BODY, 'auditee'], inStates: ANY_STATE }],
  },
  'documentReviewNote.write': {
    label: { ja: '文書レビュー所見の記録', en: 'Write a document review note' },
    handbook: '2.(3)イ 事前文書監査',
    grants: [{ by: AUDITORS, inStates: ['document_review', 'fieldwork'] }],
  },
  'workpaper.view': {
    label: { ja: '監査調書の閲覧', en: 'View workpapers' },
    handbook: '2.(4)ア 監査調書の作成 — 監査調書は監査主体の文書 (DOMAIN.md: never public)',
    grants: [{ by: AUDIT_BODY, inStates: ANY_STATE }],
  },
  'workpaper.edit': {
    label: { ja: '監査調書の記入', en: 'Edit a workpaper' },
    handbook: '2.(4)ア 監査調書の作成',
    grants: [{ by: AUDITORS, inStates: WORKPAPER_STATES }],
  },
  'workpaper.signAsPreparer': {
    label: { ja: '監査調書の作成者署名', en: 'Sign a workpaper as preparer' },
    handbook: '2.(4)ア 監査調書の作成',
    grants: [{ by: AUDITORS, inStates: WORKPAPER_STATES }],
  },
  'workpaper.signAsReviewer': {
    label: { ja: '監査調書の査閲者署名', en: 'Sign a workpaper as reviewer' },
    handbook: '2.(4)ア 監査調書の作成 — 最低2名の監査人',
    grants: [{ by: AUDITORS, inStates: WORKPAPER_STATES }],
  },
  'workpaper.withdrawReviewerSignOff': {
    label: { ja: '査閲者署名の取消し', en: "Withdraw the reviewer's sign-off" },
    handbook: '2.(4)ア 監査調書の作成',
    grants: [{ by: AUDITORS, inStates: WORKPAPER_STATES }],
  },
  'reviewNote.add': {
    label: { ja: 'レビューノートの追加', en: 'Add a review note' },
    handbook: '2.(4)ア 監査調書の作成',
    grants: [{ by: AUDITORS, inStates: WORKPAPER_STATES }],
  },
  'reviewNote.clear': {
    label: { ja: 'レビューノートの解消', en: 'Clear a review note' },
    handbook: '2.(4)ア 監査調書の作成',
    grants: [{ by: AUDITORS, inStates: WORKPAPER_STATES }],
  },
  'finding.view': {
    label: { ja: '指摘事項の閲覧', en: 'View findings' },
    handbook: '2.(3)ウ 監査結果の合意 — the auditee sees findings once they are put to it',
    grants: [
      { by: AUDIT_BODY, inStates: ANY_STATE },
      { by: ['auditee'], inStates: FROM_AGREEMENT },
    ],
  },
  'finding.raise': {
    label: { ja: '指摘事項の作成', en: 'Raise a finding' },
    handbook: '2.(4)イ 監査報告書の完成 — 指摘事項を重欠点、軽欠点、推奨事項に分ける',
    grants: [{ by: AUDITORS, inStates: FINDING_STATES }],
  },
  'finding.edit': {
    label: { ja: '指摘事項の編集', en: 'Edit a finding' },
    handbook: '2.(4)イ 監査報告書の完成',
    grants: [{ by: AUDITORS, inStates: FINDING_STATES }],
  },
  'finding.respond': {
    label: { ja: '指摘事項への回答（合意・異議）', en: 'Accept or dispute a finding' },
    handbook: '2.(3)ウ 監査結果の合意',
    grants: [{ by: ['auditee'], inStates: ['results_agreement'] }],
  },
  'remediationPlan.submit': {
    label: { ja: '改善計画書の提出', en: 'Submit a remediation plan' },
    handbook: '2.(5)イ 改善の計画と実施',
    grants: [{ by: ['auditee'], inStates: FOLLOW_UP }],
  },
  'resultReport.submit': {
    label: { ja: '改善報告書の提出', en: 'Submit a remediation result report' },
    handbook: '2.(5)イ 改善の計画と実施 — 改善の実施結果を監査主体に文書で報告する',
    grants: [{ by: ['auditee'], inStates: FOLLOW_UP }],
  },
  'evidence.upload': {
    label: { ja: '改善の証跡の提出', en: 'Upload remediation evidence' },
    handbook: '2.(5)イ 改善の計画と実施',
    grants: [{ by: ['auditee'], inStates: FOLLOW_UP }],
  },
  'recommendation.answer': {
    label: { ja: '推奨事項への回答', en: 'Answer a recommendation' },
    handbook: '2.(5)イ — 推奨事項は被監査主体の判断で対応の可否を判断する',
    grants: [{ by: ['auditee'], inStates: FOLLOW_UP }],
  },
  'submission.review': {
    label: { ja: '提出書類の受理・差戻し', en: 'Accept or return a submission' },
    handbook: '2.(5)ア 改善計画の立案と改善指導',
    grants: [{ by: LEADS, inStates: FOLLOW_UP }],
  },
  'report.viewDraft': {
    label: { ja: '監査報告書（草案）の閲覧', en: 'View the draft audit report' },
    handbook: '2.(4)イ 監査報告書の完成 / 2.(3)ウ 監査結果の合意 — the auditee sees the draft once the results are put to it',
    grants: [
      { by: AUDIT_BODY, inStates: FROM_FIELDWORK },
      { by: ['auditee'], inStates: FROM_AGREEMENT },
    ],
  },
  'report.editTexts': {
    label: { ja: '監査報告書の記述（目的・範囲・総括・公表文）の編集', en: 'Edit the texts of the audit report' },
    handbook: '2.(4)イ 監査報告書の完成 — 監査責任者の下で監査人が作成する; 2.(5)ウ 公表 — the statement is fixed at publication',
    grants: [{ by: AUDIT_BODY, inStates: ['fieldwork', 'results_agreement', 'reported', 'remediation', 'verified'] }],
  },
  'report.issue': {
    label: { ja: '監査報告書（確定版）の発行', en: 'Issue the final audit report' },
    handbook: '2.(4)イ 監査報告書の完成 — 監査責任者が報告書を確定し被監査主体に送付する (監査統括責任者の監督の下)',
    grants: [{ by: LEADS, inStates: FROM_REPORT }],
  },
  'report.viewFinal': {
    label: { ja: '監査報告書（確定版）の閲覧', en: 'View the issued audit report' },
    handbook: '2.(4)イ 監査報告書の送付 / 3.(3)(4) 監査関連の文書管理 — both sides keep the issued report',
    grants: [{ by: [...AUDIT_BODY, 'auditee'], inStates: FROM_REPORT }],
  },
  'activity.view': {
    label: { ja: '活動記録の閲覧', en: 'View the activity log' },
    handbook: '3.(3) 監査主体に求められる監査関連の文書管理',
    grants: [{ by: AUDIT_BODY, inStates: ANY_STATE }],
  },
} as const satisfies Record<string, AuditActionRule>;

export type AuditAction = keyof typeof AUDIT_ACTION_RULES;
export const AUDIT_ACTIONS = Object.keys(AUDIT_ACTION_RULES) as AuditAction[];

export function evaluateAuditAction(
  action: AuditAction,
  status: AuditStatus,
  relations: readonly AuditRelation[],
): Verdict {
  const rule: AuditActionRule = AUDIT_ACTION_RULES[action];
  const mine = rule.grants.filter((g) => g.by.some((r) => relations.includes(r)));
  if (mine.length === 0) {
    return verdict({ forbidden: [onlyTheyMay('ACTION_FORBIDDEN', action, rule.label, rule.grants.flatMap((g) => g.by), AUDIT_RELATION_LABELS)] });
  }
  if (mine.some((g) => g.inStates.includes(status))) return verdict();
  const states = AUDIT_STATUSES.filter((s) => mine.some((g) => g.inStates.includes(s)));
  return verdict({
    conflict: [
      violation(
        'ACTION_NOT_ALLOWED_IN_STATE',
        `「${rule.label.ja}」は${states.map((s) => AUDIT_STATUS_LABELS[s].ja).join('・')}の段階でのみ行えます（現在: ${AUDIT_STATUS_LABELS[status].ja}）。`,
        `You can ${lower(rule.label.en)} only while the audit is ${states.map((s) => AUDIT_STATUS_LABELS[s].en.toLowerCase()).join(', ')} (now: ${AUDIT_STATUS_LABELS[status].en.toLowerCase()}).`,
        { field: 'status', details: { action, status, allowedStates: states } },
      ),
    ],
  });
}

/** Violations when the actor may not perform the action on this audit in this state. */
export function checkAuditAction(
  action: AuditAction,
  status: AuditStatus,
  actor: ActorFacts,
  audit: AuditAccessFacts,
): Violation[] {
  return allViolations(evaluateAuditAction(action, status, relationsOf(actor, audit)));
}

/** Throws DomainError('forbidden' | 'conflict') when the action is not allowed. */
export function assertAuditAction(
  action: AuditAction,
  status: AuditStatus,
  actor: ActorFacts,
  audit: AuditAccessFacts,
): void {
  raise(evaluateAuditAction(action, status, relationsOf(actor, audit)));
}

export function canPerform(action: AuditAction, status: AuditStatus, relations: readonly AuditRelation[]): boolean {
  return allViolations(evaluateAuditAction(action, status, relations)).length === 0;
}

/**
 * The refusal when none of a person's relations holds an action: who may, in both languages
 * (the audit's access table and the survey's use it alike).
 */
export function onlyTheyMay<R extends string>(code: string, action: string, label: Label, holders: readonly R[], relationLabels: Readonly<Record<R, Label>>): Violation {
  const who = [...new Set(holders)];
  return violation(
    code,
    `「${label.ja}」を行えるのは${who.map((r) => relationLabels[r].ja).join('・')}のみです。`,
    `Only the ${who.map((r) => lower(relationLabels[r].en)).join(', ')} may ${lower(label.en)}.`,
    { details: { action, allowedRelations: who } },
  );
}

function lower(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
