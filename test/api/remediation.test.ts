import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Clock } from '../../src/common/clock';
import { createTestApp, engines, type TestApp } from '../support/app';
import { auditInRemediation, type RemediationScenario } from '../support/scenario';
import { ADMIN_ENV, buildWorld, type World } from '../support/world';

describe.each(engines())('remediation follow-up and publication on %s', (engine) => {
  let t: TestApp;
  let w: World;
  let s: RemediationScenario;
  let today: ReturnType<typeof vi.spyOn>;

  beforeAll(async () => {
    t = await createTestApp(engine, ADMIN_ENV);
    w = await buildWorld(t);
    s = await auditInRemediation(t, w);
    today = vi.spyOn(t.app.get(Clock), 'today');
  }, 120_000);
  afterAll(async () => t?.close());

  it('answers the audit page in one request, each section as its own route has it, and null where the person may not see it', async () => {
    const include = 'include=workpapers,findings,documents';
    const page = (await w.as.auditor1.get(`/api/audits/${s.auditId}?${include}`).expect(200)).body;
    const [detail, workpapers, findings, documents] = await Promise.all(['', '/workpapers', '/findings', '/documents']
      .map(async (path) => (await w.as.auditor1.get(`/api/audits/${s.auditId}${path}`).expect(200)).body));
    expect(page).toEqual({ ...detail, workpapers, findings, documents });
    expect(page.workpapers.length).toBeGreaterThan(0);
    expect(page.findings.length).toBeGreaterThan(0);
    // The auditee sees its findings and documents, not the audit body's workpapers.
    const auditee = (await w.as.auditeeA.get(`/api/audits/${s.auditId}?${include}`).expect(200)).body;
    expect(auditee.workpapers).toBeNull();
    await w.as.auditeeA.get(`/api/audits/${s.auditId}/workpapers`).expect(403);
    expect(auditee.findings).toEqual((await w.as.auditeeA.get(`/api/audits/${s.auditId}/findings`).expect(200)).body);
    expect(auditee.documents.requests.every((r: { reviewNote?: string }) => r.reviewNote === undefined)).toBe(true);
    // Someone outside the audit gets what the detail route gives them; a bad section is named.
    await w.as.auditeeB.get(`/api/audits/${s.auditId}?${include}`).expect(404);
    const bad = await w.as.auditor1.get(`/api/audits/${s.auditId}?include=workpapers,secrets`).expect(400);
    expect(bad.body.fields[0].field).toBe('include');
  });

  it('logs refusals decided past the guard: a hidden audit (404) and a refused action (403)', async () => {
    await w.as.auditeeB.get(`/api/audits/${s.auditId}`).expect(404);
    await w.as.auditeeA.post(`/api/audits/${s.auditId}/findings/${s.minorId}/submissions/${s.planSubmissionId}/review`, { decision: 'accept' }).expect(403);
    await w.as.manager2.post(`/api/audits/${s.auditId}/transitions`, { to: 'verified' }).expect(404);
    await w.as.manager.post(`/api/plans/${s.planId}/approve`).expect(403);
    const log = (await w.admin.get('/api/activity?limit=1000').expect(200)).body as { action: string; actorId: number; after: string }[];
    const denied = log.filter((e) => e.action === 'access.denied').map((e) => ({ actorId: e.actorId, code: JSON.parse(e.after).code ?? JSON.parse(e.after).reason }));
    expect(denied).toEqual(expect.arrayContaining([
      { actorId: w.people.auditeeB.id, code: 'AUDIT_NOT_FOUND' },
      { actorId: w.people.auditeeA.id, code: 'role' },
      { actorId: w.people.manager2.id, code: 'AUDIT_NOT_FOUND' },
      { actorId: w.people.manager.id, code: 'PLAN_APPROVAL_REQUIRES_CHIEF' },
    ]));
    // The chain stays intact with the refusals in it.
    expect((await w.admin.get('/api/activity/verify').expect(200)).body.ok).toBe(true);
  });

  it('lists overdue remediation: a plan submitted is not overdue; an accepted plan whose report is late is', async () => {
    today.mockReturnValue('2026-09-15');
    // The minor deficiency's plan (due 2026-12-31) is submitted, not yet reviewed: nothing is overdue.
    expect((await w.as.manager.get('/api/audits/overdue').expect(200)).body).toEqual([]);
    await w.as.manager.post(`/api/audits/${s.auditId}/findings/${s.minorId}/submissions/${s.planSubmissionId}/review`, { decision: 'accept' }).expect(200);
    today.mockReturnValue('2027-01-10');
    const overdue = (await w.as.manager.get('/api/audits/overdue').expect(200)).body;
    expect(overdue).toEqual([expect.objectContaining({ auditId: s.auditId, findingId: s.minorId, kind: 'result_report', dueDate: '2026-12-31', daysOverdue: 10 })]);
    // The auditee sees its own overdue items; another registry sees none.
    expect((await w.as.auditeeA.get('/api/audits/overdue').expect(200)).body).toHaveLength(1);
    expect((await w.as.auditeeB.get('/api/audits/overdue').expect(200)).body).toEqual([]);
  });

  it('publishing before verification: refused to the manager, allowed to the chief with a reason, open items recorded', async () => {
    today.mockReturnValue('2027-01-15');
    const notVerified = await w.as.manager.post(`/api/audits/${s.auditId}/transitions`, { to: 'published' }).expect(403);
    expect(notVerified.body.code).toBe('EARLY_PUBLICATION_REQUIRES_CHIEF');
    const noReason = await w.admin.post(`/api/audits/${s.auditId}/transitions`, { to: 'published' });
    expect(noReason.status).toBeGreaterThanOrEqual(400);
    expect(JSON.stringify(noReason.body)).toContain('REASON');
    const published = await w.admin.post(`/api/audits/${s.auditId}/transitions`, { to: 'published', reason: '委員会の要請により改善途中で公表' }).expect(200);
    expect(published.body).toMatchObject({ status: 'published', earlyPublicationReason: '委員会の要請により改善途中で公表' });
    const open = published.body.openItemsAtPublication as { findingId: string; kind: string }[];
    expect(open.map((o) => o.findingId).sort()).toEqual([String(s.minorId), String(s.recommendationId)].sort());
  });
});
