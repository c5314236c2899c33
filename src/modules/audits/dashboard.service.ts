import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { AUDIT_STATUSES, fiscalYearMonths, type AuditStatus, type Severity } from '../../audit';
import type { Actor } from '../auth/actor';
import { CatalogsService } from '../catalogs/catalogs.service';
import { Finding, Workpaper } from './audit.entity';
import { AuditsService } from './audits.service';

const CATEGORIES = ['A', 'B', 'C', 'D'] as const;
const ZONES = [0, 1, 2, 3] as const;

export interface DashboardCell {
  category: string;
  zone: number;
  /** In-scope workpapers of items in this cell. */
  items: number;
  concluded: number;
  conforms: number;
  doesNotConform: number;
  notApplicable: number;
  notTested: number;
}

type SeverityCounts = Record<Severity, number>;
const zeroSeverities = (): SeverityCounts => ({ major: 0, minor: 0, recommendation: 0 });

/**
 * The results of a fiscal year as the registries' evaluation tool showed them: conclusions by
 * control category A–D × defence zone 0–3, and findings by severity month by month. Read-only;
 * over the audits the person may see (the chief all, others those they manage or are on).
 */
@Injectable()
export class DashboardService {
  constructor(
    private readonly audits: AuditsService,
    private readonly catalogs: CatalogsService,
    @InjectRepository(Workpaper) private readonly workpapers: Repository<Workpaper>,
    @InjectRepository(Finding) private readonly findings: Repository<Finding>,
  ) {}

  async results(actor: Actor, fiscalYear: number) {
    const audits = (await this.audits.list(actor, { fiscalYear })).filter((a) => a.status !== 'cancelled');
    const ids = audits.map((a) => a.id);
    const [workpapers, findings] = ids.length
      ? await Promise.all([
        this.workpapers.find({ where: { auditId: In(ids) }, select: { id: true, auditId: true, itemNo: true, conclusion: true } }),
        this.findings.find({ where: { auditId: In(ids) }, select: { id: true, auditId: true, itemNo: true, severity: true } }),
      ])
      : [[], []];

    // Category and zone of every item, per catalogue version (only the baseline has them).
    const itemsByVersion = new Map<number, Map<number, { category: string | null; zone: number | null }>>();
    for (const versionId of new Set(audits.map((a) => a.catalogVersionId))) {
      const items = await this.catalogs.itemsOf(versionId);
      itemsByVersion.set(versionId, new Map(items.map((i) => [i.no, { category: i.category, zone: i.zone }])));
    }
    const auditById = new Map(audits.map((a) => [a.id, a]));
    const itemOf = (auditId: number, itemNo: number) => itemsByVersion.get(auditById.get(auditId)!.catalogVersionId)?.get(itemNo);

    const cells: DashboardCell[] = CATEGORIES.flatMap((category) => ZONES.map((zone) => ({
      category, zone, items: 0, concluded: 0, conforms: 0, doesNotConform: 0, notApplicable: 0, notTested: 0,
    })));
    const matrixAudits = new Set<number>();
    for (const wp of workpapers) {
      const audit = auditById.get(wp.auditId)!;
      if (!audit.scopeItems.includes(wp.itemNo)) continue;
      const item = itemOf(wp.auditId, wp.itemNo);
      if (!item?.category || item.zone === null || item.zone === undefined) continue;
      const cell = cells.find((c) => c.category === item.category && c.zone === item.zone);
      if (!cell) continue;
      matrixAudits.add(wp.auditId);
      cell.items += 1;
      if (wp.conclusion === null) continue;
      cell.concluded += 1;
      if (wp.conclusion === 'conforms') cell.conforms += 1;
      if (wp.conclusion === 'does_not_conform') cell.doesNotConform += 1;
      if (wp.conclusion === 'not_applicable') cell.notApplicable += 1;
      if (wp.conclusion === 'not_tested') cell.notTested += 1;
    }

    // Findings by the month of the audit's visit (or its planned month).
    const months = fiscalYearMonths(fiscalYear);
    const byMonth = new Map(months.map((m) => [m, zeroSeverities()]));
    const totals = zeroSeverities();
    const byCategory = new Map<string, SeverityCounts>();
    for (const f of findings) {
      const audit = auditById.get(f.auditId)!;
      totals[f.severity] += 1;
      const month = (audit.visitDate ?? '').slice(0, 7) || audit.plannedMonth;
      const bucket = month ? byMonth.get(month) : undefined;
      if (bucket) bucket[f.severity] += 1;
      const category = itemOf(f.auditId, f.itemNo)?.category ?? '—';
      const counts = byCategory.get(category) ?? zeroSeverities();
      counts[f.severity] += 1;
      byCategory.set(category, counts);
    }

    const statusCounts: Partial<Record<AuditStatus, number>> = {};
    for (const a of audits) statusCounts[a.status] = (statusCounts[a.status] ?? 0) + 1;
    return {
      fiscalYear,
      auditCount: audits.length,
      statusCounts: Object.fromEntries(AUDIT_STATUSES.filter((s) => statusCounts[s]).map((s) => [s, statusCounts[s]])),
      matrix: { categories: [...CATEGORIES], zones: [...ZONES], cells, audits: matrixAudits.size },
      severityByMonth: months.map((month) => ({ month, ...byMonth.get(month)! })),
      severityTotals: totals,
      // A–D always; findings on items without a category (other catalogues) under '—'.
      findingsByCategory: [...CATEGORIES, ...(byCategory.has('—') ? ['—'] : [])]
        .map((category) => ({ category, ...(byCategory.get(category) ?? zeroSeverities()) })),
    };
  }
}
