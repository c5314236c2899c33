import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { EntityManager, In } from 'typeorm';
import {
  annualSummaryEdition, documentReviewPeriod, hasAgreedResults, isFilled, IsoDate, japanDateOf, PROCEDURES, Procedure, reportNumber,
  STANDARD_AUDIT_PURPOSE,
} from '../../audit';
import { KansaError } from '../../common/errors';
import { numberFindings } from '../../reports/assemble';
import {
  CONTROL_CATEGORIES, DEFENCE_ZONES,
  type AnnualAuditInput, type AnnualSummaryInput, type AnnualSurveyInput, type AnnualSurveyRoundInput, type AuditeeKind, type AuditReportInput,
  type CatalogueRef, type ControlCategory, type DefenceZone, type FindingInput, type ItemResult, type PersonRef, type ReportEdition,
  type WorkpaperExportInput, type WorkpaperInput,
} from '../../reports/model';
import { latestSubmissions } from '../audits/audit-snapshot';
import {
  Audit, AuditTeamMember, Finding, RemediationSubmission, ReviewNote, StoredFile, Workpaper,
} from '../audits/audit.entity';
import { CatalogItem, CatalogVersion, Catalog } from '../catalogs/catalog.entity';
import { CatalogsService } from '../catalogs/catalogs.service';
import { Organisation, Person } from '../organisations/organisation.entity';
import { SurveysService, type SurveySectionModel } from '../surveys/surveys.service';
import { AnnualSummaryText, AuditReportText } from './report.entity';

/** A catalogue item as the reports see it. */
interface ItemFacts {
  no: number;
  text: string;
  category: ControlCategory | null;
  zone: DefenceZone | null;
}

interface VersionFacts {
  ref: CatalogueRef;
  items: ItemFacts[];
  byNo: Map<number, ItemFacts>;
}

export interface AuditReportOptions {
  readonly edition: ReportEdition;
  readonly reportDate: IsoDate;
  /** The revision the report number names (1 for the first issue; drafts name the next one). */
  readonly revision: number;
}

const reportDataMissing = (code: string, ja: string, en: string) => new KansaError(HttpStatus.CONFLICT, code, { ja, en });

/**
 * Reads an audit (or a fiscal year of audits) from the database and fills the report *inputs*
 * of src/reports — one field per column or relation, nothing computed: every count, number and
 * matrix comes from `assemble…()` there; what the process says (standing texts, which results
 * count) comes from src/audit/reporting.ts.
 *
 * Queries are per report, not per row: an audit report is about ten queries whatever its size;
 * the annual summary is a fixed handful whatever the number of audits (audits, workpapers,
 * findings and submissions of the whole year each in one query; catalogue versions are
 * immutable and cached).
 *
 * Every method takes an optional EntityManager so that it can read inside a transaction (the
 * public summary is frozen in the transaction that publishes the audit).
 */
@Injectable()
export class ReportInputBuilder {
  /** Catalogue versions never change once loaded (their content hash is enforced): cache them. */
  private readonly versions = new Map<number, Promise<VersionFacts>>();

  constructor(
    @InjectEntityManager() private readonly manager: EntityManager,
    private readonly catalogs: CatalogsService,
    private readonly surveys: SurveysService,
  ) {}

  // ===========================================================================================
  // 監査報告書
  // ===========================================================================================

  async auditReport(auditId: number, options: AuditReportOptions, em: EntityManager = this.manager): Promise<AuditReportInput> {
    const audit = await this.audit(em, auditId);
    const version = await this.version(audit.catalogVersionId);
    if (audit.visitDate === null) {
      throw reportDataMissing('REPORT_VISIT_DATE_MISSING', '往査日が設定されていないため、監査報告書を作成できません。', 'The audit has no visit date, so no report can be made.');
    }
    const people = await this.people(em, audit);
    const texts = await em.findOne(AuditReportText, { where: { auditId } });
    const workpapers = await this.inScopeWorkpapers(em, audit);
    const findings = await this.findingInputs(em, auditId);
    const scope = new Set(audit.scopeItems);

    const items: ItemResult[] = workpapers.map((wp) => {
      const item = this.item(version, wp.itemNo);
      return { ...item, conclusion: wp.conclusion, procedures: proceduresOf(wp) };
    });
    return {
      cover: {
        reportNumber: reportNumber(audit.reference, options.revision),
        reportDate: options.reportDate,
        edition: options.edition,
        auditKind: audit.kind,
        auditee: { name: audit.auditee.name, kind: audit.auditee.kind as AuditeeKind },
        auditBody: { name: people.auditBodyName },
        documentReview: { ...documentReviewPeriod({ documentDeadline: audit.documentDeadline, visitDate: audit.visitDate }), deadline: audit.documentDeadline },
        visit: { date: audit.visitDate, startTime: audit.visitStart, endTime: audit.visitEnd, place: texts?.visitPlace ?? null },
        chiefAuditExecutive: people.chief,
        manager: people.manager,
        auditors: people.auditors,
        auditeeAttendees: (texts?.auditeeAttendees ?? []).map((a) => ({ name: a.name, title: a.title ?? null })),
      },
      purpose: isFilled(texts?.purpose) ? texts.purpose : STANDARD_AUDIT_PURPOSE,
      scope: texts?.scope ?? '',
      catalogue: version.ref,
      excludedItems: version.items.filter((i) => !scope.has(i.no)).map((i) => ({ no: i.no, text: i.text })),
      exclusionReason: audit.scopeExclusionReason,
      overallResult: texts?.overallResult ?? '',
      items,
      findings,
      planDeadline: audit.remediationPlanDeadline,
    };
  }

  // ===========================================================================================
  // 監査調書
  // ===========================================================================================

  async workpaperExport(auditId: number, exportedOn: IsoDate, em: EntityManager = this.manager): Promise<WorkpaperExportInput> {
    const audit = await this.audit(em, auditId);
    const version = await this.version(audit.catalogVersionId);
    const people = await this.people(em, audit);
    const workpapers = await this.inScopeWorkpapers(em, audit);
    const ids = workpapers.map((w) => w.id);
    const notes = ids.length ? await em.find(ReviewNote, { where: { workpaperId: In(ids) }, order: { id: 'ASC' } }) : [];
    const fileIds = [...new Set(workpapers.flatMap((w) => w.evidenceRefs.map(fileIdOf).filter((n): n is number => n !== null)))];
    const files = fileIds.length
      ? await em.find(StoredFile, { where: { auditId, id: In(fileIds) }, select: { id: true, originalName: true, sha256: true } })
      : [];
    const filesById = new Map(files.map((f) => [f.id, f]));
    const personIds = [...new Set([...workpapers.flatMap((w) => [w.preparerId, w.reviewerId]), ...notes.map((n) => n.authorId)])]
      .filter((n): n is number => n !== null);
    const names = new Map((personIds.length ? await em.find(Person, { where: { id: In(personIds) }, select: { id: true, name: true } }) : [])
      .map((p) => [p.id, p.name]));
    // The finding references ('軽欠点-2') are numbered by src/reports, as in the report.
    const findings = await this.findingInputs(em, auditId);
    const itemFacts = workpapers.map((w) => this.item(version, w.itemNo));
    const numbered = numberFindings(findings, itemFacts);
    const notesByWp = groupBy(notes, (n) => n.workpaperId);
    const signed = (personId: number | null, at: string | null) =>
      personId !== null && at !== null ? { name: names.get(personId) ?? '', signedOn: dateOf(at) } : null;

    return {
      auditee: { name: audit.auditee.name, kind: audit.auditee.kind as AuditeeKind },
      auditBody: { name: people.auditBodyName },
      auditRef: audit.reference,
      catalogue: version.ref,
      visitDate: audit.visitDate,
      manager: people.manager,
      auditors: people.auditors,
      exportedOn,
      workpapers: workpapers.map((wp): WorkpaperInput => {
        const item = this.item(version, wp.itemNo);
        return {
          itemNo: wp.itemNo,
          itemText: item.text,
          category: item.category,
          zone: item.zone,
          procedures: wp.procedures.map((p) => ({
            procedure: p.procedure,
            performedOn: p.performedOn ?? null,
            description: p.description,
            observation: p.observation,
          })),
          evidence: wp.evidenceRefs.map((ref) => {
            const file = filesById.get(fileIdOf(ref) ?? -1);
            return file
              ? { ref, title: file.originalName, fileName: file.originalName, sha256: file.sha256 }
              : { ref, title: ref, fileName: null, sha256: null };
          }),
          conclusion: wp.conclusion,
          notTestedReason: wp.notTestedReason,
          preparer: signed(wp.preparerId, wp.preparedAt),
          reviewer: signed(wp.reviewerId, wp.reviewedAt),
          reviewNotes: (notesByWp.get(wp.id) ?? []).map((n) => ({
            author: names.get(n.authorId) ?? '',
            writtenOn: japanDateOf(n.createdAt),
            text: n.text,
            status: n.clearedAt ? 'cleared' : 'open',
            response: n.resolution,
            clearedOn: n.clearedAt ? dateOf(n.clearedAt) : null,
          })),
          findingRefs: numbered.filter((f) => f.itemNo === wp.itemNo).map((f) => f.ref),
        };
      }),
    };
  }

  // ===========================================================================================
  // 監査結果総括
  // ===========================================================================================

  /**
   * Every audit of the fiscal year except cancelled ones, in one pass, and the national figures
   * of the year's self-assessment survey rounds (SurveysService.surveySection: counts only, no
   * registry's name or answer).
   */
  async annualSummary(fiscalYear: number, preparedOn: IsoDate, em: EntityManager = this.manager): Promise<AnnualSummaryInput> {
    const audits = await em.createQueryBuilder(Audit, 'a').innerJoinAndSelect('a.auditee', 'auditee')
      .where('a.fiscalYear = :fiscalYear', { fiscalYear }).andWhere('a.status <> :cancelled', { cancelled: 'cancelled' })
      .orderBy('a.plannedMonth', 'ASC').addOrderBy('a.id', 'ASC').getMany();
    // Item results and findings count once the results are put to the auditee.
    const withResults = audits.filter((a) => hasAgreedResults(a.status)).map((a) => a.id);
    const workpapers = withResults.length
      ? await em.createQueryBuilder(Workpaper, 'w').select(['w.id', 'w.auditId', 'w.itemNo', 'w.conclusion'])
        .where('w.auditId IN (:...ids)', { ids: withResults }).orderBy('w.itemNo', 'ASC').getMany()
      : [];
    const findings = withResults.length
      ? await em.createQueryBuilder(Finding, 'f').select(['f.id', 'f.auditId', 'f.itemNo', 'f.severity', 'f.recommendationResponse'])
        .where('f.auditId IN (:...ids)', { ids: withResults }).orderBy('f.id', 'ASC').getMany()
      : [];
    const submissions = findings.length
      ? await em.createQueryBuilder(RemediationSubmission, 's')
        .select(['s.id', 's.findingId', 's.kind', 's.sequence', 's.status', 's.dueDate'])
        .innerJoin(Finding, 'f', 'f.id = s.findingId').where('f.auditId IN (:...ids)', { ids: withResults }).getMany()
      : [];
    const text = await em.findOne(AnnualSummaryText, { where: { fiscalYear } });
    const auditBodyName = await this.auditBodyName(em);
    const versions = new Map<number, VersionFacts>();
    for (const id of new Set(audits.map((a) => a.catalogVersionId))) versions.set(id, await this.version(id));

    const survey = surveyInput(await this.surveys.surveySection(fiscalYear));

    const latest = latestSubmissions(submissions);
    const wpByAudit = groupBy(workpapers, (w) => w.auditId);
    const findingsByAudit = groupBy(findings, (f) => f.auditId);
    return {
      fiscalYear,
      survey,
      auditBody: { name: auditBodyName },
      preparedOn,
      edition: annualSummaryEdition(audits.map((a) => a.status)),
      commentary: text?.commentary ?? '',
      audits: audits.map((a): AnnualAuditInput => {
        const version = versions.get(a.catalogVersionId)!;
        const scope = new Set(a.scopeItems);
        return {
          auditId: String(a.id),
          auditeeName: a.auditee.name,
          auditeeKind: a.auditee.kind as AuditeeKind,
          auditKind: a.kind,
          status: a.status,
          plannedMonth: a.plannedMonth,
          catalogue: { code: version.ref.code, title: version.ref.title, version: version.ref.version },
          items: (wpByAudit.get(a.id) ?? []).filter((w) => scope.has(w.itemNo)).map((w) => ({ ...this.item(version, w.itemNo), conclusion: w.conclusion })),
          findings: (findingsByAudit.get(a.id) ?? []).map((f) => ({
            severity: f.severity,
            itemNo: f.itemNo,
            remediation: remediationOf(f, latest),
          })),
        };
      }),
    };
  }

  // ===========================================================================================
  // Pieces
  // ===========================================================================================

  private async audit(em: EntityManager, auditId: number): Promise<Audit> {
    const audit = await em.findOne(Audit, { where: { id: auditId }, relations: { auditee: true } });
    if (!audit) throw KansaError.notFound({ ja: '監査が見つかりません。', en: 'Audit not found.' }, 'AUDIT_NOT_FOUND');
    return audit;
  }

  private async inScopeWorkpapers(em: EntityManager, audit: Audit): Promise<Workpaper[]> {
    const scope = new Set(audit.scopeItems);
    const rows = await em.find(Workpaper, { where: { auditId: audit.id }, order: { itemNo: 'ASC' } });
    return rows.filter((w) => scope.has(w.itemNo));
  }

  /** The findings of an audit with the state of their follow-up (latest submission of each kind). */
  private async findingInputs(em: EntityManager, auditId: number): Promise<FindingInput[]> {
    const findings = await em.find(Finding, { where: { auditId }, order: { seq: 'ASC' } });
    const submissions = findings.length
      ? await em.find(RemediationSubmission, {
        where: { findingId: In(findings.map((f) => f.id)) },
        select: { id: true, findingId: true, kind: true, sequence: true, status: true, dueDate: true },
      })
      : [];
    const latest = latestSubmissions(submissions);
    return findings.map((f) => ({
      id: String(f.id),
      severity: f.severity,
      itemNo: f.itemNo,
      condition: f.condition,
      criterion: f.criterion,
      cause: f.cause,
      effect: f.effect,
      recommendedAction: f.recommendedAction,
      auditeeResponse: f.auditeeResponse,
      disputeReason: f.disputeReason,
      remediation: remediationOf(f, latest),
    }));
  }

  /** The audit body, its chief audit executive, the audit's manager and auditors. */
  private async people(em: EntityManager, audit: Audit): Promise<{ auditBodyName: string; chief: PersonRef | null; manager: PersonRef; auditors: PersonRef[] }> {
    if (audit.managerId === null) {
      throw reportDataMissing('REPORT_MANAGER_MISSING', '監査責任者が指名されていないため、帳票を作成できません。', 'The audit has no manager, so no report can be made.');
    }
    const team = await em.find(AuditTeamMember, { where: { auditId: audit.id }, relations: { person: true }, order: { id: 'ASC' } });
    const manager = await em.findOneOrFail(Person, { where: { id: audit.managerId }, select: { id: true, name: true, organisationId: true } });
    const body = await this.auditBody(em);
    const chiefs = body
      ? await em.createQueryBuilder(Person, 'p').select(['p.id', 'p.name', 'p.roles', 'p.active'])
        .where('p.organisationId = :org', { org: body.id }).andWhere('p.roles LIKE :role', { role: '%"chief_audit_executive"%' })
        .orderBy('p.id', 'ASC').getMany()
      : [];
    const chief = chiefs.find((p) => p.active && p.roles.includes('chief_audit_executive'));
    return {
      auditBodyName: body?.name ?? '',
      chief: chief ? { name: chief.name, title: null } : null,
      manager: { name: manager.name, title: null },
      auditors: team.filter((m) => m.personId !== audit.managerId).map((m) => ({ name: m.person.name, title: null })),
    };
  }

  private auditBody(em: EntityManager): Promise<Organisation | null> {
    return em.findOne(Organisation, { where: { kind: 'audit_body' }, order: { id: 'ASC' } });
  }

  private async auditBodyName(em: EntityManager): Promise<string> {
    return (await this.auditBody(em))?.name ?? '';
  }

  private version(versionId: number): Promise<VersionFacts> {
    let cached = this.versions.get(versionId);
    if (!cached) {
      cached = (async () => {
        const version: CatalogVersion & { catalog: Catalog } = await this.catalogs.versionById(versionId);
        const items = (await this.catalogs.itemsOf(versionId)).map(itemFacts);
        return {
          ref: {
            code: version.catalog.code,
            title: version.catalog.titleJa,
            version: version.version,
            versionLabel: version.labelJa,
            itemCount: version.itemCount,
          },
          items,
          byNo: new Map(items.map((i) => [i.no, i])),
        };
      })();
      cached.catch(() => this.versions.delete(versionId));
      this.versions.set(versionId, cached);
    }
    return cached;
  }

  private item(version: VersionFacts, no: number): ItemFacts {
    const item = version.byNo.get(no);
    if (!item) {
      throw new KansaError(HttpStatus.INTERNAL_SERVER_ERROR, 'REPORT_ITEM_UNKNOWN', {
        ja: `監査項目${no}が監査基準にありません。`,
        en: `Item ${no} is not in the audit's criteria catalogue.`,
      });
    }
    return item;
  }
}

function itemFacts(item: CatalogItem): ItemFacts {
  return {
    no: item.no,
    text: item.text,
    category: (item.category ?? null) as ControlCategory | null,
    zone: (item.zone ?? null) as DefenceZone | null,
  };
}

/**
 * The survey section of the annual summary input from SurveysService's national view: one field
 * per figure, nothing computed (percentages and totals are src/reports' work). A percentage is
 * passed on only where the source printed it (published rounds); conducted rounds have counts.
 */
export function surveyInput(section: SurveySectionModel): AnnualSurveyInput {
  const category = (c: string | null): ControlCategory | null => ((CONTROL_CATEGORIES as readonly string[]).includes(c ?? '') ? (c as ControlCategory) : null);
  const zone = (z: number | null): DefenceZone | null => ((DEFENCE_ZONES as readonly number[]).includes(z ?? -1) ? (z as DefenceZone) : null);
  return {
    rounds: section.rounds.map((r): AnnualSurveyRoundInput => {
      const published = r.origin === 'published';
      return {
        audience: r.audience,
        origin: r.origin,
        status: r.status,
        title: r.title.ja,
        public: r.public,
        catalogue: r.catalogue ? { title: r.catalogue.title, version: r.catalogue.version, versionLabel: r.catalogue.versionLabel || null } : null,
        expectedRespondents: r.expectedRespondents,
        submitted: r.submitted,
        itemsSurveyed: r.national.itemsSurveyed,
        respondents: r.national.respondents,
        allItemsMet: r.national.allItemsMet,
        allItemsMetPrintedPercent: published ? r.national.allItemsMetPercent : null,
        distribution: r.national.distribution?.map((d) => ({ notMetItems: d.notMetItems, respondents: d.respondents, printedPercent: published ? d.percent : null })) ?? null,
        items: r.items.map((i) => ({ no: i.no, text: i.text, category: category(i.category), zone: zone(i.zone), notMet: i.notMet })),
        trend: r.trend.map((p) => ({
          fiscalYear: p.fiscalYear,
          origin: p.origin,
          itemsSurveyed: p.itemsSurveyed,
          respondents: p.respondents,
          allItemsMet: p.allItemsMet,
          printedPercent: p.origin === 'published' ? p.allItemsMetPercent : null,
        })),
        notes: r.notes.map((n) => ({ text: n.ja, ref: n.ref ?? null })),
        notGiven: r.notGiven.map((n) => n.ja),
        textBreakdown: r.textBreakdown.map((b) => ({ text: b.ja, notMet: b.notMet ?? null })),
        source: r.source ? { document: r.source.document, sections: r.source.sections } : null,
      };
    }),
  };
}

/** The procedures applied to an item, each once, in the handbook's order (質問・閲覧・視察・再実施). */
function proceduresOf(wp: Workpaper): Procedure[] {
  const seen = new Set(wp.procedures.map((p) => p.procedure));
  return PROCEDURES.filter((p) => seen.has(p));
}

function remediationOf(f: Pick<Finding, 'id' | 'recommendationResponse'>, latest: Map<string, RemediationSubmission>) {
  const plan = latest.get(`${f.id}:remediation_plan`);
  const report = latest.get(`${f.id}:result_report`);
  return {
    planStatus: plan?.status ?? null,
    planDueDate: plan?.dueDate ?? null,
    resultReportStatus: report?.status ?? null,
    recommendationResponse: f.recommendationResponse,
  };
}

/** Workpaper evidence refers to uploaded files as 'file:12'. */
function fileIdOf(ref: string): number | null {
  const m = /^file:(\d{1,9})$/.exec(ref.trim());
  return m ? Number(m[1]) : null;
}

/** The Japanese calendar day of a stored ISO timestamp. */
function dateOf(at: string): IsoDate {
  return japanDateOf(new Date(at));
}

function groupBy<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}
