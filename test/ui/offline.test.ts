/**
 * Offline workpapers (issue 6): an auditor makes an audit available offline, loses the network,
 * reloads, edits two workpapers, closes the browser, opens it again, and when the network
 * returns both edits reach the server — each saved against the version it was based on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  byText, clickExact, clickText, fillProcedure, goto, launch, login, newPage, setOffline, shot, syncIndicator, waitText, waitValue, type UiBrowser,
} from './support/browser';
import { startUiServer, type UiServer } from './support/server';
import { AuditDriver, buildUiWorld, UI_PASSWORD, type UiWorld } from './support/world';

describe('offline workpapers in the browser', () => {
  let s: UiServer;
  let w: UiWorld;
  let audit: AuditDriver;
  let b: UiBrowser | undefined;
  const errors: string[] = [];

  beforeAll(async () => {
    s = await startUiServer();
    w = await buildUiWorld(s);
    audit = await new AuditDriver(s, w, {
      auditee: 'tokyo', auditeeClient: 'sato', plannedMonth: '2026-11', documentDeadline: '2026-11-10', visitDate: '2026-11-25',
      scopeItems: [9, 10, 11, 13, 20, 27],
    }).create('2026-10-20');
    await audit.requestDocuments('2026-10-25');
    await audit.answerDocuments('2026-11-01');
    await audit.startReview('2026-11-11');
    await audit.startFieldwork('2026-11-25');
  });
  afterAll(async () => {
    await b?.close(true);
    await s?.close();
  });

  const version = async (itemNo: number) => {
    const rows: { version: number }[] = await s.t.dataSource.query('SELECT version FROM workpaper WHERE id = ?', [audit.wp[itemNo].id]);
    return Number(rows[0].version);
  };

  it('edits two workpapers with no network, survives a browser restart, and synchronises both when the network returns', async () => {
    b = await launch();
    const profile = b.userDataDir;
    let page = await newPage(b.browser, errors);
    await login(page, s.url, w.people.aoki.email, UI_PASSWORD);
    await goto(page, `${s.url}/audits/${audit.id}`);
    await clickText(page, 'button', 'オフラインで使えるようにする');
    await page.waitForSelector('[data-testid=offline-ready]');
    await waitText(page, 'アプリ本体: 端末に保存済');
    await shot(page, 'offline-1-available-offline');

    // No network: the browser is offline and the server unreachable.
    s.networkDown(true);
    await setOffline(page, true);
    await page.reload({ waitUntil: 'networkidle0' });
    await waitText(page, 'オフラインで作業中です');
    await waitText(page, '2026-01 東京都がん登録室');

    // Workpaper No.9 — through the app's own navigation.
    await clickText(page, '.tabs a', '監査調書');
    await clickText(page, 'a.wptable__link', '無人の時');
    await waitText(page, '監査調書 No.9');
    await page.click('[data-add-procedure=observation]');
    await fillProcedure(page, 0, '無人時の登録室の施錠状態を視察した（オフライン記入）', '施錠されていることを確認した');
    await clickExact(page, 'label.radio', '適合');
    await page.click('[data-testid=save-workpaper]');
    await waitText(page, '端末に保存しました');

    // Workpaper No.10 — the next one.
    await clickText(page, '.wpeditor__nav a', '次の調書');
    await waitText(page, '監査調書 No.10');
    await page.click('[data-add-procedure=inspection]');
    await fillProcedure(page, 0, '開錠・施錠の記録簿を閲覧した（オフライン記入）', '休日2日分の施錠記録が欠落していた');
    await clickExact(page, 'label.radio', '不適合');
    await page.click('[data-testid=save-workpaper]');
    await waitText(page, '端末に保存しました');
    expect(await syncIndicator(page)).toContain('未同期 2件');
    await shot(page, 'offline-2-two-edits-pending');

    // Nothing reached the server.
    expect(await version(9)).toBe(1);
    expect(await version(10)).toBe(1);

    // Close the browser; open it again on the same profile, still offline.
    await b.close();
    b = await launch(profile);
    page = await newPage(b.browser, errors);
    await setOffline(page, true);
    await goto(page, `${s.url}/sync`);
    await waitText(page, 'オフラインで作業中です');
    await page.waitForSelector('[data-outbox="9"]');
    await page.waitForSelector('[data-outbox="10"]');
    expect(await syncIndicator(page)).toContain('未同期 2件');
    await shot(page, 'offline-3-after-browser-restart');
    await clickText(page, '[data-outbox="10"] a', 'No.10');
    await waitValue(page, '休日2日分の施錠記録が欠落していた');
    await page.waitForSelector('[data-testid=local-pending]');
    await shot(page, 'offline-3b-editor-after-restart');
    expect(s.dropped.filter((r) => !r.startsWith('GET '))).toEqual([]);

    // The network returns: both edits are sent, each with the version it was based on.
    s.networkDown(false);
    await setOffline(page, false);
    await page.waitForFunction(() => document.querySelector('[data-testid=sync-indicator]')?.textContent?.includes('すべて同期済み'), { timeout: 30_000 });
    await byText(page, '[data-testid=connection]', 'オンライン');
    await shot(page, 'offline-4-synchronised');

    const nine = await audit.workpaper(9);
    expect(nine).toMatchObject({ version: 2, conclusion: 'conforms' });
    expect(nine.procedures).toEqual([expect.objectContaining({ procedure: 'observation', description: '無人時の登録室の施錠状態を視察した（オフライン記入）', observation: '施錠されていることを確認した' })]);
    const ten = await audit.workpaper(10);
    expect(ten).toMatchObject({ version: 2, conclusion: 'does_not_conform' });
    expect(ten.procedures[0]).toMatchObject({ procedure: 'inspection', observation: '休日2日分の施錠記録が欠落していた' });
    // Sent once, together in one sync request, after the network returned.
    expect(s.requests.filter((r) => !r.startsWith('GET ') && r.includes('/workpapers'))).toEqual([
      `POST /api/audits/${audit.id}/workpapers/sync`,
    ]);
    expect(errors).toEqual([]);
  });

  it('logging out removes the offline data from the device', async () => {
    const page = (await b!.browser.pages()).find((p) => p.url().startsWith(s.url))!;
    await goto(page, `${s.url}/sync`);
    await waitText(page, '2026-01 東京都がん登録室');
    await clickText(page, 'button', 'ログアウト');
    await waitText(page, 'メールアドレス');
    const left = await page.evaluate(async () => {
      const dbs = await indexedDB.databases();
      return dbs.map((d) => d.name);
    });
    expect(left).not.toContain('kansa-offline');
    await goto(page, `${s.url}/sync`);
    await waitText(page, 'ログイン');
  });
});
