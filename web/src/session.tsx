/** Who is using the app: from /api/auth/me, or — with no network — from the offline store. */
import { createContext, useContext } from 'react';
import type { Role } from '../../src/audit/vocabulary';
import type { Me } from './types';

export interface Session {
  me: Me;
  /** True when the server could not be reached and the stored session is used. */
  offline: boolean;
  refresh(): Promise<void>;
  logout(): void;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside a logged-in screen');
  return s;
}

export function useOptionalSession(): Session | null {
  return useContext(SessionContext);
}

export const hasRole = (me: Me, ...roles: Role[]) => me.roles.some((r) => roles.includes(r));
export const isAuditBody = (me: Me) => hasRole(me, 'chief_audit_executive', 'audit_manager', 'auditor');
export const isLead = (me: Me) => hasRole(me, 'chief_audit_executive', 'audit_manager');
export const isChief = (me: Me) => hasRole(me, 'chief_audit_executive');
export const isAuditee = (me: Me) => hasRole(me, 'auditee_manager', 'auditee_staff');
