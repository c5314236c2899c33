import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogsService } from '../../src/modules/catalogs/catalogs.service';
import { createTestApp, engines, type TestApp } from '../support/app';

describe.each(engines())('catalogues API on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => t?.close());

  it('lists the three catalogues with their current version and item count', async () => {
    const res = await t.http().get('/api/catalogs').expect(200);
    const byCode = Object.fromEntries(res.body.map((c: { code: string }) => [c.code, c]));
    expect(Object.keys(byCode).sort()).toEqual(['data-user-measures', 'minimum-baseline', 'security-checklist']);
    expect(byCode['minimum-baseline']).toMatchObject({
      version: '2014', itemCount: 32, title: { ja: 'ミニマムベースラインチェック項目' },
      versions: [{ version: '2013', itemCount: 32 }, { version: '2014', itemCount: 32 }],
    });
    expect(byCode['security-checklist']).toMatchObject({ itemCount: 120 });
    expect(byCode['data-user-measures']).toMatchObject({ itemCount: 79 });
  });

  it('serves the baseline items with category and zone, and no mandatory flag', async () => {
    const res = await t.http().get('/api/catalogs/minimum-baseline').expect(200);
    expect(res.body).toMatchObject({ code: 'minimum-baseline', version: '2014', current: true });
    expect(res.body.items).toHaveLength(32);
    expect(res.body.items[8]).toMatchObject({ no: 9, category: 'B', zone: 1, text: '登録室(保管庫を含む)が無人の時、施錠はされていますか？' });
    expect(res.body.items[18]).toMatchObject({ no: 19, category: 'C', zone: 3 });
    expect(res.body.items.every((i: object) => !('mandatory' in i))).toBe(true);
  });

  it('serves an older version with ?version=', async () => {
    const res = await t.http().get('/api/catalogs/minimum-baseline?version=2013').expect(200);
    expect(res.body).toMatchObject({ version: '2013', current: false });
    expect(res.body.items[30]).toMatchObject({
      no: 31, legacyNo: 17,
      text: '移送時にUSB等の可搬媒体に個人データを保存している場合、パスワード保護等の直接読み取れないような措置がとられていますか？',
    });
  });

  it('serves the data-user measures with group and mandatory, without category or zone', async () => {
    const res = await t.http().get('/api/catalogs/data-user-measures').expect(200);
    expect(res.body.items).toHaveLength(79);
    const first = res.body.items[0];
    expect(first).toHaveProperty('mandatory');
    expect(first).toHaveProperty('group', 'organisational');
    expect(first).not.toHaveProperty('category');
    expect(first).not.toHaveProperty('zone');
    expect(res.body.items.filter((i: { mandatory: boolean }) => i.mandatory)).toHaveLength(31);
  });

  it('answers an unknown catalogue with 404 and the JSON error body', async () => {
    const res = await t.http().get('/api/catalogs/no-such-catalogue').expect(404);
    expect(res.body).toEqual({
      statusCode: 404,
      code: 'CATALOG_NOT_FOUND',
      message: { ja: expect.stringContaining('no-such-catalogue'), en: expect.stringContaining('no-such-catalogue') },
    });
  });

  it('answers an unknown version with 404', async () => {
    const res = await t.http().get('/api/catalogs/minimum-baseline?version=1999').expect(404);
    expect(res.body.code).toBe('CATALOG_VERSION_NOT_FOUND');
  });

  it('answers an invalid query with 400 naming the field', async () => {
    const bad = await t.http().get('/api/catalogs/minimum-baseline?version=%3Cscript%3E').expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect(bad.body.fields).toEqual([expect.objectContaining({ field: 'version', rules: ['matches'] })]);
    const unknown = await t.http().get('/api/catalogs/minimum-baseline?colour=red').expect(400);
    expect(unknown.body.fields).toEqual([expect.objectContaining({ field: 'colour', rules: ['whitelistValidation'] })]);
  });

  it('seeding again changes nothing, and the database holds each version once', async () => {
    const count = async () => Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM catalog_item'))[0].n);
    const before = await count();
    expect(before).toBe(32 + 32 + 120 + 79);
    const report = await t.app.get(CatalogsService).seed();
    expect(report.added).toEqual([]);
    expect(report.unchanged).toHaveLength(4);
    expect(await count()).toBe(before);
    // A restart (which seeds on start) changes nothing either.
    t = await t.restart();
    expect(await count()).toBe(before);
  });

  it('serves the OpenAPI document', async () => {
    const res = await t.http().get('/api/docs-json').expect(200);
    expect(res.body.paths).toHaveProperty('/api/catalogs/{code}');
  });
});
