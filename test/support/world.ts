import { expect } from 'vitest';
import type { TestApp } from './app';

export const ADMIN = { email: 'admin@kansa.test', password: 'Admin-pass-2026' };
/** The environment that gives a test app a known administrator. */
export const ADMIN_ENV = { KANSA_ADMIN_EMAIL: ADMIN.email, KANSA_ADMIN_PASSWORD: ADMIN.password };
export const PASSWORD = 'Kansa-test-2026';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** An HTTP client acting as one person (bearer token). */
export interface Client {
  token: string;
  personId: number;
  get(url: string): ReturnType<ReturnType<TestApp['http']>['get']>;
  post(url: string, body?: object): ReturnType<ReturnType<TestApp['http']>['post']>;
  put(url: string, body?: object): ReturnType<ReturnType<TestApp['http']>['put']>;
  patch(url: string, body?: object): ReturnType<ReturnType<TestApp['http']>['patch']>;
  delete(url: string): ReturnType<ReturnType<TestApp['http']>['delete']>;
}

export function clientFor(t: TestApp, token: string, personId: number): Client {
  const call = (method: Method, url: string, body?: object) => {
    const req = t.http()[method](url).set('Authorization', `Bearer ${token}`);
    return body === undefined ? req : req.send(body);
  };
  return {
    token, personId,
    get: (url) => call('get', url),
    post: (url, body) => call('post', url, body ?? {}),
    put: (url, body) => call('put', url, body ?? {}),
    patch: (url, body) => call('patch', url, body ?? {}),
    delete: (url) => call('delete', url),
  };
}

export async function login(t: TestApp, email: string, password: string): Promise<Client> {
  const res = await t.http().post('/api/auth/login').send({ email, password, mode: 'token' });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return clientFor(t, res.body.token, res.body.person.id);
}

/** Logs a new person in and replaces the initial password, as a first login must. */
export async function firstLogin(t: TestApp, email: string, initial = PASSWORD): Promise<Client> {
  const client = await login(t, email, initial);
  await client.post('/api/auth/password', { currentPassword: initial, newPassword: `${initial}!` }).expect(204);
  return login(t, email, `${initial}!`);
}

export interface World {
  admin: Client;
  orgs: { body: number; registryA: number; registryB: number; dataUser: number };
  people: Record<'manager' | 'manager2' | 'auditor1' | 'auditor2' | 'conflicted' | 'unpledged' | 'auditeeA' | 'staffA' | 'auditeeB', { id: number; email: string }>;
  as: Record<'manager' | 'manager2' | 'auditor1' | 'auditor2' | 'conflicted' | 'auditeeA' | 'staffA' | 'auditeeB', Client>;
}

/** Builds a small world through the API: two registries, a data user, the audit body's people. */
export async function buildWorld(t: TestApp): Promise<World> {
  const admin = await login(t, ADMIN.email, ADMIN.password);
  const me = await admin.get('/api/auth/me').expect(200);
  const body = me.body.organisationId as number;
  const org = async (dto: object) => (await admin.post('/api/organisations', dto).expect(201)).body.id as number;
  const registryA = await org({ key: 'registry-13', kind: 'registry', name: '東京都がん登録室', prefectureCode: '13' });
  const registryB = await org({ key: 'registry-27', kind: 'registry', name: '大阪府がん登録室', prefectureCode: '27' });
  const dataUser = await org({ key: 'du-test', kind: 'data_user', name: '試験大学 研究室', usageFrom: '2025-04-01', usageTo: '2027-03-31', dataKind: 'identifiable' });
  const person = async (key: string, organisationId: number, roles: string[], extra: object = {}) => {
    const email = `${key}@kansa.test`;
    const res = await admin.post('/api/people', { organisationId, email, name: key, roles, initialPassword: PASSWORD, ...extra }).expect(201);
    return { id: res.body.id as number, email };
  };
  const pledged = { pledgeSignedOn: '2026-04-01' };
  const people = {
    manager: await person('manager', body, ['audit_manager'], pledged),
    manager2: await person('manager2', body, ['audit_manager'], pledged),
    auditor1: await person('auditor1', body, ['auditor'], pledged),
    auditor2: await person('auditor2', body, ['auditor'], pledged),
    conflicted: await person('conflicted', body, ['auditor'], { ...pledged, conflictOrganisationIds: [registryA] }),
    unpledged: await person('unpledged', body, ['auditor']),
    auditeeA: await person('auditee-a', registryA, ['auditee_manager']),
    staffA: await person('staff-a', registryA, ['auditee_staff']),
    auditeeB: await person('auditee-b', registryB, ['auditee_manager']),
  };
  const as = {} as World['as'];
  for (const key of ['manager', 'manager2', 'auditor1', 'auditor2', 'conflicted', 'auditeeA', 'staffA', 'auditeeB'] as const) {
    as[key] = await firstLogin(t, people[key].email);
  }
  return { admin, orgs: { body, registryA, registryB, dataUser }, people, as };
}
