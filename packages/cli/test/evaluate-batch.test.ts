import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_GRADES, fuzzyEvaluateBatch, planFuzzy } from '@scf-risk/core';
import { createKernelPool } from '@scf-risk/core/parallel';
import { numericCsvKernels, readNumericCsv, readNumericCsvFuzzy } from '@scf-risk/io';
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

  it('reads only the wanted columns into shared column-major memory, quoted ids too', async () => {
    const dir = await portfolio(3);
    const r = await readNumericCsv(join(dir, 'data.csv'), ['A1', 'A2', 'B1', 'B2']);
    expect(r?.ids.toArray()).toEqual(['L0', 'L1', 'L2']);
    expect(r?.x.rows).toBe(3);
    expect(r?.x.cols).toBe(4);
    expect(r?.x.data.buffer).toBeInstanceOf(SharedArrayBuffer);
    const text = await readFile(join(dir, 'data.csv'), 'utf8');
    const second = text.split('\n')[2].split(','); // L1: id, B2, A1, note, A2, B1
    expect(r?.x.data[1]).toBe(Number(second[2])); // A1 of row 1
    expect(r?.x.data[3 * 3 + 1]).toBe(Number(second[1])); // B2 of row 1
    await writeFile(join(dir, 'quoted.csv'), 'id,A1,A2,B1,B2\n"a, b",1,2,3,4\n');
    expect((await readNumericCsv(join(dir, 'quoted.csv'), ['A1', 'A2', 'B1', 'B2'])).ids.toArray()).toEqual(['a, b']);
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

  it('reads quoted fields (commas, doubled quotes, line breaks), CRLF, blank lines and any number notation', async () => {
    const csv =
      'id,A1,"A2",B1,B2\r\n"a, b",1,2,3,4\r\n\r\n"say ""hi""\nthere", "1.5" ,2e0,-0.25,+7\r\n ,10,.5,3.,0004\n  \n' +
      'x,0.1,123456789.123456789,-0,1e-7\n"q\n\n",9,"8",7,6';
    const bytes = new TextEncoder().encode(csv);
    const expected = {
      ids: ['a, b', 'say "hi"\nthere', '3', 'x', 'q\n\n'],
      data: [1, 1.5, 10, 0.1, 9, 2, 2, 0.5, Number('123456789.123456789'), 8, 3, -0.25, 3, -0, 7, 4, 7, 4, 1e-7, 6],
    };
    // every split of the bytes into ranges (cuts inside quotes, at line breaks, in CRLF) reads the same
    for (const rangeBytes of [1, 2, 3, 5, 7, 11, 16, 33, 1 << 20]) {
      const r = await readNumericCsv({ name: 'q.csv', bytes }, ['A1', 'A2', 'B1', 'B2'], { rangeBytes });
      expect(r.ids.toArray(), String(rangeBytes)).toEqual(expected.ids);
      expect(r.x.rows).toBe(5);
      expect(Array.from(r.x.data), String(rangeBytes)).toEqual(expected.data);
      expect(Object.is(r.x.data[13], -0)).toBe(true);
    }
    for (const cell of ['0.1', '1234567.891', '-3.14159', '9007199254740993', '123456789012345678', '1.7976931348623157e308', '5e-324'])
      expect((await readNumericCsv({ name: 'n.csv', bytes: new TextEncoder().encode(`id,A\nr,${cell}\n`) }, ['A'])).x.data[0]).toBe(
        Number(cell),
      );
  });

  it('reads the same whether a record takes the fast path or the general one, at every range size', async () => {
    // fast records (plain ids and numbers) mixed with every case the fast path hands over: blanks
    // around ids and numbers, a leading +, exponents, > 15 digits, quotes, CRLF, blank lines,
    // an empty id, a missing final line break
    const csv =
      'id,A1,skip,A2,B1,B2\n' +
      'r1,1.5,x,2,3.25,-4\n' +
      ' r2,1,x,2,3,4\n' +
      'r3 ,1,x,2,3,4\r\n' +
      'r4,+1,x,2, 3,4 \n' +
      '\n' +
      'r5,1e1,"x,y",2,123456789.1234567,4\n' +
      'r6,-0,,0.000,.5,7.\r\n' +
      ',9,x,8,7,6\n' +
      'r8,1,x,2,3,4';
    const bytes = new TextEncoder().encode(csv);
    const ids = ['r1', 'r2', 'r3', 'r4', 'r5', 'r6', '7', 'r8'];
    const rows = [
      [1.5, 2, 3.25, -4],
      [1, 2, 3, 4],
      [1, 2, 3, 4],
      [1, 2, 3, 4],
      [10, 2, 123456789.1234567, 4],
      [-0, 0, 0.5, 7],
      [9, 8, 7, 6],
      [1, 2, 3, 4],
    ];
    const data = [0, 1, 2, 3].flatMap((j) => rows.map((r) => r[j]));
    for (const rangeBytes of [1, 2, 3, 5, 8, 13, 21, 40, 1 << 20]) {
      const r = await readNumericCsv({ name: 'f.csv', bytes }, ['A1', 'A2', 'B1', 'B2'], { rangeBytes });
      expect(r.ids.toArray(), String(rangeBytes)).toEqual(ids);
      expect(Array.from(r.x.data), String(rangeBytes)).toEqual(data);
      expect(Object.is(r.x.data[5], -0)).toBe(true);
    }
    // the id column can be a wanted column too
    const both = await readNumericCsv({ name: 'i.csv', bytes: new TextEncoder().encode('A1,A2\n1,2\n3,4\n') }, ['A1', 'A2']);
    expect(both.ids.toArray()).toEqual(['1', '3']);
    expect(Array.from(both.x.data)).toEqual([1, 3, 2, 4]);
  });

  it('names the row and column of a bad cell found after fast rows, at every range size', async () => {
    const good = Array.from({ length: 40 }, (_, i) => `r${i},1.25,2,3,4\n`).join('');
    const read = (body: string, rangeBytes: number) =>
      readNumericCsv(
        { name: 'b.csv', bytes: new TextEncoder().encode(`id,A1,A2,B1,B2\n${good}${body}${good}`) },
        ['A1', 'A2', 'B1', 'B2'],
        {
          rangeBytes,
        },
      );
    for (const rangeBytes of [7, 64, 1 << 20]) {
      await expect(read('x,1,2,abc,4\n', rangeBytes)).rejects.toThrow(/b\.csv, row 42, column "B1": "abc" is not a number/);
      await expect(read('x,1,,3,4\n', rangeBytes)).rejects.toThrow(/b\.csv, row 42, column "A2": empty cell/);
      await expect(read('x,1,2,3\n', rangeBytes)).rejects.toThrow(/b\.csv, row 42: 4 cells but the header has 5 columns/);
      await expect(read('x,1,2,3,4,5\n', rangeBytes)).rejects.toThrow(/b\.csv, row 42: more cells than the header's 5 columns/);
      // a blank line counts in the row numbers, wherever the ranges are cut
      await expect(read('x,1,2,3,4\n\ny,1,-,3,4\n', rangeBytes)).rejects.toThrow(/b\.csv, row 44, column "A2": "-" is not a number/);
    }
  });

  it('--explain on the general path (stdout) and the large-portfolio path (--out) writes the same rows, quoted ids too', async () => {
    const dir = await portfolio(2000, '\r\n');
    const lines = (await readFile(join(dir, 'data.csv'), 'utf8')).split('\r\n');
    lines[5] = lines[5].replace(/^L4,/, '"L4, ""four""",');
    lines[9] = lines[9].replace(/^L8,/, '"L8\nsecond line",');
    await writeFile(join(dir, 'data.csv'), lines.join('\r\n'));
    for (const method of ['fce', 'topsis']) {
      const base = ['evaluate', '--hierarchy', join(dir, 'tree.json'), '--data', join(dir, 'data.csv'), '--method', method, '--explain'];
      const general = await runCli([...base, '--format', 'csv']);
      expect(general.code, general.stderr).toBe(0);
      const fast = await runCli([...base, '--out', join(dir, `${method}-fast.csv`)]);
      expect(fast.code, fast.stderr).toBe(0);
      const g = general.stdout;
      expect(g).toMatch(/^id,score,grade,rank,top1_code,top1_contribution,top1_share,/);
      expect(g).toMatch(/\n"L4, ""four""",/);
      expect(g).toMatch(/\n"L8\nsecond line",/);
      expect(await readFile(join(dir, `${method}-fast.csv`), 'utf8')).toBe(g);
    }
  }, 60_000);

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

/** All four leaves benefit, no rules: fce reads them as scores when they lie on 2–10 (the fused path). */
const SCORES_TREE = {
  ...TREE,
  children: TREE.children.map((c) => ({ ...c, children: c.children.map((l) => ({ ...l, direction: 'benefit' })) })),
};

/** readNumericCsvFuzzy against readNumericCsv + fuzzyEvaluateBatch: the same ids, scores bit for bit, grades, and off-axis count. */
async function expectFusedSame(
  name: string,
  bytes: Uint8Array,
  wanted: string[],
  rangeBytes: number,
  weights = wanted.map(() => 1 / wanted.length),
) {
  const plan = planFuzzy({ rows: 0, cols: wanted.length, data: new Float64Array(0) }, weights, DEFAULT_GRADES);
  const f = await readNumericCsvFuzzy({ name, bytes }, wanted, { plan, scale: [2, 10] }, { rangeBytes });
  const r = await readNumericCsv({ name, bytes }, wanted, { rangeBytes });
  const want = fuzzyEvaluateBatch(r.x, weights);
  expect(f.ids.toArray(), String(rangeBytes)).toEqual(r.ids.toArray());
  expect(Array.from(f.score).map(String), String(rangeBytes)).toEqual(Array.from(want.score).map(String));
  expect(Array.from(f.grade), String(rangeBytes)).toEqual(Array.from(want.grade));
  let off = 0;
  for (const v of r.x.data) if (!(v >= 2 && v <= 10)) off++;
  expect(f.off, String(rangeBytes)).toBe(off);
  return f;
}

describe('the fused fce path: parse and evaluate in one pass, no matrix', () => {
  const shared = (text: string) => {
    const b = new TextEncoder().encode(text);
    const s = new Uint8Array(new SharedArrayBuffer(b.length));
    s.set(b);
    return s;
  };

  it('reads quoted fields, CRLF, blank lines, any number notation as readNumericCsv does, at every range size (the counted ranges)', async () => {
    const csv =
      'id,A1,"A2",B1,B2\r\n"a, b",3,2,3,4\r\n\r\n"say ""hi""\nthere", "3.5" ,2e0,9.25,+7\r\n ,10,5.5,3.,0004\n  \n' +
      'x,2.1,12.125,2,1e-7\n"q\n\n",9,"8",7,6';
    for (const rangeBytes of [1, 2, 3, 5, 7, 11, 16, 33, 1 << 20])
      await expectFusedSame('q.csv', new TextEncoder().encode(csv), ['A1', 'A2', 'B1', 'B2'], rangeBytes);
  });

  it('reads fast and general records, blank lines, CRLF, empty ids, no final line break, at every range size (uncounted ranges)', async () => {
    const csv =
      'id,A1,skip,A2,B1,B2\n' +
      'r1,2.5,x,2,3.25,4\n' +
      ' r2,3,x,2,3,4\n' +
      'r3 ,3,x,2,3,4\r\n' +
      'r4,+3,x,2, 3,4 \n' +
      '\n' +
      'r5,1e0,x,2,10,4\n' +
      'r6,10,,2.000,9.5,7.\r\n' +
      ',9,x,8,7,6\n' +
      'r8,3,x,2,3,4';
    for (const rangeBytes of [1, 2, 3, 5, 8, 13, 21, 40, 1 << 20]) {
      const f = await expectFusedSame('f.csv', new TextEncoder().encode(csv), ['A1', 'A2', 'B1', 'B2'], rangeBytes);
      expect(f.ids.toArray()).toEqual(['r1', 'r2', 'r3', 'r4', 'r5', 'r6', '7', 'r8']);
      expect(f.off).toBe(1); // r5's A1 = 1
      // shared bytes: the same on worker-less runs as on the pool's (the bytes are what the workers read)
      await expectFusedSame('f.csv', shared(csv), ['A1', 'A2', 'B1', 'B2'], rangeBytes, [0.4, 0, 0.35, 0.25]);
    }
  });

  it('holds every row when the records are as short as they can be (the slots sized by csvRowsBound are full)', async () => {
    // ",,2\n": an empty id, an empty unwanted cell, a one-digit score: fields + picked = 4 bytes a record
    const rows = Array.from({ length: 40 }, (_, i) => `,,${2 + (i % 9)}\n`).join('');
    const csv = `id,skip,A1\n${rows}`;
    for (const rangeBytes of [1, 2, 3, 4, 5, 8, 13, 1 << 20]) {
      const f = await expectFusedSame('s.csv', new TextEncoder().encode(csv), ['A1'], rangeBytes);
      expect(f.ids.toArray()).toEqual(Array.from({ length: 40 }, (_, i) => String(i + 1)));
      expect(Array.from(f.score)).toEqual(Array.from({ length: 40 }, (_, i) => 2 + (i % 9)));
    }
  });

  it('reads the same on a pool, whose ranges this thread shares until the workers have started', async () => {
    let seed = 11;
    const next = () => {
      seed = (seed * 48271) % 2147483647;
      return (2 + (8 * seed) / 2147483647).toFixed(3);
    };
    const csv = `id,A1,A2,A3\n${Array.from({ length: 4000 }, (_, i) => `r${i},${next()},${next()},${next()}\n`).join('')}`;
    const bytes = shared(csv);
    const plan = planFuzzy({ rows: 0, cols: 3, data: new Float64Array(0) }, [0.5, 0.3, 0.2], DEFAULT_GRADES);
    const alone = await readNumericCsvFuzzy({ name: 'p.csv', bytes }, ['A1', 'A2', 'A3'], { plan, scale: [2, 10] }, { rangeBytes: 1000 });
    const pool = createKernelPool({ size: 2, extra: numericCsvKernels });
    try {
      const r = await readNumericCsvFuzzy(
        { name: 'p.csv', bytes },
        ['A1', 'A2', 'A3'],
        { plan, scale: [2, 10] },
        { pool, rangeBytes: 1000 },
      );
      expect(r.ids.toArray()).toEqual(alone.ids.toArray());
      expect(Array.from(r.score)).toEqual(Array.from(alone.score));
      expect(Array.from(r.grade)).toEqual(Array.from(alone.grade));
      expect(r.ids.length).toBe(4000);
    } finally {
      await pool.close();
    }
  });

  it('reads a record longer than the bytes read past a range for its end (100,000-byte id)', async () => {
    const long = 'L'.repeat(100_000);
    const csv = `id,A1,A2\nr1,2,3\n${long},4,5\nr3,6,7\n`;
    for (const rangeBytes of [5, 1000, 60_000, 1 << 20]) {
      const f = await expectFusedSame('l.csv', new TextEncoder().encode(csv), ['A1', 'A2'], rangeBytes);
      expect(f.ids.toArray()).toEqual(['r1', long, 'r3']);
    }
  });

  it('names the row and column of a bad cell as readNumericCsv does, blank lines counted, at every range size', async () => {
    const good = Array.from({ length: 40 }, (_, i) => `r${i},2.25,3,4,5\n`).join('');
    const plan = planFuzzy({ rows: 0, cols: 4, data: new Float64Array(0) }, [0.25, 0.25, 0.25, 0.25], DEFAULT_GRADES);
    for (const quote of ['', '"q",2,3,4,5\n'])
      for (const rangeBytes of [7, 64, 1 << 20]) {
        const read = (body: string) =>
          readNumericCsvFuzzy(
            { name: 'b.csv', bytes: new TextEncoder().encode(`id,A1,A2,B1,B2\n${good}${body}${good}${quote}`) },
            ['A1', 'A2', 'B1', 'B2'],
            { plan, scale: [2, 10] },
            { rangeBytes },
          );
        await expect(read('x,2,3,abc,4\n')).rejects.toThrow(/b\.csv, row 42, column "B1": "abc" is not a number/);
        await expect(read('x,2,,3,4\n')).rejects.toThrow(/b\.csv, row 42, column "A2": empty cell/);
        await expect(read('x,2,3,4\n')).rejects.toThrow(/b\.csv, row 42: 4 cells but the header has 5 columns/);
        await expect(read('x,2,3,4,5,6\n')).rejects.toThrow(/b\.csv, row 42: more cells than the header's 5 columns/);
        await expect(read('x,2,3,4,5\n\ny,2,-,3,4\n')).rejects.toThrow(/b\.csv, row 44, column "A2": "-" is not a number/);
        await expect(read('x,2,3,4,5\n\n\n')).resolves.toMatchObject({ off: 0 });
      }
    await expect(
      readNumericCsvFuzzy({ name: 'e.csv', bytes: new TextEncoder().encode('id,A1\n\n  \n') }, ['A1'], {
        plan: planFuzzy({ rows: 0, cols: 1, data: new Float64Array(0) }, [1], DEFAULT_GRADES),
        scale: [2, 10],
      }),
    ).rejects.toThrow(/the portfolio is empty/);
  });

  it("evaluate: scores on the axis take the fused path; its file is the general path's, byte for byte, quoted and empty ids too", async () => {
    const dir = await portfolio(3000, '\r\n');
    await writeFile(join(dir, 'tree.json'), JSON.stringify(SCORES_TREE));
    const lines = (await readFile(join(dir, 'data.csv'), 'utf8')).split('\r\n');
    lines[5] = lines[5].replace(/^L4,/, '"L4, ""four""",');
    lines[9] = lines[9].replace(/^L8,/, ',');
    await writeFile(join(dir, 'data.csv'), lines.join('\r\n'));
    await writeFile(join(dir, 'plain.csv'), lines.filter((_, i) => i !== 5).join('\n'));
    for (const data of ['data.csv', 'plain.csv']) {
      const base = ['evaluate', '--hierarchy', join(dir, 'tree.json'), '--data', join(dir, data)];
      const general = await runCli([...base, '--format', 'csv']);
      expect(general.code, general.stderr).toBe(0);
      const fused = await runCli([...base, '--out', join(dir, 'fused.csv')]);
      expect(fused.code, fused.stderr).toBe(0);
      expect(fused.stderr).toBe('');
      const json = await runCli([...base, '--format', 'json']);
      const rows = json.json().results as { id: string; score: number; grade: string; rank: number }[];
      const text = await readFile(join(dir, 'fused.csv'), 'utf8');
      const want = `id,score,grade,rank\n${rows.map((r) => [/[",\n]/.test(r.id) ? `"${r.id.replaceAll('"', '""')}"` : r.id, String(r.score), r.grade, r.rank].join(',')).join('\n')}\n`;
      expect(text).toBe(want);
    }
  }, 60_000);

  it('evaluate: a value off the axis sends the fused path back to the general reading (mapped by range, with the warning; --strict refuses)', async () => {
    const dir = await portfolio(2000);
    await writeFile(join(dir, 'tree.json'), JSON.stringify(SCORES_TREE));
    const lines = (await readFile(join(dir, 'data.csv'), 'utf8')).split('\n');
    lines[1500] = lines[1500].replace(/,[^,]*$/, ',12.5'); // B1 off the 2–10 axis
    await writeFile(join(dir, 'data.csv'), lines.join('\n'));
    const base = ['evaluate', '--hierarchy', join(dir, 'tree.json'), '--data', join(dir, 'data.csv')];
    const json = await runCli([...base, '--format', 'json']);
    expect(json.code, json.stderr).toBe(0);
    const rows = json.json().results as { id: string; score: number; grade: string; rank: number }[];
    const out = await runCli([...base, '--out', join(dir, 'o.csv')]);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stderr).toMatch(/warning: leaf B1 \(B1\): values .* are raw values; mapped from this portfolio's range/);
    expect(await readFile(join(dir, 'o.csv'), 'utf8')).toBe(
      `id,score,grade,rank\n${rows.map((r) => [r.id, String(r.score), r.grade, r.rank].join(',')).join('\n')}\n`,
    );
    const strict = await runCli([...base, '--out', join(dir, 's.csv'), '--strict']);
    expect(strict.code).toBe(2);
    expect(strict.stderr).toMatch(/leaf B1 \(B1\): values .* are not scores, and the leaf has no rule/);
  }, 60_000);

  it('evaluate: a tree that fails before the large-portfolio path still ends its early-started workers', async () => {
    const dir = await portfolio(10);
    await writeFile(
      join(dir, 'bad-tree.json'),
      JSON.stringify({ code: 'P', name: 'P', children: [{ code: 'A1', name: 'A1', weight: 2 }] }),
    );
    const r = await runCli([
      'evaluate',
      '--hierarchy',
      join(dir, 'bad-tree.json'),
      '--data',
      join(dir, 'data.csv'),
      '--out',
      join(dir, 'o.csv'),
    ]);
    expect(r.code).toBe(2);
  });
});
