import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Clock } from '../../src/common/clock';
import { SurveysService } from '../../src/modules/surveys/surveys.service';
import { createTestApp, engines, type TestApp } from '../support/app';
import { auditInRemediation } from '../support/scenario';
import { ADMIN_ENV, buildWorld, type Client, type World } from '../support/world';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const codes = (body: { violations?: { code: string }[] }) => (body.violations ?? []).map((v) => v.code);
type Answer = { itemNo: number; answer: 'met' | 'not_met' | 'not_applicable' | null; comment?: string | null };
const every = (answer: Answer['answer'], from = 1, to = 32): Answer[] => Array.from({ length: to - from + 1 }, (_, i) => ({ itemNo: from + i, answer }));

/** Collects a binary body (xlsx, csv) as a Buffer. */
function binary(res: NodeJS.ReadableStream, done: (err: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

async function download(client: Client, url: string, status = 200): Promise<Buffer> {
  const res = await client.get(url).buffer(true).parse(binary as never);
  expect(res.status, url).toBe(status);
  return res.body as Buffer;
}

async function workbook(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  return wb;
}

describe.each(engines())('the yearly self-assessment survey through the HTTP API on %s', (engine) => {
  let t: TestApp;
  let w: World;
  let today: ReturnType<typeof vi.spyOn>;
  let roundId: number;
  let audit: Awaited<ReturnType<typeof auditInRemediation>>;
  const on = (date: string) => today.mockReturnValue(date);
  const count = async (table: string) => Number((await t.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
  const response = (orgId: number) => `/api/surveys/rounds/${roundId}/responses/${orgId}`;
  const importFile = (client: Client, orgId: number, buffer: Buffer, filename = '調査票.xlsx') =>
    t.http().post(`${response(orgId)}/questionnaire.xlsx`).set('Authorization', `Bearer ${client.token}`).attach('file', buffer, { filename, contentType: XLSX });

  beforeAll(async () => {
    t = await createTestApp(engine, ADMIN_ENV);
  });
  afterAll(async () => t?.close());

  describe('the published years, loaded on first start', () => {
    it('loads FY2011–FY2013 once: a second start adds nothing', async () => {
      const rounds = await count('survey_round');
      const figures = await count('survey_published_figure');
      expect([rounds, figures]).toEqual([3, 8 + 9 + 9]);
      t = await t.restart();
      expect([await count('survey_round'), await count('survey_published_figure')]).toEqual([rounds, figures]);
    });

    it('shows the public, year by year, the share of registries meeting every item (表1 and the text of (1))', async () => {
      const res = await t.http().get('/api/surveys/national').expect(200);
      expect(res.body.trend.map((p: { fiscalYear: number; respondents: number | null; allItemsMet: number | null; allItemsMetPercent: string }) =>
        [p.fiscalYear, p.respondents, p.allItemsMet, p.allItemsMetPercent])).toEqual([[2011, null, null, '61.0'], [2012, 46, 38, '82.6'], [2013, 47, 24, '51.1']]);
    });

    it('reproduces the 2013 per-item counts of 付表2 and the rows of 表1; what the report does not give stays null', async () => {
      const res = await t.http().get('/api/surveys/national/2013').expect(200);
      const n = res.body;
      expect(n).toMatchObject({ fiscalYear: 2013, origin: 'published', itemsSurveyed: 32, respondents: 47, allItemsMet: 24, allItemsMetPercent: '51.1' });
      expect(n.items).toHaveLength(32);
      expect(n.items.slice(0, 8).map((i: { no: number; notMet: number }) => [i.no, i.notMet])).toEqual([[1, 3], [2, 9], [3, 1], [4, 6], [5, 14], [6, 13], [7, 15], [8, 7]]);
      expect(n.items.slice(8).every((i: { notMet: number | null }) => i.notMet === null)).toBe(true);
      expect(n.items[6]).toMatchObject({ no: 7, category: 'A', zone: 0, notMetPercent: '31.9' });
      expect(n.items[6].text).toContain('事故時対応手順');
      expect(n.distribution).toEqual([
        { notMetItems: 0, respondents: 24, percent: '51.1' }, { notMetItems: 1, respondents: 7, percent: '14.9' },
        { notMetItems: 2, respondents: 5, percent: '10.6' }, { notMetItems: 3, respondents: 2, percent: '4.3' },
        { notMetItems: 4, respondents: 2, percent: '4.3' }, { notMetItems: 5, respondents: 2, percent: '4.3' },
        { notMetItems: 6, respondents: 3, percent: '6.4' }, { notMetItems: 7, respondents: 1, percent: '2.1' },
        { notMetItems: 9, respondents: 1, percent: '2.1' },
      ]);
      expect(n.byCategory.map((c: { key: string; notMet: number | null }) => [c.key, c.notMet])).toEqual([['A', 68], ['B', null], ['C', null], ['D', null]]);
      expect(n.notGiven.length).toBeGreaterThan(0);
      expect(n.source.document).toBe('001_002212e190d34eb2.txt');
      const fy2012 = (await t.http().get('/api/surveys/national/2012').expect(200)).body;
      expect(fy2012.textBreakdown.map((x: { notMet: number }) => x.notMet)).toEqual([3, 2, 2, 1, 1, 1]);
      expect(fy2012.items).toEqual([]);
      await t.http().get('/api/surveys/national/2026').expect(404);
    });

    it('exports the national results as a workbook in the shape of 表1 and 付表2', async () => {
      const res = await t.http().get('/api/surveys/national.xlsx').buffer(true).parse(binary as never).expect(200);
      expect(res.headers['content-type']).toContain(XLSX);
      const wb = await workbook(res.body as Buffer);
      expect(wb.worksheets.map((s) => s.name)).toEqual(['全項目達成', '表1 未達成項目数', '項目別 未達成数', '管理策・防御ゾーン', '注記']);
      const perItem = wb.getWorksheet('項目別 未達成数')!;
      expect(perItem.getRow(2).values).toEqual([undefined, 'No', '管理策', '防御ゾーン', 'チェック事項', '2011年度', '2012年度', '2013年度']);
      expect(perItem.getRow(3).getCell(1).value).toBe(1);
      expect(perItem.getRow(3).getCell(7).value).toBe(3);
      expect(perItem.getRow(9).getCell(7).value).toBe(15);
      expect(perItem.getRow(10).getCell(7).value).toBe(7);
      expect(perItem.getRow(11).getCell(7).value).toBe('—');
      expect(perItem.getRow(3).getCell(6).value).toBe('—');
    });
  });

  describe('a round', () => {
    beforeAll(async () => {
      w = await buildWorld(t);
      audit = await auditInRemediation(t, w);
      today = vi.spyOn(t.app.get(Clock), 'today');
      on('2026-06-01');
    }, 180_000);

    it('is opened by the lead for a fiscal year with the catalogue of its audience', async () => {
      const body = { fiscalYear: 2026, audience: 'registry', catalog: { code: 'minimum-baseline' }, dueOn: '2026-08-31' };
      await w.as.auditor1.post('/api/surveys/rounds', body).expect(403);
      await w.as.auditeeA.post('/api/surveys/rounds', body).expect(403);
      const mismatch = await w.as.manager.post('/api/surveys/rounds', { ...body, catalog: { code: 'data-user-measures' } }).expect(422);
      expect(codes(mismatch.body)).toEqual(['SURVEY_CATALOG_MISMATCH']);
      const res = await w.as.manager.post('/api/surveys/rounds', body).expect(201);
      roundId = res.body.id;
      expect(res.body).toMatchObject({ fiscalYear: 2026, audience: 'registry', origin: 'conducted', status: 'open', catalog: { code: 'minimum-baseline', version: '2014', itemCount: 32 } });
      expect(res.body.progress).toEqual({ expected: 2, submitted: 0, notSubmitted: 2 });
      const again = await w.admin.post('/api/surveys/rounds', body).expect(409);
      expect(codes(again.body)).toEqual(['SURVEY_ROUND_EXISTS']);
      const published = await w.admin.post('/api/surveys/rounds', { ...body, fiscalYear: 2013 }).expect(422);
      expect(codes(published.body)).toEqual(['SURVEY_FISCAL_YEAR_OUT_OF_RANGE']);
    });

    it('is answered as a draft by the registry’s staff; only its manager submits, once complete', async () => {
      const draft = await w.as.staffA.put(`${response(w.orgs.registryA)}/answers`, { answers: every('met', 1, 20) }).expect(200);
      expect(draft.body).toMatchObject({ status: 'draft', version: 1, progress: { items: 32, answered: 20 } });
      await w.as.staffA.post(`${response(w.orgs.registryA)}/submit`).expect(403);
      const incomplete = await w.as.auditeeA.post(`${response(w.orgs.registryA)}/submit`).expect(409);
      expect(incomplete.body.violations).toHaveLength(12);
      expect(new Set(codes(incomplete.body))).toEqual(new Set(['SURVEY_ITEM_UNANSWERED']));
      const stale = await w.as.auditeeA.put(`${response(w.orgs.registryA)}/answers`, { answers: [{ itemNo: 5, answer: 'not_met' }], version: 0 }).expect(409);
      expect(codes(stale.body)).toEqual(['SURVEY_RESPONSE_VERSION_CONFLICT']);
      await w.as.auditeeA.put(`${response(w.orgs.registryA)}/answers`, {
        version: 1,
        answers: [
          { itemNo: 5, answer: 'not_met', comment: 'マニュアルを作成中' }, ...every('met', 21, 32).filter((a) => a.itemNo < 22 || a.itemNo > 23),
          { itemNo: 22, answer: 'not_applicable' }, { itemNo: 23, answer: 'not_applicable', comment: '出張採録でPCを使用しない' },
        ],
      }).expect(200);
      const unexplained = await w.as.auditeeA.post(`${response(w.orgs.registryA)}/submit`).expect(409);
      expect(unexplained.body.code).toBe('SURVEY_NOT_APPLICABLE_REASON_REQUIRED');
      await w.as.staffA.put(`${response(w.orgs.registryA)}/answers`, { answers: [{ itemNo: 22, answer: 'not_applicable', comment: '出張採録でPCを使用しない' }] }).expect(200);
      const submitted = await w.as.auditeeA.post(`${response(w.orgs.registryA)}/submit`).expect(200);
      expect(submitted.body).toMatchObject({ status: 'submitted', late: false, allowed: { edit: false, submit: false, reopen: false } });
      const frozen = await w.as.staffA.put(`${response(w.orgs.registryA)}/answers`, { answers: [{ itemNo: 1, answer: 'not_met' }] }).expect(409);
      expect(frozen.body.code).toBe('SURVEY_RESPONSE_SUBMITTED');
    });

    it('shows the lead who has not answered yet', async () => {
      on('2026-09-05');
      const res = await w.as.manager.get(`/api/surveys/rounds/${roundId}/progress`).expect(200);
      expect(res.body.counts).toEqual({ expected: 2, submitted: 1, notSubmitted: 1 });
      expect(res.body.notSubmitted).toEqual([expect.objectContaining({ id: w.orgs.registryB, status: 'not_started', overdue: true })]);
      const a = res.body.respondents.find((r: { organisation: { id: number } }) => r.organisation.id === w.orgs.registryA);
      expect(a).toMatchObject({ status: 'submitted', answered: 32, result: { notMet: 1, notMetItemNos: [5], allMet: false } });
      await w.as.auditeeA.get(`/api/surveys/rounds/${roundId}/progress`).expect(403);
    });

    it('is reopened by the lead with a reason, corrected and submitted again', async () => {
      await w.as.auditor1.post(`${response(w.orgs.registryA)}/reopen`, { reason: '確認' }).expect(403);
      const blank = await w.as.manager.post(`${response(w.orgs.registryA)}/reopen`, { reason: '   ' }).expect(422);
      expect(blank.body.code).toBe('SURVEY_REOPEN_REASON_REQUIRED');
      const reopened = await w.as.manager.post(`${response(w.orgs.registryA)}/reopen`, { reason: '項目7: 事故時対応手順の文書を確認できません。' }).expect(200);
      expect(reopened.body).toMatchObject({ status: 'reopened', reopen: { count: 1, reason: '項目7: 事故時対応手順の文書を確認できません。' } });
      const seen = await w.as.staffA.get(response(w.orgs.registryA)).expect(200);
      expect(seen.body).toMatchObject({ status: 'reopened', allowed: { edit: true, submit: false }, reopen: { reason: expect.stringContaining('項目7') } });
      const again = await w.as.manager.post(`${response(w.orgs.registryA)}/reopen`, { reason: '再度' }).expect(409);
      expect(again.body.code).toBe('SURVEY_RESPONSE_NOT_SUBMITTED');
      await w.as.staffA.put(`${response(w.orgs.registryA)}/answers`, { answers: [{ itemNo: 7, answer: 'not_met', comment: '手順書を策定中' }] }).expect(200);
      expect((await w.as.staffA.get(response(w.orgs.registryA)).expect(200)).body.status).toBe('reopened');
      const resubmitted = await w.as.auditeeA.post(`${response(w.orgs.registryA)}/submit`).expect(200);
      expect(resubmitted.body).toMatchObject({ status: 'submitted', late: true });
    });

    it('scores the response by control category A–D and defence zone 0–3', async () => {
      const res = await w.as.auditeeA.get(`${response(w.orgs.registryA)}/results`).expect(200);
      const s = res.body.score;
      expect(res.body).toMatchObject({ final: true, change: null, catalog: { code: 'minimum-baseline', version: '2014' } });
      expect(s.overall).toEqual({ items: 32, met: 28, notMet: 2, notApplicable: 2, unanswered: 0, rate: 28 / 30 });
      expect(s.byCategory.map((c: { key: string; met: number; notMet: number; notApplicable: number; rate: number }) => [c.key, c.met, c.notMet, c.notApplicable, c.rate]))
        .toEqual([['A', 6, 2, 0, 0.75], ['B', 9, 0, 0, 1], ['C', 4, 0, 2, 1], ['D', 9, 0, 0, 1]]);
      expect(s.byZone.map((z: { key: number; items: number; met: number; notMet: number; rate: number }) => [z.key, z.items, z.met, z.notMet, z.rate]))
        .toEqual([[0, 18, 14, 2, 14 / 16], [1, 6, 6, 0, 1], [2, 6, 6, 0, 1], [3, 2, 2, 0, 1]]);
      expect(s.notMetItemNos).toEqual([5, 7]);
      expect(s.byCategory[0].label.ja).toContain('管理策A');
    });

    it('keeps one registry out of another’s answers: 404 for reading and writing', async () => {
      const other = w.as.auditeeB;
      await other.get(response(w.orgs.registryA)).expect(404);
      await other.get(`${response(w.orgs.registryA)}/results`).expect(404);
      await other.get(`${response(w.orgs.registryA)}/questionnaire.xlsx`).expect(404);
      await other.put(`${response(w.orgs.registryA)}/answers`, { answers: [{ itemNo: 1, answer: 'not_met' }] }).expect(404);
      await other.post(`${response(w.orgs.registryA)}/submit`).expect(404);
      await importFile(other, w.orgs.registryA, Buffer.from('PK\u0003\u0004')).expect(404);
      await w.as.staffA.get(response(w.orgs.registryB)).expect(404);
      await w.as.staffA.get(response(w.orgs.dataUser)).expect(404);
      await w.as.auditeeA.get(`/api/surveys/rounds/${roundId}/national`).expect(403);
      await t.http().get('/api/surveys/rounds').expect(401);
      // A data users' round is not visible to a registry at all.
      const du = await w.as.manager.post('/api/surveys/rounds', { fiscalYear: 2026, audience: 'data_user', catalog: { code: 'data-user-measures' } }).expect(201);
      await w.as.auditeeA.get(`/api/surveys/rounds/${du.body.id}`).expect(404);
      expect((await w.as.auditeeA.get('/api/surveys/rounds').expect(200)).body.map((r: { audience: string }) => r.audience)).not.toContain('data_user');
      const auditors = (await w.as.auditor1.get(`/api/surveys/rounds/${du.body.id}/progress`).expect(200)).body;
      expect(auditors.notSubmitted.map((o: { id: number }) => o.id)).toEqual([w.orgs.dataUser]);
      // Nothing of registry A changed.
      const a = (await w.as.auditeeA.get(response(w.orgs.registryA)).expect(200)).body;
      expect(a.items[0]).toMatchObject({ no: 1, answer: 'met' });
    });

    describe('the spreadsheet exchange', () => {
      let exported: Buffer;

      it('exports a questionnaire with the items, categories, zones and a drop-down answer list', async () => {
        exported = await download(w.as.auditeeB, `${response(w.orgs.registryB)}/questionnaire.xlsx`);
        const wb = await workbook(exported);
        const ws = wb.getWorksheet('回答')!;
        expect(ws.getRow(6).values).toEqual([undefined, 'No', '管理策', '防御ゾーン', 'チェック事項', '回答', 'コメント（該当なしの場合は理由）']);
        expect(ws.getCell('B3').value).toBe('大阪府がん登録室');
        expect([ws.getCell('A7').value, ws.getCell('B7').value, ws.getCell('C7').value]).toEqual([1, 'A', 0]);
        expect([ws.getCell('A38').value, ws.getCell('B38').value, ws.getCell('C38').value]).toEqual([32, 'D', 0]);
        expect([ws.getCell('A25').value, ws.getCell('B25').value, ws.getCell('C25').value]).toEqual([19, 'C', 3]);
        expect(String(ws.getCell('D16').value)).toContain('開錠・施錠の記録');
        expect(ws.getCell('E7').value).toBeNull();
        expect(ws.getCell('E7').dataValidation).toMatchObject({ type: 'list', formulae: ['"達成,未達成,該当なし"'] });
        expect(ws.getCell('E38').dataValidation).toMatchObject({ type: 'list' });
        expect(wb.getWorksheet('_kansa')!.state).toBe('veryHidden');
        const blank = await workbook(await download(w.as.staffA, `/api/surveys/rounds/${roundId}/questionnaire.xlsx`));
        expect(blank.getWorksheet('回答')!.getCell('A38').value).toBe(32);
      });

      it('round trip: fill programmatically, import, and the answers are exactly what was filled', async () => {
        const wb = await workbook(exported);
        const ws = wb.getWorksheet('回答')!;
        const filled = new Map<number, [string, string | null]>();
        for (let no = 1; no <= 32; no++) filled.set(no, ['達成', null]);
        filled.set(3, ['該当なし', '出張採録を行っていない']);
        filled.set(7, ['未達成', '事故時対応手順を策定中（2026年度内）']);
        filled.set(16, ['達成', '=持ち出し管理台帳あり']);
        for (const [no, [answer, comment]] of filled) {
          ws.getCell(`E${6 + no}`).value = answer;
          if (comment) ws.getCell(`F${6 + no}`).value = comment;
        }
        const res = await importFile(w.as.auditeeB, w.orgs.registryB, Buffer.from(await wb.xlsx.writeBuffer())).expect(200);
        expect(res.body).toMatchObject({ imported: 32, changed: 32, response: { status: 'draft', version: 1 } });
        const stored = (await w.as.auditeeB.get(response(w.orgs.registryB)).expect(200)).body.items as { no: number; answerLabel: { ja: string }; comment: string | null }[];
        expect(stored.map((i) => [i.no, i.answerLabel.ja, i.comment])).toEqual([...filled].map(([no, [a, c]]) => [no, a, c]));
        // And out again: the exported cells are the ones imported.
        const again = (await workbook(await download(w.as.auditeeB, `${response(w.orgs.registryB)}/questionnaire.xlsx`))).getWorksheet('回答')!;
        for (const [no, [answer, comment]] of filled) {
          expect([again.getCell(`E${6 + no}`).value, again.getCell(`F${6 + no}`).value]).toEqual([answer, comment]);
        }
      });

      it('rejects an invalid sheet naming every wrong cell, and saves nothing of it', async () => {
        const wb = await workbook(exported);
        const ws = wb.getWorksheet('回答')!;
        for (let no = 1; no <= 32; no++) ws.getCell(`E${6 + no}`).value = '未達成'; // valid changes that must not be saved
        ws.getCell('E10').value = 'はい';
        ws.getCell('E14').value = 1;
        ws.getCell('A20').value = 99;
        ws.getCell('F15').value = 'あ'.repeat(2001);
        ws.getCell('B45').value = 'メモ';
        const before = { answers: await count('survey_answer'), responses: await count('survey_response'), state: (await w.as.auditeeB.get(response(w.orgs.registryB))).body };
        const res = await importFile(w.as.auditeeB, w.orgs.registryB, Buffer.from(await wb.xlsx.writeBuffer())).expect(422);
        expect(res.body.violations.map((v: { en: string }) => v.en.split(':')[0])).toEqual([
          'Sheet 回答, row 10, column E', 'Sheet 回答, row 14, column E', 'Sheet 回答, row 15, column F', 'Sheet 回答, row 20, column A', 'Sheet 回答, row 45, column B',
        ]);
        expect(codes(res.body)).toEqual(['XLSX_ANSWER_INVALID', 'XLSX_ANSWER_INVALID', 'XLSX_COMMENT_TOO_LONG', 'XLSX_ITEM_NO_MISMATCH', 'XLSX_UNEXPECTED_CONTENT']);
        expect(res.body.violations[0].ja).toContain('シート「回答」10行目 E列');
        expect(res.body.violations[0].en).toContain('"はい" is not one of 達成, 未達成, 該当なし');
        expect({ answers: await count('survey_answer'), responses: await count('survey_response'), state: (await w.as.auditeeB.get(response(w.orgs.registryB))).body }).toEqual(before);
      });

      it('refuses another organisation’s file and a file that is not a workbook', async () => {
        const theirs = await download(w.as.auditeeB, `${response(w.orgs.registryB)}/questionnaire.xlsx`);
        const wrong = await importFile(w.as.auditeeA, w.orgs.registryA, theirs).expect(409);
        expect(wrong.body.code).toBe('SURVEY_RESPONSE_SUBMITTED'); // registry A's response is submitted: nothing to import into
        const beforeA = await count('survey_answer');
        await w.as.manager.post(`${response(w.orgs.registryA)}/reopen`, { reason: '表計算での修正のため' }).expect(200);
        const mismatch = await importFile(w.as.staffA, w.orgs.registryA, theirs).expect(422);
        expect(mismatch.body.violations.map((v: { en: string }) => v.en.split(':')[0])).toEqual(['Sheet _kansa, row 4, column B']);
        expect(mismatch.body.code).toBe('XLSX_WRONG_ORGANISATION');
        const notXlsx = await importFile(w.as.staffA, w.orgs.registryA, Buffer.from('a,b\n1,2\n'), 'answers.csv').expect(415);
        expect(notXlsx.body.code).toBe('XLSX_REQUIRED');
        const broken = await importFile(w.as.staffA, w.orgs.registryA, Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(100)])).expect(422);
        expect(broken.body.code).toBe('XLSX_UNREADABLE');
        expect(await count('survey_answer')).toBe(beforeA);
        await w.as.auditeeA.post(`${response(w.orgs.registryA)}/submit`).expect(200);
      });
    });

    it('gives the national figures of the round: submitted answers only, per item and by number of items not met', async () => {
      const draftOnly = (await w.as.manager.get(`/api/surveys/rounds/${roundId}/national`).expect(200)).body;
      expect(draftOnly).toMatchObject({ respondents: 1, allItemsMet: 0, origin: 'conducted' });
      await w.as.auditeeB.post(`${response(w.orgs.registryB)}/submit`).expect(200);
      const n = (await w.as.auditor1.get(`/api/surveys/rounds/${roundId}/national`).expect(200)).body;
      expect(n).toMatchObject({ respondents: 2, allItemsMet: 0, allItemsMetPercent: '0.0', itemsSurveyed: 32 });
      expect(n.distribution).toEqual([
        { notMetItems: 0, respondents: 0, percent: '0.0' }, { notMetItems: 1, respondents: 1, percent: '50.0' }, { notMetItems: 2, respondents: 1, percent: '50.0' },
      ]);
      const item = (no: number) => n.items.find((i: { no: number }) => i.no === no);
      expect([item(7).notMet, item(5).notMet, item(3).notApplicable, item(1).met]).toEqual([2, 1, 1, 2]);
      expect(n.byCategory[0]).toMatchObject({ key: 'A', notMet: 3, respondentsMeetingAll: 0 });
      // Not public while the round is open.
      await t.http().get('/api/surveys/national/2026').expect(404);
    });

    it('is closed by the lead: answers are final and the registries’ national figures become public', async () => {
      await w.as.auditeeA.post(`/api/surveys/rounds/${roundId}/close`).expect(403);
      await w.as.manager.post(`/api/surveys/rounds/${roundId}/close`).expect(200);
      const late = await w.as.staffA.put(`${response(w.orgs.registryA)}/answers`, { answers: [{ itemNo: 1, answer: 'met' }] }).expect(409);
      expect(late.body.code).toBe('SURVEY_ROUND_CLOSED');
      const pub = (await t.http().get('/api/surveys/national').expect(200)).body;
      expect(pub.trend.map((p: { fiscalYear: number }) => p.fiscalYear)).toEqual([2011, 2012, 2013, 2026]);
      const fy2026 = (await t.http().get('/api/surveys/national/2026').expect(200)).body;
      expect(fy2026.items.find((i: { no: number }) => i.no === 7).notMet).toBe(2);
      expect(JSON.stringify(fy2026)).not.toContain('大阪府');
      expect(JSON.stringify(fy2026)).not.toContain('手順書を策定中');
    });

    it('gives the annual summary report its survey section: national figures only', async () => {
      const surveys = t.app.get(SurveysService);
      const fy2013 = await surveys.surveySection(2013);
      expect(fy2013.rounds).toHaveLength(1);
      expect(fy2013.rounds[0]).toMatchObject({ audience: 'registry', origin: 'published', public: true, expectedRespondents: null, catalogue: { code: 'minimum-baseline', version: '2013' } });
      expect(fy2013.rounds[0].mostOftenNotMet.map((i) => [i.no, i.notMet])).toEqual([[7, 15], [5, 14], [6, 13], [2, 9], [8, 7], [4, 6], [1, 3], [3, 1]]);
      expect(fy2013.rounds[0].trend.map((p) => p.fiscalYear)).toEqual([2011, 2012, 2013]);
      const fy2026 = await surveys.surveySection(2026);
      expect(fy2026.rounds.map((r) => [r.audience, r.status, r.public, r.expectedRespondents, r.submitted])).toEqual([
        ['data_user', 'open', false, 1, 0], ['registry', 'closed', true, 2, 2],
      ]);
      const registry = fy2026.rounds[1];
      expect(registry.national).toMatchObject({ respondents: 2, allItemsMet: 0 });
      expect(registry.items.find((i) => i.no === 7)).toMatchObject({ notMet: 2, notMetPercent: '100.0' });
      expect(registry.trend.map((p) => p.fiscalYear)).toEqual([2011, 2012, 2013, 2026]);
      const text = JSON.stringify(fy2026);
      for (const name of ['東京都', '大阪府', '試験大学', '手順書を策定中']) expect(text).not.toContain(name);
    });

    it('compares with last year', async () => {
      on('2027-04-20');
      const next = await w.as.manager.post('/api/surveys/rounds', { fiscalYear: 2027, audience: 'registry', catalog: { code: 'minimum-baseline' } }).expect(201);
      const url = `/api/surveys/rounds/${next.body.id}/responses/${w.orgs.registryA}`;
      await w.as.staffA.put(`${url}/answers`, { answers: every('met').map((a) => (a.itemNo === 12 ? { ...a, answer: 'not_met' } : a)) }).expect(200);
      await w.as.auditeeA.post(`${url}/submit`).expect(200);
      const res = (await w.as.auditeeA.get(`${url}/results`).expect(200)).body;
      expect(res.change).toMatchObject({ previousFiscalYear: 2026, sameCatalogVersion: true, newlyNotMet: [12], newlyMet: [5, 7] });
      expect(res.change.byCategory.find((c: { key: string }) => c.key === 'A')).toEqual({ key: 'A', rateChange: 0.25, notMetChange: -2 });
      expect(res.change.byCategory.find((c: { key: string }) => c.key === 'B')).toMatchObject({ key: 'B', notMetChange: 1 });
    });

    it('two saves starting the same response at once: no server error, nothing half-written', async () => {
      const round = (await w.as.manager.get('/api/surveys/rounds').expect(200)).body.find((r: { fiscalYear: number; audience: string }) => r.fiscalYear === 2027 && r.audience === 'registry');
      const url = `/api/surveys/rounds/${round.id}/responses/${w.orgs.registryB}/answers`;
      const [a, b] = await Promise.all([
        w.as.auditeeB.put(url, { answers: every('met', 1, 16) }),
        w.as.auditeeB.put(url, { answers: every('not_met', 17, 32) }),
      ]);
      const statuses = [a.status, b.status].sort();
      expect([[200, 200], [200, 409]]).toContainEqual(statuses);
      const stored = (await w.as.auditeeB.get(`/api/surveys/rounds/${round.id}/responses/${w.orgs.registryB}`).expect(200)).body;
      const answered = stored.items.filter((i: { answer: string | null }) => i.answer !== null).map((i: { no: number }) => i.no);
      const expected = [...(a.status === 200 ? every('met', 1, 16) : []), ...(b.status === 200 ? every('not_met', 17, 32) : [])].map((x) => x.itemNo).sort((x, y) => x - y);
      expect(answered).toEqual(expected);
    });
  });

  describe('risk-based planning and the findings export', () => {
    it('lists each auditee with its latest self-assessment, years since its last audit and open findings, sortable', async () => {
      on('2027-05-01');
      await w.as.auditeeA.get('/api/planning/auditees').expect(403);
      await w.as.auditor1.get('/api/planning/auditees').expect(403);
      const res = (await w.as.manager.get('/api/planning/auditees?fiscalYear=2027').expect(200)).body;
      expect(res).toMatchObject({ fiscalYear: 2027, sort: 'selfAssessment', order: 'asc' });
      const byId = (id: number) => res.rows.find((r: { organisation: { id: number } }) => r.organisation.id === id);
      expect(byId(w.orgs.registryA)).toMatchObject({
        yearsSinceLastAudit: 1, openFindings: 2, openFindingsBySeverity: { major: 0, minor: 1, recommendation: 1 },
        lastAudit: { id: audit.auditId, visitDate: '2026-07-10' }, notMetItems: 1,
        selfAssessment: { fiscalYear: 2027, notMet: 1, notMetItemNos: [12], change: { previousFiscalYear: 2026, notMetChange: -1, newlyNotMet: [12] } },
      });
      expect(byId(w.orgs.registryB)).toMatchObject({ yearsSinceLastAudit: null, openFindings: 0, lastAudit: null, selfAssessment: { fiscalYear: 2026, notMet: 1 } });
      expect(byId(w.orgs.dataUser)).toMatchObject({ selfAssessment: null, selfAssessmentRate: null, yearsSinceLastAudit: null });
      // Riskiest first for each key: no self-assessment at all first; never audited first; most open findings first.
      expect(res.rows.map((r: { organisation: { id: number } }) => r.organisation.id)).toEqual([w.orgs.dataUser, w.orgs.registryB, w.orgs.registryA]);
      const byYears = (await w.admin.get('/api/planning/auditees?fiscalYear=2027&sort=yearsSinceLastAudit').expect(200)).body.rows;
      expect(byYears.at(-1).organisation.id).toBe(w.orgs.registryA);
      const byFindings = (await w.admin.get('/api/planning/auditees?fiscalYear=2027&sort=openFindings').expect(200)).body.rows;
      expect(byFindings[0].organisation.id).toBe(w.orgs.registryA);
      const names = async (order: string) => (await w.admin.get(`/api/planning/auditees?kind=registry&sort=name&order=${order}`).expect(200)).body.rows.map((r: { name: string }) => r.name);
      const ascending = await names('asc');
      expect(new Set(ascending)).toEqual(new Set(['東京都がん登録室', '大阪府がん登録室']));
      expect(await names('desc')).toEqual([...ascending].reverse());
      await w.admin.get('/api/planning/auditees?sort=risk').expect(400);
    });

    it('exports findings and remediation status as CSV for Excel (UTF-8 with BOM)', async () => {
      await w.as.auditeeA.get('/api/planning/findings.csv').expect(403);
      const res = await w.admin.get('/api/planning/findings.csv').buffer(true).parse(binary as never).expect(200);
      expect(res.headers['content-type']).toContain('text/csv');
      const body = res.body as Buffer;
      expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = body.toString('utf8').slice(1).split('\r\n').filter(Boolean);
      expect(lines[0]).toBe('"年度","監査番号","被監査主体","種別","監査の状態","指摘番号","項目番号","区分","現状（事実）","改善提案","被監査主体の回答","異議の理由","改善計画書","完了予定日","改善報告書","推奨事項への回答","対応状況","未完了の内容","期限"');
      expect(lines).toHaveLength(3);
      expect(lines[1]).toContain('"F-1","10","軽欠点"');
      expect(lines[1]).toContain('"提出済","2026-12-31","未提出"');
      expect(lines[1]).toContain('"未完了"');
      expect(lines[2]).toContain('"F-2","9","推奨事項"');
      expect(lines[2]).toContain('"未回答"');
      const other = await w.as.manager2.get('/api/planning/findings.csv').buffer(true).parse(binary as never).expect(200);
      expect((other.body as Buffer).toString('utf8').split('\r\n').filter(Boolean)).toHaveLength(1); // not on that audit: header only
    });
  });
});
