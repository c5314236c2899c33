/**
 * Renderings of survey and follow-up data for the lead's own analysis: the national results as
 * a workbook (the shape of 表1 and 付表2, year by year) and findings as CSV. Both take plain
 * data already read and decided elsewhere; they never query and never count.
 */
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { SURVEY_CATEGORY_LABELS, SURVEY_ZONE_LABELS, type SurveyCategory, type SurveyZone } from '../../audit/survey';

export interface NationalYear {
  fiscalYear: number;
  title: string;
  origin: 'conducted' | 'published';
  itemsSurveyed: number | null;
  respondents: number | null;
  allItemsMet: number | null;
  allItemsMetPercent: string | null;
  distribution: { notMetItems: number; respondents: number; percent: string | null }[] | null;
  items: { no: number; text: string | null; category: string | null; zone: number | null; notMet: number | null }[];
  byCategory: { key: SurveyCategory; items: number; notMet: number | null }[];
  byZone: { key: SurveyZone; items: number; notMet: number | null }[];
  notes: { ja: string; ref?: string; notMet?: number }[];
  notGiven: { ja: string }[];
  textBreakdown: { ja: string; notMet?: number }[];
  source: string | null;
}

const NOT_GIVEN = '—';

/** 全国集計: one workbook, one sheet per view; a figure the source does not give is "—", never 0. */
export async function writeNationalWorkbook(audienceLabel: string, years: NationalYear[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Kansa';
  const bold = (row: ExcelJS.Row) => {
    row.font = { bold: true };
  };

  const trend = wb.addWorksheet('全項目達成');
  trend.columns = [{ width: 10 }, { width: 44 }, { width: 10 }, { width: 10 }, { width: 16 }, { width: 12 }, { width: 30 }];
  bold(trend.addRow([`${audienceLabel}: 全項目を達成している割合（年度別）`]));
  bold(trend.addRow(['年度', '調査', '項目数', '回答数', '全項目達成数', '割合(%)', '出典']));
  for (const y of years) {
    trend.addRow([y.fiscalYear, y.title, y.itemsSurveyed ?? NOT_GIVEN, y.respondents ?? NOT_GIVEN, y.allItemsMet ?? NOT_GIVEN, y.allItemsMetPercent ?? NOT_GIVEN, y.origin === 'published' ? `公表値 ${y.source ?? ''}` : 'Kansa 集計']);
  }

  const withDistribution = years.filter((y) => y.distribution !== null);
  const table1 = wb.addWorksheet('表1 未達成項目数');
  bold(table1.addRow(['未達成項目数別の回答数（表1の形式）']));
  bold(table1.addRow(['未達成項目数', ...withDistribution.flatMap((y) => [`${y.fiscalYear}年度`, '(%)'])]));
  const ks = [...new Set(withDistribution.flatMap((y) => y.distribution!.map((d) => d.notMetItems)))].sort((a, b) => a - b);
  for (const k of ks) {
    table1.addRow([k, ...withDistribution.flatMap((y) => {
      const d = y.distribution!.find((x) => x.notMetItems === k);
      return d ? [d.respondents, d.percent ?? ''] : [NOT_GIVEN, ''];
    })]);
  }
  bold(table1.addRow(['計', ...withDistribution.flatMap((y) => [y.respondents ?? NOT_GIVEN, y.respondents ? '100' : ''])]));

  const perItem = wb.addWorksheet('項目別 未達成数');
  perItem.columns = [{ width: 6 }, { width: 8 }, { width: 10 }, { width: 80 }, ...years.map(() => ({ width: 10 }))];
  bold(perItem.addRow(['項目別の未達成数（付表2の形式）。「—」は公表されていない値です。']));
  bold(perItem.addRow(['No', '管理策', '防御ゾーン', 'チェック事項', ...years.map((y) => `${y.fiscalYear}年度`)]));
  const latest = [...years].reverse().find((y) => y.items.some((i) => i.text !== null));
  const nos = [...new Set(years.flatMap((y) => y.items.map((i) => i.no)))].sort((a, b) => a - b);
  for (const no of nos) {
    const ref = latest?.items.find((i) => i.no === no) ?? years.flatMap((y) => y.items).find((i) => i.no === no);
    perItem.addRow([no, ref?.category ?? '', ref?.zone ?? '', ref?.text ?? '', ...years.map((y) => y.items.find((i) => i.no === no)?.notMet ?? NOT_GIVEN)]);
  }

  const cz = wb.addWorksheet('管理策・防御ゾーン');
  cz.columns = [{ width: 52 }, { width: 8 }, ...years.map(() => ({ width: 10 }))];
  bold(cz.addRow(['管理策・防御ゾーン別の未達成数（評価ツールの区分）。「—」は項目別の値が公表されていないものを含む区分です。']));
  bold(cz.addRow(['区分', '項目数', ...years.map((y) => `${y.fiscalYear}年度`)]));
  for (const key of ['A', 'B', 'C', 'D'] as SurveyCategory[]) {
    const items = years.map((y) => y.byCategory.find((c) => c.key === key)).find((c) => c)?.items ?? 0;
    if (items) cz.addRow([SURVEY_CATEGORY_LABELS[key].ja, items, ...years.map((y) => y.byCategory.find((c) => c.key === key)?.notMet ?? NOT_GIVEN)]);
  }
  for (const key of [0, 1, 2, 3] as SurveyZone[]) {
    const items = years.map((y) => y.byZone.find((c) => c.key === key)).find((c) => c)?.items ?? 0;
    if (items) cz.addRow([SURVEY_ZONE_LABELS[key].ja, items, ...years.map((y) => y.byZone.find((c) => c.key === key)?.notMet ?? NOT_GIVEN)]);
  }

  const notes = wb.addWorksheet('注記');
  notes.columns = [{ width: 10 }, { width: 14 }, { width: 110 }];
  bold(notes.addRow(['年度', '種別', '内容']));
  for (const y of years) {
    for (const n of y.notes) notes.addRow([y.fiscalYear, '公表内容', n.ref ? `${n.ja}（${n.ref}）` : n.ja]);
    for (const n of y.textBreakdown) notes.addRow([y.fiscalYear, '本文の内訳', `${n.ja}: ${n.notMet ?? NOT_GIVEN}`]);
    for (const n of y.notGiven) notes.addRow([y.fiscalYear, '公表されていない値', n.ja]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * A cell that Excel would run as a formula (=, +, -, @, tab, CR at the start) is written as
 * text: findings hold free text typed by people, and a CSV must not become a macro (CWE-1236).
 */
export function csvSafe(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const text = String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** CSV for Excel in Japanese: UTF-8 with a byte-order mark, CRLF, every field quoted. */
export function toExcelCsv(header: string[], rows: unknown[][]): Buffer {
  const body = stringify([header, ...rows.map((r) => r.map(csvSafe))], { bom: true, record_delimiter: 'windows', quoted: true });
  return Buffer.from(body, 'utf8');
}
