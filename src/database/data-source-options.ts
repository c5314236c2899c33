import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { TypeOrmModuleOptions } from '@nestjs/typeorm';
import type * as Sqlite3 from 'sqlite3';
import type { KansaConfig } from '../config/configuration';
import { MIGRATIONS } from './migrations';

/**
 * One place that turns the configuration into TypeORM options for either engine.
 * The schema always comes from the migrations, run on start; `synchronize` stays off.
 */
export function dataSourceOptions(config: KansaConfig): TypeOrmModuleOptions {
  const common = {
    // Each feature module registers its own entities with TypeOrmModule.forFeature.
    autoLoadEntities: true,
    migrations: MIGRATIONS,
    migrationsRun: true,
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
    logging: ['error', 'migration'] as ('error' | 'migration')[],
  };
  if (config.database.type === 'sqlite') {
    if (config.database.path !== ':memory:') mkdirSync(dirname(config.database.path), { recursive: true });
    return {
      ...common,
      type: 'sqlite',
      database: config.database.path,
      // WAL lets readers run beside the writer; TypeORM also turns foreign keys on.
      enableWAL: true,
      busyTimeout: 10_000,
      // TypeORM switches sqlite3 to verbose mode, which wraps every call to keep long stack traces:
      // a new Error and a util.inspect of the SQL and every parameter per query, about a tenth of
      // the CPU of a workpaper save (npm run bench). The same module with verbose() a no-op.
      driver: quietSqlite3(),
    };
  }
  return {
    ...common,
    type: 'postgres',
    url: config.database.url,
    extra: { max: 10 },
  };
}

/** sqlite3 as TypeORM loads it, except that verbose() leaves the long-stack-trace wrappers off. */
function quietSqlite3(): typeof Sqlite3 {
  const sqlite3 = require('sqlite3') as typeof Sqlite3;
  const quiet: typeof Sqlite3 = Object.create(sqlite3, { verbose: { value: () => quiet } });
  return quiet;
}
