import { HttpStatus, PipeTransform } from '@nestjs/common';
import { KansaError } from './errors';
import { MAX_DB_INTEGER } from './validation';

/**
 * A path id: a whole number from 1 to what the database stores; anything else (a word, a
 * negative number, one too large for an integer column) is a 400 naming the parameter.
 */
class IdPipe implements PipeTransform<string, number> {
  constructor(private readonly name: string) {}

  transform(value: string): number {
    const id = /^[0-9]{1,10}$/.test(value) ? Number(value) : NaN;
    if (!(id >= 1 && id <= MAX_DB_INTEGER)) {
      throw new KansaError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', {
        ja: `${this.name} は1から${MAX_DB_INTEGER}までの整数で指定してください。`,
        en: `${this.name} must be a whole number from 1 to ${MAX_DB_INTEGER}.`,
      }, { fields: [{ field: this.name, rules: ['isInt', 'min', 'max'], messages: [`${this.name} must be a whole number from 1 to ${MAX_DB_INTEGER}`] }] });
    }
    return id;
  }
}

export function IdParam(name = 'id'): PipeTransform<string, number> {
  return new IdPipe(name);
}
