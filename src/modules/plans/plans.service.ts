import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import {
  AnnualPlanFacts, assertApplication, assertApplicationDecline, assertPlanDraft, decidePlanApproval, decidePlanRevision, PlannedAuditEntry,
} from '../../audit';
import { Clock } from '../../common/clock';
import { KansaError } from '../../common/errors';
import { UnitOfWork } from '../../database/unit-of-work';
import { ActivityService } from '../activity/activity.service';
import { Actor, actorFacts, isAuditBody } from '../auth/actor';
import { Organisation } from '../organisations/organisation.entity';
import { AnnualPlan, PlanApplication, PlanRevision } from './plan.entity';
import { ApplicationDto, CreatePlanDto, UpdatePlanDto } from './plans.dto';

const notFound = () => KansaError.notFound({ ja: '年度監査計画が見つかりません。', en: 'Annual plan not found.' }, 'PLAN_NOT_FOUND');

export function planFacts(plan: AnnualPlan, entries: PlannedAuditEntry[]): AnnualPlanFacts {
  return {
    fiscalYear: plan.fiscalYear,
    status: plan.status,
    revision: plan.revision,
    call: plan.callOpensOn && plan.callClosesOn ? { opensOn: plan.callOpensOn, closesOn: plan.callClosesOn } : null,
    entries,
  };
}

@Injectable()
export class PlansService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly activity: ActivityService,
    private readonly clock: Clock,
    @InjectRepository(AnnualPlan) private readonly plans: Repository<AnnualPlan>,
  ) {}

  list(): Promise<AnnualPlan[]> {
    return this.plans.find({ order: { fiscalYear: 'DESC' } });
  }

  async get(id: number, em?: EntityManager): Promise<AnnualPlan> {
    const plan = await (em ?? this.plans.manager).findOne(AnnualPlan, {
      where: { id }, relations: { applications: { organisation: true }, revisions: true }, order: { applications: { id: 'ASC' }, revisions: { revision: 'ASC' } },
    });
    if (!plan) throw notFound();
    return plan;
  }

  /** The planned audits of a plan, as the domain sees them (auditee + month). */
  private async entries(em: EntityManager, planId: number): Promise<PlannedAuditEntry[]> {
    const rows: { auditee_id: number; planned_month: string }[] = await em.query(
      em.connection.options.type === 'postgres'
        ? "SELECT auditee_id, planned_month FROM audit WHERE plan_id = $1 AND status <> 'cancelled'"
        : "SELECT auditee_id, planned_month FROM audit WHERE plan_id = ? AND status <> 'cancelled'",
      [planId],
    );
    return rows.map((r) => ({ auditeeOrganisationId: String(r.auditee_id), plannedMonth: r.planned_month }));
  }

  async create(actor: Actor, dto: CreatePlanDto): Promise<AnnualPlan> {
    return this.uow.run(async (em) => {
      const draft = em.create(AnnualPlan, {
        fiscalYear: dto.fiscalYear, title: dto.title, status: 'draft', revision: 0,
        callOpensOn: dto.call?.opensOn ?? null, callClosesOn: dto.call?.closesOn ?? null, callDescription: dto.call?.description ?? null,
      });
      assertPlanDraft(actorFacts(actor), planFacts(draft, []));
      if (await em.findOne(AnnualPlan, { where: { fiscalYear: dto.fiscalYear } })) {
        throw new KansaError(409, 'PLAN_EXISTS', { ja: `${dto.fiscalYear}年度の監査計画は既にあります。`, en: `A plan for fiscal year ${dto.fiscalYear} already exists.` });
      }
      const saved = await em.save(draft);
      await this.activity.record(em, { actorId: actor.personId, action: 'plan.create', entity: 'annual_plan', entityId: saved.id, after: dto });
      return saved;
    });
  }

  async update(actor: Actor, id: number, dto: UpdatePlanDto): Promise<AnnualPlan> {
    return this.uow.run(async (em) => {
      const plan = await this.get(id, em);
      const entries = await this.entries(em, id);
      const revisedPlan = { ...plan, callOpensOn: dto.call?.opensOn ?? plan.callOpensOn, callClosesOn: dto.call?.closesOn ?? plan.callClosesOn } as AnnualPlan;
      await this.applyRevision(em, actor, plan, planFacts(revisedPlan, entries), dto.reason ?? null, { title: dto.title, call: dto.call });
      if (dto.title !== undefined) plan.title = dto.title;
      if (dto.call) {
        plan.callOpensOn = dto.call.opensOn;
        plan.callClosesOn = dto.call.closesOn;
        plan.callDescription = dto.call.description ?? plan.callDescription;
      }
      return em.save(plan);
    });
  }

  /**
   * A change to a plan — its call, or the audits it schedules — goes through the domain: a
   * draft is edited freely by the leads; an approved plan is revised by the chief with a reason,
   * which is recorded with a new revision number. Called inside the caller's transaction.
   */
  async applyRevision(em: EntityManager, actor: Actor, plan: AnnualPlan, revised: AnnualPlanFacts, reason: string | null, change: unknown): Promise<void> {
    const current = planFacts(plan, await this.entries(em, plan.id));
    const outcome = decidePlanRevision(actorFacts(actor), current, revised, reason);
    if (plan.status === 'approved') {
      plan.revision = outcome.revision;
      await em.update(AnnualPlan, plan.id, { revision: outcome.revision });
      await em.save(em.create(PlanRevision, { planId: plan.id, revision: outcome.revision, reason: reason!, revisedById: actor.personId }));
    }
    await this.activity.record(em, {
      actorId: actor.personId, action: plan.status === 'approved' ? 'plan.revise' : 'plan.edit', entity: 'annual_plan', entityId: plan.id,
      after: { change, reason, revision: outcome.revision },
    });
  }

  async approve(actor: Actor, id: number): Promise<AnnualPlan> {
    return this.uow.run(async (em) => {
      const plan = await this.get(id, em);
      const outcome = decidePlanApproval(actorFacts(actor), planFacts(plan, await this.entries(em, id)));
      plan.status = outcome.status;
      plan.revision = outcome.revision;
      plan.approvedById = actor.personId;
      plan.approvedOn = this.clock.today();
      const saved = await em.save(plan);
      await this.activity.record(em, { actorId: actor.personId, action: 'plan.approve', entity: 'annual_plan', entityId: id, after: { status: saved.status } });
      return saved;
    });
  }

  /** 監査登録室の公募: an auditee volunteers (its own people) or the audit body records an application. */
  async apply(actor: Actor, id: number, dto: ApplicationDto): Promise<PlanApplication> {
    return this.uow.run(async (em) => {
      const plan = await this.get(id, em);
      if (!isAuditBody(actor) && dto.organisationId !== actor.organisationId) {
        throw new KansaError(403, 'FORBIDDEN', { ja: '自組織以外の応募はできません。', en: 'You may apply for your own organisation only.' });
      }
      const organisation = await em.findOne(Organisation, { where: { id: dto.organisationId } });
      if (!organisation) throw KansaError.notFound({ ja: '組織が見つかりません。', en: 'Organisation not found.' }, 'ORGANISATION_NOT_FOUND');
      const appliedOn = dto.receivedOn ?? this.clock.today();
      assertApplication({
        call: plan.callOpensOn && plan.callClosesOn ? { opensOn: plan.callOpensOn, closesOn: plan.callClosesOn } : null,
        appliedOn,
        applicantOrganisationId: String(organisation.id),
        applicantKind: organisation.kind,
        existingApplicantIds: plan.applications.map((a) => String(a.organisationId)),
      });
      const saved = await em.save(em.create(PlanApplication, { planId: id, organisationId: organisation.id, receivedOn: appliedOn, note: dto.note ?? null, status: 'received' }));
      await this.activity.record(em, { actorId: actor.personId, action: 'plan.application', entity: 'plan_application', entityId: saved.id, after: dto });
      return saved;
    });
  }

  /** Marks the application of an auditee as selected when an audit of it is planned. */
  async markSelected(em: EntityManager, planId: number, organisationId: number): Promise<void> {
    await em.update(PlanApplication, { planId, organisationId }, { status: 'selected', decisionReason: null, decidedOn: this.clock.today() });
  }

  /** 選定しない: the application stays on record, declined with the reason the applicant is told. */
  async declineApplication(actor: Actor, planId: number, applicationId: number, reason: string): Promise<PlanApplication> {
    return this.uow.run(async (em) => {
      const application = await em.findOne(PlanApplication, { where: { id: applicationId, planId } });
      if (!application) throw KansaError.notFound({ ja: '応募が見つかりません。', en: 'Application not found.' }, 'APPLICATION_NOT_FOUND');
      assertApplicationDecline(actorFacts(actor), application.status, reason);
      Object.assign(application, { status: 'not_selected', decisionReason: reason.trim(), decidedOn: this.clock.today() });
      const saved = await em.save(application);
      await this.activity.record(em, { actorId: actor.personId, action: 'plan.application_declined', entity: 'plan_application', entityId: applicationId, after: { planId, organisationId: application.organisationId, reason: saved.decisionReason } });
      return saved;
    });
  }
}
