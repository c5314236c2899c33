import { createHash } from 'node:crypto';
import {
  checkPublishedFigures, isSurveyAudience, type DistributionRow, type PublishedFigures, type SurveyAudience, type SurveyItemFacts,
} from '../../audit/survey';
import type { PublishedNote } from './survey.entity';

/** seeds/surveys/*.json: survey years known only from a published report (source 001 表1・付表2). */
export interface SurveySeedFile {
  source: { document: string; title?: string; sections: string[] };
  transcriptionNotes?: string[];
  rounds: SurveySeedRound[];
}

export interface SurveySeedRound {
  fiscalYear: number;
  audience: SurveyAudience;
  /** The catalogue version surveyed, when Kansa holds it; null otherwise. */
  catalog: { code: string; version: string } | null;
  title: { ja: string; en: string };
  /** YYYY-MM, when the report says. */
  surveyed: string | null;
  itemsSurveyed: number | null;
  respondents: number | null;
  allItemsMet: number | null;
  allItemsMetPercent: string | null;
  distribution: DistributionRow[] | null;
  itemNotMet: { no: number; notMet: number }[];
  textBreakdown?: PublishedNote[];
  notes: PublishedNote[];
  notGiven: PublishedNote[];
}

export function publishedFigures(round: SurveySeedRound): PublishedFigures {
  return {
    fiscalYear: round.fiscalYear,
    itemsSurveyed: round.itemsSurveyed,
    respondents: round.respondents,
    allItemsMet: round.allItemsMet,
    allItemsMetPercent: round.allItemsMetPercent,
    distribution: round.distribution,
    itemNotMet: round.itemNotMet,
  };
}

/**
 * Checks a seed file before anything is written: shape, then the consistency of the printed
 * figures (a mistyped digit stops the start, naming the year and the figure).
 */
export function validateSurveySeed(file: string, data: SurveySeedFile, itemsOf: (round: SurveySeedRound) => SurveyItemFacts[] | null): string[] {
  const problems: string[] = [];
  const at = (where: string, what: string) => problems.push(`${file}: ${where}: ${what}`);
  if (!data.source?.document) at('source', 'needs the document');
  if (!Array.isArray(data.rounds) || data.rounds.length === 0) at('rounds', 'at least one round');
  const seen = new Set<string>();
  for (const round of data.rounds ?? []) {
    const where = `FY${round.fiscalYear} ${round.audience}`;
    if (!Number.isInteger(round.fiscalYear)) at(where, 'fiscalYear must be an integer');
    if (!isSurveyAudience(round.audience)) at(where, 'audience must be registry or data_user');
    if (seen.has(where)) at(where, 'listed twice');
    seen.add(where);
    if (!round.title?.ja) at(where, 'title needs ja');
    if (!Array.isArray(round.itemNotMet)) at(where, 'itemNotMet must be a list (empty when the report gives none)');
    if (!Array.isArray(round.notes) || !Array.isArray(round.notGiven)) at(where, 'notes and notGiven must be lists');
    if (round.itemNotMet?.length && round.catalog === null) at(where, 'per-item counts need the catalogue version they are numbered by');
    if (round.surveyed !== null && !/^\d{4}-(0[1-9]|1[0-2])$/.test(round.surveyed ?? '')) at(where, 'surveyed must be YYYY-MM or null');
    for (const v of checkPublishedFigures(publishedFigures(round), itemsOf(round))) at(where, `${v.code}: ${v.en}`);
  }
  return problems;
}

/** A stable hash of one round's seed entry: the same content, the same hash, whatever the key order. */
export function seedRoundHash(round: SurveySeedRound): string {
  return createHash('sha256').update(canonical(round)).digest('hex');
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
