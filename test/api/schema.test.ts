import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    it('runs SQLite in WAL mode with foreign keys on', async () => {
      expect((await t.dataSource.query('PRAGMA journal_mode'))[0].journal_mode).toBe('wal');
      expect((await t.dataSource.query('PRAGMA foreign_keys'))[0].foreign_keys).toBe(1);
      await expect(
        t.dataSource.query("INSERT INTO catalog_item (version_id, no, text) VALUES (999999, 1, 'x')"),
      ).rejects.toThrow(/FOREIGN KEY/);
    });
  }
});
