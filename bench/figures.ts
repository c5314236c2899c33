/** Every figure a run of bench/run.ts produces (the smoke test checks that none is missing). */
export const EXPECTED_FIGURES = [
  'dashboard.1y.p50', 'dashboard.1y.p99', 'annual.1y.p50', 'annual.1y.p99', 'dashboard.1y.rows',
  'dashboard.10y.p50', 'dashboard.10y.p99', 'annual.10y.p50', 'annual.10y.p99', 'dashboard.10y.rows',
  ...[1, 8, 32].flatMap((c) => [`save.c${c}.rps`, `save.c${c}.p50`, `save.c${c}.p99`, `save.c${c}.ok`]), 'query.orm.p50', 'query.raw.p50',
  'read.page.p50', 'read.page.p99', 'read.page.rps', 'read.page4.p50', 'read.page4.p99',
  'sync.clean.ms', 'sync.conflicts.ms', 'sync.single.ms',
  'report.pdf32.ms', 'report.pdf120.ms', 'report.docx32.ms', 'report.docx120.ms', 'report.annual.ms', 'report.batch.ms', 'report.batch.peakMb',
] as const;

/** Figures measured against a floor in the same run. */
export const FIGURES_WITH_FLOOR = EXPECTED_FIGURES.filter((id) => !id.endsWith('.rows') && id !== 'report.annual.ms');
