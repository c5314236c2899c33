import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Database } from 'sqlite3';
import type { KansaConfig } from '../config/configuration';

/**
 * Online backup and restore of the database and the uploaded files.
 * SQLite: `VACUUM INTO` writes a consistent snapshot while the server keeps writing (WAL).
 * PostgreSQL: `pg_dump` (a consistent snapshot by its own transaction).
 * Files are copied after the snapshot: uploads are written before their row commits and never
 * changed, so every file the snapshot names is there.
 */
export interface BackupManifest {
  createdAt: string;
  engine: 'sqlite' | 'postgres';
  files: Record<string, string>;
  tables: Record<string, number>;
}

function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

function sqlite(path: string): Database {
  return new Database(path);
}

function run(db: Database, sql: string, params: unknown[] = []): Promise<void> {
  return new Promise((resolve, reject) => db.run(sql, params, (error) => (error ? reject(error) : resolve())));
}

function all<T>(db: Database, sql: string): Promise<T[]> {
  return new Promise((resolve, reject) => db.all(sql, (error, rows) => (error ? reject(error) : resolve(rows as T[]))));
}

function close(db: Database): Promise<void> {
  return new Promise((resolve, reject) => db.close((error) => (error ? reject(error) : resolve())));
}

export async function sqliteTableCounts(path: string): Promise<Record<string, number>> {
  const db = sqlite(path);
  try {
    const tables = await all<{ name: string }>(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
    const out: Record<string, number> = {};
    for (const { name } of tables) out[name] = (await all<{ n: number }>(db, `SELECT COUNT(*) AS n FROM "${name}"`))[0].n;
    return out;
  } finally {
    await close(db);
  }
}

function copyFiles(from: string, to: string): Record<string, string> {
  const hashes: Record<string, string> = {};
  mkdirSync(to, { recursive: true });
  if (!existsSync(from)) return hashes;
  for (const name of readdirSync(from)) {
    if (!/^[0-9a-f]{32}$/.test(name)) continue; // temp files of uploads in progress are not part of the state
    copyFileSync(join(from, name), join(to, name));
    hashes[name] = sha256File(join(to, name));
  }
  return hashes;
}

export async function backup(config: KansaConfig, targetDir: string): Promise<{ dir: string; manifest: BackupManifest }> {
  const createdAt = new Date().toISOString();
  const dir = join(targetDir, `kansa-backup-${createdAt.replace(/[:.]/g, '-')}`);
  mkdirSync(dir, { recursive: true });
  let tables: Record<string, number>;
  if (config.database.type === 'sqlite') {
    const db = sqlite(config.database.path);
    try {
      await run(db, 'PRAGMA busy_timeout = 10000');
      await run(db, 'VACUUM INTO ?', [join(dir, 'database.sqlite')]);
    } finally {
      await close(db);
    }
    tables = await sqliteTableCounts(join(dir, 'database.sqlite'));
  } else {
    execFileSync('pg_dump', ['--format=custom', '--no-owner', '--file', join(dir, 'database.pgdump'), config.database.url], { stdio: 'inherit' });
    tables = {};
  }
  const files = copyFiles(join(config.dataDir, 'files'), join(dir, 'files'));
  const manifest: BackupManifest = { createdAt, engine: config.database.type, files, tables };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return { dir, manifest };
}

/** Restores a backup made by `backup`, after checking every file against the manifest. The server must be stopped. */
export async function restore(config: KansaConfig, backupDir: string): Promise<BackupManifest> {
  const manifest = JSON.parse(readFileSync(join(backupDir, 'manifest.json'), 'utf8')) as BackupManifest;
  if (manifest.engine !== config.database.type) throw new Error(`backup is of a ${manifest.engine} database, the configuration names ${config.database.type}`);
  for (const [name, hash] of Object.entries(manifest.files)) {
    if (sha256File(join(backupDir, 'files', name)) !== hash) throw new Error(`backup file ${name} does not match its SHA-256 in the manifest`);
  }
  if (config.database.type === 'sqlite') {
    const target = config.database.path;
    mkdirSync(join(target, '..'), { recursive: true });
    for (const suffix of ['-wal', '-shm']) rmSync(target + suffix, { force: true });
    copyFileSync(join(backupDir, 'database.sqlite'), target);
  } else {
    execFileSync('pg_restore', ['--clean', '--if-exists', '--no-owner', '--dbname', config.database.url, join(backupDir, 'database.pgdump')], { stdio: 'inherit' });
  }
  const filesDir = join(config.dataDir, 'files');
  rmSync(filesDir, { recursive: true, force: true });
  copyFiles(join(backupDir, 'files'), filesDir);
  return manifest;
}
