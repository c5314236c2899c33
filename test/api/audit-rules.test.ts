import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Clock } from '../../src/common/clock';
import { createTestApp, engines, type TestApp } from '../support/app';
import { ADMIN_ENV, buildWorld, type World } from '../support/world';

const codes = (body: { violations?: { code: string }[] }) => (body.violations ?? []).map((v) => v.code);

describe.each(engines())('audit rules through the HTTP API on %s', (engine) => {
  let t: TestApp;
  let w: World;
  let planId: number;
  let today: ReturnType<typeof vi.spyOn>;
  const on = (date: string) => today.mockReturnValue(date);

  const newAudit = async (extra: object = {}) => (await w.as.manager.post('/api/audits', {
    kind: 'for_cause', forCauseTrigger: '利用期間終了後もデータを保持している旨の報告', auditeeId: w.orgs.dataUser,
    catalog: { code: 'data-user-measures' }, scopeItems: [1, 2, 3], exclusionReason: '臨時監査のため対象を限定', managerId: w.people.manager.id,
    ...extra,
  }).expect(201)).body as { id: number; reference: string };

  beforeAll(async () => {
    t = await createTestApp(engine, ADMIN_ENV);
    w = await buildWorld(t);
    today = vi.spyOn(t.app.get(Clock), 'today');
    on('2026-04-10');
    planId = (await w.as.manager.post('/api/plans', { fiscalYear: 2026, title: '計画' }).expect(201)).body.id;
  });
  afterAll(async () => t?.close());

  describe('the team rule', () => {
    let auditId: number;
    beforeAll(async () => {
      auditId = (await w.as.manager.post('/api/audits', {
        kind: 'planned', planId, auditeeId: w.orgs.registryA, catalog: { code: 'minimum-baseline' }, plannedMonth: '2026-09', managerId: w.people.manager.id,
      }).expect(201)).body.id;
    });
    const setTeam = (memberIds: number[]) => w.as.manager.put(`/api/audits/${auditId}/team`, { memberIds });

    it('refuses a team of one auditor', async () => {
      const res = await setTeam([w.people.auditor1.id]).expect(422);
      expect(codes(res.body)).toContain('TEAM_TOO_FEW_AUDITORS');
    });

    it('does not count the manager as one of the two auditors', async () => {
      const res = await setTeam([w.people.auditor1.id, w.people.manager.id]).expect(422);
      expect(codes(res.body)).toContain('TEAM_TOO_FEW_AUDITORS');
    });

    it("refuses someone of the auditee's own organisation", async () => {
      const res = await setTeam([w.people.auditor1.id, w.people.auditor2.id, w.people.auditeeA.id]).expect(422);
      expect(codes(res.body)).toContain('TEAM_MEMBER_FROM_AUDITEE');
    });

    it('refuses an auditor who declared a conflict with the auditee', async () => {
      const res = await setTeam([w.people.auditor1.id, w.people.conflicted.id]).expect(422);
      expect(codes(res.body)).toContain('TEAM_MEMBER_CONFLICT_OF_INTEREST');
    });

    it('refuses an auditor without a signed confidentiality pledge', async () => {
      const res = await setTeam([w.people.auditor1.id, w.people.unpledged.id]).expect(422);
      expect(codes(res.body)).toContain('TEAM_MEMBER_PLEDGE_MISSING');
    });

    it('accepts two independent, pledged auditors — the conflicted auditor may audit another registry', async () => {
      await setTeam([w.people.auditor1.id, w.people.auditor2.id]).expect(200);
      const detail = await w.as.manager.get(`/api/audits/${auditId}`).expect(200);
      expect(detail.body.team.map((m: { id: number }) => m.id).sort()).toEqual([w.people.auditor1.id, w.people.auditor2.id].sort());
      const other = await w.as.manager.post('/api/audits', {
        kind: 'planned', planId, auditeeId: w.orgs.registryB, catalog: { code: 'minimum-baseline' }, plannedMonth: '2026-10', managerId: w.people.manager.id,
      }).expect(201);
      await w.as.manager.put(`/api/audits/${other.body.id}/team`, { memberIds: [w.people.auditor1.id, w.people.conflicted.id] }).expect(200);
    });

    it('re-checks the team before fieldwork: a pledge withdrawn since blocks the start', async () => {
      await w.as.manager.patch(`/api/audits/${auditId}/schedule`, { documentDeadline: '2026-08-20', visitDate: '2026-09-10' }).expect(200);
      on('2026-08-01');
      await w.as.manager.post(`/api/audits/${auditId}/transitions`, { to: 'documents_requested' }).expect(200);
      on('2026-08-21');
      await w.as.manager.post(`/api/audits/${auditId}/transitions`, { to: 'document_review' }).expect(200);
      await w.admin.patch(`/api/people/${w.people.auditor2.id}`, { pledgeSignedOn: null }).expect(200);
      on('2026-09-10');
      const refused = await w.as.manager.post(`/api/audits/${auditId}/transitions`, { to: 'fieldwork' }).expect(409);
      expect(codes(refused.body)).toContain('TEAM_MEMBER_PLEDGE_MISSING');
      await w.admin.patch(`/api/people/${w.people.auditor2.id}`, { pledgeSignedOn: '2026-04-01' }).expect(200);
      await w.as.manager.post(`/api/audits/${auditId}/transitions`, { to: 'fieldwork' }).expect(200);
    });
  });

  describe('refused transitions answer 409 with every unmet condition', () => {
    it('skipping a step is refused', async () => {
      const audit = await newAudit();
      const res = await w.as.manager.post(`/api/audits/${audit.id}/transitions`, { to: 'fieldwork' }).expect(409);
      expect(res.body.code).toBe('TRANSITION_NOT_ALLOWED');
    });

    it('requesting documents without a deadline lists what is missing', async () => {
      on('2026-06-01');
      const audit = await newAudit();
      const res = await w.as.manager.post(`/api/audits/${audit.id}/transitions`, { to: 'documents_requested' }).expect(409);
      expect(codes(res.body)).toEqual(['DOCUMENT_DEADLINE_MISSING']);
      expect(res.body.message.ja).toContain('提出期限');
      await w.as.manager.patch(`/api/audits/${audit.id}/schedule`, { documentDeadline: '2026-05-01' }).expect(200);
      const passed = await w.as.manager.post(`/api/audits/${audit.id}/transitions`, { to: 'documents_requested' }).expect(409);
      expect(codes(passed.body)).toEqual(['DOCUMENT_DEADLINE_PASSED']);
    });

    it('fieldwork needs a valid team and a visit date', async () => {
      on('2026-06-01');
      const audit = await newAudit({ documentDeadline: '2026-06-20' });
      await w.as.manager.post(`/api/audits/${audit.id}/transitions`, { to: 'documents_requested' }).expect(200);
      on('2026-06-21');
      await w.as.manager.post(`/api/audits/${audit.id}/transitions`, { to: 'document_review' }).expect(200);
      const res = await w.as.manager.post(`/api/audits/${audit.id}/transitions`, { to: 'fieldwork' }).expect(409);
      expect(codes(res.body)).toEqual(expect.arrayContaining(['TEAM_TOO_FEW_AUDITORS', 'VISIT_DATE_MISSING']));
    });

    it('cancellation needs a reason and is recorded', async () => {
      const audit = await newAudit();
      const res = await w.as.manager.post(`/api/audits/${audit.id}/transitions`, { to: 'cancelled' });
      expect([409, 422]).toContain(res.status);
      expect(codes(res.body)).toContain('CANCELLATION_REASON_REQUIRED');
      const ok = await w.as.manager.post(`/api/audits/${audit.id}/transitions`, { to: 'cancelled', reason: '被監査主体のデータ削除を確認したため' }).expect(200);
      expect(ok.body).toMatchObject({ status: 'cancelled', cancelReason: '被監査主体のデータ削除を確認したため' });
    });

    it('a manager who does not manage the audit, an auditee, and an auditor off the team cannot move it', async () => {
      const audit = await newAudit();
      expect((await w.as.manager2.post(`/api/audits/${audit.id}/transitions`, { to: 'documents_requested' })).status).toBe(404);
      await w.as.auditeeA.post(`/api/audits/${audit.id}/transitions`, { to: 'documents_requested' }).expect(403);
      expect((await w.as.auditor1.post(`/api/audits/${audit.id}/transitions`, { to: 'documents_requested' })).status).toBe(404);
    });

    it('a for-cause audit needs its trigger recorded', async () => {
      const res = await w.as.manager.post('/api/audits', {
        kind: 'for_cause', auditeeId: w.orgs.dataUser, catalog: { code: 'data-user-measures' }, managerId: w.people.manager.id,
      });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(JSON.stringify(res.body)).toContain('FOR_CAUSE_TRIGGER');
    });

    it('an unknown scope item is named in the answer', async () => {
      const res = await w.as.manager.post('/api/audits', {
        kind: 'planned', planId, auditeeId: w.orgs.registryB, catalog: { code: 'minimum-baseline' }, plannedMonth: '2026-11',
        scopeItems: [1, 2, 99], exclusionReason: 'x',
      }).expect(422);
      expect(res.body.violations[0]).toMatchObject({ code: 'SCOPE_UNKNOWN_ITEMS', details: { unknownItemNos: [99] } });
    });

    it('invalid input is a 400 naming the field, never a 500', async () => {
      const res = await w.as.manager.post('/api/audits', { kind: 'planned', planId: 'x', auditeeId: -1, catalog: { code: 'Bad Code' }, colour: 'red' }).expect(400);
      const fields = res.body.fields.map((f: { field: string }) => f.field);
      expect(fields).toEqual(expect.arrayContaining(['planId', 'auditeeId', 'catalog.code', 'colour']));
      await w.as.manager.get('/api/audits/abc').expect(400);
      await w.as.manager.get('/api/audits/999999').expect(404);
      // Numbers too large for the database's integer columns are the client's error, named.
      expect((await w.as.manager.get('/api/audits/99999999999').expect(400)).body.fields[0].field).toBe('id');
      const huge = await w.as.manager.post('/api/audits', {
        kind: 'for_cause', forCauseTrigger: '報告', auditeeId: 99999999999, catalog: { code: 'minimum-baseline' }, managerId: 2 ** 31,
      }).expect(400);
      expect(huge.body.fields.map((f: { field: string }) => f.field)).toEqual(['auditeeId', 'managerId']);
      const sync = await w.as.manager.post('/api/audits/1/workpapers/sync', { edits: [{ workpaperId: 99999999999, version: 1, procedures: [], evidenceRefs: [], conclusion: null }] }).expect(400);
      expect(sync.body.fields[0].field).toBe('edits.0.workpaperId');
    });
  });

  describe('concurrent saves of one workpaper', () => {
    it('one wins, the other gets 409 with the current version, and nothing is lost', async () => {
      on('2026-06-01');
      const audit = await newAudit({ documentDeadline: '2026-06-20', visitDate: '2026-07-01' });
      await w.as.manager.put(`/api/audits/${audit.id}/team`, { memberIds: [w.people.auditor1.id, w.people.auditor2.id] }).expect(200);
      await w.as.manager.post(`/api/audits/${audit.id}/transitions`, { to: 'documents_requested' }).expect(200);
      on('2026-06-21');
      await w.as.manager.post(`/api/audits/${audit.id}/transitions`, { to: 'document_review' }).expect(200);
      const [paper] = (await w.as.auditor1.get(`/api/audits/${audit.id}/workpapers`).expect(200)).body;
      const edit = (description: string) => ({
        version: paper.version, procedures: [{ procedure: 'inquiry', description, observation: '回答あり' }], evidenceRefs: [], conclusion: null,
      });
      const [a, b] = await Promise.all([
        w.as.auditor1.put(`/api/audits/${audit.id}/workpapers/${paper.id}`, edit('管理責任者に質問（監査人1）')),
        w.as.auditor2.put(`/api/audits/${audit.id}/workpapers/${paper.id}`, edit('利用責任者に質問（監査人2）')),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const [winner, loser] = a.status === 200 ? [a, b] : [b, a];
      expect(loser.body.code).toBe('WORKPAPER_VERSION_CONFLICT');
      expect(loser.body.details.currentVersion).toBe(paper.version + 1);
      expect(loser.body.details.current.procedures).toEqual(winner.body.procedures);
      // The loser merges its edit into the current version and saves again.
      const loserText = (loser === a ? '管理責任者に質問（監査人1）' : '利用責任者に質問（監査人2）');
      const merged = await (loser === a ? w.as.auditor1 : w.as.auditor2).put(`/api/audits/${audit.id}/workpapers/${paper.id}`, {
        version: loser.body.details.currentVersion,
        procedures: [...loser.body.details.current.procedures, { procedure: 'inquiry', description: loserText, observation: '回答あり' }],
        evidenceRefs: [], conclusion: null,
      }).expect(200);
      expect(merged.body.procedures.map((p: { description: string }) => p.description).sort()).toEqual(['利用責任者に質問（監査人2）', '管理責任者に質問（監査人1）'].sort());
      expect(merged.body.version).toBe(paper.version + 2);
      // A stale save after that is still refused, never applied.
      const stale = await w.as.auditor1.put(`/api/audits/${audit.id}/workpapers/${paper.id}`, edit('古い版からの保存')).expect(409);
      expect(stale.body.details.currentVersion).toBe(paper.version + 2);
    });
  });

  describe('people', () => {
    it("keeps a person's job title (display only): set at creation, changed, cleared, too long refused", async () => {
      const created = await w.admin.post('/api/people', {
        organisationId: w.orgs.registryA, email: 'kacho@kansa.test', name: '登録室 課長', jobTitle: '登録室長', roles: ['auditee_manager'], initialPassword: 'Kansa-test-2026',
      }).expect(201);
      expect(created.body.jobTitle).toBe('登録室長');
      const url = `/api/people/${created.body.id}`;
      expect((await w.admin.patch(url, { jobTitle: '副室長' }).expect(200)).body.jobTitle).toBe('副室長');
      expect((await w.admin.get('/api/people').expect(200)).body.find((p: { id: number }) => p.id === created.body.id).jobTitle).toBe('副室長');
      expect((await w.admin.patch(url, { jobTitle: null }).expect(200)).body.jobTitle).toBeNull();
      const long = await w.admin.patch(url, { jobTitle: 'あ'.repeat(101) }).expect(400);
      expect(long.body.fields[0].field).toBe('jobTitle');
    });
  });

  describe('sync of queued edits (POST …/workpapers/sync)', () => {
    it('answers each edit on its own: saved, stale (409 with the current), locked, unknown; a resend changes nothing', async () => {
      on('2026-06-01');
      const audit = await newAudit({ documentDeadline: '2026-06-20', visitDate: '2026-07-01', scopeItems: [1, 2, 3, 4] });
      await w.as.manager.put(`/api/audits/${audit.id}/team`, { memberIds: [w.people.auditor1.id, w.people.auditor2.id] }).expect(200);
      await w.as.manager.post(`/api/audits/${audit.id}/transitions`, { to: 'documents_requested' }).expect(200);
      on('2026-06-21');
      await w.as.manager.post(`/api/audits/${audit.id}/transitions`, { to: 'document_review' }).expect(200);
      const papers = (await w.as.auditor1.get(`/api/audits/${audit.id}/workpapers`).expect(200)).body as { id: number; version: number; itemNo: number }[];
      const [p1, p2, p3, p4] = papers;
      const url = (id: number) => `/api/audits/${audit.id}/workpapers/${id}`;
      const content = (description: string, conclusion: string | null = null) => ({
        procedures: [{ procedure: 'inspection', performedOn: '2026-06-21', description, observation: '確認した' }], evidenceRefs: ['規程集'], conclusion,
      });
      // Meanwhile on the server: another auditor saved p2, and p3 was concluded, signed and reviewed.
      await w.as.auditor2.put(url(p2.id), { version: p2.version, ...content('別の監査人の記録') }).expect(200);
      const concluded = (await w.as.auditor1.put(url(p3.id), { version: p3.version, ...content('規程を閲覧', 'conforms') }).expect(200)).body;
      const prepared = (await w.as.auditor1.post(`${url(p3.id)}/preparer-signoff`, { version: concluded.version }).expect(200)).body;
      const reviewed = (await w.as.auditor2.post(`${url(p3.id)}/reviewer-signoff`, { version: prepared.version }).expect(200)).body;
      const logBefore = (await w.as.manager.get(`/api/audits/${audit.id}/activity`).expect(200)).body.length;

      const edits = [
        { workpaperId: p1.id, version: p1.version, ...content('オフライン記録1') },
        { workpaperId: p2.id, version: p2.version, ...content('オフライン記録2') },
        { workpaperId: p3.id, version: reviewed.version, ...content('オフライン記録3', 'conforms') },
        { workpaperId: 999999, version: 1, ...content('存在しない') },
        { workpaperId: p4.id, version: p4.version, ...content('オフライン記録4', 'not_applicable') },
      ];
      const res = await w.as.auditor1.post(`/api/audits/${audit.id}/workpapers/sync`, { edits }).expect(200);
      expect(res.body.results.map((r: { workpaperId: number; status: number }) => [r.workpaperId, r.status]))
        .toEqual([[p1.id, 200], [p2.id, 409], [p3.id, 409], [999999, 404], [p4.id, 200]]);
      expect(res.body).toMatchObject({ saved: 2, refused: 3 });
      const [r1, r2, r3, r4, r5] = res.body.results;
      expect(r1.workpaper).toMatchObject({ id: p1.id, version: p1.version + 1, procedures: [{ description: 'オフライン記録1' }], item: { no: p1.itemNo } });
      expect(r2.error).toMatchObject({ code: 'WORKPAPER_VERSION_CONFLICT', details: { currentVersion: p2.version + 1, current: { procedures: [{ description: '別の監査人の記録' }] } } });
      expect(r3.error.code).toBe('WORKPAPER_LOCKED_BY_REVIEW');
      expect(r4.error.code).toBe('WORKPAPER_NOT_FOUND');
      expect(r5.workpaper).toMatchObject({ version: p4.version + 1, conclusion: 'not_applicable' });
      // What the server holds is what the answers say: refused edits wrote nothing.
      expect((await w.as.auditor2.get(url(p1.id)).expect(200)).body).toMatchObject({ version: p1.version + 1, procedures: [{ description: 'オフライン記録1' }], updatedAt: r1.workpaper.updatedAt });
      expect((await w.as.auditor2.get(url(p2.id)).expect(200)).body).toMatchObject({ version: p2.version + 1, procedures: [{ description: '別の監査人の記録' }] });
      expect((await w.as.auditor2.get(url(p3.id)).expect(200)).body).toMatchObject({ version: reviewed.version, procedures: [{ description: '規程を閲覧' }] });
      const log = (await w.as.manager.get(`/api/audits/${audit.id}/activity`).expect(200)).body as { action: string; entityId: string }[];
      expect(log.slice(logBefore).filter((e) => e.action === 'workpaper.save').map((e) => Number(e.entityId))).toEqual([p1.id, p4.id]);
      expect((await w.admin.get('/api/activity/verify').expect(200)).body.ok).toBe(true);

      // The device did not get the answer and sends the same queue again: nothing changes twice.
      const again = await w.as.auditor1.post(`/api/audits/${audit.id}/workpapers/sync`, { edits: [edits[0], edits[4]] }).expect(200);
      expect(again.body.results.map((r: { status: number; workpaper: { version: number } }) => [r.status, r.workpaper.version])).toEqual([[200, p1.version + 1], [200, p4.version + 1]]);
      const logAfter = (await w.as.manager.get(`/api/audits/${audit.id}/activity`).expect(200)).body.length;
      expect(logAfter).toBe(log.length);
    });

    it('refuses a malformed queue as a whole, naming the edit and field, and writes nothing', async () => {
      const audit = (await w.as.auditor1.get('/api/audits').expect(200)).body.find((a: { status: string }) => a.status === 'document_review');
      const [p1, p2] = (await w.as.auditor1.get(`/api/audits/${audit.id}/workpapers`).expect(200)).body;
      const edit = (id: number, version: number) => ({ workpaperId: id, version, procedures: [], evidenceRefs: ['x'], conclusion: null });
      const sync = (body: object) => w.as.auditor1.post(`/api/audits/${audit.id}/workpapers/sync`, body);
      const duplicate = await sync({ edits: [edit(p1.id, p1.version), edit(p1.id, p1.version)] }).expect(400);
      expect(duplicate.body.fields[0]).toMatchObject({ field: 'edits.1.workpaperId', rules: ['isUnique'] });
      const bad = await sync({ edits: [edit(p1.id, p1.version), { ...edit(p2.id, p2.version), conclusion: 'maybe' }] }).expect(400);
      expect(bad.body.fields.map((f: { field: string }) => f.field)).toEqual(['edits.1.conclusion']);
      expect((await sync({ edits: [] }).expect(400)).body.fields[0].field).toBe('edits');
      const tooMany = Array.from({ length: 201 }, (_, i) => edit(i + 1, 1));
      expect((await sync({ edits: tooMany }).expect(400)).body.fields[0].field).toBe('edits');
      expect((await w.as.auditor1.get(`/api/audits/${audit.id}/workpapers/${p1.id}`).expect(200)).body.version).toBe(p1.version);
    });
  });

  describe('a failed multi-row change leaves no partial rows', () => {
    it('adding an audit to an approved plan with a bad manager writes neither the revision nor the audit', async () => {
      const plan = (await w.as.manager.post('/api/plans', { fiscalYear: 2027, title: '2027年度計画' }).expect(201)).body;
      await w.as.manager.post('/api/audits', { kind: 'planned', planId: plan.id, auditeeId: w.orgs.registryA, catalog: { code: 'minimum-baseline' }, plannedMonth: '2027-06' }).expect(201);
      await w.admin.post(`/api/plans/${plan.id}/approve`).expect(201);
      const count = async (table: string) => Number((await t.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
      const before = { audits: await count('audit'), workpapers: await count('workpaper'), revisions: await count('plan_revision'), log: await count('activity_log') };
      // The plan revision is written first; the manager check fails after it.
      const res = await w.admin.post('/api/audits', {
        kind: 'planned', planId: plan.id, auditeeId: w.orgs.registryB, catalog: { code: 'minimum-baseline' }, plannedMonth: '2027-07',
        managerId: w.people.auditor1.id, revisionReason: '追加の応募があったため',
      }).expect(400);
      expect(res.body.fields[0].field).toBe('managerId');
      expect({ audits: await count('audit'), workpapers: await count('workpaper'), revisions: await count('plan_revision'), log: await count('activity_log') }).toEqual(before);
      expect((await w.admin.get(`/api/plans/${plan.id}`).expect(200)).body.revision).toBe(0);
      // Without a reason an approved plan cannot be revised at all; with one it is, and recorded.
      const noReason = await w.admin.post('/api/audits', { kind: 'planned', planId: plan.id, auditeeId: w.orgs.registryB, catalog: { code: 'minimum-baseline' }, plannedMonth: '2027-07' }).expect(422);
      expect(codes(noReason.body)).toContain('PLAN_REVISION_REASON_REQUIRED');
      await w.admin.post('/api/audits', { kind: 'planned', planId: plan.id, auditeeId: w.orgs.registryB, catalog: { code: 'minimum-baseline' }, plannedMonth: '2027-07', revisionReason: '追加の応募があったため' }).expect(201);
      const revised = (await w.admin.get(`/api/plans/${plan.id}`).expect(200)).body;
      expect(revised.revision).toBe(1);
      expect(revised.revisions).toEqual([expect.objectContaining({ revision: 1, reason: '追加の応募があったため' })]);
    });
  });
});
