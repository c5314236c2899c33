import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableUnique } from 'typeorm';
import { columns } from '../column-types';

export class Catalogs1764000000000 implements MigrationInterface {
  name = 'Catalogs1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columns(queryRunner);
    await queryRunner.createTable(new Table({
      name: 'catalog',
      columns: [
        c.id(),
        c.varchar('code', 64),
        c.varchar('title_ja', 200),
        c.varchar('title_en', 200),
        c.varchar('source_document', 200),
        c.text('source_sections'),
        c.bool('has_category', false),
        c.bool('has_zone', false),
        c.bool('has_mandatory', false),
        c.text('groups'),
        c.createdAt(),
      ],
      uniques: [new TableUnique({ name: 'UQ_catalog_code', columnNames: ['code'] })],
    }));
    await queryRunner.createTable(new Table({
      name: 'catalog_version',
      columns: [
        c.id(),
        c.int('catalog_id'),
        c.varchar('version', 32),
        c.int('sequence'),
        c.varchar('label_ja', 200),
        c.varchar('label_en', 200),
        c.varchar('source', 200),
        c.text('note', true),
        c.int('item_count'),
        c.varchar('content_hash', 64),
        c.createdAt('loaded_at'),
      ],
      uniques: [new TableUnique({ name: 'UQ_catalog_version', columnNames: ['catalog_id', 'version'] })],
      foreignKeys: [new TableForeignKey({
        name: 'FK_catalog_version_catalog', columnNames: ['catalog_id'],
        referencedTableName: 'catalog', referencedColumnNames: ['id'], onDelete: 'RESTRICT',
      })],
    }));
    await queryRunner.createTable(new Table({
      name: 'catalog_item',
      columns: [
        c.id(),
        c.int('version_id'),
        c.int('no'),
        c.varchar('category', 1, true),
        c.int('zone', true),
        c.varchar('group_code', 64, true),
        c.text('text'),
        c.text('text_en', true),
        c.int('measure_no', true),
        c.text('measure', true),
        c.text('measure_en', true),
        c.text('note', true),
        c.bool('mandatory', false),
        c.bool('priority', false),
        c.bool('compliance_item', false),
        c.bool('revised', false),
        c.int('legacy_no', true),
        c.varchar('source_ref', 64, true),
        c.varchar('kind', 32, true),
      ],
      uniques: [new TableUnique({ name: 'UQ_catalog_item_no', columnNames: ['version_id', 'no'] })],
      foreignKeys: [new TableForeignKey({
        name: 'FK_catalog_item_version', columnNames: ['version_id'],
        referencedTableName: 'catalog_version', referencedColumnNames: ['id'], onDelete: 'RESTRICT',
      })],
    }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('catalog_item');
    await queryRunner.dropTable('catalog_version');
    await queryRunner.dropTable('catalog');
  }
}
