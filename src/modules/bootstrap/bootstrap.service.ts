import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { KansaSettings } from '../../config/kansa-config.service';
import { UnitOfWork } from '../../database/unit-of-work';
import { CatalogsService } from '../catalogs/catalogs.service';
import { Organisation, Person } from '../organisations/organisation.entity';
import { OrganisationsService } from '../organisations/organisations.service';
import { SurveysService } from '../surveys/surveys.service';
import { DemoLoader } from './demo-loader';

/**
 * What happens on every start, in order: the criteria catalogues are loaded (idempotently), the
 * published survey years (seeds/surveys, idempotently), the demo data set when asked for (once),
 * and — when nobody could administer the system yet — one administrator (a chief audit
 * executive) whose initial password is printed once.
 */
@Injectable()
export class BootstrapService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Bootstrap');

  constructor(
    private readonly settings: KansaSettings,
    private readonly catalogs: CatalogsService,
    private readonly organisations: OrganisationsService,
    private readonly demo: DemoLoader,
    private readonly surveys: SurveysService,
    private readonly uow: UnitOfWork,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.catalogs.seed();
    await this.surveys.seedPublished();
    if (this.settings.value.demoData) await this.demo.loadOnce();
    await this.ensureAdministrator();
  }

  async ensureAdministrator(): Promise<void> {
    const chiefs = await this.dataSource.getRepository(Person).find({ where: { active: true } });
    if (chiefs.some((p) => p.roles.includes('chief_audit_executive') && p.passwordHash)) return;
    const { email, password } = this.settings.value.admin;
    if (await this.organisations.personByEmail(email)) return;
    const initial = password ?? randomBytes(12).toString('base64url');
    await this.uow.run(async (em) => {
      let body = await em.findOne(Organisation, { where: { kind: 'audit_body' } });
      body ??= await this.organisations.create(null, { key: 'audit-body', kind: 'audit_body', name: '監査機関', nameEn: 'Audit body' }, em);
      await this.organisations.createPerson(null, {
        organisationId: body.id, email, name: '管理者', nameEn: 'Administrator', roles: ['chief_audit_executive'], initialPassword: initial,
      }, em, { mustChangePassword: password === null });
    });
    if (password === null) {
      this.logger.warn(`Administrator created: ${email} / initial password: ${initial}  (shown once; change it at first login)`);
    } else {
      this.logger.log(`Administrator created: ${email} (password from KANSA_ADMIN_PASSWORD)`);
    }
  }
}
