import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Clock } from '../../src/common/clock';
import { createTestApp, engines, type TestApp } from '../support/app';
import { ADMIN_ENV, buildWorld, type Client, type World } from '../support/world';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

describe.each(engines())('the audit lifecycle through the HTTP API on %s', (engine) => {
  let t: TestApp;
  let w: World;
  let today: ReturnType<typeof vi.spyOn>;
  const on = (date: string) => today.mockReturnValue(date);

  beforeAll(async () => {
    t = await createTestApp(engine, ADMIN_ENV);
    w = await buildWorld(t);
    today = vi.spyOn(t.app.get(Clock), 'today');
  });
  afterAll(async () => t?.close());

  let planId: number;
  let auditId: number;
  const wp: Record<number, { id: number; version: number }> = {};

  const transition = (who: Client, to: string, reason?: string) => who.post(`/api/audits/${auditId}/transitions`, reason ? { to, reason } : { to });

  it('plans the fiscal year: call for volunteers, an application, a planned audit, approval by the chief', async () => {
    on('2026-04-10');
    const plan = await w.as.manager.post('/api/plans', { fiscalYear: 2026, title: '2026年度 外部監査計画', call: { opensOn: '2026-04-01', closesOn: '2026-05-15' } }).expect(201);
    planId = plan.body.id;
    on('2026-04-20');
    await w.as.auditeeA.post(`/api/plans/${planId}/applications`, { organisationId: w.orgs.registryA, note: '受審を希望します' }).expect(201);
    // An auditee applies for itself only.
    await w.as.auditeeA.post(`/api/plans/${planId}/applications`, { organisationId: w.orgs.registryB }).expect(403);
    const created = await w.as.manager.post('/api/audits', {
      kind: 'planned', planId, auditeeId: w.orgs.registryA, catalog: { code: 'minimum-baseline' },
      scopeItems: [9, 10, 13], exclusionReason: '模擬監査のため物理的管理策に限定', plannedMonth: '2026-07', managerId: w.people.manager.id,
    }).expect(201);
    auditId = created.body.id;
    expect(created.body).toMatchObject({ status: 'planned', fiscalYear: 2026, scopeItems: [9, 10, 13] });
    // Only the chief approves the plan.
    const refused = await w.as.manager.post(`/api/plans/${planId}/approve`).expect(403);
    expect(refused.body.code).toBe('PLAN_APPROVAL_REQUIRES_CHIEF');
    const approved = await w.admin.post(`/api/plans/${planId}/approve`).expect(201);
    expect(approved.body).toMatchObject({ status: 'approved', revision: 0 });
    const detail = await w.admin.get(`/api/plans/${planId}`).expect(200);
    expect(detail.body.applications).toEqual([expect.objectContaining({ organisationId: w.orgs.registryA, status: 'selected', decidedOn: '2026-04-20' })]);
  });

  it('declines an application not taken into the plan, with the reason the applicant is told', async () => {
    on('2026-05-01');
    const applied = await w.as.auditeeB.post(`/api/plans/${planId}/applications`, { organisationId: w.orgs.registryB, note: '下半期を希望' }).expect(201);
    const url = `/api/plans/${planId}/applications/${applied.body.id}/decline`;
    await w.as.auditeeB.post(url, { reason: '自分で辞退' }).expect(403);
    const noReason = await w.as.manager.post(url, { reason: ' ' }).expect(422);
    expect(noReason.body.code).toBe('APPLICATION_DECLINE_REASON_REQUIRED');
    on('2026-05-29');
    const declined = await w.as.manager.post(url, { reason: '本年度の監査体制の上限に達したため、次年度の候補とする。' }).expect(200);
    expect(declined.body).toMatchObject({ status: 'not_selected', decisionReason: '本年度の監査体制の上限に達したため、次年度の候補とする。', decidedOn: '2026-05-29' });
    expect((await w.as.manager.post(url, { reason: '再度' }).expect(409)).body.code).toBe('APPLICATION_ALREADY_DECIDED');
    await w.as.manager.post(`/api/plans/${planId}/applications/999999/decline`, { reason: 'x' }).expect(404);
    const plan = (await w.admin.get(`/api/plans/${planId}`).expect(200)).body;
    expect(plan.applications.map((a: { organisationId: number; status: string }) => [a.organisationId, a.status])).toEqual([[w.orgs.registryA, 'selected'], [w.orgs.registryB, 'not_selected']]);
    const log = (await w.admin.get('/api/activity?limit=1000').expect(200)).body as { action: string; entityId: string }[];
    expect(log.filter((e) => e.action === 'plan.application_declined').map((e) => Number(e.entityId))).toEqual([applied.body.id]);
  });

  it('the audit is tied to its catalogue version, with a workpaper per in-scope item and the default document requests', async () => {
    const detail = await w.as.manager.get(`/api/audits/${auditId}`).expect(200);
    expect(detail.body.catalog).toMatchObject({ code: 'minimum-baseline', version: '2014' });
    const papers = await w.as.manager.get(`/api/audits/${auditId}/workpapers`).expect(200);
    expect(papers.body.map((p: { itemNo: number }) => p.itemNo)).toEqual([9, 10, 13]);
    expect(papers.body[1].item).toMatchObject({ no: 10, category: 'B', zone: 1 });
    for (const p of papers.body) wp[p.itemNo] = { id: p.id, version: p.version };
    const docs = await w.as.manager.get(`/api/audits/${auditId}/documents`).expect(200);
    const titles = docs.body.requests.map((r: { title: string }) => r.title).join(' ');
    expect(titles).toContain('入退室');
    expect(docs.body.requests.length).toBeGreaterThan(3);
  });

  it('sets the team and schedule, requests the documents, and the auditee answers', async () => {
    on('2026-05-20');
    await w.as.manager.put(`/api/audits/${auditId}/team`, { memberIds: [w.people.auditor1.id, w.people.auditor2.id] }).expect(200);
    await w.as.manager.patch(`/api/audits/${auditId}/schedule`, { documentDeadline: '2026-06-15', visitDate: '2026-07-10', visitStart: '13:00', visitEnd: '16:00' }).expect(200);
    on('2026-06-01');
    const res = await transition(w.as.manager, 'documents_requested').expect(200);
    expect(res.body.status).toBe('documents_requested');
    const docs = await w.as.auditeeA.get(`/api/audits/${auditId}/documents`).expect(200);
    const requestId = docs.body.requests[0].id;
    const uploaded = await t.http().post(`/api/audits/${auditId}/document-requests/${requestId}/files`)
      .set('Authorization', `Bearer ${w.as.auditeeA.token}`).attach('file', PDF, { filename: '個人情報保護管理要領.pdf', contentType: 'application/pdf' }).expect(201);
    expect(uploaded.body).toMatchObject({ name: '個人情報保護管理要領.pdf', mediaType: 'application/pdf', size: PDF.length });
    expect(uploaded.body.sha256).toMatch(/^[0-9a-f]{64}$/);
    // Another registry cannot even see that the audit exists.
    await t.http().post(`/api/audits/${auditId}/document-requests/${requestId}/files`)
      .set('Authorization', `Bearer ${w.as.auditeeB.token}`).attach('file', PDF, { filename: 'x.pdf', contentType: 'application/pdf' }).expect(404);
    const download = await w.as.manager.get(`/api/audits/${auditId}/files/${uploaded.body.id}`).expect(200);
    expect(download.headers['content-disposition']).toContain("filename*=UTF-8''%E5%80%8B");
    expect(Buffer.compare(download.body as Buffer, PDF)).toBe(0);
  });

  it('refuses fieldwork before the document review, then runs the document review and starts fieldwork', async () => {
    on('2026-06-10');
    const early = await transition(w.as.manager, 'fieldwork').expect(409);
    expect(early.body.code).toBe('TRANSITION_NOT_ALLOWED');
    on('2026-06-16');
    await transition(w.as.auditor1, 'document_review').expect(200);
    const docs = await w.as.auditor1.get(`/api/audits/${auditId}/documents`).expect(200);
    await w.as.auditor1.put(`/api/audits/${auditId}/document-requests/${docs.body.requests[0].id}/review`, { note: '要領に出張採録の規定なし' }).expect(200);
    // The auditee does not see the reviewer's notes.
    const auditeeView = await w.as.auditeeA.get(`/api/audits/${auditId}/documents`).expect(200);
    expect(auditeeView.body.requests[0].reviewNote).toBeUndefined();
    on('2026-07-10');
    await transition(w.as.manager, 'fieldwork').expect(200);
  });

  it('records workpapers with preparer and reviewer sign-off; the preparer cannot review their own', async () => {
    const save = async (who: Client, itemNo: number, conclusion: string) => {
      const res = await who.put(`/api/audits/${auditId}/workpapers/${wp[itemNo].id}`, {
        version: wp[itemNo].version,
        procedures: [
          { procedure: 'inspection', performedOn: '2026-07-10', description: '入退室管理簿を閲覧', observation: itemNo === 10 ? '休日の施錠記録に欠落' : '記録あり' },
          { procedure: 'observation', performedOn: '2026-07-10', description: '登録室の施錠を視察', observation: '施錠を確認' },
        ],
        evidenceRefs: ['入退室管理簿 2026年4–6月'],
        conclusion,
      }).expect(200);
      wp[itemNo].version = res.body.version;
      return res;
    };
    await save(w.as.auditor1, 9, 'conforms');
    await save(w.as.auditor1, 10, 'does_not_conform');
    await save(w.as.auditor1, 13, 'conforms');
    for (const itemNo of [9, 10, 13]) {
      const signed = await w.as.auditor1.post(`/api/audits/${auditId}/workpapers/${wp[itemNo].id}/preparer-signoff`, { version: wp[itemNo].version }).expect(200);
      expect(signed.body.preparer).toMatchObject({ id: w.people.auditor1.id });
      wp[itemNo].version = signed.body.version;
    }
    const self = await w.as.auditor1.post(`/api/audits/${auditId}/workpapers/${wp[9].id}/reviewer-signoff`, { version: wp[9].version }).expect(403);
    expect(self.body.code).toBe('WORKPAPER_REVIEWER_IS_PREPARER');
    // An open review note blocks the reviewer's sign-off until it is cleared.
    const noted = await w.as.auditor2.post(`/api/audits/${auditId}/workpapers/${wp[13].id}/review-notes`, { text: '鍵の保管場所を確認してください' }).expect(201);
    const noteId = noted.body.reviewNotes[0].id;
    const blocked = await w.as.auditor2.post(`/api/audits/${auditId}/workpapers/${wp[13].id}/reviewer-signoff`, { version: wp[13].version }).expect(409);
    expect(blocked.body.violations.map((v: { code: string }) => v.code)).toContain('WORKPAPER_OPEN_REVIEW_NOTES');
    await w.as.auditor2.post(`/api/audits/${auditId}/workpapers/${wp[13].id}/review-notes/${noteId}/clear`, { resolution: '鍵は管理責任者が保管' }).expect(200);
    for (const itemNo of [9, 10, 13]) {
      const res = await w.as.auditor2.post(`/api/audits/${auditId}/workpapers/${wp[itemNo].id}/reviewer-signoff`, { version: wp[itemNo].version }).expect(200);
      expect(res.body.reviewer).toMatchObject({ id: w.people.auditor2.id });
      wp[itemNo].version = res.body.version;
    }
    // Workpapers are the audit body's: the auditee cannot see that they exist.
    await w.as.auditeeA.get(`/api/audits/${auditId}/workpapers`).expect(403);
  });

  it('refuses the results agreement while a non-conformity has no finding, then raises findings', async () => {
    on('2026-07-15');
    const refused = await transition(w.as.manager, 'results_agreement').expect(409);
    expect(refused.body.violations.map((v: { code: string }) => v.code)).toContain('NONCONFORMITY_WITHOUT_FINDING');
    const minor = await w.as.auditor1.post(`/api/audits/${auditId}/findings`, {
      workpaperId: wp[10].id, severity: 'minor', condition: '休日の施錠記録が2件欠落', criterion: 'ミニマムベースライン #10',
      cause: '休日当番の手順が未整備', effect: '無人時の入室を検知できない', recommendedAction: '休日の施錠記録手順を定める',
    }).expect(201);
    expect(minor.body).toMatchObject({ ref: 'F-1', severity: 'minor', auditeeResponse: 'pending' });
    // A deficiency cannot come from a conforming workpaper; a recommendation can.
    const wrong = await w.as.auditor1.post(`/api/audits/${auditId}/findings`, {
      workpaperId: wp[9].id, severity: 'minor', condition: 'x', criterion: 'x', cause: 'x', effect: 'x', recommendedAction: 'x',
    }).expect(409);
    expect(wrong.body.code).toBe('FINDING_REQUIRES_NONCONFORMITY');
    await w.as.auditor1.post(`/api/audits/${auditId}/findings`, {
      workpaperId: wp[9].id, severity: 'recommendation', condition: '施錠は適切', criterion: '#9', cause: '—', effect: '—', recommendedAction: '鍵の二重管理を推奨',
    }).expect(201);
    // Before the agreement the auditee does not see findings.
    await w.as.auditeeA.get(`/api/audits/${auditId}/findings`).expect(409);
    await transition(w.as.manager, 'results_agreement').expect(200);
  });

  it('the auditee accepts or disputes each finding; reporting waits for every answer', async () => {
    on('2026-07-25');
    const findings = await w.as.auditeeA.get(`/api/audits/${auditId}/findings`).expect(200);
    expect(findings.body).toHaveLength(2);
    const [minor, recommendation] = findings.body;
    const pending = await transition(w.as.manager, 'reported').expect(409);
    expect(pending.body.violations.map((v: { code: string }) => v.code)).toContain('FINDING_RESPONSE_PENDING');
    await w.as.auditeeA.post(`/api/audits/${auditId}/findings/${minor.id}/response`, { response: 'accepted' }).expect(200);
    const noReason = await w.as.staffA.post(`/api/audits/${auditId}/findings/${recommendation.id}/response`, { response: 'disputed' }).expect(422);
    expect(noReason.body.code).toBe('FINDING_DISPUTE_REASON_REQUIRED');
    const disputed = await w.as.staffA.post(`/api/audits/${auditId}/findings/${recommendation.id}/response`, { response: 'disputed', reason: '鍵は既に二重管理している' }).expect(200);
    expect(disputed.body).toMatchObject({ auditeeResponse: 'disputed', disputeReason: '鍵は既に二重管理している' });
    on('2026-07-31');
    const reported = await transition(w.as.manager, 'reported').expect(200);
    expect(reported.body).toMatchObject({ status: 'reported', reportIssuedOn: '2026-07-31', remediationPlanDeadline: '2026-08-30' });
    // Cancelling is no longer possible once reported.
    const cancel = await transition(w.as.manager, 'cancelled', '都合により').expect(409);
    expect(cancel.body.code).toBe('CANCELLATION_NOT_ALLOWED_AFTER_REPORT');
  });

  it('remediation: plans and reports in writing, returned with guidance, accepted; then verified and published', async () => {
    await transition(w.as.manager, 'remediation').expect(200);
    const [minor, recommendation] = (await w.as.auditeeA.get(`/api/audits/${auditId}/findings`).expect(200)).body;
    on('2026-08-10');
    let f = (await w.as.auditeeA.post(`/api/audits/${auditId}/findings/${minor.id}/plan`, { actions: '手順書を作成する', owner: '登録室長', dueDate: '2026-09-30' }).expect(200)).body;
    const first = f.submissions.find((s: { kind: string }) => s.kind === 'remediation_plan');
    const noComment = await w.as.manager.post(`/api/audits/${auditId}/findings/${minor.id}/submissions/${first.id}/review`, { decision: 'return' }).expect(422);
    expect(noComment.body.code).toBe('SUBMISSION_RETURN_COMMENT_REQUIRED');
    await w.as.manager.post(`/api/audits/${auditId}/findings/${minor.id}/submissions/${first.id}/review`, { decision: 'return', comment: '休日当番の記録方法も含めてください' }).expect(200);
    f = (await w.as.auditeeA.post(`/api/audits/${auditId}/findings/${minor.id}/plan`, { actions: '手順書を作成し休日当番の記録様式を定める', owner: '登録室長', dueDate: '2026-09-30' }).expect(200)).body;
    const plans = f.submissions.filter((s: { kind: string }) => s.kind === 'remediation_plan');
    expect(plans.map((s: { sequence: number; status: string }) => [s.sequence, s.status])).toEqual([[1, 'returned'], [2, 'submitted']]);
    await w.as.manager.post(`/api/audits/${auditId}/findings/${minor.id}/submissions/${plans[1].id}/review`, { decision: 'accept' }).expect(200);
    // A result report needs evidence.
    const evidence = await t.http().post(`/api/audits/${auditId}/evidence`).set('Authorization', `Bearer ${w.as.auditeeA.token}`)
      .attach('file', PDF, { filename: '休日施錠記録様式.pdf', contentType: 'application/pdf' }).expect(201);
    on('2026-09-20');
    f = (await w.as.auditeeA.post(`/api/audits/${auditId}/findings/${minor.id}/report`, { text: '様式を制定し運用を開始した', evidenceFileIds: [evidence.body.id] }).expect(200)).body;
    const report = f.submissions.find((s: { kind: string }) => s.kind === 'result_report');
    const early = await transition(w.as.manager, 'verified').expect(409);
    expect(early.body.violations.map((v: { code: string }) => v.code)).toEqual(expect.arrayContaining(['RESULT_REPORT_NOT_ACCEPTED', 'RECOMMENDATION_NOT_ANSWERED']));
    await w.as.manager.post(`/api/audits/${auditId}/findings/${minor.id}/submissions/${report.id}/review`, { decision: 'accept' }).expect(200);
    await w.as.auditeeA.post(`/api/audits/${auditId}/findings/${recommendation.id}/recommendation-answer`, { response: 'declined', reason: '既に二重管理を実施済み' }).expect(200);
    on('2026-10-01');
    await transition(w.as.manager, 'verified').expect(200);
    on('2026-10-15');
    const published = await transition(w.as.manager, 'published').expect(200);
    expect(published.body).toMatchObject({ status: 'published', publishedOn: '2026-10-15', earlyPublicationReason: null });
  });

  it('kept an append-only record of every step', async () => {
    const log = await w.as.manager.get(`/api/audits/${auditId}/activity`).expect(200);
    const actions = log.body.map((e: { action: string }) => e.action);
    expect(actions.filter((a: string) => a === 'audit.transition')).toHaveLength(8);
    expect(actions).toEqual(expect.arrayContaining(['audit.create', 'audit.team', 'file.upload', 'workpaper.save', 'workpaper.sign_preparer', 'workpaper.sign_reviewer', 'finding.raise', 'finding.respond', 'remediation_plan.submit', 'remediation_plan.return', 'result_report.accept']));
    const transitions = log.body.filter((e: { action: string }) => e.action === 'audit.transition').map((e: { before: string; after: string }) => [JSON.parse(e.before).status, JSON.parse(e.after).status]);
    expect(transitions[0]).toEqual(['planned', 'documents_requested']);
    expect(transitions[7]).toEqual(['verified', 'published']);
    // The auditee never sees the audit body's log, and another registry not even the audit.
    await w.as.auditeeA.get(`/api/audits/${auditId}/activity`).expect(403);
    await w.as.auditeeB.get(`/api/audits/${auditId}`).expect(404);
  });
});
