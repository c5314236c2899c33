import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Controller, Get, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/configure-app';
import { createTestApp, testDatabase, type TestApp } from '../support/app';
import { listRoutes } from '../support/routes';
import { ADMIN, ADMIN_ENV, login, PASSWORD } from '../support/world';

describe('accounts, sessions and headers', () => {
  let t: TestApp;
  let orgId: number;
  beforeAll(async () => {
    t = await createTestApp('sqlite', ADMIN_ENV);
    const admin = await login(t, ADMIN.email, ADMIN.password);
    orgId = (await admin.get('/api/auth/me').expect(200)).body.organisationId;
    await admin.post('/api/people', { organisationId: orgId, email: 'lockme@kansa.test', name: 'L', roles: ['auditor'], initialPassword: PASSWORD }).expect(201);
    await admin.post('/api/people', { organisationId: orgId, email: 'newbie@kansa.test', name: 'N', roles: ['auditor'], initialPassword: PASSWORD }).expect(201);
  });
  afterAll(async () => t?.close());

  it('refuses a wrong password with one message for unknown e-mail and wrong password alike', async () => {
    const wrong = await t.http().post('/api/auth/login').send({ email: ADMIN.email, password: 'not-the-password' }).expect(401);
    const unknown = await t.http().post('/api/auth/login').send({ email: 'nobody@kansa.test', password: 'whatever1' }).expect(401);
    expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
    expect(unknown.body).toEqual(wrong.body);
  });

  it('locks the account after five failures, with a clear message, even for the right password', async () => {
    for (let i = 0; i < 5; i++) await t.http().post('/api/auth/login').send({ email: 'lockme@kansa.test', password: 'wrong-password' }).expect(401);
    const locked = await t.http().post('/api/auth/login').send({ email: 'lockme@kansa.test', password: PASSWORD }).expect(401);
    expect(locked.body.code).toBe('ACCOUNT_LOCKED');
    expect(locked.body.message.ja).toContain('ロック');
  });

  it('a first login must change the password; short and common passwords are refused', async () => {
    const first = await login(t, 'newbie@kansa.test', PASSWORD);
    const blocked = await first.get('/api/audits').expect(403);
    expect(blocked.body.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const short = await first.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'short' }).expect(400);
    expect(short.body.fields[0].field).toBe('newPassword');
    const common = await first.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'password123' }).expect(400);
    expect(common.body.code).toBe('PASSWORD_REJECTED');
    await first.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'a-Better-one-2026' }).expect(204);
    await first.get('/api/audits').expect(200);
  });

  it('browser sessions: httpOnly SameSite cookie, CSRF token required on writes, logout ends the session server-side', async () => {
    const res = await t.http().post('/api/auth/login').send({ email: ADMIN.email, password: ADMIN.password }).expect(200);
    const cookies = res.headers['set-cookie'] as unknown as string[];
    const session = cookies.find((c) => c.startsWith('kansa_session='))!;
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Strict/);
    const cookieHeader = cookies.map((c) => c.split(';')[0]).join('; ');
    await t.http().get('/api/auth/me').set('Cookie', cookieHeader).expect(200);
    const noCsrf = await t.http().post('/api/plans').set('Cookie', cookieHeader).send({ fiscalYear: 2030, title: 'x' }).expect(403);
    expect(noCsrf.body.code).toBe('CSRF_TOKEN_INVALID');
    await t.http().post('/api/plans').set('Cookie', cookieHeader).set('X-CSRF-Token', res.body.csrfToken).send({ fiscalYear: 2030, title: '2030年度' }).expect(201);
    await t.http().post('/api/auth/logout').set('Cookie', cookieHeader).set('X-CSRF-Token', res.body.csrfToken).expect(204);
    await t.http().get('/api/auth/me').set('Cookie', cookieHeader).expect(401);
  });

  it('bearer tokens are revoked by logout too', async () => {
    const client = await login(t, ADMIN.email, ADMIN.password);
    await client.get('/api/auth/me').expect(200);
    await client.post('/api/auth/logout').expect(204);
    await client.get('/api/auth/me').expect(401);
  });

  it('sends security headers, no stack traces, and no CORS permission', async () => {
    const res = await t.http().get('/api/catalogs').set('Origin', 'https://evil.example').expect(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    const bad = await t.http().post('/api/auth/login').set('Content-Type', 'application/json').send('{"email": ').expect(400);
    expect(bad.body).toMatchObject({ statusCode: 400, code: 'BAD_REQUEST', message: { ja: expect.any(String), en: expect.stringContaining('JSON') } });
    expect(JSON.stringify(bad.body)).not.toMatch(/at .*\.(js|ts):\d+/);
  });
});

describe('login throttling', () => {
  it('answers 429 after the per-address limit', async () => {
    const t = await createTestApp('sqlite', { ...ADMIN_ENV, KANSA_LOGIN_LIMIT_PER_MINUTE: '3' });
    try {
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await t.http().post('/api/auth/login').send({ email: ADMIN.email, password: 'wrong-one!' })).status);
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
    } finally {
      await t.close();
    }
  });
});

describe('deny by default', () => {
  it('every registered route declares who may call it', async () => {
    const t = await createTestApp('sqlite');
    try {
      const routes = listRoutes(t.app);
      expect(routes.length).toBeGreaterThan(30);
      expect(routes.filter((r) => !r.policy).map((r) => r.key)).toEqual([]);
    } finally {
      await t.close();
    }
  });

  it('a route without a declaration refuses everyone, logged in or not', async () => {
    @Controller('undeclared')
    class UndeclaredController {
      @Get() open() {
        return { leaked: true };
      }
    }
    @Module({ controllers: [UndeclaredController] })
    class UndeclaredModule {}
    const db = await testDatabase('sqlite');
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.register({ ...db.env, ...ADMIN_ENV }), UndeclaredModule] }).compile();
    const app = configureApp(moduleRef.createNestApplication({ logger: false }));
    await app.init();
    try {
      await request(app.getHttpServer()).get('/api/undeclared').expect(401);
      const token = (await request(app.getHttpServer()).post('/api/auth/login').send({ email: ADMIN.email, password: ADMIN.password, mode: 'token' }).expect(200)).body.token;
      const res = await request(app.getHttpServer()).get('/api/undeclared').set('Authorization', `Bearer ${token}`).expect(403);
      expect(res.body.leaked).toBeUndefined();
    } finally {
      await app.close();
      await db.drop();
    }
  });
});

describe('the tamper-evident activity log', () => {
  it('verifies the hash chain and names the first entry edited directly in the database', async () => {
    const t = await createTestApp('sqlite', ADMIN_ENV);
    try {
      const admin = await login(t, ADMIN.email, ADMIN.password);
      for (const year of [2031, 2032, 2033]) await admin.post('/api/plans', { fiscalYear: year, title: `${year}年度` }).expect(201);
      const ok = await admin.get('/api/activity/verify').expect(200);
      expect(ok.body).toMatchObject({ ok: true, firstBroken: null });
      expect(ok.body.entries).toBeGreaterThanOrEqual(5);
      const entries = (await admin.get('/api/activity').expect(200)).body as { id: number; action: string }[];
      const target = entries.find((e) => e.action === 'plan.create')!;
      await t.dataSource.query(`UPDATE activity_log SET after = '{"fiscalYear":1999}' WHERE id = ${target.id}`);
      const broken = await admin.get('/api/activity/verify').expect(200);
      expect(broken.body).toMatchObject({ ok: false, firstBroken: { id: target.id, reason: 'hash_mismatch' } });
      const auditor = (await admin.post('/api/people', { organisationId: (await admin.get('/api/auth/me')).body.organisationId, email: 'a9@kansa.test', name: 'A', roles: ['auditor'], initialPassword: PASSWORD }).expect(201)).body;
      expect(auditor.id).toBeGreaterThan(0);
      const other = await login(t, 'a9@kansa.test', PASSWORD);
      await other.get('/api/activity/verify').expect(403);
    } finally {
      await t.close();
    }
  });

  it('a deleted entry breaks the link of the one after it', async () => {
    const t = await createTestApp('sqlite', ADMIN_ENV);
    try {
      const admin = await login(t, ADMIN.email, ADMIN.password);
      for (const year of [2031, 2032]) await admin.post('/api/plans', { fiscalYear: year, title: `${year}年度` }).expect(201);
      const entries = (await admin.get('/api/activity').expect(200)).body as { id: number }[];
      const victim = entries[entries.length - 2];
      await t.dataSource.query(`DELETE FROM activity_log WHERE id = ${victim.id}`);
      const res = await admin.get('/api/activity/verify').expect(200);
      expect(res.body.ok).toBe(false);
      expect(res.body.firstBroken).toMatchObject({ reason: 'link_mismatch' });
      expect(res.body.firstBroken.id).toBeGreaterThan(victim.id);
    } finally {
      await t.close();
    }
  });
});
