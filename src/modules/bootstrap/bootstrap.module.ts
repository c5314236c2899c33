import { Module } from '@nestjs/common';
import { AuditsModule } from '../audits/audits.module';
import { CatalogsModule } from '../catalogs/catalogs.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { PlansModule } from '../plans/plans.module';
import { ReportsModule } from '../reports/reports.module';
import { SurveysModule } from '../surveys/surveys.module';
import { BootstrapService } from './bootstrap.service';
import { DemoLoader } from './demo-loader';

@Module({
  imports: [CatalogsModule, OrganisationsModule, PlansModule, AuditsModule, SurveysModule, ReportsModule],
  providers: [BootstrapService, DemoLoader],
  exports: [DemoLoader],
})
export class BootstrapModule {}
