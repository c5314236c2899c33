/**
 * The audit lead's journey (issue 6): the board of audits by state with the next action, the
 * fiscal-year timeline and the call for volunteers, creating an audit with catalogue, scope and a
 * team whose rule violations show as they are picked, overdue remediation, the dashboard by
 * control category × defence zone and by severity, and issuing and publishing.
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ARTIFACTS, byLabel, clickExact, clickText, fill, goto, launch, login, newPage, select, setValue, shot, text, waitText, type UiBrowser,
} from './support/browser';
import { startUiServer, type UiServer } from './support/server';
import { AuditDriver, buildUiWorld, type UiWorld } from './support/world';
import { ADMIN } from '../support/world';

describe("the audit lead's journey", () => {
  let s: UiServer;
  let w: UiWorld;
  let verified: AuditDriver;
  let remediation: AuditDriver;
  let b: UiBrowser;
  let page: Page;
  const errors: string[] = [];
  const downloads = join(ARTIFACTS, 'downloads');

  beforeAll(async () => {
    s = await startUiServer();
    w = await buildUiWorld(s);
    // 北海道: the whole process up to the verified remediation, with findings from three categories.
    verified = await new AuditDriver(s, w, {
      auditee: 'hokkaido', auditeeClient: 'tanaka', manager: 'morita', plannedMonth: '2026-06', documentDeadline: '2026-06-05', visitDate: '2026-06-23',
      scopeItems: [1, 2, 4, 8, 9, 10, 11, 13, 15, 16, 19, 20, 21, 24, 25, 27, 30],
    }).create('2026-04-22');
    await verified.requestDocuments('2026-05-22');
    await verified.answerDocuments('2026-06-01');
    await verified.startReview('2026-06-06');
    await verified.startFieldwork('2026-06-23');
    await verified.completeFieldwork({ 10: 'does_not_conform', 16: 'does_not_conform', 21: 'does_not_conform' }, [
      { item: 10, severity: 'minor', condition: '休日の開錠・施錠記録が2日分欠落' },
      { item: 16, severity: 'minor', condition: '紙資料の持ち出し台帳に返却日の記入漏れ' },
      { item: 21, severity: 'minor', condition: '共用IDが残っていた' },
      { item: 27, severity: 'recommendation', condition: '溶解処理の証明書の保管期間が定められていない' },
    ]);
    await verified.toAgreement('2026-07-10');
    await verified.auditeeAgrees();
    await verified.report('2026-07-24');
    await verified.remediate('2026-09-30');
    await verified.verify('2026-10-30');
    // 東京: reported in August, no remediation plan yet — overdue.
    remediation = await new AuditDriver(s, w, {
      auditee: 'tokyo', auditeeClient: 'sato', manager: 'morita', plannedMonth: '2026-07', documentDeadline: '2026-07-01', visitDate: '2026-07-15',
      scopeItems: [9, 10, 11, 13],
    }).create('2026-05-10');
    await remediation.requestDocuments('2026-06-01');
    await remediation.answerDocuments('2026-06-20');
    await remediation.startReview('2026-07-02');
    await remediation.startFieldwork('2026-07-15');
    await remediation.completeFieldwork({ 13: 'does_not_conform' }, [{ item: 13, severity: 'minor', condition: 'USBメモリが施錠されていない引出しにあった' }]);
    await remediation.toAgreement('2026-07-20');
    await remediation.auditeeAgrees();
    await remediation.report('2026-08-20');
    s.on('2026-11-25');

    b = await launch();
    page = await newPage(b.browser, errors);
    mkdirSync(downloads, { recursive: true });
    for (const f of readdirSync(downloads)) rmSync(join(downloads, f), { force: true });
    const cdp = await b.browser.target().createCDPSession();
    await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });
    await login(page, s.url, ADMIN.email, ADMIN.password);
  }, 180_000);
  afterAll(async () => {
    await b?.close(true);
    await s?.close();
  });

  it('sees every audit on the board by state, with the next action and what it still needs', async () => {
    await goto(page, `${s.url}/board`);
    await waitText(page, '監査ボード');
    await page.waitForSelector(`[data-audit="${verified.reference}"]`);
    const card = await text(page, `[data-audit="${verified.reference}"]`);
    expect(card).toContain('北海道がん登録室');
    expect(card).toContain('監査結果を公表する');
    const overdueCard = await text(page, `[data-audit="${remediation.reference}"]`);
    expect(overdueCard).toContain('改善の確認を完了する');
    expect(overdueCard).toMatch(/未充足 \d+件/);
    await shot(page, 'lead-1-board');
  });

  it('plans the fiscal year: the timeline by month, the call for volunteers and an application', async () => {
    await goto(page, `${s.url}/plans`);
    await page.waitForSelector('[data-testid=timeline]');
    expect(await text(page, '[data-testid=timeline]')).toContain('北海道がん登録室');
    await select(page, '被監査主体', '大阪府がん登録室', '[data-field="organisationId"]');
    // The call closed on 15 May: an application received today is refused, at the date.
    await clickText(page, 'button', '応募を登録');
    await page.waitForSelector('.alert--error');
    await shot(page, 'lead-2a-application-outside-call');
    await setValue(page, '受付日', '2026-05-10');
    await fill(page, '備考', '受審を希望します（公募への応募）');
    await clickText(page, 'button', '応募を登録');
    await waitText(page, '応募を登録しました。');
    expect(await text(page, '[data-testid=applications]')).toContain('大阪府がん登録室');
    await shot(page, 'lead-2-plan-timeline', true);
  });

  it('creates an audit from the application: validation at the field, scope, and team rules shown as the team is picked', async () => {
    await clickText(page, '[data-testid=applications] a', '監査を計画');
    await waitText(page, '監査の作成');
    // Submitting without the planned month: the message is at the field, in Japanese.
    await clickText(page, 'button', '監査を作成');
    await page.waitForSelector('[data-field="plannedMonth"] .field__error');
    expect(await text(page, '[data-field="plannedMonth"] .field__error')).toBe('入力してください。');
    await shot(page, 'lead-3-validation-at-field');

    // The team: 松井 declared a conflict with 大阪, 岡田 has no pledge — shown as they are picked.
    await select(page, '監査責任者', '石原 隆');
    await page.click('input[data-person="matsui@kansa.test"]');
    await waitText(page, '松井 大輔は被監査主体との利益相反を申告しています。');
    await waitText(page, '監査人は監査責任者のほかに最低2名必要です（現在1名）。');
    await page.click('input[data-person="okada@kansa.test"]');
    await waitText(page, '岡田 翔の守秘義務誓約書が提出されていません。');
    await page.evaluate(() => document.querySelector('[data-testid=team-verdict]')?.scrollIntoView({ block: 'center' }));
    await shot(page, 'lead-4-team-violations-as-picked');
    await page.click('input[data-person="matsui@kansa.test"]');
    await page.click('input[data-person="okada@kansa.test"]');
    await page.click('input[data-person="aoki@kansa.test"]');
    await page.click('input[data-person="nakano@kansa.test"]');
    await waitText(page, 'チーム編成ルールを満たしています。');

    await setValue(page, '実施予定月', '2026-12');
    await setValue(page, '文書提出期限', '2026-12-04');
    await setValue(page, '往査日', '2026-12-15');
    // Scope: leave out category D, with the reason.
    await clickExact(page, 'label.radio', '一部の項目');
    await page.waitForSelector('.scope-group');
    await page.evaluate(() => {
      const group = Array.from(document.querySelectorAll('.scope-group')).find((g) => g.querySelector('legend')?.textContent?.startsWith('D'));
      (Array.from(group!.querySelectorAll('button')).find((x) => x.textContent === 'すべて解除') as HTMLButtonElement).click();
    });
    await fill(page, '対象外とする理由', '廃棄・運搬は前年度の監査で確認済みのため');
    await clickText(page, 'button', '監査を作成');
    await waitText(page, 'を作成しました。');
    await waitText(page, '大阪府がん登録室');
    await shot(page, 'lead-5-audit-created');

    const id = Number(new URL(page.url()).pathname.split('/')[2]);
    const detail = (await w.admin.get(`/api/audits/${id}`).expect(200)).body;
    expect(detail).toMatchObject({ status: 'planned', plannedMonth: '2026-12', documentDeadline: '2026-12-04', visitDate: '2026-12-15' });
    expect(detail.manager.name).toBe('石原 隆');
    expect(detail.team.map((m: { name: string }) => m.name).sort()).toEqual(['中野 由紀', '青木 美穂'].sort());
    expect(detail.scopeItems).toHaveLength(23);
    expect(detail.scopeExclusionReason).toBe('廃棄・運搬は前年度の監査で確認済みのため');

    // The next step is ready: request the documents.
    await waitText(page, '文書の提出を依頼する');
    await clickText(page, 'button[data-transition=documents_requested]', '文書の提出を依頼する');
    await waitText(page, '「文書の提出を依頼する」を実行しました。');
    expect((await w.admin.get(`/api/audits/${id}`).expect(200)).body.status).toBe('documents_requested');
  });

  it('declines an application not taken into the plan, with the reason the applicant is told', async () => {
    const applied = (await w.admin.post(`/api/plans/${w.planId}/applications`, { organisationId: w.orgs.university, receivedOn: '2026-05-12', note: '下半期を希望' }).expect(201)).body;
    await goto(page, `${s.url}/plans`);
    await page.waitForSelector(`[data-testid=decline-${applied.id}]`);
    await page.click(`[data-testid=decline-${applied.id}]`);
    await waitText(page, '京都大学 疫学研究室の応募を選定しない');
    // Without a reason: refused at the field.
    await page.click('[data-testid=decline-confirm]');
    await page.waitForSelector('[data-field="reason"] .field__error');
    await fill(page, '選定しない理由', '本年度の監査体制の上限に達したため、次年度の候補とする。');
    await shot(page, 'lead-4b-decline-application');
    await page.click('[data-testid=decline-confirm]');
    await page.waitForFunction((id) => document.querySelector(`[data-testid=application-${id}]`)?.textContent?.includes('非選定'), {}, applied.id);
    expect(await text(page, `[data-testid=application-${applied.id}]`)).toContain('本年度の監査体制の上限に達したため、次年度の候補とする。');
    const stored = (await w.admin.get(`/api/plans/${w.planId}`).expect(200)).body.applications.find((a: { id: number }) => a.id === applied.id);
    expect(stored).toMatchObject({ status: 'not_selected', decisionReason: '本年度の監査体制の上限に達したため、次年度の候補とする。' });
  });

  it('approves the plan', async () => {
    await goto(page, `${s.url}/plans`);
    await clickText(page, 'button', '計画を承認');
    await waitText(page, '承認済');
    expect((await w.admin.get(`/api/plans/${w.planId}`).expect(200)).body.status).toBe('approved');
  });

  it('follows up overdue remediation', async () => {
    await goto(page, `${s.url}/overdue`);
    await page.waitForSelector('[data-testid=overdue]');
    const table = await text(page, '[data-testid=overdue]');
    expect(table).toContain(remediation.reference);
    expect(table).toContain('改善計画書');
    expect(table).toMatch(/\d+日超過/);
    await shot(page, 'lead-6-overdue');
  });

  it('reads the year on the dashboard: category A–D × zone 0–3, and findings by severity month by month', async () => {
    await goto(page, `${s.url}/dashboard`);
    await page.waitForSelector('[data-testid=matrix]');
    // 北海道: B/zone 1 has items 9, 10, 11 concluded (10 does not conform), 東京 adds 9, 10, 11.
    const b1 = await text(page, '[data-cell="B1"]');
    expect(b1).toContain('5／6');
    expect(b1).toContain('不適合 1');
    const tiles = await text(page, '.tiles');
    expect(tiles).toContain('4\n軽欠点');
    expect(tiles).toContain('1\n推奨事項');
    await shot(page, 'lead-7-dashboard', true);
    // The year's summary document (監査結果総括), rendered on request.
    await clickText(page, '.annual button', 'PDF');
    await waitText(page, '報告書を作成しました。', 60_000);
    await expect.poll(() => readdirSync(downloads).filter((f) => f.startsWith('監査結果総括_2026年度')), { timeout: 15_000 }).toHaveLength(1);
  });

  it('renders the draft report, issues the final report and publishes the results', async () => {
    await goto(page, `${s.url}/audits/${verified.id}`);
    await page.waitForSelector('[data-testid=reports]');
    // The draft is rendered on request and downloaded (PDF, Japanese file name).
    await page.click('[data-report=draft-pdf]');
    await waitText(page, '報告書を作成しました。', 60_000);
    // Saved under the server's Japanese file name (RFC 5987).
    await expect.poll(() => readdirSync(downloads).filter((f) => f.startsWith('監査報告書_')), { timeout: 15_000 }).toEqual([expect.stringMatching(/^監査報告書_北海道がん登録室_.*草案\.pdf$/)]);
    // Issuing needs the overall result: the texts are written first.
    await clickText(page, 'button', '報告書の記述（総括・公表文）を編集');
    await byLabel(page, '監査意見・総括');
    await fill(page, '監査意見・総括', '重欠点はなく、軽欠点3件はいずれも改善が確認された。');
    await fill(page, '公表用概要の所見', '北海道がん登録室の安全管理措置はおおむね適切に運用されている。');
    await clickText(page, '[data-testid=report-texts] button', '保存');
    await waitText(page, '報告書の記述を保存しました。');
    page.once('dialog', (d) => void d.accept());
    await page.click('[data-report=issue]');
    await waitText(page, '監査報告書（確定版）第1版を発行しました。', 60_000);
    await page.waitForSelector('[data-report=final-pdf]');
    await shot(page, 'lead-8-report-issued');

    await clickText(page, 'button[data-transition=published]', '監査結果を公表する');
    await waitText(page, '「監査結果を公表する」を実行しました。');
    await page.waitForSelector('[data-status=published]');
    expect((await w.admin.get(`/api/audits/${verified.id}`).expect(200)).body.status).toBe('published');
    await shot(page, 'lead-9-published');
  });

  it('switches to English and back; the choice is kept', async () => {
    await goto(page, `${s.url}/board`);
    await page.click('[data-testid=lang-toggle]');
    await waitText(page, 'Audit board');
    await waitText(page, 'Next action');
    await shot(page, 'lead-10-english');
    await page.reload({ waitUntil: 'networkidle0' });
    await waitText(page, 'Audit board');
    await page.click('[data-testid=lang-toggle]');
    await waitText(page, '監査ボード');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ja');
    expect(errors).toEqual([]);
  });
});
