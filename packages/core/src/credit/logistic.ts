/**
 * Binary logistic regression fitted by Newton's method (IRLS) with a small L2 penalty on the
 * coefficients (not the intercept): maximise Σ [y log p + (1 − y) log(1 − p)] − (λ/2)‖β‖²,
 * p = σ(β₀ + xᵀβ). Each step solves (XᵀWX + λI)Δ = Xᵀ(y − p) − λβ exactly; it stops when
 * max |Δ| < 1e-10 (the iterations are reported). Used on WoE features as the scorecard baseline.
 */
import { ValidationError } from '../errors.ts';
import { solveLinear } from '../numeric/linear.ts';

export interface LogisticFit {
  intercept: number;
  coefficients: number[];
  iterations: number;
  lambda: number;
  converged: boolean;
}

export function fitLogistic(x: readonly (readonly number[])[], y: ArrayLike<number>, lambda = 1e-4, maxIterations = 100): LogisticFit {
  const n = x.length;
  const d = n > 0 ? x[0].length : 0;
  if (n === 0 || y.length !== n)
    throw new ValidationError([{ path: [], message: `logistic regression needs rows with outcomes (${n} rows, ${y.length} outcomes)` }]);
  const beta = new Array<number>(d + 1).fill(0); // beta[0] = intercept
  let it = 0;
  let converged = false;
  for (; it < maxIterations; it++) {
    const h = Array.from({ length: d + 1 }, () => new Array<number>(d + 1).fill(0));
    const g = new Array<number>(d + 1).fill(0);
    for (let i = 0; i < n; i++) {
      let z = beta[0];
      for (let j = 0; j < d; j++) z += beta[j + 1] * x[i][j];
      const p = 1 / (1 + Math.exp(-z));
      const w = Math.max(p * (1 - p), 1e-12);
      const r = y[i] - p;
      g[0] += r;
      h[0][0] += w;
      for (let j = 0; j < d; j++) {
        const xj = x[i][j];
        g[j + 1] += r * xj;
        h[0][j + 1] += w * xj;
        for (let k = j; k < d; k++) h[j + 1][k + 1] += w * xj * x[i][k];
      }
    }
    for (let j = 0; j <= d; j++) for (let k = 0; k < j; k++) h[j][k] = h[k][j];
    for (let j = 1; j <= d; j++) {
      h[j][j] += lambda;
      g[j] -= lambda * beta[j];
    }
    const step = solveLinear(h, g);
    if (!step)
      throw new ValidationError([
        { path: [], message: 'the logistic regression system is singular (a feature is constant or duplicated)' },
      ]);
    let maxStep = 0;
    for (let j = 0; j <= d; j++) {
      beta[j] += step[j];
      maxStep = Math.max(maxStep, Math.abs(step[j]));
    }
    if (maxStep < 1e-10) {
      converged = true;
      it++;
      break;
    }
  }
  return { intercept: beta[0], coefficients: beta.slice(1), iterations: it, lambda, converged };
}

/** P(y = 1) for one feature row. */
export function logisticProbability(fit: LogisticFit, row: readonly number[]): number {
  let z = fit.intercept;
  for (let j = 0; j < row.length; j++) z += fit.coefficients[j] * row[j];
  return 1 / (1 + Math.exp(-z));
}
