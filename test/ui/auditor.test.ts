/**
 * The auditor's journey (issue 6): first login, my audits, the document requests with review
 * notes, the workpapers grouped by category with progress, and the workpaper editor —
 * procedures, evidence, conclusion, a finding with its severity, preparer and reviewer sign-off,
 * and a review note that blocks the reviewer until it is cleared.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  byLabel, clickExact, clickText, fill, fillProcedure, goto, launch, login, newPage, select, shot, text, waitText, type UiBrowser,
} from './support/browser';
import { startUiServer, type UiServer } from './support/server';
import { AuditDriver, buildUiWorld, UI_PASSWORD, type UiWorld } from './support/world';
import { login as apiLogin, PASSWORD } from '../support/world';

describe("the auditor's journey", () => {
  let s: UiServer;
  let w: UiWorld;
  let audit: AuditDriver;
  let b: UiBrowser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    s = await startUiServer();
    // 青木's first login happens in the browser; the API drives the audit as 森田 and the others.
    w = await buildUiWorld(s, { firstLoginPending: ['aoki'] });
    // The API may act as 青木 before the browser changes the password (a login with the initial one).
    w.as.aoki = await apiLogin(s.t, w.people.aoki.email, PASSWORD);
    audit = await new AuditDriver(s, w, {
      auditee: 'tokyo', auditeeClient: 'sato', plannedMonth: '2026-11', documentDeadline: '2026-11-10', visitDate: '2026-11-25',
      scopeItems: [1, 4, 5, 9, 10, 11, 13, 16, 19, 20, 27],
    }).create('2026-10-20');
    await audit.requestDocuments('2026-10-25');
    await audit.answerDocuments('2026-11-01');
    await audit.startReview('2026-11-11');
    await audit.startFieldwork('2026-11-25');
    b = await launch();
    page = await newPage(b.browser, errors);
  }, 120_000);
  afterAll(async () => {
    await b?.close(true);
    await s?.close();
  });

  it('changes the initial password at the first login, with the mistakes shown at the field', async () => {
    await login(page, s.url, w.people.aoki.email, PASSWORD);
    await waitText(page, 'パスワードの変更');
    await fill(page, '現在のパスワード', PASSWORD);
    await fill(page, '新しいパスワード', UI_PASSWORD);
    await fill(page, '新しいパスワード（確認）', 'Kansa-test-2026?');
    await clickText(page, 'button', '変更する');
    await page.waitForSelector('[data-field="newPasswordAgain"] .field__error');
    expect(await text(page, '[data-field="newPasswordAgain"] .field__error')).toBe('確認用のパスワードが一致しません。');
    await shot(page, 'auditor-1-first-login-password');
    await fill(page, '新しいパスワード（確認）', UI_PASSWORD);
    await clickText(page, 'button', '変更する');
    await waitText(page, '担当の監査');
  });

  it('sees my audits with the next step', async () => {
    await page.waitForSelector(`[data-audit="${audit.reference}"]`);
    const card = await text(page, `[data-audit="${audit.reference}"]`);
    expect(card).toContain('東京都がん登録室');
    expect(card).toContain('監査結果を被監査主体に提示する');
    await shot(page, 'auditor-2-my-audits');
  });

  it('reviews the submitted documents and records a review note', async () => {
    await clickText(page, `[data-audit="${audit.reference}"] a`, '提出依頼文書');
    await waitText(page, '事前文書監査のために提出を依頼する文書です。');
    const first = '[data-request="個人データの保護および管理に関する要領"]';
    await page.waitForSelector(first);
    expect(await text(page, first)).toContain('個人データの保護および管理に関する要領.pdf');
    await fill(page, 'レビュー所見', '出張採録の規定がない。現地で確認する。', first);
    await clickText(page, `${first} button`, '所見を保存');
    await page.waitForSelector(`${first} .ok-text`);
    await shot(page, 'auditor-3-documents');
    const docs = (await w.as.morita!.get(`/api/audits/${audit.id}/documents`).expect(200)).body;
    expect(docs.requests.find((r: { title: string }) => r.title === '個人データの保護および管理に関する要領').reviewNote).toBe('出張採録の規定がない。現地で確認する。');
  });

  it('lists the workpapers by control category with progress', async () => {
    await clickText(page, '.tabs a', '監査調書');
    await page.waitForSelector('.wpgroup');
    const groups = await page.$$eval('.wpgroup .card__title', (els) => els.map((e) => (e as HTMLElement).innerText));
    expect(groups).toEqual(['A 組織的（役割・規程・教育）', 'B 物理的（入退室・施錠保管・持出し）', 'C 技術的（ID・PC・バックアップ）', 'D 廃棄・運搬']);
    expect(await text(page, '.wpgroup')).toContain('0/3 件結論済');
    await shot(page, 'auditor-4-workpaper-list');
  });

  it('fills a workpaper: procedures, evidence, conclusion; signs as preparer; raises a finding with its severity', async () => {
    await clickText(page, 'a.wptable__link', '最初に入室した人');
    await waitText(page, '監査調書 No.10');
    await page.click('[data-add-procedure=inspection]');
    await fillProcedure(page, 0, '2026年4月〜10月の入退室管理簿（様式4）を閲覧した', '休日2日分（5/3, 8/12）の開錠・施錠記録が欠落していた');
    await page.click('[data-add-procedure=inquiry]');
    await fillProcedure(page, 1, '登録室長に休日の施錠手順を質問した', '休日当番の手順書はなく、口頭で引き継いでいるとの回答');
    await select(page, '提出ファイルから追加', '入退室管理簿');
    await clickExact(page, 'label.radio', '不適合');
    await page.click('[data-testid=save-workpaper]');
    await waitText(page, 'サーバーに保存しました（版 2）');
    await clickText(page, 'button', '作成者として署名');
    await waitText(page, '青木 美穂（');
    // A finding from the non-conformity: severity with the handbook's definitions.
    await clickText(page, 'button', '指摘事項を作成');
    await waitText(page, '緊急性はないが改善が求められる不備');
    await clickText(page, 'label.radio', '軽欠点');
    await fill(page, '現状（発見事項）', '休日2日分の開錠・施錠記録が欠落していた');
    await fill(page, '原因', '休日当番の記録手順が定められていない');
    await fill(page, '影響', '無人時の入室を事後に確認できない');
    await fill(page, '改善提案', '休日の開錠・施錠の記録手順を定め、当番表とともに記録する');
    await clickText(page, '.subform button', '指摘事項を作成');
    await waitText(page, '指摘事項 F-1 を作成しました。');
    await shot(page, 'auditor-5-workpaper-editor', true);

    const wp = await audit.workpaper(10);
    expect(wp).toMatchObject({ conclusion: 'does_not_conform', preparer: { name: '青木 美穂' } });
    expect(wp.procedures.map((p: { procedure: string }) => p.procedure)).toEqual(['inspection', 'inquiry']);
    expect(wp.evidenceRefs).toEqual([expect.stringMatching(/^file:\d+ 入退室管理簿/)]);
    const findings = (await w.as.morita!.get(`/api/audits/${audit.id}/findings`).expect(200)).body;
    expect(findings).toEqual([expect.objectContaining({ ref: 'F-1', severity: 'minor', itemNo: 10, workpaperId: audit.wp[10].id })]);
  });

  it('the reviewer adds a review note, is blocked by it, clears it and signs', async () => {
    const context = await b.browser.createBrowserContext();
    const reviewer = await newPage(context, errors);
    await login(reviewer, s.url, w.people.kawaguchi.email, UI_PASSWORD);
    await goto(reviewer, `${s.url}/audits/${audit.id}/workpapers/${audit.wp[10].id}`);
    await waitText(reviewer, '監査調書 No.10');
    await fill(reviewer, 'ノートの内容', '欠落した2日分について、当日の当番者への質問結果も記録してください。');
    await clickText(reviewer, 'button', 'ノートを追加');
    await waitText(reviewer, 'レビューノート（1）');
    await clickText(reviewer, 'button', '査閲者として署名');
    await waitText(reviewer, '未解消のレビューノート');
    await shot(reviewer, 'auditor-6-review-note-blocks-signoff');
    await fill(reviewer, '対応内容', '当番者への質問結果を手続2に追記済み');
    await clickText(reviewer, 'button', '解消する');
    await waitText(reviewer, 'レビューノート（0）');
    await clickText(reviewer, 'button', '査閲者として署名');
    await waitText(reviewer, '川口 健太（');
    await shot(reviewer, 'auditor-7-reviewed');
    const wp = await audit.workpaper(10);
    expect(wp).toMatchObject({ preparer: { name: '青木 美穂' }, reviewer: { name: '川口 健太' } });
    expect(wp.reviewNotes).toEqual([expect.objectContaining({ status: 'cleared', resolution: '当番者への質問結果を手続2に追記済み' })]);
    await context.close();
    expect(errors).toEqual([]);
  });

  it('keeps the keyboard path: every field of the editor has a label', async () => {
    await goto(page, `${s.url}/audits/${audit.id}/workpapers/${audit.wp[9].id}`);
    await waitText(page, '監査調書 No.9');
    const unlabelled = await page.evaluate(() => Array.from(document.querySelectorAll('input, select, textarea'))
      .filter((el) => (el as HTMLInputElement).type !== 'hidden')
      .filter((el) => !(el.id && document.querySelector(`label[for="${el.id}"]`)) && !el.closest('label') && !el.getAttribute('aria-label'))
      .map((el) => el.outerHTML.slice(0, 120)));
    expect(unlabelled).toEqual([]);
    // Ctrl+S saves from the keyboard.
    await page.click('[data-add-procedure=observation]');
    await fillProcedure(page, 0, '無人時の施錠を視察した', '施錠を確認');
    await (await byLabel(page, '確認した事実')).focus();
    await page.keyboard.down('Control');
    await page.keyboard.press('KeyS');
    await page.keyboard.up('Control');
    await waitText(page, 'サーバーに保存しました（版 2）');
  });
});
