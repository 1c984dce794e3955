import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { weightBars } from '@scf-risk/report';
import { renderReport } from '@scf-risk/report/html';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';
import { chromiumAvailable, launchChromium } from './support/chromium.ts';

const SCREENSHOTS = resolve(import.meta.dirname, '../../../test-results/screenshots');

describe.runIf(chromiumAvailable())('HTML report in headless Chromium', () => {
  it('opens offline with no console errors and shows the weight table and chart', async () => {
    const html = renderReport({
      title: 'Weights 权重',
      lang: 'en',
      sections: [
        {
          heading: 'Global weights',
          tables: [
            {
              title: 'Weight table',
              header: ['code', 'name', 'global'],
              rows: [
                ['A51', '流程风险', 0.066],
                ['A52', 'Approval', 0.041],
              ],
            },
          ],
          charts: [weightBars('Global weights', ['A51', 'A52'], [0.066, 0.041])],
        },
      ],
    });
    const dir = await mkdtemp(join(tmpdir(), 'scf-report-'));
    const file = join(dir, 'report.html');
    await writeFile(file, html);
    const browser = await launchChromium();
    try {
      const context = await browser.newContext({ offline: true });
      const page = await context.newPage();
      const errors: string[] = [];
      const requests: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('request', (r) => {
        if (!r.url().startsWith('file:')) requests.push(r.url());
      });
      await page.goto(pathToFileURL(file).href);
      const cells = await page.locator('table').first().locator('td').allTextContents();
      expect(cells).toEqual(['A51', '流程风险', '0.066', 'A52', 'Approval', '0.041']);
      expect(await page.locator('figure svg').count()).toBe(1);
      const box = await page.locator('figure svg').boundingBox();
      expect(box?.width).toBeGreaterThan(100);
      await mkdir(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: join(SCREENSHOTS, 'report.png'), fullPage: true });
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('the JD study report (scf-risk run --out) opens offline, shows the weights and the table-10 checks', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'scf-study-report-'));
    const file = join(dir, 'jd.html');
    const run = await runCli([
      'run',
      resolve(import.meta.dirname, '../../../examples/studies/jd-scf.yaml'),
      '--out',
      file,
      '--format',
      'json',
    ]);
    expect(run.code).toBe(0);
    const browser = await launchChromium();
    try {
      const context = await browser.newContext({ offline: true });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(pathToFileURL(file).href);
      const weights = page.locator('table', { has: page.locator('caption', { hasText: 'Weighting of A5' }) });
      expect(await weights.locator('tbody tr').first().locator('td').allTextContents()).toEqual([
        'A51',
        'Process risk',
        '0.5652', // AHP: v = 2w − 1/4
        '0.25', // entropy of a consistent matrix: equal

        '0.4076',
      ]);
      const checks = page.locator('table', { has: page.locator('caption', { hasText: 'Checks against the printed numbers: 34/34' }) });
      expect(await checks.locator('tbody tr').count()).toBe(34);
      expect(await page.locator('figure svg').count()).toBeGreaterThanOrEqual(2);
      await mkdir(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: join(SCREENSHOTS, 'jd-study-report.png'), fullPage: true });
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
