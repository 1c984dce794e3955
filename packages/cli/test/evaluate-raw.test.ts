/**
 * `scf-risk evaluate` on what analysts bring (issue 13, items 1, 2, 3 and 10's CSV classes): raw
 * indicator values under fce and scorecard, explanations in tables and CSV (streamed for large
 * portfolios), progress counts, and CSV data that must be refused.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type ProgressSink, progressOn } from '../src/progress.ts';
import { runCli } from './run-cli.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const ex = (p: string) => join(ROOT, 'examples/evaluation', p);

// Six SMEs × five raw indicators. SME-6 is the worst on every one, SME-1 the best.
const TREE = `code: R
name: Raw SME risk
children:
  - code: F
    name: Financial
    weight: 0.6
    children:
      - { code: CR, name: Current ratio, weight: 0.4, direction: benefit }
      - { code: DR, name: Debt ratio, weight: 0.35, direction: cost, unit: "%" }
      - { code: ROE, name: Return on equity, weight: 0.25, direction: benefit, unit: "%" }
  - code: T
    name: Track record
    weight: 0.4
    children:
      - { code: YRS, name: Years in business, weight: 0.5, direction: benefit }
      - { code: OD, name: Overdue rate, weight: 0.5, direction: cost, unit: "%" }
`;
const ROWS: [string, number, number, number, number, number][] = [
  ['SME-1', 1.8, 45, 14, 12, 0.5],
  ['SME-2', 1.5, 52, 11, 9, 1.2],
  ['SME-3', 1.2, 58, 8, 6, 2.5],
  ['SME-4', 1.35, 66, 9, 4, 4],
  ['SME-5', 0.9, 72, 3, 5, 6.5],
  ['SME-6', 0.75, 81, -2, 1, 9],
];
const csv = (rows: typeof ROWS) => `id,CR,DR,ROE,YRS,OD\n${rows.map((r) => r.join(',')).join('\n')}\n`;

let dir: string;
let tree: string;
let data: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scf-raw-'));
  tree = join(dir, 'raw.yaml');
  data = join(dir, 'raw.csv');
  await writeFile(tree, TREE);
  await writeFile(data, csv(ROWS));
});

type Row = {
  id: string;
  score: number;
  grade: string;
  rank: number;
  contributions?: { code: string; value: number; contribution: number }[];
};
const evaluate = async (args: string[]) => {
  const r = await runCli(['evaluate', '--hierarchy', tree, ...args, '--format', 'json']);
  return { ...r, rows: r.code === 0 ? (r.json().results as Row[]) : [] };
};

describe('raw indicator values under fce and scorecard (issue 13 item 1)', () => {
  for (const method of ['fce', 'scorecard']) {
    it(`${method}: mapped by the data's range and direction, with a warning; the worst SME ranks last`, async () => {
      const r = await evaluate(['--data', data, '--method', method, '--explain']);
      expect(r.code).toBe(0);
      const rank = Object.fromEntries(r.rows.map((x) => [x.id, x.rank]));
      expect(rank['SME-6']).toBe(6);
      expect(rank['SME-1']).toBe(1);
      // every leaf was read from the data's range, and the result says so
      const leafValues = r.json().diagnostics.leafValues as { code: string; read: string; equivalentRule: unknown }[];
      expect(leafValues.map((l) => l.read)).toEqual(Array(5).fill('data range'));
      expect(r.stderr).toMatch(/warning: leaf DR \(Debt ratio\): values 45 to 81 .*cost/);
      if (method === 'fce') {
        expect(leafValues.find((l) => l.code === 'DR')?.equivalentRule).toEqual({ thresholds: [45, 54, 63, 72, 81] });
        // grades follow the scores, not a clipping of raw values to the ends of the axis
        const byRank = [...r.rows].sort((a, b) => a.rank - b.rank).map((x) => x.grade);
        expect(byRank[0]).toBe('no risk');
        expect(byRank[5]).toBe('extremely severe risk');
        expect(new Set(byRank).size).toBeGreaterThanOrEqual(4);
      }
      // a cost leaf's contribution falls as its value rises, and never exceeds W·(top of the scale)
      const top = method === 'fce' ? 10 : 7;
      const dr = r.rows.map((x, i) => ({ value: ROWS[i][2], c: x.contributions!.find((k) => k.code === 'DR')!.contribution }));
      dr.sort((a, b) => a.value - b.value);
      for (let i = 1; i < dr.length; i++) expect(dr[i].c).toBeLessThan(dr[i - 1].c);
      for (const d of dr) expect(d.c).toBeLessThanOrEqual(0.6 * 0.35 * top + 1e-12);
    });

    it(`${method}: a higher debt ratio never raises an SME's score`, async () => {
      const base = await evaluate(['--data', data, '--method', method]);
      const worse = ROWS.map((r) => [...r] as (typeof ROWS)[number]);
      worse[2][2] = 70; // SME-3's debt ratio 58 → 70 %, inside the portfolio's range
      const file = join(dir, `worse-${method}.csv`);
      await writeFile(file, csv(worse));
      const after = await evaluate(['--data', file, '--method', method]);
      expect(after.rows[2].score).toBeLessThan(base.rows[2].score);
    });
  }

  it('--strict refuses raw values: exit 2 naming the leaf, its values and the rule to add', async () => {
    const r = await evaluate(['--data', data, '--strict']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/leaf DR \(Debt ratio\): values 45 to 81 \(6 of 6 outside the 2–10 grade axis\)/);
    expect(r.stderr).toMatch(/rule: \{thresholds: \[45, 54, 63, 72, 81\]\}/);
    const s = await evaluate(['--data', data, '--strict', '--method', 'scorecard']);
    expect(s.code).toBe(2);
    expect(s.stderr).toMatch(/leaf DR .*rule: \{type: linear, points: \[\[45,7\],\[81,1\]\]\}/);
  });

  it('thresholds on a leaf give absolute grades; scores on the axis stay scores (the README example is unchanged)', async () => {
    const r = await runCli(['evaluate', '--hierarchy', ex('smes.yaml'), '--data', ex('smes.csv'), '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.json().results.map((x: Row) => x.score)).toEqual([8.6225, 6.2125, 7.9225, 4.1, 7.495].map((v) => expect.closeTo(v, 12)));
    expect(r.json().diagnostics.leafValues.map((l: { read: string }) => l.read)).toEqual([
      'scores',
      'scores',
      'scores',
      'scores',
      'thresholds',
    ]);
  });

  it('scorecard on examples/evaluation/smes.*: SME-004, worst on every indicator, ranks last', async () => {
    const r = await runCli([
      'evaluate',
      '--hierarchy',
      ex('smes.yaml'),
      '--data',
      ex('smes.csv'),
      '--method',
      'scorecard',
      '--format',
      'json',
    ]);
    expect(r.code).toBe(0);
    const rows = r.json().results as Row[];
    expect(rows.find((x) => x.id === 'SME-004')?.rank).toBe(5);
    expect(rows.find((x) => x.id === 'SME-001')?.rank).toBe(1);
    for (const x of rows) expect(x.score).toBeLessThanOrEqual(7);
  });

  it('--help documents rule: {thresholds} and the reading of raw values', async () => {
    const r = await runCli(['evaluate', '--help']);
    expect(r.stdout).toMatch(/rule: \{thresholds: \[t1, t2, t3, t4, t5\]\}/);
    expect(r.stdout).toMatch(/--strict/);
    expect(r.stdout).toMatch(/--explain-top/);
  });
});

describe('explanations in tables and CSV (issue 13 item 2)', () => {
  it('table and --format csv show the top contributors', async () => {
    const t = await runCli(['evaluate', '--hierarchy', ex('smes.yaml'), '--data', ex('smes.csv'), '--explain', '--format', 'table']);
    expect(t.code).toBe(0);
    expect(t.stdout).toMatch(/top 1\s+top 2\s+top 3/);
    expect(t.stdout).toMatch(/SME-001 .* S22 2\.115 \(24\.5 %\)\s+S21 2\.025/);
    const c = await runCli([
      'evaluate',
      '--hierarchy',
      ex('smes.yaml'),
      '--data',
      ex('smes.csv'),
      '--explain',
      '--explain-top',
      '2',
      '--format',
      'csv',
    ]);
    const lines = c.stdout.trim().split('\n');
    expect(lines[0]).toBe('id,score,grade,rank,top1_code,top1_contribution,top1_share,top2_code,top2_contribution,top2_share');
    const first = lines[1].split(',');
    expect(first.slice(0, 5)).toEqual(['SME-001', '8.6225', 'slight risk', '1', 'S22']);
    expect(Number(first[5])).toBeCloseTo(2.115, 12);
    expect(first[7]).toBe('S21');
  });

  for (const method of ['fce', 'topsis', 'gra']) {
    it(`${method}: --explain --out x.csv streams the top contributors; the file is the general path's`, async () => {
      // ids that need quoting, raw values (fce maps them by range), 3,000 rows
      const rows = Array.from({ length: 3000 }, (_, i) => {
        const r = ROWS[i % 6];
        return [i % 7 === 0 ? `"SME, ${i}"` : `S-${i}`, r[1] + (i % 13) / 100, r[2] + (i % 11), r[3], r[4] + (i % 5), r[5]].join(',');
      });
      const big = join(dir, `big-${method}.csv`);
      await writeFile(big, `id,CR,DR,ROE,YRS,OD\n${rows.join('\n')}\n`);
      const fast = join(dir, `fast-${method}.csv`);
      const plain = join(dir, `plain-${method}.csv`);
      const r = await runCli(['evaluate', '--hierarchy', tree, '--data', big, '--method', method, '--explain', '--out', fast]);
      expect(r.code).toBe(0);
      await runCli(['evaluate', '--hierarchy', tree, '--data', big, '--method', method, '--out', plain]);
      const text = await readFile(fast, 'utf8');
      expect(text).not.toBe(await readFile(plain, 'utf8'));
      const lines = text.trim().split('\n');
      expect(lines).toHaveLength(3001);
      expect(lines[0]).toBe(
        'id,score,grade,rank,top1_code,top1_contribution,top1_share,top2_code,top2_contribution,top2_share,top3_code,top3_contribution,top3_share',
      );
      // the general path (JSON data) writes the same bytes
      const json = join(dir, `big-${method}.json`);
      const ids = rows.map((l) => (l.startsWith('"') ? l.slice(1, l.indexOf('"', 1)) : l.slice(0, l.indexOf(','))));
      await writeFile(
        json,
        JSON.stringify(
          rows.map((l, i) => {
            const v = l.split(',').slice(-5).map(Number);
            return { id: ids[i], CR: v[0], DR: v[1], ROE: v[2], YRS: v[3], OD: v[4] };
          }),
        ),
      );
      const general = join(dir, `general-${method}.csv`);
      const g = await runCli(['evaluate', '--hierarchy', tree, '--data', json, '--method', method, '--explain', '--out', general]);
      expect(g.code).toBe(0);
      // the same cells; numbers to 1e-12 (the parallel TOPSIS and GRA kernels sum in another order)
      const split = (t: string) =>
        t
          .trim()
          .split('\n')
          .map((l) => l.match(/"[^"]*"|[^,]+|(?<=,)(?=,|$)|^(?=,)/g) ?? []);
      const want = split(await readFile(general, 'utf8'));
      const got = split(text);
      expect(got.length).toBe(want.length);
      got.forEach((row, i) =>
        row.forEach((cell, c) => {
          const x = Number(cell);
          if (cell !== '' && Number.isFinite(x)) expect(x).toBeCloseTo(Number(want[i][c]), 12);
          else expect(cell).toBe(want[i][c]);
        }),
      );
      if (method === 'fce') expect(text).toBe(await readFile(general, 'utf8'));
    });
  }
});

describe('progress counts (issue 13 item 3)', () => {
  const recorder = () => {
    const seen: { value: number; total: number }[] = [];
    let total = 0;
    const sink: ProgressSink = {
      start(t, v) {
        total = t;
        seen.push({ value: v, total });
      },
      update(v) {
        seen.push({ value: v, total });
      },
      setTotal(t) {
        total = t;
      },
      stop() {},
    };
    return { sink, seen };
  };

  it('a total learnt with the first step replaces the placeholder; the count never passes the total', () => {
    // `run` starts its bar before the study says how many steps it has (was "27/1")
    const { sink, seen } = recorder();
    const p = progressOn(sink, 1);
    for (let done = 1; done <= 7; done++) p.update(done, `step ${done}`, 7);
    p.stop();
    for (const s of seen) expect(s.value).toBeLessThanOrEqual(s.total);
    expect(seen.at(-1)).toEqual({ value: 7, total: 7 });
  });

  it('a step past the total raises the total instead of printing 27/1', () => {
    const { sink, seen } = recorder();
    const p = progressOn(sink, 1);
    for (let done = 1; done <= 27; done++) p.update(done, 'x');
    for (const s of seen) expect(s.value).toBeLessThanOrEqual(s.total);
    p.update(-3, 'y');
    expect(seen.at(-1)?.value).toBe(0);
  });
});

describe('CSV data that is refused (issue 13 item 10)', () => {
  const both = async (name: string, text: string) => {
    const file = join(dir, name);
    await writeFile(file, text);
    const general = await runCli(['evaluate', '--hierarchy', tree, '--data', file, '--method', 'topsis', '--format', 'json']);
    const streamed = await runCli(['evaluate', '--hierarchy', tree, '--data', file, '--method', 'topsis', '--out', join(dir, 'o.csv')]);
    return [general, streamed];
  };

  it('";" between fields', async () => {
    for (const r of await both('semi.csv', 'id;CR;DR;ROE;YRS;OD\nSME-1;1,8;45;14;12;0,5\nSME-2;1,5;52;11;9;1,2\n')) {
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(
        /semi\.csv, header row: the fields are separated by ";".*Allowed: comma-separated values with decimal points/,
      );
    }
  });

  it('a decimal comma in a quoted cell', async () => {
    for (const r of await both('dec.csv', 'id,CR,DR,ROE,YRS,OD\nSME-1,"1,8",45,14,12,0.5\nSME-2,1.5,52,11,9,1.2\n')) {
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/dec\.csv, row 2, column "CR": "1,8" .*Allowed: a number with a decimal point \(1\.5, not 1,5\)/);
    }
  });

  it('a decimal comma splitting a row into too many cells', async () => {
    for (const r of await both('dec2.csv', 'id,CR,DR,ROE,YRS,OD\nSME-1,1.8,45,14,12,0.5\nSME-2,1,5,52,11,9,1.2\n')) {
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/dec2\.csv, row 3: .*(7 cells but the header has 6|more cells than the header's 6).*not 1,5/);
    }
  });

  it('a cell of 1e308 (its square overflows)', async () => {
    for (const r of await both('big.csv', 'id,CR,DR,ROE,YRS,OD\nSME-1,1.8,45,14,12,0.5\nSME-2,1.5,1e308,11,9,1.2\n')) {
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/big\.csv, row 3, column "DR": 1e\+?308 is too large for safe arithmetic.*Allowed: .*1e\+15/);
    }
  });
});

describe('progress bars on a pseudo-terminal (`script`, the built command)', () => {
  const bin = join(ROOT, 'packages/cli/bin/scf-risk.js');
  const tty = (args: string) => execFileSync('script', ['-qec', `node ${bin} ${args} > /dev/null`, '/dev/null'], { encoding: 'utf8' });
  const counts = (text: string) => [...text.matchAll(/\] (\d+)\/(\d+)/g)].map((m) => [Number(m[1]), Number(m[2])]);

  it('run: the study bar counts its steps, never past the total', () => {
    const out = tty(`run ${join(ROOT, 'examples/studies/b2b-platforms.yaml')} --format json`);
    expect(out).toContain('study [');
    const seen = counts(out);
    expect(seen.length).toBeGreaterThan(0);
    for (const [done, total] of seen) expect(done).toBeLessThanOrEqual(total);
    expect(seen.some(([, total]) => total > 1)).toBe(true);
  });

  it('evaluate: a bar on the general path (scorecard) and on the large-portfolio path', () => {
    const general = tty(`evaluate --hierarchy ${tree} --data ${data} --method scorecard --format json`);
    expect(general).toContain('evaluate [');
    const large = tty(`evaluate --hierarchy ${tree} --data ${data} --method topsis --explain --out ${join(dir, 'tty.csv')}`);
    expect(large).toContain('evaluate [');
    for (const [done, total] of [...counts(general), ...counts(large)]) expect(done).toBeLessThanOrEqual(total);
  });
});
