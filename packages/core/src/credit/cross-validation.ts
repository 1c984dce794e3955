/**
 * Stratified k-fold cross-validation of the credit trees side by side with the logistic WoE
 * baseline (SPEC §5.4): every model is trained on the same seeded folds (`stratifiedFolds`) and
 * scored on the pooled out-of-fold predictions — accuracy, macro-F1 and the confusion matrix over
 * the classes, and AUC, KS and Gini of the first class (high risk) against the rest, scored by the
 * predicted probability of that class. The logistic baseline predicts high risk vs the rest, so its
 * accuracy and macro-F1 are those of that binary split (threshold 0.5).
 */
import { ValidationError } from '../errors.ts';
import { binaryDiscrimination, type ClassificationReport, classificationReport } from './classification-metrics.ts';
import { type CreditDataset, subsetCreditDataset } from './dataset.ts';
import { scoreTreeRows } from './holdout-validation.ts';
import { fitLogistic, logisticProbability } from './logistic.ts';
import { stratifiedFolds } from './stratified-folds.ts';
import { type TreeAlgorithm, trainTree } from './tree.ts';
import { fitWoe } from './woe.ts';

/** A model cross-validated by {@link crossValidateCredit}: a tree learner or the logistic WoE baseline. */
export type CrossValidationModel = TreeAlgorithm | 'logistic';
export const CROSS_VALIDATION_MODELS: readonly CrossValidationModel[] = ['id3', 'c45', 'cart', 'logistic'];

export interface CrossValidationOptions {
  /** Number of folds k ≥ 2 (default 5); every class needs at least k rows. */
  folds?: number;
  /** Seed of the fold assignment (default 1). */
  seed?: number;
  /** Models in report order (default id3, c45, cart, logistic). */
  algorithms?: readonly CrossValidationModel[];
  /** Maximum depth of every tree. */
  maxDepth?: number;
  /** Minimum rows per leaf of every tree. */
  minLeaf?: number;
  /** Called after each fold of each model (`done` of `total` = models × folds). */
  onProgress?(done: number, total: number, step: string): void;
}

export interface ModelValidation {
  algorithm: CrossValidationModel;
  /** Pooled out-of-fold predictions. */
  report: ClassificationReport;
  /** High risk (the first class) vs the rest, scored by the predicted probability of high risk. */
  auc: number;
  ks: number;
  gini: number;
  folds: { fold: number; accuracy: number; macroF1: number }[];
}

export interface CrossValidationReport {
  folds: number;
  seed: number;
  rows: number;
  classes: string[];
  /** The class AUC, KS and Gini single out (the first class). */
  positiveClass: string;
  models: ModelValidation[];
}

/** Training and test rows of fold f. */
function split(fold: Int32Array, f: number): { train: number[]; test: number[] } {
  const train: number[] = [];
  const test: number[] = [];
  for (let i = 0; i < fold.length; i++) (fold[i] === f ? test : train).push(i);
  return { train, test };
}

/**
 * The logistic WoE scorecard on the same folds: WoE bins and the fit are learnt on each training
 * part; its report is binary (high risk vs the rest, threshold 0.5).
 */
function validateLogistic(ds: CreditDataset, fold: Int32Array, k: number, progress: (step: string) => void): ModelValidation {
  const pHigh = new Float64Array(ds.rows);
  const perFold: ModelValidation['folds'] = [];
  const isBad = (l: number) => l === 0;
  for (let f = 0; f < k; f++) {
    const { train, test } = split(fold, f);
    const woe = fitWoe(ds, train, isBad);
    const features = (r: number) => woe.map((a) => a.bins[a.binOf(ds, r)].woe);
    const fit = fitLogistic(
      train.map(features),
      train.map((r) => (isBad(ds.labels[r]) ? 1 : 0)),
    );
    for (const r of test) pHigh[r] = logisticProbability(fit, features(r));
    const fr = classificationReport(
      test.map((r) => (isBad(ds.labels[r]) ? 0 : 1)),
      test.map((r) => (pHigh[r] >= 0.5 ? 0 : 1)),
      [ds.classes[0], 'rest'],
    );
    perFold.push({ fold: f + 1, accuracy: fr.accuracy, macroF1: fr.macroF1 });
    progress(`logistic fold ${f + 1}/${k}`);
  }
  const actual = Array.from(ds.labels, (l) => (isBad(l) ? 0 : 1));
  const report = classificationReport(
    actual,
    Array.from(pHigh, (p) => (p >= 0.5 ? 0 : 1)),
    [ds.classes[0], 'rest'],
  );
  return { algorithm: 'logistic', report, ...binaryDiscrimination(pHigh, Array.from(ds.labels, isBad)), folds: perFold };
}

/** One tree learner on the folds. */
function validateTree(
  ds: CreditDataset,
  fold: Int32Array,
  k: number,
  algorithm: TreeAlgorithm,
  options: CrossValidationOptions,
  progress: (step: string) => void,
): ModelValidation {
  const predicted = new Int32Array(ds.rows);
  const pHigh = new Float64Array(ds.rows);
  const perFold: ModelValidation['folds'] = [];
  for (let f = 0; f < k; f++) {
    const { train, test } = split(fold, f);
    const model = trainTree(subsetCreditDataset(ds, train), {
      algorithm,
      ...(options.maxDepth !== undefined ? { maxDepth: options.maxDepth } : {}),
      ...(options.minLeaf !== undefined ? { minLeaf: options.minLeaf } : {}),
      recordCandidates: false,
    });
    const scores = scoreTreeRows(model, ds, ds.classes, test);
    test.forEach((row, t) => {
      predicted[row] = scores.predicted[t];
      pHigh[row] = scores.pFirst[t];
    });
    const fr = classificationReport(
      test.map((r) => ds.labels[r]),
      test.map((r) => predicted[r]),
      ds.classes,
    );
    perFold.push({ fold: f + 1, accuracy: fr.accuracy, macroF1: fr.macroF1 });
    progress(`${algorithm} fold ${f + 1}/${k}`);
  }
  const report = classificationReport(ds.labels, predicted, ds.classes);
  const positive = Array.from(ds.labels, (l) => l === 0);
  return { algorithm, report, ...binaryDiscrimination(pHigh, positive), folds: perFold };
}

/**
 * Cross-validate the trees (and the logistic WoE baseline) on one loan history: a pure function
 * of the dataset and the options (the folds come from the seed). Errors: an unknown model (path
 * `algorithms[k]`), folds that are not a whole number ≥ 2 or exceed the smallest class (`folds`).
 *
 * @example crossValidateCredit(dataset, { folds: 5, seed: 1, maxDepth: 4 }).models.map((m) => [m.algorithm, m.auc])
 */
export function crossValidateCredit(ds: CreditDataset, options: CrossValidationOptions = {}): CrossValidationReport {
  const algorithms = [...(options.algorithms ?? CROSS_VALIDATION_MODELS)];
  const k = options.folds ?? 5;
  const seed = options.seed ?? 1;
  const unknown = algorithms.flatMap((a, i) => (CROSS_VALIDATION_MODELS.includes(a) ? [] : [i]));
  if (unknown.length > 0)
    throw new ValidationError(
      unknown.map((i) => ({
        path: ['algorithms', i],
        message: `unknown algorithm "${String(algorithms[i])}"`,
        allowed: CROSS_VALIDATION_MODELS.join(', '),
      })),
    );
  if (!Number.isInteger(seed)) throw new ValidationError([{ path: ['seed'], message: `seed = ${seed} must be a whole number` }]);
  const fold = stratifiedFolds(ds.labels, k, seed);
  const counts = new Map<number, number>();
  for (const l of ds.labels) counts.set(l, (counts.get(l) ?? 0) + 1);
  const smallest = Math.min(...counts.values());
  if (smallest < k)
    throw new ValidationError([
      {
        path: ['folds'],
        message: `${k} folds but a class has only ${smallest} rows; every fold needs each class`,
        allowed: `at most ${smallest} folds`,
      },
    ]);
  const total = algorithms.length * k;
  let done = 0;
  const progress = (step: string) => options.onProgress?.(++done, total, step);
  const models = algorithms.map((algorithm) =>
    algorithm === 'logistic' ? validateLogistic(ds, fold, k, progress) : validateTree(ds, fold, k, algorithm, options, progress),
  );
  return { folds: k, seed, rows: ds.rows, classes: [...ds.classes], positiveClass: ds.classes[0], models };
}
