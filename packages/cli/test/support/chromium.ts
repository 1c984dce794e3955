/**
 * Headless Chromium for browser tests (Debian's /usr/bin/chromium driven by playwright-core).
 * When Chromium is missing the test is skipped with a loud message, except under CI (CI=true),
 * where a missing browser is a failure: CI installs it.
 */
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Whether browser tests can run here; prints why not. Throws under CI when they cannot. */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  const msg = `Chromium not found at ${CHROMIUM_PATH}: browser tests cannot run (apt-get install chromium chromium-driver)`;
  if (process.env.CI === 'true') throw new Error(msg);
  console.warn(`\n*** SKIPPING BROWSER TESTS: ${msg} ***\n`);
  return false;
}

/** Launch headless Chromium with the flags this machine needs (no sandbox as root, no background network). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}
