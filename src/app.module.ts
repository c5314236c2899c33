import { DynamicModule, Module } from '@nestjs/common';
import { KansaConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { ActivityModule } from './modules/activity/activity.module';
import { AuditsModule } from './modules/audits/audits.module';
import { AuthModule } from './modules/auth/auth.module';
import { BootstrapModule } from './modules/bootstrap/bootstrap.module';
import { CatalogsModule } from './modules/catalogs/catalogs.module';
import { HealthModule } from './modules/health/health.module';
import { OrganisationsModule } from './modules/organisations/organisations.module';
import { PlansModule } from './modules/plans/plans.module';
import { ReportsModule } from './modules/reports/reports.module';
import { SurveysModule } from './modules/surveys/surveys.module';

/** The application's modules, one per domain concept. */
export const FEATURE_MODULES = [HealthModule, ActivityModule, AuthModule, CatalogsModule, OrganisationsModule, PlansModule, AuditsModule, SurveysModule, ReportsModule, BootstrapModule];

@Module({})
export class AppModule {
  /** `env` defaults to the process environment; tests pass their own (database, data dir). */
  static register(env: Record<string, string | undefined> = process.env): DynamicModule {
    return {
      module: AppModule,
      imports: [KansaConfigModule.forRoot(env), DatabaseModule, ...FEATURE_MODULES],
    };
  }
}
