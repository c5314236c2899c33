import { CanActivate, ExecutionContext, HttpStatus, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { KansaError } from '../../common/errors';
import { UnitOfWork } from '../../database/unit-of-work';
import { ActivityService } from '../activity/activity.service';
import { ACCESS_POLICY, AccessPolicy } from './access.decorator';
import type { Actor } from './actor';
import { AuthService } from './auth.service';

export const SESSION_COOKIE = 'kansa_session';
export const CSRF_COOKIE = 'kansa_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/** Routes a person who must change their password may still use (login, logout, change). */
export const ALLOW_PENDING_PASSWORD = 'kansa:allow-pending-password';
export const AllowPendingPasswordChange = () => SetMetadata(ALLOW_PENDING_PASSWORD, true);

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const UNAUTHENTICATED = () => new KansaError(HttpStatus.UNAUTHORIZED, 'UNAUTHENTICATED', { ja: 'ログインしてください。', en: 'Please log in.' });
export const FORBIDDEN = () => new KansaError(HttpStatus.FORBIDDEN, 'FORBIDDEN', { ja: 'この操作を行う権限がありません。', en: 'You may not do this.' });

/**
 * The global guard: identifies the caller (bearer token or session cookie), checks CSRF on
 * cookie-authenticated writes, and applies the route's declared policy. A route without a
 * declared policy is refused to everyone.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly uow: UnitOfWork,
    private readonly activity: ActivityService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const handler = context.getHandler();
    const cls = context.getClass();
    const policy = this.reflector.getAllAndOverride<AccessPolicy | undefined>(ACCESS_POLICY, [handler, cls]);
    const request = context.switchToHttp().getRequest<Request & { actor?: Actor }>();
    const resolved = await this.identify(request);
    if (resolved) request.actor = resolved.actor;

    if (!policy) {
      await this.denied(request, 'undeclared_route');
      throw resolved ? FORBIDDEN() : UNAUTHENTICATED();
    }
    if (policy.kind === 'public') return true;
    if (!resolved) throw UNAUTHENTICATED();
    const { actor, csrfToken } = resolved;
    if (actor.sessionKind === 'browser' && !SAFE_METHODS.has(request.method)) {
      const presented = request.header(CSRF_HEADER) ?? '';
      if (!csrfToken || !safeEqual(presented, csrfToken)) {
        await this.denied(request, 'csrf');
        throw new KansaError(HttpStatus.FORBIDDEN, 'CSRF_TOKEN_INVALID', { ja: 'CSRF トークンが正しくありません。再読み込みしてください。', en: 'Missing or invalid CSRF token; reload the page.' });
      }
    }
    if (actor.mustChangePassword && !this.reflector.getAllAndOverride<boolean>(ALLOW_PENDING_PASSWORD, [handler, cls])) {
      throw new KansaError(HttpStatus.FORBIDDEN, 'PASSWORD_CHANGE_REQUIRED', { ja: '初回ログインのため、パスワードを変更してください。', en: 'Change your initial password first.' });
    }
    if (policy.kind === 'roles' && !actor.roles.some((r) => policy.roles.includes(r))) {
      await this.denied(request, 'role');
      throw FORBIDDEN();
    }
    return true;
  }

  private async identify(request: Request): Promise<{ actor: Actor; csrfToken: string | null } | null> {
    const header = request.header('authorization');
    const bearer = header?.match(/^Bearer\s+([A-Za-z0-9_-]{20,100})$/)?.[1];
    const cookie = (request as Request & { cookies?: Record<string, string> }).cookies?.[SESSION_COOKIE];
    const token = bearer ?? cookie;
    if (!token) return null;
    const found = await this.auth.authenticate(token);
    if (!found) return null;
    // A cookie session is a browser session; a bearer token is used as presented.
    if (!bearer && found.session.kind !== 'browser') return null;
    return { actor: found.actor, csrfToken: found.session.csrfToken };
  }

  private async denied(request: Request & { actor?: Actor }, reason: string): Promise<void> {
    await this.uow.run((em) => this.activity.record(em, {
      actorId: request.actor?.personId ?? null, action: 'access.denied', entity: 'route',
      entityId: `${request.method} ${request.path}`.slice(0, 64), after: { reason },
    }));
  }
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
