import { TableColumnOptions, type QueryRunner } from 'typeorm';

/**
 * Column builders for dialect-neutral migrations: the same migration creates the same schema
 * on SQLite and PostgreSQL, matching what the entities declare (a test checks no drift).
 */
export function columns(queryRunner: QueryRunner) {
  const postgres = queryRunner.connection.options.type === 'postgres';
  const timestampType = postgres ? 'timestamp' : 'datetime';
  const now = postgres ? 'now()' : "datetime('now')";
  return {
    id: (): TableColumnOptions => ({
      name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment',
    }),
    createdAt: (name = 'created_at'): TableColumnOptions => ({ name, type: timestampType, default: now }),
    updatedAt: (name = 'updated_at'): TableColumnOptions => ({ name, type: timestampType, default: now }),
    timestamp: (name: string, nullable = true): TableColumnOptions => ({ name, type: timestampType, isNullable: nullable }),
    int: (name: string, nullable = false, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
      name, type: 'integer', isNullable: nullable, ...extra,
    }),
    varchar: (name: string, length: number, nullable = false, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
      name, type: 'varchar', length: String(length), isNullable: nullable, ...extra,
    }),
    text: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'text', isNullable: nullable }),
    bool: (name: string, defaultValue: boolean): TableColumnOptions => ({
      name, type: 'boolean', isNullable: false, default: postgres ? String(defaultValue) : defaultValue ? 1 : 0,
    }),
    date: (name: string, nullable = true): TableColumnOptions => ({ name, type: 'date', isNullable: nullable }),
  };
}
