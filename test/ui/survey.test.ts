/**
 * The yearly self-assessment survey in the browser (issue 8): the lead opens a round; a registry
 * answers (a draft by its staff, the submission by its manager); the lead sees who has not answered
 * and reopens a submission with a reason; the registry imports a questionnaire workbook — first
 * one with a wrong cell (named on screen, nothing saved), then a valid one; the national view
 * (public and the audit body's) shows the published FY2013 figures; the risk table on the
 * annual-plan screen sorts.
 */
import ExcelJS from 'exceljs';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ARTIFACTS, clickText, fill, goto, launch, login, newPage, setValue, shot, text, waitText, type UiBrowser,
} from './support/browser';
import { startUiServer, type UiServer } from './support/server';
import { AuditDriver, buildUiWorld, UI_PASSWORD, type UiWorld } from './support/world';

/** FY2013, 付表2: registries (of 47) not meeting items 1–8. */
const FY2013_NOT_MET = [3, 9, 1, 6, 14, 13, 15, 7];
const CODE = { 達成: 'met', 未達成: 'not_met', 該当なし: 'not_applicable' } as const;

describe('the self-assessment survey in the browser', () => {
  let s: UiServer;
  let w: UiWorld;
  let osaka: AuditDriver;
  let b: UiBrowser;
  let lead: Page;
  let registry: Page;
  let registryContext: BrowserContext;
  let roundId = 0;
  const errors: string[] = [];
  const leadDownloads = join(ARTIFACTS, 'downloads-survey-lead');
  const registryDownloads = join(ARTIFACTS, 'downloads-survey-registry');
  const files = mkdtempSync(join(tmpdir(), 'kansa-ui-survey-'));

  const response = (path = '') => `/api/surveys/rounds/${roundId}/responses/${w.orgs.tokyo}${path}`;
  const rows = (page: Page, selector: string, attr: string) =>
    page.$$eval(`${selector} tbody tr`, (trs, a) => trs.map((tr) => tr.getAttribute(a as string)), attr);
  /** Clicks the answer radio of item `no` (met / not met / not applicable as the screen names them). */
  const answer = async (page: Page, no: number, label: '達成' | '未達成' | '該当なし') => {
    await page.evaluate((n, l) => {
      const item = document.querySelector(`[data-item="${n}"]`)!;
      const radio = Array.from(item.querySelectorAll('label.radio')).find((x) => (x as HTMLElement).innerText.trim() === l)!;
      (radio.querySelector('input') as HTMLInputElement).click();
    }, no, label);
    await page.waitForSelector(`[data-item="${no}"][data-answer="${CODE[label]}"]`);
  };
  const answerRange = async (page: Page, from: number, to: number, label: '達成' | '未達成' | '該当なし') => {
    for (let no = from; no <= to; no++) await answer(page, no, label);
  };
  const downloadsIn = (dir: string, ext: string) => readdirSync(dir).filter((f) => f.endsWith(ext) && !f.endsWith('.crdownload'));

  beforeAll(async () => {
    s = await startUiServer();
    w = await buildUiWorld(s);
    // 大阪: audited in July, reported in August — two findings still open for the risk table.
    osaka = await new AuditDriver(s, w, {
      auditee: 'osaka', auditeeClient: 'yamada', manager: 'morita', plannedMonth: '2026-07', documentDeadline: '2026-07-01', visitDate: '2026-07-15',
      scopeItems: [9, 10, 11, 13],
    }).create('2026-05-10');
    await osaka.requestDocuments('2026-06-01');
    await osaka.answerDocuments('2026-06-20');
    await osaka.startReview('2026-07-02');
    await osaka.startFieldwork('2026-07-15');
    await osaka.completeFieldwork({ 13: 'does_not_conform' }, [
      { item: 13, severity: 'minor', condition: 'USBメモリが施錠されていない引出しにあった' },
      { item: 10, severity: 'recommendation', condition: '休日の施錠記録の様式を定めることを推奨する' },
    ]);
    await osaka.toAgreement('2026-07-20');
    await osaka.auditeeAgrees();
    await osaka.report('2026-08-20');
    s.on('2026-09-01');

    for (const dir of [leadDownloads, registryDownloads]) {
      mkdirSync(dir, { recursive: true });
      for (const f of readdirSync(dir)) rmSync(join(dir, f), { force: true });
    }
    b = await launch();
    const cdp = await b.browser.target().createCDPSession();
    await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: leadDownloads });
    lead = await newPage(b.browser, errors);
    await login(lead, s.url, w.people.morita.email, UI_PASSWORD);
    registryContext = await b.browser.createBrowserContext();
    await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: registryDownloads, browserContextId: registryContext.id });
    registry = await newPage(registryContext, errors);
    await login(registry, s.url, w.people.sato.email, UI_PASSWORD);
  }, 180_000);
  afterAll(async () => {
    await b?.close(true);
    await s?.close();
    rmSync(files, { recursive: true, force: true });
  });

  it('the lead opens a round: a year out of range is refused at the field, then the round is open for the registries', async () => {
    await goto(lead, `${s.url}/surveys`);
    await lead.waitForSelector('[data-testid=rounds]');
    // The published years are there from the first start.
    expect(await rows(lead, '[data-testid=rounds]', 'data-round')).toEqual(expect.arrayContaining(['2013-registry', '2012-registry', '2011-registry']));
    await fill(lead, '年度', '2024', '[data-testid=open-round]');
    await setValue(lead, '回答期限', '2026-10-31', '[data-testid=open-round]');
    await clickText(lead, '[data-testid=open-round] button', '調査を開始');
    await lead.waitForSelector('[data-field="fiscalYear"] .field__error');
    expect(await text(lead, '[data-field="fiscalYear"] .field__error')).toContain('調査年度は前年度・今年度・翌年度（2025〜2027年度）のいずれかです。');
    await shot(lead, 'survey-1a-open-round-refused-at-field');

    await fill(lead, '年度', '2026', '[data-testid=open-round]');
    await clickText(lead, '[data-testid=open-round] button', '調査を開始');
    await lead.waitForSelector('[data-testid=flash]');
    roundId = Number(new URL(lead.url()).pathname.split('/')[2]);
    expect(await text(lead, '[data-testid=flash]')).toContain('調査を開始しました。');
    await waitText(lead, '2026年度 ミニマムベースライン達成状況調査');
    await lead.waitForSelector('[data-testid=count-not-submitted]');
    expect(await text(lead, '[data-testid=count-not-submitted]')).toBe('3');
    expect(await text(lead, '[data-testid=not-submitted]')).toContain('東京都がん登録室');
    await shot(lead, 'survey-1-round-opened');
    const round = (await w.as.morita!.get(`/api/surveys/rounds/${roundId}`).expect(200)).body;
    expect(round).toMatchObject({ fiscalYear: 2026, audience: 'registry', status: 'open', dueOn: '2026-10-31', catalog: { code: 'minimum-baseline', version: '2014', itemCount: 32 } });
  });

  it("the registry's staff saves a draft; not applicable asks for its reason at the comment", async () => {
    const staffContext = await b.browser.createBrowserContext();
    const staff = await newPage(staffContext, errors);
    try {
      await login(staff, s.url, w.people.suzuki.email, UI_PASSWORD);
      await clickText(staff, '.mainnav a', '自己点検');
      await staff.waitForSelector('[data-testid=self-assessment]');
      await answerRange(staff, 1, 10, '達成');
      await answer(staff, 3, '該当なし');
      // Chosen, not yet explained: the comment says what it needs, in Japanese, at the field.
      await staff.waitForSelector('[data-field="item.3.comment"] .field__error');
      expect(await text(staff, '[data-field="item.3.comment"] .field__error')).toBe('「該当なし」とする理由をコメントに記入してください。');
      await staff.evaluate(() => document.querySelector('[data-item="3"]')?.scrollIntoView({ block: 'center' }));
      await shot(staff, 'survey-2a-not-applicable-needs-reason');
      await fill(staff, 'コメント', '出張採録を行っていないため', '[data-item="3"]');
      await staff.waitForFunction(() => !document.querySelector('[data-field="item.3.comment"] .field__error'));
      // Staff save drafts; the submission is the manager's.
      expect(await text(staff, '[data-testid=sa-actions]')).toContain('提出は被監査主体責任者が行います。');
      await clickText(staff, '[data-testid=sa-actions] button', '下書き保存');
      await waitText(staff, '下書きを保存しました。');
      await shot(staff, 'survey-2-draft-saved');
    } finally {
      await staffContext.close();
    }
    const draft = (await w.as.sato!.get(response()).expect(200)).body;
    expect(draft).toMatchObject({ status: 'draft', version: 1, progress: { answered: 10 } });
    expect(draft.items[2]).toMatchObject({ no: 3, answer: 'not_applicable', comment: '出張採録を行っていないため' });
  });

  it('the manager completes and submits: what is missing is shown at each item first', async () => {
    await clickText(registry, '.mainnav a', '自己点検');
    await registry.waitForSelector('[data-testid=self-assessment][data-status=draft]');
    await waitText(registry, '回答済 10/32項目');
    await clickText(registry, '[data-testid=sa-actions] button', '回答を提出');
    await registry.waitForSelector('[data-testid=sa-problems]');
    expect(await text(registry, '.alert--error .alert__title')).toBe('22件の項目を確認してください。');
    expect(await text(registry, '[data-field="item.11.answer"] .field__error')).toBe('項目11が未回答です。');
    await shot(registry, 'survey-3a-submit-incomplete');

    await answerRange(registry, 11, 32, '達成');
    await answer(registry, 5, '未達成');
    await fill(registry, 'コメント', '取扱マニュアルを改訂中（2026年12月完了予定）', '[data-item="5"]');
    await clickText(registry, '[data-testid=sa-actions] button', '回答を提出');
    await registry.waitForSelector('[data-testid=submit-confirm]');
    await shot(registry, 'survey-3b-submit-confirm');
    await registry.click('[data-testid=submit-confirm]');
    await registry.waitForSelector('[data-testid=self-assessment][data-status=submitted]');
    await waitText(registry, '回答を提出しました。');
    const submitted = (await w.as.sato!.get(response()).expect(200)).body;
    expect(submitted).toMatchObject({ status: 'submitted', progress: { answered: 32 } });
    expect(submitted.items[4]).toMatchObject({ no: 5, answer: 'not_met', comment: '取扱マニュアルを改訂中（2026年12月完了予定）' });

    // The result by control category × defence zone, as the evaluation tool showed it.
    await clickText(registry, '.tabs a', '結果');
    await registry.waitForSelector('[data-testid=result-matrix]');
    expect(await text(registry, '[data-testid=overall-rate]')).toBe('96.8%'); // 30 met ÷ (30 + 1 not met); not applicable left out
    const item5 = submitted.items[4] as { category: string; zone: number };
    expect(await text(registry, `[data-cell="${item5.category}${item5.zone}"]`)).toContain('未達成 1');
    await shot(registry, 'survey-3-result-by-category-and-zone', true);
  });

  it('the lead sees who has not submitted, and reopens the submission with a reason required at the field', async () => {
    await goto(lead, `${s.url}/surveys/${roundId}`);
    await lead.waitForSelector('[data-testid=respondents]');
    expect(await text(lead, '[data-testid=count-submitted]')).toBe('1');
    const missing = await text(lead, '[data-testid=not-submitted]');
    expect(missing).toContain('大阪府がん登録室');
    expect(missing).toContain('北海道がん登録室');
    expect(missing).not.toContain('東京都がん登録室');
    const tokyo = await text(lead, '[data-respondent="registry-13"]');
    expect(tokyo).toContain('提出済');
    expect(tokyo).toContain('96.8%');
    await shot(lead, 'survey-4-progress');

    // The lead's view of Tokyo's result.
    await clickText(lead, '[data-respondent="registry-13"] a', '結果を見る');
    await lead.waitForSelector('[data-testid=result-matrix]');
    expect(await text(lead, '[data-testid=answers-table] [data-item="5"]')).toContain('取扱マニュアルを改訂中');
    await shot(lead, 'survey-4b-lead-result-view', true);

    await goto(lead, `${s.url}/surveys/${roundId}`);
    await lead.click('[data-reopen="registry-13"]');
    await lead.waitForSelector('[data-testid=reopen-dialog]');
    await lead.click('[data-testid=reopen-confirm]');
    await lead.waitForSelector('[data-testid=reopen-dialog] [data-field="reason"] .field__error');
    expect(await text(lead, '[data-testid=reopen-dialog] [data-field="reason"] .field__error')).toBe('入力してください。');
    await shot(lead, 'survey-5a-reopen-reason-required');
    await fill(lead, '差戻しの理由', '項目5: 改訂中のマニュアルの現行版で運用しているか記入してください。', '[data-testid=reopen-dialog]');
    await lead.click('[data-testid=reopen-confirm]');
    await waitText(lead, '東京都がん登録室の回答を差し戻しました。');
    await lead.waitForSelector('[data-respondent="registry-13"] [data-response-status=reopened]');
    await shot(lead, 'survey-5-reopened');
    const reopened = (await w.as.sato!.get(response()).expect(200)).body;
    expect(reopened).toMatchObject({ status: 'reopened', reopen: { count: 1, reason: '項目5: 改訂中のマニュアルの現行版で運用しているか記入してください。' } });
  });

  it('the registry imports the questionnaire: a wrong cell is named on screen and nothing saved; a valid file is taken', async () => {
    await goto(registry, `${s.url}/self-assessment`);
    await registry.waitForSelector('[data-testid=self-assessment][data-status=reopened]');
    expect(await text(registry, '[data-testid=reopen-reason]')).toContain('項目5: 改訂中のマニュアルの現行版で運用しているか記入してください。');
    // The filled questionnaire, downloaded from the screen.
    await registry.click('[data-testid=filled-xlsx]');
    await expect.poll(() => downloadsIn(registryDownloads, '.xlsx'), { timeout: 20_000 }).toHaveLength(1);
    const exported = readFileSync(join(registryDownloads, downloadsIn(registryDownloads, '.xlsx')[0]));
    const book = async () => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(exported as unknown as ExcelJS.Buffer);
      return wb;
    };
    let wb = await book();
    let ws = wb.getWorksheet('回答')!;
    expect([ws.getCell('A11').value, ws.getCell('E11').value]).toEqual([5, '未達成']);
    ws.getCell('E11').value = '達成';
    ws.getCell('F11').value = '現行版マニュアルで運用している（改訂は12月完了予定）';
    ws.getCell('E16').value = 'はい'; // item 10: not one of 達成 / 未達成 / 該当なし
    writeFileSync(join(files, '調査票_誤りあり.xlsx'), Buffer.from(await wb.xlsx.writeBuffer()));
    wb = await book();
    ws = wb.getWorksheet('回答')!;
    ws.getCell('E11').value = '達成';
    ws.getCell('F11').value = '現行版マニュアルで運用している（改訂は12月完了予定）';
    writeFileSync(join(files, '調査票_記入済.xlsx'), Buffer.from(await wb.xlsx.writeBuffer()));
    const before = (await w.as.sato!.get(response()).expect(200)).body;

    const input = (await registry.$('[data-testid=import] input[type=file]')) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(join(files, '調査票_誤りあり.xlsx'));
    await clickText(registry, '[data-testid=import] button', '調査票を取り込む');
    await registry.waitForSelector('[data-testid=import-errors]');
    const cell = await text(registry, '[data-testid=import-errors] [data-cell="E16"]');
    expect(cell).toContain('回答');
    expect(cell).toContain('16');
    expect(cell).toContain('「はい」は選択肢（達成・未達成・該当なし）にありません（項目10）。');
    expect(await text(registry, '[data-testid=import-errors]')).toContain('何も保存していません');
    await registry.evaluate(() => document.querySelector('[data-testid=import-errors]')?.scrollIntoView({ block: 'center' }));
    await shot(registry, 'survey-6a-import-cell-errors');
    expect((await w.as.sato!.get(response()).expect(200)).body).toEqual(before);

    await input.uploadFile(join(files, '調査票_記入済.xlsx'));
    await clickText(registry, '[data-testid=import] button', '調査票を取り込む');
    await waitText(registry, '調査票を取り込みました（1項目を更新）。');
    await registry.waitForSelector('[data-item="5"][data-answer="met"]');
    await shot(registry, 'survey-6-imported');
    await clickText(registry, '[data-testid=sa-actions] button', '回答を提出');
    await registry.click('[data-testid=submit-confirm]');
    await registry.waitForSelector('[data-testid=self-assessment][data-status=submitted]');
    const after = (await w.as.sato!.get(response()).expect(200)).body;
    expect(after.status).toBe('submitted');
    expect(after.items[4]).toMatchObject({ no: 5, answer: 'met', comment: '現行版マニュアルで運用している（改訂は12月完了予定）' });
  });

  it('shows the public the national results without login: the FY2013 figures of 表1 and 付表2, "—" where the source gives none', async () => {
    const context = await b.browser.createBrowserContext();
    const page = await newPage(context, errors);
    try {
      await goto(page, `${s.url}/login`);
      await clickText(page, 'a', '公表されている監査結果を見る');
      await clickText(page, '.tabs a', '自己点検調査の全国集計');
      await page.waitForSelector('[data-testid=national-items]');
      // The 2026 round is still open: only the published years are public, the latest shown first.
      expect(await page.$eval('[data-testid=national-tiles]', (el) => el.getAttribute('data-year'))).toBe('2013');
      expect(await text(page, '[data-testid=all-met]')).toBe('24');
      expect(await text(page, '[data-testid=national-tiles]')).toContain('47');
      expect(await text(page, '[data-testid=all-met-percent]')).toBe('51.1%');
      for (const [i, n] of FY2013_NOT_MET.entries()) {
        expect(await text(page, `[data-testid=national-items] [data-item="${i + 1}"] [data-year="2013"]`)).toMatch(new RegExp(`^${n}（`));
      }
      expect(await text(page, '[data-testid=national-items] [data-item="9"] [data-year="2013"]')).toBe('—');
      expect(await text(page, '[data-testid=dash-note]')).toBe('「—」は出典に数値の記載がないことを示します（0 ではありません）。');
      // 表1, year by year: FY2012 and FY2013 side by side; no 8-items row printed in FY2013.
      expect(await text(page, '[data-testid=national-distribution] [data-k="0"] [data-year="2013"]')).toBe('24（51.1%）');
      expect(await text(page, '[data-testid=national-distribution] [data-k="0"] [data-year="2012"]')).toBe('38（82.6%）');
      expect(await text(page, '[data-testid=national-distribution] [data-k="8"] [data-year="2013"]')).toBe('—');
      const trend = await text(page, '[data-testid=national-trend]');
      expect(trend).toContain('61.0%');
      expect(trend).not.toContain('2026');
      await shot(page, 'survey-7-public-national', true);
      await page.click('[data-testid=lang-toggle]');
      await waitText(page, 'Appendix 2: respondents not meeting each item');
      expect(await text(page, '[data-testid=dash-note]')).toBe('"—" means the source does not give the figure (it is not 0).');
      await shot(page, 'survey-7b-public-national-english');
    } finally {
      await context.close();
    }

    // The audit body sees this year's open round too, provisional, next to FY2013.
    await goto(lead, `${s.url}/surveys/national`);
    await lead.waitForSelector('[data-testid=national-items]');
    expect(await lead.$eval('[data-testid=national-tiles]', (el) => el.getAttribute('data-year'))).toBe('2026');
    expect(await text(lead, '[data-testid=national-items] [data-item="7"] [data-year="2013"]')).toMatch(/^15（/);
    expect(await text(lead, '[data-testid=national-items] [data-item="5"] [data-year="2026"]')).toMatch(/^0（/);
    expect(await text(lead, '[data-testid=national-trend]')).toContain('暫定');
    expect(await text(lead, '[data-testid=national-distribution] [data-k="1"] [data-year="2026"]')).toBe('0（0.0%）');
    await shot(lead, 'survey-8-audit-body-national', true);
    await lead.click('[data-testid=national-xlsx]');
    await expect.poll(() => downloadsIn(leadDownloads, '.xlsx'), { timeout: 20_000 }).toEqual([expect.stringMatching(/^全国集計_.*\.xlsx$/)]);
  });

  it('sorts the risk table on the annual-plan screen by each column, and exports the findings as CSV', async () => {
    await goto(lead, `${s.url}/plans`);
    await lead.waitForSelector('[data-testid=risk-table]');
    await lead.waitForSelector('[data-testid=timeline]');
    /** Waits until the table shows the server's order for the query (the server sorts, riskiest first by default). */
    const shows = async (query: string): Promise<string[]> => {
      const expected = (await w.as.morita!.get(`/api/planning/auditees?fiscalYear=2026&${query}`).expect(200)).body.rows.map((r: { organisation: { key: string } }) => r.organisation.key);
      await lead.waitForFunction(
        (e: string) => JSON.stringify(Array.from(document.querySelectorAll('[data-testid=risk-table] tbody tr')).map((tr) => tr.getAttribute('data-org'))) === e,
        { timeout: 20_000 }, JSON.stringify(expected),
      );
      return expected;
    };
    // At first: the lowest self-assessment first — those with none before Tokyo's 100%.
    expect((await shows('sort=selfAssessment')).at(-1)).toBe('registry-13');
    expect(await text(lead, '[data-testid=risk-table] [data-org="registry-13"] [data-col="selfAssessment"]')).toContain('100.0%');
    expect(await text(lead, '[data-testid=risk-table] [data-org="registry-27"] [data-col="yearsSinceLastAudit"]')).toContain(osaka.reference);
    await lead.click('[data-sort="openFindings"]');
    expect((await shows('sort=openFindings'))[0]).toBe('registry-27');
    expect(await text(lead, '[data-testid=risk-table] [data-org="registry-27"] [data-col="openFindings"]')).toMatch(/^2/);
    await shot(lead, 'survey-9-risk-table-open-findings', true);
    await lead.click('[data-sort="openFindings"]');
    expect((await shows('sort=openFindings&order=asc')).at(-1)).toBe('registry-27');
    expect(await lead.$eval('[data-sort="openFindings"]', (el) => el.closest('th')!.getAttribute('aria-sort'))).toBe('ascending');
    await lead.click('[data-sort="yearsSinceLastAudit"]');
    expect((await shows('sort=yearsSinceLastAudit')).at(-1)).toBe('registry-27'); // audited this year: 0 years; never audited first
    await lead.click('[data-sort="notMetItems"]');
    await shows('sort=notMetItems');
    await lead.click('[data-sort="name"]');
    await shows('sort=name');
    const byName = await lead.$$eval('[data-testid=risk-table] tbody th[scope=row]', (ths) => ths.map((th) => (th as HTMLElement).innerText.split('\n')[0]));
    expect(byName).toEqual([...byName].sort((a, b) => a.localeCompare(b, 'ja')));

    await lead.click('[data-testid=findings-csv]');
    await expect.poll(() => downloadsIn(leadDownloads, '.csv'), { timeout: 20_000 }).toEqual(['指摘事項_改善状況_2026.csv']);
    const csv = readFileSync(join(leadDownloads, '指摘事項_改善状況_2026.csv'), 'utf8');
    expect(csv).toContain(osaka.reference);
    expect(csv).toContain('USBメモリが施錠されていない引出しにあった');
    expect(errors).toEqual([]);
  });
});
