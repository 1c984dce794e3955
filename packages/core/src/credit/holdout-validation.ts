/**
 * Validation of one trained credit tree on loans with known outcomes (SPEC §5.4) — a hold-out
 * sample or a later vintage, what the cross-validation does per fold: the tree classifies each row
 * ({@link predictTreeDataset}); the figures are core's classification metrics — the confusion
 * matrix, accuracy, precision, recall and macro-F1 over the classes, and AUC, KS and Gini
 * (= 2·AUC − 1) of the first class (high risk) against the rest, scored by the predicted
 * probability of that class.
 */
import { invalid } from '../errors.ts';
import { binaryDiscrimination, type ClassificationReport, classificationReport } from './classification-metrics.ts';
import type { CreditDataset } from './dataset.ts';
import { DAYS_OVERDUE_CLASSES } from './labelling.ts';
import { predictTreeDataset } from './predict.ts';
import type { DecisionTree } from './tree.ts';

/** The tree's scores of some rows, as class codes into a given class list. */
export interface TreeRowScores {
  /** Predicted class code (into the given classes) per scored row. */
  predicted: Int32Array;
  /** Predicted probability of the first of the given classes (high risk) per scored row. */
  pFirst: Float64Array;
}

/**
 * Score rows of `ds` (`index`: which, default all) with `tree`, the predictions coded into
 * `classes` (which holds every class of the tree; its first class is the one `pFirst` scores).
 */
export function scoreTreeRows(tree: DecisionTree, ds: CreditDataset, classes: readonly string[], index?: ArrayLike<number>): TreeRowScores {
  const p = predictTreeDataset(tree, ds, index);
  const C = p.classes.length;
  const toClasses = p.classes.map((c) => classes.indexOf(c));
  const first = p.classes.indexOf(classes[0] as string);
  const n = p.predicted.length;
  const predicted = new Int32Array(n);
  const pFirst = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    predicted[t] = toClasses[p.predicted[t] as number] as number;
    pFirst[t] = first < 0 ? 0 : (p.probabilities[t * C + first] as number);
  }
  return { predicted, pFirst };
}

/** What {@link validateTreeOn} reports. */
export interface TreeValidation {
  rows: number;
  /** The tree's classes, then any class only the data has (risk order when both are risk classes). */
  classes: string[];
  /** The class AUC, KS and Gini single out (the first class). */
  positiveClass: string;
  /** Confusion matrix (rows actual, columns predicted), accuracy, precision, recall, F1, macro-F1. */
  report: ClassificationReport;
  auc: number;
  ks: number;
  gini: number;
}

/**
 * Validate `tree` on `ds` (read with the tree's labelling). Errors: a data set without an attribute
 * the tree needs, or with a category it never saw (predictTreeDataset's paths), a positive class
 * with no row or every row (AUC and KS need both: path `[]`).
 *
 * @example validateTreeOn(parseTreeModel(file), loaded.dataset).auc
 */
export function validateTreeOn(tree: DecisionTree, ds: CreditDataset): TreeValidation {
  let classes = [...tree.classes, ...ds.classes.filter((c) => !tree.classes.includes(c))];
  const risk: readonly string[] = DAYS_OVERDUE_CLASSES;
  if (classes.every((c) => risk.includes(c))) classes = classes.sort((a, b) => risk.indexOf(a) - risk.indexOf(b));
  const positiveClass = classes[0];
  if (positiveClass === undefined) invalid([], 'the tree has no classes');
  const { predicted, pFirst } = scoreTreeRows(tree, ds, classes);
  const actual = Array.from(ds.labels, (l) => classes.indexOf(ds.classes[l] as string));
  const report = classificationReport(actual, predicted, classes);
  return {
    rows: ds.rows,
    classes,
    positiveClass,
    report,
    ...binaryDiscrimination(
      pFirst,
      actual.map((a) => a === 0),
    ),
  };
}
