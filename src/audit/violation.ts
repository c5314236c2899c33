/**
 * A broken rule, named by a stable code and explained in Japanese and English.
 *
 * Every check of the domain returns `Violation[]` (empty = allowed). Every `assert…` function
 * throws a `DomainError` whose `kind` tells the HTTP layer how to answer:
 *   conflict  → 409 (the audit is not in a state that allows this; a stale version)
 *   invalid   → 400/422 (the request itself is incomplete or malformed)
 *   forbidden → 403 (this person may not do this on this audit)
 */
export interface Violation {
  /** Stable UPPER_SNAKE code; clients and tests match on it, never on the text. */
  readonly code: string;
  /** The input field or collection the violation is about, when there is one. */
  readonly field?: string;
  readonly ja: string;
  readonly en: string;
  /** Machine-readable particulars (ids, item numbers, the current version …). */
  readonly details?: Readonly<Record<string, unknown>>;
}

export type DomainErrorKind = 'conflict' | 'invalid' | 'forbidden';

export class DomainError extends Error {
  readonly kind: DomainErrorKind;
  readonly violations: readonly Violation[];

  constructor(kind: DomainErrorKind, violations: readonly Violation[]) {
    super(violations.map((v) => `${v.code}: ${v.en}`).join('; ') || kind);
    this.name = 'DomainError';
    this.kind = kind;
    this.violations = violations;
    Object.setPrototypeOf(this, DomainError.prototype);
  }

  /** The codes of the violations, in order — convenient in tests and logs. */
  get codes(): string[] {
    return this.violations.map((v) => v.code);
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}

export function violation(
  code: string,
  ja: string,
  en: string,
  extra: { field?: string; details?: Record<string, unknown> } = {},
): Violation {
  const v: { -readonly [K in keyof Violation]: Violation[K] } = { code, ja, en };
  if (extra.field !== undefined) v.field = extra.field;
  if (extra.details !== undefined) v.details = extra.details;
  return v;
}

/**
 * The outcome of a check, grouped by how it must be answered. `checkX` functions flatten it;
 * `assertX` functions raise it.
 */
export interface Verdict {
  readonly forbidden: readonly Violation[];
  readonly invalid: readonly Violation[];
  readonly conflict: readonly Violation[];
}

export function verdict(parts: Partial<Verdict> = {}): Verdict {
  return { forbidden: parts.forbidden ?? [], invalid: parts.invalid ?? [], conflict: parts.conflict ?? [] };
}

export function allViolations(v: Verdict): Violation[] {
  return [...v.forbidden, ...v.invalid, ...v.conflict];
}

/**
 * Throws when the verdict holds any violation. A person who may not act at all learns only
 * that (forbidden, nothing about the audit's state); a malformed request is answered as such
 * (invalid) before the state is discussed; otherwise every unmet condition is listed (conflict).
 */
export function raise(v: Verdict): void {
  if (v.forbidden.length > 0) throw new DomainError('forbidden', v.forbidden);
  if (v.invalid.length > 0) throw new DomainError('invalid', v.invalid);
  if (v.conflict.length > 0) throw new DomainError('conflict', v.conflict);
}

/** Throws a DomainError of the given kind when there is any violation. */
export function raiseIfAny(kind: DomainErrorKind, violations: readonly Violation[]): void {
  if (violations.length > 0) throw new DomainError(kind, violations);
}

/** True for a string that holds something other than white space. */
export function isFilled(text: string | null | undefined): text is string {
  return typeof text === 'string' && text.trim().length > 0;
}
