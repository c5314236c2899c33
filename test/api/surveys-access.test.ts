import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Clock } from '../../src/common/clock';
import { createTestApp, type TestApp } from '../support/app';
import { listRoutes } from '../support/routes';
import { ADMIN_ENV, buildWorld, type Client, type World } from '../support/world';

/**
 * The access matrix of the survey and planning routes: every route × every kind of caller, as in
 * test/api/access-matrix.test.ts. A survey or planning route without a row fails the test.
 *
 * Outcomes: 'ok' = the request reached the rules (2xx, or 400/409/422 — the bodies are chosen so
 * that nothing changes); 401 not logged in; 403 refused; 404 not even visible.
 */
const PERSONAS = ['anonymous', 'chief', 'manager', 'auditor', 'auditeeOwn', 'staffOwn', 'auditeeOther'] as const;
type Persona = (typeof PERSONAS)[number];
type Outcome = 'ok' | 401 | 403 | 404;
type Row = { body?: object; expect: Partial<Record<Persona, Outcome>> & { default: Outcome } };

const all = (o: Outcome): Row['expect'] => ({ default: o });
const loggedIn: Row['expect'] = { default: 'ok', anonymous: 401 };
const auditBody: Row['expect'] = { default: 403, anonymous: 401, chief: 'ok', manager: 'ok', auditor: 'ok' };
const leads: Row['expect'] = { default: 403, anonymous: 401, chief: 'ok', manager: 'ok' };
/** Registry A's response: the audit body and registry A's people; registry B does not see it. */
const response: Row['expect'] = { default: 'ok', anonymous: 401, auditeeOther: 404 };
/** Writing registry A's answers: its people by role; the audit body refused; registry B does not see it. */
const respondents: Row['expect'] = { default: 403, anonymous: 401, auditeeOwn: 'ok', staffOwn: 'ok', auditeeOther: 404 };

describe('the survey access matrix', () => {
  let t: TestApp;
  let w: World;
  let clients: Record<Exclude<Persona, 'anonymous'>, Client>;
  let rows: Record<string, Row>;
  let params: Record<string, string | number>;

  beforeAll(async () => {
    t = await createTestApp('sqlite', ADMIN_ENV);
    w = await buildWorld(t);
    vi.spyOn(t.app.get(Clock), 'today').mockReturnValue('2026-06-01');
    const round = (await w.as.manager.post('/api/surveys/rounds', { fiscalYear: 2026, audience: 'registry', catalog: { code: 'minimum-baseline' } }).expect(201)).body.id;
    const a = `/api/surveys/rounds/${round}/responses/${w.orgs.registryA}`;
    await w.as.staffA.put(`${a}/answers`, { answers: Array.from({ length: 32 }, (_, i) => ({ itemNo: i + 1, answer: 'met' })) }).expect(200);
    await w.as.auditeeA.post(`${a}/submit`).expect(200);
    const published = (await w.admin.get('/api/surveys/rounds').expect(200)).body.find((r: { fiscalYear: number }) => r.fiscalYear === 2013).id;
    clients = { chief: w.admin, manager: w.as.manager, auditor: w.as.auditor1, auditeeOwn: w.as.auditeeA, staffOwn: w.as.staffA, auditeeOther: w.as.auditeeB };
    // :id is the open round; close is tried on the published FY2013 round, which cannot close (409).
    params = { ':id': round, ':organisationId': w.orgs.registryA, ':fiscalYear': 2013, ':published': published };
    rows = {
      'GET /api/surveys/national': { expect: all('ok') },
      'GET /api/surveys/national.xlsx': { expect: all('ok') },
      'GET /api/surveys/national/:fiscalYear': { expect: all('ok') },
      'GET /api/surveys/rounds': { expect: loggedIn },
      'POST /api/surveys/rounds': { body: {}, expect: leads },
      'GET /api/surveys/rounds/:id': { expect: loggedIn },
      'POST /api/surveys/rounds/:id/close': { expect: leads },
      'GET /api/surveys/rounds/:id/progress': { expect: auditBody },
      'GET /api/surveys/rounds/:id/national': { expect: auditBody },
      'GET /api/surveys/rounds/:id/national.xlsx': { expect: auditBody },
      'GET /api/surveys/rounds/:id/trend': { expect: auditBody },
      'GET /api/surveys/rounds/:id/questionnaire.xlsx': { expect: loggedIn },
      'GET /api/surveys/rounds/:id/responses/:organisationId': { expect: response },
      'GET /api/surveys/rounds/:id/responses/:organisationId/results': { expect: response },
      'GET /api/surveys/rounds/:id/responses/:organisationId/questionnaire.xlsx': { expect: response },
      // Submitted: the owner's edit is refused by state (409 = 'ok' here); nothing changes.
      'PUT /api/surveys/rounds/:id/responses/:organisationId/answers': { body: { answers: [{ itemNo: 1, answer: 'met' }] }, expect: respondents },
      'POST /api/surveys/rounds/:id/responses/:organisationId/questionnaire.xlsx': { expect: respondents },
      'POST /api/surveys/rounds/:id/responses/:organisationId/submit': { expect: { default: 403, anonymous: 401, auditeeOwn: 'ok', auditeeOther: 404 } },
      'POST /api/surveys/rounds/:id/responses/:organisationId/reopen': { body: {}, expect: leads },
      'GET /api/planning/auditees': { expect: leads },
      'GET /api/planning/findings.csv': { expect: leads },
    };
  }, 120_000);
  afterAll(async () => t?.close());

  it('has a row for every survey and planning route, and no row for a route that does not exist', () => {
    const routes = listRoutes(t.app).map((r) => r.key).filter((k) => /^\w+ \/api\/(surveys|planning)\b/.test(k));
    expect(routes.filter((r) => !(r in rows)), 'routes without a row').toEqual([]);
    expect(Object.keys(rows).filter((r) => !routes.includes(r)), 'rows for routes that do not exist').toEqual([]);
  });

  it('gives every caller exactly the access the table says, and changes nothing', async () => {
    const before = await t.dataSource.query('SELECT status, version FROM survey_response ORDER BY id');
    const failures: string[] = [];
    for (const [key, row] of Object.entries(rows)) {
      const [method, path] = key.split(' ');
      const url = (key.endsWith('/close') ? path.replace(':id', String(params[':published'])) : path).replace(/:[A-Za-z]+/g, (name) => String(params[name]));
      for (const persona of PERSONAS) {
        const expected = row.expect[persona] ?? row.expect.default;
        let req = t.http()[method.toLowerCase() as 'get'](url);
        if (persona !== 'anonymous') req = req.set('Authorization', `Bearer ${clients[persona].token}`);
        const res = row.body === undefined || method === 'GET' ? await req : await req.send(row.body);
        const actual: Outcome | string = [401, 403, 404].includes(res.status) ? (res.status as Outcome) : res.status >= 500 ? '5xx' : 'ok';
        if (actual !== expected) failures.push(`${key} as ${persona}: expected ${expected}, got ${res.status} ${res.body?.code ?? ''}`);
      }
    }
    expect(failures).toEqual([]);
    expect(await t.dataSource.query('SELECT status, version FROM survey_response ORDER BY id')).toEqual(before);
  }, 120_000);
});
