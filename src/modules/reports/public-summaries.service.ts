import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { EntityManager } from 'typeorm';
import { isFilled, STANDARD_PUBLIC_STATEMENT } from '../../audit';
import { KansaError } from '../../common/errors';
import { UnitOfWork } from '../../database/unit-of-work';
import { assembleAuditReport, downloadHeaders, toPublicSummary } from '../../reports';
import type { ReportFormat } from '../../reports/file-names';
import type { PublicSummaryModel } from '../../reports/model';
import { ActivityService } from '../activity/activity.service';
import { Audit } from '../audits/audit.entity';
import { AuditTransitionEvent, AuditTransitionListeners } from '../audits/audit-events';
import { AuditReportText, PublishedSummary } from './report.entity';
import { ReportInputBuilder } from './report-input.builder';
import { ReportFiles, ReportRendering, sha256Of } from './report-rendering';
import type { ReportDownload } from './reports.service';

const notPublished = () =>
  KansaError.notFound({ ja: '公表された監査結果が見つかりません。', en: 'No published audit result was found.' }, 'PUBLIC_SUMMARY_NOT_FOUND');

/**
 * 公表用概要 — what the public may see of an audit, and nothing else.
 *
 * Frozen at publication: in the transaction that moves the audit to `published`, the current
 * data is read, assembled into the full report model and cut down by `toPublicSummary` (a
 * whitelist: no finding text, workpaper, evidence or person's name can pass), and that model is
 * stored. The public is only ever served renderings of the stored model, so what was published
 * stays what it was, whatever is edited later (an organisation's name, the report texts).
 * The PDF and DOCX renderings are cached under DATA_DIR/reports/public by the model's hash, so an
 * anonymous visitor does not start a browser render per request.
 */
@Injectable()
export class PublicSummariesService implements OnApplicationBootstrap {
  private readonly logger = new Logger(PublicSummariesService.name);

  constructor(
    @InjectEntityManager() private readonly manager: EntityManager,
    private readonly uow: UnitOfWork,
    private readonly activity: ActivityService,
    private readonly builder: ReportInputBuilder,
    private readonly rendering: ReportRendering,
    private readonly files: ReportFiles,
    listeners: AuditTransitionListeners,
  ) {
    // Registered at construction, before any module can publish an audit (e.g. the demo loader).
    listeners.register((event) => this.onTransition(event));
  }

  private async onTransition(event: AuditTransitionEvent): Promise<void> {
    if (event.to !== 'published') return;
    await this.freeze(event.em, event.audit, event.actor.personId);
  }

  /** Builds the public model from the data as it is at publication and stores it. */
  async freeze(em: EntityManager, audit: Audit, actorId: number | null): Promise<PublishedSummary> {
    const existing = await em.findOne(PublishedSummary, { where: { auditId: audit.id } });
    if (existing) return existing;
    const publishedOn = audit.publishedOn!;
    const report = assembleAuditReport(await this.builder.auditReport(audit.id, { edition: 'final', reportDate: audit.reportIssuedOn ?? publishedOn, revision: 1 }, em));
    const texts = await em.findOne(AuditReportText, { where: { auditId: audit.id } });
    const model = toPublicSummary(report, {
      publishedOn,
      statement: isFilled(texts?.publicStatement) ? texts.publicStatement : STANDARD_PUBLIC_STATEMENT,
    });
    const sha256 = sha256Of(JSON.stringify(model));
    const saved = await em.save(em.create(PublishedSummary, { auditId: audit.id, publishedOn, model, sha256 }));
    await this.activity.record(em, {
      actorId, action: 'public_summary.freeze', entity: 'published_summary', entityId: saved.id, auditId: audit.id, after: { publishedOn, sha256 },
    });
    return saved;
  }

  /** Audits published before summaries were frozen get theirs frozen now, from their final data. */
  async onApplicationBootstrap(): Promise<void> {
    const missing = await this.manager.createQueryBuilder(Audit, 'a')
      .leftJoin(PublishedSummary, 's', 's.auditId = a.id')
      .where('a.status = :status', { status: 'published' }).andWhere('s.id IS NULL').getMany();
    for (const audit of missing) {
      try {
        await this.uow.run((em) => this.freeze(em, audit, null));
      } catch (error) {
        this.logger.error(`Could not freeze the public summary of audit ${audit.id}: ${(error as Error).message}`);
      }
    }
  }

  /** The published audits, newest first: what the public list shows (from the frozen models). */
  async list() {
    const rows = await this.manager.createQueryBuilder(PublishedSummary, 's')
      .innerJoin(Audit, 'a', 'a.id = s.auditId').where('a.status = :status', { status: 'published' })
      .orderBy('s.publishedOn', 'DESC').addOrderBy('s.auditId', 'DESC').getMany();
    return rows.map((r) => {
      const m = r.model;
      return {
        auditId: r.auditId,
        auditee: m.auditee,
        auditPeriod: m.auditPeriod,
        catalogue: { title: m.catalogue.title, version: m.catalogue.version },
        severityCounts: m.severityCounts,
        publishedOn: m.publishedOn,
        formats: {
          pdf: `/api/public/summaries/${r.auditId}.pdf`,
          docx: `/api/public/summaries/${r.auditId}.docx`,
          html: `/api/public/summaries/${r.auditId}.html`,
        },
      };
    });
  }

  /** One published summary as a file; 404 unless the audit is published. */
  async render(auditId: number, format: ReportFormat): Promise<ReportDownload> {
    const row = await this.manager.createQueryBuilder(PublishedSummary, 's')
      .innerJoin(Audit, 'a', 'a.id = s.auditId').where('s.auditId = :auditId', { auditId }).andWhere('a.status = :status', { status: 'published' })
      .getOne();
    if (!row) throw notPublished();
    const model: PublicSummaryModel = row.model;
    const cacheName = `${row.sha256}.${format}`;
    let body = format === 'html' ? null : await this.files.cached(cacheName);
    if (body === null) {
      body = await this.rendering.render(model, format);
      if (format !== 'html') await this.files.cache(cacheName, body);
    }
    const headers = downloadHeaders('public_summary', format, { subject: model.auditee.name, date: model.publishedOn, edition: 'final', ref: String(auditId) });
    return { body, headers: { ...headers, 'Cache-Control': 'public, max-age=300' } };
  }
}
