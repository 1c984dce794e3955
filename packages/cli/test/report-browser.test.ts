/**
 * The HTML reports in headless Chromium (one browser for the file, one page reused): every example
 * study's report, in English and Chinese, opens offline with no console error, has no chart text
 * outside its chart's box, shows its summary (with the ranking or the weights) in the first
 * 1280×800 viewport, and a Chinese report is in Simplified characters with Chinese headers.
 * Screenshots (the first viewport and every figure) go to test-results/screenshots/.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { traditionalOnly, weightBars } from '@scf-risk/report';
import { renderReport } from '@scf-risk/report/html';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';
import { chromiumAvailable, launchChromium } from './support/chromium.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const SCREENSHOTS = join(ROOT, 'test-results/screenshots');
const VIEWPORT = { width: 1280, height: 800 };

/** Chart texts whose box leaves their svg's box (more than half a pixel), with the overflow. */
function textsOutsideCharts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    document.querySelectorAll('figure svg').forEach((svg, k) => {
      const b = svg.getBoundingClientRect();
      svg.querySelectorAll('text').forEach((t) => {
        const r = t.getBoundingClientRect();
        if (r.width === 0 || !t.textContent?.trim()) return;
        const over = Math.max(b.left - r.left, r.right - b.right, b.top - r.top, r.bottom - b.bottom);
        if (over > 0.5) out.push(`figure ${k + 1}: "${t.textContent}" by ${over.toFixed(1)} px`);
      });
    });
    return out;
  });
}

describe.runIf(chromiumAvailable())('HTML reports in headless Chromium', () => {
  let browser: Browser;
  let page: Page;
  let dir: string;
  const errors: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'scf-report-'));
    await mkdir(SCREENSHOTS, { recursive: true });
    browser = await launchChromium();
    const context = await browser.newContext({ offline: true, viewport: VIEWPORT });
    page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('request', (r) => {
      if (!r.url().startsWith('file:')) requests.push(r.url());
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** Open `file`, clearing the console errors and requests seen so far. */
  async function open(file: string): Promise<void> {
    errors.length = 0;
    requests.length = 0;
    await page.goto(pathToFileURL(file).href);
  }

  it('a report opens offline: numbered table with right-aligned numbers, numbered figure, no error', async () => {
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
    const file = join(dir, 'report.html');
    await writeFile(file, html);
    await open(file);
    const table = page.locator('table').first();
    expect(await table.locator('td').allTextContents()).toEqual(['A51', '流程风险', '0.066', 'A52', 'Approval', '0.041']);
    expect(await table.locator('caption').textContent()).toBe('Table 1.Weight table');
    expect(
      await table
        .locator('td')
        .nth(2)
        .evaluate((td) => getComputedStyle(td).textAlign),
    ).toBe('right');
    expect(await page.locator('figcaption').textContent()).toBe('Figure 1.Global weights');
    expect((await page.locator('figure svg').boundingBox())?.width).toBeGreaterThan(100);
    expect(await textsOutsideCharts(page)).toEqual([]);
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
  });

  const studies = ['jd-scf', 'b2b-platforms', 'ztmg-gra', 'credit-scorecard'];
  for (const name of studies)
    for (const lang of ['en', 'zh'] as const)
      it(`${name} (${lang}): no console error, no text outside its chart, the summary above the fold`, async () => {
        const file = join(dir, `${name}.${lang}.html`);
        const run = await runCli([
          'run',
          join(ROOT, 'examples/studies', `${name}.yaml`),
          '--out',
          file,
          '--lang',
          lang,
          '--format',
          'json',
        ]);
        expect(run.code).toBe(0);
        await open(file);
        await page.screenshot({ path: join(SCREENSHOTS, `${name}.${lang}.png`) });
        const figures = page.locator('figure');
        for (let k = 0; k < (await figures.count()); k++)
          await figures.nth(k).screenshot({ path: join(SCREENSHOTS, `${name}.${lang}.figure-${k + 1}.png`) });
        expect(errors).toEqual([]);
        expect(requests).toEqual([]);
        expect(await textsOutsideCharts(page)).toEqual([]);
        // the summary and its first table (the ranking, or the weights) start in the first viewport
        const summary = await page.locator('section.summary').boundingBox();
        const first = await page.locator('section.summary table').first().boundingBox();
        expect(summary?.y).toBeLessThan(VIEWPORT.height / 2);
        expect((first?.y ?? Infinity) + 120).toBeLessThan(VIEWPORT.height);
        // numbered tables and figures, a table of contents
        expect(await page.locator('caption .no').first().textContent()).toBe(lang === 'zh' ? '表 1' : 'Table 1.');
        expect(await page.locator('nav.toc li').count()).toBeGreaterThanOrEqual(2);
        if (lang === 'zh') {
          const text = await page.locator('body').innerText();
          expect(traditionalOnly(text)).toEqual([]);
          const english = (await page.locator('th, h1, h2, figcaption, nav').allTextContents()).filter((t) =>
            /[A-Za-z]{3,}/.test(t.replace(/λmax|Kendall|TOPSIS|CRITIC|scf-risk|B2B|\[\d+( §\d+)?\]/g, '')),
          );
          expect(english).toEqual([]);
          const cells = await page.locator('td').allTextContents();
          expect(cells.filter((c) => /^(yes|no|NO|keep|discuss|delete|none)$/.test(c))).toEqual([]);
        }
      });

  it('the JD report shows the combined weights of A5 and the table-10 checks', async () => {
    await open(join(dir, 'jd-scf.en.html'));
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
    expect(await page.locator('section.summary').innerText()).toContain('34/34 printed numbers reproduced');
  });
});
