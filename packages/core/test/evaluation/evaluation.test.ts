import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { weightedSumContributions } from '../../src/evaluation/explain.ts';
import {
  compose,
  DEFAULT_GRADES,
  fuzzyEvaluate,
  membershipFromScore,
  membershipFromThresholds,
  membershipFromVotes,
} from '../../src/evaluation/fuzzy.ts';
import { fuzzyEvaluateBatch } from '../../src/evaluation/fuzzy-batch.ts';
import { gra, greyFactors } from '../../src/evaluation/grey.ts';
import { monteCarloRanks } from '../../src/evaluation/monte-carlo.ts';
import { naturalBreaks } from '../../src/evaluation/natural-breaks.ts';
import { addScore, scorecard, subjectDebtWeights } from '../../src/evaluation/scorecard.ts';
import { applyScoringRule, checkScoringRule } from '../../src/evaluation/scoring-rule.ts';
import { oneAtATimeSensitivity } from '../../src/evaluation/sensitivity.ts';
import { topsis, topsisBatch } from '../../src/evaluation/topsis.ts';
import type { Direction } from '../../src/hierarchy/tree.ts';
import { toColumnMajor } from '../../src/numeric/column-major.ts';
import { issues } from '../support/issues.ts';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/evaluation-numpy.json', import.meta.url), 'utf8')) as {
  cases: {
    matrix: number[][];
    weights: number[];
    directions: Direction[];
    rho: number;
    topsisVector: { closeness: number[]; dPlus: number[]; dMinus: number[] };
    topsisMinMax: { closeness: number[] };
    gra: { coefficients: number[][]; grades: number[] };
  }[];
};
const close = (a: number[], b: number[], tol = 1e-10) => {
  expect(a).toHaveLength(b.length);
  a.forEach((x, i) => expect(Math.abs(x - b[i])).toBeLessThan(tol));
};

describe('TOPSIS', () => {
  it.each(fixture.cases.map((c, k) => [k, c] as const))('case %i agrees with numpy (vector and min-max)', (_, c) => {
    const r = topsis(c.matrix, c.weights, { directions: c.directions });
    close(r.closeness, c.topsisVector.closeness);
    close(r.distanceToBest, c.topsisVector.dPlus);
    close(r.distanceToWorst, c.topsisVector.dMinus);
    close(topsis(c.matrix, c.weights, { directions: c.directions, normalisation: 'min-max' }).closeness, c.topsisMinMax.closeness);
  });
  it('the batch API gives identical numbers', () => {
    for (const c of fixture.cases)
      expect(Array.from(topsisBatch(toColumnMajor(c.matrix), c.weights, { directions: c.directions }).closeness)).toEqual(
        topsis(c.matrix, c.weights, { directions: c.directions }).closeness,
      );
  });
  it('a dominating alternative has closeness 1 and a dominated one 0', () => {
    const r = topsis(
      [
        [10, 1],
        [5, 5],
        [1, 10],
      ],
      [0.5, 0.5],
      { directions: ['benefit', 'cost'] },
    );
    expect(r.closeness[0]).toBe(1);
    expect(r.closeness[2]).toBe(0);
    expect(r.rank).toEqual([1, 2, 3]);
  });
  it('properties: closeness in [0, 1]; scaling a benefit column changes nothing under min-max', () => {
    const data = fc
      .integer({ min: 2, max: 5 })
      .chain((n) => fc.array(fc.array(fc.integer({ min: 1, max: 100 }), { minLength: n, maxLength: n }), { minLength: 2, maxLength: 10 }));
    fc.assert(
      fc.property(data, fc.double({ min: 0.1, max: 10, noNaN: true }), (x, k) => {
        const w = x[0].map(() => 1 / x[0].length);
        const r = topsis(x, w, { normalisation: 'min-max' });
        for (const c of r.closeness) expect(c >= 0 && c <= 1).toBe(true);
        const scaled = topsis(
          x.map((row) => row.map((v, j) => (j === 0 ? v * k : v))),
          w,
          { normalisation: 'min-max' },
        );
        scaled.closeness.forEach((c, i) => expect(c).toBeCloseTo(r.closeness[i], 10));
      }),
    );
  });
  it('validation names the cell or path', () => {
    expect(
      issues(() =>
        topsis(
          [
            [1, Number.NaN],
            [2, 3],
          ],
          [0.5, 0.5],
        ),
      )[0],
    ).toMatchObject({ path: [0, 1] });
    expect(
      issues(() =>
        topsis(
          [
            [1, 2],
            [2, 3],
          ],
          [0.5, 0.6],
        ),
      )[0],
    ).toMatchObject({ path: ['weights'], message: expect.stringMatching(/sum to 1.1, not 1/) });
    expect(
      topsis(
        [
          [1, 2],
          [2, 3],
        ],
        [1, 1],
        { normalise: true },
      ).warnings[0],
    ).toMatch(/normalised/);
    expect(
      issues(() =>
        topsis(
          [
            [1, 2],
            [2, 3],
          ],
          [0.5],
        ),
      )[0],
    ).toMatchObject({ path: ['weights'] });
    expect(issues(() => topsis([], [0.5]))[0].message).toMatch(/empty/);
    expect(
      issues(() =>
        topsis(
          [
            [1, 2],
            [2, 3],
          ],
          [0.5, 0.5],
          { normalisation: 'l1' as never },
        ),
      )[0],
    ).toMatchObject({ path: ['normalisation'] });
  });
});

describe('grey relational analysis', () => {
  it.each(fixture.cases.map((c, k) => [k, c] as const))('case %i agrees with numpy', (_, c) => {
    const r = gra(c.matrix, { directions: c.directions, weights: c.weights, rho: c.rho });
    r.coefficients.forEach((row, i) => close(row, c.gra.coefficients[i]));
    close(r.grades, c.gra.grades);
    expect(r.rho).toBe(c.rho);
  });
  it('coefficients lie in (0, 1] and are 1 on the reference', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.double({ min: 1, max: 50, noNaN: true }), { minLength: 3, maxLength: 3 }), { minLength: 2, maxLength: 8 }),
        (x) => {
          const r = gra([...x, x[0]], { reference: x[0], normalisation: 'none' });
          for (const row of r.coefficients) for (const c of row) expect(c > 0 && c <= 1).toBe(true);
          for (const c of r.coefficients[x.length]) expect(c).toBe(1);
        },
      ),
    );
  });
  it('initial and mean normalisations divide each column; a zero divisor names the cell', () => {
    const r = gra(
      [
        [2, 4],
        [4, 2],
      ],
      { normalisation: 'initial' },
    );
    expect(r.reference).toEqual([2, 1]);
    expect(
      issues(() =>
        gra(
          [
            [0, 1],
            [1, 2],
          ],
          { normalisation: 'initial' },
        ),
      )[0],
    ).toMatchObject({ path: [0, 0] });
    expect(issues(() => gra([[1, 2]], { rho: 0 }))[0]).toMatchObject({ path: ['rho'] });
  });
  it('ranks factors against a reference series and groups them into levels ([000])', () => {
    const reference = [1.2, 1.5, 1.9, 2.4, 3.0];
    const factors = [
      { name: 'follows closely', series: [10, 12.5, 15.8, 20, 25] },
      { name: 'also close', series: [5, 6.1, 8.1, 9.9, 12.4] },
      { name: 'flat', series: [3, 3.1, 3, 3.2, 3.1] },
      { name: 'opposite', series: [9, 7, 5, 4, 3] },
    ];
    const r = greyFactors(reference, factors, { levels: 3 });
    expect(r.factors[0].rank).toBe(1);
    expect(r.factors[3].rank).toBe(4);
    expect(r.factors.map((f) => f.level)).toEqual([1, 1, 2, 3]);
    expect(r.grouping).toBe('natural-breaks');
    const cut = greyFactors(reference, factors, { cutoffs: [0.9, 0.6] });
    expect(cut.factors.map((f) => f.level)).toEqual(cut.factors.map((f) => (f.degree >= 0.9 ? 1 : f.degree >= 0.6 ? 2 : 3)));
    expect(issues(() => greyFactors(reference, [{ name: 'short', series: [1, 2] }]))[0]).toMatchObject({ path: ['factors', 0, 'series'] });
  });
  it('natural breaks are optimal (exhaustive check on small sets)', () => {
    const v = [1, 2, 3, 10, 11, 12, 30, 31];
    expect(naturalBreaks(v, 3).classOf).toEqual([0, 0, 0, 1, 1, 1, 2, 2]);
  });
});

describe('fuzzy comprehensive evaluation', () => {
  it('a score of 9 is half "no risk", half "slight" ([004]’s triangular memberships)', () => {
    expect(membershipFromScore(9)).toEqual([0.5, 0.5, 0, 0, 0]);
    expect(membershipFromScore(10.5)).toEqual([1, 0, 0, 0, 0]);
    expect(membershipFromScore(3)).toEqual([0, 0, 0, 0.5, 0.5]);
    expect(membershipFromScore(7, DEFAULT_GRADES, 0.5)).toEqual([0, 0.5, 0.5, 0, 0]);
    expect(membershipFromScore(7.6, DEFAULT_GRADES, 0.5)).toEqual([0, 1, 0, 0, 0]);
  });
  it('votes and thresholds', () => {
    expect(membershipFromVotes([2, 1, 1, 0, 0])).toEqual([0.5, 0.25, 0.25, 0, 0]);
    // a cost-type value (overdue rate %): 0 → no risk … 20 → extremely severe
    const r = membershipFromThresholds(2.5, [0, 5, 10, 15, 20]);
    expect(r).toEqual([0.5, 0.5, 0, 0, 0]);
  });
  it('worked two-level example: B, score and both grade rules', () => {
    // criterion 1 (weight 0.6): indicators scored 9 and 7 with weights 0.5/0.5
    // criterion 2 (weight 0.4): one indicator scored 4
    const tree = {
      code: 'G',
      children: [
        {
          code: 'C1',
          weight: 0.6,
          children: [
            { code: 'a', weight: 0.5, membership: membershipFromScore(9) },
            { code: 'b', weight: 0.5, membership: membershipFromScore(7) },
          ],
        },
        { code: 'C2', weight: 0.4, children: [{ code: 'c', weight: 1, membership: membershipFromScore(4) }] },
      ],
    };
    const r = fuzzyEvaluate(tree);
    // C1: [0.25, 0.5, 0.25, 0, 0]; C2: [0, 0, 0, 1, 0] → G: [0.15, 0.3, 0.15, 0.4, 0]
    r.b.forEach((x, k) => expect(x).toBeCloseTo([0.15, 0.3, 0.15, 0.4, 0][k], 15));
    expect(r.score).toBeCloseTo(0.15 * 10 + 0.3 * 8 + 0.15 * 6 + 0.4 * 4, 14);
    expect(r.grade).toBe(3); // maximum membership: severe
    expect(r.gradeWeightedAverage).toBe(2); // S = 6.4 is nearest to moderate (6)
    expect(r.root.children?.[0].b).toEqual([0.25, 0.5, 0.25, 0, 0]);
  });
  it('the four operators', () => {
    const w = [0.6, 0.4];
    const R = [
      [0.5, 0.5, 0],
      [0, 0.2, 0.8],
    ];
    expect(compose(w, R, 'weighted-average').bRaw.map((x) => Number(x.toFixed(12)))).toEqual([0.3, 0.38, 0.32]);
    expect(compose(w, R, 'min-max').bRaw).toEqual([0.5, 0.5, 0.4]);
    expect(compose(w, R, 'product-max').bRaw.map((x) => Number(x.toFixed(12)))).toEqual([0.3, 0.3, 0.32]);
    expect(compose(w, R, 'min-bounded-sum').bRaw).toEqual([0.5, 0.7, 0.4]);
    const mm = compose(w, R, 'min-max');
    expect(mm.b.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 15);
  });
  it('batch evaluation agrees with the multi-level small API', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.double({ min: 0, max: 12, noNaN: true }), { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 20 }),
        (scores) => {
          const batch = fuzzyEvaluateBatch(toColumnMajor(scores), [0.6 * 0.5, 0.6 * 0.5, 0.4]);
          scores.forEach((s, i) => {
            const tree = {
              children: [
                {
                  weight: 0.6,
                  children: [
                    { weight: 0.5, membership: membershipFromScore(s[0]) },
                    { weight: 0.5, membership: membershipFromScore(s[1]) },
                  ],
                },
                { weight: 0.4, children: [{ weight: 1, membership: membershipFromScore(s[2]) }] },
              ],
            };
            const small = fuzzyEvaluate(tree);
            expect(Math.abs(batch.score[i] - small.score)).toBeLessThan(1e-12);
            expect(batch.grade[i]).toBe(small.grade);
          });
        },
      ),
    );
  });
  it('validation', () => {
    expect(issues(() => fuzzyEvaluate({ children: [{ code: 'x', weight: 0.5, membership: [1, 0, 0, 0, 0] }] }))[0].message).toMatch(
      /sum to 0.5, not 1/,
    );
    expect(issues(() => fuzzyEvaluate({ children: [{ code: 'x', weight: 1, membership: [1, 0] }] }))[0]).toMatchObject({
      path: ['children', 0, 'membership'],
    });
    expect(issues(() => fuzzyEvaluate({ children: [{ code: 'x', weight: 1, membership: [1, 0, Number.NaN, 0, 0] }] }))[0]).toMatchObject({
      path: ['children', 0, 'membership', 2],
    });
    expect(
      issues(() => fuzzyEvaluate({ children: [{ weight: 1, membership: [1, 0, 0, 0, 0] }] }, { operator: 'max' as never }))[0],
    ).toMatchObject({ path: ['operator'] });
    expect(issues(() => fuzzyEvaluateBatch(toColumnMajor([[Number.NaN]]), [1]))[0]).toMatchObject({ path: [0, 0] });
  });

  it('batch FCE names a non-finite cell in any row block, and huge finite scores are not mistaken for one', () => {
    const rows = Array.from({ length: 9000 }, (_, i) => [2 + (i % 9), 10 - (i % 7)]);
    rows[8500][1] = Number.POSITIVE_INFINITY;
    expect(issues(() => fuzzyEvaluateBatch(toColumnMajor(rows), [0.5, 0.5]))[0]).toMatchObject({
      path: [8500, 1],
      message: 'Infinity is not a finite number',
    });
    rows[8500][1] = Number.NEGATIVE_INFINITY;
    expect(issues(() => fuzzyEvaluateBatch(toColumnMajor(rows), [0.5, 0.5]))[0]).toMatchObject({ path: [8500, 1] });
    const huge = fuzzyEvaluateBatch(toColumnMajor([[1e308], [1e308], [-1e308]]), [1]);
    expect(Array.from(huge.score)).toEqual([10, 10, 2]);
  });
});

describe('scorecard ([002 §1])', () => {
  const overdue = {
    type: 'ranges' as const,
    ranges: [
      { from: null, to: 1, score: 7 },
      { from: 1, to: 30, score: 5 },
      { from: 30, to: 90, score: 3 },
      { from: 90, to: null, score: 1 },
    ],
  };
  const debt = {
    type: 'linear' as const,
    points: [
      [0.3, 7],
      [0.9, 1],
    ] as [number, number][],
  };
  const indicators = [
    { code: 'mgmt', weight: 0.4 },
    { code: 'overdue', weight: 0.3, rule: overdue },
    { code: 'debt', weight: 0.3, rule: debt },
  ];
  it('scores qualitative and quantitative indicators and grades the total', () => {
    const r = scorecard(indicators, { mgmt: 6, overdue: 12, debt: 0.6 });
    r.indicators.forEach((i, k) => expect(i.score).toBeCloseTo([6, 5, 4][k], 14));
    expect(r.score).toBeCloseTo(0.4 * 6 + 0.3 * 5 + 0.3 * 4, 14);
    expect(r.grade).toBe('B');
  });
  it('subject + debt item weighting keeps proportions within each group', () => {
    const w = subjectDebtWeights(indicators, new Set(['overdue', 'debt']), 0.4);
    w.forEach((i, k) => expect(i.weight).toBeCloseTo([0.4, 0.3, 0.3][k], 15));
  });
  it('keeps a dated history, never overwritten', () => {
    let h = addScore([], { date: '2026-03-01', score: 5.1, grade: 'B' });
    h = addScore(h, { date: '2026-01-15', score: 5.6, grade: 'B' });
    expect(h.map((x) => x.date)).toEqual(['2026-01-15', '2026-03-01']);
    expect(issues(() => addScore(h, { date: '2026-03-01', score: 4, grade: 'C' }))[0].message).toMatch(/already recorded/);
  });
  it('rules are validated and applied', () => {
    expect(applyScoringRule(debt, 0.45)).toBeCloseTo(5.5, 14);
    expect(
      issues(() =>
        checkScoringRule({
          type: 'ranges',
          ranges: [
            { from: 0, to: 1, score: 1 },
            { from: 2, to: 3, score: 2 },
          ],
        }),
      )[0],
    ).toMatchObject({ path: ['ranges', 1, 'from'], message: expect.stringMatching(/gap/) });
    expect(
      issues(() =>
        checkScoringRule({
          type: 'ranges',
          ranges: [
            { from: 0, to: 2, score: 1 },
            { from: 1, to: 3, score: 2 },
          ],
        }),
      )[0].message,
    ).toMatch(/overlaps/);
    expect(
      issues(() =>
        checkScoringRule({
          type: 'linear',
          points: [
            [1, 2],
            [1, 3],
          ],
        }),
      )[0],
    ).toMatchObject({ path: ['points', 1] });
    expect(issues(() => applyScoringRule({ type: 'ranges', ranges: [{ from: 0, to: 1, score: 1 }] }, 5))[0].message).toMatch(
      /outside the scoring table/,
    );
    expect(issues(() => scorecard(indicators, { mgmt: 6, overdue: 12 }))[0]).toMatchObject({ path: ['debt'] });
  });
});

describe('explanation, sensitivity, Monte Carlo', () => {
  const values = [
    [0.9, 0.2, 0.5],
    [0.4, 0.8, 0.6],
    [0.1, 0.3, 0.9],
  ];
  const w = [0.5, 0.3, 0.2];
  it('contributions add up to the score', () => {
    const r = weightedSumContributions(w, values[0]);
    expect(r.contributions.reduce((s, c) => s + c.contribution, 0)).toBeCloseTo(r.score, 15);
    expect(r.contributions[0].index).toBe(0);
  });
  it('one-at-a-time: the reported change makes the pair tie exactly', () => {
    const res = oneAtATimeSensitivity(w, values);
    for (const s of res) {
      if (s.delta === null || s.pair === null || s.weightAtSwap === null) continue;
      const t = s.weightAtSwap;
      const j = s.index;
      const w2 = w.map((x, k) => (k === j ? t : (x * (1 - t)) / (1 - w[j])));
      const score = (row: number[]) => row.reduce((acc, z, k) => acc + w2[k] * z, 0);
      expect(score(values[s.pair[0]])).toBeCloseTo(score(values[s.pair[1]]), 12);
    }
    expect(res[0].delta).not.toBeNull();
  });
  it('rank probabilities sum to 1 per alternative and per rank; seeded', () => {
    const r = monteCarloRanks(w, values, { draws: 2000, seed: 7 });
    for (const row of r.probabilities) expect(row.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 12);
    for (let k = 0; k < 3; k++) expect(r.probabilities.reduce((s, row) => s + row[k], 0)).toBeCloseTo(1, 12);
    expect(monteCarloRanks(w, values, { draws: 2000, seed: 7 })).toEqual(r);
    const experts = monteCarloRanks(w, values, { draws: 500, expertWeights: [w, [0.2, 0.3, 0.5]] });
    expect(experts.sampling).toBe('experts');
  });
});

describe('grey relational batch', () => {
  it('agrees with the small API (min-max, ideal reference)', async () => {
    const { graGradesBatch } = await import('../../src/evaluation/grey-batch.ts');
    for (const c of fixture.cases) {
      const small = gra(c.matrix, { directions: c.directions, weights: c.weights, rho: c.rho });
      const batch = graGradesBatch(toColumnMajor(c.matrix), c.weights, c.directions, c.rho);
      small.grades.forEach((g, i) => expect(Math.abs(batch[i] - g)).toBeLessThan(1e-12));
    }
  });
});
