import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { binaryDiscrimination, classificationReport, ksStatistic, rocAuc } from '../../src/credit/classification-metrics.ts';
import { creditDatasetFromRows } from '../../src/credit/dataset.ts';
import { treeGainWeights } from '../../src/credit/gain-weights.ts';
import { stratifiedFolds } from '../../src/credit/stratified-folds.ts';
import { ValidationError } from '../../src/errors.ts';

function issues(f: () => unknown) {
  try {
    f();
  } catch (e) {
    if (e instanceof ValidationError) return e.issues;
    throw e;
  }
  throw new Error('expected a ValidationError');
}

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
