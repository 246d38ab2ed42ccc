import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, Browser, BrowserContext, Page } from 'playwright-core';
import { Session } from './fixtures';

/**
 * The harness the browser tests share: the real built dashboard (web/dist, served by the API at /)
 * in Debian's Chromium through playwright-core. Screenshots go to <repo>/screenshots/.
 */
export const ROOT = resolve(__dirname, '../../..');
export const SHOTS = join(ROOT, 'screenshots');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

export type StoredSession = { token?: string; refreshToken?: string; domainId?: string };

/** Fails early with the command that fixes a missing dashboard build or browser; makes the screenshot folder. */
export function assertBrowserPrerequisites(): void {
  assert.ok(existsSync(join(ROOT, 'web/dist/index.html')), 'web/dist is built (npm run web:build)');
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} exists (bash scripts/ensure-chromium.sh)`);
  mkdirSync(SHOTS, { recursive: true });
}

/** Debian's Chromium, without the background traffic and sandbox a test container has no use for. */
export function launchDashboardBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu', '--disable-component-update', '--no-first-run', '--disable-quic', '--disable-sync'],
  });
}

/** The dashboard asks in-page (confirm-dialog / prompt-dialog); a native dialog is a regression, kept to assert on. */
export function recordNativeDialogs(page: Page, into: string[]): void {
  page.on('dialog', (d) => {
    into.push(d.message());
    void d.dismiss();
  });
}

/**
 * Screenshots are for people reviewing the dashboard, never asserted on: written only when
 * OUTPOST_SCREENSHOTS=1 (`OUTPOST_SCREENSHOTS=1 npm test -- browser`). Encoding ~90 PNGs cost CI
 * about a minute of CPU for files nobody collected.
 */
export const SCREENSHOTS = process.env.OUTPOST_SCREENSHOTS === '1';

/** A viewport screenshot into <repo>/screenshots/<name>.png (with OUTPOST_SCREENSHOTS=1). */
export async function shot(name: string, page: Page, options: { fullPage?: boolean } = {}): Promise<void> {
  if (SCREENSHOTS) await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: options.fullPage ?? false });
}

export async function see(text: string | RegExp, page: Page, timeout = 15_000): Promise<void> {
  await page.getByText(text).first().waitFor({ state: 'visible', timeout });
}

/** Answers the dashboard's in-page confirmation dialog with its confirm button. */
export async function confirmDialog(label: string, page: Page): Promise<void> {
  const d = page.getByTestId('confirm-dialog');
  await d.waitFor();
  await d.getByRole('button', { name: label, exact: true }).click();
  await d.waitFor({ state: 'detached' });
}

/** The session the dashboard keeps in localStorage. */
export async function readSession(page: Page): Promise<StoredSession> {
  return JSON.parse((await page.evaluate<string | null>(`localStorage.getItem('outpost.session')`)) ?? '{}');
}

/** Stores `who` as the dashboard's session on the page's current origin. */
export async function storeSession(page: Page, who: Session): Promise<void> {
  const stored = JSON.stringify({ token: who.token, refreshToken: who.refreshToken, domainId: who.domainId });
  await page.evaluate(`localStorage.setItem('outpost.session', ${JSON.stringify(stored)})`);
}

/**
 * The helpers bound to a test file's main page and the API's base URL, read through a getter as
 * both are only known once the file's `before` has run. Every helper also takes another page.
 */
export function dashboardPage(current: () => { page: Page; url: string }) {
  const main = () => current().page;
  const baseUrl = () => current().url;
  const go = async (path: string, p: Page = main()) => {
    await p.goto(`${baseUrl()}${path}`);
    await p.locator('main').waitFor();
  };
  /** Signs a page in as `who` by storing the session the dashboard keeps in localStorage. */
  const signIn = async (p: Page, who: Session) => {
    await p.goto(`${baseUrl()}/sign-in`);
    await storeSession(p, who);
  };
  return {
    go,
    signIn,
    shot: (name: string, p: Page = main()) => shot(name, p),
    see: (text: string | RegExp, p: Page = main(), timeout = 15_000) => see(text, p, timeout),
    confirmDialog: (label: string, p: Page = main()) => confirmDialog(label, p),
    readSession: (p: Page = main()) => readSession(p),
    /** Opens a page at 390 px signed in as `who`, checks nothing scrolls sideways, and keeps a screenshot. */
    phoneCheck: async (ctx: BrowserContext, path: string, testId: string, name: string, who: Session, prepare?: (p: Page) => Promise<void>) => {
      const phone = await ctx.newPage();
      try {
        await phone.setViewportSize(PHONE);
        await signIn(phone, who);
        await go(path, phone);
        await phone.getByTestId(testId).first().waitFor();
        if (prepare) await prepare(phone);
        const overflow = await phone.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
        assert.equal(overflow <= 1, true, `no horizontal page scroll at 390 px on ${path} (overflow ${overflow}px)`);
        await shot(name, phone);
      } finally {
        await phone.close();
      }
    },
  };
}
