/**
 * A page in Debian's headless Chromium (installed by .ci/run), driven by puppeteer-core: what the
 * page logs as errors and every request beyond the page itself are recorded. Outside CI a
 * missing Chromium skips the tests that need it, with the reason; in CI it fails them.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** True when tests needing Chromium must be skipped (never in CI). */
export function skipWithoutChromium(): boolean {
  if (existsSync(CHROMIUM)) return false;
  if (process.env.CI) throw new Error(`${CHROMIUM} is missing: .ci/run installs chromium`);
  console.warn(`skipping: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM)`);
  return true;
}

export interface OpenPage {
  readonly page: Page;
  /** Console errors, uncaught exceptions and failed requests, as text. */
  readonly errors: string[];
  /** Every URL requested besides the page itself. */
  readonly requests: string[];
  close(): Promise<void>;
}

/** Open a local HTML file in a fresh headless Chromium, offline, with a fresh profile. */
export async function openPage(file: string, viewport = { width: 1400, height: 1000 }): Promise<OpenPage> {
  const profile = mkdtempSync(join(tmpdir(), 'losscheck-chromium-'));
  const browser: Browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    userDataDir: profile,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = await browser.newPage();
  await page.setViewport(viewport);
  const url = pathToFileURL(file).href;
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('requestfailed', (request) => errors.push(`request failed: ${request.url()}`));
  page.on('request', (request) => {
    if (request.url() !== url) requests.push(request.url());
  });
  await page.goto(url, { waitUntil: 'load' });
  return {
    page,
    errors,
    requests,
    close: async () => {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
