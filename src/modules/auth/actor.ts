import type { ActorFacts, Role } from '../../audit';

/** The authenticated person behind a request. */
export interface Actor {
  personId: number;
  organisationId: number;
  organisationKind: string;
  roles: Role[];
  name: string;
  email: string;
  sessionId: number;
  sessionKind: 'browser' | 'api';
  mustChangePassword: boolean;
}

export function actorFacts(actor: Actor): ActorFacts {
  return { personId: String(actor.personId), organisationId: String(actor.organisationId), roles: actor.roles };
}

export const AUDIT_BODY_ROLES: readonly Role[] = ['chief_audit_executive', 'audit_manager', 'auditor'];
export const AUDITEE_ROLES: readonly Role[] = ['auditee_manager', 'auditee_staff'];

export function isAuditBody(actor: Actor): boolean {
  return actor.roles.some((r) => AUDIT_BODY_ROLES.includes(r));
}
