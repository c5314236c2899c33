import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditsModule } from '../audits/audits.module';
import { CatalogsModule } from '../catalogs/catalogs.module';
import { SurveysModule } from '../surveys/surveys.module';
import { PublicSummariesService } from './public-summaries.service';
import { AnnualSummaryText, AuditReportText, IssuedReport, PublishedSummary } from './report.entity';
import { ReportInputBuilder } from './report-input.builder';
import { ReportFiles, ReportRendering } from './report-rendering';
import { AnnualSummariesController, AuditReportsController, PublicSummariesController } from './reports.controller';
import { ReportsService } from './reports.service';

/**
 * Issue 4, the half that meets the database and HTTP: builds the report inputs of src/reports
 * from the audits (ReportInputBuilder), renders them with the process's one PdfRenderer
 * (ReportRendering, closed on shutdown), issues and serves the frozen final report, freezes the
 * public summary at publication, and serves the annual summary and the workpaper export.
 * The annual summary's survey section comes from SurveysModule's exported SurveysService
 * (`surveySection`), never from its repositories.
 */
@Module({
  imports: [TypeOrmModule.forFeature([IssuedReport, AuditReportText, AnnualSummaryText, PublishedSummary]), AuditsModule, CatalogsModule, SurveysModule],
  controllers: [AuditReportsController, AnnualSummariesController, PublicSummariesController],
  providers: [ReportInputBuilder, ReportRendering, ReportFiles, ReportsService, PublicSummariesService],
  exports: [ReportInputBuilder, ReportRendering, ReportsService],
})
export class ReportsModule {}
