/**
 * The Japanese fiscal year (年度): April 1 to March 31 of the next calendar year, named after
 * the calendar year in which it starts. The annual audit plan (年度監査計画, ハンドブック 2.(2)ア)
 * is made per fiscal year.
 */
import { IsoDate, IsoMonth, isIsoDate, isIsoMonth } from './dates';
import { Label } from './vocabulary';

/** fiscalYearOf('2026-03-31') === 2025; fiscalYearOf('2026-04-01') === 2026. */
export function fiscalYearOf(date: IsoDate): number {
  if (!isIsoDate(date)) throw new RangeError(`Not an ISO date (YYYY-MM-DD): ${String(date)}`);
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return month >= 4 ? year : year - 1;
}

/** fiscalYearOfMonth('2027-03') === 2026. */
export function fiscalYearOfMonth(month: IsoMonth): number {
  if (!isIsoMonth(month)) throw new RangeError(`Not an ISO month (YYYY-MM): ${String(month)}`);
  return fiscalYearOf(`${month}-01`);
}

export interface FiscalYearRange {
  /** April 1 */
  readonly start: IsoDate;
  /** March 31 of the next calendar year */
  readonly end: IsoDate;
}

/** fiscalYearRange(2026) → { start: '2026-04-01', end: '2027-03-31' } */
export function fiscalYearRange(fiscalYear: number): FiscalYearRange {
  assertFiscalYear(fiscalYear);
  return { start: `${pad4(fiscalYear)}-04-01`, end: `${pad4(fiscalYear + 1)}-03-31` };
}

export function isInFiscalYear(date: IsoDate, fiscalYear: number): boolean {
  return fiscalYearOf(date) === fiscalYear;
}

/** The twelve months of a fiscal year, April first: ['2026-04', …, '2027-03']. */
export function fiscalYearMonths(fiscalYear: number): IsoMonth[] {
  assertFiscalYear(fiscalYear);
  const months: IsoMonth[] = [];
  for (let i = 0; i < 12; i += 1) {
    const m = ((3 + i) % 12) + 1;
    const y = m >= 4 ? fiscalYear : fiscalYear + 1;
    months.push(`${pad4(y)}-${String(m).padStart(2, '0')}`);
  }
  return months;
}

/**
 * The Japanese-era name of a fiscal year: 令和 from FY2019 (令和元年度), 平成 from FY1989
 * (the research report of source 001 speaks of 平成24年度 and 平成25年度).
 */
export function japaneseEraFiscalYear(fiscalYear: number): string {
  assertFiscalYear(fiscalYear);
  if (fiscalYear >= 2019) return `令和${eraYear(fiscalYear - 2018)}年度`;
  if (fiscalYear >= 1989) return `平成${eraYear(fiscalYear - 1988)}年度`;
  return `${fiscalYear}年度`;
}

/** { ja: '2026年度（令和8年度）', en: 'FY2026 (April 2026 – March 2027)' } */
export function fiscalYearLabel(fiscalYear: number): Label {
  assertFiscalYear(fiscalYear);
  return {
    ja: `${fiscalYear}年度（${japaneseEraFiscalYear(fiscalYear)}）`,
    en: `FY${fiscalYear} (April ${fiscalYear} – March ${fiscalYear + 1})`,
  };
}

function eraYear(n: number): string {
  return n === 1 ? '元' : String(n);
}

function pad4(n: number): string {
  return String(n).padStart(4, '0');
}

function assertFiscalYear(fiscalYear: number): void {
  if (!Number.isInteger(fiscalYear) || fiscalYear < 1000 || fiscalYear > 9998) {
    throw new RangeError(`Not a fiscal year: ${String(fiscalYear)}`);
  }
}
