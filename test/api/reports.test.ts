/**
 * Reports through the HTTP API, on a real database: an audit driven through the process by the
 * API (test/support/scenario.ts) with marker strings planted in every free text, then its draft
 * report, the issued final (frozen: byte-identical after the data changed), the public summary
 * (404 before publication; afterwards none of the markers), the workpaper export and the annual
 * summary — PDFs read back with pdftotext, DOCX unzipped (helpers of test/reports).
 *
 * SQLite runs everything. PostgreSQL runs the same flow but reads the HTML renderings only (it
 * renders PDF and DOCX just where issuing needs them): what differs between the engines is the
 * builder's queries and the stored records, not Chromium or the DOCX writer, and each PDF render
 * costs about a second on the 2-core machines. One app (so one PdfRenderer, one browser) per engine; the scale checks (a
 * year of 47 audits × 120 items inserted directly) reuse it.
 */
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { In } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AuditStatus } from '../../src/audit';
import { Clock } from '../../src/common/clock';
import { Audit, Finding, RemediationSubmission, Workpaper } from '../../src/modules/audits/audit.entity';
import { Organisation } from '../../src/modules/organisations/organisation.entity';
import { ReportInputBuilder } from '../../src/modules/reports/report-input.builder';
import { ReportRendering } from '../../src/modules/reports/report-rendering';
import { assembleAnnualSummary, assembleAuditReport } from '../../src/reports/assemble';
import { RenderError } from '../../src/reports/errors';
import { createTestApp, engines, type TestApp } from '../support/app';
import { auditInRemediation, PDF, type RemediationScenario } from '../support/scenario';
import { ADMIN_ENV, buildWorld, type Client, type World } from '../support/world';
import { compact, docxTableRows, docxText, pdfPagePng, pdfText } from '../reports/support';

/** Unique marker strings appended to free texts; `all` lists every one planted. */
class Markers {
  private n = 0;
  readonly all: string[] = [];
  constructor(private readonly prefix: string) {}
  mark = (text: string): string => {
    this.n += 1;
    const marker = `${this.prefix}${String(this.n).padStart(3, '0')}`;
    this.all.push(marker);
    return `${text}${marker}`;
  };
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** The body of a binary response as a Buffer (supertest buffers unknown types only on request). */
async function file(client: Client | null, t: TestApp, url: string) {
  const req = t.http().get(url).buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  });
  const res = client ? await req.set('Authorization', `Bearer ${client.token}`) : await req;
  return { status: res.status, headers: res.headers as Record<string, string>, body: res.body as Buffer };
}

/** The text a person sees in each format. */
async function textOf(format: string, body: Buffer, name: string): Promise<string> {
  if (format === 'pdf') return compact(await pdfText(body, name));
  if (format === 'docx') {
    const files = unzipSync(new Uint8Array(body));
    return compact(Object.entries(files).filter(([p]) => p.startsWith('word/') && p.endsWith('.xml')).map(([, d]) => docxText(strFromU8(d))).join(''));
  }
  const html = body.toString('utf8').replace(/<(style|script)\b[^>]*>[\s\S]*?<\/\1>/gi, ' ');
  return compact(html.replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&'));
}

/**
 * The rows of the survey section's per-item table (表 項目別の未達成登録室数) in each format:
 * item number → [未達成数, 割合] as printed.
 */
async function surveyItemRows(format: string, body: Buffer, name: string): Promise<Map<number, [string, string]>> {
  const out = new Map<number, [string, string]>();
  const put = (no: string, count: string, percent: string) => {
    if (!out.has(Number(no))) out.set(Number(no), [count, percent]);
  };
  if (format === 'pdf') {
    // The first layout line of each row: number, text …, category, zone, count, percentage.
    for (const line of (await pdfText(body, name)).split('\n')) {
      const m = /^\s*(\d{1,2})\s\S.*\s[A-D]\s+[0-3]\s+(\S+)\s+(\S+)\s*$/.exec(line);
      if (m) put(m[1]!, m[2]!, m[3]!);
    }
  } else if (format === 'docx') {
    const xml = strFromU8(unzipSync(new Uint8Array(body))['word/document.xml']!);
    for (const r of docxTableRows(xml)) if (r.length === 6 && /^\d+$/.test(r[0]!) && /^[A-D]$/.test(r[2]!)) put(r[0]!, r[4]!, r[5]!);
  } else {
    const html = body.toString('utf8');
    const row = /<tr[^>]*><td class="center">(\d+)<\/td><td>[^<]*<\/td><td class="center">[A-D]<\/td><td class="center">[0-3]<\/td><td class="num">([^<]*)<\/td><td class="num">([^<]*)<\/td><\/tr>/g;
    for (const m of html.matchAll(row)) put(m[1]!, m[2]!, m[3]!);
  }
  return out;
}

/** The Japanese name of a Content-Disposition with an RFC 5987 filename*. */
function fileNameOf(disposition: string): { ascii: string; utf8: string } {
  const m = /^attachment; filename="([\x20-\x7e]+)"; filename\*=UTF-8''([A-Za-z0-9%!#$&+^_`|~.-]+)$/.exec(disposition);
  expect(m, disposition).not.toBeNull();
  return { ascii: m![1]!, utf8: decodeURIComponent(m![2]!) };
}

const HEADINGS = ['1.監査の目的', '2.監査の範囲及び監査基準', '3.監査の実施', '4.監査結果の概要', '5.指摘事項', '6.管理策区分・防御ゾーン別の評価結果', '7.監査項目別の結論', '8.改善の要請'];

describe.each(engines())('reports on %s', (engine) => {
  const full = engine === 'sqlite';
  const formats = full ? (['pdf', 'docx', 'html'] as const) : (['html'] as const);
  const secret = new Markers('QZS');
  const statement = '監査主体の所見PUBOK7';
  let t: TestApp;
  let w: World;
  let s: RemediationScenario;
  let a: string;
  const atFieldwork: Record<string, number> = {};
  let issued: { format: string; sha256: string; size: number }[] = [];
  let finalPdf: Buffer;
  let finalDocx: Buffer;
  let overallResult = '';
  /** Markers in texts that no report shows at all (the auditee's remediation submissions). */
  const inNoReport: string[] = [];

  beforeAll(async () => {
    t = await createTestApp(engine, ADMIN_ENV);
    w = await buildWorld(t);
    s = await auditInRemediation(t, w, {
      text: secret.mark,
      visit: { start: '13:00', end: '16:00' },
      atFieldwork: async (auditId) => {
        const url = `/api/audits/${auditId}/report/draft.html`;
        atFieldwork.auditee = (await w.as.auditeeA.get(url)).status;
        atFieldwork.manager = (await w.as.manager.get(url)).status;
        atFieldwork.auditor = (await w.as.auditor1.get(url)).status;
        atFieldwork.public = (await t.http().get(`/api/public/summaries/${auditId}.html`)).status;
      },
    });
    a = `/api/audits/${s.auditId}`;
    inNoReport.push(...secret.all.slice(-2)); // the remediation plan's actions and owner, typed last
  }, 180_000);
  afterAll(async () => t?.close());

  it('gives the draft to the audit body from fieldwork, to the auditee only from the results agreement, to no one else', async () => {
    expect(atFieldwork).toEqual({ auditee: 409, manager: 200, auditor: 200, public: 404 });
    const refused = await w.as.auditeeA.get(`/api/audits/${s.auditId}/report/texts`);
    expect(refused.status).toBe(403);
    // Now in remediation: the auditee sees the draft; other people do not even see the audit.
    expect((await file(w.as.auditeeA, t, `${a}/report/draft.html`)).status).toBe(200);
    expect((await file(w.as.auditeeB, t, `${a}/report/draft.html`)).status).toBe(404);
    expect((await file(w.as.manager2, t, `${a}/report/draft.html`)).status).toBe(404);
    expect((await file(null, t, `${a}/report/draft.html`)).status).toBe(401);
    expect((await w.as.manager.get(`${a}/report/draft.xls`)).status).toBe(400);
  });

  it('refuses to issue without the overall result, then keeps the texts people write, versioned', async () => {
    const missing = await w.as.manager.post(`${a}/report/issue`, { revision: 1 });
    expect(missing.status).toBe(409);
    expect(missing.body.code).toBe('REPORT_OVERALL_RESULT_MISSING');

    const empty = await w.as.auditor1.get(`${a}/report/texts`).expect(200);
    expect(empty.body).toMatchObject({ version: 0, overallResult: null, auditeeAttendees: [] });
    overallResult = secret.mark('おおむね適合しているが、施錠記録の管理に不備が認められた。');
    const saved = await w.as.auditor1.put(`${a}/report/texts`, {
      version: 0,
      scope: secret.mark('登録室及び保管庫における個人データの取扱い'),
      overallResult,
      visitPlace: secret.mark('東京都庁 第一本庁舎'),
      auditeeAttendees: [{ name: secret.mark('田中 誠'), title: '管理責任者' }, { name: secret.mark('伊藤 恵') }],
      publicStatement: statement,
    }).expect(200);
    expect(saved.body.version).toBe(1);
    const stale = await w.as.manager.put(`${a}/report/texts`, { version: 0, purpose: '別の目的' });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('REPORT_TEXT_VERSION_CONFLICT');
    expect((await w.as.auditeeA.put(`${a}/report/texts`, { version: 1 })).status).toBe(403);
    expect((await w.as.manager2.put(`${a}/report/texts`, { version: 1 })).status).toBe(404);
  });

  it.each(formats)('renders the draft audit report as %s: headings, DRAFT mark, finding counts, matrix, the team\'s texts', async (format) => {
    const res = await file(w.as.manager, t, `${a}/report/draft.${format}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe({ pdf: 'application/pdf', docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', html: 'text/html; charset=utf-8' }[format]);
    expect(res.headers['cache-control']).toBe('private, no-store');
    const name = fileNameOf(res.headers['content-disposition']!);
    expect(name.utf8).toMatch(new RegExp(`^監査報告書_東京都がん登録室_\\d{4}-\\d{2}-\\d{2}_草案\\.${format}$`));
    expect(name.ascii).toMatch(new RegExp(`^audit-report_2026-01_\\d{4}-\\d{2}-\\d{2}_draft\\.${format}$`));

    const text = await textOf(format, res.body, `api-draft-${engine}.${format}`);
    expect(text).toContain('監査報告書');
    expect(text).toContain('草案');
    expect(text).toContain('東京都がん登録室');
    for (const heading of HEADINGS) expect(text).toContain(heading.replace(/\s/g, ''));
    // One minor deficiency and one recommendation: the numbers of src/reports.
    expect(text).toContain('軽欠点-1');
    expect(text).toContain('推奨事項-1');
    expect(text).not.toContain('重欠点-1');
    // Items 9 and 10 are both category B, zone 1: 1 of 2 conforming in that cell.
    expect(text).toContain('1/2');
    expect(text).toContain('監報第2026-01号');
    expect(text).toContain('13時00分～16時00分');
    // What the team wrote, and the auditee's people met on site (not public, but in the report).
    expect(text).toContain(compact(overallResult));
    // The cover page as an image, for a person to look at (test-artifacts/reports/).
    if (format === 'pdf') expect(statSync(await pdfPagePng(`api-draft-${engine}.pdf`, 1)).size).toBeGreaterThan(10_000);
  });

  it('issues the final report once: PDF and DOCX stored with their SHA-256, a repeat refused', async () => {
    expect((await w.as.auditor1.post(`${a}/report/issue`, { revision: 1 })).status).toBe(403);
    expect((await w.as.auditeeA.post(`${a}/report/issue`, { revision: 1 })).status).toBe(403);
    expect((await w.as.manager2.post(`${a}/report/issue`, { revision: 1 })).status).toBe(404);
    expect((await w.as.manager.get(`${a}/report/final.pdf`)).status).toBe(404);

    const res = await w.as.manager.post(`${a}/report/issue`, { revision: 1 });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ revision: 1, reportNumber: '監報第2026-01号', reportDate: '2026-07-31' });
    issued = res.body.files;
    expect(issued.map((f) => f.format)).toEqual(['pdf', 'docx']);

    const again = await w.as.manager.post(`${a}/report/issue`, { revision: 1 });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('REPORT_ALREADY_ISSUED');
    const noReason = await w.admin.post(`${a}/report/issue`, { revision: 2 });
    expect(noReason.status).toBe(422);
    expect(noReason.body.code).toBe('REISSUE_REASON_REQUIRED');

    const list = await w.as.auditeeA.get(`${a}/report/issued`).expect(200);
    expect(list.body.map((r: { format: string; revision: number }) => [r.format, r.revision])).toEqual([['docx', 1], ['pdf', 1]]);
    const log = await w.as.manager.get(`${a}/activity`).expect(200);
    const entry = log.body.find((e: { action: string }) => e.action === 'report.issue');
    expect(JSON.parse(entry.after).files.map((f: { sha256: string }) => f.sha256)).toEqual(issued.map((f) => f.sha256));
  });

  it('serves the issued final to the audit body and the auditee with its Japanese name and digest', async () => {
    for (const format of ['pdf', 'docx'] as const) {
      const res = await file(w.as.auditeeA, t, `${a}/report/final.${format}`);
      expect(res.status).toBe(200);
      const meta = issued.find((f) => f.format === format)!;
      expect(sha256(res.body)).toBe(meta.sha256);
      expect(res.body.length).toBe(meta.size);
      expect(res.headers['repr-digest']).toBe(`sha-256=:${Buffer.from(meta.sha256, 'hex').toString('base64')}:`);
      expect(fileNameOf(res.headers['content-disposition']!)).toEqual({
        ascii: `audit-report_2026-01_2026-07-31.${format}`,
        utf8: `監査報告書_東京都がん登録室_2026-07-31.${format}`,
      });
      if (format === 'pdf') finalPdf = res.body;
      else finalDocx = res.body;
    }
    if (full) {
      const text = await textOf('pdf', finalPdf, 'api-final.pdf');
      expect(text).toContain('確定版');
      expect(text).not.toContain('草案');
      // As it stood at issue: the plan submitted (改善中), the recommendation not yet answered.
      expect(text).toContain('改善中');
      expect(text).toContain('未回答');
      expect(text).not.toContain('改善済');
    }
    expect((await w.as.auditeeB.get(`${a}/report/final.pdf`)).status).toBe(404);
    expect((await w.as.manager.get(`${a}/report/final.html`)).status).toBe(400);
  });

  it('keeps the public summary hidden until publication', async () => {
    expect((await t.http().get(`/api/public/summaries/${s.auditId}.html`)).status).toBe(404);
    expect((await t.http().get(`/api/public/summaries/${s.auditId}.pdf`)).body.code).toBe('PUBLIC_SUMMARY_NOT_FOUND');
    expect((await t.http().get('/api/public/summaries').expect(200)).body).toEqual([]);
  });

  it('returns the final byte-identical after the remediation progressed and the audit was published', async () => {
    const today = vi.spyOn(t.app.get(Clock), 'today');
    try {
      today.mockReturnValue('2026-08-20');
      await w.as.manager.post(`${a}/findings/${s.minorId}/submissions/${s.planSubmissionId}/review`, { decision: 'accept' }).expect(200);
      const evidence = await t.http().post(`${a}/evidence`).set('Authorization', `Bearer ${w.as.auditeeA.token}`)
        .attach('file', PDF, { filename: `${secret.mark('休日施錠記録')}.pdf`, contentType: 'application/pdf' }).expect(201);
      today.mockReturnValue('2026-09-20');
      const f = (await w.as.auditeeA.post(`${a}/findings/${s.minorId}/report`, { text: secret.mark('様式を制定した'), evidenceFileIds: [evidence.body.id] }).expect(200)).body;
      inNoReport.push(...secret.all.slice(-2));
      const report = f.submissions.find((x: { kind: string }) => x.kind === 'result_report');
      await w.as.manager.post(`${a}/findings/${s.minorId}/submissions/${report.id}/review`, { decision: 'accept' }).expect(200);
      await w.as.auditeeA.post(`${a}/findings/${s.recommendationId}/recommendation-answer`, { response: 'will_act' }).expect(200);
      today.mockReturnValue('2026-10-01');
      await w.as.manager.post(`${a}/transitions`, { to: 'verified' }).expect(200);
      today.mockReturnValue('2026-10-15');
      await w.as.manager.post(`${a}/transitions`, { to: 'published' }).expect(200);
    } finally {
      today.mockRestore();
    }
    // The draft follows the data …
    const draft = await textOf('html', (await file(w.as.manager, t, `${a}/report/draft.html`)).body, 'x');
    expect(draft).toContain('改善済');
    // … the issued final does not.
    const pdf = await file(w.as.auditeeA, t, `${a}/report/final.pdf`);
    const docx = await file(w.as.manager, t, `${a}/report/final.docx`);
    expect(pdf.body.equals(finalPdf)).toBe(true);
    expect(docx.body.equals(finalDocx)).toBe(true);
  });

  it('re-issues only with a reason, as the next revision (once, even when asked twice at once), and keeps the first one', async () => {
    const both = await Promise.all([
      w.admin.post(`${a}/report/issue`, { revision: 2, reason: '改善状況を反映した訂正版' }),
      w.as.manager.post(`${a}/report/issue`, { revision: 2, reason: '改善状況を反映した訂正版' }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(both.find((r) => r.status === 409)!.body.code).toBe('REPORT_ALREADY_ISSUED');
    const res = both.find((r) => r.status === 201)!;
    expect(res.body.reportNumber).toBe('監報第2026-01号（第2版）');
    const latest = await file(w.as.manager, t, `${a}/report/final.pdf`);
    expect(sha256(latest.body)).toBe(res.body.files[0].sha256);
    expect(sha256(latest.body)).not.toBe(issued[0]!.sha256);
    const first = await file(w.as.manager, t, `${a}/report/final.pdf?revision=1`);
    expect(first.body.equals(finalPdf)).toBe(true);
    const rows = (await w.as.manager.get(`${a}/report/issued`).expect(200)).body as { revision: number; reason: string | null }[];
    expect(rows.map((r) => [r.revision, r.reason])).toEqual([[2, '改善状況を反映した訂正版'], [2, '改善状況を反映した訂正版'], [1, null], [1, null]]);
    // The loser's renders were removed: exactly one stored file per issued row.
    const stored = readdirSync(join(t.env.DATA_DIR!, 'reports')).filter((n) => /\.(pdf|docx)$/.test(n));
    expect(stored).toHaveLength(4);
    if (full) expect(await textOf('pdf', latest.body, 'api-final-2.pdf')).toContain('改善済');
  });

  it.each(formats)('publishes the summary as %s without login: the statement, the counts, none of the confidential texts', async (format) => {
    const list = await t.http().get('/api/public/summaries').expect(200);
    expect(list.body).toEqual([expect.objectContaining({
      auditId: s.auditId, publishedOn: '2026-10-15', auditee: { name: '東京都がん登録室', kind: 'registry' },
      severityCounts: { major: 0, minor: 1, recommendation: 1, total: 2 },
    })]);
    const res = await file(null, t, `/api/public/summaries/${s.auditId}.${format}`);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    expect(fileNameOf(res.headers['content-disposition']!).utf8).toBe(`監査結果公表用概要_東京都がん登録室_2026-10-15.${format}`);
    const text = await textOf(format, res.body, `api-public-${engine}.${format}`);
    expect(text).toContain('東京都がん登録室');
    expect(text).toContain('PUBOK7');
    expect(text).toContain('改善済');
    expect(text).toContain('軽欠点-1');
    const leaked = secret.all.filter((m) => text.includes(m) || res.body.includes(m));
    expect(leaked, 'confidential markers in the public summary').toEqual([]);
    // The annual summary's survey section is the audit body's: never in a public document.
    expect(text).not.toContain('自己点検調査');
    // People: the audit body's and the auditee's.
    for (const name of ['manager', 'auditor1', 'auditor2', 'auditee-a', 'staff-a', '管理者']) expect(text).not.toContain(name);
    // Served again from the frozen model: the same bytes (PDF and DOCX are cached renderings).
    if (format !== 'html') expect((await file(null, t, `/api/public/summaries/${s.auditId}.${format}`)).body.equals(res.body)).toBe(true);
  });

  it('proves the markers were there to find: the draft and the workpaper export show them', async () => {
    const draft = await textOf('html', (await file(w.as.manager, t, `${a}/report/draft.html`)).body, 'x');
    const workpapers = await file(w.as.auditor1, t, `${a}/report/workpapers.${full ? 'pdf' : 'html'}`);
    expect(workpapers.status).toBe(200);
    expect(fileNameOf(workpapers.headers['content-disposition']!).utf8).toMatch(new RegExp(`^監査調書_東京都がん登録室_\\d{4}-\\d{2}-\\d{2}\\.${full ? 'pdf' : 'html'}$`));
    const wpText = await textOf(full ? 'pdf' : 'html', workpapers.body, 'api-workpapers.pdf');
    const both = draft + wpText;
    // Every marker is in one of them, except the texts of the remediation submissions.
    expect(secret.all.filter((m) => !both.includes(m)).sort()).toEqual([...inNoReport].sort());
    expect(wpText).toContain('監査調書');
    expect(wpText).toContain('軽欠点-1');
    expect(wpText).toMatch(/要領QZS\d{3}\.pdf/); // the evidence file cited by the workpaper
  });

  it('keeps the workpaper export to the audit body on the audit', async () => {
    expect((await file(w.as.auditeeA, t, `${a}/report/workpapers.html`)).status).toBe(403); // by role
    expect((await file(w.as.conflicted, t, `${a}/report/workpapers.html`)).status).toBe(404);
    expect((await file(w.admin, t, `${a}/report/workpapers.html`)).status).toBe(200);
  });

  it.each(formats)('renders the annual summary of the fiscal year as %s for the chief and the managers', async (format) => {
    if (format === formats[0]) {
      const c = await w.admin.put('/api/annual-summaries/2026/commentary', { version: 0, commentary: '本年度は1件の監査を実施した。総括SUMOK' }).expect(200);
      expect(c.body.version).toBe(1);
      expect((await w.as.manager.put('/api/annual-summaries/2026/commentary', { version: 1, commentary: 'x' })).status).toBe(403);
      expect((await w.as.manager.get('/api/annual-summaries/2026/commentary').expect(200)).body.commentary).toContain('SUMOK');
      expect((await w.as.auditor1.get('/api/annual-summaries/2026.html')).status).toBe(403);
      expect((await w.as.auditeeA.get('/api/annual-summaries/2026.html')).status).toBe(403);
      expect((await w.admin.get('/api/annual-summaries/1999.html')).status).toBe(400);
    }
    const res = await file(format === 'docx' ? w.as.manager : w.admin, t, `/api/annual-summaries/2026.${format}`);
    expect(res.status).toBe(200);
    // Every audit of the year is published: the summary is final.
    expect(fileNameOf(res.headers['content-disposition']!).utf8).toMatch(new RegExp(`^監査結果総括_2026年度_\\d{4}-\\d{2}-\\d{2}\\.${format}$`));
    const text = await textOf(format, res.body, `api-annual-${engine}.${format}`);
    expect(text).toContain('監査結果総括');
    expect(text).toContain('東京都がん登録室');
    expect(text).toContain('SUMOK');
    expect(text).not.toContain('草案');
    // No survey round was held in FY2026 in this world: the survey section says so.
    expect(text).toContain('7.自己点検調査（ミニマムベースライン達成状況調査）2026年度（令和8年度）に実施された自己点検調査（ミニマムベースライン達成状況調査）はない。8.監査一覧');
  });

  it.each(formats)('gives the FY2013 annual summary the survey section of the seeded published round as %s', async (format) => {
    // Nothing is created for FY2013: the round is the one the bootstrap loads from seeds/surveys.
    const res = await file(w.as.manager, t, `/api/annual-summaries/2013.${format}`);
    expect(res.status).toBe(200);
    const text = await textOf(format, res.body, `api-annual-2013-${engine}.${format}`);
    expect(text).toContain('7.自己点検調査（ミニマムベースライン達成状況調査）');
    expect(text).toContain('7.1平成25年度ミニマムベースライン達成状況調査（都道府県がん登録室）');
    // 表1: 24 of 47 registries met every item.
    expect(text).toContain('全項目を達成していたのは47登録室中24登録室（51.1%）であり、残る23登録室（48.9%）は1項目以上が未達成であった。');
    expect(text).toContain('0項目24登録室51.1%');
    // 付表2: items 1–8 not met by 3, 9, 1, 6, 14, 13, 15, 7 registries; items 9–32 not given (―, never 0).
    const rows = await surveyItemRows(format, res.body, `api-annual-2013-${engine}.${format}`);
    const pct = (n: number) => `${(Math.round((n / 47) * 1000) / 10).toFixed(1)}%`;
    expect([...rows.keys()].sort((x, y) => x - y)).toEqual(Array.from({ length: 32 }, (_, k) => k + 1));
    [3, 9, 1, 6, 14, 13, 15, 7].forEach((n, k) => expect(rows.get(k + 1), `item ${k + 1}`).toEqual([`${n}登録室`, pct(n)]));
    for (let no = 9; no <= 32; no += 1) expect(rows.get(no), `item ${no}`).toEqual(['―', '―']);
    expect(text).toContain('項目9～32の未達成登録室数は出典に記載がないため「―」とした（0ではない）。');
    // The trend up to FY2013, from the same seed: FY2011 gives only its share.
    expect(text).toContain('2011年度（平成23年度）公表資料の集計を転記―――61.0%');
    expect(text).toContain('2012年度（平成24年度）公表資料の集計を転記24項目46登録室38登録室82.6%');
    if (format === 'pdf') {
      // The page with the section's charts, for a person to look at (test-artifacts/reports/).
      const pages = (await pdfText(res.body, `api-annual-2013-${engine}.pdf`)).split('\f');
      const page = pages.findIndex((p) => compact(p).includes('全項目を達成した登録室の割合の推移')) + 1;
      expect(page).toBeGreaterThan(0);
      expect(statSync(await pdfPagePng(`api-annual-2013-${engine}.pdf`, page)).size).toBeGreaterThan(20_000);
    }
  });

  if (full) {
    it('answers a failed render with a clear JSON error, never a partial file', async () => {
      const rendering = t.app.get(ReportRendering);
      const cases = [['overloaded', 503], ['launch_failed', 503], ['timeout', 504], ['render_failed', 500]] as const;
      for (const [code, status] of cases) {
        const spy = vi.spyOn(rendering, 'render').mockRejectedValueOnce(new RenderError(code, 'detail that stays in the log'));
        const res = await w.as.manager.get(`${a}/report/draft.pdf`);
        spy.mockRestore();
        expect(res.status).toBe(status);
        expect(res.headers['content-type']).toMatch(/^application\/json/);
        expect(res.headers['content-disposition']).toBeUndefined();
        expect(res.body.code).toBe(`RENDER_${code.toUpperCase()}`);
        expect(res.body.message.ja.length).toBeGreaterThan(0);
        expect(JSON.stringify(res.body)).not.toContain('detail that stays');
        if (status === 503) expect(res.headers['retry-after']).toBe('10');
      }
    });
  }

  /**
   * The builder reads per report, not per row: a fiscal year of 47 audits × 120 items (inserted
   * directly, as a year's worth of data would be) is built in a fixed handful of queries and
   * rendered quickly; one audit's report and workpaper export likewise.
   */
  describe('report inputs at scale', () => {
    const YEAR = 2030;
    let auditIds: number[] = [];

    beforeAll(async () => {
      const ds = t.dataSource;
      const [version] = await ds.query(
        `SELECT v.id FROM catalog_version v JOIN catalog c ON c.id = v.catalog_id WHERE c.code = 'security-checklist' ORDER BY v.sequence DESC`,
      ) as { id: number }[];
      const orgs = await ds.getRepository(Organisation).save(Array.from({ length: 47 }, (_, i) => ({
        key: `du-bulk-${i + 1}`, kind: 'data_user' as const, name: `利用者${i + 1}研究室`, nameEn: null, prefectureCode: null,
        usageFrom: null, usageTo: null, dataKind: 'identifiable' as const,
      })));
      const statuses: AuditStatus[] = ['published', 'verified', 'remediation', 'reported', 'results_agreement', 'fieldwork', 'planned'];
      const items = Array.from({ length: 120 }, (_, i) => i + 1);
      const audits = await ds.getRepository(Audit).save(orgs.map((o, i) => ({
        reference: `${YEAR}-${String(i + 1).padStart(2, '0')}`, kind: 'planned' as const, forCauseTrigger: null, planId: null, fiscalYear: YEAR,
        auditeeId: o.id, catalogVersionId: version!.id, scopeItems: items, scopeExclusionReason: null,
        plannedMonth: `${YEAR}-${String((i % 9) + 4).padStart(2, '0')}`, managerId: w.people.manager.id, documentDeadline: `${YEAR}-06-01`,
        visitDate: `${YEAR}-06-20`, visitStart: '13:00', visitEnd: '16:00', status: statuses[i % statuses.length]!, cancelReason: null,
        reportIssuedOn: null, remediationPlanDeadline: null, publishedOn: null, earlyPublicationReason: null, openItemsAtPublication: null,
      })));
      auditIds = audits.map((x) => x.id);
      // Multi-row inserts, then one read back: the data of a year in a few statements.
      const insert = async <T extends object>(entity: new () => T, rows: object[]) => {
        for (let i = 0; i < rows.length; i += 200) await ds.createQueryBuilder().insert().into(entity).values(rows.slice(i, i + 200) as never).execute();
      };
      await insert(Workpaper, audits.flatMap((audit) => items.map((no) => ({
        auditId: audit.id, itemNo: no, procedures: [{ procedure: 'inquiry', description: '質問', observation: '回答' }], evidenceRefs: [],
        conclusion: (no + audit.id) % 11 === 0 ? 'does_not_conform' : 'conforms', notTestedReason: null, version: 1,
      }))));
      const failing = await ds.getRepository(Workpaper).find({ where: { auditId: In(auditIds), conclusion: 'does_not_conform' }, order: { id: 'ASC' } });
      await insert(Finding, failing.map((x, k) => ({
        auditId: x.auditId, workpaperId: x.id, itemNo: x.itemNo, seq: k + 1, severity: k % 3 === 2 ? 'recommendation' : 'minor',
        condition: '現状', criterion: '基準', cause: '原因', effect: '影響', recommendedAction: '改善提案', auditeeResponse: 'accepted',
        disputeReason: null, recommendationResponse: 'pending', recommendationDeclineReason: null, createdById: w.people.auditor1.id,
      })));
      const minors = await ds.getRepository(Finding).find({ where: { auditId: In(auditIds), severity: 'minor' }, select: { id: true } });
      await insert(RemediationSubmission, minors.map((f) => ({
        findingId: f.id, kind: 'remediation_plan', sequence: 1, status: 'accepted', text: '計画', owner: null,
        dueDate: `${YEAR}-12-31`, evidenceFileIds: [], submittedById: w.people.auditeeA.id,
      })));
    }, 180_000);

    /** Runs `work` and counts the SQL statements it sends. */
    async function counted<T>(work: () => Promise<T>): Promise<{ result: T; queries: number; ms: number }> {
      const runner = t.dataSource.createQueryRunner();
      const spy = vi.spyOn(Object.getPrototypeOf(runner) as { query: (...args: unknown[]) => unknown }, 'query');
      await runner.release();
      const started = performance.now();
      try {
        const result = await work();
        return { result, queries: spy.mock.calls.length, ms: performance.now() - started };
      } finally {
        spy.mockRestore();
      }
    }

    it('builds the annual summary of 47 audits × 120 items in a fixed handful of queries', async () => {
      const builder = t.app.get(ReportInputBuilder);
      const { result, queries, ms } = await counted(() => builder.annualSummary(YEAR, `${YEAR}-12-01`));
      expect(result.audits).toHaveLength(47);
      const withResults = result.audits.filter((x) => x.items.length > 0);
      // Audits in fieldwork or planned have no agreed results yet.
      expect(withResults.length).toBe(result.audits.filter((x) => !['fieldwork', 'planned'].includes(x.status)).length);
      expect(withResults.length).toBe(35);
      expect(withResults.every((x) => x.items.length === 120)).toBe(true);
      // audits, workpapers, findings, submissions, commentary, audit body, catalogue (first time), survey rounds of the year
      expect(queries).toBeLessThanOrEqual(11);
      expect(result.survey).toEqual({ rounds: [] });
      expect(ms).toBeLessThan(3000);
      const model = assembleAnnualSummary(result);
      expect(model.auditCounts).toMatchObject({ planned: 47, total: 47 });
      expect(model.criteriaMostOftenNotMet.length).toBeGreaterThan(0);
    });

    it('renders that year over HTTP in reasonable time', async () => {
      const started = performance.now();
      const res = await file(w.admin, t, `/api/annual-summaries/${YEAR}.html`);
      expect(res.status).toBe(200);
      expect(performance.now() - started).toBeLessThan(5000);
      expect(res.body.toString('utf8')).toContain('利用者47研究室');
    });

    it('builds one 120-item audit report and its workpaper export in a constant number of queries', async () => {
      const builder = t.app.get(ReportInputBuilder);
      const report = await counted(() => builder.auditReport(auditIds[0]!, { edition: 'draft', reportDate: `${YEAR}-12-01`, revision: 1 }));
      expect(report.result.items).toHaveLength(120);
      expect(report.queries).toBeLessThanOrEqual(12);
      const workpapers = await counted(() => builder.workpaperExport(auditIds[0]!, `${YEAR}-12-01`));
      expect(workpapers.result.workpapers).toHaveLength(120);
      expect(workpapers.queries).toBeLessThanOrEqual(14);
      expect(assembleAuditReport(report.result).matrix).toBeNull(); // the checklist has no categories × zones
    });
  });
});
