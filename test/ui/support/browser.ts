import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type CDPSession, type ElementHandle, type Page } from 'puppeteer-core';

export const ARTIFACTS = resolve(__dirname, '..', '..', '..', 'test-artifacts', 'ui');
export const VIEWPORT = { width: 1366, height: 768 };

const FLAGS = [
  '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--lang=ja-JP', '--accept-lang=ja-JP,ja', '--font-render-hinting=none',
];

export interface UiBrowser {
  browser: Browser;
  userDataDir: string;
  /** Closes the browser; the profile stays (to reopen it) unless `remove`. */
  close(remove?: boolean): Promise<void>;
}

/** Debian's chromium, headless, with its own profile directory (a fresh temporary one by default). */
export async function launch(userDataDir = mkdtempSync(join(tmpdir(), 'kansa-ui-profile-'))): Promise<UiBrowser> {
  const browser = await puppeteer.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    userDataDir,
    args: FLAGS,
    defaultViewport: VIEWPORT,
    protocolTimeout: 60_000,
  });
  return {
    browser,
    userDataDir,
    close: async (remove = false) => {
      await browser.close().catch(() => undefined);
      if (remove) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** A page that fails the test on any uncaught error or CSP violation in the app. */
export async function newPage(browser: Browser | import('puppeteer-core').BrowserContext, errors: string[] = []): Promise<Page> {
  const page = await browser.newPage();
  await page.setViewport(VIEWPORT);
  // A Japanese user's browser: date inputs read 年/月/日, Accept-Language ja first.
  const cdp = await page.createCDPSession();
  await cdp.send('Emulation.setLocaleOverride', { locale: 'ja-JP' }).catch(() => undefined);
  await page.setExtraHTTPHeaders({ 'Accept-Language': 'ja-JP,ja;q=0.9,en;q=0.5' });
  page.setDefaultTimeout(20_000);
  page.on('pageerror', (e) => errors.push(`pageerror: ${(e as Error).message}`));
  page.on('console', (m) => {
    const text = m.text();
    if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(text)) errors.push(`csp: ${text}`);
  });
  return page;
}

export async function shot(page: Page, name: string, fullPage = false): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  if (fullPage) await page.evaluate(() => window.scrollTo(0, 0));
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage });
  return path;
}

/** Waits until the page's visible text contains `text`. */
export async function waitText(page: Page, text: string, timeout = 20_000): Promise<void> {
  try {
    await page.waitForFunction((t: string) => document.body?.innerText.includes(t), { timeout, polling: 100 }, text);
  } catch (error) {
    const body = await page.evaluate(() => document.body?.innerText.slice(0, 3000)).catch(() => '');
    throw new Error(`"${text}" did not appear on ${page.url()}\n--- page text ---\n${body}`, { cause: error });
  }
}

export async function waitNoText(page: Page, text: string, timeout = 20_000): Promise<void> {
  await page.waitForFunction((t: string) => !document.body?.innerText.includes(t), { timeout, polling: 100 }, text);
}

export async function text(page: Page, selector = 'body'): Promise<string> {
  return page.$eval(selector, (el) => (el as HTMLElement).innerText);
}

/** The visible element matching `selector` whose text contains `label` (waits for it). */
export async function byText(page: Page, selector: string, label: string, timeout = 20_000): Promise<ElementHandle<Element>> {
  const handle = await page.waitForFunction(
    (sel: string, l: string) => Array.from(document.querySelectorAll(sel)).find((el) => (el as HTMLElement).innerText?.includes(l) && (el as HTMLElement).offsetParent !== null) ?? null,
    { timeout, polling: 100 },
    selector,
    label,
  );
  return handle as ElementHandle<Element>;
}

export async function clickText(page: Page, selector: string, label: string): Promise<void> {
  const el = await byText(page, selector, label);
  await el.click();
}

/** The form control whose <label> says `label` (labels are real, so this is how a user finds it). */
export async function byLabel(page: Page, label: string, within = 'body'): Promise<ElementHandle<Element>> {
  const handle = await page.waitForFunction(
    (l: string, root: string) => {
      const scope = document.querySelector(root) ?? document;
      const labels = Array.from(scope.querySelectorAll('label')).filter((x) => (x as HTMLElement).offsetParent !== null);
      const found = labels.find((x) => x.textContent?.replace(/必須|Required/g, '').trim() === l) ?? labels.find((x) => x.textContent?.includes(l));
      if (!found) return null;
      const id = found.getAttribute('for');
      return (id ? document.getElementById(id) : found.querySelector('input, select, textarea')) ?? null;
    },
    { timeout: 20_000, polling: 100 },
    label,
    within,
  );
  return handle as ElementHandle<Element>;
}

export async function fill(page: Page, label: string, value: string, within = 'body'): Promise<void> {
  const el = await byLabel(page, label, within);
  await el.evaluate((node) => {
    (node as HTMLInputElement).focus();
    (node as HTMLInputElement).select?.();
  });
  await page.keyboard.press('Backspace');
  await el.type(value);
}

/** Sets a date/month input (typing into them depends on the locale's field order). */
export async function setValue(page: Page, label: string, value: string, within = 'body'): Promise<void> {
  const el = await byLabel(page, label, within);
  await el.evaluate((node, v) => {
    const input = node as HTMLInputElement;
    const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(input), 'value')!.set!;
    setter.call(input, v);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }, value);
}

export async function select(page: Page, label: string, optionText: string, within = 'body'): Promise<void> {
  const el = await byLabel(page, label, within);
  const value = await el.evaluate((node, t) => {
    const s = node as HTMLSelectElement;
    const option = Array.from(s.options).find((o) => o.text.includes(t));
    if (!option) throw new Error(`no option "${t}" in ${Array.from(s.options).map((o) => o.text).join(' | ')}`);
    return option.value;
  }, optionText);
  await (el as ElementHandle<HTMLSelectElement>).select(value);
}

export async function login(page: Page, url: string, email: string, password: string): Promise<void> {
  await page.goto(`${url}/login`, { waitUntil: 'networkidle0' });
  await fill(page, 'メールアドレス', email);
  await fill(page, 'パスワード', password);
  await clickText(page, 'button', 'ログイン');
  // Logged in: the login form is gone (the first login lands on the password change instead).
  await page.waitForFunction(() => !document.querySelector('input[name="password"]'), { timeout: 20_000 });
}

export async function goto(page: Page, url: string): Promise<void> {
  await page.goto(url, { waitUntil: 'networkidle0' });
}

/**
 * No network for the page and for the app's service worker (page.setOfflineMode alone does not
 * reach a service worker's own fetches).
 */
export async function setOffline(page: Page, offline: boolean): Promise<void> {
  await page.setOfflineMode(offline);
  const browser = page.browser();
  const context = page.browserContext();
  for (const target of browser.targets()) {
    if (target.type() !== 'service_worker' || target.browserContext() !== context) continue;
    const session: CDPSession = await target.createCDPSession();
    await session.send('Network.enable');
    await session.send('Network.emulateNetworkConditions', { offline, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    swSessions.add(session);
  }
}
const swSessions = new Set<CDPSession>();

/** The text the app shows in its header for the sync state. */
export async function syncIndicator(page: Page): Promise<string> {
  return page.$eval('[data-testid=sync-indicator]', (el) => (el as HTMLElement).innerText);
}

/** Clicks the element whose whole text is exactly `label` (for radios such as 適合 / 不適合). */
export async function clickExact(page: Page, selector: string, label: string): Promise<void> {
  const handle = await page.waitForFunction(
    (sel: string, l: string) => Array.from(document.querySelectorAll(sel)).find((el) => (el as HTMLElement).innerText?.trim() === l && (el as HTMLElement).offsetParent !== null) ?? null,
    { timeout: 20_000, polling: 100 },
    selector,
    label,
  );
  await (handle as ElementHandle<Element>).click();
}

/** Fills the n-th (0-based) procedure of the workpaper editor. */
export async function fillProcedure(page: Page, index: number, description: string, observation: string): Promise<void> {
  const scope = `[data-procedure="${index}"]`;
  await page.waitForSelector(scope);
  await fill(page, '実施した内容', description, scope);
  await fill(page, '確認した事実', observation, scope);
}

/** Waits until some input or textarea of the page holds `value` (form values are not in innerText). */
export async function waitValue(page: Page, value: string, timeout = 20_000): Promise<void> {
  await page.waitForFunction(
    (v: string) => Array.from(document.querySelectorAll('input, textarea')).some((el) => (el as HTMLInputElement).value.includes(v)),
    { timeout, polling: 100 },
    value,
  );
}
