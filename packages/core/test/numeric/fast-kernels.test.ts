import { describe, expect, it } from 'vitest';
import { monteCarloRanks } from '../../src/evaluation/monte-carlo.ts';
import { fastLog, sumZLogZ } from '../../src/numeric/fast-log.ts';
import { argsortAscending } from '../../src/numeric/radix-sort.ts';
import { createRng, randomDirichlet } from '../../src/numeric/random.ts';
import { rankDescending, ranksByArgsort, ranksDescending } from '../../src/numeric/ranks.ts';

describe('table-driven logarithm', () => {
  it('agrees with Math.log to a few ulp over 40 orders of magnitude', () => {
    const rng = createRng(5);
    for (let k = 0; k < 200_000; k++) {
      const x = 10 ** (40 * rng.next() - 20);
      const exact = Math.log(x);
      expect(Math.abs(fastLog(x) - exact)).toBeLessThanOrEqual(1e-15 * Math.max(1, Math.abs(exact)));
    }
  });

  it('takes the exact path for 0, subnormals, negatives, infinity', () => {
    expect(fastLog(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(fastLog(5e-324)).toBe(Math.log(5e-324));
    expect(fastLog(1e-310)).toBe(Math.log(1e-310));
    expect(Number.isNaN(fastLog(-1))).toBe(true);
    expect(fastLog(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
    expect(fastLog(1)).toBe(0);
  });

  it('Σ z ln z matches the Math.log sum (0·ln 0 = 0, z ≤ 0 skipped)', () => {
    const rng = createRng(9);
    const data = Float64Array.from({ length: 10_000 }, (_, i) => (i % 97 === 0 ? 0 : rng.next() * 50 - 1));
    const [a, b] = [0.02, 0.0];
    let exact = 0;
    for (const v of data) {
      const z = a * v + b;
      if (z > 0) exact += z * Math.log(z);
    }
    expect(Math.abs(sumZLogZ(data, 0, data.length, a, b) - exact)).toBeLessThan(1e-12 * Math.abs(exact));
    expect(sumZLogZ(data, 5, 1, 0, 0)).toBe(0);
  });

  it('adds subnormal z exactly in the second pass and nothing for z ≤ 0', () => {
    const data = Float64Array.from([1e-310, 0, -3, 0.5, 5e-324]);
    const exact = 1e-310 * Math.log(1e-310) + 0.5 * Math.log(0.5) + 5e-324 * Math.log(5e-324);
    expect(sumZLogZ(data, 0, data.length, 1, 0)).toBe(exact);
    expect(sumZLogZ(Float64Array.from([1e-310]), 0, 1, 1, 0)).toBe(1e-310 * Math.log(1e-310));
    expect(sumZLogZ(Float64Array.from([0, -1]), 0, 2, 1, 0)).toBe(0);
  });
});

/** Ascending order by a comparator: −0 before +0, ties by index. */
function expectedOrder(x: number[]): number[] {
  return x
    .map((_, i) => i)
    .sort((p, q) =>
      x[p] < x[q]
        ? -1
        : x[p] > x[q]
          ? 1
          : Object.is(x[p], -0) && Object.is(x[q], 0)
            ? -1
            : Object.is(x[p], 0) && Object.is(x[q], -0)
              ? 1
              : p - q,
    );
}

describe('radix argsort and ranks', () => {
  it('bucket ranks equal the counting definition for even, skewed, tied and infinite values (both paths)', () => {
    const rng = createRng(6);
    const counting = (x: Float64Array) => Array.from(x, (v) => x.filter((u) => u > v).length + 1);
    const cases: Float64Array[] = [
      Float64Array.from({ length: 3000 }, () => rng.next()),
      Float64Array.from({ length: 3000 }, () => Math.floor(rng.next() * 40) / 7), // heavy ties: the argsort path
      Float64Array.from({ length: 3000 }, () => Math.floor(rng.next() * 1000) / 7), // a few ties each: the bucket path
      Float64Array.from({ length: 3000 }, (_, i) => (i === 0 ? 1e6 : rng.next())), // one outlier: uneven buckets
      Float64Array.from({ length: 500 }, (_, i) => (i % 3 === 0 ? -0 : i % 3 === 1 ? 0 : rng.next() - 0.5)),
      Float64Array.from([1, Number.POSITIVE_INFINITY, -5, Number.NEGATIVE_INFINITY, 1]),
      Float64Array.from([1e308, -1e308, 0]),
      Float64Array.from([2, 2, 2]),
      Float64Array.from([7]),
      new Float64Array(0),
    ];
    for (const x of cases) {
      const expected = counting(x);
      expect(Array.from(ranksDescending(x))).toEqual(expected);
      expect(Array.from(ranksByArgsort(x))).toEqual(expected);
    }
  });

  it('orders values that differ only in their low 32 bits, in short runs and in runs long enough for the full sort', () => {
    const rng = createRng(5);
    for (const [runs, perRun] of [
      [200, 5],
      [3, 32],
      [2, 33],
      [1, 500],
    ]) {
      const x: number[] = [];
      for (let r = 0; r < runs; r++) {
        const base = (rng.next() < 0.5 ? -1 : 1) * (1 + Math.floor(rng.next() * 50));
        for (let k = 0; k < perRun; k++) x.push(base + (rng.next() < 0.2 ? 0 : base * 2 ** -40 * Math.floor(rng.next() * 1000)));
      }
      for (let i = x.length - 1; i > 0; i--) {
        const j = Math.floor(rng.next() * (i + 1));
        [x[i], x[j]] = [x[j], x[i]];
      }
      expect(Array.from(argsortAscending(Float64Array.from(x)))).toEqual(expectedOrder(x));
    }
  });

  it('sorts negatives, zeros, ties and extremes; stable; ranks equal the counting definition', () => {
    const rng = createRng(2);
    for (let trial = 0; trial < 30; trial++) {
      const n = 1 + Math.floor(rng.next() * 400);
      const pool = [-0, 0, 1, -1, 1e308, -1e308, 5e-324, Number.MIN_VALUE, 2.5, 2.5];
      const x = Array.from({ length: n }, () =>
        rng.next() < 0.3 ? pool[Math.floor(rng.next() * pool.length)] : (rng.next() - 0.5) * 10 ** (rng.next() * 20),
      );
      expect(Array.from(argsortAscending(Float64Array.from(x)))).toEqual(expectedOrder(x));
      const ranks = rankDescending(x);
      ranks.forEach((r, i) => expect(r).toBe(x.filter((v) => v > x[i]).length + 1));
    }
  });
});

describe('Monte-Carlo ranks', () => {
  it('equal to a direct implementation (comparator sort, ties by index) on the same draws', () => {
    const rng = createRng(4);
    const m = 40;
    const n = 7;
    const values = Array.from({ length: m }, (_, i) => Array.from({ length: n }, () => (i === 3 ? 0.5 : rng.next())));
    values[7] = [...values[5]]; // an exact tie: 5 ranks before 7 every time
    const weights = Array.from(randomDirichlet(rng, new Float64Array(n).fill(3)));
    const draws = 3000;
    const ours = monteCarloRanks(weights, values, { draws, seed: 11, concentration: 50 });
    const r = createRng(11);
    const alpha = Float64Array.from(weights, (w) => Math.max(w * 50, 1e-9));
    const w = new Float64Array(n);
    const counts = Array.from({ length: m }, () => new Array<number>(m).fill(0));
    for (let d = 0; d < draws; d++) {
      randomDirichlet(r, alpha, w);
      const s = values.map((row) => row.reduce((acc, v, j) => acc + w[j] * v, 0));
      const order = s.map((_, i) => i).sort((a, b) => s[b] - s[a] || a - b);
      order.forEach((i, rank) => counts[i][rank]++);
    }
    expect(ours.probabilities).toEqual(counts.map((row) => row.map((c) => c / draws)));
    const rank5 = ours.probabilities[5].findIndex((p) => p > 0);
    expect(ours.probabilities[7][rank5]).toBe(0);
  });
});
