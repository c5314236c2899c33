import { Body, Controller, Get, Param, Post, Put, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { IdParam } from '../../common/id.pipe';
import { REPORT_FORMATS } from '../../reports/file-names';
import { Access, CurrentActor } from '../auth/access.decorator';
import type { Actor } from '../auth/actor';
import { PublicSummariesService } from './public-summaries.service';
import { CommentaryDto, FinalReportQuery, FiscalYearParam, FormatParam, IssueReportDto, ReportTextsDto } from './reports.dto';
import { ReportDownload, ReportsService } from './reports.service';

const ANY_FORMAT = new FormatParam(REPORT_FORMATS);
const STORED_FORMAT = new FormatParam(['pdf', 'docx'] as const);
const FILE_TYPES = ['application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'text/html'];

/** Sends a whole rendered or stored file with its headers (Content-Type, RFC 5987 Content-Disposition). */
function send(res: Response, file: ReportDownload): StreamableFile {
  for (const [name, value] of Object.entries(file.headers)) res.setHeader(name, value);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  return new StreamableFile(file.body);
}

/**
 * The reports of one audit. Object-level access (which audit, which state) is decided by the
 * service through the domain's access table; the guard only keeps out who can never call a route.
 */
@ApiTags('reports')
@Controller('audits')
export class AuditReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get(':id/report/draft.:format')
  @Access.authenticated()
  @ApiProduces(...FILE_TYPES)
  async draft(@CurrentActor() actor: Actor, @Param('id', IdParam()) id: number, @Param('format', ANY_FORMAT) format: (typeof REPORT_FORMATS)[number], @Res({ passthrough: true }) res: Response) {
    return send(res, await this.reports.draft(actor, id, format));
  }

  @Get(':id/report/texts')
  @Access.roles('chief_audit_executive', 'audit_manager', 'auditor')
  texts(@CurrentActor() actor: Actor, @Param('id', IdParam()) id: number) {
    return this.reports.texts(actor, id);
  }

  @Put(':id/report/texts')
  @Access.roles('chief_audit_executive', 'audit_manager', 'auditor')
  saveTexts(@CurrentActor() actor: Actor, @Param('id', IdParam()) id: number, @Body() dto: ReportTextsDto) {
    return this.reports.saveTexts(actor, id, dto);
  }

  @Post(':id/report/issue')
  @Access.roles('chief_audit_executive', 'audit_manager')
  issue(@CurrentActor() actor: Actor, @Param('id', IdParam()) id: number, @Body() dto: IssueReportDto) {
    return this.reports.issue(actor, id, dto);
  }

  @Get(':id/report/issued')
  @Access.authenticated()
  issued(@CurrentActor() actor: Actor, @Param('id', IdParam()) id: number) {
    return this.reports.issued(actor, id);
  }

  @Get(':id/report/final.:format')
  @Access.authenticated()
  @ApiProduces(...FILE_TYPES.slice(0, 2))
  async final(
    @CurrentActor() actor: Actor, @Param('id', IdParam()) id: number, @Param('format', STORED_FORMAT) format: 'pdf' | 'docx',
    @Query() query: FinalReportQuery, @Res({ passthrough: true }) res: Response,
  ) {
    return send(res, await this.reports.final(actor, id, format, query.revision));
  }

  @Get(':id/report/workpapers.:format')
  @Access.roles('chief_audit_executive', 'audit_manager', 'auditor')
  @ApiProduces(...FILE_TYPES)
  async workpapers(@CurrentActor() actor: Actor, @Param('id', IdParam()) id: number, @Param('format', ANY_FORMAT) format: (typeof REPORT_FORMATS)[number], @Res({ passthrough: true }) res: Response) {
    return send(res, await this.reports.workpaperExport(actor, id, format));
  }
}

/** 監査結果総括: the chief audit executive and the audit managers. */
@ApiTags('reports')
@Controller('annual-summaries')
export class AnnualSummariesController {
  constructor(private readonly reports: ReportsService) {}

  @Get(':fiscalYear.:format')
  @Access.roles('chief_audit_executive', 'audit_manager')
  @ApiProduces(...FILE_TYPES)
  async summary(@Param('fiscalYear', FiscalYearParam) fiscalYear: number, @Param('format', ANY_FORMAT) format: (typeof REPORT_FORMATS)[number], @Res({ passthrough: true }) res: Response) {
    return send(res, await this.reports.annualSummary(fiscalYear, format));
  }

  @Get(':fiscalYear/commentary')
  @Access.roles('chief_audit_executive', 'audit_manager')
  commentary(@Param('fiscalYear', FiscalYearParam) fiscalYear: number) {
    return this.reports.commentary(fiscalYear);
  }

  @Put(':fiscalYear/commentary')
  @Access.roles('chief_audit_executive')
  saveCommentary(@CurrentActor() actor: Actor, @Param('fiscalYear', FiscalYearParam) fiscalYear: number, @Body() dto: CommentaryDto) {
    return this.reports.saveCommentary(actor, fiscalYear, dto);
  }
}

/** 公表用概要: without login, published audits only. */
@ApiTags('public')
@Controller('public/summaries')
export class PublicSummariesController {
  constructor(private readonly summaries: PublicSummariesService) {}

  @Get()
  @Access.public()
  list() {
    return this.summaries.list();
  }

  @Get(':auditId.:format')
  @Access.public()
  @ApiProduces(...FILE_TYPES)
  async summary(@Param('auditId', IdParam('auditId')) auditId: number, @Param('format', ANY_FORMAT) format: (typeof REPORT_FORMATS)[number], @Res({ passthrough: true }) res: Response) {
    return send(res, await this.summaries.render(auditId, format));
  }
}
