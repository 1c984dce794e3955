import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { G1_SCALE, g1Group, g1Weights } from '../../src/weighting/g1.ts';
import { issues } from '../support/issues.ts';

describe('G1 / order-relation method (SPEC §3.5; Guo 2002)', () => {
  it('worked by the formula: x1 ≻ x2 ≻ x3 ≻ x4, r = 1.2, 1.4, 1.0', () => {
    // w4 = (1 + r2r3r4 + r3r4 + r4)^(−1) = (1 + 1.68 + 1.4 + 1)^(−1) = 1/5.08; w3 = r4·w4, w2 = r3·w3, w1 = r2·w2
    const r = g1Weights(['x1', 'x2', 'x3', 'x4'], [1.2, 1.4, 1.0]);
    expect(r.weights[3]).toBeCloseTo(1 / 5.08, 15);
    expect(r.weights[2]).toBeCloseTo(1 / 5.08, 15);
    expect(r.weights[1]).toBeCloseTo(1.4 / 5.08, 15);
    expect(r.weights[0]).toBeCloseTo(1.68 / 5.08, 15);
    expect(r.weights.map((w) => Number(w.toFixed(4)))).toEqual([0.3307, 0.2756, 0.1969, 0.1969]);
  });

  it('accepts the verbal scale in English and Chinese', () => {
    expect(G1_SCALE).toMatchObject({ equal: 1, slightly: 1.2, clearly: 1.4, strongly: 1.6, extremely: 1.8, 明显重要: 1.4 });
    const a = g1Weights(['a', 'b', 'c'], ['slightly', '明显重要']);
    const b = g1Weights(['a', 'b', 'c'], [1.2, 1.4]);
    expect(a.weights).toEqual(b.weights);
    expect(a.ratios).toEqual([1.2, 1.4]);
    // the docstring example: [1.68, 1.4, 1]/4.08
    [1.68, 1.4, 1].forEach((x, k) => expect(a.weights[k]).toBeCloseTo(x / 4.08, 15));
  });

  it('reports the weights in the order given and in the original indicator order', () => {
    const r = g1Weights(['C3', 'C1', 'C2'], [1.6, 1.2], { indicators: ['C1', 'C2', 'C3'] });
    expect(r.order).toEqual(['C3', 'C1', 'C2']);
    expect(r.indicators).toEqual(['C1', 'C2', 'C3']);
    expect(r.indicatorWeights).toEqual([r.weights[1], r.weights[2], r.weights[0]]);
    expect(r.byIndicator).toEqual({ C3: r.weights[0], C1: r.weights[1], C2: r.weights[2] });
  });

  it('a single indicator gets weight 1', () => {
    expect(g1Weights(['only'], []).weights).toEqual([1]);
  });

  it('properties: weights sum to 1, decrease along the order, and follow the indicators when relabelled', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 1, max: 3, noNaN: true }), { minLength: 0, maxLength: 15 }), fc.integer(), (ratios, seed) => {
        const order = [...ratios.map((_, k) => `x${k}`), 'last'];
        const r = g1Weights(order, ratios);
        expect(Math.abs(r.weights.reduce((s, w) => s + w, 0) - 1)).toBeLessThan(1e-12);
        for (let k = 1; k < r.weights.length; k++) expect(r.weights[k - 1]).toBeGreaterThanOrEqual(r.weights[k]);
        for (let k = 1; k < r.weights.length; k++) expect(r.weights[k - 1] / r.weights[k]).toBeCloseTo(ratios[k - 1], 12);
        // permutation equivariance: the weight belongs to the indicator, whatever its name or listing order
        const rotated = order.map((_, k) => order[(k + Math.abs(seed)) % order.length]);
        const s = g1Weights(order, ratios, { indicators: rotated });
        rotated.forEach((c, k) => expect(s.indicatorWeights?.[k]).toBe(r.byIndicator[c]));
      }),
    );
  });

  it('group G1 averages the experts’ vectors per indicator, each expert with its own order', () => {
    const r = g1Group([
      { id: 'E1', order: ['a', 'b', 'c'], ratios: [1.4, 1.2] },
      { id: 'E2', order: ['b', 'a', 'c'], ratios: [1.2, 1.6] },
      { id: 'E3', order: ['c', 'b', 'a'], ratios: ['equal', 'slightly'] },
    ]);
    const e1 = g1Weights(['a', 'b', 'c'], [1.4, 1.2]).byIndicator;
    const e2 = g1Weights(['b', 'a', 'c'], [1.2, 1.6]).byIndicator;
    const e3 = g1Weights(['c', 'b', 'a'], [1, 1.2]).byIndicator;
    expect(r.indicators).toEqual(['a', 'b', 'c']);
    ['a', 'b', 'c'].forEach((c, j) => expect(r.weights[j]).toBeCloseTo((e1[c] + e2[c] + e3[c]) / 3, 15));
    expect(r.weights.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 15);
    expect(r.experts.map((e) => e.id)).toEqual(['E1', 'E2', 'E3']);
    expect(r.experts[1].byIndicator).toEqual(e2);
  });

  it('group G1 with expert weights and an indicator order', () => {
    const r = g1Group(
      [
        { order: ['a', 'b'], ratios: [1.4], weight: 3 },
        { order: ['b', 'a'], ratios: [1.2], weight: 1 },
      ],
      { indicators: ['b', 'a'] },
    );
    expect(r.indicators).toEqual(['b', 'a']);
    expect(r.experts.map((e) => e.weight)).toEqual([0.75, 0.25]);
    expect(r.weights[1]).toBeCloseTo(0.75 * (1.4 / 2.4) + 0.25 * (1 / 2.2), 15);
  });

  it('validation names the offending field and index', () => {
    expect(issues(() => g1Weights([], []))[0]).toMatchObject({ path: ['order'], message: expect.stringMatching(/empty/) });
    expect(issues(() => g1Weights(['a', 'a'], [1.2]))[0]).toMatchObject({ path: ['order', 1], message: expect.stringMatching(/twice/) });
    expect(issues(() => g1Weights(['a', ''], [1.2]))[0]).toMatchObject({ path: ['order', 1] });
    expect(issues(() => g1Weights(['a', 'b', 'c'], [1.2]))[0]).toMatchObject({
      path: ['ratios'],
      message: expect.stringMatching(/1 ratios for 3 indicators/),
    });
    expect(issues(() => g1Weights(['a', 'b'], [0.8]))[0]).toMatchObject({
      path: ['ratios', 0],
      message: expect.stringMatching(/r2 = 0.8 is below 1, which contradicts the order \(a before b\)/),
    });
    expect(issues(() => g1Weights(['a', 'b', 'c'], [1.2, Number.NaN]))[0]).toMatchObject({ path: ['ratios', 1] });
    expect(issues(() => g1Weights(['a', 'b'], ['hugely']))[0]).toMatchObject({
      path: ['ratios', 0],
      message: expect.stringMatching(/neither a number nor a term/),
    });
    expect(issues(() => g1Weights(['a', 'b'], [1.2], { labels: ['A'] }))[0]).toMatchObject({ path: ['labels'] });
    expect(issues(() => g1Weights(['a', 'b'], [1.2], { indicators: ['a', 'z'] }))[0]).toMatchObject({
      path: ['indicators', 1],
      message: expect.stringMatching(/z is not in the order/),
    });
    expect(issues(() => g1Weights(['a', 'b'], [1.2], { indicators: ['a'] }))[0]).toMatchObject({
      path: ['indicators'],
      message: expect.stringMatching(/b of the order is missing/),
    });
    expect(g1Weights(['a', 'b'], [2.5]).warnings[0]).toMatch(/above the usual scale maximum/);
    expect(issues(() => g1Group([]))[0].message).toMatch(/no experts/);
    expect(
      issues(() =>
        g1Group([
          { order: ['a', 'b'], ratios: [1] },
          { order: ['a', 'c'], ratios: [1] },
        ]),
      )[0],
    ).toMatchObject({ path: [1, 'order'] });
    expect(
      issues(() =>
        g1Group([
          { order: ['a', 'b'], ratios: [1] },
          { order: ['b', 'a'], ratios: [0.5] },
        ]),
      )[0],
    ).toMatchObject({ path: [1, 'ratios', 0] });
    expect(issues(() => g1Group([{ order: ['a', 'b'], ratios: [1], weight: -1 }]))[0]).toMatchObject({ path: [0, 'weight'] });
  });
});
