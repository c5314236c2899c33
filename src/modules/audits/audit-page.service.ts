import { Injectable } from '@nestjs/common';
import { canPerform } from '../../audit';
import type { Actor } from '../auth/actor';
import { AuditContextService } from './audit-context.service';
import type { AuditInclude } from './audits.dto';
import { AuditsService } from './audits.service';
import { DocumentsService } from './documents.service';
import { FindingsService } from './findings.service';
import { WorkpapersService } from './workpapers.service';

/**
 * The audit as its page loads it: the detail and, on request, the workpapers, findings and
 * documents — one authentication and one access check instead of four requests. A section the
 * person may not see is null, for the same rule its own route answers 403/404 by.
 */
@Injectable()
export class AuditPageService {
  constructor(
    private readonly context: AuditContextService,
    private readonly audits: AuditsService,
    private readonly workpapers: WorkpapersService,
    private readonly findings: FindingsService,
    private readonly documents: DocumentsService,
  ) {}

  async page(actor: Actor, auditId: number, include: readonly AuditInclude[]) {
    const loaded = await this.context.load(actor, auditId);
    const may = (action: 'workpaper.view' | 'finding.view' | 'document.view') => canPerform(action, loaded.audit.status, loaded.relations);
    const wanted = new Set(include);
    // One after another: on SQLite all reads share one connection.
    const detail = await this.audits.detailOf(loaded);
    const sections: Partial<Record<AuditInclude, unknown>> = {};
    if (wanted.has('workpapers')) sections.workpapers = may('workpaper.view') ? await this.workpapers.listOf(loaded) : null;
    if (wanted.has('findings')) sections.findings = may('finding.view') ? await this.findings.listOf(loaded) : null;
    if (wanted.has('documents')) sections.documents = may('document.view') ? await this.documents.listOf(loaded) : null;
    return { ...detail, ...sections };
  }
}
