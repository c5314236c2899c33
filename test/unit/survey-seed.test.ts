import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { publishedNationalSummary, type SurveyItemFacts } from '../../src/audit/survey';
import type { CatalogSeedFile } from '../../src/modules/catalogs/catalog-seed';
import { publishedFigures, seedRoundHash, validateSurveySeed, type SurveySeedFile } from '../../src/modules/surveys/survey-seed';

/**
 * The published survey years in seeds/surveys are checked against the source itself
 * (../shared/sources/001…: 表1, 付表2 and the text of C. (1) and D.), so a transcription error
 * cannot hide behind consistent-looking numbers.
 */
const root = join(__dirname, '..', '..');
const source = readFileSync(join(root, '..', 'shared', 'sources', '001_002212e190d34eb2.txt'), 'utf8');
const seed = JSON.parse(readFileSync(join(root, 'seeds', 'surveys', 'minimum-baseline-published.json'), 'utf8')) as SurveySeedFile;
const baseline = JSON.parse(readFileSync(join(root, 'seeds', 'catalogs', 'minimum-baseline.json'), 'utf8')) as CatalogSeedFile;
const v2013 = baseline.versions.find((v) => v.version === '2013')!;
const items2013: SurveyItemFacts[] = v2013.items.map((i) => ({
  no: i.no, category: i.category as SurveyItemFacts['category'], zone: i.zone as SurveyItemFacts['zone'], group: null, mandatory: false,
}));
const round = (fy: number) => seed.rounds.find((r) => r.fiscalYear === fy)!;

/** The lines of the source between two headings. */
function section(from: RegExp, to: RegExp): string[] {
  const lines = source.split('\n');
  const start = lines.findIndex((l) => from.test(l));
  const end = lines.findIndex((l, i) => i > start && to.test(l));
  expect(start, String(from)).toBeGreaterThanOrEqual(0);
  return lines.slice(start + 1, end);
}

describe('seeds/surveys: the published years of the minimum-baseline survey', () => {
  it('passes the seed validation (shape and consistency of every printed figure)', () => {
    expect(validateSurveySeed('minimum-baseline-published.json', seed, (r) => (r.catalog?.version === '2013' ? items2013 : null))).toEqual([]);
  });

  it('付表2: the per-item counts for #1–#8 are those printed, attached to the items as worded in the FY2013 survey', () => {
    const rows = section(/^付表 ?2\./, /^付表 ?3\./).filter((l) => /^#\d+\t/.test(l)).map((l) => l.split('\t'));
    expect(rows).toHaveLength(8);
    const printed = rows.map(([no, text, count]) => ({ no: Number(no.slice(1)), text, notMet: Number(count) }));
    expect(round(2013).itemNotMet).toEqual(printed.map(({ no, notMet }) => ({ no, notMet })));
    expect(printed.map((p) => p.notMet)).toEqual([3, 9, 1, 6, 14, 13, 15, 7]);
    // The counts belong to the FY2013 wording, which is the catalogue version the round answers.
    for (const p of printed) expect(v2013.items.find((i) => i.no === p.no)!.text.replace(/[（(]/g, '(').replace(/[）)]/g, ')')).toBe(p.text.replace(/[（(]/g, '(').replace(/[）)]/g, ')'));
  });

  it('表1: both columns row by row, counts and percentages as printed, and the 計 row', () => {
    const lines = section(/^表1\. /, /^\(2\)/).filter((l) => /^(\d+|計)\t/.test(l));
    const parsed = lines.map((l) => {
      const [k, a, b] = l.split('\t');
      const cell = (c: string) => {
        const m = /^(\d+) \(([\d.]+)\)$/.exec(c.trim())!;
        return { respondents: Number(m[1]), percent: m[2] };
      };
      return { k, fy2012: cell(a), fy2013: cell(b) };
    });
    const rows = parsed.filter((r) => r.k !== '計');
    const total = parsed.find((r) => r.k === '計')!;
    expect(round(2012).distribution).toEqual(rows.map((r) => ({ notMetItems: Number(r.k), ...r.fy2012 })));
    expect(round(2013).distribution).toEqual(rows.map((r) => ({ notMetItems: Number(r.k), ...r.fy2013 })));
    expect([round(2012).respondents, round(2013).respondents]).toEqual([total.fy2012.respondents, total.fy2013.respondents]);
    // The table prints no row for 8 items not met; neither does the seed.
    expect(rows.map((r) => r.k)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '9']);
  });

  it('agrees with the text of C. (1) and D. 考察', () => {
    const fy2013 = round(2013);
    expect(source).toContain('全項目を達成している登録は約半数の24登録(51.1%)');
    expect([fy2013.allItemsMet, fy2013.allItemsMetPercent]).toEqual([24, '51.1']);
    expect(source).toContain('残る23登録(48.9%)は1-9項目について未達成');
    const missed = fy2013.distribution!.filter((d) => d.notMetItems > 0);
    expect(missed.reduce((s, d) => s + d.respondents, 0)).toBe(23);
    expect(Math.min(...missed.map((d) => d.notMetItems))).toBe(1);
    expect(Math.max(...missed.map((d) => d.notMetItems))).toBe(9);
    // Σ k × rows(k) = 75 not-met answers = 68 on the new items (付表2) + 7 on the former items (1 + 2 + 4 registries' items).
    expect(fy2013.distribution!.reduce((s, d) => s + d.notMetItems * d.respondents, 0)).toBe(75);
    expect(fy2013.itemNotMet.reduce((s, x) => s + x.notMet, 0) + 1 + 2 + 4).toBe(75);
    expect(source).toContain('新たに1項目、2項目、4項目未達成の登録が各1登録生じた');
    expect(source).toContain('全項目達成している登録は平成25年度には44登録');
    const fy2012 = round(2012);
    expect(source).toContain('平成24年度は46登録中38登録(82.6%)が全項目を達成');
    expect([fy2012.respondents, fy2012.allItemsMet, fy2012.allItemsMetPercent, fy2012.itemsSurveyed]).toEqual([46, 38, '82.6', 24]);
    // The 8 registries' items in words add up to the table's not-met answers (7 × 1 + 1 × 3 = 10).
    expect(fy2012.textBreakdown!.reduce((s, x) => s + (x.notMet ?? 0), 0)).toBe(10);
    expect(fy2012.distribution!.reduce((s, d) => s + d.notMetItems * d.respondents, 0)).toBe(10);
    for (const x of fy2012.textBreakdown!) expect(source).toContain(x.ja);
    expect(source).toContain('平成23年度調査の61.0%');
    expect(round(2011)).toMatchObject({ allItemsMetPercent: '61.0', respondents: null, allItemsMet: null, distribution: null, itemNotMet: [] });
  });

  it('gives the national view of FY2013: #1–#8 as printed, #9–#32 not published (null, never 0)', () => {
    const n = publishedNationalSummary(publishedFigures(round(2013)), items2013);
    expect(n.items).toHaveLength(32);
    expect(n.items.slice(0, 8).map((i) => i.notMet)).toEqual([3, 9, 1, 6, 14, 13, 15, 7]);
    expect(n.items.slice(8).every((i) => i.notMet === null)).toBe(true);
    expect(n.byCategory.find((c) => c.key === 'A')!.notMet).toBe(68);
    expect(n.byCategory.filter((c) => c.key !== 'A').every((c) => c.notMet === null)).toBe(true);
  });

  it('hashes an entry by content, not key order', () => {
    const r = round(2013);
    const reordered = Object.fromEntries(Object.entries(r).reverse()) as typeof r;
    expect(seedRoundHash(reordered)).toBe(seedRoundHash(r));
    expect(seedRoundHash({ ...r, allItemsMet: 25 })).not.toBe(seedRoundHash(r));
  });
});
