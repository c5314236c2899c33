import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import {
  assertAuditAction, AUDIT_ACTION_RULES, AuditAccessFacts, AuditAction, AuditContext, AuditRelation, canPerform, relationsOf,
} from '../../audit';
import { KansaError } from '../../common/errors';
import { Actor, actorFacts } from '../auth/actor';
import { Audit } from './audit.entity';

export interface LoadedAudit {
  audit: Audit;
  /** The team's people, in the order they were appointed. */
  teamPersonIds: number[];
  access: AuditAccessFacts;
  relations: AuditRelation[];
  ctx: AuditContext;
}

export const auditNotFound = () =>
  KansaError.notFound({ ja: '監査が見つかりません。', en: 'Audit not found.' }, 'AUDIT_NOT_FOUND');

export function accessFacts(audit: Audit, teamPersonIds: number[]): AuditAccessFacts {
  return {
    auditeeOrganisationId: String(audit.auditeeId),
    managerId: audit.managerId === null ? null : String(audit.managerId),
    teamMemberIds: teamPersonIds.map(String),
  };
}

/**
 * Loads an audit for a person and decides, through the domain's access table, what they may do.
 * Someone who may not even view the audit gets 404 — the same answer as for an audit that does
 * not exist, so ids reveal nothing.
 */
@Injectable()
export class AuditContextService {
  constructor(@InjectRepository(Audit) private readonly audits: Repository<Audit>) {}

  async load(actor: Actor, auditId: number, em?: EntityManager): Promise<LoadedAudit> {
    const manager = em ?? this.audits.manager;
    // The audit and its team in one query: this runs on every request about an audit.
    const audit = await manager.createQueryBuilder(Audit, 'a').leftJoinAndSelect('a.team', 'team').where('a.id = :auditId', { auditId })
      .orderBy('team.id', 'ASC').getOne();
    if (!audit) throw auditNotFound();
    const teamPersonIds = audit.team.map((m) => m.personId);
    // Not kept on the entity: a later save() of the audit would treat the list as the relation's new contents.
    delete (audit as Partial<Audit>).team;
    const access = accessFacts(audit, teamPersonIds);
    const facts = actorFacts(actor);
    const relations = relationsOf(facts, access);
    if (!canPerform('audit.view', audit.status, relations)) throw auditNotFound();
    return { audit, teamPersonIds, access, relations, ctx: { status: audit.status, actor: facts, audit: access } };
  }

  /** Loads and checks one action at once (403 / 409 from the domain when not allowed). */
  async require(actor: Actor, auditId: number, action: AuditAction, em?: EntityManager): Promise<LoadedAudit> {
    const loaded = await this.load(actor, auditId, em);
    assertAuditAction(action, loaded.audit.status, loaded.ctx.actor, loaded.access);
    return loaded;
  }

  /**
   * For objects only some people of an audit may see at all (workpapers, the audit body's log):
   * someone without the view action gets 404, as if the object did not exist. The caller then
   * asks the domain about the action itself.
   */
  async requireView(actor: Actor, auditId: number, viewAction: AuditAction, em?: EntityManager): Promise<LoadedAudit> {
    const loaded = await this.load(actor, auditId, em);
    if (!holdsAction(viewAction, loaded.relations)) throw auditNotFound();
    assertAuditAction(viewAction, loaded.audit.status, loaded.ctx.actor, loaded.access);
    return loaded;
  }
}

/** True when these relations hold the action in some state of the audit. */
function holdsAction(action: AuditAction, relations: AuditRelation[]): boolean {
  return AUDIT_ACTION_RULES[action].grants.some((g) => g.by.some((r) => relations.includes(r)));
}
