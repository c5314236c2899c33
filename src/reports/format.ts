/**
 * Formatting of dates, times and numbers as Japanese public documents write them.
 * Pure functions, shared by the HTML and DOCX renderings.
 */
import { isIsoDate, IsoDate, IsoMonth, isIsoMonth } from '../audit/dates';

const ERAS: readonly { readonly name: string; readonly start: IsoDate }[] = [
  { name: '令和', start: '2019-05-01' },
  { name: '平成', start: '1989-01-08' },
  { name: '昭和', start: '1926-12-25' },
];

function eraOf(date: IsoDate): { name: string; year: number } | null {
  const year = Number(date.slice(0, 4));
  for (const era of ERAS) {
    if (date >= era.start) return { name: era.name, year: year - Number(era.start.slice(0, 4)) + 1 };
  }
  return null;
}

function eraYearText(n: number): string {
  return n === 1 ? '元' : String(n);
}

/** '2026-03-31' → '令和8年3月31日'; '2019-05-01' → '令和元年5月1日'. Null → '―'. */
export function formatDateJa(date: IsoDate | null | undefined): string {
  if (date === null || date === undefined || date === '') return '―';
  if (!isIsoDate(date)) throw new RangeError(`Not an ISO date (YYYY-MM-DD): ${String(date)}`);
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  const era = eraOf(date);
  if (era === null) return `${Number(date.slice(0, 4))}年${month}月${day}日`;
  return `${era.name}${eraYearText(era.year)}年${month}月${day}日`;
}

/** '2026-03-31' → '2026/3/31' — the compact form for table cells. Null → '―'. */
export function formatDateShort(date: IsoDate | null | undefined): string {
  if (date === null || date === undefined || date === '') return '―';
  if (!isIsoDate(date)) throw new RangeError(`Not an ISO date (YYYY-MM-DD): ${String(date)}`);
  return `${Number(date.slice(0, 4))}/${Number(date.slice(5, 7))}/${Number(date.slice(8, 10))}`;
}

/** '2026-04' → '2026年4月'. Null → '―'. */
export function formatMonthJa(month: IsoMonth | null | undefined): string {
  if (month === null || month === undefined || month === '') return '―';
  if (!isIsoMonth(month)) throw new RangeError(`Not an ISO month (YYYY-MM): ${String(month)}`);
  return `${Number(month.slice(0, 4))}年${Number(month.slice(5, 7))}月`;
}

/** Start and end the same day → one date; otherwise 'A から B まで' in the written form. */
export function formatPeriodJa(start: IsoDate, end: IsoDate): string {
  if (start === end) return formatDateJa(start);
  return `${formatDateJa(start)} ～ ${formatDateJa(end)}`;
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function isTimeOfDay(value: unknown): value is string {
  return typeof value === 'string' && TIME.test(value);
}

/** '09:30' → '9時30分', '13:00' → '13時00分'. */
export function formatTimeJa(time: string): string {
  const m = TIME.exec(time);
  if (!m) throw new RangeError(`Not a time of day (HH:MM): ${time}`);
  return `${Number(m[1])}時${m[2]}分`;
}

/** Hours between two times of the same day, e.g. ('13:00', '16:30') → 3.5. */
export function hoursBetween(start: string, end: string): number {
  const a = TIME.exec(start);
  const b = TIME.exec(end);
  if (!a || !b) throw new RangeError(`Not a time of day (HH:MM): ${start} / ${end}`);
  const minutes = Number(b[1]) * 60 + Number(b[2]) - (Number(a[1]) * 60 + Number(a[2]));
  if (minutes < 0) throw new RangeError(`The visit ends (${end}) before it starts (${start}).`);
  return Math.round((minutes / 60) * 100) / 100;
}

/** 3 → '3時間', 3.5 → '3.5時間'. */
export function formatHoursJa(hours: number): string {
  return `${Number.isInteger(hours) ? hours : hours.toFixed(1).replace(/\.0$/, '')}時間`;
}

/** A rate as a whole percent ('75%'); '―' when nothing was evaluated. */
export function formatPercent(part: number, whole: number): string {
  if (whole === 0) return '―';
  return `${Math.round((part / whole) * 100)}%`;
}

/** 'conforming / total' as the matrix prints it, '―' for an empty cell. */
export function formatRatio(part: number, whole: number): string {
  return whole === 0 ? '―' : `${part} / ${whole}`;
}

/** Item numbers as runs: [1, 2, 3, 5, 9, 10, 11] → '1～3、5、9～11'; [] → ''. */
export function formatNumberRanges(numbers: readonly number[]): string {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j += 1;
    runs.push(j - i >= 2 ? `${sorted[i]}～${sorted[j]}` : j === i ? String(sorted[i]) : `${sorted[i]}、${sorted[j]}`);
    i = j + 1;
  }
  return runs.join('、');
}

/** A percentage with one decimal as the survey prints it ('51.1' → '51.1%'); null → '―'. */
export function formatPercent1(percent: string | null): string {
  return percent === null ? '―' : `${percent}%`;
}

/** A count with its unit ('24登録室'); null → '―' (not given, which is not 0). */
export function formatCount(count: number | null, unit: string): string {
  return count === null ? '―' : `${count}${unit}`;
}
