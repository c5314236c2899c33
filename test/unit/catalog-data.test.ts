import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateCatalogSeed, type CatalogSeedFile } from '../../src/modules/catalogs/catalog-seed';

const root = join(__dirname, '..', '..');
const load = (code: string) => JSON.parse(readFileSync(join(root, 'seeds', 'catalogs', `${code}.json`), 'utf8')) as CatalogSeedFile;
const source = (file: string) => readFileSync(join(root, '..', 'shared', 'sources', file), 'utf8');
const normalise = (text: string) => text.replace(/\s+/g, '');

const baseline = load('minimum-baseline');
const checklist = load('security-checklist');
const dataUser = load('data-user-measures');
const source001 = source('001_002212e190d34eb2.txt');
const source002 = source('002_6f0aacf391698906.txt');

/** Rows of 付表6 read straight from the source: "No<TAB>管理策<TAB>防ゾ<TAB>チェック事項". */
function table6Rows(): { no: number; category: string; zone: number; text: string }[] {
  const start = source001.indexOf('付表 6. ミニマムベースラインチェック項目');
  const end = source001.indexOf('付図1', start);
  return source001.slice(start, end).split('\n')
    .map((line) => line.split('\t'))
    .filter((cells) => cells.length === 4 && /^\d+$/.test(cells[0]))
    .map(([no, category, zone, text]) => ({ no: Number(no), category, zone: Number(zone), text: text.trim() }));
}

describe('catalogue data files', () => {
  it('are valid seed files', () => {
    for (const [file, data] of [['minimum-baseline', baseline], ['security-checklist', checklist], ['data-user-measures', dataUser]] as const) {
      expect(validateCatalogSeed(file, data)).toEqual([]);
    }
  });

  it('minimum baseline: 32 items in each version, numbered 1–32', () => {
    expect(baseline.versions.map((v) => v.version)).toEqual(['2013', '2014']);
    for (const version of baseline.versions) {
      expect(version.items.map((i) => i.no)).toEqual(Array.from({ length: 32 }, (_, i) => i + 1));
    }
  });

  it('minimum baseline 2014: every item has the category, zone and text of 付表6', () => {
    const rows = table6Rows();
    expect(rows).toHaveLength(32);
    const current = baseline.versions[1].items;
    for (const row of rows) {
      const item = current.find((i) => i.no === row.no)!;
      expect({ no: item.no, category: item.category, zone: item.zone, text: item.text }).toEqual(row);
    }
  });

  it('minimum baseline: the category × zone distribution of 付表6', () => {
    const cells: Record<string, number> = {};
    for (const item of baseline.versions[1].items) cells[`${item.category}${item.zone}`] = (cells[`${item.category}${item.zone}`] ?? 0) + 1;
    expect(cells).toEqual({ A0: 8, B1: 4, B2: 5, C0: 3, C2: 1, C3: 2, D0: 7, D1: 2 });
  });

  it('minimum baseline 2013 keeps the pre-revision wording of 付表4 for the revised items', () => {
    const [old, current] = baseline.versions;
    const revised = current.items.filter((i) => i.revised).map((i) => i.no);
    expect(revised).toEqual([4, 5, 6, 7, 15, 16, 24, 25, 31]);
    const item15 = old.items.find((i) => i.no === 15)!;
    expect(item15.text).toBe('USB等の可搬媒体に個人データを保存し保管している場合、キャビネに施錠保管する等の物理的対策を採り、且つ保管対象の媒体についてはリスト化して管理していますか？');
    expect(item15.legacyNo).toBe(18);
    expect(old.items.find((i) => i.no === 4)!.text).toBe('地域がん登録事業における個人データの保護および管理に関する要領が定められていますか？');
    expect(old.items.find((i) => i.no === 25)!.text).toBe('シュレッダ等を利用して、廃棄後の復帰ができないようにしていますか？');
    // Items 付表4 does not revise keep their wording.
    expect(old.items.find((i) => i.no === 9)!.text).toBe(current.items.find((i) => i.no === 9)!.text);
    expect(current.items.filter((i) => i.complianceItem).map((i) => i.no)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('security checklist: 120 items numbered 1–120, in the 15 groups of 付表3', () => {
    const items = checklist.versions[0].items;
    expect(items.map((i) => i.no)).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
    expect(checklist.groups!.map((g) => g.code)).toEqual([
      'organisational', 'physical', 'technical', 'human', 'entry', 'acquisition', 'input', 'use',
      'storage-disposal', 'backup', 'system-management', 'hospital-inquiries', 'external-inquiries',
      'field-collection', 'transport',
    ]);
    expect(new Set(items.map((i) => i.group)).size).toBe(15);
  });

  it('security checklist: texts and minimum measures occur verbatim in 付表3', () => {
    const start = source001.indexOf('付表3. 安全管理措置チェックリスト');
    const table = normalise(source001.slice(start, source001.indexOf('付表 4.', start)));
    const items = checklist.versions[0].items;
    for (const item of items) {
      expect(table.includes(normalise(item.text)), `item ${item.no} text`).toBe(true);
      if (item.measure) expect(table.includes(normalise(item.measure)), `item ${item.no} measure`).toBe(true);
    }
    expect(items[0].text).toBe('地域がん登録室における個人データの取扱いに関する管理責任者は明確になっていますか');
    expect(items[119].measure).toBe('個人データを含む資料をインターネットの電子メールに添付することを禁ずる。その旨、協力機関に周知徹底する。');
    expect(items[119].group).toBe('transport');
    expect(items.find((i) => i.no === 9)!.measure ?? null).toBeNull();
  });

  it('data-user measures: every text occurs in source 002 and `*` marks are the mandatory items', () => {
    const items = dataUser.versions[0].items;
    expect(items.length).toBe(79);
    expect(items.map((i) => i.no)).toEqual(Array.from({ length: items.length }, (_, i) => i + 1));
    const text = normalise(source002);
    // Sub-points are kept inside their measure, one per line; the source may set them apart.
    for (const item of items) {
      for (const line of item.text.split('\n')) expect(text.includes(normalise(line)), `item ${item.no}: ${line}`).toBe(true);
    }
    expect(items.filter((i) => i.mandatory).length).toBe(31);
    expect(new Set(items.map((i) => i.group))).toEqual(new Set([
      'organisational', 'physical', 'technical', 'human', 'entry', 'transport', 'processing',
      'storage-disposal', 'pc-management', 'inquiries',
    ]));
  });
});
