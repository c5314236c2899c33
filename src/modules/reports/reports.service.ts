import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { rm } from 'node:fs/promises';
import { EntityManager, QueryFailedError } from 'typeorm';
import { assertReportIssue, assertVersion, IsoDate } from '../../audit';
import { Clock } from '../../common/clock';
import { KansaError } from '../../common/errors';
import { UnitOfWork } from '../../database/unit-of-work';
import {
  assembleAnnualSummary, assembleAuditReport, assembleWorkpaperExport, contentDisposition, CONTENT_TYPES, downloadHeaders, reportFileName,
} from '../../reports';
import type { ReportFormat } from '../../reports/file-names';
import { ActivityService } from '../activity/activity.service';
import { AuditContextService } from '../audits/audit-context.service';
import type { Actor } from '../auth/actor';
import { IssuedReport, AnnualSummaryText, AuditReportText } from './report.entity';
import { ReportInputBuilder } from './report-input.builder';
import { ReportFiles, ReportRendering } from './report-rendering';
import { CommentaryDto, IssueReportDto, ReportTextsDto } from './reports.dto';

/** A file to send: the whole body and its headers. */
export interface ReportDownload {
  body: Buffer;
  headers: Record<string, string>;
}

const PRIVATE = { 'Cache-Control': 'private, no-store' };

const notIssued = () =>
  KansaError.notFound({ ja: '監査報告書（確定版）はまだ発行されていません。', en: 'The final audit report has not been issued.' }, 'REPORT_NOT_ISSUED');

/** `Repr-Digest` (RFC 9530) and ETag of stored bytes, so a client can check what it received. */
function digestHeaders(sha256: string): Record<string, string> {
  return { 'Repr-Digest': `sha-256=:${Buffer.from(sha256, 'hex').toString('base64')}:`, ETag: `"${sha256}"` };
}

/**
 * The audit body's reports of one audit and of a fiscal year: the draft audit report, the
 * issued final (stored once, returned byte-identical), the workpaper export, the annual summary
 * and the texts people write for them. Who may do what is decided by the domain's access table
 * (src/audit/access.ts: report.viewDraft, report.editTexts, report.issue, report.viewFinal,
 * workpaper.view); the numbers come from src/reports/assemble.ts.
 */
@Injectable()
export class ReportsService {
  constructor(
    @InjectEntityManager() private readonly manager: EntityManager,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly activity: ActivityService,
    private readonly context: AuditContextService,
    private readonly builder: ReportInputBuilder,
    private readonly rendering: ReportRendering,
    private readonly files: ReportFiles,
  ) {}

  // --- the draft ------------------------------------------------------------------------------

  /** 監査報告書（草案）from the current data, with the DRAFT mark. */
  async draft(actor: Actor, auditId: number, format: ReportFormat): Promise<ReportDownload> {
    const { audit } = await this.context.requireView(actor, auditId, 'report.viewDraft');
    const today = this.clock.today();
    const revision = (await this.issuedRevision(this.manager, auditId)) + 1;
    const model = assembleAuditReport(await this.builder.auditReport(auditId, { edition: 'draft', reportDate: today, revision }));
    const body = await this.rendering.render(model, format);
    const headers = downloadHeaders('audit_report', format, { subject: model.cover.auditee.name, date: today, edition: 'draft', ref: audit.reference });
    return { body, headers: { ...headers, ...PRIVATE } };
  }

  // --- texts ----------------------------------------------------------------------------------

  /** The texts as stored (version 0 and empty fields while nothing was written). Audit body only. */
  async texts(actor: Actor, auditId: number) {
    await this.context.requireView(actor, auditId, 'workpaper.view');
    return textsView(auditId, await this.manager.findOne(AuditReportText, { where: { auditId } }));
  }

  async saveTexts(actor: Actor, auditId: number, dto: ReportTextsDto) {
    return this.uow.run(async (em) => {
      await this.context.require(actor, auditId, 'report.editTexts', em);
      const current = await em.findOne(AuditReportText, { where: { auditId } });
      assertVersion(current?.version ?? 0, dto.version, 'report_text');
      const before = textsView(auditId, current);
      const { version: _version, ...changes } = dto;
      const row = current ?? em.create(AuditReportText, {
        auditId, purpose: null, scope: null, overallResult: null, visitPlace: null, auditeeAttendees: [], publicStatement: null,
      });
      for (const [key, value] of Object.entries(changes)) {
        if (value === undefined) continue;
        if (key === 'auditeeAttendees') row.auditeeAttendees = (value as { name: string; title?: string | null }[]).map((a) => ({ name: a.name, title: a.title ?? null }));
        else (row as unknown as Record<string, unknown>)[key] = value;
      }
      row.updatedById = actor.personId;
      const saved = await em.save(row);
      const after = textsView(auditId, saved);
      await this.activity.record(em, { actorId: actor.personId, action: 'report.texts', entity: 'audit_report_text', entityId: saved.id, auditId, before, after });
      return after;
    });
  }

  // --- the final ------------------------------------------------------------------------------

  /**
   * 監査報告書（確定版）: renders PDF and DOCX once from the data as it is now, stores both
   * under DATA_DIR/reports with their SHA-256, and records them with an activity entry in one
   * transaction. Renders first (outside the transaction); if recording fails, the files are
   * removed, so nothing is half issued.
   */
  async issue(actor: Actor, auditId: number, dto: IssueReportDto) {
    const check = async (em: EntityManager) => {
      const loaded = await this.context.require(actor, auditId, 'report.issue', em);
      const texts = await em.findOne(AuditReportText, { where: { auditId } });
      assertReportIssue({
        issuedRevision: await this.issuedRevision(em, auditId),
        requestedRevision: dto.revision,
        reason: dto.reason ?? null,
        overallResult: texts?.overallResult ?? null,
      });
      return loaded;
    };
    const { audit } = await check(this.manager);
    const reason = dto.reason?.trim() ?? null;
    const today = this.clock.today();
    // The report date of the first issue is the day the report was completed (reported).
    const reportDate: IsoDate = dto.revision === 1 ? audit.reportIssuedOn ?? today : today;
    const model = assembleAuditReport(await this.builder.auditReport(auditId, { edition: 'final', reportDate, revision: dto.revision }));
    const [pdf, docx] = await Promise.all([this.rendering.render(model, 'pdf'), this.rendering.render(model, 'docx')]);
    const stored: ({ format: 'pdf' | 'docx' } & Awaited<ReturnType<ReportFiles['store']>>)[] = [];
    try {
      stored.push({ format: 'pdf', ...(await this.files.store(pdf, 'pdf')) });
      stored.push({ format: 'docx', ...(await this.files.store(docx, 'docx')) });
      return await this.uow.run(async (em) => {
        await check(em);
        const issuedAt = this.clock.now();
        const rows: IssuedReport[] = [];
        for (const file of stored) {
          const names = reportFileName('audit_report', file.format, { subject: model.cover.auditee.name, date: reportDate, ref: audit.reference });
          rows.push(await em.save(em.create(IssuedReport, {
            auditId, kind: 'audit_report', format: file.format, revision: dto.revision, reason,
            reportNumber: model.cover.reportNumber, sha256: file.sha256, size: file.size, storedName: file.storedName,
            fileName: names.fileName, asciiName: names.asciiName, issuedById: actor.personId, issuedAt,
          })));
        }
        await this.activity.record(em, {
          actorId: actor.personId, action: 'report.issue', entity: 'issued_report', entityId: rows[0]!.id, auditId,
          after: { revision: dto.revision, reason, reportNumber: model.cover.reportNumber, files: rows.map((r) => ({ format: r.format, sha256: r.sha256, size: r.size })) },
        });
        return { revision: dto.revision, reportNumber: model.cover.reportNumber, reportDate, files: rows.map((r) => issuedView(r, actor.name)) };
      });
    } catch (error) {
      await Promise.all(stored.map((f) => rm(f.path, { force: true })));
      if (error instanceof QueryFailedError && /unique|UQ_issued_report_revision/i.test(error.message)) {
        // Two issues of the same revision at once (PostgreSQL): the other one was recorded first.
        throw new KansaError(HttpStatus.CONFLICT, 'REPORT_ALREADY_ISSUED', {
          ja: `監査報告書（確定版）第${dto.revision}版は既に発行されています。`,
          en: `Revision ${dto.revision} of the final report has already been issued.`,
        });
      }
      throw error;
    }
  }

  /** Every issued file of the audit, newest revision first. */
  async issued(actor: Actor, auditId: number) {
    await this.context.requireView(actor, auditId, 'report.viewFinal');
    const rows = await this.manager.find(IssuedReport, { where: { auditId }, relations: { issuedBy: true }, order: { revision: 'DESC', format: 'ASC' } });
    return rows.map((r) => issuedView(r, r.issuedBy?.name ?? null));
  }

  /** The issued bytes, exactly as issued (checked against their SHA-256). */
  async final(actor: Actor, auditId: number, format: 'pdf' | 'docx', revision?: number): Promise<ReportDownload> {
    await this.context.requireView(actor, auditId, 'report.viewFinal');
    const row = await this.manager.findOne(IssuedReport, {
      where: { auditId, kind: 'audit_report', format, ...(revision === undefined ? {} : { revision }) },
      order: { revision: 'DESC' },
    });
    if (!row) throw notIssued();
    const body = await this.files.read(row.storedName, row.sha256);
    return {
      body,
      headers: {
        'Content-Type': CONTENT_TYPES[format],
        'Content-Disposition': contentDisposition(row.fileName, { asciiName: row.asciiName }),
        ...digestHeaders(row.sha256),
        ...PRIVATE,
      },
    };
  }

  private async issuedRevision(em: EntityManager, auditId: number): Promise<number> {
    const raw = await em.createQueryBuilder(IssuedReport, 'r').select('MAX(r.revision)', 'max').where('r.auditId = :auditId', { auditId }).getRawOne<{ max: number | string | null }>();
    return Number(raw?.max ?? 0);
  }

  // --- workpapers -----------------------------------------------------------------------------

  /** 監査調書: every in-scope workpaper of the audit in one document. Audit body only. */
  async workpaperExport(actor: Actor, auditId: number, format: ReportFormat): Promise<ReportDownload> {
    const { audit } = await this.context.requireView(actor, auditId, 'workpaper.view');
    const today = this.clock.today();
    const model = assembleWorkpaperExport(await this.builder.workpaperExport(auditId, today));
    const body = await this.rendering.render(model, format);
    const headers = downloadHeaders('workpaper_export', format, { subject: model.auditee.name, date: today, ref: audit.reference });
    return { body, headers: { ...headers, ...PRIVATE } };
  }

  // --- the annual summary ---------------------------------------------------------------------

  /** 監査結果総括 of a fiscal year from the current data (final once every audit is published). */
  async annualSummary(fiscalYear: number, format: ReportFormat): Promise<ReportDownload> {
    const today = this.clock.today();
    const model = assembleAnnualSummary(await this.builder.annualSummary(fiscalYear, today));
    const body = await this.rendering.render(model, format);
    const headers = downloadHeaders('annual_summary', format, { subject: `${fiscalYear}年度`, date: today, edition: model.edition, ref: String(fiscalYear) });
    return { body, headers: { ...headers, ...PRIVATE } };
  }

  async commentary(fiscalYear: number) {
    return commentaryView(fiscalYear, await this.manager.findOne(AnnualSummaryText, { where: { fiscalYear } }));
  }

  async saveCommentary(actor: Actor, fiscalYear: number, dto: CommentaryDto) {
    return this.uow.run(async (em) => {
      const current = await em.findOne(AnnualSummaryText, { where: { fiscalYear } });
      assertVersion(current?.version ?? 0, dto.version, 'annual_commentary');
      const before = commentaryView(fiscalYear, current);
      const row = current ?? em.create(AnnualSummaryText, { fiscalYear, commentary: '' });
      row.commentary = dto.commentary;
      row.updatedById = actor.personId;
      const saved = await em.save(row);
      const after = commentaryView(fiscalYear, saved);
      await this.activity.record(em, { actorId: actor.personId, action: 'annual_summary.commentary', entity: 'annual_summary_text', entityId: saved.id, before, after });
      return after;
    });
  }
}

function textsView(auditId: number, row: AuditReportText | null) {
  return {
    auditId,
    version: row?.version ?? 0,
    purpose: row?.purpose ?? null,
    scope: row?.scope ?? null,
    overallResult: row?.overallResult ?? null,
    visitPlace: row?.visitPlace ?? null,
    auditeeAttendees: row?.auditeeAttendees ?? [],
    publicStatement: row?.publicStatement ?? null,
    updatedAt: row?.updatedAt ?? null,
  };
}

function commentaryView(fiscalYear: number, row: AnnualSummaryText | null) {
  return { fiscalYear, version: row?.version ?? 0, commentary: row?.commentary ?? '', updatedAt: row?.updatedAt ?? null };
}

function issuedView(r: IssuedReport, issuedByName: string | null) {
  return {
    id: r.id, format: r.format, revision: r.revision, reason: r.reason, reportNumber: r.reportNumber, sha256: r.sha256, size: r.size,
    fileName: r.fileName, issuedAt: r.issuedAt, issuedBy: { id: r.issuedById, name: issuedByName },
  };
}
