import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import { Access, CurrentActor } from '../auth/access.decorator';
import type { Actor } from '../auth/actor';
import { DashboardService } from './dashboard.service';

export class DashboardQuery {
  @ApiProperty({ example: 2026, description: 'Japanese fiscal year (April–March) by its starting year' })
  @Type(() => Number) @IsInt() @Min(2000) @Max(2100) fiscalYear: number;
}

/** Read-only figures for the audit body's dashboard (category × zone, severity by month). */
@ApiTags('audits')
@Controller('dashboard')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get('results')
  @Access.roles('chief_audit_executive', 'audit_manager', 'auditor')
  results(@CurrentActor() actor: Actor, @Query() query: DashboardQuery) {
    return this.dashboard.results(actor, query.fiscalYear);
  }
}
