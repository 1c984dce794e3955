import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors.ts';
import { fuzzyEvaluateBatch, fuzzyEvaluateParallel } from '../../src/evaluation/fuzzy-batch.ts';
import { graGradesBatch, graGradesParallel } from '../../src/evaluation/grey-batch.ts';
import { topsisBatch, topsisParallel } from '../../src/evaluation/topsis.ts';
import { createRng } from '../../src/numeric/random.ts';
import { poolSize, sharedColumnMajor } from '../../src/numeric/worker-pool.ts';
import { entropyWeightsBatch, entropyWeightsParallel } from '../../src/weighting/entropy.ts';

function data(rows: number, cols: number) {
  const x = sharedColumnMajor(rows, cols);
  const rng = createRng(8);
  for (let i = 0; i < x.data.length; i++) x.data[i] = 2 + 8 * rng.next();
  return x;
}

describe('parallel batch kernels (worker threads over shared memory)', () => {
  it('give exactly the single-thread numbers', async () => {
    expect(poolSize()).toBeGreaterThanOrEqual(1);
    const x = data(20_003, 7);
    const w = [0.1, 0.2, 0.05, 0.15, 0.2, 0.1, 0.2];
    const directions = ['benefit', 'cost', 'benefit', 'benefit', 'cost', 'benefit', 'cost'] as const;
    const e = await entropyWeightsParallel(x, { directions: [...directions] });
    expect(e).toEqual(entropyWeightsBatch(x, { directions: [...directions] }));
    const t = await topsisParallel(x, w, { directions: [...directions] });
    const s = topsisBatch(x, w, { directions: [...directions] });
    expect(Array.from(t.closeness)).toEqual(Array.from(s.closeness));
    expect(Array.from(t.rank)).toEqual(Array.from(s.rank));
    const f = await fuzzyEvaluateParallel(x, w);
    const g = fuzzyEvaluateBatch(x, w);
    expect(Array.from(f.b)).toEqual(Array.from(g.b));
    expect(Array.from(f.grade)).toEqual(Array.from(g.grade));
    expect(Array.from(f.score)).toEqual(Array.from(g.score));
    const gp = await graGradesParallel(x, w, [...directions]);
    expect(Array.from(gp)).toEqual(Array.from(graGradesBatch(x, w, [...directions])));
  });

  it('data outside shared memory runs on this thread, same result', async () => {
    const x = data(500, 3);
    const plain = { rows: x.rows, cols: x.cols, data: Float64Array.from(x.data) };
    expect(await entropyWeightsParallel(plain)).toEqual(entropyWeightsBatch(x));
  });

  it('bad cells are reported with their [row, column], from a worker too', async () => {
    const x = data(10_000, 4);
    x.data[2 * 10_000 + 17] = Number.NaN;
    await expect(entropyWeightsParallel(x)).rejects.toThrow(/\[17\]\[2\]: NaN is not a finite number/);
    const y = data(10_000, 4);
    y.data[3 * 10_000 + 9_999] = Number.POSITIVE_INFINITY;
    const err = await fuzzyEvaluateParallel(y, [0.25, 0.25, 0.25, 0.25]).catch((e) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).issues[0].path).toEqual([9_999, 3]);
    await expect(graGradesParallel(y, [0.25, 0.25, 0.25, 0.25], ['benefit', 'benefit', 'cost', 'cost'])).rejects.toThrow(
      /Infinity is not a finite number/,
    );
  });

  it('hold a program open while they work and let it end when they are done', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scf-pool-'));
    const script = join(dir, 'pool.mts');
    const src = (f: string) => new URL(`../../src/${f}`, import.meta.url).href;
    writeFileSync(
      script,
      `import { sharedColumnMajor } from '${src('numeric/worker-pool.ts')}';
import { entropyWeightsParallel } from '${src('weighting/entropy.ts')}';
const x = sharedColumnMajor(1000, 4);
for (let i = 0; i < x.data.length; i++) x.data[i] = (i * 7919) % 101;
const r = await entropyWeightsParallel(x);
console.log(r.weights.length);
`,
    );
    const r = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', timeout: 60_000 });
    expect(r.signal).toBeNull(); // a hang ends in the timeout's SIGTERM
    expect(r.status).toBe(0); // 13 would mean the pending await was dropped
    expect(r.stdout.trim()).toBe('4');
  }, 70_000);
});
