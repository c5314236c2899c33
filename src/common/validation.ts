import { applyDecorators, HttpStatus, ValidationError, ValidationPipe } from '@nestjs/common';
import { IsInt, Max, Min } from 'class-validator';
import { FieldError, KansaError } from './errors';

/** Flattens class-validator's nested errors into dotted field paths. */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    if (error.constraints) {
      out.push({ field, rules: Object.keys(error.constraints), messages: Object.values(error.constraints) });
    }
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, field));
  }
  return out;
}

/** The global pipe: unknown fields are refused, values are transformed to the DTO's types. */
export function kansaValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const fields = flattenValidationErrors(errors);
      const names = fields.map((f) => f.field).join(', ');
      return new KansaError(
        HttpStatus.BAD_REQUEST,
        'VALIDATION_FAILED',
        { ja: `入力内容に誤りがあります: ${names}`, en: `Invalid input: ${names}` },
        { fields },
      );
    },
  });
}

/** The largest id, version or count the database stores (a 32-bit integer column on PostgreSQL). */
export const MAX_DB_INTEGER = 2_147_483_647;

/**
 * An id or version sent by a client: a whole number from `min` up to what the database can hold,
 * so that a huge number is a 400 naming the field rather than a database error (`each` for arrays).
 */
export function IsDbInt(min = 1, each = false): PropertyDecorator {
  return applyDecorators(IsInt({ each }), Min(min, { each }), Max(MAX_DB_INTEGER, { each }));
}
