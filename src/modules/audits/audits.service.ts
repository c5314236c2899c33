import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, EntityManager, Repository } from 'typeorm';
import {
  addDays, assertAuditAction, canPerform, assertAuditDefinition, checkAuditDates, assertTeam, assertTransition, availableTransitions, DEFAULT_DOCUMENT_REQUESTS,
  fiscalYearOf, fiscalYearOfMonth, nextActions, openItems, resolveScope,
} from '../../audit';
import { Clock } from '../../common/clock';
import { KansaError } from '../../common/errors';
import { UnitOfWork } from '../../database/unit-of-work';
import { ActivityService } from '../activity/activity.service';
import { Actor, actorFacts } from '../auth/actor';
import { CatalogsService } from '../catalogs/catalogs.service';
import { Organisation, Person } from '../organisations/organisation.entity';
import { fieldError, personFacts } from '../organisations/organisations.service';
import { planFacts, PlansService } from '../plans/plans.service';
import { Audit, AuditTeamMember, DocumentRequest, Workpaper } from './audit.entity';
import { AuditContextService, LoadedAudit } from './audit-context.service';
import { AuditTransitionListeners } from './audit-events';
import { loadSnapshot } from './audit-snapshot';
import { AuditListQuery, CreateAuditDto, SetScheduleDto, SetScopeDto, SetTeamDto, TransitionDto } from './audits.dto';

/** Days the auditee has to submit remediation plans after the report, unless the lead sets a date. */
export const DEFAULT_PLAN_DAYS = 30;

@Injectable()
export class AuditsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly activity: ActivityService,
    private readonly context: AuditContextService,
    private readonly catalogs: CatalogsService,
    private readonly plans: PlansService,
    private readonly listeners: AuditTransitionListeners,
    @InjectRepository(Audit) private readonly audits: Repository<Audit>,
  ) {}

  /** A planned audit (in the annual plan) or a for-cause audit, with its workpapers and default requests. */
  async create(actor: Actor, dto: CreateAuditDto): Promise<Audit> {
    const { version } = await this.catalogs.findVersion(dto.catalog.code, dto.catalog.version);
    const items = await this.catalogs.itemsOf(version.id);
    return this.uow.run(async (em) => {
      const auditee = await em.findOne(Organisation, { where: { id: dto.auditeeId } });
      if (!auditee) throw fieldError('auditeeId', 'exists', { ja: '被監査主体が存在しません。', en: 'auditeeId does not name an organisation.' });
      assertAuditDefinition(actorFacts(actor), {
        kind: dto.kind, forCauseTrigger: dto.forCauseTrigger ?? null, annualPlanId: dto.planId === undefined ? null : String(dto.planId),
        auditeeKind: auditee.kind, documentDeadline: dto.documentDeadline ?? null, visitDate: dto.visitDate ?? null,
      });
      const scope = resolveScope(items.map((i) => i.no), dto.scopeItems, dto.exclusionReason);
      let fiscalYear: number;
      if (dto.kind === 'planned') {
        const plan = await this.plans.get(dto.planId!, em);
        if (!dto.plannedMonth) throw fieldError('plannedMonth', 'isDefined', { ja: '計画監査には実施予定月が必要です。', en: 'A planned audit needs plannedMonth.' });
        const current = planFacts(plan, await this.planEntries(em, plan.id));
        await this.plans.applyRevision(em, actor, plan, {
          ...current, entries: [...current.entries, { auditeeOrganisationId: String(auditee.id), plannedMonth: dto.plannedMonth }],
        }, dto.revisionReason ?? null, { addAudit: { auditeeId: auditee.id, plannedMonth: dto.plannedMonth } });
        await this.plans.markSelected(em, plan.id, auditee.id);
        fiscalYear = plan.fiscalYear;
      } else {
        fiscalYear = dto.plannedMonth ? fiscalYearOfMonth(dto.plannedMonth) : fiscalYearOf(dto.visitDate ?? this.clock.today());
      }
      if (dto.managerId) await this.assertManager(em, dto.managerId);
      const count = await em.count(Audit, { where: { fiscalYear } });
      const audit = await em.save(em.create(Audit, {
        reference: `${fiscalYear}-${String(count + 1).padStart(2, '0')}${dto.kind === 'for_cause' ? 'C' : ''}`,
        kind: dto.kind, forCauseTrigger: dto.forCauseTrigger ?? null, planId: dto.kind === 'planned' ? dto.planId! : null, fiscalYear,
        auditeeId: auditee.id, catalogVersionId: version.id, scopeItems: scope.itemNos, scopeExclusionReason: scope.exclusionReason,
        plannedMonth: dto.plannedMonth ?? null, managerId: dto.managerId ?? null, documentDeadline: dto.documentDeadline ?? null,
        visitDate: dto.visitDate ?? null, visitStart: null, visitEnd: null, status: 'planned', cancelReason: null, reportIssuedOn: null,
        remediationPlanDeadline: null, publishedOn: null, earlyPublicationReason: null, openItemsAtPublication: null,
      }));
      await em.insert(Workpaper, scope.itemNos.map((itemNo) => ({
        auditId: audit.id, itemNo, procedures: [], evidenceRefs: [], conclusion: null, notTestedReason: null, version: 1,
      })));
      // The default request list of the document review, tied to the items it evidences; the
      // baseline's numbers only mean something for baseline audits.
      const inScope = new Set(scope.itemNos);
      const isBaseline = dto.catalog.code === 'minimum-baseline';
      await em.insert(DocumentRequest, DEFAULT_DOCUMENT_REQUESTS
        .filter((d) => !isBaseline || d.baselineItemNos.length === 0 || d.baselineItemNos.some((n) => inScope.has(n)))
        .map((d) => ({ auditId: audit.id, title: d.title.ja, titleEn: d.title.en, relatedItems: isBaseline ? [...d.baselineItemNos] : [] })));
      await this.activity.record(em, { actorId: actor.personId, action: 'audit.create', entity: 'audit', entityId: audit.id, auditId: audit.id, after: dto });
      return audit;
    });
  }

  private async planEntries(em: EntityManager, planId: number) {
    const audits = await em.find(Audit, { where: { planId }, select: { auditeeId: true, plannedMonth: true, status: true } });
    return audits.filter((a) => a.status !== 'cancelled').map((a) => ({ auditeeOrganisationId: String(a.auditeeId), plannedMonth: a.plannedMonth! }));
  }

  private async assertManager(em: EntityManager, managerId: number): Promise<Person> {
    const manager = await em.findOne(Person, { where: { id: managerId } });
    if (!manager || !manager.roles.includes('audit_manager')) {
      throw fieldError('managerId', 'isAuditManager', { ja: '監査責任者には監査責任者の役割を持つ人を指名してください。', en: 'managerId must name a person with the audit manager role.' });
    }
    return manager;
  }

  /** The audits this person may see: the chief all; managers, auditors and auditees their own. */
  async list(actor: Actor, query: AuditListQuery): Promise<Audit[]> {
    const qb = this.audits.createQueryBuilder('a').leftJoinAndSelect('a.auditee', 'auditee').orderBy('a.fiscalYear', 'DESC').addOrderBy('a.id', 'ASC');
    if (query.fiscalYear) qb.andWhere('a.fiscalYear = :fy', { fy: query.fiscalYear });
    if (query.status) qb.andWhere('a.status = :status', { status: query.status });
    if (query.auditeeId) qb.andWhere('a.auditeeId = :auditeeId', { auditeeId: query.auditeeId });
    if (!actor.roles.includes('chief_audit_executive')) {
      qb.andWhere(new Brackets((w) => {
        w.where('a.managerId = :me', { me: actor.personId })
          .orWhere('a.id IN (SELECT m.audit_id FROM audit_team_member m WHERE m.person_id = :me)', { me: actor.personId });
        if (actor.roles.includes('auditee_manager') || actor.roles.includes('auditee_staff')) {
          w.orWhere('a.auditeeId = :org', { org: actor.organisationId });
        }
      }));
    }
    return qb.getMany();
  }

  /** The audit as its page shows it: people, counts, the next step and what it still needs. */
  async detail(actor: Actor, id: number) {
    return this.detailOf(await this.context.load(actor, id));
  }

  async detailOf(loaded: LoadedAudit) {
    const { audit } = loaded;
    const em = this.audits.manager;
    const [auditee, { snapshot, people }, catalog] = await Promise.all([
      em.findOneByOrFail(Organisation, { id: audit.auditeeId }),
      loadSnapshot(em, loaded, this.clock.today()),
      this.catalogs.versionById(audit.catalogVersionId),
    ]);
    const manager = audit.managerId ? people.get(audit.managerId) ?? null : null;
    const team = loaded.teamPersonIds.map((personId) => people.get(personId)).filter((p): p is Person => !!p);
    // Workpaper progress is the audit body's working information, as the workpapers are.
    const auditBody = canPerform('workpaper.view', audit.status, loaded.relations);
    const inScope = snapshot.workpapers.filter((w) => w.inScope);
    const findingsVisible = canPerform('finding.view', audit.status, loaded.relations);
    return {
      ...audit,
      auditee: { id: auditee.id, key: auditee.key, kind: auditee.kind, name: auditee.name, nameEn: auditee.nameEn, prefectureCode: auditee.prefectureCode },
      catalog: { code: catalog.catalog.code, title: { ja: catalog.catalog.titleJa, en: catalog.catalog.titleEn }, version: catalog.version, itemCount: catalog.itemCount },
      manager: manager ? { id: manager.id, name: manager.name, jobTitle: manager.jobTitle } : null,
      team: team.map((p) => ({ id: p.id, name: p.name, jobTitle: p.jobTitle, roles: p.roles })),
      myRelations: loaded.relations,
      progress: auditBody ? {
        workpapers: inScope.length,
        concluded: inScope.filter((w) => w.conclusion !== null).length,
        preparerSigned: inScope.filter((w) => w.preparerSignedBy).length,
        reviewerSigned: inScope.filter((w) => w.reviewerSignedBy).length,
      } : undefined,
      findingCounts: findingsVisible ? countBy(snapshot.findings.map((f) => f.severity)) : undefined,
      documentRequests: { total: snapshot.documentRequests.length, answered: snapshot.documentRequests.filter((d) => d.uploadedFileCount > 0).length },
      nextActions: nextActions(audit.status, snapshot),
      availableTransitions: availableTransitions(audit.status, loaded.relations).map((t) => ({ to: t.to, action: t.action, requiresReason: t.requiresReason, early: t.early })),
    };
  }

  /** 監査チームの編成: the team rule is checked here and again before fieldwork. */
  async setTeam(actor: Actor, id: number, dto: SetTeamDto): Promise<LoadedAudit['audit']> {
    return this.uow.run(async (em) => {
      const loaded = await this.context.require(actor, id, 'audit.setTeam', em);
      const { audit } = loaded;
      let managerId = audit.managerId;
      if (dto.managerId !== undefined && dto.managerId !== audit.managerId) {
        assertAuditAction('audit.assignManager', audit.status, loaded.ctx.actor, loaded.access);
        await this.assertManager(em, dto.managerId);
        managerId = dto.managerId;
      }
      const members = await em.findBy(Person, dto.memberIds.map((pid) => ({ id: pid })));
      const unknown = dto.memberIds.filter((pid) => !members.some((m) => m.id === pid));
      if (unknown.length) throw fieldError('memberIds', 'exists', { ja: `存在しない人物が含まれています: ${unknown.join(', ')}`, en: `Unknown people: ${unknown.join(', ')}` });
      const manager = managerId ? await em.findOneByOrFail(Person, { id: managerId }) : null;
      assertTeam({
        auditeeOrganisationId: String(audit.auditeeId), manager: manager ? personFacts(manager) : null,
        members: members.map(personFacts), referenceDate: this.clock.today(),
      });
      const before = { managerId: audit.managerId, memberIds: (await em.find(AuditTeamMember, { where: { auditId: id } })).map((m) => m.personId) };
      await em.delete(AuditTeamMember, { auditId: id });
      if (members.length) await em.insert(AuditTeamMember, members.map((m) => ({ auditId: id, personId: m.id })));
      audit.managerId = managerId;
      const saved = await em.save(audit);
      await this.activity.record(em, { actorId: actor.personId, action: 'audit.team', entity: 'audit', entityId: id, auditId: id, before, after: { managerId, memberIds: dto.memberIds } });
      return saved;
    });
  }

  async setSchedule(actor: Actor, id: number, dto: SetScheduleDto): Promise<Audit> {
    return this.uow.run(async (em) => {
      const loaded = await this.context.load(actor, id, em);
      const { audit } = loaded;
      if (dto.remediationPlanDeadline !== undefined && Object.keys(dto).length === 1) {
        assertAuditAction('submission.review', audit.status, loaded.ctx.actor, loaded.access);
      } else {
        assertAuditAction('audit.setDates', audit.status, loaded.ctx.actor, loaded.access);
      }
      const before = { documentDeadline: audit.documentDeadline, visitDate: audit.visitDate, visitStart: audit.visitStart, visitEnd: audit.visitEnd, plannedMonth: audit.plannedMonth };
      if (dto.plannedMonth && dto.plannedMonth !== audit.plannedMonth && audit.planId) {
        const plan = await this.plans.get(audit.planId, em);
        const current = planFacts(plan, await this.planEntries(em, plan.id));
        const entries = current.entries.map((e) => e.auditeeOrganisationId === String(audit.auditeeId) && e.plannedMonth === audit.plannedMonth ? { ...e, plannedMonth: dto.plannedMonth! } : e);
        await this.plans.applyRevision(em, actor, plan, { ...current, entries }, dto.revisionReason ?? null, { moveAudit: id, plannedMonth: dto.plannedMonth });
      }
      Object.assign(audit, Object.fromEntries(Object.entries(dto).filter(([k, v]) => v !== undefined && k !== 'revisionReason')));
      const problems = checkAuditDates({ documentDeadline: audit.documentDeadline, visitDate: audit.visitDate });
      if (problems.length) throw new KansaError(HttpStatus.BAD_REQUEST, problems[0].code, { ja: problems[0].ja, en: problems[0].en }, { violations: problems });
      const saved = await em.save(audit);
      await this.activity.record(em, { actorId: actor.personId, action: 'audit.schedule', entity: 'audit', entityId: id, auditId: id, before, after: dto });
      return saved;
    });
  }

  /** Scope changes add workpapers for new items; workpapers of dropped items stay, out of scope. */
  async setScope(actor: Actor, id: number, dto: SetScopeDto): Promise<Audit> {
    return this.uow.run(async (em) => {
      const { audit } = await this.context.require(actor, id, 'audit.setScope', em);
      const items = await this.catalogs.itemsOf(audit.catalogVersionId);
      const scope = resolveScope(items.map((i) => i.no), dto.scopeItems, dto.exclusionReason);
      const existing = new Set((await em.find(Workpaper, { where: { auditId: id }, select: { itemNo: true } })).map((w) => w.itemNo));
      const missing = scope.itemNos.filter((n) => !existing.has(n));
      if (missing.length) await em.insert(Workpaper, missing.map((itemNo) => ({ auditId: id, itemNo, procedures: [], evidenceRefs: [], conclusion: null, notTestedReason: null, version: 1 })));
      const before = { scopeItems: audit.scopeItems, exclusionReason: audit.scopeExclusionReason };
      audit.scopeItems = scope.itemNos;
      audit.scopeExclusionReason = scope.exclusionReason;
      const saved = await em.save(audit);
      await this.activity.record(em, { actorId: actor.personId, action: 'audit.scope', entity: 'audit', entityId: id, auditId: id, before, after: { scopeItems: scope.itemNos, exclusionReason: scope.exclusionReason } });
      return saved;
    });
  }

  /** One step of the process; every unmet precondition comes back at once (409). */
  async transition(actor: Actor, id: number, dto: TransitionDto): Promise<Audit> {
    return this.uow.run(async (em) => {
      const loaded = await this.context.load(actor, id, em);
      const { audit } = loaded;
      const today = this.clock.today();
      const { snapshot } = await loadSnapshot(em, loaded, today);
      const rule = assertTransition(audit.status, dto.to, { ...snapshot, actor: loaded.ctx.actor, reason: dto.reason ?? null });
      const from = audit.status;
      audit.status = dto.to;
      if (dto.to === 'cancelled') audit.cancelReason = dto.reason!.trim();
      if (dto.to === 'reported') {
        audit.reportIssuedOn = today;
        audit.remediationPlanDeadline ??= addDays(today, DEFAULT_PLAN_DAYS);
      }
      if (dto.to === 'published') {
        audit.publishedOn = today;
        if (rule.early) {
          audit.earlyPublicationReason = dto.reason!.trim();
          audit.openItemsAtPublication = openItems(snapshot).map(({ findingId, severity, kind, ja, en }) => ({ findingId, severity, kind, ja, en }));
        }
      }
      const saved = await em.save(audit);
      await this.listeners.notify({ em, audit: saved, from, to: dto.to, actor });
      await this.activity.record(em, {
        actorId: actor.personId, action: 'audit.transition', entity: 'audit', entityId: id, auditId: id,
        before: { status: from }, after: { status: dto.to, reason: dto.reason ?? null, early: rule.early },
      });
      return saved;
    });
  }
}

function countBy(values: string[]): Record<string, number> {
  const out: Record<string, number> = { major: 0, minor: 0, recommendation: 0 };
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}
