import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from 'sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Clock } from '../../src/common/clock';
import { startApp, testDatabase, type TestApp } from '../support/app';
import { PDF } from '../support/scenario';
import { ensureBuilt, runCli, startServer, stopServer, type ServerProcess } from '../support/server-process';
import { ADMIN_ENV, buildWorld, firstLogin, PASSWORD, type World } from '../support/world';

function query<T>(path: string, sql: string): Promise<T[]> {
  return new Promise((resolve, reject) => {
    const db = new Database(path);
    db.all(sql, (error, rows) => db.close(() => (error ? reject(error) : resolve(rows as T[]))));
  });
}

/** Every row of every table, for comparing a database before and after a round trip. */
async function dump(path: string): Promise<Record<string, unknown[]>> {
  const tables = await query<{ name: string }>(path, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
  const out: Record<string, unknown[]> = {};
  for (const { name } of tables) out[name] = await query(path, `SELECT * FROM "${name}" ORDER BY 1`);
  return out;
}

function fileHashes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir)) out[name] = createHash('sha256').update(readFileSync(join(dir, name))).digest('hex');
  return out;
}

async function api(server: ServerProcess, token: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${server.url}${path}`, {
    method, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json().catch(() => null)) as any };
}

describe('crashes and backups (the real server process on SQLite)', () => {
  let env: Record<string, string>;
  let dir: string;
  let drop: () => Promise<void>;
  let w: World;
  let auditId: number;
  let papers: { id: number; version: number }[];
  let auditorToken: string;
  let server: ServerProcess;

  beforeAll(async () => {
    ensureBuilt();
    const db = await testDatabase('sqlite');
    ({ dir, drop } = db);
    env = { ...db.env, ...ADMIN_ENV, NODE_ENV: 'production' };
    // Prepare an audit in document review in-process (the clock is set for the dated steps) …
    const t: TestApp = await startApp(env, dir);
    w = await buildWorld(t);
    const today = vi.spyOn(t.app.get(Clock), 'today');
    today.mockReturnValue('2026-06-01');
    const m = w.as.manager;
    auditId = (await m.post('/api/audits', {
      kind: 'for_cause', forCauseTrigger: '報告', auditeeId: w.orgs.dataUser, catalog: { code: 'data-user-measures' }, scopeItems: [1, 2, 3, 4],
      exclusionReason: '範囲限定', managerId: w.people.manager.id, documentDeadline: '2026-06-10', visitDate: '2026-06-20',
    }).expect(201)).body.id;
    await m.put(`/api/audits/${auditId}/team`, { memberIds: [w.people.auditor1.id, w.people.auditor2.id] }).expect(200);
    await m.post(`/api/audits/${auditId}/transitions`, { to: 'documents_requested' }).expect(200);
    today.mockReturnValue('2026-06-11');
    await m.post(`/api/audits/${auditId}/transitions`, { to: 'document_review' }).expect(200);
    papers = (await w.as.auditor1.get(`/api/audits/${auditId}/workpapers`).expect(200)).body;
    auditorToken = w.as.auditor1.token;
    // The data user answers a request, so there are uploaded files to back up.
    await w.admin.post('/api/people', { organisationId: w.orgs.dataUser, email: 'du@kansa.test', name: '利用責任者', roles: ['auditee_manager'], initialPassword: PASSWORD }).expect(201);
    const dataUser = await firstLogin(t, 'du@kansa.test');
    const [request] = (await dataUser.get(`/api/audits/${auditId}/documents`).expect(200)).body.requests;
    await t.http().post(`/api/audits/${auditId}/document-requests/${request.id}/files`).set('Authorization', `Bearer ${dataUser.token}`)
      .attach('file', PDF, { filename: '利用規程.pdf', contentType: 'application/pdf' }).expect(201);
    // … then close it and run the built server on the same database.
    await t.app.close();
    server = await startServer(env);
  }, 180_000);

  afterAll(async () => {
    if (server) await stopServer(server, 'SIGKILL');
    await drop?.();
  });

  it('every save acknowledged with 2xx survives a SIGKILL in the middle of a stream of saves; the database is intact', async () => {
    const acknowledged = new Map<number, { version: number; marker: string }>();
    let stop = false;
    let sent = 0;
    const stream = async (paper: { id: number; version: number }) => {
      let version = paper.version;
      while (!stop) {
        const marker = `save-${paper.id}-${sent++}`;
        try {
          const res = await api(server, auditorToken, 'PUT', `/api/audits/${auditId}/workpapers/${paper.id}`, {
            version, procedures: [{ procedure: 'inquiry', description: marker, observation: '回答' }], evidenceRefs: [], conclusion: null,
          });
          if (res.status !== 200) throw new Error(`unexpected ${res.status} ${JSON.stringify(res.body)}`);
          version = res.body.version;
          acknowledged.set(paper.id, { version, marker });
        } catch (error) {
          if (stop || server.child.exitCode !== null || server.child.killed) return;
          if ((error as Error).message.startsWith('unexpected')) throw error;
          return; // connection reset by the kill
        }
      }
    };
    const streams = papers.map((p) => stream(p));
    await new Promise((r) => setTimeout(r, 1500));
    server.child.kill('SIGKILL');
    stop = true;
    await Promise.all(streams);
    await new Promise((r) => server.child.exitCode !== null || server.child.signalCode ? r(null) : server.child.once('exit', r));
    expect([...acknowledged.values()].length).toBe(papers.length);
    const total = [...acknowledged.values()].reduce((n, a) => n + a.version, 0);
    expect(total).toBeGreaterThan(papers.length * 3);

    server = await startServer(env);
    for (const [id, ack] of acknowledged) {
      const res = await api(server, auditorToken, 'GET', `/api/audits/${auditId}/workpapers/${id}`);
      expect(res.status).toBe(200);
      // The acknowledged save is there — or a later one that committed just before the kill.
      expect(res.body.version).toBeGreaterThanOrEqual(ack.version);
      if (res.body.version === ack.version) expect(res.body.procedures[0].description).toBe(ack.marker);
    }
    const check = await query<{ integrity_check: string }>(env.DATABASE_URL.slice('sqlite:'.length), 'PRAGMA integrity_check');
    expect(check).toEqual([{ integrity_check: 'ok' }]);
  }, 120_000);

  it('backs up online while the server runs, and restores exactly the backed-up rows and files', async () => {
    const dbPath = env.DATABASE_URL.slice('sqlite:'.length);
    const backupRoot = mkdtempSync(join(tmpdir(), 'kansa-backup-'));
    try {
      // Writes continue while the backup runs.
      let writing = true;
      const writer = (async () => {
        let version = (await api(server, auditorToken, 'GET', `/api/audits/${auditId}/workpapers/${papers[0].id}`)).body.version;
        while (writing) {
          const res = await api(server, auditorToken, 'PUT', `/api/audits/${auditId}/workpapers/${papers[0].id}`, {
            version, procedures: [{ procedure: 'observation', description: `during backup ${version}`, observation: '-' }], evidenceRefs: [], conclusion: null,
          });
          version = res.body.version;
        }
      })();
      const result = runCli(['backup', backupRoot], env);
      writing = false;
      await writer;
      expect(result.status, result.output).toBe(0);
      const backupDir = join(backupRoot, readdirSync(backupRoot)[0]);
      const manifest = JSON.parse(readFileSync(join(backupDir, 'manifest.json'), 'utf8'));
      expect(manifest.engine).toBe('sqlite');
      const snapshot = await dump(join(backupDir, 'database.sqlite'));
      expect(snapshot.workpaper.length).toBe(papers.length);
      expect(Object.keys(manifest.files)).toHaveLength(1);
      expect(fileHashes(join(backupDir, 'files'))).toEqual(manifest.files);
      expect(Object.values(manifest.files)).toEqual([createHash('sha256').update(PDF).digest('hex')]);

      // Changes after the backup …
      await api(server, auditorToken, 'PUT', `/api/audits/${auditId}/workpapers/${papers[1].id}`, {
        version: (await api(server, auditorToken, 'GET', `/api/audits/${auditId}/workpapers/${papers[1].id}`)).body.version,
        procedures: [{ procedure: 'inspection', description: 'after the backup', observation: '-' }], evidenceRefs: [], conclusion: null,
      });
      await stopServer(server);
      // … are gone after the restore, which brings back every row and file of the backup.
      const restored = runCli(['restore', backupDir], env);
      expect(restored.status, restored.output).toBe(0);
      expect(await dump(dbPath)).toEqual(snapshot);
      expect(fileHashes(join(env.DATA_DIR, 'files'))).toEqual(manifest.files);
      const verify = runCli(['verify-log'], env);
      expect(verify.status, verify.output).toBe(0);
      expect(verify.output).toContain('activity log intact');
      server = await startServer(env);
      const wp = await api(server, auditorToken, 'GET', `/api/audits/${auditId}/workpapers/${papers[1].id}`);
      expect(wp.body.procedures.map((p: { description: string }) => p.description)).not.toContain('after the backup');
    } finally {
      rmSync(backupRoot, { recursive: true, force: true });
    }
  }, 120_000);

  it('the verify-log command names the first broken entry after a row is edited', async () => {
    await stopServer(server);
    const dbPath = env.DATABASE_URL.slice('sqlite:'.length);
    const [{ id }] = await query<{ id: number }>(dbPath, "SELECT id FROM activity_log WHERE action = 'workpaper.save' ORDER BY id LIMIT 1");
    await new Promise<void>((resolve, reject) => {
      const db = new Database(dbPath);
      db.run(`UPDATE activity_log SET actor_id = 1 WHERE id = ${id}`, (error) => db.close(() => (error ? reject(error) : resolve())));
    });
    const verify = runCli(['verify-log'], env);
    expect(verify.status).toBe(1);
    expect(verify.output).toContain(`BROKEN at entry ${id}`);
    server = await startServer(env);
  }, 60_000);
});
