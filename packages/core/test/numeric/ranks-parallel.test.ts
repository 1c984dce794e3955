/**
 * Ranking on a pool gives `ranksDescending`'s ranks exactly: scores with and without ties, values
 * so uneven that the argsort ranks, all equal, too few for the pool, not in shared memory.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createRng } from '../../src/numeric/random.ts';
import { ranksDescending } from '../../src/numeric/ranks.ts';
import { createKernelPool, ranksDescendingParallel } from '../../src/parallel.ts';

const pools = [createKernelPool({ size: 2 }), createKernelPool({ size: 3 })];
afterAll(async () => {
  for (const p of pools) await p.close();
});

/** The first index where the ranks differ, or −1 (a short message for a failure on 200,000 values). */
function firstDifference(a: Int32Array, b: Int32Array): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i;
  return -1;
}

function shared(n: number, value: (i: number) => number): Float64Array {
  const x = new Float64Array(new SharedArrayBuffer(n * 8));
  for (let i = 0; i < n; i++) x[i] = value(i);
  return x;
}

describe('ranksDescendingParallel', () => {
  const rng = createRng(5);
  const cases: [string, Float64Array][] = [
    ['fce scores on [2, 10]', shared(200_000, () => 2 + 8 * rng.next())],
    ['scores rounded to 3 decimals (many ties)', shared(150_000, () => Math.round((2 + 8 * rng.next()) * 1000) / 1000)],
    ['a few values only (uneven buckets: the argsort ranks)', shared(100_000, (i) => (i % 7) * 1.5)],
    ['one far outlier', shared(90_000, (i) => (i === 17 ? 1e12 : rng.next()))],
    ['all equal', shared(70_000, () => 3)],
    ['too few for the pool', shared(1000, () => rng.next())],
  ];
  for (const [name, x] of cases)
    it(name, async () => {
      const want = ranksDescending(x);
      for (const pool of pools) expect(firstDifference(await ranksDescendingParallel(pool, x), want)).toBe(-1);
    });

  it('ranks on this thread when the values are not in shared memory', async () => {
    const x = Float64Array.from({ length: 100_000 }, () => rng.next());
    expect(firstDifference(await ranksDescendingParallel(pools[0], x), ranksDescending(x))).toBe(-1);
  });

  it('ranks [3, 5, 5] as [3, 1, 1] in a large input too', async () => {
    const x = shared(100_000, (i) => (i < 2 ? 5 : i === 2 ? 3 : rng.next()));
    const r = await ranksDescendingParallel(pools[1], x);
    expect([r[0], r[1], r[2]]).toEqual([1, 1, 3]);
  });
});
