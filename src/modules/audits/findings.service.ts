import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import {
  assertAuditAction, assertFindingResponse, assertRaiseFinding, assertRecommendationAnswer, decideFindingEdit, decidePlanSubmission,
  decideResultReportSubmission, decideSubmissionReview, dueItems, FindingContent, overdue, SubmissionKind,
} from '../../audit';
import { Clock } from '../../common/clock';
import { KansaError } from '../../common/errors';
import { UnitOfWork } from '../../database/unit-of-work';
import { ActivityService } from '../activity/activity.service';
import type { Actor } from '../auth/actor';
import { Audit, Finding, RemediationSubmission, StoredFile, Workpaper } from './audit.entity';
import { AuditContextService, LoadedAudit } from './audit-context.service';
import { findingFacts, latestSubmissions, workpaperFacts } from './audit-snapshot';
import {
  EditFindingDto, FindingResponseDto, PlanSubmissionDto, RaiseFindingDto, RecommendationAnswerDto, ReportSubmissionDto, SubmissionReviewDto,
} from './findings.dto';

const findingNotFound = () => KansaError.notFound({ ja: '指摘事項が見つかりません。', en: 'Finding not found.' }, 'FINDING_NOT_FOUND');

function content(dto: FindingContent): FindingContent {
  return {
    severity: dto.severity, condition: dto.condition, criterion: dto.criterion, cause: dto.cause, effect: dto.effect,
    recommendedAction: dto.recommendedAction,
  };
}

/**
 * 指摘事項 and their follow-up: raised from workpapers, agreed with the auditee (監査結果の合意),
 * then answered with written remediation plans and result reports that the audit body accepts
 * or returns (改善計画・改善報告). Every submission is kept; the latest one counts.
 */
@Injectable()
export class FindingsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly activity: ActivityService,
    private readonly context: AuditContextService,
    @InjectRepository(Finding) private readonly findings: Repository<Finding>,
  ) {}

  async list(actor: Actor, auditId: number) {
    return this.listOf(await this.context.require(actor, auditId, 'finding.view'));
  }

  /** The audit's findings with their submissions (the caller has checked finding.view). */
  async listOf(loaded: LoadedAudit) {
    return this.views(this.findings.manager, loaded, await this.findings.find({ where: { auditId: loaded.audit.id }, order: { seq: 'ASC' } }));
  }

  async get(actor: Actor, auditId: number, findingId: number) {
    const loaded = await this.context.require(actor, auditId, 'finding.view');
    const finding = await this.find(this.findings.manager, auditId, findingId);
    return (await this.views(this.findings.manager, loaded, [finding]))[0];
  }

  private async views(em: EntityManager, loaded: LoadedAudit, findings: Finding[]) {
    const submissions = findings.length
      ? await em.find(RemediationSubmission, { where: { findingId: In(findings.map((f) => f.id)) }, order: { sequence: 'ASC' } })
      : [];
    return findings.map((f) => ({
      id: f.id, ref: `F-${f.seq}`, seq: f.seq, auditId: f.auditId, workpaperId: f.workpaperId, itemNo: f.itemNo, severity: f.severity,
      condition: f.condition, criterion: f.criterion, cause: f.cause, effect: f.effect, recommendedAction: f.recommendedAction,
      auditeeResponse: f.auditeeResponse, disputeReason: f.disputeReason, respondedAt: f.respondedAt,
      recommendationResponse: f.recommendationResponse, recommendationDeclineReason: f.recommendationDeclineReason,
      version: f.version,
      submissions: submissions.filter((s) => s.findingId === f.id).map((s) => ({
        id: s.id, kind: s.kind, sequence: s.sequence, status: s.status, text: s.text, owner: s.owner, dueDate: s.dueDate,
        evidenceFileIds: s.evidenceFileIds, submittedAt: s.submittedAt, reviewedAt: s.reviewedAt, reviewComment: s.reviewComment,
      })),
    }));
  }

  async raise(actor: Actor, auditId: number, dto: RaiseFindingDto) {
    const id = await this.uow.run(async (em) => {
      const loaded = await this.context.require(actor, auditId, 'finding.view', em);
      const wp = await em.findOne(Workpaper, { where: { id: dto.workpaperId, auditId } });
      if (!wp) throw KansaError.notFound({ ja: '監査調書が見つかりません。', en: 'Workpaper not found.' }, 'WORKPAPER_NOT_FOUND');
      assertRaiseFinding(loaded.ctx, workpaperFacts(wp, new Set(loaded.audit.scopeItems), 0), content(dto));
      const seq = (await em.count(Finding, { where: { auditId } })) + 1;
      const saved = await em.save(em.create(Finding, {
        ...content(dto), auditId, workpaperId: wp.id, itemNo: wp.itemNo, seq, createdById: actor.personId,
        auditeeResponse: 'pending', recommendationResponse: 'pending',
      }));
      await this.activity.record(em, { actorId: actor.personId, action: 'finding.raise', entity: 'finding', entityId: saved.id, auditId, after: { ...dto, seq } });
      return saved.id;
    });
    return this.get(actor, auditId, id);
  }

  async edit(actor: Actor, auditId: number, findingId: number, dto: EditFindingDto) {
    await this.uow.run(async (em) => {
      const loaded = await this.context.require(actor, auditId, 'finding.view', em);
      const finding = await this.find(em, auditId, findingId);
      const wp = await em.findOneByOrFail(Workpaper, { id: finding.workpaperId });
      const outcome = decideFindingEdit(loaded.ctx, finding, dto.version, content(dto), workpaperFacts(wp, new Set(loaded.audit.scopeItems), 0));
      if (!outcome.changed) return;
      const before = { ...content(finding), auditeeResponse: finding.auditeeResponse, version: finding.version };
      const changes: Partial<Finding> = { ...content(dto) };
      if (outcome.responseReset) Object.assign(changes, { auditeeResponse: 'pending', disputeReason: null, respondedById: null, respondedAt: null });
      const result = await em.createQueryBuilder().update(Finding).set({ ...changes, version: outcome.version } as never)
        .where('id = :id AND version = :v', { id: finding.id, v: finding.version }).execute();
      if (result.affected === 0) throw new KansaError(409, 'FINDING_VERSION_CONFLICT', { ja: '指摘事項は他の人が更新しました。', en: 'Someone else updated this finding.' });
      await this.activity.record(em, { actorId: actor.personId, action: 'finding.edit', entity: 'finding', entityId: finding.id, auditId, before, after: { ...changes, version: outcome.version } });
    });
    return this.get(actor, auditId, findingId);
  }

  /** 監査結果の合意: the auditee accepts a finding or records its disagreement, which stays on the record. */
  async respond(actor: Actor, auditId: number, findingId: number, dto: FindingResponseDto) {
    await this.uow.run(async (em) => {
      const loaded = await this.context.require(actor, auditId, 'finding.view', em);
      const finding = await this.find(em, auditId, findingId);
      assertFindingResponse(loaded.ctx, dto.response, dto.reason ?? null);
      const before = { auditeeResponse: finding.auditeeResponse, disputeReason: finding.disputeReason };
      await em.update(Finding, finding.id, {
        auditeeResponse: dto.response, disputeReason: dto.response === 'disputed' ? dto.reason!.trim() : null,
        respondedById: actor.personId, respondedAt: this.clock.now(),
      });
      await this.activity.record(em, { actorId: actor.personId, action: 'finding.respond', entity: 'finding', entityId: finding.id, auditId, before, after: dto });
    });
    return this.get(actor, auditId, findingId);
  }

  async submitPlan(actor: Actor, auditId: number, findingId: number, dto: PlanSubmissionDto) {
    return this.submit(actor, auditId, findingId, 'remediation_plan', (loaded, target) =>
      decidePlanSubmission(loaded.ctx, target, { actions: dto.actions, owner: dto.owner, dueDate: dto.dueDate }, dto.intent ?? 'submit', this.clock.today()).status,
    { text: dto.actions, owner: dto.owner, dueDate: dto.dueDate, evidenceFileIds: [] });
  }

  async submitReport(actor: Actor, auditId: number, findingId: number, dto: ReportSubmissionDto) {
    return this.submit(actor, auditId, findingId, 'result_report', (loaded, target) =>
      decideResultReportSubmission(loaded.ctx, target, { text: dto.text, evidenceFileIds: dto.evidenceFileIds.map(String) }, dto.intent ?? 'submit').status,
    { text: dto.text, owner: null, dueDate: null, evidenceFileIds: dto.evidenceFileIds });
  }

  private async submit(
    actor: Actor, auditId: number, findingId: number, kind: SubmissionKind,
    decide: (loaded: LoadedAudit, target: ReturnType<typeof findingFacts>) => 'draft' | 'submitted',
    body: Pick<RemediationSubmission, 'text' | 'owner' | 'dueDate' | 'evidenceFileIds'>,
  ) {
    await this.uow.run(async (em) => {
      const loaded = await this.context.require(actor, auditId, 'finding.view', em);
      const finding = await this.find(em, auditId, findingId);
      const mine = await em.find(RemediationSubmission, { where: { findingId } });
      const latest = latestSubmissions(mine);
      const status = decide(loaded, findingFacts(finding, latest));
      if (body.evidenceFileIds.length) {
        const files = await em.count(StoredFile, { where: { id: In(body.evidenceFileIds), auditId, purpose: 'evidence' } });
        if (files !== body.evidenceFileIds.length) {
          throw new KansaError(400, 'VALIDATION_FAILED', { ja: 'この監査に提出された証跡ファイルではありません。', en: 'evidenceFileIds must name evidence files uploaded to this audit.' }, {
            fields: [{ field: 'evidenceFileIds', rules: ['uploadedEvidence'], messages: ['evidenceFileIds must name evidence files of this audit'] }],
          });
        }
      }
      const current = latest.get(`${findingId}:${kind}`);
      const now = this.clock.now();
      // A draft is edited in place; once submitted (or returned), the next one is a new submission.
      if (current && current.status === 'draft') {
        await em.update(RemediationSubmission, current.id, { ...body, status, submittedAt: status === 'submitted' ? now : null, submittedById: actor.personId });
      } else {
        await em.save(em.create(RemediationSubmission, {
          ...body, findingId, kind, sequence: (current?.sequence ?? 0) + 1, status, submittedById: actor.personId, submittedAt: status === 'submitted' ? now : null,
        }));
      }
      await this.activity.record(em, { actorId: actor.personId, action: `${kind}.${status === 'submitted' ? 'submit' : 'save_draft'}`, entity: 'finding', entityId: findingId, auditId, after: body });
    });
    return this.get(actor, auditId, findingId);
  }

  /** The audit body accepts a submitted plan or report, or returns it with guidance (改善指導). */
  async review(actor: Actor, auditId: number, findingId: number, submissionId: number, dto: SubmissionReviewDto) {
    await this.uow.run(async (em) => {
      const loaded = await this.context.require(actor, auditId, 'finding.view', em);
      await this.find(em, auditId, findingId);
      const submission = await em.findOne(RemediationSubmission, { where: { id: submissionId, findingId } });
      if (!submission) throw KansaError.notFound({ ja: '提出書類が見つかりません。', en: 'Submission not found.' }, 'SUBMISSION_NOT_FOUND');
      const newest = latestSubmissions(await em.find(RemediationSubmission, { where: { findingId } })).get(`${findingId}:${submission.kind}`);
      if (newest?.id !== submission.id) {
        throw new KansaError(409, 'SUBMISSION_SUPERSEDED', { ja: 'この提出書類は新しい提出に置き換えられています。', en: 'This submission has been superseded by a newer one.' });
      }
      const outcome = decideSubmissionReview(loaded.ctx, submission.kind, submission.status, dto.decision, dto.comment ?? null);
      await em.update(RemediationSubmission, submission.id, { status: outcome.status, reviewedById: actor.personId, reviewedAt: this.clock.now(), reviewComment: dto.comment ?? null });
      await this.activity.record(em, { actorId: actor.personId, action: `${submission.kind}.${dto.decision}`, entity: 'remediation_submission', entityId: submission.id, auditId, before: { status: submission.status }, after: { status: outcome.status, comment: dto.comment } });
    });
    return this.get(actor, auditId, findingId);
  }

  async answerRecommendation(actor: Actor, auditId: number, findingId: number, dto: RecommendationAnswerDto) {
    await this.uow.run(async (em) => {
      const loaded = await this.context.require(actor, auditId, 'finding.view', em);
      const finding = await this.find(em, auditId, findingId);
      assertRecommendationAnswer(loaded.ctx, { id: String(finding.id), ref: `F-${finding.seq}`, severity: finding.severity }, dto.response, dto.reason ?? null);
      await em.update(Finding, finding.id, { recommendationResponse: dto.response, recommendationDeclineReason: dto.response === 'declined' ? dto.reason!.trim() : null });
      await this.activity.record(em, { actorId: actor.personId, action: 'recommendation.answer', entity: 'finding', entityId: finding.id, auditId, after: dto });
    });
    return this.get(actor, auditId, findingId);
  }

  /** Plans and reports past their due date on the audits this person may follow up. */
  async overdue(actor: Actor, audits: Audit[]) {
    const today = this.clock.today();
    const out = [];
    for (const audit of audits.filter((a) => a.status === 'reported' || a.status === 'remediation')) {
      const loaded = await this.context.load(actor, audit.id);
      try {
        assertAuditAction('finding.view', audit.status, loaded.ctx.actor, loaded.access);
      } catch {
        continue;
      }
      const findings = await this.findings.find({ where: { auditId: audit.id } });
      const latest = latestSubmissions(findings.length ? await this.findings.manager.find(RemediationSubmission, { where: { findingId: In(findings.map((f) => f.id)) } }) : []);
      for (const item of overdue(dueItems(findings.map((f) => findingFacts(f, latest)), audit.remediationPlanDeadline), today)) {
        const finding = findings.find((f) => String(f.id) === item.findingId)!;
        out.push({ ...item, auditId: audit.id, reference: audit.reference, findingId: finding.id, ref: `F-${finding.seq}`, itemNo: finding.itemNo });
      }
    }
    return out;
  }

  private async find(em: EntityManager, auditId: number, findingId: number): Promise<Finding> {
    const finding = await em.findOne(Finding, { where: { id: findingId, auditId } });
    if (!finding) throw findingNotFound();
    return finding;
  }
}
