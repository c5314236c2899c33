import { CallHandler, ExecutionContext, HttpStatus, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import { catchError, from, Observable, switchMap, throwError } from 'rxjs';
import { DomainError } from '../../audit/violation';
import { KansaError } from '../../common/errors';
import { UnitOfWork } from '../../database/unit-of-work';
import { ActivityService } from '../activity/activity.service';
import type { Actor } from './actor';

/** Codes that mean "this person may not": refused actions, and objects hidden from them (404). */
const HIDDEN = new Set(['AUDIT_NOT_FOUND']);

/**
 * Records refusals decided past the guard — by the domain's access table (403) or by hiding an
 * audit from someone who may not see it (404) — in the activity log, as the guard does for its
 * own refusals. The refused change itself was rolled back; the log entry has its own transaction.
 */
@Injectable()
export class DeniedAccessLogger implements NestInterceptor {
  constructor(private readonly uow: UnitOfWork, private readonly activity: ActivityService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request & { actor?: Actor }>();
    return next.handle().pipe(
      catchError((error: unknown) => {
        const code = refusalCode(error);
        if (!code) return throwError(() => error);
        return from(this.uow.run((em) => this.activity.record(em, {
          actorId: request.actor?.personId ?? null, action: 'access.denied', entity: 'route',
          entityId: `${request.method} ${request.path}`.slice(0, 64), after: { code },
        }))).pipe(switchMap(() => throwError(() => error)));
      }),
    );
  }
}

function refusalCode(error: unknown): string | null {
  if (error instanceof DomainError && error.kind === 'forbidden') return error.violations[0]?.code ?? 'FORBIDDEN';
  if (error instanceof KansaError && (error.getStatus() === HttpStatus.FORBIDDEN || HIDDEN.has(error.code))) return error.code;
  return null;
}
