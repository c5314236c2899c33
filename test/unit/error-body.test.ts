/** The one place where errors become HTTP answers (src/common/error.filter.ts errorBody). */
import { QueryFailedError } from 'typeorm';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/audit/violation';
import { errorBody } from '../../src/common/error.filter';
import { KansaError } from '../../src/common/errors';

const pgError = (code: string) => new QueryFailedError('SELECT 1', [], Object.assign(new Error('pg'), { code }));

describe('errorBody', () => {
  it('keeps a KansaError as it is', () => {
    expect(errorBody(KansaError.notFound({ ja: '無い', en: 'None' }, 'X_NOT_FOUND'))).toEqual({ statusCode: 404, code: 'X_NOT_FOUND', message: { ja: '無い', en: 'None' } });
  });

  it('answers a domain refusal by its kind, one violation by its own code', () => {
    const one = new DomainError('conflict', [{ code: 'WORKPAPER_LOCKED_BY_REVIEW', ja: '査閲済み', en: 'Reviewed' }]);
    expect(errorBody(one)).toMatchObject({ statusCode: 409, code: 'WORKPAPER_LOCKED_BY_REVIEW', message: { ja: '査閲済み', en: 'Reviewed' } });
    const two = new DomainError('invalid', [{ code: 'A', ja: 'あ', en: 'A.' }, { code: 'B', ja: 'い', en: 'B.' }]);
    expect(errorBody(two)).toMatchObject({ statusCode: 422, code: 'RULES_VIOLATED', message: { ja: 'あ い', en: 'A. B.' } });
  });

  it("makes a value PostgreSQL cannot store the client's 400, and any other database failure a 500 without detail", () => {
    expect(errorBody(pgError('22003'))).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    expect(errorBody(pgError('22P02'))).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    const other = errorBody(pgError('23505'));
    expect(other).toEqual({ statusCode: 500, code: 'INTERNAL_ERROR', message: { ja: 'サーバ内部でエラーが発生しました。', en: 'An internal error occurred.' } });
  });
});
