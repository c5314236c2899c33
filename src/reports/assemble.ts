/**
 * Everything a report shows that is computed rather than read: counts, the category × zone
 * matrix, finding numbers, what the auditee owes next, the public whitelist. Pure functions:
 * the builder (database → input) calls `assemble…` once; renderers only read the result; tests
 * call the same functions.
 */
import { compareDates, IsoDate, isIsoDate } from '../audit/dates';
import { fiscalYearRange } from '../audit/fiscal-year';
import { FindingFacts } from '../audit/finding';
import { dueItems } from '../audit/remediation';
import { percent1 } from '../audit/survey';
import {
  AUDIT_STATUSES,
  AuditStatus,
  Conclusion,
  CONCLUSIONS,
  isDeficiency,
  PROCEDURES,
  Severity,
  SEVERITIES,
  SEVERITY_LABELS,
} from '../audit/vocabulary';
import { RenderError } from './errors';
import { hoursBetween, isTimeOfDay } from './format';
import {
  AnnualSummaryInput,
  AnnualSummaryModel,
  AnnualSurveyInput,
  AnnualSurveyItem,
  AnnualSurveyModel,
  AnnualSurveyRound,
  AnnualSurveyRoundInput,
  AnnualSurveyTrendPoint,
  AuditReportCover,
  AuditReportInput,
  AuditReportModel,
  CategoryZoneMatrix,
  CONTROL_CATEGORIES,
  ControlCategory,
  CriterionNotMet,
  DEFENCE_ZONES,
  DefenceZone,
  Finding,
  FindingGroup,
  FindingInput,
  ItemResult,
  ProcedureCount,
  PUBLIC_REMEDIATION_STATUSES,
  PublicationInput,
  PublicRemediationStatus,
  PublicSummaryModel,
  RemediationFacts,
  RemediationRequest,
  SeverityCounts,
  WorkpaperExportInput,
  WorkpaperExportModel,
} from './model';

// =============================================================================================
// Building blocks
// =============================================================================================

export function severityCounts(findings: readonly { readonly severity: Severity }[]): SeverityCounts {
  const counts = { major: 0, minor: 0, recommendation: 0 };
  for (const f of findings) counts[f.severity] += 1;
  return { ...counts, total: counts.major + counts.minor + counts.recommendation };
}

export function conclusionCounts(items: readonly { readonly conclusion: Conclusion | null }[]): Record<Conclusion | 'none', number> {
  const counts = Object.fromEntries([...CONCLUSIONS, 'none'].map((c) => [c, 0])) as Record<Conclusion | 'none', number>;
  for (const item of items) counts[item.conclusion ?? 'none'] += 1;
  return counts;
}

/** For each of the four procedures (in handbook order), the number of items it was applied to. */
export function procedureCounts(items: readonly Pick<ItemResult, 'procedures'>[]): ProcedureCount[] {
  return PROCEDURES.map((procedure) => ({
    procedure,
    itemCount: items.filter((item) => item.procedures.includes(procedure)).length,
  }));
}

function emptyCell(): { conforming: number; total: number; nonConforming: number; notApplicable: number } {
  return { conforming: 0, total: 0, nonConforming: 0, notApplicable: 0 };
}

function addTo(cell: ReturnType<typeof emptyCell>, conclusion: Conclusion | null): void {
  if (conclusion === 'not_applicable') {
    cell.notApplicable += 1;
    return;
  }
  cell.total += 1;
  if (conclusion === 'conforms') cell.conforming += 1;
  if (conclusion === 'does_not_conform') cell.nonConforming += 1;
}

/**
 * Results by control category A–D × defence zone 0–3: per cell the items concluded 'conforms'
 * out of the items evaluated ('not_applicable' is counted apart). Null when no item has both a
 * category and a zone (catalogues without them, e.g. the 120-item checklist).
 */
export function categoryZoneMatrix(
  items: readonly { readonly category: ControlCategory | null; readonly zone: DefenceZone | null; readonly conclusion: Conclusion | null }[],
): CategoryZoneMatrix | null {
  const grid = CONTROL_CATEGORIES.map(() => DEFENCE_ZONES.map(() => emptyCell()));
  const rowTotals = CONTROL_CATEGORIES.map(() => emptyCell());
  const zoneTotals = DEFENCE_ZONES.map(() => emptyCell());
  const total = emptyCell();
  let classified = 0;
  let unclassified = 0;
  for (const item of items) {
    const r = item.category === null ? -1 : CONTROL_CATEGORIES.indexOf(item.category);
    const z = item.zone === null ? -1 : DEFENCE_ZONES.indexOf(item.zone);
    if (r < 0 || z < 0) {
      unclassified += 1;
      continue;
    }
    classified += 1;
    addTo(grid[r]![z]!, item.conclusion);
    addTo(rowTotals[r]!, item.conclusion);
    addTo(zoneTotals[z]!, item.conclusion);
    addTo(total, item.conclusion);
  }
  if (classified === 0) return null;
  return {
    rows: CONTROL_CATEGORIES.map((category, r) => ({ category, cells: grid[r]!, total: rowTotals[r]! })),
    zoneTotals,
    total,
    unclassifiedItemCount: unclassified,
  };
}

/** 改善済 / 改善中 / 未着手 for deficiencies; 対応予定 / 対応しない / 未回答 for recommendations. */
export function publicRemediationStatus(severity: Severity, remediation: RemediationFacts): PublicRemediationStatus {
  if (!isDeficiency(severity)) {
    switch (remediation.recommendationResponse) {
      case 'will_act':
        return 'will_act';
      case 'declined':
        return 'declined';
      default:
        return 'no_answer';
    }
  }
  if (remediation.resultReportStatus === 'accepted') return 'remediated';
  const submitted = (s: RemediationFacts['planStatus']) => s === 'submitted' || s === 'accepted' || s === 'returned';
  if (submitted(remediation.planStatus) || submitted(remediation.resultReportStatus)) return 'in_progress';
  return 'not_started';
}

const SEVERITY_ORDER: Record<Severity, number> = { major: 0, minor: 1, recommendation: 2 };

/** Report order (major → minor → recommendation; by item, then id) and numbers within each severity. */
export function numberFindings(
  findings: readonly FindingInput[],
  items: readonly Pick<ItemResult, 'no' | 'text' | 'category' | 'zone'>[],
): Finding[] {
  const byNo = new Map(items.map((item) => [item.no, item]));
  const sorted = [...findings].sort(
    (a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.itemNo - b.itemNo || a.id.localeCompare(b.id),
  );
  const next: Record<Severity, number> = { major: 0, minor: 0, recommendation: 0 };
  return sorted.map((f) => {
    const item = byNo.get(f.itemNo);
    if (item === undefined) {
      throw new RenderError('invalid_model', `finding ${f.id} refers to item ${f.itemNo}, which is not in scope`);
    }
    next[f.severity] += 1;
    const ordinal = next[f.severity];
    return {
      ...f,
      ordinal,
      ref: `${SEVERITY_LABELS[f.severity].ja}-${ordinal}`,
      item: { no: item.no, text: item.text, category: item.category, zone: item.zone },
      publicStatus: publicRemediationStatus(f.severity, f.remediation),
    };
  });
}

export function groupBySeverity(findings: readonly Finding[]): FindingGroup[] {
  return SEVERITIES.map((severity) => ({ severity, findings: findings.filter((f) => f.severity === severity) }));
}

/**
 * 改善の要請: for each deficiency what the auditee owes next (the domain's `dueItems`: the plan
 * by the plan deadline, then the result report by the plan's due date); for each recommendation
 * an answer by the plan deadline.
 */
export function remediationRequests(findings: readonly Finding[], planDeadline: IsoDate | null): RemediationRequest[] {
  const facts: FindingFacts[] = findings.map((f) => ({
    id: f.id,
    ref: f.ref,
    workpaperId: '',
    severity: f.severity,
    auditeeResponse: f.auditeeResponse,
    disputeReason: f.disputeReason,
    planStatus: f.remediation.planStatus,
    planDueDate: f.remediation.planDueDate,
    resultReportStatus: f.remediation.resultReportStatus,
    recommendationResponse: f.remediation.recommendationResponse,
    recommendationDeclineReason: null,
  }));
  const due = new Map(dueItems(facts, planDeadline).map((d) => [d.findingId, d]));
  return findings.map((f): RemediationRequest => {
    const base = { findingId: f.id, ref: f.ref, severity: f.severity, itemNo: f.itemNo, status: f.publicStatus };
    if (isDeficiency(f.severity)) {
      const d = due.get(f.id);
      return d === undefined ? { ...base, requested: 'none', dueDate: null } : { ...base, requested: d.kind, dueDate: d.dueDate };
    }
    return f.remediation.recommendationResponse === 'pending'
      ? { ...base, requested: 'recommendation_answer', dueDate: planDeadline }
      : { ...base, requested: 'none', dueDate: null };
  });
}

/** From the first to the last day of the fieldwork (document review and visit). */
export function auditPeriodOf(cover: Pick<AuditReportCover, 'documentReview' | 'visit'>): { start: IsoDate; end: IsoDate } {
  const dates = [cover.documentReview.start, cover.documentReview.end, cover.visit.date];
  const sorted = [...dates].sort(compareDates);
  return { start: sorted[0]!, end: sorted[sorted.length - 1]! };
}

// =============================================================================================
// Assembly
// =============================================================================================

function invalid(detail: string): never {
  throw new RenderError('invalid_model', detail);
}

function checkDate(value: IsoDate | null, field: string, nullable = false): void {
  if (value === null && nullable) return;
  if (!isIsoDate(value)) invalid(`${field} is not a date (YYYY-MM-DD): ${String(value)}`);
}

function checkItems(items: readonly { readonly no: number }[], what: string): void {
  const seen = new Set<number>();
  for (const item of items) {
    if (!Number.isInteger(item.no)) invalid(`${what}: item number ${String(item.no)} is not an integer`);
    if (seen.has(item.no)) invalid(`${what}: item ${item.no} appears twice`);
    seen.add(item.no);
  }
}

/** The audit report model: the input plus everything derived from it. Throws RenderError('invalid_model'). */
export function assembleAuditReport(input: AuditReportInput): AuditReportModel {
  const { cover } = input;
  checkDate(cover.reportDate, 'cover.reportDate');
  checkDate(cover.documentReview.start, 'cover.documentReview.start');
  checkDate(cover.documentReview.end, 'cover.documentReview.end');
  checkDate(cover.documentReview.deadline, 'cover.documentReview.deadline', true);
  checkDate(cover.visit.date, 'cover.visit.date');
  checkDate(input.planDeadline, 'planDeadline', true);
  const timesRecorded = cover.visit.startTime !== null || cover.visit.endTime !== null;
  if (timesRecorded && (!isTimeOfDay(cover.visit.startTime) || !isTimeOfDay(cover.visit.endTime))) {
    invalid(`visit times must be HH:MM, both or neither (${String(cover.visit.startTime)}–${String(cover.visit.endTime)})`);
  }
  if (cover.edition !== 'draft' && cover.edition !== 'final') invalid(`unknown edition ${String(cover.edition)}`);
  checkItems(input.items, 'items');
  checkItems(input.excludedItems, 'excludedItems');
  const inScope = new Set(input.items.map((i) => i.no));
  for (const excluded of input.excludedItems) {
    if (inScope.has(excluded.no)) invalid(`item ${excluded.no} is both in scope and excluded`);
  }
  const ids = new Set<string>();
  for (const f of input.findings) {
    if (ids.has(f.id)) invalid(`finding ${f.id} appears twice`);
    ids.add(f.id);
  }

  const items = [...input.items].sort((a, b) => a.no - b.no);
  const excludedItems = [...input.excludedItems].sort((a, b) => a.no - b.no);
  const findings = numberFindings(input.findings, items);
  return {
    kind: 'audit_report',
    ...input,
    items,
    excludedItems,
    auditPeriod: auditPeriodOf(cover),
    visitHours: timesRecorded ? hoursBetween(cover.visit.startTime!, cover.visit.endTime!) : null,
    procedureCounts: procedureCounts(items),
    conclusionCounts: conclusionCounts(items),
    severityCounts: severityCounts(findings),
    findings,
    findingGroups: groupBySeverity(findings),
    matrix: categoryZoneMatrix(items),
    remediationRequests: remediationRequests(findings, input.planDeadline),
  };
}

/**
 * 公表用概要 — derived from the full report model by a WHITELIST: each field below is copied by
 * name; nothing else of the report (finding texts, the auditee's answers, names of people, the
 * item texts, the opinion, whether the audit was for cause) can reach the public model.
 * Build the report model from the current data (remediation progresses after the final report
 * is frozen) and pass it here.
 */
export function toPublicSummary(report: AuditReportModel, publication: PublicationInput): PublicSummaryModel {
  checkDate(publication.publishedOn, 'publication.publishedOn');
  return {
    kind: 'public_summary',
    auditee: { name: report.cover.auditee.name, kind: report.cover.auditee.kind },
    auditBody: { name: report.cover.auditBody.name },
    auditPeriod: { start: report.auditPeriod.start, end: report.auditPeriod.end },
    catalogue: {
      title: report.catalogue.title,
      version: report.catalogue.version,
      versionLabel: report.catalogue.versionLabel,
      itemCount: report.catalogue.itemCount,
    },
    inScopeItemCount: report.items.length,
    severityCounts: { ...report.severityCounts },
    findings: report.findings.map((f) => ({ ref: f.ref, severity: f.severity, itemNo: f.itemNo, status: f.publicStatus })),
    statement: publication.statement,
    publishedOn: publication.publishedOn,
  };
}

/** A status counts as done (実施済) once the report is issued. */
export const DONE_STATUSES: readonly AuditStatus[] = ['reported', 'remediation', 'verified', 'published'];

/** The annual summary model (監査結果総括). */
export function assembleAnnualSummary(input: AnnualSummaryInput): AnnualSummaryModel {
  checkDate(input.preparedOn, 'preparedOn');
  const range = fiscalYearRange(input.fiscalYear);
  const audits = input.audits;
  const ids = new Set<string>();
  for (const a of audits) {
    if (ids.has(a.auditId)) invalid(`audit ${a.auditId} appears twice`);
    ids.add(a.auditId);
    checkItems(a.items, `audit ${a.auditId}`);
  }

  const allFindings = audits.flatMap((a) => a.findings);
  const allItems = audits.flatMap((a) => a.items);

  // Findings per category × zone: the item of each finding gives its cell.
  let findingMatrix: AnnualSummaryModel['findingMatrix'] = null;
  const grid = CONTROL_CATEGORIES.map(() => DEFENCE_ZONES.map(() => 0));
  let classifiedFindings = 0;
  for (const a of audits) {
    const byNo = new Map(a.items.map((i) => [i.no, i]));
    for (const f of a.findings) {
      const item = byNo.get(f.itemNo);
      if (item === undefined) invalid(`audit ${a.auditId}: finding on item ${f.itemNo}, which has no result`);
      if (item.category === null || item.zone === null) continue;
      grid[CONTROL_CATEGORIES.indexOf(item.category)]![DEFENCE_ZONES.indexOf(item.zone)]! += 1;
      classifiedFindings += 1;
    }
  }
  const matrix = categoryZoneMatrix(allItems);
  if (matrix !== null || classifiedFindings > 0) {
    findingMatrix = {
      rows: CONTROL_CATEGORIES.map((category, r) => ({ category, counts: grid[r]!, total: grid[r]!.reduce((s, n) => s + n, 0) })),
      zoneTotals: DEFENCE_ZONES.map((_, z) => grid.reduce((s, row) => s + row[z]!, 0)),
      total: classifiedFindings,
    };
  }

  // Criteria most often not met: per catalogue version and item number.
  const tally = new Map<string, CriterionNotMet>();
  for (const a of audits) {
    for (const item of a.items) {
      const key = `${a.catalogue.code}\u0000${a.catalogue.version}\u0000${item.no}`;
      const prev = tally.get(key) ?? {
        catalogueTitle: a.catalogue.title,
        catalogueVersion: a.catalogue.version,
        itemNo: item.no,
        text: item.text,
        count: 0,
        evaluated: 0,
      };
      const evaluated = item.conclusion !== null && item.conclusion !== 'not_applicable';
      tally.set(key, {
        ...prev,
        count: prev.count + (item.conclusion === 'does_not_conform' ? 1 : 0),
        evaluated: prev.evaluated + (evaluated ? 1 : 0),
      });
    }
  }
  const top = input.topCriteriaCount ?? 10;
  const criteriaMostOftenNotMet = [...tally.values()]
    .filter((c) => c.count > 0)
    .sort((a, b) => b.count - a.count || a.catalogueTitle.localeCompare(b.catalogueTitle) || a.itemNo - b.itemNo)
    .slice(0, top);

  const statusTally = new Map<AuditStatus, number>();
  for (const a of audits) statusTally.set(a.status, (statusTally.get(a.status) ?? 0) + 1);

  const remediationTally = new Map<PublicRemediationStatus, number>();
  for (const f of allFindings) {
    const s = publicRemediationStatus(f.severity, f.remediation);
    remediationTally.set(s, (remediationTally.get(s) ?? 0) + 1);
  }

  return {
    kind: 'annual_summary',
    fiscalYear: input.fiscalYear,
    fiscalYearStart: range.start,
    fiscalYearEnd: range.end,
    auditBody: input.auditBody,
    preparedOn: input.preparedOn,
    edition: input.edition,
    commentary: input.commentary,
    auditCounts: {
      planned: audits.filter((a) => a.auditKind === 'planned' && a.status !== 'cancelled').length,
      forCause: audits.filter((a) => a.auditKind === 'for_cause' && a.status !== 'cancelled').length,
      done: audits.filter((a) => DONE_STATUSES.includes(a.status)).length,
      cancelled: audits.filter((a) => a.status === 'cancelled').length,
      total: audits.length,
    },
    statusCounts: AUDIT_STATUSES.map((status) => ({ status, count: statusTally.get(status) ?? 0 })),
    severityCounts: severityCounts(allFindings),
    matrix,
    findingMatrix,
    criteriaMostOftenNotMet,
    remediationCounts: PUBLIC_REMEDIATION_STATUSES.map((status) => ({ status, count: remediationTally.get(status) ?? 0 })),
    audits: audits.map((a) => ({
      auditId: a.auditId,
      auditeeName: a.auditeeName,
      auditeeKind: a.auditeeKind,
      auditKind: a.auditKind,
      status: a.status,
      plannedMonth: a.plannedMonth,
      severityCounts: severityCounts(a.findings),
    })),
    survey: input.survey === undefined ? null : assembleAnnualSurvey(input.survey),
  };
}

// ---------------------------------------------------------------------------------------------
// 監査結果総括 › 自己点検調査
// ---------------------------------------------------------------------------------------------

/** How many items the survey section names under "most often not met". */
export const SURVEY_TOP_ITEMS = 5;

function checkCount(value: number | null, what: string): void {
  if (value !== null && (!Number.isInteger(value) || value < 0)) invalid(`${what} is not a count: ${String(value)}`);
}

/**
 * A percentage with one decimal as the source prints it: computed from the counts when both are
 * known, else the printed figure, else null (never 0 for "not given").
 */
export function surveyPercent(part: number | null, whole: number | null, printed: string | null = null): string | null {
  if (part !== null && whole !== null && whole > 0) return percent1(part, whole);
  return printed;
}

/** One survey round's national figures with what the report derives from them. */
export function assembleSurveyRound(round: AnnualSurveyRoundInput): AnnualSurveyRound {
  const where = `survey ${round.title}`;
  checkItems(round.items, where);
  for (const n of [round.itemsSurveyed, round.respondents, round.allItemsMet, round.expectedRespondents, round.submitted]) checkCount(n, where);
  for (const item of round.items) {
    checkCount(item.notMet, `${where}: item ${item.no}`);
    if (item.notMet !== null && round.respondents !== null && item.notMet > round.respondents) {
      invalid(`${where}: item ${item.no} not met by ${item.notMet} of ${round.respondents}`);
    }
  }
  if (round.allItemsMet !== null && round.respondents !== null && round.allItemsMet > round.respondents) {
    invalid(`${where}: ${round.allItemsMet} meeting every item of ${round.respondents}`);
  }
  if (round.distribution !== null) {
    const seen = new Set<number>();
    for (const row of round.distribution) {
      checkCount(row.notMetItems, `${where}: distribution row`);
      checkCount(row.respondents, `${where}: distribution row ${row.notMetItems}`);
      if (seen.has(row.notMetItems)) invalid(`${where}: distribution row ${row.notMetItems} appears twice`);
      seen.add(row.notMetItems);
    }
  }
  const trendYears = new Set<number>();
  for (const point of round.trend) {
    if (trendYears.has(point.fiscalYear)) invalid(`${where}: trend year ${point.fiscalYear} appears twice`);
    trendYears.add(point.fiscalYear);
  }

  const items: AnnualSurveyItem[] = [...round.items]
    .sort((a, b) => a.no - b.no)
    .map((item) => ({ ...item, notMetPercent: surveyPercent(item.notMet, round.respondents) }));
  const distribution =
    round.distribution === null
      ? null
      : [...round.distribution]
          .sort((a, b) => a.notMetItems - b.notMetItems)
          .map((row) => ({ ...row, percent: surveyPercent(row.respondents, round.respondents, row.printedPercent) }));
  const distributionSum = distribution === null ? null : distribution.reduce((s, r) => s + r.respondents, 0);
  const given = items.filter((i): i is AnnualSurveyItem & { notMet: number } => i.notMet !== null);
  const someNotMet = round.allItemsMet !== null && round.respondents !== null ? round.respondents - round.allItemsMet : null;
  const trend: AnnualSurveyTrendPoint[] = [...round.trend]
    .sort((a, b) => a.fiscalYear - b.fiscalYear)
    .map((p) => {
      const allItemsMetPercent = surveyPercent(p.allItemsMet, p.respondents, p.printedPercent);
      return { ...p, allItemsMetPercent, allItemsMetShare: allItemsMetPercent === null ? null : Number(allItemsMetPercent) / 100 };
    });
  const allItemsMetPercent = surveyPercent(round.allItemsMet, round.respondents, round.allItemsMetPrintedPercent);
  const itemsNotGiven = items.filter((i) => i.notMet === null).map((i) => i.no);
  return {
    ...round,
    allItemsMetPercent,
    someNotMet,
    someNotMetPercent: surveyPercent(someNotMet, round.respondents),
    responseRate:
      round.expectedRespondents !== null && round.submitted !== null
        ? { submitted: round.submitted, expected: round.expectedRespondents, percent: surveyPercent(round.submitted, round.expectedRespondents) }
        : null,
    distribution,
    distributionComplete: distributionSum !== null && round.respondents !== null && distributionSum === round.respondents,
    distributionRowsNotGiven:
      distribution === null || distribution.length === 0
        ? []
        : Array.from({ length: distribution[distribution.length - 1]!.notMetItems + 1 }, (_, k) => k).filter(
            (k) => !distribution.some((r) => r.notMetItems === k),
          ),
    distributionTotal:
      distributionSum === null ? null : { respondents: distributionSum, percent: surveyPercent(distributionSum, round.respondents ?? distributionSum) },
    notMetAnswers: distribution === null ? null : distribution.reduce((s, r) => s + r.notMetItems * r.respondents, 0),
    items,
    itemsNotGiven,
    notMetOfGivenItems: given.reduce((s, i) => s + i.notMet, 0),
    mostOftenNotMet: given
      .filter((i) => i.notMet > 0)
      .sort((a, b) => b.notMet - a.notMet || a.no - b.no)
      .slice(0, SURVEY_TOP_ITEMS),
    trend,
    hasFiguresNotGiven:
      itemsNotGiven.length > 0 ||
      round.itemsSurveyed === null ||
      round.respondents === null ||
      round.allItemsMet === null ||
      allItemsMetPercent === null ||
      trend.some((p) => p.itemsSurveyed === null || p.respondents === null || p.allItemsMet === null || p.allItemsMetPercent === null),
  };
}

/** The survey section of the annual summary: registries' rounds first, then data users'. */
export function assembleAnnualSurvey(input: AnnualSurveyInput): AnnualSurveyModel {
  const order = { registry: 0, data_user: 1 } as const;
  const seen = new Set<string>();
  for (const r of input.rounds) {
    if (seen.has(r.audience)) invalid(`two survey rounds for ${r.audience} in one year`);
    seen.add(r.audience);
  }
  return { rounds: [...input.rounds].sort((a, b) => order[a.audience] - order[b.audience]).map(assembleSurveyRound) };
}

/** The workpaper export model (監査調書一式), workpapers in item order. */
export function assembleWorkpaperExport(input: WorkpaperExportInput): WorkpaperExportModel {
  checkDate(input.exportedOn, 'exportedOn');
  checkDate(input.visitDate, 'visitDate', true);
  checkItems(
    input.workpapers.map((w) => ({ no: w.itemNo })),
    'workpapers',
  );
  const workpapers = [...input.workpapers].sort((a, b) => a.itemNo - b.itemNo);
  return {
    kind: 'workpaper_export',
    ...input,
    workpapers,
    conclusionCounts: conclusionCounts(workpapers),
    signedCounts: {
      preparer: workpapers.filter((w) => w.preparer !== null).length,
      reviewer: workpapers.filter((w) => w.reviewer !== null).length,
      total: workpapers.length,
    },
    openReviewNoteCount: workpapers.reduce((n, w) => n + w.reviewNotes.filter((r) => r.status === 'open').length, 0),
  };
}
