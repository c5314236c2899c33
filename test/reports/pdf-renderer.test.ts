/**
 * The shared browser: one launch reused, a bounded page pool, recovery after a crash, timeouts,
 * typed errors, and never a half-written file. One PdfRenderer for the file (plus two tiny ones
 * that never start a browser or are closed at once).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRenderError, PdfRenderer, renderAuditReportPdf, RenderError, renderHtml } from '../../src/reports';
import * as fx from './fixtures';
import { compact, pdfText } from './support';

let pdf: PdfRenderer;
const SMALL = '<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8"></head><body style="font-family: \'Noto Serif CJK JP\'"><h1>監査報告書</h1><p>小さな頁</p></body></html>';

beforeAll(() => {
  pdf = new PdfRenderer({ maxConcurrentPages: 2 });
});

afterAll(async () => {
  await pdf?.close();
});

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  return new Promise((resolve, reject) => {
    const tick = () => {
      if (condition()) resolve();
      else if (Date.now() - start > timeoutMs) reject(new Error('condition not reached'));
      else setTimeout(tick, 20);
    };
    tick();
  });
}

describe('PdfRenderer', () => {
  it('launches the browser lazily, once, and reuses it', async () => {
    expect(pdf.browserProcessId()).toBeNull();
    expect(pdf.stats().launches).toBe(0);
    const a = await pdf.render(SMALL);
    const b = await pdf.render(SMALL, { headerRight: '監査報告書' });
    expect(a.subarray(0, 5).toString()).toBe('%PDF-');
    expect(b.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.stats().launches).toBe(1);
    expect(pdf.browserProcessId()).toEqual(expect.any(Number));
    expect(compact(await pdfText(b, 'renderer-small.pdf'))).toContain('小さな頁');
  });

  it('prints bare HTML for the benchmark floor (printHtml)', async () => {
    const bare = await pdf.printHtml(renderHtml(fx.auditReportModel()));
    const text = compact(await pdfText(bare, 'renderer-bare.pdf'));
    expect(text).toContain('監査報告書');
    expect(text).not.toContain('-1/'); // no page-number footer on the bare print
  });

  it('never has more than 2 pages open while 5 reports render at once', async () => {
    const model = fx.auditReportModel();
    let maxBrowserPages = 0;
    let maxActive = 0;
    let polling = true;
    const poll = (async () => {
      while (polling) {
        const n = await pdf.browserPageCount();
        if (n !== null) maxBrowserPages = Math.max(maxBrowserPages, n);
        maxActive = Math.max(maxActive, pdf.stats().active);
        await new Promise((r) => setTimeout(r, 15));
      }
    })();
    const started = pdf.stats().renders;
    const results = await Promise.all(Array.from({ length: 5 }, () => renderAuditReportPdf(pdf, model)));
    polling = false;
    await poll;
    expect(results).toHaveLength(5);
    for (const r of results) expect(r.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.stats().renders - started).toBe(5);
    expect(maxActive).toBe(2);
    expect(maxBrowserPages).toBeGreaterThan(0);
    expect(maxBrowserPages).toBeLessThanOrEqual(2);
    expect(pdf.stats().peakOpenPages).toBeLessThanOrEqual(2);
    expect(pdf.stats().peakActive).toBe(2);
    expect(pdf.stats().queued).toBe(0);
  });

  it('relaunches the browser after it was killed, and the next render works', async () => {
    await pdf.render(SMALL);
    const pid = pdf.browserProcessId()!;
    const launches = pdf.stats().launches;
    process.kill(pid, 'SIGKILL');
    await waitFor(() => pdf.browserProcessId() === null);
    expect(pdf.stats().crashes).toBeGreaterThanOrEqual(1);
    const after = await pdf.render(SMALL);
    expect(after.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.stats().launches).toBe(launches + 1);
    expect(pdf.browserProcessId()).not.toBe(pid);
  });

  it('recovers a render whose browser is killed under it (retried once on a new browser)', async () => {
    await pdf.render(SMALL);
    const pid = pdf.browserProcessId()!;
    const html = renderHtml(fx.auditReportModel({ catalogue: 'checklist' }));
    const inFlight = pdf.render(html);
    await new Promise((r) => setTimeout(r, 150));
    process.kill(pid, 'SIGKILL');
    const outcome = await inFlight.then(
      (buffer) => buffer,
      (error: unknown) => error,
    );
    if (outcome instanceof Buffer) expect(outcome.subarray(0, 5).toString()).toBe('%PDF-');
    else expect(isRenderError(outcome, 'browser_crashed')).toBe(true);
    const next = await pdf.render(SMALL);
    expect(next.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.browserProcessId()).not.toBe(pid);
  });

  it('ends a render that takes too long with RenderError(timeout) and stays usable', async () => {
    const big = renderHtml(fx.auditReportModel({ catalogue: 'checklist' }));
    const error = await caught(pdf.render(big, { timeoutMs: 5 }));
    expect(isRenderError(error, 'timeout')).toBe(true);
    expect((error as RenderError).ja).toContain('時間内');
    expect((await pdf.render(SMALL)).subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.stats().openPages).toBeLessThanOrEqual(2);
  });

  it('writes a file whole or not at all', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kansa-pdf-'));
    try {
      const target = join(dir, '監査報告書.pdf');
      const bytes = await pdf.renderToFile(SMALL, target);
      expect(readFileSync(target).equals(bytes)).toBe(true);

      // A failed render leaves the previous file untouched and no temp file behind.
      writeFileSync(target, 'previous');
      const error = await caught(pdf.renderToFile(renderHtml(fx.auditReportModel()), target, { timeoutMs: 5 }));
      expect(isRenderError(error, 'timeout')).toBe(true);
      expect(readFileSync(target, 'utf8')).toBe('previous');

      // A failed write (missing folder) is a RenderError and leaves nothing.
      const missing = join(dir, 'no-such-folder', 'x.pdf');
      expect(isRenderError(await caught(pdf.renderToFile(SMALL, missing)), 'write_failed')).toBe(true);
      expect(existsSync(missing)).toBe(false);
      expect(readdirSync(dir)).toEqual(['監査報告書.pdf']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('answers a clear error when chromium cannot start, and after close()', async () => {
    const broken = new PdfRenderer({ executablePath: '/nonexistent/chromium' });
    const error = await caught(broken.render(SMALL));
    expect(isRenderError(error, 'launch_failed')).toBe(true);
    await broken.close();
    expect(isRenderError(await caught(broken.render(SMALL)), 'closed')).toBe(true);
  });

  it('refuses renders beyond the queue bound with RenderError(overloaded)', async () => {
    const tiny = new PdfRenderer({ maxConcurrentPages: 1, maxQueued: 1 });
    const outcome = (p: Promise<unknown>) =>
      p.then(
        () => 'ok',
        (e: unknown) => (isRenderError(e) ? e.code : 'other'),
      );
    const first = outcome(tiny.render(SMALL)); // holds the only page (the browser is starting)
    const second = outcome(tiny.render(SMALL)); // waits
    expect(await outcome(tiny.render(SMALL))).toBe('overloaded'); // at once, without waiting
    expect(tiny.stats()).toMatchObject({ active: 1, queued: 1 });
    await tiny.close(); // shutdown: the waiting render is refused, the running one ends
    expect(await second).toBe('closed');
    expect(['ok', 'closed']).toContain(await first);
  });
});
