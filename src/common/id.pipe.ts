import { HttpStatus, ParseIntPipe } from '@nestjs/common';
import { KansaError } from './errors';

/** Parses a positive integer path parameter; anything else is a 400 naming the parameter. */
export function IdParam(name = 'id'): ParseIntPipe {
  return new ParseIntPipe({
    exceptionFactory: () =>
      new KansaError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', { ja: `${name} は整数で指定してください。`, en: `${name} must be an integer.` }, {
        fields: [{ field: name, rules: ['isInt'], messages: [`${name} must be an integer`] }],
      }),
  });
}
