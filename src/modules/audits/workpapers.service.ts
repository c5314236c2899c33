import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, IsNull, Repository } from 'typeorm';
import {
  assertAddReviewNote, assertAuditAction, assertClearReviewNote, assertPreparerSignOff, assertReviewerSignOff, assertVersion,
  assertWithdrawReviewerSignOff, decideWorkpaperEdit, DomainError, WorkpaperState,
} from '../../audit';
import { Clock } from '../../common/clock';
import { errorBody } from '../../common/error.filter';
import { ErrorBody, KansaError } from '../../common/errors';
import { UnitOfWork } from '../../database/unit-of-work';
import { ActivityInput, ActivityService } from '../activity/activity.service';
import type { Actor } from '../auth/actor';
import { CatalogsService } from '../catalogs/catalogs.service';
import { Person } from '../organisations/organisation.entity';
import { fieldError } from '../organisations/organisations.service';
import { Audit, ReviewNote, Workpaper } from './audit.entity';
import { AuditContextService, LoadedAudit } from './audit-context.service';
import { workpaperFacts } from './audit-snapshot';
import { SaveWorkpaperDto, SyncWorkpapersDto } from './workpapers.dto';

const workpaperNotFound = () => KansaError.notFound({ ja: '監査調書が見つかりません。', en: 'Workpaper not found.' }, 'WORKPAPER_NOT_FOUND');

export function workpaperView(wp: Workpaper, names: Map<number, string>) {
  return {
    id: wp.id, auditId: wp.auditId, itemNo: wp.itemNo, version: wp.version,
    procedures: wp.procedures, evidenceRefs: wp.evidenceRefs, conclusion: wp.conclusion, notTestedReason: wp.notTestedReason,
    preparer: wp.preparerId ? { id: wp.preparerId, name: names.get(wp.preparerId) ?? null, at: wp.preparedAt } : null,
    reviewer: wp.reviewerId ? { id: wp.reviewerId, name: names.get(wp.reviewerId) ?? null, at: wp.reviewedAt } : null,
    updatedAt: wp.updatedAt,
  };
}

/**
 * 監査調書: saves carry the version they were based on; a stale save is refused with 409 and
 * the current workpaper, so the auditor can compare and merge — nothing is silently overwritten.
 */
@Injectable()
export class WorkpapersService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly activity: ActivityService,
    private readonly context: AuditContextService,
    private readonly catalogs: CatalogsService,
    @InjectRepository(Workpaper) private readonly workpapers: Repository<Workpaper>,
  ) {}

  private async names(em: EntityManager, ids: (number | null)[]): Promise<Map<number, string>> {
    const wanted = [...new Set(ids.filter((i): i is number => i !== null))];
    if (!wanted.length) return new Map();
    const people = await em.findBy(Person, wanted.map((id) => ({ id })));
    return new Map(people.map((p) => [p.id, p.name]));
  }

  async list(actor: Actor, auditId: number) {
    return this.listOf(await this.context.requireView(actor, auditId, 'workpaper.view'));
  }

  /** The audit's workpapers as the list shows them (the caller has checked workpaper.view). */
  async listOf({ audit }: LoadedAudit) {
    const auditId = audit.id;
    const em = this.workpapers.manager;
    const [rows, items, open] = await Promise.all([
      em.find(Workpaper, { where: { auditId }, order: { itemNo: 'ASC' } }),
      this.catalogs.itemsOf(audit.catalogVersionId),
      this.openNoteCounts(em, auditId),
    ]);
    const names = await this.names(em, rows.flatMap((w) => [w.preparerId, w.reviewerId]));
    const byNo = new Map(items.map((i) => [i.no, i]));
    const scope = new Set(audit.scopeItems);
    return rows.map((wp) => ({
      ...workpaperView(wp, names),
      inScope: scope.has(wp.itemNo),
      openReviewNotes: open.get(wp.id) ?? 0,
      item: itemView(byNo.get(wp.itemNo)),
    }));
  }

  async get(actor: Actor, auditId: number, workpaperId: number) {
    const { audit } = await this.context.requireView(actor, auditId, 'workpaper.view');
    const em = this.workpapers.manager;
    return this.view(em, audit, await this.find(em, auditId, workpaperId));
  }

  /** A workpaper as its page shows it (the caller has checked that the person may see it). */
  private async view(em: EntityManager, audit: Audit, wp: Workpaper, notes?: ReviewNote[]) {
    return (await this.views(em, audit, [wp], notes))[0]!;
  }

  /** Several workpapers of one audit as their pages show them: three queries however many. */
  private async views(em: EntityManager, audit: Audit, wps: Workpaper[], notes?: ReviewNote[]) {
    if (!wps.length) return [];
    const allNotes = notes ?? await this.notesOf(em, wps.map((w) => w.id));
    const names = await this.names(em, [...wps.flatMap((w) => [w.preparerId, w.reviewerId]), ...allNotes.flatMap((n) => [n.authorId, n.clearedById])]);
    const byNo = new Map((await this.catalogs.itemsOf(audit.catalogVersionId)).map((i) => [i.no, i]));
    return wps.map((wp) => ({
      ...workpaperView(wp, names),
      inScope: audit.scopeItems.includes(wp.itemNo),
      item: itemView(byNo.get(wp.itemNo)),
      reviewNotes: allNotes.filter((n) => n.workpaperId === wp.id).map((n) => ({
        id: n.id, text: n.text, author: { id: n.authorId, name: names.get(n.authorId) ?? null }, createdAt: n.createdAt,
        status: n.clearedAt ? 'cleared' : 'open', clearedBy: n.clearedById ? { id: n.clearedById, name: names.get(n.clearedById) ?? null } : null,
        clearedAt: n.clearedAt, resolution: n.resolution,
      })),
    }));
  }

  private notesOf(em: EntityManager, workpaperIds: number[]): Promise<ReviewNote[]> {
    return em.find(ReviewNote, { where: { workpaperId: In(workpaperIds) }, order: { id: 'ASC' } });
  }

  async save(actor: Actor, auditId: number, workpaperId: number, dto: SaveWorkpaperDto) {
    const { audit, saved, notes } = await this.uow.run(async (em) => {
      const loaded = await this.context.requireView(actor, auditId, 'workpaper.view', em);
      const wp = await this.find(em, auditId, workpaperId);
      const notes = await this.notesOf(em, [wp.id]);
      const saved = await this.applyEdit(em, actor, loaded, wp, notes, dto, (entry) => this.activity.record(em, entry));
      return { audit: loaded.audit, saved, notes };
    });
    // The answer is built from what the transaction read and wrote (the save changes no note).
    return this.view(this.workpapers.manager, audit, saved, notes);
  }

  /**
   * 同期: the edits a device queued while offline, in one request and one transaction. Each edit
   * is decided as a single save would be, and answered on its own — saved, or refused with the
   * error body a single save would have had (409 with the current workpaper for a stale
   * version) — so one stale edit holds up none of the others. A refused edit writes nothing; an
   * unexpected failure writes nothing at all, and the device sends the queue again.
   */
  async sync(actor: Actor, auditId: number, dto: SyncWorkpapersDto) {
    const seen = new Set<number>();
    dto.edits.forEach((edit, i) => {
      if (seen.has(edit.workpaperId)) {
        throw fieldError(`edits.${i}.workpaperId`, 'isUnique', {
          ja: `同じ監査調書（${edit.workpaperId}）への編集が複数あります。1つの同期には1件ずつ送ってください。`,
          en: `More than one edit of workpaper ${edit.workpaperId}: send one edit per workpaper in a sync.`,
        });
      }
      seen.add(edit.workpaperId);
    });
    const { audit, outcomes, notes } = await this.uow.run(async (em) => {
      const loaded = await this.context.requireView(actor, auditId, 'workpaper.view', em);
      // Someone who may not edit this audit's workpapers at all (or not in its state) is refused as a whole.
      assertAuditAction('workpaper.edit', loaded.audit.status, loaded.ctx.actor, loaded.access);
      const rows = await em.find(Workpaper, { where: { auditId, id: In([...seen]) } });
      const notes = await this.notesOf(em, rows.map((w) => w.id));
      const byId = new Map(rows.map((w) => [w.id, w]));
      const outcomes: ({ workpaperId: number; saved: Workpaper } | { workpaperId: number; error: ErrorBody })[] = [];
      // The log entries are appended together at the end, in the order of the saves.
      const log: ActivityInput[] = [];
      for (const edit of dto.edits) {
        const { workpaperId } = edit;
        try {
          const wp = byId.get(workpaperId);
          if (!wp) throw workpaperNotFound();
          const saved = await this.applyEdit(em, actor, loaded, wp, notes.filter((n) => n.workpaperId === workpaperId), edit, (entry) => log.push(entry));
          outcomes.push({ workpaperId, saved });
        } catch (error) {
          if (!(error instanceof KansaError || error instanceof DomainError)) throw error;
          outcomes.push({ workpaperId, error: errorBody(error) });
        }
      }
      await this.activity.recordAll(em, log);
      return { audit: loaded.audit, outcomes, notes };
    });
    const saved = outcomes.flatMap((o) => ('saved' in o ? [o.saved] : []));
    const views = new Map((await this.views(this.workpapers.manager, audit, saved, notes)).map((v) => [v.id, v]));
    const results = outcomes.map((o) => ('saved' in o
      ? { workpaperId: o.workpaperId, status: HttpStatus.OK, workpaper: views.get(o.saved.id)! }
      : { workpaperId: o.workpaperId, status: o.error.statusCode, error: o.error }));
    return { saved: saved.length, refused: results.length - saved.length, results };
  }

  /**
   * One edit of one workpaper, inside the caller's transaction: decided by the domain, written
   * only if the row is still at the version it was read at, handed to `log` for the activity log
   * (same transaction). Returns the row as saved.
   */
  private async applyEdit(
    em: EntityManager, actor: Actor, loaded: LoadedAudit, wp: Workpaper, notes: ReviewNote[], dto: SaveWorkpaperDto,
    log: (entry: ActivityInput) => unknown,
  ): Promise<Workpaper> {
    const state = this.state(loaded.audit, wp, notes.filter((n) => !n.clearedAt).length);
    const next = {
      procedures: dto.procedures.map((p) => ({ procedure: p.procedure, performedOn: p.performedOn ?? null, description: p.description, observation: p.observation })),
      evidenceRefs: dto.evidenceRefs, conclusion: dto.conclusion, notTestedReason: dto.notTestedReason ?? null,
    };
    let outcome;
    try {
      outcome = decideWorkpaperEdit(loaded.ctx, state, dto.version, next);
    } catch (error) {
      throw await this.withCurrent(em, error, wp);
    }
    if (!outcome.changed) return wp;
    const before = { version: wp.version, procedures: wp.procedures, evidenceRefs: wp.evidenceRefs, conclusion: wp.conclusion, notTestedReason: wp.notTestedReason, preparerId: wp.preparerId };
    // updatedAt is set here rather than by the database, so the answer needs no second read.
    const changes: Partial<Workpaper> = { ...next, version: outcome.version, updatedById: actor.personId, updatedAt: new Date() };
    if (outcome.preparerSignOffCleared) Object.assign(changes, { preparerId: null, preparedAt: null });
    await this.updateAtVersion(em, wp, changes);
    await log({ actorId: actor.personId, action: 'workpaper.save', entity: 'workpaper', entityId: wp.id, auditId: loaded.audit.id, before, after: { ...next, version: outcome.version, preparerSignOffCleared: outcome.preparerSignOffCleared } });
    return Object.assign(new Workpaper(), wp, changes);
  }

  async signAsPreparer(actor: Actor, auditId: number, workpaperId: number, version: number) {
    await this.uow.run(async (em) => {
      const { loaded, wp } = await this.atVersion(em, actor, auditId, workpaperId, version);
      assertPreparerSignOff(loaded.ctx, this.state(loaded.audit, wp, await this.openNoteCount(em, wp.id)));
      const at = this.clock.now();
      await this.updateAtVersion(em, wp, { preparerId: actor.personId, preparedAt: at, version: wp.version + 1 });
      await this.activity.record(em, { actorId: actor.personId, action: 'workpaper.sign_preparer', entity: 'workpaper', entityId: wp.id, auditId, after: { itemNo: wp.itemNo, version: wp.version + 1 } });
    });
    return this.get(actor, auditId, workpaperId);
  }

  async signAsReviewer(actor: Actor, auditId: number, workpaperId: number, version: number) {
    await this.uow.run(async (em) => {
      const { loaded, wp } = await this.atVersion(em, actor, auditId, workpaperId, version);
      assertReviewerSignOff(loaded.ctx, this.state(loaded.audit, wp, await this.openNoteCount(em, wp.id)));
      await this.updateAtVersion(em, wp, { reviewerId: actor.personId, reviewedAt: this.clock.now(), version: wp.version + 1 });
      await this.activity.record(em, { actorId: actor.personId, action: 'workpaper.sign_reviewer', entity: 'workpaper', entityId: wp.id, auditId, after: { itemNo: wp.itemNo, version: wp.version + 1 } });
    });
    return this.get(actor, auditId, workpaperId);
  }

  async withdrawReviewerSignOff(actor: Actor, auditId: number, workpaperId: number, version: number, reason: string) {
    await this.uow.run(async (em) => {
      const { loaded, wp } = await this.atVersion(em, actor, auditId, workpaperId, version);
      assertWithdrawReviewerSignOff(loaded.ctx, this.state(loaded.audit, wp, await this.openNoteCount(em, wp.id)), reason);
      await this.updateAtVersion(em, wp, { reviewerId: null, reviewedAt: null, version: wp.version + 1 });
      await this.activity.record(em, { actorId: actor.personId, action: 'workpaper.withdraw_reviewer', entity: 'workpaper', entityId: wp.id, auditId, before: { reviewerId: wp.reviewerId }, after: { reason } });
    });
    return this.get(actor, auditId, workpaperId);
  }

  async addReviewNote(actor: Actor, auditId: number, workpaperId: number, text: string) {
    await this.uow.run(async (em) => {
      const loaded = await this.context.requireView(actor, auditId, 'workpaper.view', em);
      const wp = await this.find(em, auditId, workpaperId);
      assertAddReviewNote(loaded.ctx, this.state(loaded.audit, wp, await this.openNoteCount(em, wp.id)), text);
      const note = await em.save(em.create(ReviewNote, { workpaperId, authorId: actor.personId, text: text.trim() }));
      await this.activity.record(em, { actorId: actor.personId, action: 'review_note.add', entity: 'review_note', entityId: note.id, auditId, after: { workpaperId, text } });
    });
    return this.get(actor, auditId, workpaperId);
  }

  async clearReviewNote(actor: Actor, auditId: number, workpaperId: number, noteId: number, resolution?: string) {
    await this.uow.run(async (em) => {
      const loaded = await this.context.requireView(actor, auditId, 'workpaper.view', em);
      await this.find(em, auditId, workpaperId);
      const note = await em.findOne(ReviewNote, { where: { id: noteId, workpaperId } });
      if (!note) throw KansaError.notFound({ ja: 'レビューノートが見つかりません。', en: 'Review note not found.' }, 'REVIEW_NOTE_NOT_FOUND');
      assertClearReviewNote(loaded.ctx, { id: String(note.id), authorId: String(note.authorId), status: note.clearedAt ? 'cleared' : 'open' });
      await em.update(ReviewNote, { id: note.id, clearedAt: IsNull() }, { clearedById: actor.personId, clearedAt: this.clock.now(), resolution: resolution ?? null });
      await this.activity.record(em, { actorId: actor.personId, action: 'review_note.clear', entity: 'review_note', entityId: note.id, auditId, after: { resolution } });
    });
    return this.get(actor, auditId, workpaperId);
  }

  /** Loads a workpaper for a sign-off: the signer must have seen the current version. */
  private async atVersion(em: EntityManager, actor: Actor, auditId: number, workpaperId: number, version: number) {
    const loaded = await this.context.requireView(actor, auditId, 'workpaper.view', em);
    const wp = await this.find(em, auditId, workpaperId);
    try {
      assertVersion(wp.version, version, 'workpaper');
    } catch (error) {
      throw await this.withCurrent(em, error, wp);
    }
    return { loaded, wp };
  }

  private async find(em: EntityManager, auditId: number, workpaperId: number): Promise<Workpaper> {
    const wp = await em.findOne(Workpaper, { where: { id: workpaperId, auditId } });
    if (!wp) throw workpaperNotFound();
    return wp;
  }

  private async openNoteCounts(em: EntityManager, auditId: number): Promise<Map<number, number>> {
    const rows = await em.createQueryBuilder(ReviewNote, 'n').innerJoin(Workpaper, 'w', 'w.id = n.workpaperId')
      .select('n.workpaperId', 'workpaperId').addSelect('COUNT(*)', 'count')
      .where('w.auditId = :auditId', { auditId }).andWhere('n.clearedAt IS NULL').groupBy('n.workpaperId')
      .getRawMany<{ workpaperId: number; count: string }>();
    return new Map(rows.map((r) => [Number(r.workpaperId), Number(r.count)]));
  }

  private state(audit: Audit, wp: Workpaper, openNotes: number): WorkpaperState {
    return {
      ...workpaperFacts(wp, new Set(audit.scopeItems), openNotes),
      procedures: wp.procedures, evidenceRefs: wp.evidenceRefs, version: wp.version,
    };
  }

  private async openNoteCount(em: EntityManager, workpaperId: number): Promise<number> {
    return em.count(ReviewNote, { where: { workpaperId, clearedAt: IsNull() } });
  }

  /** Writes only if nobody changed the row since it was read (the database decides, not memory). */
  private async updateAtVersion(em: EntityManager, wp: Workpaper, changes: Partial<Workpaper>): Promise<void> {
    const result = await em.createQueryBuilder().update(Workpaper).set(changes as never)
      .where('id = :id AND version = :version', { id: wp.id, version: wp.version }).execute();
    if (result.affected === 0) {
      const current = await em.findOneByOrFail(Workpaper, { id: wp.id });
      throw this.conflict(current, await this.names(em, [current.preparerId, current.reviewerId]));
    }
  }

  /** A stale version becomes a 409 that carries the current workpaper for comparison. */
  private async withCurrent(em: EntityManager, error: unknown, wp: Workpaper): Promise<unknown> {
    if (error instanceof DomainError && error.codes.includes('WORKPAPER_VERSION_CONFLICT')) {
      const current = await em.findOneByOrFail(Workpaper, { id: wp.id });
      return this.conflict(current, await this.names(em, [current.preparerId, current.reviewerId]), error);
    }
    return error;
  }

  private conflict(current: Workpaper, names: Map<number, string>, error?: DomainError): KansaError {
    const v = error?.violations[0];
    return new KansaError(HttpStatus.CONFLICT, 'WORKPAPER_VERSION_CONFLICT', {
      ja: v?.ja ?? `この監査調書は他の人が更新しました（現在の版: ${current.version}）。内容を確認して再度保存してください。`,
      en: v?.en ?? `Someone else updated this workpaper (now version ${current.version}). Compare and save again.`,
    }, { details: { currentVersion: current.version, current: workpaperView(current, names) } });
  }
}

export function itemView(item: { no: number; text: string; textEn: string | null; category: string | null; zone: number | null; groupCode: string | null } | undefined) {
  if (!item) return null;
  return { no: item.no, text: item.text, textEn: item.textEn, category: item.category, zone: item.zone, group: item.groupCode };
}

