import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/database/migrations';
import { createTestApp, engines, type TestApp } from '../support/app';

describe.each(engines())('database schema on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => t?.close());

  it('is built by the migrations alone and matches the entities (no drift, no synchronize)', async () => {
    expect(t.dataSource.options.synchronize).toBe(false);
    const executed = await t.dataSource.query('SELECT name FROM migrations ORDER BY id');
    expect(executed.length).toBe(t.dataSource.migrations.length);
    const pending = await t.dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('a second start runs no migration again', async () => {
    t = await t.restart();
    expect(await t.dataSource.showMigrations()).toBe(false);
  });

  if (engine === 'sqlite') {
    it('upgrades a database that holds data: the latest migration applies over rows written before it', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'kansa-upgrade-'));
      const open = (migrations: typeof MIGRATIONS) => new DataSource({ type: 'sqlite', database: join(dir, 'kansa.sqlite'), migrations, migrationsTransactionMode: 'each' });
      try {
        const before = await open(MIGRATIONS.slice(0, -1)).initialize();
        await before.query('PRAGMA foreign_keys = ON');
        await before.runMigrations();
        await before.query(`INSERT INTO organisation (key, kind, name) VALUES ('registry-13', 'registry', '東京都がん登録室')`);
        await before.query(`INSERT INTO person (organisation_id, email, name, roles, conflict_organisation_ids) VALUES (1, 'aoki@example.jp', '青木', '["auditee_manager"]', '[]')`);
        await before.query(`INSERT INTO session (person_id, kind, token_hash, expires_at) VALUES (1, 'token', 'h', '2099-01-01T00:00:00Z')`);
        await before.destroy();
        const after = await open(MIGRATIONS).initialize();
        await after.query('PRAGMA foreign_keys = ON');
        expect((await after.runMigrations()).map((m) => m.name)).toEqual([MIGRATIONS[MIGRATIONS.length - 1]!.name]);
        expect(await after.query('SELECT name FROM person')).toEqual([{ name: '青木' }]);
        expect(await after.query('SELECT COUNT(*) AS n FROM session')).toEqual([{ n: 1 }]);
        expect(await after.query('PRAGMA foreign_key_check')).toEqual([]);
        await after.destroy();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('runs SQLite in WAL mode with foreign keys on', async () => {
      expect((await t.dataSource.query('PRAGMA journal_mode'))[0].journal_mode).toBe('wal');
      expect((await t.dataSource.query('PRAGMA foreign_keys'))[0].foreign_keys).toBe(1);
      await expect(
        t.dataSource.query("INSERT INTO catalog_item (version_id, no, text) VALUES (999999, 1, 'x')"),
      ).rejects.toThrow(/FOREIGN KEY/);
    });
  }
});
