import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors.ts';
import { fuzzyEvaluateBatch } from '../../src/evaluation/fuzzy-batch.ts';
import { graGradesBatch } from '../../src/evaluation/grey-batch.ts';
import { topsisBatch } from '../../src/evaluation/topsis.ts';
import { createRng } from '../../src/numeric/random.ts';
import {
  createKernelPool,
  entropyWeightsParallel,
  fuzzyEvaluateParallel,
  graGradesParallel,
  type KernelModule,
  sharedColumnMajor,
  topsisParallel,
} from '../../src/parallel.ts';
import { entropyWeightsBatch } from '../../src/weighting/entropy.ts';
import type { kernels as testKernels } from './crash-kernels.ts';

function data(rows: number, cols: number) {
  const x = sharedColumnMajor(rows, cols);
  const rng = createRng(8);
  for (let i = 0; i < x.data.length; i++) x.data[i] = 2 + 8 * rng.next();
  return x;
}

const pool = createKernelPool({ size: 2 });
afterAll(() => pool.close());
const extra: KernelModule<typeof testKernels> = { url: new URL('./crash-kernels.ts', import.meta.url).href };

describe('parallel batch kernels (worker threads over shared memory)', () => {
  it('give exactly the single-thread numbers', async () => {
    expect(pool.size).toBe(2);
    const x = data(20_003, 7);
    const w = [0.1, 0.2, 0.05, 0.15, 0.2, 0.1, 0.2];
    const directions = ['benefit', 'cost', 'benefit', 'benefit', 'cost', 'benefit', 'cost'] as const;
    const e = await entropyWeightsParallel(pool, x, { directions: [...directions] });
    expect(e).toEqual(entropyWeightsBatch(x, { directions: [...directions] }));
    const t = await topsisParallel(pool, x, w, { directions: [...directions] });
    const s = topsisBatch(x, w, { directions: [...directions] });
    expect(Array.from(t.closeness)).toEqual(Array.from(s.closeness));
    expect(Array.from(t.rank)).toEqual(Array.from(s.rank));
    const f = await fuzzyEvaluateParallel(pool, x, w);
    const g = fuzzyEvaluateBatch(x, w);
    expect(Array.from(f.b)).toEqual(Array.from(g.b));
    expect(Array.from(f.grade)).toEqual(Array.from(g.grade));
    expect(Array.from(f.score)).toEqual(Array.from(g.score));
    const gp = await graGradesParallel(pool, x, w, [...directions]);
    expect(Array.from(gp)).toEqual(Array.from(graGradesBatch(x, w, [...directions])));
  });

  it('data outside shared memory runs on this thread, same result', async () => {
    const x = data(500, 3);
    const plain = { rows: x.rows, cols: x.cols, data: Float64Array.from(x.data) };
    expect(await entropyWeightsParallel(pool, plain)).toEqual(entropyWeightsBatch(x));
  });

  it('bad cells are reported with their [row, column], from a worker too', async () => {
    const x = data(10_000, 4);
    x.data[2 * 10_000 + 17] = Number.NaN;
    await expect(entropyWeightsParallel(pool, x)).rejects.toThrow(/\[17\]\[2\]: NaN is not a finite number/);
    const y = data(10_000, 4);
    y.data[3 * 10_000 + 9_999] = Number.POSITIVE_INFINITY;
    const err = await fuzzyEvaluateParallel(pool, y, [0.25, 0.25, 0.25, 0.25]).catch((e) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).issues[0].path).toEqual([9_999, 3]);
    await expect(graGradesParallel(pool, y, [0.25, 0.25, 0.25, 0.25], ['benefit', 'benefit', 'cost', 'cost'])).rejects.toThrow(
      /Infinity is not a finite number/,
    );
  });

  it('hold a program open while they work and let it end when they are done', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scf-pool-'));
    const script = join(dir, 'pool.mts');
    const src = (f: string) => new URL(`../../src/${f}`, import.meta.url).href;
    writeFileSync(
      script,
      `import { createKernelPool, entropyWeightsParallel, sharedColumnMajor } from '${src('parallel.ts')}';
const x = sharedColumnMajor(1000, 4);
for (let i = 0; i < x.data.length; i++) x.data[i] = (i * 7919) % 101;
const r = await entropyWeightsParallel(createKernelPool({ size: 2 }), x); // never closed: idle workers must not hold the process
console.log(r.weights.length);
`,
    );
    const r = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', timeout: 60_000 });
    expect(r.signal).toBeNull(); // a hang ends in the timeout's SIGTERM
    expect(r.status, r.stderr).toBe(0); // 13 would mean the pending await was dropped
    expect(r.stdout.trim()).toBe('4');
  }, 70_000);

  it('cancel: pending tasks reject, every worker ends (by cancel() and by an AbortSignal)', async () => {
    const own = createKernelPool({ size: 2 });
    const running = fuzzyEvaluateParallel(own, data(400_000, 8), new Array(8).fill(1 / 8));
    own.cancel();
    await expect(running).rejects.toMatchObject({ name: 'AbortError' });
    await own.ended; // every worker thread has exited
    expect(own.state).toBe('cancelled');
    await expect(own.run('columnStats', data(10, 2), 0, 2)).rejects.toMatchObject({ name: 'AbortError' });

    const ac = new AbortController();
    const p = createKernelPool({ size: 2, signal: ac.signal, extra });
    const tasks = [p.run('sleep', 3_000), p.run('sleep', 3_000), p.run('sleep', 1)];
    await new Promise((r) => setTimeout(r, 200));
    ac.abort(new Error('stopped by the user'));
    for (const t of await Promise.allSettled(tasks))
      expect(t).toMatchObject({ status: 'rejected', reason: { message: 'stopped by the user' } });
    await p.ended;
    expect(p.state).toBe('cancelled');
  }, 60_000);

  it('when one worker fails, every worker ends and every pending task rejects', async () => {
    for (const fail of ['exit', 'throwLater'] as const) {
      const p = createKernelPool({ size: 2, extra });
      const slow = p.run('sleep', 3_000); // busy on the other worker
      const failing = p.run(fail);
      const queued = [p.run('sleep', 1), p.run('columnStats', data(10, 2), 0, 2)]; // waiting for a worker
      const settled = await Promise.allSettled([slow, ...queued, failing]);
      const reasons = settled.map((s) => (s.status === 'rejected' ? String(s.reason) : 'resolved'));
      expect(reasons[0], fail).toMatch(fail === 'exit' ? /exited \(code 3\)/ : /failed on purpose/);
      expect(reasons.slice(0, 3), fail).toEqual(new Array(3).fill(reasons[0]));
      // exit never replies, so its own task rejects too; throwLater posts its reply and then throws,
      // and the two reach the main thread in either order on a loaded machine
      if (fail === 'exit') expect(reasons[3]).toBe(reasons[0]);
      else expect(['resolved', reasons[0]]).toContain(reasons[3]);
      await p.ended; // both worker threads exited, the sleeping one terminated
      expect(p.state).toBe('failed');
      await expect(p.run('sleep', 1)).rejects.toBeDefined();
    }
  }, 60_000);

  it('checks kernel names and arguments at compile time', () => {
    // @ts-expect-error: no kernel of that name
    const bad = () => pool.run('noSuchKernel', 1);
    // @ts-expect-error: columnStats takes (x, from, to)
    const wrong = () => pool.run('columnStats', 'x', 0, 1);
    expect([bad, wrong].every((f) => typeof f === 'function')).toBe(true);
  });
});
