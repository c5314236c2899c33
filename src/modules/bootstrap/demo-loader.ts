import { HttpException, Injectable, Logger, type Type } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { join } from 'node:path';
import { DataSource, In } from 'typeorm';
import { AUDITEE_ROLES, DomainError, type AuditStatus, type IsoDate, type Role } from '../../audit';
import { Clock } from '../../common/clock';
import { KansaError } from '../../common/errors';
import { SEEDS_DIR } from '../../common/paths';
import { kansaValidationPipe } from '../../common/validation';
import { KansaSettings } from '../../config/kansa-config.service';
import { UnitOfWork } from '../../database/unit-of-work';
import { ActivityLogEntry } from '../activity/activity.entity';
import { ActivityService } from '../activity/activity.service';
import { Audit, DocumentRequest, Workpaper } from '../audits/audit.entity';
import { AuditsService } from '../audits/audits.service';
import { CreateAuditDto, SetScheduleDto, SetTeamDto, TransitionDto } from '../audits/audits.dto';
import { DocumentRequestDto, DocumentReviewDto } from '../audits/documents.dto';
import { DocumentsService } from '../audits/documents.service';
import {
  FindingResponseDto, PlanSubmissionDto, RaiseFindingDto, RecommendationAnswerDto, ReportSubmissionDto, SubmissionReviewDto,
} from '../audits/findings.dto';
import { FindingsService } from '../audits/findings.service';
import { ReviewNoteDto, SaveWorkpaperDto } from '../audits/workpapers.dto';
import { WorkpapersService } from '../audits/workpapers.service';
import type { Actor } from '../auth/actor';
import { Organisation, Person } from '../organisations/organisation.entity';
import { CreateOrganisationDto, CreatePersonDto } from '../organisations/organisations.dto';
import { OrganisationsService } from '../organisations/organisations.service';
import { AnnualPlan } from '../plans/plan.entity';
import { ApplicationDto, CreatePlanDto, DeclineApplicationDto } from '../plans/plans.dto';
import { ReportTextsDto } from '../reports/reports.dto';
import { ReportsService } from '../reports/reports.service';
import { PlansService } from '../plans/plans.service';
import { readDemoData, type DemoAudit, type DemoDataSet, type DemoFinding, type DemoWorkpaper } from './demo-data';
import { placeholderUpload } from './demo-files';

/** Every person of the demo data set logs in with this password (no change required). */
export const DEMO_PASSWORD = 'kansa-demo-2026';

/** The activity-log entry written, in the last transaction, once the whole data set is loaded. */
export const DEMO_MARKER_ACTION = 'demo.loaded';

export const DEMO_DIR = join(SEEDS_DIR, 'demo');

/**
 * Same-day order of the steps: within one day the process runs in its own order (an answer is
 * uploaded before the review starts; a finding is raised before the results are put to the
 * auditee …). Steps of equal date and rank keep the order of the data files.
 */
const RANK = {
  organisation: 0, person: 1, planCreate: 2, application: 3,
  auditCreate: 10, /* + */ auditSchedule: 1, planApprove: 15, auditCreateByRevision: 16, applicationDecline: 17, team: 20,
  requestList: 30, toDocumentsRequested: 31, upload: 40, toDocumentReview: 50, documentReviewNote: 55, toFieldwork: 60,
  workpaperSave: 70, preparerSignOff: 72, findingRaise: 73, reviewNoteAdd: 74, reviewNoteClear: 75, reviewerSignOff: 76,
  toResultsAgreement: 90, findingResponse: 95, toReported: 100, toRemediation: 110,
  remediationPlan: 120, recommendationAnswer: 121, planReview: 125, evidenceUpload: 128, resultReport: 130, reportReview: 135,
  toVerified: 140, publicStatement: 145, toPublished: 150,
} as const;

/** The states of the main path the demo audits reach, with the date field of each. */
const PATH: { status: AuditStatus; date: keyof DemoAudit['dates']; rank: number }[] = [
  { status: 'documents_requested', date: 'documentsRequestedOn', rank: RANK.toDocumentsRequested },
  { status: 'document_review', date: 'documentReviewStartedOn', rank: RANK.toDocumentReview },
  { status: 'fieldwork', date: 'fieldworkStartedOn', rank: RANK.toFieldwork },
  { status: 'results_agreement', date: 'resultsAgreedOn', rank: RANK.toResultsAgreement },
  { status: 'reported', date: 'reportedOn', rank: RANK.toReported },
  { status: 'remediation', date: 'remediationStartedOn', rank: RANK.toRemediation },
  { status: 'verified', date: 'verifiedOn', rank: RANK.toVerified },
  { status: 'published', date: 'publishedOn', rank: RANK.toPublished },
];

interface Step {
  date: IsoDate;
  rank: number;
  seq: number;
  /** The audit key, or what else the step is about. */
  subject: string;
  label: string;
  run: () => Promise<unknown>;
}

/** Thrown when a step of the demo data set is refused: a bug in the data or in the services. */
export class DemoLoadError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DemoLoadError';
  }
}

/** Names what went wrong: the domain's violations, or the API error's code, message and fields. */
export function describeRefusal(error: unknown): string {
  if (error instanceof DomainError) return `${error.kind}: ${error.violations.map((v) => `${v.code} — ${v.en}`).join('; ')}`;
  if (error instanceof KansaError) {
    const parts = [`${error.getStatus()} ${error.code} — ${error.bilingual.en}`];
    for (const v of error.extra.violations ?? []) parts.push(`${v.code} — ${v.en}`);
    for (const f of error.extra.fields ?? []) parts.push(`${f.field}: ${f.messages.join(', ')}`);
    return parts.join('; ');
  }
  if (error instanceof HttpException) return `${error.getStatus()} ${JSON.stringify(error.getResponse())}`;
  return error instanceof Error ? error.message : String(error);
}

/**
 * Loads the demo data set (seeds/demo) through the domain services, as the people of the data
 * set would have entered it through the API: every step runs as the person who took it, on the
 * day it happened (Clock.runOn), through the same service method and DTO validation as the HTTP
 * API, so every rule of src/audit is enforced. The repositories are used only to look up ids by
 * natural key. A refused step is a bug in the data or the services: loading stops with the
 * audit, the step and the violations.
 *
 * Loaded once: the last transaction writes the activity-log entry `demo.loaded`. Without it, a
 * database that holds data is refused (a previous load failed midway, or the database is not
 * new) with instructions rather than loaded twice.
 */
@Injectable()
export class DemoLoader {
  private readonly logger = new Logger('Demo');

  constructor(
    private readonly settings: KansaSettings,
    private readonly clock: Clock,
    private readonly uow: UnitOfWork,
    private readonly activity: ActivityService,
    private readonly organisations: OrganisationsService,
    private readonly plans: PlansService,
    private readonly audits: AuditsService,
    private readonly documents: DocumentsService,
    private readonly workpapers: WorkpapersService,
    private readonly findings: FindingsService,
    private readonly reports: ReportsService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** True when the marker of a complete load is in the activity log. */
  async isLoaded(): Promise<boolean> {
    return (await this.dataSource.getRepository(ActivityLogEntry).count({ where: { action: DEMO_MARKER_ACTION } })) > 0;
  }

  async loadOnce(dir: string = DEMO_DIR): Promise<void> {
    if (await this.isLoaded()) {
      this.logger.log('Demo data already loaded (activity log: demo.loaded); nothing to do.');
      return;
    }
    const data = readDemoData(dir);
    await this.assertEmpty(data);
    const started = Date.now();
    const replay = new DemoReplay(data, this);
    await replay.run();
    const ms = Date.now() - started;
    const summary = await this.summary(data, replay, ms);
    this.logger.log(summary);
    this.logger.log(`Log in as any person of seeds/demo/people.json with the password "${DEMO_PASSWORD}", e.g. ${data.people.find((p) => p.roles.includes('chief_audit_executive'))?.email} (chief audit executive).`);
  }

  /** The services, for the replay (one run of the data set). */
  get services() {
    return {
      settings: this.settings, clock: this.clock, uow: this.uow, activity: this.activity, organisations: this.organisations, plans: this.plans,
      audits: this.audits, documents: this.documents, workpapers: this.workpapers, findings: this.findings, reports: this.reports, dataSource: this.dataSource,
    };
  }

  private async assertEmpty(data: DemoDataSet): Promise<void> {
    const em = this.dataSource.manager;
    const demoOrganisations = await em.count(Organisation, { where: { key: In(data.organisations.map((o) => o.key)) } });
    const demoPeople = await em.count(Person, { where: { email: In(data.people.map((p) => p.email.toLowerCase())) } });
    const anyOrganisation = await em.count(Organisation);
    const anyPerson = await em.count(Person);
    const anyAudit = await em.count(Audit);
    const where = this.databaseDescription();
    // More than the audit body (which the first administrator's start also creates) or any of
    // its people: a load of this data set began and did not finish.
    if (demoPeople > 0 || demoOrganisations > 1) {
      throw new DemoLoadError(
        `The demo data set was not loaded completely: the database already holds ${demoOrganisations} of its organisations and ${demoPeople} of its people, ` +
          `but not the "${DEMO_MARKER_ACTION}" entry that a complete load writes last — a previous load failed midway. ` +
          `Stop Kansa, delete the database (${where}) and the uploaded files (${join(this.settings.value.dataDir, 'files')}), and start again with KANSA_DEMO_DATA=true.`,
      );
    }
    if (anyOrganisation + anyPerson + anyAudit > 0) {
      throw new DemoLoadError(
        `KANSA_DEMO_DATA=true, but the database (${where}) already holds data (${anyOrganisation} organisations, ${anyPerson} people, ${anyAudit} audits) ` +
          `and no "${DEMO_MARKER_ACTION}" entry. The demo data set is loaded only into a new, empty database: start with KANSA_DEMO_DATA=false to keep this database, ` +
          `or point DATABASE_URL at a new database (or delete ${where}) to see the demo.`,
      );
    }
  }

  private databaseDescription(): string {
    const db = this.settings.value.database;
    return db.type === 'sqlite' ? `the file ${db.path}` : 'the PostgreSQL database of DATABASE_URL';
  }

  private async summary(data: DemoDataSet, replay: DemoReplay, ms: number): Promise<string> {
    const em = this.dataSource.manager;
    const audits = await em.find(Audit, { order: { id: 'ASC' } });
    const byState = new Map<string, number>();
    for (const a of audits) byState.set(a.status, (byState.get(a.status) ?? 0) + 1);
    const plan = await em.findOne(AnnualPlan, { where: { fiscalYear: data.plan.fiscalYear } });
    return [
      `Demo data loaded in ${(ms / 1000).toFixed(1)} s (${replay.stepCount} steps through the domain services):`,
      `${await em.count(Organisation)} organisations, ${await em.count(Person)} people,`,
      `plan FY${data.plan.fiscalYear} ${plan?.status ?? '-'} (revision ${plan?.revision ?? '-'}),`,
      `${audits.length} audits — ${[...byState].map(([s, n]) => `${s} ${n}`).join(', ')};`,
      `${replay.counts.findings} findings, ${replay.counts.files} files, ${replay.counts.workpaperSaves} workpaper saves.`,
    ].join(' ');
  }
}

/** One run of the data set: builds the timeline of steps, then replays it day by day. */
class DemoReplay {
  readonly counts = { findings: 0, files: 0, workpaperSaves: 0 };
  stepCount = 0;
  private readonly s: DemoLoader['services'];
  private readonly steps: Step[] = [];
  private readonly pipe = kansaValidationPipe();
  // Ids learnt while replaying, by natural key.
  private readonly organisationIds = new Map<string, number>();
  private readonly actors = new Map<string, Actor>();
  private planId = 0;
  private readonly auditIds = new Map<string, number>();
  private readonly requestIds = new Map<string, number>();
  private readonly workpaperRefs = new Map<string, { id: number; version: number }>();
  private readonly findingIds = new Map<string, number>();
  private readonly submissionIds = new Map<string, number>();
  private readonly evidenceIds = new Map<string, number[]>();

  constructor(private readonly data: DemoDataSet, loader: DemoLoader) {
    this.s = loader.services;
  }

  async run(): Promise<void> {
    this.planSetup();
    for (const audit of this.data.audits) this.planAudit(audit);
    const ordered = [...this.steps].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.rank - b.rank || a.seq - b.seq));
    for (const step of ordered) {
      try {
        await this.s.clock.runOn(step.date, step.run);
      } catch (error) {
        throw new DemoLoadError(`Demo data refused — ${step.subject}, step "${step.label}" on ${step.date}: ${describeRefusal(error)}`, { cause: error });
      }
      this.stepCount++;
    }
    await this.verifyTargets();
    const last = ordered[ordered.length - 1]?.date ?? this.data.today;
    await this.s.clock.runOn(last, () =>
      this.s.uow.run((em) =>
        this.s.activity.record(em, {
          actorId: null, action: DEMO_MARKER_ACTION, entity: 'demo', entityId: null,
          after: {
            dataSet: 'seeds/demo', today: this.data.today, steps: this.stepCount,
            audits: Object.fromEntries([...this.auditIds].map(([key, id]) => [key, id])),
          },
        }),
      ),
    );
  }

  // --- helpers ----------------------------------------------------------------------------------

  private add(date: IsoDate | undefined | null, rank: number, subject: string, label: string, run: () => Promise<unknown>): void {
    if (!date) throw new DemoLoadError(`Demo data: ${subject}, step "${label}" has no date`);
    this.steps.push({ date, rank, seq: this.steps.length, subject, label, run });
  }

  /** The DTO as the HTTP API would receive it: validated and transformed by the global pipe. */
  private async dto<T>(metatype: Type<T>, value: object): Promise<T> {
    return (await this.pipe.transform(value, { type: 'body', metatype })) as T;
  }

  private actor(email: string): Actor {
    const found = this.actors.get(email.toLowerCase());
    if (!found) throw new DemoLoadError(`Demo data: no person with the e-mail ${email} (people.json)`);
    return found;
  }

  /** The auditee's person with a role (the manager answers, the staff uploads), else anyone of it with an auditee role. */
  private auditeePerson(orgKey: string, role: Role): Actor {
    const people = this.data.people.filter((p) => p.organisation === orgKey && p.roles.some((r) => AUDITEE_ROLES.includes(r)));
    const person = people.find((p) => p.roles.includes(role)) ?? people[0];
    if (!person) throw new DemoLoadError(`Demo data: organisation ${orgKey} has no person with an auditee role to act for it (people.json)`);
    return this.actor(person.email);
  }

  private chief(): Actor {
    const chief = this.data.people.find((p) => p.roles.includes('chief_audit_executive'));
    if (!chief) throw new DemoLoadError('Demo data: people.json names no chief audit executive');
    return this.actor(chief.email);
  }

  private organisationId(key: string): number {
    const id = this.organisationIds.get(key);
    if (id === undefined) throw new DemoLoadError(`Demo data: unknown organisation key ${key}`);
    return id;
  }

  private auditId(key: string): number {
    const id = this.auditIds.get(key);
    if (id === undefined) throw new DemoLoadError(`Demo data: audit ${key} has not been created yet`);
    return id;
  }

  private workpaper(auditKey: string, item: number): { id: number; version: number } {
    const ref = this.workpaperRefs.get(`${auditKey}#${item}`);
    if (!ref) throw new DemoLoadError(`Demo data: audit ${auditKey} has no workpaper for item ${item}`);
    return ref;
  }

  private toActor(person: Person, organisation: Organisation): Actor {
    return {
      personId: person.id, organisationId: person.organisationId, organisationKind: organisation.kind, roles: person.roles,
      name: person.name, email: person.email, sessionId: 0, sessionKind: 'api', mustChangePassword: false,
    };
  }

  // --- organisations, people, the annual plan -----------------------------------------------------

  private planSetup(): void {
    const { organisations, people, plan } = this.data;
    const planCreatedOn = [plan.call?.opensOn, plan.approvedOn, ...plan.applications.map((a) => a.receivedOn)].filter((d): d is string => !!d).sort()[0];
    const setupOn = [planCreatedOn, ...people.map((p) => p.pledgeSignedOn).filter((d): d is string => !!d)].sort()[0];
    const body = organisations.find((o) => o.kind === 'audit_body');
    const chief = people.find((p) => p.roles.includes('chief_audit_executive'));
    if (!body || !chief || chief.organisation !== body.key) throw new DemoLoadError('Demo data: the audit body and its chief audit executive are required');

    // The audit body and its chief come first (nobody to act for them yet, like the first
    // administrator); the chief then registers every other organisation and person.
    const ordered = [body, ...organisations.filter((o) => o !== body)];
    for (const o of ordered) {
      this.add(setupOn, RANK.organisation, `organisation ${o.key}`, 'create organisation', async () => {
        const dto = await this.dto(CreateOrganisationDto, {
          key: o.key, kind: o.kind, name: o.name, nameEn: o.nameEn,
          ...(o.kind === 'registry' ? { prefectureCode: o.prefectureCode } : {}),
          ...(o.kind === 'data_user' ? { usageFrom: o.usagePeriod?.from, usageTo: o.usagePeriod?.to, dataKind: o.dataKind } : {}),
        });
        const saved = await this.s.organisations.create(o === body ? null : this.chief(), dto);
        this.organisationIds.set(o.key, saved.id);
      });
      if (o === body) this.addPerson(setupOn, chief, true);
    }
    for (const p of people.filter((x) => x !== chief)) this.addPerson(setupOn, p, false);

    const planner = plan.approvedBy ?? chief.email;
    this.add(planCreatedOn, RANK.planCreate, `plan ${plan.fiscalYear}`, 'create the annual plan with its call for volunteers', async () => {
      const dto = await this.dto(CreatePlanDto, {
        fiscalYear: plan.fiscalYear, title: plan.title,
        call: { opensOn: plan.call.opensOn, closesOn: plan.call.closesOn, description: plan.call.description },
      });
      this.planId = (await this.s.plans.create(this.actor(planner), dto)).id;
    });
    for (const application of plan.applications) {
      const hasAuditee = people.some((p) => p.organisation === application.organisation && p.roles.includes('auditee_manager'));
      this.add(application.receivedOn, RANK.application, `plan ${plan.fiscalYear}`, `application of ${application.organisation}`, async () => {
        // An auditee volunteers itself; for one without people in the data set, the audit body records the application it received.
        const actor = hasAuditee ? this.auditeePerson(application.organisation, 'auditee_manager') : this.actor(planner);
        const dto = await this.dto(ApplicationDto, { organisationId: this.organisationId(application.organisation), receivedOn: application.receivedOn, note: application.note });
        await this.s.plans.apply(actor, this.planId, dto);
      });
    }
    // The applications not selected are declined, with their reason, when the selection was made:
    // the first revision of the plan after the call closed (else the closing day).
    const selectedOn = plan.revisions.map((r) => r.revisedOn).filter((d) => d >= plan.call.closesOn).sort()[0] ?? plan.call.closesOn;
    for (const application of plan.applications.filter((a) => !a.selected && a.decisionNote)) {
      this.add(selectedOn, RANK.applicationDecline, `plan ${plan.fiscalYear}`, `decline the application of ${application.organisation}`, async () => {
        const plan = await this.s.plans.get(this.planId);
        const stored = plan.applications.find((a) => a.organisationId === this.organisationId(application.organisation));
        if (!stored) throw new DemoLoadError(`Demo data: no application of ${application.organisation} to decline`);
        const dto = await this.dto(DeclineApplicationDto, { reason: application.decisionNote });
        await this.s.plans.declineApplication(this.actor(planner), this.planId, stored.id, dto.reason);
      });
    }
    if (plan.status === 'approved') {
      if (!plan.approvedBy || !plan.approvedOn) throw new DemoLoadError('Demo data: plan.json is approved but names no approvedBy/approvedOn');
      this.add(plan.approvedOn, RANK.planApprove, `plan ${plan.fiscalYear}`, 'approve the annual plan', () => this.s.plans.approve(this.actor(plan.approvedBy!), this.planId));
    }
  }

  private addPerson(date: IsoDate, p: DemoDataSet['people'][number], first: boolean): void {
    this.add(date, first ? RANK.organisation : RANK.person, `person ${p.email}`, 'create person', async () => {
      const dto = await this.dto(CreatePersonDto, {
        organisationId: this.organisationId(p.organisation), email: p.email, name: p.name, nameEn: p.nameEn, jobTitle: p.title, roles: p.roles,
        ...(p.pledgeSignedOn ? { pledgeSignedOn: p.pledgeSignedOn } : {}),
        conflictOrganisationIds: p.conflictsWith.map((k) => this.organisationId(k)),
        initialPassword: DEMO_PASSWORD,
      });
      const person = await this.s.organisations.createPerson(first ? null : this.chief(), dto, undefined, { mustChangePassword: false });
      const organisation = await this.s.dataSource.manager.findOneByOrFail(Organisation, { id: person.organisationId });
      this.actors.set(person.email, this.toActor(person, organisation));
    });
  }

  // --- one audit --------------------------------------------------------------------------------

  private planAudit(a: DemoAudit): void {
    const { plan } = this.data;
    const subject = `audit ${a.key}`;
    const d = a.dates;
    const revision = plan.revisions.find((r) => r.addedAudits.includes(a.key));
    if (a.kind === 'planned' && a.plan !== plan.fiscalYear) throw new DemoLoadError(`Demo data: ${subject} names plan ${a.plan}, not ${plan.fiscalYear}`);

    // Creation: a planned audit is added to the plan before its approval, or by the revision
    // that names it (the chief, with the revision's reason); a for-cause audit when it is created.
    let createdOn: IsoDate | undefined;
    let createdBy: string;
    if (revision) {
      createdOn = revision.revisedOn;
      createdBy = revision.revisedBy;
    } else if (a.kind === 'planned') {
      createdOn = d.createdOn ?? plan.approvedOn ?? d.teamSetOn;
      createdBy = plan.approvedBy ?? this.data.people.find((p) => p.roles.includes('chief_audit_executive'))!.email;
    } else {
      createdOn = d.createdOn ?? a.triggerReceivedOn ?? d.teamSetOn;
      createdBy = this.data.people.find((p) => p.roles.includes('chief_audit_executive'))!.email;
    }
    const createRank = revision ? RANK.auditCreateByRevision : RANK.auditCreate;
    this.add(createdOn, createRank, subject, revision ? 'add the audit to the approved plan (revision)' : 'create the audit', async () => {
      const dto = await this.dto(CreateAuditDto, {
        kind: a.kind,
        ...(a.kind === 'planned' ? { planId: this.planId } : { forCauseTrigger: a.trigger }),
        auditeeId: this.organisationId(a.auditee),
        catalog: { code: a.catalog.code, version: a.catalog.version },
        ...(a.scope.items === 'all' ? {} : { scopeItems: a.scope.items, exclusionReason: a.scope.exclusionReason }),
        plannedMonth: a.plannedMonth,
        managerId: this.actor(a.manager).personId,
        documentDeadline: a.documentDeadline,
        visitDate: a.visitDate,
        ...(revision ? { revisionReason: revision.reason } : {}),
      });
      const audit = await this.s.audits.create(this.actor(createdBy), dto);
      this.auditIds.set(a.key, audit.id);
      for (const wp of await this.s.dataSource.manager.find(Workpaper, { where: { auditId: audit.id }, select: { id: true, itemNo: true, version: true } })) {
        this.workpaperRefs.set(`${a.key}#${wp.itemNo}`, { id: wp.id, version: wp.version });
      }
    });
    this.add(createdOn, createRank + RANK.auditSchedule, subject, 'set the visit hours', async () => {
      const dto = await this.dto(SetScheduleDto, { visitStart: a.visitStart, visitEnd: a.visitEnd });
      await this.s.audits.setSchedule(this.actor(a.manager), this.auditId(a.key), dto);
    });
    this.add(d.teamSetOn, RANK.team, subject, 'appoint the team', async () => {
      const dto = await this.dto(SetTeamDto, { memberIds: a.team.map((m) => this.actor(m).personId) });
      await this.s.audits.setTeam(this.actor(a.manager), this.auditId(a.key), dto);
    });

    this.planDocuments(a);
    this.planWorkpapers(a);
    this.planFindings(a);

    if (a.publication?.summary) {
      // The audit body's statement in the public summary (公表用概要), fixed when the audit is published.
      const publication = a.publication;
      this.add(publication.publishedOn, RANK.publicStatement, subject, 'write the public statement', async () => {
        const actor = this.actor(publication.publishedBy);
        const { version } = await this.s.reports.texts(actor, this.auditId(a.key));
        const dto = await this.dto(ReportTextsDto, { version, publicStatement: publication.summary });
        await this.s.reports.saveTexts(actor, this.auditId(a.key), dto);
      });
    }
    for (const step of PATH) {
      const date = d[step.date];
      if (!date) continue;
      const by = step.status === 'published' && a.publication ? a.publication.publishedBy : a.manager;
      this.add(date, step.rank, subject, `transition to ${step.status}`, async () => {
        const dto = await this.dto(TransitionDto, { to: step.status });
        await this.s.audits.transition(this.actor(by), this.auditId(a.key), dto);
      });
    }
    if (d.reportIssuedOn && d.reportedOn && d.reportIssuedOn !== d.reportedOn) {
      throw new DemoLoadError(`Demo data: ${subject} — the report is issued when the audit is reported (reportIssuedOn ${d.reportIssuedOn} ≠ reportedOn ${d.reportedOn})`);
    }
  }

  /** 事前文書監査: the request list as the data names it, the auditee's answers, the reviewer's notes. */
  private planDocuments(a: DemoAudit): void {
    const requests = a.documentRequests ?? [];
    if (!requests.length) return; // not sent yet: the audit keeps the default list it was created with
    const subject = `audit ${a.key}`;
    const requestedOn = a.dates.documentsRequestedOn ?? requests[0].requestedOn;
    // The list of requests is settled by the manager on the day it is sent: the data's list
    // replaces the default list that every new audit starts with.
    this.add(requestedOn, RANK.requestList, subject, 'settle the document request list', async () => {
      const actor = this.actor(a.manager);
      const auditId = this.auditId(a.key);
      const defaults = await this.s.dataSource.manager.find(DocumentRequest, { where: { auditId }, select: { id: true }, order: { id: 'ASC' } });
      for (const r of defaults) await this.s.documents.removeRequest(actor, auditId, r.id);
      for (const [i, r] of requests.entries()) {
        const dto = await this.dto(DocumentRequestDto, { title: r.title, titleEn: r.titleEn, relatedItems: r.relatedItems });
        this.requestIds.set(`${a.key}#${i}`, (await this.s.documents.addRequest(actor, auditId, dto)).id);
      }
    });
    const uploader = () => this.auditeePerson(a.auditee, 'auditee_staff');
    requests.forEach((r, i) => {
      if (!r.answered) return;
      for (const file of r.files ?? []) {
        this.add(r.answeredOn, RANK.upload, subject, `upload "${file.fileName}" for request ${i + 1} (${r.title})`, async () => {
          const upload = placeholderUpload(file.fileName, file.title, `Demo audit ${a.key} (${a.auditee}), document request ${i + 1}: ${r.titleEn}`);
          await this.s.documents.upload(uploader(), this.auditId(a.key), this.requestIds.get(`${a.key}#${i}`)!, upload);
          this.counts.files++;
        });
      }
      if (r.reviewNote) {
        const reviewStart = a.dates.documentReviewStartedOn;
        const on = [r.answeredOn!, reviewStart ?? r.answeredOn!].sort()[1];
        // The auditor who works the items the document evidences writes the note.
        const author = r.relatedItems.map((n) => a.workpapers?.find((w) => w.item === n)?.preparer).find((x) => !!x) ?? a.team[0];
        this.add(on, RANK.documentReviewNote, subject, `review note on request ${i + 1} (${r.title})`, async () => {
          const dto = await this.dto(DocumentReviewDto, { note: r.reviewNote });
          await this.s.documents.review(this.actor(author), this.auditId(a.key), this.requestIds.get(`${a.key}#${i}`)!, dto);
        });
      }
    });
  }

  /**
   * 監査調書: the procedures are saved on the days they were performed (each save holds what was
   * done so far; the conclusion comes with the last one), then the preparer's and the
   * reviewer's sign-offs and the review notes on their days.
   */
  private planWorkpapers(a: DemoAudit): void {
    const subject = `audit ${a.key}`;
    for (const wp of a.workpapers ?? []) {
      const label = `workpaper item ${wp.item}`;
      const days = [...new Set(wp.procedures.map((p) => p.performedOn))].sort();
      const saveDays = days.length ? days : [wp.preparedOn ?? a.dates.fieldworkStartedOn!];
      saveDays.forEach((day, index) => {
        const last = index === saveDays.length - 1;
        this.add(day, RANK.workpaperSave, subject, `${label}: save${last && wp.conclusion ? ` with conclusion ${wp.conclusion}` : ''}`, async () => {
          const ref = this.workpaper(a.key, wp.item);
          const dto = await this.dto(SaveWorkpaperDto, {
            version: ref.version,
            procedures: wp.procedures.filter((p) => p.performedOn <= day)
              .map((p) => ({ procedure: p.procedure, performedOn: p.performedOn, description: p.description, observation: p.observation })),
            evidenceRefs: [],
            conclusion: last ? wp.conclusion : null,
            notTestedReason: last && wp.conclusion === 'not_tested' ? (wp.notTestedReason ?? null) : null,
          });
          ref.version = (await this.s.workpapers.save(this.actor(wp.editedBy), this.auditId(a.key), ref.id, dto)).version;
          this.counts.workpaperSaves++;
        });
      });
      if (wp.preparer) {
        this.add(wp.preparedOn, RANK.preparerSignOff, subject, `${label}: preparer sign-off`, async () => {
          const ref = this.workpaper(a.key, wp.item);
          ref.version = (await this.s.workpapers.signAsPreparer(this.actor(wp.preparer!), this.auditId(a.key), ref.id, ref.version)).version;
        });
      }
      for (const [n, note] of wp.reviewNotes.entries()) this.planReviewNote(a, wp, n, note);
      if (wp.reviewer) {
        this.add(wp.reviewedOn, RANK.reviewerSignOff, subject, `${label}: reviewer sign-off`, async () => {
          const ref = this.workpaper(a.key, wp.item);
          ref.version = (await this.s.workpapers.signAsReviewer(this.actor(wp.reviewer!), this.auditId(a.key), ref.id, ref.version)).version;
        });
      }
    }
  }

  private planReviewNote(a: DemoAudit, wp: DemoWorkpaper, n: number, note: DemoWorkpaper['reviewNotes'][number]): void {
    const subject = `audit ${a.key}`;
    const label = `workpaper item ${wp.item}: review note ${n + 1}`;
    let noteId = 0;
    this.add(note.on, RANK.reviewNoteAdd, subject, label, async () => {
      const ref = this.workpaper(a.key, wp.item);
      const dto = await this.dto(ReviewNoteDto, { text: note.note });
      const view = await this.s.workpapers.addReviewNote(this.actor(note.by), this.auditId(a.key), ref.id, dto.text);
      noteId = view.reviewNotes.filter((x) => x.status === 'open' && x.text === note.note.trim()).at(-1)!.id;
    });
    if (note.status === 'cleared') {
      // Cleared by its author once answered: at the latest when the reviewer signs.
      const on = wp.reviewedOn ?? [note.on, wp.preparedOn ?? note.on].sort()[1];
      this.add(on, RANK.reviewNoteClear, subject, `${label}: clear`, () =>
        this.s.workpapers.clearReviewNote(this.actor(note.by), this.auditId(a.key), this.workpaper(a.key, wp.item).id, noteId));
    }
  }

  /** 指摘事項, 監査結果の合意 and the follow-up: plans, result reports with evidence, answers. */
  private planFindings(a: DemoAudit): void {
    const subject = `audit ${a.key}`;
    const auditeeManager = () => this.auditeePerson(a.auditee, 'auditee_manager');
    const auditeeStaff = () => this.auditeePerson(a.auditee, 'auditee_staff');
    for (const f of a.findings ?? []) {
      const key = `${a.key}#${f.item}`;
      const label = `finding on item ${f.item} (${f.severity})`;
      const wp = a.workpapers?.find((w) => w.item === f.item);
      if (!wp) throw new DemoLoadError(`Demo data: ${subject} ${label} has no workpaper for its item`);
      // Raised by the workpaper's preparer when concluding it (the data has no date of its own).
      const lastProcedure = wp.procedures.map((p) => p.performedOn).sort().at(-1);
      const raisedOn = [wp.preparedOn ?? lastProcedure ?? a.dates.fieldworkStartedOn!, a.dates.fieldworkStartedOn!].sort()[1];
      this.add(raisedOn, RANK.findingRaise, subject, `raise ${label}`, async () => {
        const dto = await this.dto(RaiseFindingDto, {
          workpaperId: this.workpaper(a.key, f.item).id, severity: f.severity, condition: f.condition, criterion: f.criterion,
          cause: f.cause, effect: f.effect, recommendedAction: f.recommendedAction,
        });
        this.findingIds.set(key, (await this.s.findings.raise(this.actor(wp.preparer ?? wp.editedBy), this.auditId(a.key), dto)).id);
        this.counts.findings++;
      });
      this.add(f.agreedOn, RANK.findingResponse, subject, `auditee ${f.auditeeResponse === 'accepted' ? 'accepts' : 'disputes'} ${label}`, async () => {
        const dto = await this.dto(FindingResponseDto, { response: f.auditeeResponse, ...(f.auditeeResponse === 'disputed' ? { reason: f.disputeReason } : {}) });
        await this.s.findings.respond(auditeeManager(), this.auditId(a.key), this.findingIds.get(key)!, dto);
      });
      this.planRemediation(a, f, key, label, auditeeManager, auditeeStaff);
    }
  }

  private planRemediation(a: DemoAudit, f: DemoFinding, key: string, label: string, manager: () => Actor, staff: () => Actor): void {
    const subject = `audit ${a.key}`;
    const r = f.remediation;
    const findingId = () => this.findingIds.get(key)!;
    if (f.severity === 'recommendation') {
      if (!r.recommendationResponse) return;
      this.add(r.respondedOn, RANK.recommendationAnswer, subject, `answer ${label}: ${r.recommendationResponse}`, async () => {
        // The written answer: the reason when declining; what will be done otherwise (kept in the activity log).
        const text = r.recommendationResponse === 'declined' ? r.declineReason : r.responseText;
        const dto = await this.dto(RecommendationAnswerDto, { response: r.recommendationResponse, ...(text ? { reason: text } : {}) });
        await this.s.findings.answerRecommendation(manager(), this.auditId(a.key), findingId(), dto);
      });
      return;
    }
    const latest = (view: { submissions: { id: number; kind: string; sequence: number }[] }, kind: string) =>
      view.submissions.filter((s) => s.kind === kind).sort((x, y) => x.sequence - y.sequence).at(-1)!.id;
    if (r.plan) {
      const p = r.plan;
      this.add(p.submittedOn, RANK.remediationPlan, subject, `submit the remediation plan for ${label}`, async () => {
        const dto = await this.dto(PlanSubmissionDto, { actions: p.actions, owner: p.owner, dueDate: p.dueDate, intent: 'submit' });
        const view = await this.s.findings.submitPlan(manager(), this.auditId(a.key), findingId(), dto);
        this.submissionIds.set(`${key}#plan`, latest(view, 'remediation_plan'));
      });
      if (p.status !== 'submitted') {
        this.add(p.reviewedOn, RANK.planReview, subject, `${p.status === 'accepted' ? 'accept' : 'return'} the remediation plan for ${label}`, async () => {
          const dto = await this.dto(SubmissionReviewDto, { decision: p.status === 'accepted' ? 'accept' : 'return', ...(p.reviewComment ? { comment: p.reviewComment } : {}) });
          await this.s.findings.review(this.actor(p.reviewedBy ?? a.manager), this.auditId(a.key), findingId(), this.submissionIds.get(`${key}#plan`)!, dto);
        });
      }
    }
    if (r.report) {
      const rep = r.report;
      for (const e of rep.evidence) {
        this.add(rep.submittedOn, RANK.evidenceUpload, subject, `upload evidence "${e.fileName}" for ${label}`, async () => {
          const upload = placeholderUpload(e.fileName, e.title, `Demo audit ${a.key} (${a.auditee}), remediation evidence for item ${f.item}`);
          const file = await this.s.documents.upload(staff(), this.auditId(a.key), null, upload);
          this.evidenceIds.set(key, [...(this.evidenceIds.get(key) ?? []), file.id]);
          this.counts.files++;
        });
      }
      this.add(rep.submittedOn, RANK.resultReport, subject, `submit the result report for ${label}`, async () => {
        const dto = await this.dto(ReportSubmissionDto, { text: rep.text, evidenceFileIds: this.evidenceIds.get(key) ?? [], intent: 'submit' });
        const view = await this.s.findings.submitReport(manager(), this.auditId(a.key), findingId(), dto);
        this.submissionIds.set(`${key}#report`, latest(view, 'result_report'));
      });
      if (rep.status !== 'submitted') {
        this.add(rep.reviewedOn, RANK.reportReview, subject, `${rep.status === 'accepted' ? 'accept' : 'return'} the result report for ${label}`, async () => {
          const dto = await this.dto(SubmissionReviewDto, { decision: rep.status === 'accepted' ? 'accept' : 'return', ...(rep.reviewComment ? { comment: rep.reviewComment } : {}) });
          await this.s.findings.review(this.actor(rep.reviewedBy ?? a.manager), this.auditId(a.key), findingId(), this.submissionIds.get(`${key}#report`)!, dto);
        });
      }
    }
  }

  /** Every audit ended where the data says it is. */
  private async verifyTargets(): Promise<void> {
    const wrong: string[] = [];
    for (const a of this.data.audits) {
      const audit = await this.s.dataSource.manager.findOneByOrFail(Audit, { id: this.auditId(a.key) });
      if (audit.status !== a.targetStatus) wrong.push(`${a.key}: ${audit.status}, expected ${a.targetStatus}`);
    }
    if (wrong.length) throw new DemoLoadError(`Demo data: audits not in their target state — ${wrong.join('; ')}`);
  }
}
