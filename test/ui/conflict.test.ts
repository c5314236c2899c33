/**
 * Conflicting edits (issue 6): two auditors edit the same workpaper, one of them offline. The
 * offline edit, sent when the network returns, meets the newer version: the server answers 409
 * and the app shows both versions side by side; the auditor merges them and the result is saved
 * against the current version. Nothing is lost.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clickExact, clickText, fillProcedure, goto, launch, login, newPage, setOffline, shot, text, waitText, waitValue, type UiBrowser,
} from './support/browser';
import { startUiServer, type UiServer } from './support/server';
import { AuditDriver, buildUiWorld, UI_PASSWORD, type UiWorld } from './support/world';

describe('a conflict between an offline edit and a newer version', () => {
  let s: UiServer;
  let w: UiWorld;
  let audit: AuditDriver;
  let b: UiBrowser;
  const errors: string[] = [];

  beforeAll(async () => {
    s = await startUiServer();
    w = await buildUiWorld(s);
    audit = await new AuditDriver(s, w, {
      auditee: 'osaka', auditeeClient: 'yamada', plannedMonth: '2026-11', documentDeadline: '2026-11-10', visitDate: '2026-11-25',
      scopeItems: [9, 10, 11],
    }).create('2026-10-20');
    await audit.requestDocuments('2026-10-25');
    await audit.answerDocuments('2026-11-01');
    await audit.startReview('2026-11-11');
    await audit.startFieldwork('2026-11-25');
    b = await launch();
  });
  afterAll(async () => {
    await b?.close(true);
    await s?.close();
  });

  const openWorkpaper = async (page: Page, itemNo: number) => {
    await goto(page, `${s.url}/audits/${audit.id}/workpapers/${audit.wp[itemNo].id}`);
    await waitText(page, `監査調書 No.${itemNo}`);
  };

  it('shows both versions to the auditor whose offline edit conflicts, and saves the merged result', async () => {
    // 青木 (this browser's default context) keeps the audit offline and edits No.9 with no network.
    const aoki = await newPage(b.browser, errors);
    await login(aoki, s.url, w.people.aoki.email, UI_PASSWORD);
    await goto(aoki, `${s.url}/audits/${audit.id}`);
    await clickText(aoki, 'button', 'オフラインで使えるようにする');
    await aoki.waitForSelector('[data-testid=offline-ready]');
    await openWorkpaper(aoki, 9);
    await setOffline(aoki, true);
    await waitText(aoki, 'オフラインで作業中です');
    await aoki.click('[data-add-procedure=observation]');
    await fillProcedure(aoki, 0, '夜間の施錠を視察した（青木）', '最終退室者が施錠していた');
    await clickExact(aoki, 'label.radio', '適合');
    await aoki.click('[data-testid=save-workpaper]');
    await waitText(aoki, '端末に保存しました');

    // 川口 (a second, separate browser context) saves his own edit of No.9 online first.
    const context = await b.browser.createBrowserContext();
    const kawaguchi = await newPage(context, errors);
    await login(kawaguchi, s.url, w.people.kawaguchi.email, UI_PASSWORD);
    await openWorkpaper(kawaguchi, 9);
    await kawaguchi.click('[data-add-procedure=inquiry]');
    await fillProcedure(kawaguchi, 0, '休日の施錠手順を室長に質問した（川口）', '休日は当番者が施錠するとの回答');
    await clickExact(kawaguchi, 'label.radio', '不適合');
    await kawaguchi.click('[data-testid=save-workpaper]');
    await waitText(kawaguchi, 'サーバーに保存しました（版 2）');
    await shot(kawaguchi, 'conflict-1-other-auditor-saved');

    // 青木 comes back online: the queued edit (based on version 1) meets version 2 → conflict.
    await setOffline(aoki, false);
    await aoki.waitForSelector('[data-testid=conflict]', { timeout: 30_000 });
    await waitText(aoki, '編集の競合');
    const mine = await text(aoki, '[data-testid=conflict-mine]');
    const theirs = await text(aoki, '[data-testid=conflict-theirs]');
    expect(mine).toContain('夜間の施錠を視察した（青木）');
    expect(mine).toContain('適合');
    expect(theirs).toContain('休日の施錠手順を室長に質問した（川口）');
    expect(theirs).toContain('不適合');
    expect(await text(aoki, '[data-testid=sync-indicator]')).toContain('競合 1件');
    await shot(aoki, 'conflict-2-both-versions');
    // The server still holds 川口's version: nothing was overwritten.
    expect(await audit.workpaper(9)).toMatchObject({ version: 2, conclusion: 'does_not_conform' });

    // Merge: both procedures are kept; the auditor settles the conclusion and saves.
    await aoki.click('[data-testid=merge]');
    await waitValue(aoki, '夜間の施錠を視察した（青木）');
    await waitValue(aoki, '休日の施錠手順を室長に質問した（川口）');
    await clickExact(aoki, 'label.radio', '不適合');
    await shot(aoki, 'conflict-3-merge');
    await aoki.click('[data-testid=save-merge]');
    await waitText(aoki, '競合を解決し、保存しました（版 3）。');
    await waitText(aoki, 'すべて同期済み');
    await aoki.waitForSelector('[data-testid=save-workpaper]');
    await shot(aoki, 'conflict-4-resolved');

    const saved = await audit.workpaper(9);
    expect(saved).toMatchObject({ version: 3, conclusion: 'does_not_conform' });
    expect(saved.procedures.map((p: { description: string }) => p.description)).toEqual([
      '休日の施錠手順を室長に質問した（川口）',
      '夜間の施錠を視察した（青木）',
    ]);
    // The offline save was sent with the version it was based on (1) and refused; the merge with 2.
    const log = await w.as.morita!.get(`/api/audits/${audit.id}/activity`).expect(200);
    const saves = log.body.filter((e: { action: string; entityId: string }) => e.action === 'workpaper.save' && e.entityId === String(audit.wp[9].id));
    expect(saves).toHaveLength(2);
    expect(errors).toEqual([]);
    await context.close();
  });
});
