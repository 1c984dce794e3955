import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ahp } from '../../src/weighting/ahp.ts';
import { aggregateJudgments, groupAhp } from '../../src/weighting/group-ahp.ts';
import { issues } from '../support/issues.ts';

const e1 = [
  [1, 3, 5],
  [1 / 3, 1, 2],
  [1 / 5, 1 / 2, 1],
];
const e2 = [
  [1, 1, 3],
  [1, 1, 4],
  [1 / 3, 1 / 4, 1],
];
const bad = [
  [1, 9, 1 / 9],
  [1 / 9, 1, 9],
  [9, 1 / 9, 1],
];

describe('group AHP', () => {
  it('AIJ is the weighted geometric mean of the judgments', () => {
    const r = groupAhp([
      { id: 'A', matrix: e1, weight: 3 },
      { id: 'B', matrix: e2, weight: 1 },
    ]);
    expect(r.aggregation).toBe('aij');
    expect(r.aggregatedMatrix?.[0][1]).toBeCloseTo(3 ** 0.75, 14);
    expect(r.aggregatedMatrix?.[0][2]).toBeCloseTo(5 ** 0.75 * 3 ** 0.25, 14);
    expect(r.weights).toEqual(ahp(r.aggregatedMatrix as number[][], { scale: 'any' }).weights);
    expect(r.experts.map((e) => e.weight)).toEqual([0.75, 0.25]);
  });

  it('AIP is the weighted arithmetic mean of the priorities; group CR = Σ λ_k CR_k', () => {
    const r = groupAhp([{ matrix: e1 }, { matrix: e2 }], { aggregation: 'aip' });
    const w1 = ahp(e1).weights;
    const w2 = ahp(e2).weights;
    r.weights.forEach((w, i) => expect(w).toBeCloseTo((w1[i] + w2[i]) / 2, 15));
    expect(r.cr).toBeCloseTo((ahp(e1).cr + ahp(e2).cr) / 2, 15);
    expect(r.experts.map((e) => e.id)).toEqual(['E1', 'E2']);
  });

  it('reports every expert CR and flags inconsistent experts', () => {
    const r = groupAhp([
      { id: 'ok', matrix: e1 },
      { id: 'cyclic', matrix: bad },
    ]);
    expect(r.experts[1].consistent).toBe(false);
    expect(r.inconsistentExperts).toEqual(['cyclic']);
    // the inconsistent expert gets the same help as a single matrix; the consistent one none
    expect(r.experts[1].inconsistentPairs).toEqual(ahp(bad).inconsistentPairs);
    expect(r.experts[1].repairedMatrix).toEqual(ahp(bad).repairedMatrix);
    expect(r.experts[0].inconsistentPairs).toBeUndefined();
    expect(r.warnings.some((w) => /inconsistent experts \(CR ≥ 0.1\): cyclic/.test(w))).toBe(true);
  });

  it('AIJ keeps reciprocity (property)', () => {
    const cell = fc.integer({ min: -8, max: 8 }).map((s) => (s >= 0 ? s + 1 : 1 / (1 - s)));
    const matrixArb = fc.array(cell, { minLength: 6, maxLength: 6 }).map((c) => {
      const m = Array.from({ length: 4 }, () => new Array<number>(4).fill(1));
      let k = 0;
      for (let i = 0; i < 4; i++)
        for (let j = i + 1; j < 4; j++) {
          m[i][j] = c[k++];
          m[j][i] = 1 / m[i][j];
        }
      return m;
    });
    fc.assert(
      fc.property(
        fc.array(matrixArb, { minLength: 1, maxLength: 5 }),
        fc.array(fc.double({ min: 0.1, max: 10, noNaN: true }), { minLength: 5, maxLength: 5 }),
        (ms, ws) => {
          const lambdas = ms.map((_, k) => ws[k]);
          const t = lambdas.reduce((s, x) => s + x, 0);
          const g = aggregateJudgments(
            ms,
            lambdas.map((x) => x / t),
          );
          for (let i = 0; i < 4; i++)
            for (let j = 0; j < 4; j++) expect(Math.abs((g[i][j] as number) * (g[j][i] as number) - 1)).toBeLessThan(1e-12);
        },
      ),
    );
  });

  it('a judgment missing for one expert is the others’ geometric mean', () => {
    const holey = [
      [1, 2, null],
      [1 / 2, 1, 2],
      [null, 1 / 2, 1],
    ];
    const r = groupAhp([{ matrix: holey }, { matrix: e1 }]);
    expect(r.aggregatedMatrix?.[0][2]).toBe(5);
    expect(r.aggregatedMatrix?.[0][1]).toBeCloseTo(Math.sqrt(6), 14);
  });

  it('a judgment every expert skipped stays missing and the group matrix is completed by Harker', () => {
    const a = [
      [1, 2, null],
      [1 / 2, 1, 2],
      [null, 1 / 2, 1],
    ];
    const b = [
      [1, 3, null],
      [1 / 3, 1, 3],
      [null, 1 / 3, 1],
    ];
    const r = groupAhp([{ matrix: a }, { matrix: b }]);
    expect(r.aggregatedMatrix?.[0][2]).toBeNull();
    expect(r.group?.incompleteMethod).toBe('harker');
    expect(r.group?.filledMatrix?.[0][2]).toBeCloseTo(6, 10); // √6 · √6: consistent completion
    expect(r.experts.map((e) => e.cr)).toEqual([ahp(a).cr, ahp(b).cr]);
  });

  it('validation names the expert and the cell', () => {
    expect(issues(() => groupAhp([]))[0].message).toMatch(/no experts/);
    expect(issues(() => groupAhp([{ matrix: e1, weight: -1 }]))[0]).toMatchObject({ path: [0, 'weight'] });
    expect(
      issues(() =>
        groupAhp([
          { matrix: e1 },
          {
            matrix: [
              [1, 2],
              [0.5, 1],
            ],
          },
        ]),
      )[0],
    ).toMatchObject({ path: [1, 'matrix'], message: expect.stringMatching(/2×2 matrix, but expert E1 judged 3/) });
    expect(
      issues(() =>
        groupAhp([
          { matrix: e1 },
          {
            matrix: [
              [1, 2, 3],
              [0.5, 1, 2],
              [0.2, 0.5, 1],
            ],
          },
        ]),
      )[0],
    ).toMatchObject({ path: [1, 'matrix', 2, 0] });
    expect(
      issues(() =>
        groupAhp([
          { id: 'x', matrix: e1 },
          { id: 'x', matrix: e2 },
        ]),
      )[0],
    ).toMatchObject({ path: [1, 'id'] });
    expect(issues(() => groupAhp([{ matrix: e1 }], { aggregation: 'median' as never }))[0]).toMatchObject({ path: ['aggregation'] });
  });
});

describe('group AHP properties', () => {
  const cell = fc.integer({ min: -8, max: 8 }).map((s) => (s >= 0 ? s + 1 : 1 / (1 - s)));
  const matrixArb = (n: number) =>
    fc.array(cell, { minLength: (n * (n - 1)) / 2, maxLength: (n * (n - 1)) / 2 }).map((c) => {
      const m = Array.from({ length: n }, () => new Array<number>(n).fill(1));
      let k = 0;
      for (let i = 0; i < n; i++)
        for (let j = i + 1; j < n; j++) {
          m[i][j] = c[k++];
          m[j][i] = 1 / m[i][j];
        }
      return m;
    });
  const panelArb = fc
    .integer({ min: 3, max: 7 })
    .chain((n) =>
      fc.tuple(
        fc.array(matrixArb(n), { minLength: 1, maxLength: 4 }),
        fc.array(fc.double({ min: 0.1, max: 10, noNaN: true }), { minLength: 4, maxLength: 4 }),
      ),
    );
  const aggregationArb = fc.constantFrom<'aij' | 'aip'>('aij', 'aip');

  it('weights sum to 1, nothing is NaN, and scaling every expert weight changes nothing', () => {
    fc.assert(
      fc.property(panelArb, aggregationArb, fc.double({ min: 0.01, max: 100, noNaN: true }), ([ms, ws], aggregation, c) => {
        const experts = ms.map((matrix, k) => ({ matrix, weight: ws[k] }));
        const r = groupAhp(experts, { aggregation });
        expect(Math.abs(r.weights.reduce((s, x) => s + x, 0) - 1)).toBeLessThan(1e-12);
        for (const x of [...r.weights, r.cr]) expect(Number.isFinite(x)).toBe(true);
        const scaled = groupAhp(
          ms.map((matrix, k) => ({ matrix, weight: ws[k] * c })),
          { aggregation },
        );
        scaled.weights.forEach((w, i) => expect(Math.abs(w - r.weights[i])).toBeLessThan(1e-12));
        expect(Math.abs(scaled.cr - r.cr)).toBeLessThan(1e-12);
      }),
      { numRuns: 40 },
    );
  });

  it('one expert, or identical experts, give that expert’s own weights and CR (AIJ and AIP)', () => {
    fc.assert(
      fc.property(panelArb, aggregationArb, fc.integer({ min: 1, max: 4 }), ([ms], aggregation, copies) => {
        const own = ahp(ms[0]);
        const r = groupAhp(
          Array.from({ length: copies }, () => ({ matrix: ms[0] })),
          { aggregation },
        );
        r.weights.forEach((w, i) => expect(Math.abs(w - own.weights[i])).toBeLessThan(1e-10));
        expect(Math.abs(r.cr - own.cr)).toBeLessThan(1e-10);
        expect(r.inconsistentExperts.length).toBe(own.consistent ? 0 : copies);
      }),
      { numRuns: 40 },
    );
  });

  it('experts whose consistent matrices come from one vector v give w ∝ v and CR = 0', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.2, max: 5, noNaN: true }), { minLength: 3, maxLength: 8 }),
        fc.integer({ min: 1, max: 4 }),
        aggregationArb,
        (v, count, aggregation) => {
          const m = v.map((a) => v.map((b) => a / b));
          const r = groupAhp(
            Array.from({ length: count }, () => ({ matrix: m })),
            { aggregation, scale: 'any' },
          );
          const total = v.reduce((s, x) => s + x, 0);
          r.weights.forEach((w, i) => expect(Math.abs(w - v[i] / total)).toBeLessThan(1e-12));
          expect(Math.abs(r.cr)).toBeLessThan(1e-12);
        },
      ),
    );
  });
});
