import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogsModule } from '../catalogs/catalogs.module';
import { PlansModule } from '../plans/plans.module';
import {
  Audit, AuditTeamMember, DocumentRequest, Finding, RemediationSubmission, ReviewNote, StoredFile, Workpaper,
} from './audit.entity';
import { AuditContextService } from './audit-context.service';
import { AuditPageService } from './audit-page.service';
import { AuditTransitionListeners } from './audit-events';
import { AuditsController } from './audits.controller';
import { AuditsService } from './audits.service';
import { DashboardController } from './dashboard.controller';
import { DashboardService } from './dashboard.service';
import { DocumentsService } from './documents.service';
import { FindingsService } from './findings.service';
import { WorkpapersService } from './workpapers.service';

/**
 * The audit engagement: the audit and its team, the document review, workpapers, findings and
 * remediation. One module because the process rules span all of them (a transition looks at
 * every workpaper and finding); each concept has its own service.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([Audit, AuditTeamMember, DocumentRequest, StoredFile, Workpaper, ReviewNote, Finding, RemediationSubmission]),
    CatalogsModule,
    PlansModule,
  ],
  controllers: [AuditsController, DashboardController],
  providers: [AuditContextService, AuditTransitionListeners, AuditsService, AuditPageService, DocumentsService, WorkpapersService, FindingsService, DashboardService],
  exports: [AuditContextService, AuditTransitionListeners, AuditsService, DocumentsService, WorkpapersService, FindingsService],
})
export class AuditsModule {}
