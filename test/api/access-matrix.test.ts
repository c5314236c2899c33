import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app';
import { listRoutes } from '../support/routes';
import { auditInRemediation, type RemediationScenario } from '../support/scenario';
import { ADMIN, ADMIN_ENV, buildWorld, clientFor, login, type World } from '../support/world';

/**
 * The access matrix: every route × every kind of caller × own/other audit, against the policy
 * table below. A route that is registered but has no row fails the test, so a new endpoint cannot
 * ship without deciding who may call it.
 *
 * Outcomes: 'ok' = access granted (the request reached the rules: 2xx, or 400/409/422 because the
 * body or the audit's state is wrong — the bodies below are chosen so that nothing changes);
 * 401 = not logged in; 403 = refused; 404 = not even visible.
 */
const PERSONAS = ['anonymous', 'chief', 'managerOwn', 'managerOther', 'auditorTeam', 'auditorOff', 'auditeeOwn', 'staffOwn', 'auditeeOther'] as const;
type Persona = (typeof PERSONAS)[number];
type Outcome = 'ok' | 401 | 403 | 404;
type Row = { body?: object; fresh?: boolean; expect: Partial<Record<Persona, Outcome>> & { default: Outcome } };

/** Routes whose access is tabled in their own matrix test. */
const OWN_MATRIX = /^\w+ \/api\/(surveys|planning)(\/|\.|$)/;

const all = (o: Outcome): Row['expect'] => ({ default: o });
const loggedIn: Row['expect'] = { default: 'ok', anonymous: 401 };
const auditBodyOnly: Row['expect'] = { default: 'ok', anonymous: 401, auditeeOwn: 403, staffOwn: 403, auditeeOther: 403 };
const leads: Row['expect'] = { default: 403, anonymous: 401, chief: 'ok', managerOwn: 'ok', managerOther: 'ok' };
const chiefOnly: Row['expect'] = { default: 403, anonymous: 401, chief: 'ok' };
/** Anyone on the audit (audit body or its auditee); others do not see it. */
const onAudit: Row['expect'] = { default: 'ok', anonymous: 401, managerOther: 404, auditorOff: 404, auditeeOther: 404 };
/** The audit's leads (chief, its manager); its auditors are refused; others do not see it. */
const auditLeads: Row['expect'] = { default: 403, anonymous: 401, chief: 'ok', managerOwn: 'ok', managerOther: 404 };
/** The audit body's people on this audit; auditees refused by role. */
const auditTeam: Row['expect'] = { default: 403, anonymous: 401, chief: 'ok', managerOwn: 'ok', auditorTeam: 'ok', managerOther: 404, auditorOff: 404 };
/** The auditee's people of this audit only. */
const auditee: Row['expect'] = { default: 403, anonymous: 401, auditeeOwn: 'ok', staffOwn: 'ok', auditeeOther: 404 };

const FINDING = { severity: 'minor', condition: 'c', criterion: 'c', cause: 'c', effect: 'c', recommendedAction: 'c' };
const STALE_WP = { version: 1, procedures: [{ procedure: 'inquiry', description: '古い版', observation: '-' }], evidenceRefs: [], conclusion: null };

function table(s: RemediationScenario): Record<string, Row> {
  const a = `/api/audits/${s.auditId}`;
  const wp = `${a}/workpapers/${s.workpaperIds[9]}`;
  return {
    'GET /api/health': { expect: all('ok') },
    'GET /api/catalogs': { expect: all('ok') },
    'GET /api/catalogs/:code': { expect: all('ok') },
    'POST /api/auth/login': { body: {}, expect: all('ok') },
    'POST /api/auth/logout': { fresh: true, expect: loggedIn },
    'GET /api/auth/me': { expect: loggedIn },
    'POST /api/auth/password': { body: {}, expect: loggedIn },
    'POST /api/auth/tokens': { body: {}, expect: loggedIn },
    'GET /api/organisations': { expect: loggedIn },
    'POST /api/organisations': { body: {}, expect: chiefOnly },
    'GET /api/people': { expect: loggedIn },
    'POST /api/people': { body: {}, expect: chiefOnly },
    'PATCH /api/people/:id': { body: { roles: 'none' }, expect: chiefOnly },
    'GET /api/plans': { expect: auditBodyOnly },
    'GET /api/plans/:id': { expect: auditBodyOnly },
    'POST /api/plans': { body: {}, expect: leads },
    'PATCH /api/plans/:id': { body: { title: '' }, expect: leads },
    // The guard lets managers through; the domain keeps approval to the chief.
    'POST /api/plans/:id/approve': { expect: { ...leads, managerOwn: 403, managerOther: 403 } },
    'POST /api/plans/:id/applications': { body: {}, expect: { ...leads, auditeeOwn: 'ok', auditeeOther: 'ok' } },
    'POST /api/plans/:id/applications/:applicationId/decline': { body: {}, expect: leads },
    'GET /api/audits': { expect: loggedIn },
    'POST /api/audits': { body: {}, expect: leads },
    'GET /api/audits/overdue': { expect: loggedIn },
    // Read-only figures for the web dashboard, over the audits the caller may see.
    'GET /api/dashboard/results': { expect: auditBodyOnly },
    'GET /api/audits/:id': { expect: onAudit },
    'PUT /api/audits/:id/team': { body: { memberIds: [] }, expect: auditLeads },
    'PATCH /api/audits/:id/schedule': { body: { visitStart: '13:00' }, expect: auditLeads },
    'PUT /api/audits/:id/scope': { body: {}, expect: auditLeads },
    'POST /api/audits/:id/transitions': { body: { to: 'planned' }, expect: auditTeam },
    'GET /api/audits/:id/activity': { expect: auditTeam },
    'GET /api/audits/:id/documents': { expect: onAudit },
    'POST /api/audits/:id/document-requests': { body: { title: '追加文書' }, expect: auditTeam },
    'DELETE /api/audits/:id/document-requests/:requestId': { expect: auditTeam },
    // Document review notes are the auditors' (the manager and the team), not the chief's.
    'PUT /api/audits/:id/document-requests/:requestId/review': { body: { note: '所見' }, expect: { ...auditTeam, chief: 403 } },
    'POST /api/audits/:id/document-requests/:requestId/files': { expect: auditee },
    'POST /api/audits/:id/evidence': { expect: auditee },
    'GET /api/audits/:id/files/:fileId': { expect: onAudit },
    'GET /api/audits/:id/workpapers': { expect: auditTeam },
    'POST /api/audits/:id/workpapers/sync': { body: { edits: [{ workpaperId: 1, ...STALE_WP }] }, expect: { ...auditTeam, chief: 403 } },
    'GET /api/audits/:id/workpapers/:wpId': { expect: auditTeam },
    'PUT /api/audits/:id/workpapers/:wpId': { body: STALE_WP, expect: { ...auditTeam, chief: 403 } },
    'POST /api/audits/:id/workpapers/:wpId/preparer-signoff': { body: { version: 1 }, expect: auditTeam },
    'POST /api/audits/:id/workpapers/:wpId/reviewer-signoff': { body: { version: 1 }, expect: auditTeam },
    'POST /api/audits/:id/workpapers/:wpId/reviewer-signoff/withdraw': { body: { version: 1, reason: '再確認' }, expect: auditTeam },
    'POST /api/audits/:id/workpapers/:wpId/review-notes': { body: { text: '確認' }, expect: { ...auditTeam, chief: 403 } },
    // Only the note's author (auditor2 here) or the audit's manager clears a review note.
    'POST /api/audits/:id/workpapers/:wpId/review-notes/:noteId/clear': { body: {}, expect: { ...auditTeam, chief: 403, auditorTeam: 403 } },
    'GET /api/audits/:id/findings': { expect: onAudit },
    'POST /api/audits/:id/findings': { body: { ...FINDING, workpaperId: s.workpaperIds[9] }, expect: { ...auditTeam, chief: 403 } },
    'PUT /api/audits/:id/findings/:findingId': { body: { ...FINDING, version: 99 }, expect: { ...auditTeam, chief: 403 } },
    'POST /api/audits/:id/findings/:findingId/response': { body: { response: 'accepted' }, expect: auditee },
    'POST /api/audits/:id/findings/:findingId/plan': { body: { actions: '', owner: '', dueDate: '2020-01-01' }, expect: auditee },
    'POST /api/audits/:id/findings/:findingId/report': { body: { text: '', evidenceFileIds: [] }, expect: auditee },
    'POST /api/audits/:id/findings/:findingId/recommendation-answer': { body: { response: 'declined' }, expect: auditee },
    'POST /api/audits/:id/findings/:findingId/submissions/:submissionId/review': { body: { decision: 'return' }, expect: { ...auditLeads } },
    // Reports (formats as DOCX: valid on every report route, cheaper than a PDF). The audit is in
    // remediation with its final report issued in beforeAll.
    'GET /api/audits/:id/report/draft.:format': { expect: onAudit },
    'GET /api/audits/:id/report/texts': { expect: auditTeam },
    'PUT /api/audits/:id/report/texts': { body: { version: 99 }, expect: auditTeam },
    'POST /api/audits/:id/report/issue': { body: { revision: 99 }, expect: auditLeads },
    'GET /api/audits/:id/report/issued': { expect: onAudit },
    'GET /api/audits/:id/report/final.:format': { expect: onAudit },
    // Workpapers never leave the audit body.
    'GET /api/audits/:id/report/workpapers.:format': { expect: auditTeam },
    'GET /api/annual-summaries/:fiscalYear.:format': { expect: leads },
    'GET /api/annual-summaries/:fiscalYear/commentary': { expect: leads },
    'PUT /api/annual-summaries/:fiscalYear/commentary': { body: { version: 99, commentary: '-' }, expect: chiefOnly },
    'GET /api/public/summaries': { expect: all('ok') },
    // Public, but only once the audit is published (this one is in remediation: 404 for everyone).
    'GET /api/public/summaries/:auditId.:format': { expect: all(404) },
    'GET /api/activity': { expect: chiefOnly },
    'GET /api/activity/verify': { expect: chiefOnly },
    // Path parameters of the rows above.
    _paths: { expect: all('ok'), body: {
      ':id@plans': s.planId, ':id@people': 1, ':code': 'minimum-baseline', ':id': s.auditId, ':requestId': s.requestId,
      ':fileId': s.fileId, ':wpId': s.workpaperIds[9], ':noteId': s.noteIds[9], ':findingId': s.minorId, ':submissionId': s.planSubmissionId,
      ':format': 'docx', ':fiscalYear': 2026, ':auditId': s.auditId, ':applicationId': 1,
      _wp: wp,
    } },
  };
}

function fill(path: string, params: Record<string, unknown>): string {
  if (path.startsWith('/api/plans/')) path = path.replace(':id', String(params[':id@plans']));
  if (path.startsWith('/api/people/')) path = path.replace(':id', String(params[':id@people']));
  return path.replace(/:[A-Za-z]+/g, (name) => String(params[name]));
}

describe('the access matrix', () => {
  let t: TestApp;
  let w: World;
  let s: RemediationScenario;
  let clients: Record<Exclude<Persona, 'anonymous'>, ReturnType<typeof clientFor>>;

  beforeAll(async () => {
    t = await createTestApp('sqlite', ADMIN_ENV);
    w = await buildWorld(t);
    s = await auditInRemediation(t, w);
    // An issued final report, so that its download is there to be refused or granted.
    await w.as.manager.put(`/api/audits/${s.auditId}/report/texts`, { version: 0, overallResult: '総括' }).expect(200);
    await w.as.manager.post(`/api/audits/${s.auditId}/report/issue`, { revision: 1 }).expect(201);
    clients = {
      chief: w.admin, managerOwn: w.as.manager, managerOther: w.as.manager2, auditorTeam: w.as.auditor1, auditorOff: w.as.conflicted,
      auditeeOwn: w.as.auditeeA, staffOwn: w.as.staffA, auditeeOther: w.as.auditeeB,
    };
  }, 120_000);
  afterAll(async () => t?.close());

  it('has a row for every registered route, and no row for a route that does not exist', () => {
    const rows = Object.keys(table(s)).filter((k) => !k.startsWith('_'));
    // Survey and planning routes have their own matrix (test/api/surveys-access.test.ts), which
    // fails in the same way for a survey or planning route without a row.
    const routes = listRoutes(t.app).map((r) => r.key).filter((k) => !OWN_MATRIX.test(k));
    expect(routes.filter((r) => !rows.includes(r)), 'routes without a row in the access matrix').toEqual([]);
    expect(rows.filter((r) => !routes.includes(r)), 'rows for routes that do not exist').toEqual([]);
  });

  it('gives every caller exactly the access the policy table says', async () => {
    const rows = table(s);
    const params = rows._paths.body as Record<string, unknown>;
    const failures: string[] = [];
    for (const [key, row] of Object.entries(rows)) {
      if (key.startsWith('_')) continue;
      const [method, path] = key.split(' ');
      const url = fill(path, params);
      for (const persona of PERSONAS) {
        const expected = row.expect[persona] ?? row.expect.default;
        let req = t.http()[method.toLowerCase() as 'get'](url);
        if (persona !== 'anonymous') {
          const client = row.fresh ? await login(t, personaEmail(w, persona), personaPassword(persona)) : clients[persona];
          req = req.set('Authorization', `Bearer ${client.token}`);
        }
        const res = row.body === undefined || method === 'GET' || method === 'DELETE' ? await req : await req.send(row.body);
        const actual: Outcome = [401, 403, 404].includes(res.status) ? (res.status as Outcome) : res.status >= 500 ? (`5xx` as never) : 'ok';
        if (actual !== expected) failures.push(`${key} as ${persona}: expected ${expected}, got ${res.status} ${res.body?.code ?? ''}`);
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);
});

function personaEmail(w: World, persona: Persona): string {
  const map: Record<string, string> = {
    chief: ADMIN.email, managerOwn: w.people.manager.email, managerOther: w.people.manager2.email, auditorTeam: w.people.auditor1.email,
    auditorOff: w.people.conflicted.email, auditeeOwn: w.people.auditeeA.email, staffOwn: w.people.staffA.email, auditeeOther: w.people.auditeeB.email,
  };
  return map[persona];
}

function personaPassword(persona: Persona): string {
  return persona === 'chief' ? ADMIN.password : 'Kansa-test-2026!';
}
