import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMBINE_RULES, combineWeights } from '../../src/weighting/combine.ts';
import { issues } from '../support/issues.ts';

const s = [0.5, 0.3, 0.2];
const o = [0.2, 0.2, 0.6];

const simplex = (n: number) =>
  fc.array(fc.double({ min: 0.001, max: 1, noNaN: true }), { minLength: n, maxLength: n }).map((v) => {
    const t = v.reduce((a, b) => a + b, 0);
    return v.map((x) => x / t);
  });

describe('combination of subjective and objective weights (SPEC §3.7, [003])', () => {
  it('linear: α·s + (1 − α)·o with α = β = 0.5 by default ([003] §3), both inputs reported', () => {
    const r = combineWeights(s, o);
    expect(r.weights).toEqual([0.35, 0.25, 0.4]);
    expect(r.inputs).toEqual({ subjective: s, objective: o });
    expect(r).toMatchObject({ rule: 'linear', alpha: 0.5, beta: 0.5 });
    const a = combineWeights(s, o, { alpha: 0.7 });
    [0.41, 0.27, 0.32].forEach((w, j) => expect(a.weights[j]).toBeCloseTo(w, 15));
    expect(a.beta).toBeCloseTo(0.3, 15);
    expect(combineWeights(s, o, { alpha: 1 }).weights).toEqual(s);
    expect(combineWeights(s, o, { alpha: 0 }).weights).toEqual(o);
  });

  it('multiplicative: s·o normalised', () => {
    // s·o = (0.10, 0.06, 0.12), Σ = 0.28
    const r = combineWeights(s, o, { rule: 'multiplicative' });
    [0.1 / 0.28, 0.06 / 0.28, 0.12 / 0.28].forEach((w, j) => expect(r.weights[j]).toBeCloseTo(w, 15));
    expect(r.alpha).toBeUndefined();
  });

  it('min-discrimination: √(s·o) normalised, and it minimises the summed relative entropies', () => {
    const r = combineWeights(s, o, { rule: 'min-discrimination' });
    const root = [Math.sqrt(0.1), Math.sqrt(0.06), Math.sqrt(0.12)];
    const t = root.reduce((a, b) => a + b, 0);
    root.forEach((x, j) => expect(r.weights[j]).toBeCloseTo(x / t, 15));
    const objective = (w: number[]) => w.reduce((acc, x, j) => acc + x * Math.log(x / s[j]) + x * Math.log(x / o[j]), 0);
    const best = objective(r.weights);
    for (const d of [
      [0.01, -0.01, 0],
      [0, 0.02, -0.02],
      [-0.01, 0, 0.01],
    ])
      expect(objective(r.weights.map((x, j) => x + d[j]))).toBeGreaterThan(best);
  });

  it('game-theoretic: solves the 2×2 optimality system exactly', () => {
    // s·s = 0.38, s·o = 0.28, o·o = 0.44; det = 0.38·0.44 − 0.28² = 0.0888
    // a1 = (0.38·0.44 − 0.28·0.44)/0.0888 = 0.044/0.0888, a2 = (0.38·0.44 − 0.38·0.28)/0.0888 = 0.0608/0.0888
    const g = combineWeights(s, o, { rule: 'game' });
    expect(g.gameCoefficients?.[0]).toBeCloseTo(0.044 / 0.0888, 14);
    expect(g.gameCoefficients?.[1]).toBeCloseTo(0.0608 / 0.0888, 14);
    expect(g.alpha).toBeCloseTo(0.044 / 0.1048, 14);
    expect(g.beta).toBeCloseTo(0.0608 / 0.1048, 14);
    s.forEach((x, j) => expect(g.weights[j]).toBeCloseTo((0.044 * x + 0.0608 * o[j]) / 0.1048, 14));
    // the first-order conditions hold for (a1, a2)
    const [a1, a2] = g.gameCoefficients as [number, number];
    expect(a1 * 0.38 + a2 * 0.28).toBeCloseTo(0.38, 14);
    expect(a1 * 0.28 + a2 * 0.44).toBeCloseTo(0.44, 14);
    expect(g.warnings).toEqual([]);
  });

  it('game-theoretic: identical inputs give the input; a negative coefficient is reported', () => {
    const same = combineWeights(s, s, { rule: 'game' });
    same.weights.forEach((w, j) => expect(w).toBeCloseTo(s[j], 15));
    expect(same.warnings[0]).toMatch(/proportional/);
    // s·o = 0.58 > s·s = 0.52 makes a1 negative
    const neg = combineWeights([0.6, 0.4], [0.9, 0.1], { rule: 'game' });
    expect(neg.gameCoefficients?.[0]).toBeLessThan(0);
    expect(neg.warnings[0]).toMatch(/absolute values/);
    expect(neg.weights.every((w) => w >= 0)).toBe(true);
  });

  it('properties: every rule sums to 1, stays non-negative, and is permutation-equivariant', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 12 }).chain((n) => fc.tuple(simplex(n), simplex(n), fc.integer({ min: 0, max: 1000 }))),
        fc.constantFrom(...COMBINE_RULES),
        fc.double({ min: 0, max: 1, noNaN: true }),
        ([a, b, shift], rule, alpha) => {
          const r = combineWeights(a, b, { rule, alpha, normalise: true });
          expect(Math.abs(r.weights.reduce((x, y) => x + y, 0) - 1)).toBeLessThan(1e-12);
          for (const w of r.weights) expect(w).toBeGreaterThanOrEqual(0);
          const n = a.length;
          const p = a.map((_, k) => (k + shift) % n);
          const q = combineWeights(
            p.map((k) => a[k]),
            p.map((k) => b[k]),
            { rule, alpha, normalise: true },
          );
          p.forEach((orig, k) => expect(q.weights[k]).toBeCloseTo(r.weights[orig], 12));
        },
      ),
    );
  });

  it('--normalise rescales the inputs and reports them as used', () => {
    const r = combineWeights([0.6, 0.6], [1, 3], { normalise: true });
    expect(r.inputs).toEqual({ subjective: [0.5, 0.5], objective: [0.25, 0.75] });
    expect(r.weights).toEqual([0.375, 0.625]);
    expect(r.warnings.join(' ')).toMatch(/subjective weights summed to 1.2; normalised/);
  });

  it('validation names the vector and the index', () => {
    expect(issues(() => combineWeights([0.5, 0.5], [0.5, -0.5]))[0]).toMatchObject({
      path: ['objective', 1],
      message: expect.stringMatching(/-0.5 is negative/),
    });
    expect(issues(() => combineWeights([0.5, Number.NaN], [0.5, 0.5]))[0]).toMatchObject({
      path: ['subjective', 1],
      message: expect.stringMatching(/not a finite number/),
    });
    expect(issues(() => combineWeights([0.5, 0.5], [1]))[0]).toMatchObject({
      path: ['objective'],
      message: expect.stringMatching(/1 weights but subjective has 2/),
    });
    expect(issues(() => combineWeights([], []))[0]).toMatchObject({ path: ['subjective'], message: expect.stringMatching(/empty/) });
    expect(issues(() => combineWeights([0.6, 0.6], [0.5, 0.5]))[0]).toMatchObject({
      path: ['subjective'],
      message: expect.stringMatching(/sum to 1.2, not 1/),
    });
    expect(issues(() => combineWeights([0, 0], [0.5, 0.5], { normalise: true }))[0]).toMatchObject({
      path: ['subjective'],
      message: expect.stringMatching(/sum to 0/),
    });
    expect(issues(() => combineWeights(s, o, { alpha: 2 }))[0]).toMatchObject({ path: ['alpha'] });
    expect(issues(() => combineWeights(s, o, { alpha: Number.NaN }))[0]).toMatchObject({ path: ['alpha'] });
    expect(issues(() => combineWeights(s, o, { rule: 'median' as never }))[0]).toMatchObject({ path: ['rule'] });
    expect(issues(() => combineWeights(s, o, { labels: ['a'] }))[0]).toMatchObject({ path: ['labels'] });
    expect(issues(() => combineWeights([1, 0], [0, 1], { rule: 'multiplicative' }))[0].message).toMatch(/no indicator weighted by both/);
    expect(issues(() => combineWeights([1, 0], [0, 1], { rule: 'min-discrimination' }))[0].message).toMatch(
      /no indicator weighted by both/,
    );
  });
});
