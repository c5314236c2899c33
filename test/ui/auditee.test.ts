/**
 * The registry's journey (issue 6): their audit's status and next step, uploading the requested
 * documents, agreeing with or disputing each finding, submitting remediation plans and result
 * reports with evidence, and seeing what the audit body returned and why.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byLabel, clickText, fill, goto, launch, login, newPage, setValue, shot, text, waitText, type UiBrowser } from './support/browser';
import { startUiServer, type UiServer } from './support/server';
import { AuditDriver, buildUiWorld, PDF, UI_PASSWORD, type UiWorld } from './support/world';

describe("the registry's journey", () => {
  let s: UiServer;
  let w: UiWorld;
  let audit: AuditDriver;
  let b: UiBrowser;
  let page: Page;
  const errors: string[] = [];
  const files = mkdtempSync(join(tmpdir(), 'kansa-ui-files-'));

  beforeAll(async () => {
    s = await startUiServer();
    w = await buildUiWorld(s);
    audit = await new AuditDriver(s, w, {
      auditee: 'tokyo', auditeeClient: 'sato', plannedMonth: '2026-11', documentDeadline: '2026-11-20', visitDate: '2026-11-24',
      scopeItems: [4, 9, 10, 11, 13],
    }).create('2026-10-20');
    await audit.requestDocuments('2026-10-25');
    s.on('2026-11-02');
    writeFileSync(join(files, '入退室管理簿_2026年度.pdf'), PDF);
    writeFileSync(join(files, 'script.html'), '<script>alert(1)</script>');
    writeFileSync(join(files, '休日施錠記録様式.pdf'), PDF);
    b = await launch();
    page = await newPage(b.browser, errors);
    await login(page, s.url, w.people.sato.email, UI_PASSWORD);
  }, 120_000);
  afterAll(async () => {
    await b?.close(true);
    await s?.close();
  });

  const findingCard = (ref: string) => `[data-finding="${ref}"]`;

  it("sees our audit's status and the next step", async () => {
    await page.waitForSelector(`[data-audit="${audit.reference}"]`);
    const card = await text(page, `[data-audit="${audit.reference}"]`);
    expect(card).toContain('文書依頼済');
    expect(card).toContain('依頼された文書を提出してください（提出済 0/');
    expect(card).not.toContain('監査調書');
    await shot(page, 'auditee-1-our-audit');
  });

  it('uploads a requested document; a file of a refused type is stopped at the field', async () => {
    await clickText(page, `[data-audit="${audit.reference}"] a`, '提出依頼文書');
    const request = '[data-request="入退室管理簿（開錠・施錠記録）"]';
    await page.waitForSelector(request);
    const input = (await page.$(`${request} input[type=file]`)) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(join(files, 'script.html'));
    await clickText(page, `${request} button`, 'ファイルを提出');
    await page.waitForSelector(`${request} .field__error`);
    expect(await text(page, `${request} .field__error`)).toContain('このファイル形式は提出できません');
    await shot(page, 'auditee-2a-refused-file-type');
    await input.uploadFile(join(files, '入退室管理簿_2026年度.pdf'));
    await clickText(page, `${request} button`, 'ファイルを提出');
    await waitText(page, '「入退室管理簿_2026年度.pdf」を提出しました。');
    expect(await text(page, request)).toContain('入退室管理簿_2026年度.pdf');
    await shot(page, 'auditee-2-document-uploaded');
    const docs = (await w.as.sato!.get(`/api/audits/${audit.id}/documents`).expect(200)).body;
    const answered = docs.requests.find((r: { title: string }) => r.title === '入退室管理簿（開錠・施錠記録）');
    expect(answered.files).toEqual([expect.objectContaining({ name: '入退室管理簿_2026年度.pdf', mediaType: 'application/pdf' })]);
    // The audit body's review notes and workpapers are not the auditee's to see.
    expect(await page.$$eval('.tabs a', (els) => els.map((e) => (e as HTMLElement).innerText.split('\n')[0]))).toEqual(['概要', '提出依頼文書', '指摘事項']);
  });

  it('accepts one finding and disputes the other, with the reason required at the field', async () => {
    await audit.answerDocuments('2026-11-05');
    await audit.startReview('2026-11-21');
    await audit.startFieldwork('2026-11-24');
    await audit.completeFieldwork({ 10: 'does_not_conform' }, [
      { item: 10, severity: 'minor', condition: '休日2日分の開錠・施錠記録が欠落していた' },
      { item: 9, severity: 'recommendation', condition: '鍵の保管場所を二重管理とすることを推奨する' },
    ]);
    await audit.toAgreement('2026-11-25');

    await goto(page, `${s.url}/audits/${audit.id}`);
    await waitText(page, '監査結果が提示されました。各指摘事項に合意するか、異議を記録してください。');
    await clickText(page, '.tabs a', '指摘事項');
    await page.waitForSelector(findingCard('F-1'));
    await clickText(page, `${findingCard('F-1')} button`, '合意する');
    await page.waitForFunction((sel) => document.querySelector(sel)?.closest('section')?.textContent?.includes('合意'), {}, findingCard('F-1'));
    await clickText(page, `${findingCard('F-2')} button`, '異議を申し立てる');
    await clickText(page, `${findingCard('F-2')} .subform button`, '異議を申し立てる');
    await page.waitForSelector(`${findingCard('F-2')} [data-field="reason"] .field__error`);
    expect(await text(page, `${findingCard('F-2')} [data-field="reason"] .field__error`)).toBe('入力してください。');
    await fill(page, '異議の理由', '鍵は既に管理責任者と副責任者の二名で管理している', findingCard('F-2'));
    await clickText(page, `${findingCard('F-2')} .subform button`, '異議を申し立てる');
    await waitText(page, '鍵は既に管理責任者と副責任者の二名で管理している');
    await shot(page, 'auditee-3-agreement', true);
    const findings = (await w.as.sato!.get(`/api/audits/${audit.id}/findings`).expect(200)).body;
    expect(findings.map((f: { auditeeResponse: string }) => f.auditeeResponse)).toEqual(['accepted', 'disputed']);
  });

  it('submits a remediation plan, sees it returned with the reason, and resubmits', async () => {
    await audit.report('2026-11-25');
    await goto(page, `${s.url}/audits/${audit.id}/findings`);
    const plan = `${findingCard('F-1')} [data-form=plan]`;
    await page.waitForSelector(plan);
    await fill(page, '改善内容', '休日の開錠・施錠の記録手順を定め、当番表と記録様式を整備する', plan);
    await fill(page, '責任者（役職）', '登録室長', plan);
    await clickText(page, `${plan} button`, '改善計画書を提出');
    await page.waitForSelector(`${plan} [data-field="dueDate"] .field__error`);
    expect(await text(page, `${plan} [data-field="dueDate"] .field__error`)).toBe('入力してください。');
    await setValue(page, '完了予定日', '2027-01-31', plan);
    await clickText(page, `${plan} button`, '改善計画書を提出');
    await waitText(page, '提出済');

    // The audit body returns it with guidance.
    const f1 = audit.findings[0];
    const found = (await w.as.morita!.get(`/api/audits/${audit.id}/findings`).expect(200)).body[0];
    const submission = found.submissions.find((x: { kind: string }) => x.kind === 'remediation_plan');
    await w.as.morita!.post(`/api/audits/${audit.id}/findings/${f1.id}/submissions/${submission.id}/review`, { decision: 'return', comment: '休日当番の引継ぎ方法も計画に含めてください。' }).expect(200);

    await page.reload({ waitUntil: 'networkidle0' });
    await page.waitForSelector(plan);
    const returned = await text(page, findingCard('F-1'));
    expect(returned).toContain('差戻しの理由');
    expect(returned).toContain('休日当番の引継ぎ方法も計画に含めてください。');
    await shot(page, 'auditee-4-plan-returned-with-reason', true);
    const actions = await byLabel(page, '改善内容', plan);
    await actions.click({ clickCount: 3 });
    await fill(page, '改善内容', '休日の開錠・施錠の記録手順と当番の引継ぎ方法を定め、記録様式を整備する', plan);
    await clickText(page, `${plan} button`, '改善計画書を提出');
    await page.waitForFunction((sel) => !document.querySelector(sel), {}, plan);
    const history = await text(page, `${findingCard('F-1')} .history`);
    expect(history).toMatch(/改善計画書 #1\s[\s\S]*差戻し/);
    expect(history).toMatch(/改善計画書 #2\s[\s\S]*提出済/);
  });

  it('submits the result report with an evidence file once the plan is accepted', async () => {
    const f1 = audit.findings[0];
    const found = (await w.as.morita!.get(`/api/audits/${audit.id}/findings`).expect(200)).body[0];
    const latest = found.submissions.filter((x: { kind: string }) => x.kind === 'remediation_plan').pop();
    await w.as.morita!.post(`/api/audits/${audit.id}/findings/${f1.id}/submissions/${latest.id}/review`, { decision: 'accept' }).expect(200);

    await page.reload({ waitUntil: 'networkidle0' });
    const report = `${findingCard('F-1')} [data-form=report]`;
    await page.waitForSelector(report);
    await fill(page, '改善の実施結果', '記録様式を制定し、12月から運用を開始した', report);
    const input = (await page.$(`${report} input[type=file]`)) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(join(files, '休日施錠記録様式.pdf'));
    await clickText(page, `${report} button`, '証跡ファイルを追加');
    await waitText(page, '「休日施錠記録様式.pdf」を提出しました。');
    await page.waitForFunction((sel) => Array.from(document.querySelectorAll(`${sel} input[type=checkbox]`)).some((c) => (c as HTMLInputElement).checked), {}, report);
    await shot(page, 'auditee-5-result-report');
    await clickText(page, `${report} button`, '改善報告書を提出');
    await page.waitForFunction((sel) => !document.querySelector(sel), {}, report);

    // The recommendation: answered with a reason for not acting.
    const rec = `${findingCard('F-2')} [data-form=recommendation]`;
    await clickText(page, `${rec} label.radio`, '対応しない');
    await fill(page, '対応しない理由', '既に二名管理を行っているため', rec);
    await clickText(page, `${rec} button`, '送信');
    await waitText(page, '既に二名管理を行っているため');
    await shot(page, 'auditee-6-remediation-submitted', true);

    const findings = (await w.as.sato!.get(`/api/audits/${audit.id}/findings`).expect(200)).body;
    const reportSubmission = findings[0].submissions.find((x: { kind: string }) => x.kind === 'result_report');
    expect(reportSubmission).toMatchObject({ status: 'submitted', text: '記録様式を制定し、12月から運用を開始した' });
    expect(reportSubmission.evidenceFileIds).toHaveLength(1);
    expect(findings[1]).toMatchObject({ recommendationResponse: 'declined', recommendationDeclineReason: '既に二名管理を行っているため' });
    expect(errors).toEqual([]);
  });
});
