import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A migration's statements for each engine, as scripts/generate-migration.ts writes them. */
export interface EngineSql {
  readonly sqlite: { readonly up: readonly string[]; readonly down: readonly string[] };
  readonly postgres: { readonly up: readonly string[]; readonly down: readonly string[] };
}

/**
 * A migration that runs, in order, the statements of the connection's engine. `name` ends in the
 * timestamp, as TypeORM orders and records migrations by it.
 */
export function engineSqlMigration(name: string, sql: EngineSql): new () => MigrationInterface {
  const run = async (queryRunner: QueryRunner, direction: 'up' | 'down') => {
    for (const statement of sql[queryRunner.connection.options.type === 'postgres' ? 'postgres' : 'sqlite'][direction]) await queryRunner.query(statement);
  };
  const migration = class implements MigrationInterface {
    name = name;
    up(queryRunner: QueryRunner): Promise<void> {
      return run(queryRunner, 'up');
    }
    down(queryRunner: QueryRunner): Promise<void> {
      return run(queryRunner, 'down');
    }
  };
  // The class carries the name too, as a written-out migration class would.
  Object.defineProperty(migration, 'name', { value: name });
  return migration;
}
