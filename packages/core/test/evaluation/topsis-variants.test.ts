import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { topsis, topsisBatch } from '../../src/evaluation/topsis.ts';
import type { Direction } from '../../src/hierarchy/tree.ts';
import { toColumnMajor } from '../../src/numeric/column-major.ts';
import { issues } from '../support/issues.ts';

const round = (xs: number[], d: number) => xs.map((x) => Number(x.toFixed(d)));

describe("TOPSIS without normalisation ('none': the weighted raw matrix)", () => {
  // scikit-criteria, tests/agg/test_similarity.py::test_TOPSIS: matrix [[1, 0, 3], [0, 5, 6]], all
  // maximised, equal weights, no scaler — ideal [1, 5, 6], anti-ideal [0, 0, 3], similarity
  // 0.14639248, 0.85360752, ranks 2, 1.
  it("reproduces scikit-criteria's unscaled example to its 8 printed digits", () => {
    const r = topsis(
      [
        [1, 0, 3],
        [0, 5, 6],
      ],
      [1 / 3, 1 / 3, 1 / 3],
      { normalisation: 'none' },
    );
    expect(r.normalisation).toBe('none');
    expect(round(r.closeness, 8)).toEqual([0.14639248, 0.85360752]);
    expect(r.rank).toEqual([2, 1]);
    r.ideal.forEach((v, j) => expect(v).toBeCloseTo([1, 5, 6][j] / 3, 14));
    r.antiIdeal.forEach((v, j) => expect(v).toBeCloseTo([0, 0, 3][j] / 3, 14));
  });

  // Tzeng & Huang (2011), Multiple Attribute Decision Making: Methods and Applications (CRC), as
  // scikit-criteria's test_TOPSIS_tzeng2011multiple runs it: the matrix vector-scaled first, then
  // TOPSIS on it unnormalised, weights .3 .4 .3 — similarity .5037 .6581 .7482 .3340, ranks 3 2 1 4.
  it('reproduces Tzeng & Huang (2011) on a pre-scaled matrix to the printed 4 digits', () => {
    const raw = [
      [5, 8, 4],
      [7, 6, 8],
      [8, 8, 6],
      [7, 4, 6],
    ];
    const norms = [0, 1, 2].map((j) => Math.hypot(...raw.map((r) => r[j])));
    const scaled = raw.map((r) => r.map((x, j) => x / norms[j]));
    const r = topsis(scaled, [0.3, 0.4, 0.3], { normalisation: 'none' });
    expect(round(r.closeness, 4)).toEqual([0.5037, 0.6581, 0.7482, 0.334]);
    expect(r.rank).toEqual([3, 2, 1, 4]);
    // and 'vector' on the raw matrix is the same computation
    r.closeness.forEach((c, i) => expect(c).toBeCloseTo(topsis(raw, [0.3, 0.4, 0.3]).closeness[i], 12));
  });

  it('a cost column takes its minimum as the ideal', () => {
    const r = topsis(
      [
        [2, 10],
        [4, 30],
        [3, 20],
      ],
      [0.5, 0.5],
      { normalisation: 'none', directions: ['benefit', 'cost'] },
    );
    expect(r.ideal).toEqual([2, 5]);
    expect(r.antiIdeal).toEqual([1, 15]);
    // raw spans 2 and 20: the cost column dominates, D⁺ = 1, D⁻ = 10
    expect(r.closeness[0]).toBeCloseTo(10 / 11, 14);
  });

  const dataArb = fc.record({ m: fc.integer({ min: 2, max: 8 }), n: fc.integer({ min: 2, max: 6 }) }).chain(({ m, n }) =>
    fc.record({
      x: fc.array(
        fc.array(
          fc.integer({ min: -200, max: 200 }).map((v) => v / 4),
          { minLength: n, maxLength: n },
        ),
        {
          minLength: m,
          maxLength: m,
        },
      ),
      w: fc.array(fc.double({ min: 0.05, max: 1, noNaN: true }), { minLength: n, maxLength: n }),
      d: fc.array(fc.constantFrom<Direction>('benefit', 'cost'), { minLength: n, maxLength: n }),
      perm: fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n }),
    }),
  );

  it('properties: permuting the columns (with their weights and directions) changes neither closeness nor rank', () => {
    fc.assert(
      fc.property(dataArb, ({ x, w, d, perm }) => {
        const r = topsis(x, w, { normalisation: 'none', directions: d, normalise: true });
        const p = topsis(
          x.map((row) => perm.map((j) => row[j])),
          perm.map((j) => w[j]),
          { normalisation: 'none', directions: perm.map((j) => d[j]), normalise: true },
        );
        r.closeness.forEach((c, i) => expect(Math.abs(c - p.closeness[i])).toBeLessThan(1e-12));
        for (const c of r.closeness) expect(c >= 0 && c <= 1).toBe(true);
        // ranks may differ only between alternatives whose closeness ties to rounding
        r.rank.forEach((k, i) => {
          if (k !== p.rank[i]) expect(r.closeness.some((c, l) => l !== i && Math.abs(c - r.closeness[i]) < 1e-12)).toBe(true);
        });
      }),
    );
  });

  it('properties: on a vector-scaled matrix it equals vector normalisation of the raw one; the batch API agrees exactly', () => {
    fc.assert(
      fc.property(dataArb, ({ x, w, d }) => {
        fc.pre(x[0].every((_, j) => x.some((r) => r[j] !== 0)));
        const norms = x[0].map((_, j) => Math.hypot(...x.map((r) => r[j])));
        const scaled = x.map((r) => r.map((v, j) => v / norms[j]));
        const none = topsis(scaled, w, { normalisation: 'none', directions: d, normalise: true });
        const vector = topsis(x, w, { directions: d, normalise: true });
        none.closeness.forEach((c, i) => expect(Math.abs(c - vector.closeness[i])).toBeLessThan(1e-9));
        const batch = topsisBatch(toColumnMajor(scaled), w, { normalisation: 'none', directions: d, normalise: true });
        expect(Array.from(batch.closeness)).toEqual(none.closeness);
      }),
    );
  });

  it('rejects an unknown normalisation, listing none among the allowed', () => {
    const i = issues(() => topsis([[1], [2]], [1], { normalisation: 'raw' as never }));
    expect(i[0]).toMatchObject({ path: ['normalisation'], allowed: 'vector, min-max, none' });
  });
});
