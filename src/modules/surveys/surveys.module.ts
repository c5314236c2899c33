import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditsModule } from '../audits/audits.module';
import { CatalogsModule } from '../catalogs/catalogs.module';
import { PlanningController } from './planning.controller';
import { PlanningService } from './planning.service';
import { QuestionnaireService } from './questionnaire.service';
import { SurveyAnswerEntry, SurveyPublishedFigure, SurveyResponse, SurveyRound } from './survey.entity';
import { SurveysController } from './surveys.controller';
import { SurveysService } from './surveys.service';

/**
 * The yearly self-assessment survey (ミニマムベースライン達成状況調査), its spreadsheet exchange,
 * the national figures, and the risk-based planning view built on them and on the audits.
 * Exports SurveysService: `surveySection(fiscalYear)` for the annual summary report, and
 * `seedPublished()` for the bootstrap.
 */
@Module({
  imports: [TypeOrmModule.forFeature([SurveyRound, SurveyPublishedFigure, SurveyResponse, SurveyAnswerEntry]), CatalogsModule, AuditsModule],
  controllers: [SurveysController, PlanningController],
  providers: [SurveysService, QuestionnaireService, PlanningService],
  exports: [SurveysService],
})
export class SurveysModule {}
