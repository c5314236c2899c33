import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { EntityManager, Repository } from 'typeorm';
import { ActivityLogEntry } from './activity.entity';

export interface ActivityInput {
  actorId: number | null;
  /** What happened, e.g. audit.transition, workpaper.save, finding.raise, auth.login_failed. */
  action: string;
  entity: string;
  entityId?: string | number | null;
  auditId?: number | null;
  before?: unknown;
  after?: unknown;
}

export const GENESIS_HASH = '0'.repeat(64);

/** The fields an entry's hash covers, in a fixed order. */
export function entryHash(prevHash: string, e: Omit<ActivityLogEntry, 'id' | 'hash' | 'prevHash'>): string {
  const canonical = JSON.stringify([e.at, e.actorId, e.action, e.entity, e.entityId, e.auditId, e.before, e.after]);
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}

export interface ChainVerification {
  ok: boolean;
  entries: number;
  /** The first entry whose stored hash or link does not match, if any. */
  firstBroken: { id: number; reason: 'hash_mismatch' | 'link_mismatch' } | null;
}

/**
 * The append-only activity log. Entries are written inside the caller's transaction, so a
 * change and its log entry are committed together or not at all.
 */
@Injectable()
export class ActivityService {
  constructor(@InjectRepository(ActivityLogEntry) private readonly entries: Repository<ActivityLogEntry>) {}

  record(em: EntityManager, input: ActivityInput): Promise<void> {
    return this.recordAll(em, [input]);
  }

  /** Appends several entries, in order, with one read of the chain's end (e.g. a sync's saves). */
  async recordAll(em: EntityManager, inputs: ActivityInput[]): Promise<void> {
    if (!inputs.length) return;
    if (em.connection.options.type === 'postgres') {
      // One writer at a time appends to the chain (released at commit).
      await em.query('SELECT pg_advisory_xact_lock(727271)');
    }
    const last = await em.find(ActivityLogEntry, { select: { id: true, hash: true }, order: { id: 'DESC' }, take: 1 });
    let prevHash = last[0]?.hash ?? GENESIS_HASH;
    const at = new Date().toISOString();
    const rows = inputs.map((input) => {
      const entry = {
        at,
        actorId: input.actorId,
        action: input.action,
        entity: input.entity,
        entityId: input.entityId === undefined || input.entityId === null ? null : String(input.entityId),
        auditId: input.auditId ?? null,
        before: input.before === undefined ? null : JSON.stringify(input.before),
        after: input.after === undefined ? null : JSON.stringify(input.after),
      };
      const row = { ...entry, prevHash, hash: entryHash(prevHash, entry) };
      prevHash = row.hash;
      return row;
    });
    // Ids are given in insertion order, which is the chain's order.
    for (let i = 0; i < rows.length; i += 50) await em.insert(ActivityLogEntry, rows.slice(i, i + 50));
  }

  async list(auditId: number | undefined, afterId: number, limit: number): Promise<ActivityLogEntry[]> {
    const qb = this.entries.createQueryBuilder('e').where('e.id > :afterId', { afterId }).orderBy('e.id', 'ASC').take(limit);
    if (auditId) qb.andWhere('e.auditId = :auditId', { auditId });
    return qb.getMany();
  }

  async forAudit(auditId: number): Promise<ActivityLogEntry[]> {
    return this.entries.find({ where: { auditId }, order: { id: 'ASC' } });
  }

  /** Walks the whole chain and names the first entry that was edited, removed or reordered. */
  async verify(): Promise<ChainVerification> {
    let prevHash = GENESIS_HASH;
    let count = 0;
    const pageSize = 1000;
    for (let lastId = 0; ; ) {
      const page = await this.entries.createQueryBuilder('e').where('e.id > :lastId', { lastId }).orderBy('e.id', 'ASC').take(pageSize).getMany();
      for (const e of page) {
        count++;
        if (e.prevHash !== prevHash) return { ok: false, entries: count, firstBroken: { id: e.id, reason: 'link_mismatch' } };
        if (entryHash(e.prevHash, e) !== e.hash) return { ok: false, entries: count, firstBroken: { id: e.id, reason: 'hash_mismatch' } };
        prevHash = e.hash;
      }
      if (page.length < pageSize) break;
      lastId = page[page.length - 1].id;
    }
    return { ok: true, entries: count, firstBroken: null };
  }
}
