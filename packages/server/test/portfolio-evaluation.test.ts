/**
 * The portfolio-evaluation job's portfolio files and rank probabilities on both databases, through
 * HTTP on a real store: a CSV and an XLSX workbook (its first sheet or a named one) read into the
 * same TOPSIS document and the same result as the document sent inline; rank probabilities equal
 * core's monteCarloRanks around the weights TOPSIS used, each row and rank summing to 1, the same
 * seed giving the same figures; bad cells, sheets and bounds → 400 problem+json naming the field
 * (and the sheet and cell), nothing queued.
 */

import { METHOD_RUNNERS, monteCarloRanks, normaliseColumns } from '@scf-risk/core';
import { excel } from '@scf-risk/io';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { MAX_ALTERNATIVES, MAX_DRAWS } from '../src/jobs/kinds/rank-probabilities.ts';
import { describeEachBackend } from './backends.ts';
import { type Harness, openHarness, waitFor } from './harness.ts';

const header = ['alternative', 'Platform', 'Bank', 'Logistics'];
const rows: [string, number, number, number][] = [
  ['Alibaba', 7.8, 7.4, 7.0],
  ['Molbase', 7.9, 7.0, 6.8],
  ['Zhaogang', 8.0, 6.8, 6.2],
  ['Tianwu', 7.6, 6.9, 6.6],
];
const csv = [header, ...rows].map((r) => r.join(',')).join('\n');
const weights = [0.5, 0.3, 0.2];
const directions = ['benefit', 'benefit', 'cost'] as const;
const document = {
  alternatives: rows.map((r) => r[0]),
  labels: header.slice(1),
  matrix: rows.map((r) => r.slice(1) as number[]),
  weights,
  directions: [...directions],
};

/** A workbook, base64: a cover sheet first, then `Portfolio` with `cells` (rows of the sheet). */
async function workbook(cells: (string | number | null)[][]): Promise<string> {
  const wb = new (await excel()).Workbook();
  wb.addWorksheet('Cover').addRow(['SCF portfolio']);
  const ws = wb.addWorksheet('Portfolio');
  for (const r of cells) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

describeEachBackend('portfolio evaluation: files and rank probabilities', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(backend);
  }, 120_000);
  afterAll(async () => {
    await h.close();
  }, 60_000);

  const submit = (input: unknown) =>
    h.app.inject({
      method: 'POST',
      url: '/jobs',
      headers: { cookie: h.cookie['credit-officer'] },
      payload: { kind: 'portfolio-evaluation', input },
    });
  const finished = async (input: unknown) => {
    const res = await submit(input);
    expect(res.statusCode, res.body).toBe(202);
    return waitFor(`job ${res.json().id}`, async () => {
      const j = (await h.app.inject({ url: `/jobs/${res.json().id}`, headers: { cookie: h.cookie.auditor } })).json();
      return ['succeeded', 'failed', 'cancelled'].includes(j.status) ? j : undefined;
    });
  };
  const json = (x: unknown) => JSON.parse(JSON.stringify(x));

  it('a CSV and an XLSX portfolio (first sheet or a named one) give the TOPSIS result of the same document', async () => {
    const topsis = json(METHOD_RUNNERS.topsis(document));
    const fromCsv = await finished({ method: 'topsis', table: { name: 'book.csv', text: csv, weights, directions } });
    expect(fromCsv.status).toBe('succeeded');
    expect(fromCsv.result).toEqual({ method: 'topsis', results: [topsis], table: { file: 'book.csv', input: document } });
    expect(fromCsv.result.results[0].rank).toEqual([2, 3, 1, 4]);

    const base64 = await workbook([header, ...rows]);
    const named = await finished({ method: 'topsis', table: { name: 'book.xlsx', base64, sheet: 'Portfolio', weights, directions } });
    expect(named.result).toEqual({
      method: 'topsis',
      results: [topsis],
      table: { file: 'book.xlsx', sheet: 'Portfolio', input: document },
    });

    // Without weights and directions: equal weights, every indicator a benefit; the first sheet when none is named.
    const wb = new (await excel()).Workbook();
    wb.addWorksheet('Only').addRows([header, ...rows]);
    const first = await finished({
      method: 'topsis',
      table: { name: 'b.xlsx', base64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64') },
    });
    const equal = { alternatives: document.alternatives, labels: document.labels, matrix: document.matrix, weights: [1 / 3, 1 / 3, 1 / 3] };
    expect(first.result.table).toEqual({ file: 'b.xlsx', sheet: 'Only', input: equal });
    expect(first.result.results[0]).toEqual(json(METHOD_RUNNERS.topsis(equal)));
  });

  it('rank probabilities are core’s Monte Carlo around the weights TOPSIS used: rows and ranks sum to 1, the seed repeats them', async () => {
    const rp = { draws: 2000, seed: 7, concentration: 40 };
    const done = await finished({ method: 'topsis', documents: [{ input: document }], rankProbabilities: rp });
    expect(done.status).toBe('succeeded');
    expect(done.progress).toEqual({
      fraction: 1,
      message: 'rank probabilities: 1 of 1 documents',
      text: { code: 'job.portfolio.ranks', params: { done: 1, total: 1 } },
    });
    const topsis = METHOD_RUNNERS.topsis(document) as { weights: number[] };
    const expected = monteCarloRanks(topsis.weights, normaliseColumns(document.matrix, [...directions]), rp);
    expect(done.result.rankProbabilities).toEqual([json(expected)]);
    const [r] = done.result.rankProbabilities;
    expect(r).toMatchObject({ draws: 2000, seed: 7, sampling: 'dirichlet', concentration: 40 });
    for (const row of r.probabilities) expect(row.reduce((a: number, b: number) => a + b, 0)).toBeCloseTo(1, 12);
    for (let k = 0; k < 4; k++) expect(r.probabilities.reduce((a: number, row: number[]) => a + (row[k] as number), 0)).toBeCloseTo(1, 12);
    // Weighted min-max scores at the point weights: Zhaogang 0.7, Alibaba 0.55, Molbase 0.525, Tianwu 0.15.
    expect(r.probabilities[2][0]).toBeGreaterThan(0.5);
    expect(r.probabilities[3][3]).toBeGreaterThan(0.9);
    expect(r.meanRank[2]).toBeLessThan(r.meanRank[0]);

    const again = await finished({ method: 'topsis', table: { name: 'book.csv', text: csv, weights, directions }, rankProbabilities: rp });
    expect(again.result.rankProbabilities).toEqual(done.result.rankProbabilities);
    const defaults = await finished({ method: 'topsis', documents: [{ input: document }], rankProbabilities: {} });
    expect(defaults.result.rankProbabilities[0]).toMatchObject({ draws: 1000, seed: 1, concentration: 100 });
  });

  it('bad cells, sheets and bounds are 400 problem+json naming the field (and the sheet and cell); nothing is queued', async () => {
    const count = async () => (await h.app.inject({ url: '/jobs?limit=500', headers: { cookie: h.cookie.admin } })).json().length;
    const before = await count();
    const badCell = await workbook([header, ...rows.slice(0, 2), ['Zhaogang', 8.0, 'n/a', 6.2]]);
    const emptyCell = await workbook([header, ...rows.slice(0, 2), ['Zhaogang', 8.0, null, 6.2]]);
    const many = Array.from({ length: MAX_ALTERNATIVES + 1 }, (_, i) => [i, i % 7]);
    const cases: { input: unknown; path: string; says?: string }[] = [
      {
        input: { method: 'topsis', table: { name: 'b.xlsx', base64: badCell, sheet: 'Portfolio' } },
        path: 'input.table',
        says: 'sheet Portfolio, cell C4',
      },
      {
        input: { method: 'topsis', table: { name: 'b.xlsx', base64: emptyCell, sheet: 'Portfolio' } },
        path: 'input.table',
        says: 'sheet Portfolio, cell C4: empty cell',
      },
      {
        input: { method: 'topsis', table: { name: 'b.xlsx', base64: badCell, sheet: 'Loans' } },
        path: 'input.table',
        says: 'no sheet named "Loans"',
      },
      {
        input: { method: 'topsis', table: { name: 'b.xlsx', base64: 'bm90IGEgd29ya2Jvb2s=' } },
        path: 'input.table',
        says: 'not a valid XLSX',
      },
      { input: { method: 'topsis', table: { name: 'b.csv', text: 'a,b\nx,1,2\n' } }, path: 'input.table', says: 'row 2' },
      { input: { method: 'topsis', table: { name: 'b.csv', text: 'a,b\nx,1\n' } }, path: 'input.table', says: 'at least 2' },
      { input: { method: 'topsis', table: { name: 'b.csv', text: csv, weights: [1, 0] } }, path: 'input.table' },
      { input: { method: 'topsis', table: { name: 'b.csv', text: csv, base64: 'eA==' } }, path: 'input.table.text' },
      { input: { method: 'topsis' }, path: 'input.documents' },
      { input: { method: 'topsis', documents: [{ input: document }], table: { name: 'b.csv', text: csv } }, path: 'input.documents' },
      { input: { method: 'fce', table: { name: 'b.csv', text: csv } }, path: 'input.table' },
      { input: { method: 'ahp', documents: [{ input: { matrix: [[1]] } }], rankProbabilities: {} }, path: 'input.rankProbabilities' },
      {
        input: { method: 'topsis', documents: [{ input: document }], rankProbabilities: { draws: MAX_DRAWS + 1 } },
        path: 'input.rankProbabilities.draws',
      },
      {
        input: { method: 'topsis', documents: [{ input: document }], rankProbabilities: { draws: 0 } },
        path: 'input.rankProbabilities.draws',
      },
      {
        input: { method: 'topsis', documents: [{ input: document }], rankProbabilities: { concentration: 0 } },
        path: 'input.rankProbabilities.concentration',
      },
      {
        input: {
          method: 'topsis',
          documents: Array.from({ length: 200 }, () => ({ input: document })),
          rankProbabilities: { draws: MAX_DRAWS },
        },
        path: 'input.rankProbabilities.draws',
        says: 'more than 200000000',
      },
      {
        input: { method: 'topsis', documents: [{ input: { matrix: many, weights: [0.5, 0.5] } }], rankProbabilities: { draws: 10 } },
        path: 'input.rankProbabilities',
        says: `${MAX_ALTERNATIVES + 1} alternatives`,
      },
    ];
    for (const c of cases) {
      const res = await submit(c.input);
      expect(res.statusCode, `${JSON.stringify(c).slice(0, 200)} → ${res.body}`).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      const errors: { path: string; message: string }[] = res.json().errors;
      const hit = errors.find((e) => e.path.startsWith(c.path));
      expect(hit, `${c.path} in ${JSON.stringify(errors)}`).toBeDefined();
      if (c.says) expect(hit?.message).toContain(c.says);
    }
    expect(await count()).toBe(before);
  });
});
