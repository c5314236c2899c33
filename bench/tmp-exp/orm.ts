import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../src/database/migrations';
import { Workpaper, Audit, AuditTeamMember } from '../../src/modules/audits/audit.entity';
import * as path from 'node:path';

async function main() {
  const entities: Function[] = [];
  const files = require('node:child_process').execSync("find /work/main/src/modules -name '*.entity.ts'").toString().trim().split('\n');
  for (const f of files) {
    const m = require(f); for (const v of Object.values(m)) if (typeof v === 'function') entities.push(v as Function);
  }
  const sqlite3 = require('sqlite3');
  const quiet = Object.create(sqlite3, { verbose: { value: () => quiet } });
  const ds = new DataSource({ type: 'sqlite', database: '/tmp/exp/orm.sqlite', enableWAL: true, entities, migrations: MIGRATIONS, migrationsRun: false, driver: quiet });
  await ds.initialize();
  // Use the bench db instead if present
  const wp = await ds.query("SELECT id FROM workpaper LIMIT 1");
  console.log('workpapers', wp.length);
  const time = async (label: string, n: number, f: () => Promise<unknown>) => {
    for (let i = 0; i < 200; i++) await f();
    const t = performance.now(); for (let i = 0; i < n; i++) await f(); const ms = (performance.now() - t) / n;
    console.log(label.padEnd(50), (ms * 1000).toFixed(0), 'µs');
  };
  await time('raw query SELECT 1', 2000, () => ds.query('SELECT 1'));
  await time('raw: select audit by id', 2000, () => ds.query('SELECT * FROM audit WHERE id = ?', [1]));
  await time('orm findOne audit', 2000, () => ds.manager.findOne(Audit, { where: { id: 1 } }));
  await time('orm qb audit+team join', 2000, () => ds.manager.createQueryBuilder(Audit, 'a').leftJoinAndSelect('a.team', 't').where('a.id = :id', { id: 1 }).getOne());
  await time('raw: select workpaper', 2000, () => ds.query('SELECT * FROM workpaper WHERE id = ? AND audit_id = ?', [1, 1]));
  await time('orm findOne workpaper', 2000, () => ds.manager.findOne(Workpaper, { where: { id: 1, auditId: 1 } }));
  const db = (ds.driver as any).databaseConnection;
  await time('sqlite3 direct db.get workpaper', 2000, () => new Promise((res, rej) => db.get('SELECT * FROM workpaper WHERE id = ? AND audit_id = ?', [1, 1], (e: any, r: any) => e ? rej(e) : res(r))));
  const stmt = db.prepare('SELECT * FROM workpaper WHERE id = ? AND audit_id = ?');
  await time('sqlite3 prepared stmt.get workpaper', 2000, () => new Promise((res, rej) => stmt.get([1, 1], (e: any, r: any) => e ? rej(e) : res(r))));
  await ds.destroy();
}
main();
