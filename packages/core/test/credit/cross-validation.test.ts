import { describe, expect, it } from 'vitest';
import { crossValidateCredit } from '../../src/credit/cross-validation.ts';
import { creditDatasetFromRows } from '../../src/credit/dataset.ts';
import { generateLoanHistory } from '../../src/credit/generator.ts';
import { stratifiedFolds } from '../../src/credit/stratified-folds.ts';
import { issues } from '../support/issues.ts';

const ds = generateLoanHistory({ rows: 600, seed: 11 }).dataset;

/**
 * What `scf-risk tree validate --folds 4 --seed 3 --max-depth 3` computed on this data set before the
 * computation moved from the command into core (the command's own code, run on commit a7c600c).
 */
const BEFORE = [
  {
    algorithm: 'id3',
    accuracy: 0.66,
    macroF1: 0.2964793534084022,
    auc: 0.6647424199887704,
    ks: 0.35050533408197637,
    folds: [0.7066666666666667, 0.6333333333333333, 0.6666666666666666, 0.6333333333333333],
  },
  {
    algorithm: 'c45',
    accuracy: 0.73,
    macroF1: 0.2447826588262424,
    auc: 0.6383176586187536,
    ks: 0.15496911847276817,
    folds: [0.7266666666666667, 0.7266666666666667, 0.7266666666666667, 0.74],
  },
  {
    algorithm: 'cart',
    accuracy: 0.72,
    macroF1: 0.3177485982377846,
    auc: 0.7194167602470523,
    ks: 0.48343627175743964,
    folds: [0.6933333333333334, 0.7333333333333333, 0.7266666666666667, 0.7266666666666667],
  },
  {
    algorithm: 'logistic',
    accuracy: 0.9083333333333333,
    macroF1: 0.6972449288525583,
    auc: 0.9025126333520495,
    ks: 0.7095732734418867,
    folds: [0.8933333333333333, 0.9, 0.9133333333333333, 0.9266666666666666],
  },
];

describe('crossValidateCredit: the trees and the logistic baseline on the same seeded folds', () => {
  it('gives the numbers the command gave before it moved to core', () => {
    const r = crossValidateCredit(ds, { folds: 4, seed: 3, maxDepth: 3 });
    expect(r).toMatchObject({ folds: 4, seed: 3, rows: 600, classes: ds.classes, positiveClass: 'high risk' });
    expect(
      r.models.map((m) => ({
        algorithm: m.algorithm,
        accuracy: m.report.accuracy,
        macroF1: m.report.macroF1,
        auc: m.auc,
        ks: m.ks,
        folds: m.folds.map((f) => f.accuracy),
      })),
    ).toEqual(BEFORE);
  });

  it('pooled reports cover every row once; Gini = 2·AUC − 1; the logistic report is binary', () => {
    const r = crossValidateCredit(ds, { folds: 3, seed: 5, maxDepth: 2, algorithms: ['cart', 'logistic'] });
    expect(r.models.map((m) => m.algorithm)).toEqual(['cart', 'logistic']);
    for (const m of r.models) {
      expect(m.report.confusion.flat().reduce((s, x) => s + x, 0)).toBe(600);
      expect(m.gini).toBeCloseTo(2 * m.auc - 1, 12);
      expect(m.folds.map((f) => f.fold)).toEqual([1, 2, 3]);
    }
    expect(r.models[0].report.classes).toEqual(ds.classes);
    expect(r.models[1].report.classes).toEqual(['high risk', 'rest']);
  });

  it('is a function of the data and the seed: same seed same report, another seed other folds', () => {
    const a = crossValidateCredit(ds, { folds: 3, seed: 8, maxDepth: 2, algorithms: ['id3'] });
    const b = crossValidateCredit(ds, { folds: 3, seed: 8, maxDepth: 2, algorithms: ['id3'] });
    expect(b).toEqual(a);
    expect(stratifiedFolds(ds.labels, 3, 9)).not.toEqual(stratifiedFolds(ds.labels, 3, 8));
    const c = crossValidateCredit(ds, { folds: 3, seed: 9, maxDepth: 2, algorithms: ['id3'] });
    expect(c.models[0].folds).not.toEqual(a.models[0].folds);
  });

  it('reports progress fold by fold', () => {
    const steps: string[] = [];
    crossValidateCredit(ds, {
      folds: 2,
      maxDepth: 1,
      algorithms: ['id3', 'logistic'],
      onProgress: (d, t, s) => steps.push(`${d}/${t} ${s}`),
    });
    expect(steps).toEqual(['1/4 id3 fold 1/2', '2/4 id3 fold 2/2', '3/4 logistic fold 1/2', '4/4 logistic fold 2/2']);
  });

  it('errors: an unknown model, too many folds for a class, a bad fold count or seed', () => {
    expect(issues(() => crossValidateCredit(ds, { algorithms: ['id3', 'svm' as never] }))[0]).toMatchObject({
      path: ['algorithms', 1],
      message: 'unknown algorithm "svm"',
    });
    const tiny = creditDatasetFromRows(
      ['grade', 'risk'],
      [
        ['A', 'low'],
        ['B', 'high'],
        ['A', 'low'],
        ['B', 'low'],
      ],
      { target: 'risk' },
    );
    expect(issues(() => crossValidateCredit(tiny, { folds: 3 }))[0]).toMatchObject({
      path: ['folds'],
      message: '3 folds but a class has only 1 rows; every fold needs each class',
    });
    expect(issues(() => crossValidateCredit(ds, { folds: 1.5 }))[0].path).toEqual(['folds']);
    expect(issues(() => crossValidateCredit(ds, { seed: Number.NaN }))[0].path).toEqual(['seed']);
  });
});
