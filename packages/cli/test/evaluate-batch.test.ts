import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readNumericCsv } from '@scf-risk/io';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

/** Two criteria, four indicators (one cost), no membership thresholds: every method can batch. */
const TREE = {
  code: 'P',
  name: 'Portfolio',
  children: [
    {
      code: 'A',
      name: 'A',
      weight: 0.6,
      children: [
        { code: 'A1', name: 'A1', weight: 0.7, direction: 'benefit' },
        { code: 'A2', name: 'A2', weight: 0.3, direction: 'cost' },
      ],
    },
    {
      code: 'B',
      name: 'B',
      weight: 0.4,
      children: [
        { code: 'B1', name: 'B1', weight: 0.5, direction: 'benefit' },
        { code: 'B2', name: 'B2', weight: 0.5, direction: 'benefit' },
      ],
    },
  ],
};

async function portfolio(rows: number, eol = '\n') {
  const dir = await mkdtemp(join(tmpdir(), 'scf-batch-'));
  await writeFile(join(dir, 'tree.json'), JSON.stringify(TREE));
  let csv = `id,B2,A1,note,A2,B1${eol}`;
  let s = 7;
  const next = () => {
    s = (s * 48271) % 2147483647;
    return s / 2147483647;
  };
  for (let i = 0; i < rows; i++)
    csv += `L${i},${(2 + 8 * next()).toFixed(3)},${(2 + 8 * next()).toFixed(3)},x,${(2 + 8 * next()).toFixed(3)},${(2 + 8 * next()).toFixed(2)}${eol}`;
  await writeFile(join(dir, 'data.csv'), csv);
  return dir;
}

function parseOut(text: string) {
  const [header, ...lines] = text.trim().split('\n');
  expect(header).toBe('id,score,grade,rank');
  return lines.map((l) => {
    const [id, score, grade, rank] = l.split(',');
    return { id, score: Number(score), grade, rank: Number(rank) };
  });
}

describe('evaluate on large portfolios: streaming CSV, batch kernels on every core', () => {
  it('writes the same ids, scores, grades and ranks as the general path, for fce, topsis and gra', async () => {
    const dir = await portfolio(5000, '\r\n');
    for (const method of ['fce', 'topsis', 'gra']) {
      const base = ['evaluate', '--hierarchy', join(dir, 'tree.json'), '--data', join(dir, 'data.csv'), '--method', method];
      const general = await runCli([...base, '--format', 'json']);
      expect(general.code, method).toBe(0);
      const out = join(dir, `${method}.csv`);
      const batch = await runCli([...base, '--out', out]);
      expect(batch.code, batch.stderr).toBe(0);
      expect(batch.stdout).toMatch(`5000 alternatives evaluated (${method}); results written to`);
      const rows = parseOut(await readFile(out, 'utf8'));
      const expected = general.json().results as { id: string; score: number; grade?: string; rank: number }[];
      expect(rows).toHaveLength(5000);
      rows.forEach((r, i) => {
        expect(r.id).toBe(expected[i].id);
        expect(Math.abs(r.score - expected[i].score)).toBeLessThan(1e-12);
        expect(r.rank).toBe(expected[i].rank);
        expect(r.grade).toBe(expected[i].grade ?? '');
      });
    }
  }, 60_000);

  it('reads only the wanted columns into shared column-major memory; quoted files go to the general reader', async () => {
    const dir = await portfolio(3);
    const r = await readNumericCsv(join(dir, 'data.csv'), ['A1', 'A2', 'B1', 'B2']);
    expect(r?.ids).toEqual(['L0', 'L1', 'L2']);
    expect(r?.x.rows).toBe(3);
    expect(r?.x.cols).toBe(4);
    expect(r?.x.data.buffer).toBeInstanceOf(SharedArrayBuffer);
    const text = await readFile(join(dir, 'data.csv'), 'utf8');
    const second = text.split('\n')[2].split(','); // L1: id, B2, A1, note, A2, B1
    expect(r?.x.data[1]).toBe(Number(second[2])); // A1 of row 1
    expect(r?.x.data[3 * 3 + 1]).toBe(Number(second[1])); // B2 of row 1
    await writeFile(join(dir, 'quoted.csv'), 'id,A1,A2,B1,B2\n"a, b",1,2,3,4\n');
    expect(await readNumericCsv(join(dir, 'quoted.csv'), ['A1', 'A2', 'B1', 'B2'])).toBeNull();
    const q = await runCli([
      'evaluate',
      '--hierarchy',
      join(dir, 'tree.json'),
      '--data',
      join(dir, 'quoted.csv'),
      '--method',
      'gra',
      '--out',
      join(dir, 'q.csv'),
    ]);
    expect(q.code, q.stderr).toBe(0);
    expect(await readFile(join(dir, 'q.csv'), 'utf8')).toMatch(/^id,score,grade,rank\n"a, b",1,,1\n$/);
  });

  it('names file, row and column of a bad cell, a missing column, a short row and an empty portfolio', async () => {
    const dir = await portfolio(3);
    const run = async (csv: string) => {
      await writeFile(join(dir, 'bad.csv'), csv);
      const r = await runCli([
        'evaluate',
        '--hierarchy',
        join(dir, 'tree.json'),
        '--data',
        join(dir, 'bad.csv'),
        '--out',
        join(dir, 'o.csv'),
      ]);
      expect(r.code).toBe(2);
      return r.stderr;
    };
    expect(await run('id,A1,A2,B1,B2\nx,1,2,3,4\ny,1,abc,3,4\n')).toMatch(/bad\.csv, row 3, column "A2": "abc" is not a number/);
    expect(await run('id,A1,A2,B1,B2\nx,1,,3,4\n')).toMatch(/bad\.csv, row 2, column "A2": empty cell/);
    expect(await run('id,A1,A2,B1\nx,1,2,3\n')).toMatch(/bad\.csv: no column "B2"/);
    expect(await run('id,A1,A2,B1,B2\nx,1,2\n')).toMatch(/bad\.csv, row 2: 3 cells but the header has 5 columns/);
    expect(await run('id,A1,A2,B1,B2\nx,1,2,3,4,5\n')).toMatch(/bad\.csv, row 2: more cells than the header's 5 columns/);
    expect(await run('id,A1,A2,B1,B2\n')).toMatch(/the portfolio is empty/);
    expect(await run('id,A1,A2,A1,B1,B2\nx,1,2,3,4,5\n')).toMatch(
      /bad\.csv, column 4 of the header row: duplicate column name "A1" \(also column 2\)/,
    );
  });
});
