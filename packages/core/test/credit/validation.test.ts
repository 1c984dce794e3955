import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { binaryDiscrimination, classificationReport, ksStatistic, rocAuc } from '../../src/credit/classification-metrics.ts';
import { creditDatasetFromRows } from '../../src/credit/dataset.ts';
import { treeGainWeights } from '../../src/credit/gain-weights.ts';
import { stratifiedFolds } from '../../src/credit/stratified-folds.ts';
import { issues } from '../support/issues.ts';

describe('classification metrics', () => {
  it('reproduce the scikit-learn roc_auc_score documentation example (0.75) and its KS', () => {
    const score = [0.1, 0.4, 0.35, 0.8];
    const pos = [false, false, true, true];
    expect(rocAuc(score, pos)).toBe(0.75);
    expect(ksStatistic(score, pos)).toBe(0.5);
    expect(binaryDiscrimination(score, pos).gini).toBe(0.5);
  });
  it('confusion matrix, precision, recall, macro-F1 worked by hand', () => {
    const r = classificationReport([0, 0, 1, 1, 1, 2], [0, 1, 1, 1, 0, 2], ['a', 'b', 'c']);
    expect(r.confusion).toEqual([
      [1, 1, 0],
      [1, 2, 0],
      [0, 0, 1],
    ]);
    expect(r.accuracy).toBeCloseTo(4 / 6, 15);
    expect(r.precision).toEqual([0.5, 2 / 3, 1]);
    expect(r.recall).toEqual([0.5, 2 / 3, 1]);
    expect(r.macroF1).toBeCloseTo((0.5 + 2 / 3 + 1) / 3, 15);
  });
  it('AUC: perfect ranker 1, reversed 0, invariant under monotone transforms, ties count half', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: 1000 }).map((v) => v / 1000),
            fc.boolean(),
          ),
          { minLength: 2, maxLength: 50 },
        ),
        (rows) => {
          const pos = rows.map((r) => r[1]);
          if (pos.every((p) => p) || pos.every((p) => !p)) return;
          const s = rows.map((r) => r[0]);
          const auc = rocAuc(s, pos);
          expect(
            rocAuc(
              s.map((x) => Math.exp(3 * x)),
              pos,
            ),
          ).toBeCloseTo(auc, 12);
          expect(
            rocAuc(
              pos.map((p) => (p ? 1 : 0)),
              pos,
            ),
          ).toBe(1);
          expect(
            rocAuc(
              pos.map((p) => (p ? 0 : 1)),
              pos,
            ),
          ).toBe(0);
          expect(
            rocAuc(
              s.map(() => 0.3),
              pos,
            ),
          ).toBe(0.5);
        },
      ),
    );
  });
  it('errors', () => {
    expect(issues(() => rocAuc([0.1, 0.2], [true, true]))[0].message).toMatch(/needs both classes/);
    expect(issues(() => classificationReport([0], [0, 1], ['a', 'b']))[0]).toMatchObject({ path: ['predicted'] });
  });
});

describe('stratified folds', () => {
  it('are disjoint, cover every row and keep class proportions', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 10, maxLength: 200 }),
        fc.integer({ min: 2, max: 5 }),
        fc.integer(),
        (labels, k, seed) => {
          if (labels.length < k) return;
          const fold = stratifiedFolds(labels, k, seed);
          expect(fold).toHaveLength(labels.length);
          for (const c of new Set(labels)) {
            const per = Array.from({ length: k }, (_, f) => labels.filter((l, i) => l === c && fold[i] === f).length);
            expect(Math.max(...per) - Math.min(...per)).toBeLessThanOrEqual(1);
          }
          expect(stratifiedFolds(labels, k, seed)).toEqual(fold);
        },
      ),
    );
    expect(issues(() => stratifiedFolds([0, 1], 3))[0]).toMatchObject({ path: ['folds'] });
    expect(issues(() => stratifiedFolds([0, 1, 0], 1))[0]).toMatchObject({ path: ['folds'] });
  });
});

describe('weights from the tree ([002 §3])', () => {
  const header = ['grade', 'years', 'risk'];
  const rows = [
    ['AAA', 9, 'low'],
    ['AAA', 8, 'low'],
    ['AA', 7, 'low'],
    ['AA', 2, 'high'],
    ['B', 1, 'high'],
    ['B', 3, 'high'],
    ['AA', 6, 'low'],
    ['B', 5, 'low'],
  ];
  it('map gains to 0–100 (max → 100, min → 0) and value influence Σ w_k x_ik / Σ x_ik', () => {
    const ds = creditDatasetFromRows(header, rows, { target: 'risk' } as never);
    const r = treeGainWeights(
      ds,
      ds.classes.map((c) => (c === 'high' ? 1 : 0)),
    );
    const mapped = r.attributes.map((a) => a.mapped);
    expect(Math.max(...mapped)).toBe(100);
    expect(Math.min(...mapped)).toBe(0);
    expect(r.attributes.reduce((s, a) => s + a.normalised, 0)).toBeCloseTo(1, 15);
    const b = r.values.find((v) => v.attribute === 'grade' && v.value === 'B');
    expect(b?.influence).toBeCloseTo(2 / 3, 15);
    expect(b?.coefficient).toBeCloseTo((2 / 3) * (r.attributes.find((a) => a.attribute === 'grade')?.mapped ?? 0), 12);
    expect(issues(() => treeGainWeights(ds, [1]))[0]).toMatchObject({ path: ['nplRatios'] });
  });
});

describe('WoE / IV and the logistic baseline', () => {
  it('WoE and IV worked by hand with the 0.5 smoothing', async () => {
    const { fitWoe, woeScorecardPoints } = await import('../../src/credit/woe.ts');
    // grade A: 4 good, 0 bad; grade B: 1 good, 3 bad (bad = class "high")
    const ds = creditDatasetFromRows(
      ['grade', 'risk'],
      [
        ['A', 'low'],
        ['A', 'low'],
        ['A', 'low'],
        ['A', 'low'],
        ['B', 'low'],
        ['B', 'high'],
        ['B', 'high'],
        ['B', 'high'],
      ],
      { target: 'risk' } as never,
    );
    const high = ds.classes.indexOf('high');
    const [g] = fitWoe(
      ds,
      Array.from({ length: 8 }, (_, i) => i),
      (l) => l === high,
    );
    // bins A, B, (missing): good 4, 1, 0; bad 0, 3, 0; G = 5 + 1.5, D = 3 + 1.5
    const pg = [4.5 / 6.5, 1.5 / 6.5, 0.5 / 6.5];
    const pb = [0.5 / 4.5, 3.5 / 4.5, 0.5 / 4.5];
    g.bins.forEach((b, k) => expect(b.woe).toBeCloseTo(Math.log(pg[k] / pb[k]), 14));
    expect(g.iv).toBeCloseTo(
      pg.reduce((s, x, k) => s + (x - pb[k]) * Math.log(x / pb[k]), 0),
      14,
    );
    const pts = woeScorecardPoints([g], { intercept: 0, coefficients: [-1] });
    expect(pts[0].points).toBeGreaterThan(pts[1].points);
  });
  it('Newton/IRLS converges to a point where the penalised gradient is zero', async () => {
    const { fitLogistic } = await import('../../src/credit/logistic.ts');
    const x = [
      [0.5, 1],
      [1.5, -1],
      [2, 0.3],
      [-1, 0.2],
      [0.1, -0.5],
      [3, 2],
      [-2, 1],
      [1, 1],
    ];
    const y = [0, 1, 1, 0, 0, 1, 0, 1];
    const fit = fitLogistic(x, y, 0.01);
    expect(fit.converged).toBe(true);
    const p = x.map((r) => 1 / (1 + Math.exp(-(fit.intercept + r[0] * fit.coefficients[0] + r[1] * fit.coefficients[1]))));
    const g0 = y.reduce((s, yi, i) => s + yi - p[i], 0);
    const g1 = y.reduce((s, yi, i) => s + (yi - p[i]) * x[i][0], 0) - 0.01 * fit.coefficients[0];
    const g2 = y.reduce((s, yi, i) => s + (yi - p[i]) * x[i][1], 0) - 0.01 * fit.coefficients[1];
    for (const g of [g0, g1, g2]) expect(Math.abs(g)).toBeLessThan(1e-9);
  });
});
