import {
  Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn, Unique,
} from 'typeorm';

export interface CatalogGroup {
  code: string;
  section?: string;
  ja: string;
  en: string;
}

@Entity('catalog')
@Unique('UQ_catalog_code', ['code'])
export class Catalog {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 64 }) code: string;
  @Column({ name: 'title_ja', type: 'varchar', length: 200 }) titleJa: string;
  @Column({ name: 'title_en', type: 'varchar', length: 200 }) titleEn: string;
  @Column({ name: 'source_document', type: 'varchar', length: 200 }) sourceDocument: string;
  @Column({ name: 'source_sections', type: 'simple-json' }) sourceSections: string[];
  @Column({ name: 'has_category', type: 'boolean', default: false }) hasCategory: boolean;
  @Column({ name: 'has_zone', type: 'boolean', default: false }) hasZone: boolean;
  @Column({ name: 'has_mandatory', type: 'boolean', default: false }) hasMandatory: boolean;
  @Column({ type: 'simple-json' }) groups: CatalogGroup[];
  @CreateDateColumn({ name: 'created_at' }) createdAt: Date;
  @OneToMany(() => CatalogVersion, (v) => v.catalog) versions: CatalogVersion[];
}

@Entity('catalog_version')
@Unique('UQ_catalog_version', ['catalogId', 'version'])
export class CatalogVersion {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'catalog_id', type: 'integer' }) catalogId: number;
  @ManyToOne(() => Catalog, (c) => c.versions, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'catalog_id', foreignKeyConstraintName: 'FK_catalog_version_catalog' })
  catalog: Catalog;
  @Column({ type: 'varchar', length: 32 }) version: string;
  /** Order of the versions within a catalogue: the highest is the current one. */
  @Column({ type: 'integer' }) sequence: number;
  @Column({ name: 'label_ja', type: 'varchar', length: 200 }) labelJa: string;
  @Column({ name: 'label_en', type: 'varchar', length: 200 }) labelEn: string;
  @Column({ type: 'varchar', length: 200 }) source: string;
  @Column({ type: 'text', nullable: true }) note: string | null;
  @Column({ name: 'item_count', type: 'integer' }) itemCount: number;
  /** SHA-256 of the version's items as seeded: a changed file with the same version is refused. */
  @Column({ name: 'content_hash', type: 'varchar', length: 64 }) contentHash: string;
  @CreateDateColumn({ name: 'loaded_at' }) loadedAt: Date;
  @OneToMany(() => CatalogItem, (i) => i.version) items: CatalogItem[];
}

@Entity('catalog_item')
@Unique('UQ_catalog_item_no', ['versionId', 'no'])
export class CatalogItem {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'version_id', type: 'integer' }) versionId: number;
  @ManyToOne(() => CatalogVersion, (v) => v.items, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'version_id', foreignKeyConstraintName: 'FK_catalog_item_version' })
  version: CatalogVersion;
  @Column({ type: 'integer' }) no: number;
  /** Control category A–D (付表5), where the catalogue has one. */
  @Column({ type: 'varchar', length: 1, nullable: true }) category: string | null;
  /** Defence zone 0–3 (付表1), where the catalogue has one. */
  @Column({ type: 'integer', nullable: true }) zone: number | null;
  @Column({ name: 'group_code', type: 'varchar', length: 64, nullable: true }) groupCode: string | null;
  @Column({ type: 'text' }) text: string;
  @Column({ name: 'text_en', type: 'text', nullable: true }) textEn: string | null;
  @Column({ name: 'measure_no', type: 'integer', nullable: true }) measureNo: number | null;
  @Column({ type: 'text', nullable: true }) measure: string | null;
  @Column({ name: 'measure_en', type: 'text', nullable: true }) measureEn: string | null;
  @Column({ type: 'text', nullable: true }) note: string | null;
  @Column({ type: 'boolean', default: false }) mandatory: boolean;
  @Column({ type: 'boolean', default: false }) priority: boolean;
  @Column({ name: 'compliance_item', type: 'boolean', default: false }) complianceItem: boolean;
  @Column({ type: 'boolean', default: false }) revised: boolean;
  @Column({ name: 'legacy_no', type: 'integer', nullable: true }) legacyNo: number | null;
  @Column({ name: 'source_ref', type: 'varchar', length: 64, nullable: true }) sourceRef: string | null;
  @Column({ type: 'varchar', length: 32, nullable: true }) kind: string | null;
}
