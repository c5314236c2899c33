import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Repository } from 'typeorm';
import { UnitOfWork } from '../../database/unit-of-work';
import { KansaError } from '../../common/errors';
import { SEEDS_DIR } from '../../common/paths';
import { Catalog, CatalogItem, CatalogVersion } from './catalog.entity';
import { CatalogSeedFile, validateCatalogSeed, versionContentHash } from './catalog-seed';

export interface SeedReport {
  added: { code: string; version: string; items: number }[];
  unchanged: { code: string; version: string }[];
}

@Injectable()
export class CatalogsService {
  private readonly logger = new Logger(CatalogsService.name);

  constructor(
    private readonly uow: UnitOfWork,
    @InjectRepository(Catalog) private readonly catalogs: Repository<Catalog>,
    @InjectRepository(CatalogVersion) private readonly versions: Repository<CatalogVersion>,
    @InjectRepository(CatalogItem) private readonly items: Repository<CatalogItem>,
  ) {}

  async list(): Promise<Catalog[]> {
    return this.catalogs.find({ relations: { versions: true }, order: { code: 'ASC', versions: { sequence: 'ASC' } } });
  }

  /** A catalogue version: the given one, or the current (highest sequence) one. 404 if unknown. */
  async findVersion(code: string, version?: string): Promise<{ catalog: Catalog; version: CatalogVersion }> {
    const catalog = await this.catalogs.findOne({ where: { code }, relations: { versions: true } });
    if (!catalog) {
      throw KansaError.notFound(
        { ja: `基準カタログ「${code}」は存在しません。`, en: `Criteria catalogue "${code}" does not exist.` },
        'CATALOG_NOT_FOUND',
      );
    }
    const sorted = [...catalog.versions].sort((a, b) => b.sequence - a.sequence);
    const found = version === undefined ? sorted[0] : sorted.find((v) => v.version === version);
    if (!found) {
      throw KansaError.notFound(
        { ja: `基準カタログ「${code}」に版「${version}」はありません。`, en: `Catalogue "${code}" has no version "${version}".` },
        'CATALOG_VERSION_NOT_FOUND',
      );
    }
    return { catalog, version: found };
  }

  async versionById(id: number): Promise<CatalogVersion & { catalog: Catalog }> {
    return this.cached(this.versionCache, id, () => this.versions.findOneOrFail({ where: { id }, relations: { catalog: true } }));
  }

  /**
   * The items of a version, in order. A stored version never changes (seed refuses a changed one),
   * so each is read once per process: every workpaper view and list needs the item texts, and
   * reading 120 items with their measures on each request was the largest query of a save.
   */
  async itemsOf(versionId: number): Promise<CatalogItem[]> {
    return [...(await this.cached(this.itemCache, versionId, () => this.items.find({ where: { versionId }, order: { no: 'ASC' } })))];
  }

  private readonly versionCache = new Map<number, Promise<CatalogVersion & { catalog: Catalog }>>();
  private readonly itemCache = new Map<number, Promise<CatalogItem[]>>();

  /** Immutable rows, read once; a failed or empty read is not kept. */
  private cached<T>(cache: Map<number, Promise<T>>, id: number, load: () => Promise<T>): Promise<T> {
    let entry = cache.get(id);
    if (!entry) {
      entry = load();
      cache.set(id, entry);
      entry.then((value) => (Array.isArray(value) && value.length === 0 ? cache.delete(id) : undefined), () => cache.delete(id));
    }
    return entry;
  }

  /**
   * Loads every catalogue file of seeds/catalogs into the database. Idempotent: a version
   * already stored with the same content is left alone; a new version is added beside the old
   * ones; a stored version whose file content changed is refused (versions are immutable, an
   * audit stays tied to the version it was planned with). Each catalogue loads in one transaction.
   */
  async seed(directory = join(SEEDS_DIR, 'catalogs')): Promise<SeedReport> {
    const report: SeedReport = { added: [], unchanged: [] };
    const files = readdirSync(directory).filter((f) => f.endsWith('.json')).sort();
    const parsed = files.map((file) => {
      const data = JSON.parse(readFileSync(join(directory, file), 'utf8')) as CatalogSeedFile;
      const problems = validateCatalogSeed(file, data);
      if (problems.length) throw new Error(`Invalid catalogue file:\n  ${problems.join('\n  ')}`);
      return data;
    });
    for (const data of parsed) {
      await this.uow.run(async (em) => {
        let catalog = await em.findOne(Catalog, { where: { code: data.code } });
        if (!catalog) {
          catalog = await em.save(em.create(Catalog, {
            code: data.code,
            titleJa: data.title.ja,
            titleEn: data.title.en,
            sourceDocument: data.source.document,
            sourceSections: data.source.sections,
            hasCategory: data.hasCategory,
            hasZone: data.hasZone,
            hasMandatory: data.hasMandatory,
            groups: data.groups ?? [],
          }));
        }
        const stored = await em.find(CatalogVersion, { where: { catalogId: catalog.id } });
        let sequence = Math.max(0, ...stored.map((v) => v.sequence));
        for (const version of data.versions) {
          const hash = versionContentHash(version);
          const existing = stored.find((v) => v.version === version.version);
          if (existing) {
            if (existing.contentHash !== hash) {
              throw new Error(
                `Catalogue ${data.code} version ${version.version} in seeds differs from the stored one; ` +
                'a changed catalogue must be given a new version.',
              );
            }
            report.unchanged.push({ code: data.code, version: version.version });
            continue;
          }
          const savedVersion = await em.save(em.create(CatalogVersion, {
            catalogId: catalog.id,
            version: version.version,
            sequence: ++sequence,
            labelJa: version.label.ja,
            labelEn: version.label.en,
            source: version.source,
            note: version.note ?? null,
            itemCount: version.items.length,
            contentHash: hash,
          }));
          await em.insert(CatalogItem, version.items.map((item) => ({
            versionId: savedVersion.id,
            no: item.no,
            category: item.category ?? null,
            zone: item.zone ?? null,
            groupCode: item.group ?? null,
            text: item.text,
            textEn: item.textEn ?? null,
            measureNo: item.measureNo ?? null,
            measure: item.measure ?? null,
            measureEn: item.measureEn ?? null,
            note: item.note ?? null,
            mandatory: item.mandatory ?? false,
            priority: item.priority ?? false,
            complianceItem: item.complianceItem ?? false,
            revised: item.revised ?? false,
            legacyNo: item.legacyNo ?? null,
            sourceRef: item.sourceRef ?? null,
            kind: item.kind ?? null,
          })));
          report.added.push({ code: data.code, version: version.version, items: version.items.length });
        }
      });
    }
    if (report.added.length) {
      this.logger.log(`Catalogues loaded: ${report.added.map((a) => `${a.code}@${a.version} (${a.items})`).join(', ')}`);
    }
    return report;
  }
}
