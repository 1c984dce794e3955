/**
 * Weights given to an evaluation method: one per indicator, finite, non-negative, summing to 1
 * within 1e-6 — or normalised on request with a warning. Errors name `weights[j]`.
 */
import { IssueList } from '../errors.ts';

export function checkEvaluationWeights(
  weights: readonly number[] | undefined,
  n: number,
  normalise: boolean,
  warnings: string[],
): number[] {
  if (weights === undefined) return new Array<number>(n).fill(1 / n);
  const issues = new IssueList();
  if (weights.length !== n) issues.add(['weights'], `${weights.length} weights for ${n} indicators`, `${n} weights`);
  weights.forEach((w, j) => {
    if (typeof w !== 'number' || !Number.isFinite(w) || w < 0) issues.add(['weights', j], `${String(w)} is not a non-negative number`);
  });
  issues.throwIfAny();
  const total = weights.reduce((s, w) => s + w, 0);
  if (!(total > 0)) issues.add(['weights'], 'the weights sum to 0');
  else if (Math.abs(total - 1) > 1e-6) {
    if (!normalise)
      issues.add(['weights'], `the weights sum to ${Number(total.toPrecision(10))}, not 1`, 'weights summing to 1, or --normalise');
    else warnings.push(`weights summed to ${Number(total.toPrecision(10))}; normalised to 1`);
  }
  issues.throwIfAny();
  return weights.map((w) => w / total);
}
