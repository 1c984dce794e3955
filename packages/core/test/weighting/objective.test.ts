import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors.ts';
import type { Direction } from '../../src/hierarchy/tree.ts';
import { toColumnMajor } from '../../src/numeric/column-major.ts';
import { chiSquareSf, lnGamma } from '../../src/numeric/gamma.ts';
import { combineWeights } from '../../src/weighting/combine.ts';
import { criticWeights } from '../../src/weighting/critic.ts';
import { entropyOfComparisonMatrix, entropyWeights, entropyWeightsBatch } from '../../src/weighting/entropy.ts';
import { g1Group, g1Weights } from '../../src/weighting/g1.ts';
import { kendallW } from '../../src/weighting/kendall.ts';
import { issues } from '../support/issues.ts';

interface Case {
  matrix: number[][];
  directions: Direction[];
  positive: number[][];
  entropyMinMax: { weights: number[]; entropy: number[] };
  entropyShift: { weights: number[]; entropy: number[] };
  entropySum: { weights: number[]; entropy: number[] };
  criticSample: { weights: number[]; std: number[]; conflict: number[] };
  criticPopulation: { weights: number[]; std: number[]; conflict: number[] };
}
const fixture = JSON.parse(readFileSync(new URL('../fixtures/weighting-numpy.json', import.meta.url), 'utf8')) as {
  cases: Case[];
  kendall: { table: number[][]; w: number; chiSquare: number; p: number }[];
  chiSquare: { x: number; df: number; sf: number }[];
};
const close = (a: number[], b: number[], tol = 1e-10) => {
  expect(a).toHaveLength(b.length);
  a.forEach((x, i) => expect(Math.abs(x - b[i])).toBeLessThan(tol));
};

describe('entropy weights', () => {
  it.each(fixture.cases.map((c, k) => [k, c] as const))('case %i agrees with numpy to 1e-10 (min-max, shift, sum)', (_, c) => {
    const r = entropyWeights(c.matrix, { directions: c.directions });
    close(r.weights, c.entropyMinMax.weights);
    close(r.entropy, c.entropyMinMax.entropy);
    expect(r).toMatchObject({ normalisation: 'min-max', shift: 0, zeroRule: '0·ln 0 = 0' });
    close(entropyWeights(c.matrix, { directions: c.directions, shift: 0.0001 }).weights, c.entropyShift.weights);
    close(entropyWeights(c.positive, { normalisation: 'sum' }).weights, c.entropySum.weights);
  });

  it('the batch API gives identical numbers to the small API', () => {
    for (const c of fixture.cases) {
      const small = entropyWeights(c.matrix, { directions: c.directions });
      const batch = entropyWeightsBatch(toColumnMajor(c.matrix), { directions: c.directions });
      expect(batch.weights).toEqual(small.weights);
    }
  });

  it('a column that does not vary gets weight 0; all constant is an error', () => {
    const r = entropyWeights([
      [1, 5, 3],
      [2, 5, 1],
      [3, 5, 2],
    ]);
    expect(r.weights[1]).toBe(0);
    expect(r.constantColumns).toEqual([1]);
    expect(r.warnings[0]).toMatch(/indicator 1 does not vary/);
    expect(
      issues(() =>
        entropyWeights([
          [1, 2],
          [1, 2],
        ]),
      )[0].message,
    ).toMatch(/no indicator varies/);
  });

  it('properties: weights sum to 1 and are permutation-equivariant', () => {
    const data = fc.integer({ min: 2, max: 6 }).chain((n) =>
      fc.array(fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: n, maxLength: n }), {
        minLength: 3,
        maxLength: 12,
      }),
    );
    fc.assert(
      fc.property(data, (x) => {
        let r: ReturnType<typeof entropyWeights>;
        try {
          r = entropyWeights(x);
        } catch (e) {
          expect(e).toBeInstanceOf(ValidationError); // all columns constant
          return;
        }
        expect(Math.abs(r.weights.reduce((s, w) => s + w, 0) - 1)).toBeLessThan(1e-12);
        const perm = x[0].map((_, j) => x[0].length - 1 - j);
        const p = entropyWeights(x.map((row) => perm.map((j) => row[j])));
        perm.forEach((j, k) => expect(p.weights[k]).toBeCloseTo(r.weights[j], 12));
      }),
    );
  });

  it('[003] variant on the AHP comparison matrix: equal weights for a consistent matrix, more weight to the more discriminating column', () => {
    const consistent = [
      [1, 2, 4],
      [1 / 2, 1, 2],
      [1 / 4, 1 / 2, 1],
    ];
    entropyOfComparisonMatrix(consistent).weights.forEach((w) => expect(w).toBeCloseTo(1 / 3, 12));
    const r = entropyOfComparisonMatrix([
      [1, 5, 1],
      [1 / 5, 1, 1],
      [1, 1, 1],
    ]);
    expect(r.normalisation).toBe('ahp-matrix');
    expect(r.weights[2]).toBe(0);
    expect(r.entropy[0]).toBeCloseTo(
      (-(1 / 2.2) * Math.log(1 / 2.2) * 2) / Math.log(3) - ((0.2 / 2.2) * Math.log(0.2 / 2.2)) / Math.log(3),
      12,
    );
  });

  it('validation names the cell', () => {
    expect(
      issues(() =>
        entropyWeights([
          [1, Number.NaN],
          [2, 3],
        ]),
      )[0],
    ).toMatchObject({ path: [0, 1], message: 'NaN is not a finite number' });
    expect(issues(() => entropyWeights([[1, 2], [2]]))[0]).toMatchObject({ path: [1] });
    expect(issues(() => entropyWeights([[1, 2]]))[0].message).toMatch(/at least 2 alternatives/);
    expect(issues(() => entropyWeights([]))[0].message).toMatch(/empty/);
    expect(
      issues(() =>
        entropyWeights(
          [
            [1, -2],
            [2, 3],
          ],
          { normalisation: 'sum' },
        ),
      )[0],
    ).toMatchObject({ path: [0, 1], message: expect.stringMatching(/negative/) });
    expect(
      issues(() =>
        entropyWeights(
          [
            [1, 2],
            [2, 3],
          ],
          { directions: ['benefit', 'up' as Direction] },
        ),
      )[0],
    ).toMatchObject({ path: ['directions', 1] });
    expect(
      issues(() =>
        entropyWeights(
          [
            [1, 2],
            [2, 3],
          ],
          { normalisation: 'z' as never },
        ),
      )[0],
    ).toMatchObject({ path: ['normalisation'] });
  });
});

describe('CRITIC', () => {
  it.each(fixture.cases.map((c, k) => [k, c] as const))('case %i agrees with numpy to 1e-10 (sample and population sd)', (_, c) => {
    const s = criticWeights(c.matrix, { directions: c.directions });
    close(s.weights, c.criticSample.weights);
    close(s.std, c.criticSample.std);
    close(s.conflict, c.criticSample.conflict);
    expect(s.sdKind).toBe('sample');
    close(criticWeights(c.matrix, { directions: c.directions, sd: 'population' }).weights, c.criticPopulation.weights);
  });
  it('a constant column gets weight 0 and no NaN reaches the others', () => {
    const r = criticWeights([
      [1, 5, 3],
      [2, 5, 1],
      [3, 5, 2],
    ]);
    expect(r.weights[1]).toBe(0);
    expect(r.correlation[0][1]).toBe('undefined');
    expect(r.correlation[1]).toEqual(['undefined', 'undefined', 'undefined']);
    expect(r.warnings).toEqual([
      'indicator 1 does not vary (σ = 0): its correlation with the others is undefined, so it gets weight 0 and is left out of their conflict',
    ]);
    for (const w of r.weights) expect(Number.isFinite(w)).toBe(true);
  });
});

describe('G1 (order relation)', () => {
  it('reproduces a worked example: x1 ≻ x2 ≻ x3 ≻ x4 with r = 1.2, 1.4, 1.0', () => {
    // w4 = 1/(1 + 1.2·1.4·1 + 1.4·1 + 1) = 1/5.08
    const r = g1Weights(['x1', 'x2', 'x3', 'x4'], [1.2, 1.4, 1.0]);
    expect(r.weights[3]).toBeCloseTo(1 / 5.08, 15);
    expect(r.weights.map((w) => Number(w.toFixed(4)))).toEqual([0.3307, 0.2756, 0.1969, 0.1969]);
    expect(r.byIndicator.x2).toBe(r.weights[1]);
  });
  it('weights sum to 1 and decrease along the order', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(1, 1.2, 1.4, 1.6, 1.8), { minLength: 1, maxLength: 10 }), (ratios) => {
        const order = [...ratios.map((_, k) => `x${k}`), 'last'];
        const r = g1Weights(order, ratios);
        expect(Math.abs(r.weights.reduce((s, w) => s + w, 0) - 1)).toBeLessThan(1e-12);
        for (let k = 1; k < r.weights.length; k++) expect(r.weights[k - 1]).toBeGreaterThanOrEqual(r.weights[k]);
      }),
    );
  });
  it('group version averages experts with different orders', () => {
    const r = g1Group([
      { order: ['a', 'b'], ratios: [1.4] },
      { order: ['b', 'a'], ratios: [1.2] },
    ]);
    expect(r.weights[0]).toBeCloseTo((1.4 / 2.4 + 1 / 2.2) / 2, 15);
    expect(r.indicators).toEqual(['a', 'b']);
  });
  it('validation', () => {
    expect(issues(() => g1Weights(['a', 'b'], [0.8]))[0]).toMatchObject({
      path: ['ratios', 0],
      message: expect.stringMatching(/below 1, which contradicts the order/),
    });
    expect(issues(() => g1Weights(['a', 'b', 'c'], [1.2]))[0]).toMatchObject({ path: ['ratios'] });
    expect(issues(() => g1Weights(['a', 'a'], [1.2]))[0]).toMatchObject({ path: ['order', 1] });
    expect(g1Weights(['a', 'b'], [2.5]).warnings[0]).toMatch(/above the usual scale maximum/);
    expect(
      issues(() =>
        g1Group([
          { order: ['a', 'b'], ratios: [1] },
          { order: ['a', 'c'], ratios: [1] },
        ]),
      )[0],
    ).toMatchObject({ path: [1, 'order'] });
  });
});

describe('combination', () => {
  const s = [0.5, 0.3, 0.2];
  const o = [0.2, 0.2, 0.6];
  it('linear with α (default 0.5, as [003]) reports both inputs', () => {
    const r = combineWeights(s, o);
    expect(r.weights).toEqual([0.35, 0.25, 0.4]);
    expect(r.inputs).toEqual({ subjective: s, objective: o });
    expect(r).toMatchObject({ rule: 'linear', alpha: 0.5, beta: 0.5 });
    expect(combineWeights(s, o, { alpha: 1 }).weights).toEqual(s);
  });
  it('multiplicative', () => {
    const r = combineWeights(s, o, { rule: 'multiplicative' });
    r.weights.forEach((w, j) => expect(w).toBeCloseTo((s[j] * o[j]) / 0.28, 15));
  });
  it('game-theoretic: identical inputs give the input; weights sum to 1', () => {
    close(combineWeights(s, s, { rule: 'game' }).weights, s, 1e-15);
    const g = combineWeights(s, o, { rule: 'game' });
    expect(g.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 15);
    expect(g.alpha! + g.beta!).toBeCloseTo(1, 15);
  });
  it('validation names the index', () => {
    expect(issues(() => combineWeights([0.5, 0.5], [0.5, -0.5]))[0]).toMatchObject({ path: ['objective', 1] });
    expect(issues(() => combineWeights([0.5, 0.5], [1]))[0]).toMatchObject({
      path: ['objective'],
      message: expect.stringMatching(/1 weights but subjective has 2/),
    });
    expect(issues(() => combineWeights([0.6, 0.6], [0.5, 0.5]))[0].message).toMatch(/sum to 1.2, not 1/);
    expect(combineWeights([0.6, 0.6], [0.5, 0.5], { normalise: true }).weights).toEqual([0.5, 0.5]);
    expect(issues(() => combineWeights(s, o, { alpha: 2 }))[0]).toMatchObject({ path: ['alpha'] });
  });
});

describe("Kendall's W", () => {
  it('reproduces Siegel (1956, p. 234): three judges rank six applicants, W = 0.16', () => {
    // rows = applicants, columns = judges X, Y, Z
    const ranks = [
      [1, 1, 6],
      [6, 5, 3],
      [3, 6, 2],
      [2, 4, 5],
      [5, 2, 4],
      [4, 3, 1],
    ];
    const r = kendallW(ranks);
    expect(r.rankSums).toEqual([8, 14, 11, 11, 11, 8]);
    expect(r.s).toBe(25.5);
    expect(Number(r.w.toFixed(2))).toBe(0.16);
    expect(r.w).toBeCloseTo(306 / 1890, 15);
  });
  it.each(fixture.kendall.map((c, k) => [k, c] as const))('tied case %i agrees with numpy/scipy', (_, c) => {
    const r = kendallW(c.table);
    expect(Math.abs(r.w - c.w)).toBeLessThan(1e-12);
    expect(Math.abs(r.chiSquare - c.chiSquare)).toBeLessThan(1e-10);
    expect(Math.abs(r.p - c.p)).toBeLessThan(1e-10);
  });
  it('χ² survival function agrees with scipy.stats.chi2.sf to 1e-10', () => {
    for (const c of fixture.chiSquare) expect(Math.abs(chiSquareSf(c.x, c.df) - c.sf)).toBeLessThan(1e-10);
    expect(lnGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 14);
  });
  it('perfect agreement gives W = 1; the tie correction can be turned off', () => {
    expect(
      kendallW([
        [1, 1, 1],
        [2, 2, 2],
        [3, 3, 3],
      ]).w,
    ).toBeCloseTo(1, 15);
    const tied = [
      [1, 1],
      [1, 2],
      [3, 3],
    ];
    expect(kendallW(tied, { ties: 'ignore' }).w).toBeLessThan(kendallW(tied).w);
  });
  it('validation', () => {
    expect(issues(() => kendallW([[1, 2]]))[0].message).toMatch(/at least 2 objects/);
    expect(issues(() => kendallW([[1], [2]]))[0].message).toMatch(/at least 2 raters/);
    expect(
      issues(() =>
        kendallW([
          [1, 2],
          [2, Number.NaN],
        ]),
      )[0],
    ).toMatchObject({ path: [1, 1] });
    expect(
      issues(() =>
        kendallW([
          [1, 1],
          [1, 1],
        ]),
      )[0].message,
    ).toMatch(/concordance is undefined/);
  });
});
