import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/numeric/random.ts';
import { ahp } from '../../src/weighting/ahp.ts';
import {
  ahpUncertainty,
  groupAhpUncertainty,
  hierarchyUncertainty,
  perturbJudgment,
  perturbMatrix,
} from '../../src/weighting/ahp-uncertainty.ts';
import { issues } from '../support/issues.ts';

const m = [
  [1, 3, 5],
  [1 / 3, 1, 2],
  [1 / 5, 1 / 2, 1],
];
const close = [
  [1, 1, 3],
  [1, 1, 3],
  [1 / 3, 1 / 3, 1],
];

describe('weight uncertainty', () => {
  it('zero perturbation gives zero spread (step 0, factor 1)', () => {
    for (const opts of [{ step: 0 }, { rule: 'log-uniform' as const, factor: 1 }]) {
      const r = ahpUncertainty(m, { draws: 50, seed: 3, ...opts });
      const w = ahp(m).weights;
      r.weights.forEach((s, i) => {
        expect(s.sd).toBeLessThan(1e-15);
        expect(s.max - s.min).toBe(0);
        expect(s.mean).toBeCloseTo(w[i], 14);
      });
      expect(r.sameRanking).toBe(1);
      expect(r.rankProbabilities).toEqual([
        [1, 0, 0],
        [0, 1, 0],
        [0, 0, 1],
      ]);
    }
  });

  it('the step rule moves an intensity by −δ, 0 or +δ, crossing 1 to the other side, capped at 9', () => {
    const rng = createRng(5);
    const seen = new Set<string>();
    for (let k = 0; k < 200; k++) seen.add(perturbJudgment(1, rng, { rule: 'step', step: 0.5, factor: 1 }).toFixed(6));
    expect([...seen].sort()).toEqual(['0.666667', '1.000000', '1.500000']);
    for (let k = 0; k < 100; k++) {
      const v = perturbJudgment(9, rng, { rule: 'step', step: 0.5, factor: 1 });
      expect([8.5, 9]).toContain(v);
      const u = perturbJudgment(1 / 3, rng, { rule: 'step', step: 0.5, factor: 1 });
      expect([1 / 2.5, 1 / 3, 1 / 3.5].some((x) => Math.abs(x - u) < 1e-15)).toBe(true);
    }
  });

  it('the log-uniform rule stays within [a/f, a·f] and keeps reciprocity', () => {
    const rng = createRng(11);
    for (let k = 0; k < 100; k++) {
      const p = perturbMatrix(m, rng, { rule: 'log-uniform', step: 0, factor: 1.5 }) as number[][];
      expect(p[0][1] * p[1][0]).toBeCloseTo(1, 14);
      expect(p[0][2]).toBeGreaterThanOrEqual(5 / 1.5 - 1e-12);
      expect(p[0][2]).toBeLessThanOrEqual(5 * 1.5 + 1e-12);
    }
  });

  it('seeded: the same seed gives the same result, another seed another', () => {
    const a = ahpUncertainty(m, { draws: 300, seed: 42 });
    const b = ahpUncertainty(m, { draws: 300, seed: 42 });
    const c = ahpUncertainty(m, { draws: 300, seed: 43 });
    expect(b).toEqual(a);
    expect(c.weights[0].mean).not.toBe(a.weights[0].mean);
  });

  it('intervals contain the nominal weight; rank probabilities sum to 1; close elements trade ranks', () => {
    const r = ahpUncertainty(close, { draws: 1000, seed: 1 });
    r.weights.forEach((s) => {
      expect(s.lower).toBeLessThanOrEqual(s.nominal);
      expect(s.upper).toBeGreaterThanOrEqual(s.nominal);
      expect(s.min).toBeLessThanOrEqual(s.lower);
      expect(s.max).toBeGreaterThanOrEqual(s.upper);
    });
    for (const p of r.rankProbabilities) expect(p.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
    for (let rank = 0; rank < 3; rank++) expect(r.rankProbabilities.reduce((s, p) => s + p[rank], 0)).toBeCloseTo(1, 12);
    // elements 0 and 1 are judged equal: each is first in a good share of the draws
    expect(r.rankProbabilities[0][0]).toBeGreaterThan(0.2);
    expect(r.rankProbabilities[1][0]).toBeGreaterThan(0.2);
    expect(r.rankProbabilities[2][2]).toBe(1);
    // a larger step spreads the weights more
    const wide = ahpUncertainty(close, { draws: 1000, seed: 1, step: 1.5 });
    expect(wide.weights[2].sd).toBeGreaterThan(r.weights[2].sd);
  });

  it('group (AIJ and AIP) and tree', () => {
    const experts = [{ matrix: m }, { matrix: close }];
    for (const aggregation of ['aij', 'aip'] as const) {
      const r = groupAhpUncertainty(experts, { draws: 200, seed: 2, aggregation });
      expect(r.weights).toHaveLength(3);
      expect(r.weights[0].sd).toBeGreaterThan(0);
      const zero = groupAhpUncertainty(experts, { draws: 20, seed: 2, aggregation, step: 0 });
      zero.weights.forEach((s) => {
        expect(s.sd).toBeLessThan(1e-15);
      });
    }
    const tree = {
      code: 'G',
      name: 'g',
      children: [
        { code: 'A', name: 'a', weight: 0.5, experts: experts, children: ['A1', 'A2', 'A3'].map((c) => ({ code: c, name: c })) },
        { code: 'B', name: 'b', weight: 0.5 },
      ],
    };
    const h = hierarchyUncertainty(tree, { draws: 200, seed: 2 });
    expect(h.codes).toEqual(['A1', 'A2', 'A3', 'B']);
    expect(h.weights[3].sd).toBe(0);
    expect(h.weights[3].nominal).toBe(0.5);
    expect(h.weights[0].sd).toBeGreaterThan(0);
  });

  it('errors name the option', () => {
    expect(issues(() => ahpUncertainty(m, { draws: 0 }))[0].path).toEqual(['draws']);
    expect(issues(() => ahpUncertainty(m, { draws: 1.5 }))[0].path).toEqual(['draws']);
    expect(issues(() => ahpUncertainty(m, { seed: 0.5 }))[0].path).toEqual(['seed']);
    expect(issues(() => ahpUncertainty(m, { rule: 'normal' as never }))[0].path).toEqual(['rule']);
    expect(issues(() => ahpUncertainty(m, { step: -1 }))[0].path).toEqual(['step']);
    expect(issues(() => ahpUncertainty(m, { factor: 0.5 }))[0].path).toEqual(['factor']);
  });
});
