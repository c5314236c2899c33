import { HttpException, HttpStatus } from '@nestjs/common';

/** A message in the users' language first, English second. */
export interface Bilingual {
  ja: string;
  en: string;
}

export interface FieldError {
  /** Dotted path of the failing field, e.g. `team.0.email` or `version`. */
  field: string;
  /** The rules that failed, by class-validator name (e.g. `isInt`, `whitelistValidation`). */
  rules: string[];
  messages: string[];
}

/** The JSON body of every error response. `code` is stable; clients branch on it. */
export interface ErrorBody {
  statusCode: number;
  code: string;
  message: Bilingual;
  fields?: FieldError[];
  violations?: { code: string; field?: string; ja: string; en: string }[];
  details?: Record<string, unknown>;
}

/**
 * The one exception type the application throws for expected failures; the global filter
 * turns it (and Nest's own exceptions) into an ErrorBody.
 */
export class KansaError extends HttpException {
  constructor(
    status: HttpStatus,
    readonly code: string,
    readonly bilingual: Bilingual,
    readonly extra: Pick<ErrorBody, 'fields' | 'violations' | 'details'> = {},
  ) {
    super({ statusCode: status, code, message: bilingual, ...extra }, status);
  }

  static notFound(what: Bilingual, code = 'NOT_FOUND'): KansaError {
    return new KansaError(HttpStatus.NOT_FOUND, code, what);
  }
}
