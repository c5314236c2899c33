import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { DomainError } from '../audit/violation';
import { RenderError, RenderErrorCode } from '../reports/errors';
import { Bilingual, ErrorBody, KansaError } from './errors';

const STATUS_CODES: Record<number, { code: string; message: Bilingual }> = {
  400: { code: 'BAD_REQUEST', message: { ja: 'リクエストが不正です。', en: 'The request is invalid.' } },
  401: { code: 'UNAUTHENTICATED', message: { ja: 'ログインが必要です。', en: 'Authentication is required.' } },
  403: { code: 'FORBIDDEN', message: { ja: 'この操作を行う権限がありません。', en: 'You may not do this.' } },
  404: { code: 'NOT_FOUND', message: { ja: '見つかりません。', en: 'Not found.' } },
  405: { code: 'METHOD_NOT_ALLOWED', message: { ja: 'この操作はできません。', en: 'Method not allowed.' } },
  409: { code: 'CONFLICT', message: { ja: '現在の状態ではこの操作はできません。', en: 'The request conflicts with the current state.' } },
  413: { code: 'PAYLOAD_TOO_LARGE', message: { ja: 'データが大きすぎます。', en: 'The payload is too large.' } },
  415: { code: 'UNSUPPORTED_MEDIA_TYPE', message: { ja: 'この形式には対応していません。', en: 'Unsupported media type.' } },
  422: { code: 'UNPROCESSABLE', message: { ja: '入力内容に誤りがあります。', en: 'The input cannot be processed.' } },
  429: { code: 'TOO_MANY_REQUESTS', message: { ja: 'リクエストが多すぎます。しばらくしてから再度お試しください。', en: 'Too many requests; try again later.' } },
  500: { code: 'INTERNAL_ERROR', message: { ja: 'サーバ内部でエラーが発生しました。', en: 'An internal error occurred.' } },
};

/**
 * Report rendering (src/reports RenderError): a busy, starting, crashed or stopping renderer is
 * temporary (503, try again); a render that ran out of time is 504; anything else is a fault (500).
 */
const RENDER_STATUS: Readonly<Record<RenderErrorCode, number>> = {
  overloaded: HttpStatus.SERVICE_UNAVAILABLE,
  launch_failed: HttpStatus.SERVICE_UNAVAILABLE,
  browser_crashed: HttpStatus.SERVICE_UNAVAILABLE,
  closed: HttpStatus.SERVICE_UNAVAILABLE,
  timeout: HttpStatus.GATEWAY_TIMEOUT,
  invalid_model: HttpStatus.INTERNAL_SERVER_ERROR,
  template_failed: HttpStatus.INTERNAL_SERVER_ERROR,
  render_failed: HttpStatus.INTERNAL_SERVER_ERROR,
  write_failed: HttpStatus.INTERNAL_SERVER_ERROR,
};

/** PostgreSQL: numeric_value_out_of_range, invalid_text_representation. */
const BAD_VALUE_SQLSTATES = new Set(['22003', '22P02']);

const DOMAIN_CODES = { conflict: 'PRECONDITIONS_NOT_MET', invalid: 'RULES_VIOLATED', forbidden: 'FORBIDDEN' } as const;
const DOMAIN_STATUS = { conflict: HttpStatus.CONFLICT, invalid: HttpStatus.UNPROCESSABLE_ENTITY, forbidden: HttpStatus.FORBIDDEN } as const;

/**
 * The single place where errors become HTTP responses: every error body has a stable `code`,
 * a bilingual `message`, and for validation errors the failing `fields`. No stack trace leaves
 * the server; unexpected errors are logged and answered as 500 INTERNAL_ERROR.
 */
@Catch()
export class KansaErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = errorBody(exception);
    if (body.statusCode >= 500) {
      this.logger.error(exception instanceof Error ? exception.stack ?? exception.message : String(exception));
    }
    if (response.headersSent) return;
    if (body.statusCode === HttpStatus.SERVICE_UNAVAILABLE) response.setHeader('Retry-After', '10');
    response.status(body.statusCode).json(body);
  }
}

/**
 * The error body (and status) for an exception: used by the filter for whole requests, and by
 * batch requests (e.g. the workpaper sync) for each item that was refused.
 */
export function errorBody(exception: unknown): ErrorBody {
  if (exception instanceof KansaError) {
    return { statusCode: exception.getStatus(), code: exception.code, message: exception.bilingual, ...exception.extra };
  }
  if (exception instanceof DomainError) {
    const statusCode = DOMAIN_STATUS[exception.kind];
    const first = exception.violations[0];
    return {
      statusCode,
      // One violation: its own code. Several: a code for the kind, the list says which.
      code: exception.violations.length === 1 ? first.code : DOMAIN_CODES[exception.kind],
      message: first && exception.violations.length === 1
        ? { ja: first.ja, en: first.en }
        : { ja: exception.violations.map((v) => v.ja).join(' '), en: exception.violations.map((v) => v.en).join(' ') },
      violations: [...exception.violations],
    };
  }
  if (exception instanceof RenderError) {
    // The code's own message only: details (paths, browser output) stay in the log.
    const plain = new RenderError(exception.code);
    return { statusCode: RENDER_STATUS[exception.code] ?? 500, code: `RENDER_${exception.code.toUpperCase()}`, message: { ja: plain.ja, en: plain.en } };
  }
  if (exception instanceof HttpException) {
    const statusCode = exception.getStatus();
    const known = STATUS_CODES[statusCode] ?? (statusCode >= 500 ? STATUS_CODES[500] : STATUS_CODES[400]);
    // Body-parser errors (malformed JSON, too large) arrive as HttpException with their own text.
    const raw = exception.getResponse();
    const text = typeof raw === 'string' ? raw : (raw as { message?: unknown }).message;
    const detail = statusCode < 500 && typeof text === 'string' ? text : undefined;
    return {
      statusCode,
      code: known.code,
      message: detail ? { ja: known.message.ja, en: detail } : known.message,
    };
  }
  // A value the database could not take as its column's type (PostgreSQL: a number out of range,
  // malformed text for a number): bad input that no DTO rule caught — still the client's 400.
  if (exception instanceof QueryFailedError && BAD_VALUE_SQLSTATES.has((exception.driverError as { code?: string })?.code ?? '')) {
    return { statusCode: 400, code: 'VALIDATION_FAILED', message: { ja: '値が範囲外か、形式が正しくありません。', en: 'A value is out of range or malformed.' } };
  }
  // Errors thrown by body-parser before Nest sees the request (e.g. a body over the size limit).
  const raw = (exception ?? {}) as { status?: number; statusCode?: number };
  const httpStatus = raw.status ?? raw.statusCode;
  if (typeof httpStatus === 'number' && httpStatus >= 400 && httpStatus < 500) {
    const known = STATUS_CODES[httpStatus] ?? STATUS_CODES[400];
    return { statusCode: httpStatus, code: known.code, message: known.message };
  }
  return { statusCode: 500, code: STATUS_CODES[500].code, message: STATUS_CODES[500].message };
}
