import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access, CurrentActor } from '../auth/access.decorator';
import type { Actor } from '../auth/actor';
import { attachment } from '../audits/audits.controller';
import { PlanningService } from './planning.service';
import { FindingsExportQueryDto, PlanningQueryDto } from './surveys.dto';

/** The lead's planning data: whom to audit this year, and the follow-up of past findings. */
@ApiTags('planning')
@Controller('planning')
export class PlanningController {
  constructor(private readonly planning: PlanningService) {}

  @Get('auditees')
  @Access.roles('chief_audit_executive', 'audit_manager')
  @ApiOperation({ summary: 'Each auditee with its latest self-assessment, years since its last audit and open findings; sortable' })
  auditees(@Query() query: PlanningQueryDto) {
    return this.planning.auditees(query);
  }

  @Get('findings.csv')
  @Access.roles('chief_audit_executive', 'audit_manager')
  @ApiOperation({ summary: 'Findings and remediation status as CSV (UTF-8 with BOM, for Excel)' })
  async findingsCsv(@CurrentActor() actor: Actor, @Query() query: FindingsExportQueryDto, @Res({ passthrough: true }) res: Response) {
    const body = await this.planning.findingsCsv(actor, query.fiscalYear);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', attachment(`指摘事項_改善状況${query.fiscalYear ? `_${query.fiscalYear}` : ''}.csv`));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'no-store');
    return new StreamableFile(body);
  }
}
