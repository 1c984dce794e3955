/**
 * Credit-model validation metrics (SPEC §5.4): confusion matrix, accuracy, per-class precision
 * and recall, macro-F1; and for a binary split ("high risk" vs the rest) from a score:
 *   ROC AUC by the rank (Mann–Whitney) formula with average ranks for ties,
 *     AUC = (Σ ranks of positives − n₊(n₊ + 1)/2) / (n₊·n₋),
 *   KS = max_t |F₊(t) − F₋(t)| over thresholds, and Gini = 2·AUC − 1.
 */
import { ValidationError } from '../errors.ts';
import { averageRanks } from '../weighting/kendall.ts';

export interface ClassificationReport {
  classes: string[];
  /** confusion[actual][predicted]. */
  confusion: number[][];
  accuracy: number;
  precision: number[];
  recall: number[];
  f1: number[];
  macroF1: number;
  n: number;
}

/** Multi-class report from actual and predicted class codes. */
export function classificationReport(
  actual: ArrayLike<number>,
  predicted: ArrayLike<number>,
  classes: readonly string[],
): ClassificationReport {
  const C = classes.length;
  const n = actual.length;
  if (predicted.length !== n)
    throw new ValidationError([{ path: ['predicted'], message: `${predicted.length} predictions for ${n} rows` }]);
  if (n === 0) throw new ValidationError([{ path: [], message: 'no rows to validate' }]);
  const confusion = Array.from({ length: C }, () => new Array<number>(C).fill(0));
  for (let i = 0; i < n; i++) confusion[actual[i]][predicted[i]]++;
  const correct = confusion.reduce((s, row, k) => s + row[k], 0);
  const precision: number[] = [];
  const recall: number[] = [];
  const f1: number[] = [];
  for (let k = 0; k < C; k++) {
    const tp = confusion[k][k];
    const col = confusion.reduce((s, row) => s + row[k], 0);
    const row = confusion[k].reduce((s, x) => s + x, 0);
    const p = col === 0 ? 0 : tp / col;
    const r = row === 0 ? 0 : tp / row;
    precision.push(p);
    recall.push(r);
    f1.push(p + r === 0 ? 0 : (2 * p * r) / (p + r));
  }
  return { classes: [...classes], confusion, accuracy: correct / n, precision, recall, f1, macroF1: f1.reduce((s, x) => s + x, 0) / C, n };
}

/** ROC AUC of `score` for `positive` (true = positive class); ties count one half. */
export function rocAuc(score: ArrayLike<number>, positive: ArrayLike<boolean>): number {
  const n = score.length;
  let nPos = 0;
  for (let i = 0; i < n; i++) if (positive[i]) nPos++;
  const nNeg = n - nPos;
  if (nPos === 0 || nNeg === 0)
    throw new ValidationError([{ path: [], message: `AUC needs both classes; found ${nPos} positive and ${nNeg} negative rows` }]);
  const { ranks } = averageRanks(Array.from(score));
  let sum = 0;
  for (let i = 0; i < n; i++) if (positive[i]) sum += ranks[i];
  return (sum - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

/** Kolmogorov–Smirnov statistic: the largest gap between the positives' and negatives' score distributions. */
export function ksStatistic(score: ArrayLike<number>, positive: ArrayLike<boolean>): number {
  const idx = Array.from({ length: score.length }, (_, i) => i).sort((a, b) => score[b] - score[a]);
  let nPos = 0;
  for (let i = 0; i < score.length; i++) if (positive[i]) nPos++;
  const nNeg = score.length - nPos;
  if (nPos === 0 || nNeg === 0) throw new ValidationError([{ path: [], message: 'KS needs both classes' }]);
  let tp = 0;
  let fp = 0;
  let ks = 0;
  for (let k = 0; k < idx.length; k++) {
    if (positive[idx[k]]) tp++;
    else fp++;
    // evaluate only between distinct scores
    if (k + 1 < idx.length && score[idx[k + 1]] === score[idx[k]]) continue;
    ks = Math.max(ks, Math.abs(tp / nPos - fp / nNeg));
  }
  return ks;
}

/** AUC, KS and Gini = 2·AUC − 1 for a binary split. */
export function binaryDiscrimination(score: ArrayLike<number>, positive: ArrayLike<boolean>): { auc: number; ks: number; gini: number } {
  const auc = rocAuc(score, positive);
  return { auc, ks: ksStatistic(score, positive), gini: 2 * auc - 1 };
}
