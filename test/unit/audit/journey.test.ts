/**
 * One audit from the annual plan to publication, told with the domain alone — modelled on the
 * mock audits of source 001: no major deficiency, a few minor deficiencies and
 * recommendations, every one answered in writing.
 */
import { describe, expect, it } from 'vitest';
import {
  assertFindingResponse,
  assertPreparerSignOff,
  assertRaiseFinding,
  assertRecommendationAnswer,
  assertReviewerSignOff,
  assertTeam,
  assertTransition,
  AuditSnapshot,
  AuditStatus,
  decidePlanApproval,
  decidePlanSubmission,
  decideResultReportSubmission,
  decideSubmissionReview,
  decideWorkpaperEdit,
  FindingFacts,
  nextActions,
  resolveScope,
  WorkpaperState,
} from '../../../src/audit';
import { actor, AUDITEE, auditeeManager, auditorA, auditorB, chief, ctx, facts, manager, snapshot } from './fixtures';

describe('an audit of a prefectural registry, from plan to publication', () => {
  it('goes through every step of the handbook', () => {
    // 2.(2)ア 年度監査計画 — approved by the chief audit executive
    expect(
      decidePlanApproval(actor(chief), {
        fiscalYear: 2026,
        status: 'draft',
        revision: 0,
        call: { opensOn: '2026-04-15', closesOn: '2026-05-31' },
        entries: [{ auditeeOrganisationId: AUDITEE, plannedMonth: '2026-11' }],
      }).status,
    ).toBe('approved');

    // 2.(2)ウ 監査実施計画 — scope: the minimum baseline, items 22–23 left out (no field collection)
    const scope = resolveScope(
      Array.from({ length: 32 }, (_, i) => i + 1),
      Array.from({ length: 32 }, (_, i) => i + 1).filter((n) => n !== 22 && n !== 23),
      '出張採録を行っていないため',
    );
    expect(scope.itemNos).toHaveLength(30);

    // 2.(1) 監査体制 — a manager and two auditors, independent and pledged
    assertTeam({ auditeeOrganisationId: AUDITEE, manager, members: [auditorA, auditorB], referenceDate: '2026-10-01' });

    let status: AuditStatus = 'planned';
    let wps: WorkpaperState[] = scope.itemNos.map((itemNo) => ({
      id: `wp-${itemNo}`,
      itemNo,
      inScope: true,
      version: 1,
      procedures: [],
      evidenceRefs: [],
      conclusion: null,
      notTestedReason: null,
      preparerSignedBy: null,
      reviewerSignedBy: null,
      openReviewNoteCount: 0,
    }));
    let findings: FindingFacts[] = [];
    let reportIssuedOn: string | null = null;
    const state = (today: string): AuditSnapshot => {
      const base = snapshot();
      return { ...base, audit: { ...base.audit, reportIssuedOn }, workpapers: wps, findings, today };
    };
    const move = (to: AuditStatus, today: string, by = manager) => {
      assertTransition(status, to, { ...state(today), actor: actor(by), reason: null });
      status = to;
    };

    move('documents_requested', '2026-10-01');
    move('document_review', '2026-10-21'); // all answered (fixture requests have files)
    move('fieldwork', '2026-11-10');

    // 2.(3)イ 監査手続の実施 — every workpaper filled, signed by preparer and reviewed by another
    const nonconforming = new Set([2, 5, 6, 7, 10]); // five minor deficiencies, as in the first mock audit
    wps = wps.map((wp) => {
      const content = {
        procedures: [{ procedure: 'inspection' as const, performedOn: '2026-11-10', description: `項目${wp.itemNo}の関係文書を閲覧`, observation: '確認した' }],
        evidenceRefs: [],
        conclusion: nonconforming.has(wp.itemNo) ? ('does_not_conform' as const) : ('conforms' as const),
        notTestedReason: null,
      };
      const outcome = decideWorkpaperEdit(ctx(status, auditorA), wp, wp.version, content);
      const edited = { ...wp, ...content, version: outcome.version };
      assertPreparerSignOff(ctx(status, auditorA), edited);
      const prepared = { ...edited, preparerSignedBy: auditorA.id };
      assertReviewerSignOff(ctx(status, auditorB), prepared);
      return { ...prepared, reviewerSignedBy: auditorB.id };
    });

    // The board says what is missing: a finding for each nonconformity
    expect(nextActions(status, state('2026-11-12'))[0]?.missing.map((m) => m.code)).toEqual(Array(5).fill('NONCONFORMITY_WITHOUT_FINDING'));

    // 2.(4)イ 指摘事項 — five minor deficiencies and seven recommendations
    const text = { condition: '現状', criterion: '基準', cause: '原因', effect: '影響', recommendedAction: '改善提案' };
    for (const itemNo of nonconforming) {
      const wp = wps.find((w) => w.itemNo === itemNo)!;
      assertRaiseFinding(ctx(status, auditorA), wp, { ...text, severity: 'minor' });
      findings.push(blankFinding(`minor-${itemNo}`, wp.id, 'minor'));
    }
    for (const itemNo of [1, 3, 4, 8, 9, 11, 12]) {
      const wp = wps.find((w) => w.itemNo === itemNo)!;
      assertRaiseFinding(ctx(status, auditorB), wp, { ...text, severity: 'recommendation' });
      findings.push(blankFinding(`rec-${itemNo}`, wp.id, 'recommendation'));
    }
    move('results_agreement', '2026-11-12');

    // 2.(3)ウ 監査結果の合意 — the auditee accepts all but one, which it disputes on the record
    expect(() => move('reported', '2026-11-20')).toThrow();
    findings = findings.map((f, i) => {
      const disputed = i === 0;
      assertFindingResponse(ctx(status, auditeeManager), disputed ? 'disputed' : 'accepted', disputed ? '既に手順書の改訂中である' : null);
      return { ...f, auditeeResponse: disputed ? 'disputed' : 'accepted', disputeReason: disputed ? '既に手順書の改訂中である' : null };
    });
    move('reported', '2026-11-20');

    // the report is sent; remediation begins
    expect(() => move('remediation', '2026-12-01')).toThrow();
    reportIssuedOn = '2026-12-01';
    move('remediation', '2026-12-01');

    // 2.(5) 改善 — written plans and results with evidence, accepted by the audit body; recommendations answered
    findings = findings.map((f, i) => {
      if (f.severity === 'recommendation') {
        const declined = i % 2 === 0;
        assertRecommendationAnswer(ctx(status, auditeeManager), f, declined ? 'declined' : 'will_act', declined ? '予算の都合により次年度検討' : null);
        return { ...f, recommendationResponse: declined ? 'declined' : 'will_act', recommendationDeclineReason: declined ? '予算の都合により次年度検討' : null };
      }
      const plan = decidePlanSubmission(ctx(status, auditeeManager), f, { actions: '手順を改訂し周知する', owner: '登録室長', dueDate: '2027-02-28' }, 'submit', '2026-12-10');
      const planAccepted = decideSubmissionReview(ctx(status, manager), 'remediation_plan', plan.status, 'accept', null);
      const withPlan = { ...f, planStatus: planAccepted.status, planDueDate: '2027-02-28' };
      const report = decideResultReportSubmission(ctx(status, auditeeManager), withPlan, { text: '改訂し研修で周知した', evidenceFileIds: ['file-1'] }, 'submit');
      const reportAccepted = decideSubmissionReview(ctx(status, manager), 'result_report', report.status, 'accept', null);
      return { ...withPlan, resultReportStatus: reportAccepted.status };
    });
    move('verified', '2027-03-01');

    // 2.(5)ウ 監査結果総括と公表
    move('published', '2027-03-10');
    expect(status).toBe('published');
    expect(nextActions(status, state('2027-03-10'))).toEqual([]);
  });
});

function blankFinding(id: string, workpaperId: string, severity: FindingFacts['severity']): FindingFacts {
  return {
    id,
    workpaperId,
    severity,
    auditeeResponse: 'pending',
    disputeReason: null,
    planStatus: null,
    planDueDate: null,
    resultReportStatus: null,
    recommendationResponse: 'pending',
    recommendationDeclineReason: null,
  };
}

