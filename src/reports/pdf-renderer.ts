/**
 * HTML → PDF with one shared headless Chromium (puppeteer-core, Debian's /usr/bin/chromium).
 *
 * - ONE browser per renderer, launched lazily on the first render and reused.
 * - A bounded pool of pages: at most `maxConcurrentPages` renders at once (default 2, for the
 *   2-core machines); further renders wait in a FIFO queue (at most `maxQueued`, then
 *   RenderError('overloaded')). Pages are reused between renders.
 * - A browser that crashes or disconnects is dropped; the next render relaunches it. A render
 *   interrupted by the crash is retried once on the new browser.
 * - Every render has a timeout (RenderError('timeout'); the page is closed).
 * - Output is a Buffer checked to be a complete PDF; `renderToFile` writes a temp file and
 *   renames it, so the target is either the whole PDF or untouched.
 * - Pages run with JavaScript disabled; the templates' CSP forbids remote loads.
 *
 * Failures are thrown as RenderError with a stable code.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { RenderError } from './errors';
import { escapeHtml } from './html';

export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

/** Flags of the shared browser (puppeteer adds --headless itself from `headless: true`). */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--font-render-hinting=none',
];

export interface PdfRendererOptions {
  /** Default: env CHROMIUM_PATH, else /usr/bin/chromium. */
  readonly executablePath?: string;
  /** Renders at once (pages open at once). Default 2. */
  readonly maxConcurrentPages?: number;
  /** Renders allowed to wait for a page; beyond, RenderError('overloaded'). Default 100. */
  readonly maxQueued?: number;
  /** Time for one render (setContent + pdf), not counting the wait for a page. Default 60 s. */
  readonly renderTimeoutMs?: number;
  /** Time for the browser to start. Default 30 s. */
  readonly launchTimeoutMs?: number;
  /** Retry a render once when the browser crashed under it. Default true. */
  readonly retryOnCrash?: boolean;
  readonly extraArgs?: readonly string[];
}

export interface PdfPageOptions {
  /** Top left of every page, e.g. 取扱注意. */
  readonly headerLeft?: string;
  /** Top right of every page, e.g. the document title. */
  readonly headerRight?: string;
  /** Shows the running header in red (drafts). */
  readonly headerEmphasis?: boolean;
  /** '- n / N -' centred in the footer. Default true. */
  readonly pageNumbers?: boolean;
  /** Overrides the renderer's render timeout for this render. */
  readonly timeoutMs?: number;
}

export interface PdfRendererStats {
  readonly launches: number;
  readonly crashes: number;
  readonly renders: number;
  readonly failures: number;
  /** Renders holding a page now. */
  readonly active: number;
  /** Renders waiting for a page now. */
  readonly queued: number;
  /** Pages open in the browser now (in use or idle in the pool). */
  readonly openPages: number;
  readonly peakOpenPages: number;
  readonly peakActive: number;
}

/** A4 with the margins of a Japanese official document; the header and footer sit inside them. */
export const PAGE_MARGINS = { top: '22mm', bottom: '20mm', left: '22mm', right: '20mm' } as const;

const HEADER_FOOTER_FONT = `font-family: 'Noto Sans CJK JP', sans-serif; -webkit-print-color-adjust: exact;`;

export function headerTemplate(options: PdfPageOptions): string {
  const color = options.headerEmphasis ? '#c00000' : '#333333';
  const weight = options.headerEmphasis ? 700 : 400;
  return (
    `<div style="${HEADER_FOOTER_FONT} font-size: 8pt; width: 100%; margin: 0 ${PAGE_MARGINS.right} 0 ${PAGE_MARGINS.left}; display: flex; justify-content: space-between;">` +
    `<span style="font-weight: 700;">${escapeHtml(options.headerLeft ?? '')}</span>` +
    `<span style="color: ${color}; font-weight: ${weight};">${escapeHtml(options.headerRight ?? '')}</span>` +
    `</div>`
  );
}

export const FOOTER_TEMPLATE =
  `<div style="font-family: 'Noto Serif CJK JP', serif; font-size: 9pt; width: 100%; text-align: center;">` +
  `- <span class="pageNumber"></span> / <span class="totalPages"></span> -</div>`;

interface Waiter {
  resolve: () => void;
  reject: (error: Error) => void;
}

export class PdfRenderer {
  private readonly executablePath: string;
  private readonly maxConcurrent: number;
  private readonly maxQueued: number;
  private readonly renderTimeoutMs: number;
  private readonly launchTimeoutMs: number;
  private readonly retryOnCrash: boolean;
  private readonly args: string[];

  private browserPromise: Promise<Browser> | null = null;
  private browser: Browser | null = null;
  private closed = false;
  private readonly idle: Page[] = [];
  private readonly live = new Set<Page>();
  private active = 0;
  private readonly waiters: Waiter[] = [];
  private counts = { launches: 0, crashes: 0, renders: 0, failures: 0, peakOpenPages: 0, peakActive: 0 };

  constructor(options: PdfRendererOptions = {}) {
    this.executablePath = options.executablePath ?? process.env.CHROMIUM_PATH ?? DEFAULT_CHROMIUM_PATH;
    this.maxConcurrent = Math.max(1, Math.floor(options.maxConcurrentPages ?? 2));
    this.maxQueued = Math.max(0, Math.floor(options.maxQueued ?? 100));
    this.renderTimeoutMs = options.renderTimeoutMs ?? 60_000;
    this.launchTimeoutMs = options.launchTimeoutMs ?? 30_000;
    this.retryOnCrash = options.retryOnCrash ?? true;
    this.args = [...CHROMIUM_ARGS, ...(options.extraArgs ?? [])];
  }

  /** A4 PDF of the page, with the running header and '- n / N -' page numbers. */
  render(html: string, options: PdfPageOptions = {}): Promise<Buffer> {
    const timeoutMs = options.timeoutMs ?? this.renderTimeoutMs;
    return this.withPage(timeoutMs, async (page) => {
      await page.setContent(html, { waitUntil: 'load', timeout: timeoutMs });
      const pageNumbers = options.pageNumbers ?? true;
      const pdf = await page.pdf({
        format: 'A4',
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: headerTemplate(options),
        footerTemplate: pageNumbers ? FOOTER_TEMPLATE : '<span></span>',
        margin: PAGE_MARGINS,
        timeout: timeoutMs,
      });
      return toCheckedBuffer(pdf);
    });
  }

  /** The floor for the benchmark: the same page pool, a bare setContent + page.pdf(A4). */
  printHtml(html: string): Promise<Buffer> {
    return this.withPage(this.renderTimeoutMs, async (page) => {
      await page.setContent(html);
      return toCheckedBuffer(await page.pdf({ format: 'A4', timeout: this.renderTimeoutMs }));
    });
  }

  /** Renders, then writes the file whole or not at all (temp file in the same folder, then rename). */
  async renderToFile(html: string, filePath: string, options: PdfPageOptions = {}): Promise<Buffer> {
    const pdf = await this.render(html, options);
    await writeFileAtomically(filePath, pdf);
    return pdf;
  }

  stats(): PdfRendererStats {
    return {
      launches: this.counts.launches,
      crashes: this.counts.crashes,
      renders: this.counts.renders,
      failures: this.counts.failures,
      active: this.active,
      queued: this.waiters.length,
      openPages: this.live.size,
      peakOpenPages: this.counts.peakOpenPages,
      peakActive: this.counts.peakActive,
    };
  }

  /** Pages the browser itself reports open (null while no browser runs) — for tests and health checks. */
  async browserPageCount(): Promise<number | null> {
    const browser = this.browser;
    if (browser === null || !browser.connected) return null;
    return (await browser.pages()).length;
  }

  /** The operating-system process of the browser (null while none runs). */
  browserProcessId(): number | null {
    return this.browser?.process()?.pid ?? null;
  }

  /** Stops the browser. Waiting renders fail with RenderError('closed'); later calls too. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const waiter of this.waiters.splice(0)) waiter.reject(new RenderError('closed'));
    const pending = this.browserPromise;
    this.browserPromise = null;
    const browser = this.browser ?? (pending ? await pending.catch(() => null) : null);
    this.browser = null;
    this.idle.length = 0;
    this.live.clear();
    if (browser) {
      try {
        await browser.close();
      } catch {
        browser.process()?.kill('SIGKILL');
      }
    }
  }

  // -------------------------------------------------------------------------------------------

  private async withPage<T>(timeoutMs: number, work: (page: Page) => Promise<T>): Promise<T> {
    await this.acquireSlot();
    try {
      for (let attempt = 0; ; attempt += 1) {
        try {
          const result = await this.attempt(timeoutMs, work);
          this.counts.renders += 1;
          return result;
        } catch (error) {
          const failure = this.classify(error);
          if (failure.code === 'browser_crashed' && attempt === 0 && this.retryOnCrash && !this.closed) continue;
          this.counts.failures += 1;
          throw failure;
        }
      }
    } finally {
      this.releaseSlot();
    }
  }

  private async attempt<T>(timeoutMs: number, work: (page: Page) => Promise<T>): Promise<T> {
    const page = await this.takePage();
    let timer: NodeJS.Timeout | undefined;
    const running = work(page);
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new RenderError('timeout', `${timeoutMs} ms`)), timeoutMs);
    });
    try {
      const result = await Promise.race([running, timeout]);
      this.returnPage(page);
      return result;
    } catch (error) {
      running.catch(() => undefined); // settles after the page is closed
      await this.discardPage(page);
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  private classify(error: unknown): RenderError {
    if (this.closed) return error instanceof RenderError && error.code === 'closed' ? error : new RenderError('closed', undefined, { cause: error });
    if (error instanceof RenderError) return error;
    const message = error instanceof Error ? error.message : String(error);
    const crashed =
      this.browser === null ||
      !this.browser.connected ||
      /Target closed|Session closed|Connection closed|Browser has disconnected|Navigating frame was detached|Protocol error.*(closed|detached)/i.test(
        message,
      );
    return new RenderError(crashed ? 'browser_crashed' : 'render_failed', message, { cause: error });
  }

  private acquireSlot(): Promise<void> {
    if (this.closed) return Promise.reject(new RenderError('closed'));
    if (this.active < this.maxConcurrent) {
      this.occupy();
      return Promise.resolve();
    }
    if (this.waiters.length >= this.maxQueued) {
      return Promise.reject(new RenderError('overloaded', `${this.active} rendering, ${this.waiters.length} waiting`));
    }
    return new Promise<void>((resolve, reject) => {
      this.waiters.push({ resolve: () => (this.occupy(), resolve()), reject });
    });
  }

  private occupy(): void {
    this.active += 1;
    this.counts.peakActive = Math.max(this.counts.peakActive, this.active);
  }

  private releaseSlot(): void {
    this.active -= 1;
    const next = this.waiters.shift();
    if (next) next.resolve();
  }

  private getBrowser(): Promise<Browser> {
    if (this.closed) return Promise.reject(new RenderError('closed'));
    if (this.browserPromise === null) {
      const launching = this.launch();
      this.browserPromise = launching;
      launching.catch(() => {
        if (this.browserPromise === launching) this.browserPromise = null;
      });
    }
    return this.browserPromise;
  }

  private async launch(): Promise<Browser> {
    let browser: Browser;
    try {
      browser = await puppeteer.launch({
        executablePath: this.executablePath,
        headless: true,
        pipe: true,
        args: this.args,
        timeout: this.launchTimeoutMs,
        protocolTimeout: this.renderTimeoutMs + 30_000,
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
      });
    } catch (error) {
      throw new RenderError('launch_failed', `${this.executablePath}: ${(error as Error).message}`, { cause: error });
    }
    this.counts.launches += 1;
    if (this.closed) {
      await browser.close().catch(() => undefined);
      throw new RenderError('closed');
    }
    this.browser = browser;
    browser.on('disconnected', () => this.forget(browser));
    // The tab Chromium opens at start becomes the first page of the pool.
    for (const page of await browser.pages()) {
      await this.preparePage(page);
      this.idle.push(page);
    }
    this.counts.peakOpenPages = Math.max(this.counts.peakOpenPages, this.live.size);
    return browser;
  }

  /** The browser is gone (crash, kill, close): drop it and its pages; the next render relaunches. */
  private forget(browser: Browser): void {
    if (this.browser !== browser) return;
    this.browser = null;
    this.browserPromise = null;
    this.idle.length = 0;
    this.live.clear();
    if (!this.closed) this.counts.crashes += 1;
  }

  private async preparePage(page: Page): Promise<void> {
    this.live.add(page);
    await page.setJavaScriptEnabled(false);
    page.setDefaultTimeout(this.renderTimeoutMs);
  }

  private async takePage(): Promise<Page> {
    const browser = await this.getBrowser();
    while (this.idle.length > 0) {
      const page = this.idle.pop()!;
      if (!page.isClosed() && browser.connected && page.browser() === browser) return page;
      this.live.delete(page);
    }
    if (this.live.size >= this.maxConcurrent) {
      // Never more pages than renders at once: close an extra (should not happen).
      throw new RenderError('render_failed', 'page pool exhausted');
    }
    let page: Page;
    try {
      page = await browser.newPage();
    } catch (error) {
      throw this.classify(error);
    }
    await this.preparePage(page);
    this.counts.peakOpenPages = Math.max(this.counts.peakOpenPages, this.live.size);
    return page;
  }

  private returnPage(page: Page): void {
    if (!this.closed && !page.isClosed() && this.live.has(page)) this.idle.push(page);
  }

  private async discardPage(page: Page): Promise<void> {
    this.live.delete(page);
    const i = this.idle.indexOf(page);
    if (i >= 0) this.idle.splice(i, 1);
    if (!page.isClosed()) await page.close().catch(() => undefined);
  }
}

function toCheckedBuffer(pdf: Uint8Array): Buffer {
  const buffer = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  const head = buffer.subarray(0, 5).toString('latin1');
  const tail = buffer.subarray(Math.max(0, buffer.length - 32)).toString('latin1');
  if (head !== '%PDF-' || !tail.includes('%%EOF')) {
    throw new RenderError('render_failed', 'chromium returned an incomplete PDF');
  }
  return buffer;
}

/** Writes the whole buffer or nothing: temp file beside the target, fsync, rename. */
export async function writeFileAtomically(filePath: string, data: Buffer): Promise<void> {
  const temp = join(dirname(filePath), `.${basename(filePath)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx', 0o640);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, filePath);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw new RenderError('write_failed', `${filePath}: ${(error as Error).message}`, { cause: error });
  }
}
