import { createHash } from 'node:crypto';

/** The shape of a catalogue data file under seeds/catalogs/. */
export interface CatalogSeedFile {
  code: string;
  title: { ja: string; en: string };
  source: { document: string; sections: string[] };
  hasCategory: boolean;
  hasZone: boolean;
  hasMandatory: boolean;
  groups?: { code: string; section?: string; ja: string; en: string }[];
  versions: CatalogSeedVersion[];
}

export interface CatalogSeedVersion {
  version: string;
  label: { ja: string; en: string };
  source: string;
  note?: string;
  items: CatalogSeedItem[];
}

export interface CatalogSeedItem {
  no: number;
  category?: string;
  zone?: number;
  group?: string;
  text: string;
  textEn?: string;
  measureNo?: number | null;
  measure?: string | null;
  measureEn?: string | null;
  note?: string | null;
  mandatory?: boolean;
  priority?: boolean;
  complianceItem?: boolean;
  revised?: boolean;
  legacyNo?: number;
  sourceRef?: string;
  kind?: string;
}

/**
 * Checks a catalogue file before anything is written, so a broken transcription stops the
 * start with a message naming the file, version and item instead of loading half a catalogue.
 */
export function validateCatalogSeed(file: string, data: CatalogSeedFile): string[] {
  const problems: string[] = [];
  const at = (where: string, what: string) => problems.push(`${file}: ${where}: ${what}`);
  if (!/^[a-z][a-z0-9-]{1,63}$/.test(data.code ?? '')) at('code', 'must be a lower-case slug');
  if (!data.title?.ja || !data.title?.en) at('title', 'needs ja and en');
  if (!Array.isArray(data.versions) || data.versions.length === 0) at('versions', 'at least one version');
  const groupCodes = new Set((data.groups ?? []).map((g) => g.code));
  const seenVersions = new Set<string>();
  for (const version of data.versions ?? []) {
    const where = `version ${version.version}`;
    if (!version.version || seenVersions.has(version.version)) at(where, 'missing or duplicate version');
    seenVersions.add(version.version);
    if (!version.label?.ja || !version.label?.en) at(where, 'label needs ja and en');
    const seenNos = new Set<number>();
    version.items?.forEach((item, index) => {
      const w = `${where} item ${item.no ?? `#${index}`}`;
      if (!Number.isInteger(item.no) || item.no < 1 || seenNos.has(item.no)) at(w, 'no must be a unique positive integer');
      seenNos.add(item.no);
      if (!item.text?.trim()) at(w, 'text is empty');
      if (data.hasCategory && !/^[A-D]$/.test(item.category ?? '')) at(w, 'category must be A–D');
      if (data.hasZone && !(Number.isInteger(item.zone) && item.zone! >= 0 && item.zone! <= 3)) at(w, 'zone must be 0–3');
      if (data.hasMandatory && typeof item.mandatory !== 'boolean') at(w, 'mandatory must be true or false');
      if (item.group !== undefined && groupCodes.size > 0 && !groupCodes.has(item.group)) at(w, `unknown group ${item.group}`);
    });
    if (!version.items?.length) at(where, 'no items');
  }
  return problems;
}

/** A stable hash of a version's content: same items, same hash, whatever the key order. */
export function versionContentHash(version: CatalogSeedVersion): string {
  const canonical = JSON.stringify(version.items.map((item) => sortKeys(item)));
  return createHash('sha256').update(canonical).digest('hex');
}

function sortKeys(value: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)));
}
