/**
 * Validation messages at the field, in Japanese (or English): the checks the form can make
 * before sending, and the server's field errors and rule violations mapped onto the same fields.
 */
import { ApiError, isNetworkError } from './api';
import { translate, type Lang } from './i18n';

export type FieldErrors = Record<string, string[]>;

/** class-validator rule names → what the field needs, per language. */
const RULES: Record<string, [string, string]> = {
  isDefined: ['入力してください。', 'Required.'],
  isNotEmpty: ['入力してください。', 'Required.'],
  isString: ['文字で入力してください。', 'Enter text.'],
  isInt: ['整数を入力してください。', 'Enter a whole number.'],
  isNumber: ['数値を入力してください。', 'Enter a number.'],
  isBoolean: ['はい・いいえを選択してください。', 'Choose yes or no.'],
  min: ['値が小さすぎます。', 'The value is too small.'],
  max: ['値が大きすぎます。', 'The value is too large.'],
  isIn: ['選択肢から選んでください。', 'Choose one of the options.'],
  isEmail: ['メールアドレスの形式で入力してください。', 'Enter an e-mail address.'],
  isDateString: ['日付を YYYY-MM-DD の形式で入力してください。', 'Enter a date as YYYY-MM-DD.'],
  isLength: ['文字数が範囲外です。', 'The length is out of range.'],
  maxLength: ['文字数が多すぎます。', 'Too long.'],
  minLength: ['文字数が足りません。', 'Too short.'],
  matches: ['形式が正しくありません。', 'The format is not valid.'],
  isArray: ['一覧の形式で指定してください。', 'Must be a list.'],
  arrayMinSize: ['1つ以上選択してください。', 'Choose at least one.'],
  arrayMaxSize: ['選択が多すぎます。', 'Too many chosen.'],
  arrayUnique: ['同じものが重複しています。', 'Duplicates are not allowed.'],
  whitelistValidation: ['この項目は受け付けられません。', 'This field is not accepted.'],
  nestedValidation: ['入力内容が正しくありません。', 'Not valid.'],
  exists: ['存在しない値です。', 'Does not exist.'],
};

/** Field-specific wording where the generic rule would be vague. */
const FIELD_RULES: Record<string, Partial<Record<string, [string, string]>>> = {
  plannedMonth: { matches: ['年月を YYYY-MM の形式で入力してください。', 'Enter a month as YYYY-MM.'] },
  visitStart: { matches: ['時刻を HH:MM の形式で入力してください。', 'Enter a time as HH:MM.'] },
  visitEnd: { matches: ['時刻を HH:MM の形式で入力してください。', 'Enter a time as HH:MM.'] },
  newPassword: { isLength: ['8文字以上200文字以内で入力してください。', 'Use 8 to 200 characters.'] },
  title: { isLength: ['1文字以上200文字以内で入力してください。', 'Use 1 to 200 characters.'] },
  reason: { isLength: ['理由を入力してください。', 'Enter a reason.'] },
  exclusionReason: { isLength: ['理由を入力してください。', 'Enter a reason.'] },
};

function leaf(field: string): string {
  const parts = field.split('.');
  return parts[parts.length - 1];
}

/** The server's answer as messages per field (validation fields and domain violations). */
export function fieldErrorsOf(error: unknown, lang: Lang): FieldErrors {
  const out: FieldErrors = {};
  if (!(error instanceof ApiError)) return out;
  for (const f of error.fields) {
    const field = f.field.replace(/\[(\d+)\]/g, '.$1');
    const msgs = f.rules.map((rule) => {
      const specific = FIELD_RULES[leaf(f.field)]?.[rule];
      const generic = RULES[rule];
      const pair = specific ?? generic;
      if (pair) return lang === 'ja' ? pair[0] : pair[1];
      return lang === 'ja' ? '入力内容が正しくありません。' : f.messages.join(' ');
    });
    (out[field] ??= []).push(...new Set(msgs));
  }
  for (const v of error.violations) {
    if (!v.field) continue;
    (out[v.field.replace(/\[(\d+)\]/g, '.$1')] ??= []).push(lang === 'ja' ? v.ja : v.en);
  }
  return out;
}

/** The errors not tied to a form field (shown in the summary above the form). */
export function generalMessages(error: unknown, lang: Lang, knownFields: readonly string[] = []): string[] {
  if (isNetworkError(error)) return [translate(lang, 'networkError')];
  if (!(error instanceof ApiError)) return error ? [String((error as Error).message ?? error)] : [];
  const known = new Set(knownFields);
  const norm = (f: string) => f.replace(/\[(\d+)\]/g, '.$1');
  const loose = error.violations.filter((v) => !v.field || !known.has(norm(v.field))).map((v) => (lang === 'ja' ? v.ja : v.en));
  if (loose.length) return loose;
  const atFields = error.violations.length > 0 || (error.fields.length > 0 && error.fields.every((f) => known.has(norm(f.field))));
  if (atFields) return [translate(lang, 'fixFields')];
  return [lang === 'ja' ? error.bilingual.ja : error.bilingual.en];
}

// ---- client-side checks (the same rules the server applies, asked before sending) -----------

export const isDate = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`));
export const isMonth = (v: string) => /^\d{4}-(0[1-9]|1[0-2])$/.test(v);
export const isTime = (v: string) => /^([01]\d|2[0-3]):[0-5]\d$/.test(v);
export const isEmail = (v: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v);

export class Checker {
  readonly errors: FieldErrors = {};
  constructor(private readonly lang: Lang) {}

  private add(field: string, key: Parameters<typeof translate>[1]): void {
    (this.errors[field] ??= []).push(translate(this.lang, key));
  }

  required(field: string, value: unknown): this {
    if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0)) {
      this.add(field, Array.isArray(value) ? 'fieldPickOne' : 'fieldRequired');
    }
    return this;
  }

  choose(field: string, value: unknown): this {
    if (value === null || value === undefined || value === '') this.add(field, 'fieldChoose');
    return this;
  }

  date(field: string, value: string | null | undefined): this {
    if (value && !isDate(value)) this.add(field, 'fieldDate');
    return this;
  }

  month(field: string, value: string | null | undefined): this {
    if (value && !isMonth(value)) this.add(field, 'fieldMonth');
    return this;
  }

  time(field: string, value: string | null | undefined): this {
    if (value && !isTime(value)) this.add(field, 'fieldTime');
    return this;
  }

  email(field: string, value: string): this {
    if (value && !isEmail(value)) this.add(field, 'fieldEmail');
    return this;
  }

  custom(field: string, ok: boolean, key: Parameters<typeof translate>[1]): this {
    if (!ok) this.add(field, key);
    return this;
  }

  get ok(): boolean {
    return Object.keys(this.errors).length === 0;
  }
}
