import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '../../audit';
import type { Actor } from './actor';

/**
 * Who may call a route. Every route declares one; a route without a declaration refuses
 * everyone (the guard denies by default). Object-level rules (which audit) are decided by the
 * services through the domain's access table, after this coarse check.
 */
export type AccessPolicy =
  | { kind: 'public' }
  | { kind: 'authenticated' }
  | { kind: 'roles'; roles: Role[] };

export const ACCESS_POLICY = 'kansa:access';

export const Access = {
  /** Anyone, without login (published summaries, login itself). */
  public: () => SetMetadata(ACCESS_POLICY, { kind: 'public' } satisfies AccessPolicy),
  /** Any logged-in person; the service decides per object. */
  authenticated: () => SetMetadata(ACCESS_POLICY, { kind: 'authenticated' } satisfies AccessPolicy),
  /** Logged-in people holding one of these roles. */
  roles: (...roles: Role[]) => SetMetadata(ACCESS_POLICY, { kind: 'roles', roles } satisfies AccessPolicy),
};

/** The authenticated actor of the request (routes that are not public only). */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const actor = ctx.switchToHttp().getRequest().actor as Actor | undefined;
  if (!actor) throw new Error('CurrentActor used on a route without authentication');
  return actor;
});
