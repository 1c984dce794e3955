/**
 * The four AHP priority methods of [003] (SPEC §3.1) and the principal eigenvalue, over a
 * complete positive reciprocal matrix given row-major in a Float64Array (n × n).
 * Hot loops allocate nothing; scratch arrays are passed in or allocated once per call.
 */
import { solveLinear } from '../numeric/linear.ts';

export type PriorityMethod = 'eigenvector' | 'geometric-mean' | 'column-mean' | 'least-squares';

export const PRIORITY_METHODS: readonly PriorityMethod[] = ['eigenvector', 'geometric-mean', 'column-mean', 'least-squares'];

/** Result of the power iteration. */
export interface PrincipalEigen {
  /** The Perron eigenvector, normalised to sum 1. */
  vector: Float64Array;
  /** The Perron eigenvalue λmax. */
  value: number;
  iterations: number;
}

/** Convergence of the power iteration: max |w_k+1 − w_k| below this. */
const POWER_TOLERANCE = 1e-15;
const POWER_MAX_ITERATIONS = 100_000;

/**
 * Principal eigenpair of a non-negative irreducible matrix by power iteration (Perron–Frobenius: the dominant
 * eigenvalue is real, simple and its eigenvector positive). w ← A·w / Σ(A·w) until the change is
 * below 1e-15; then λmax = Σ_i (A·w)_i (because Σ w = 1). `a` is row-major n × n.
 */
export function principalEigen(a: Float64Array, n: number, out = new Float64Array(n), scratch = new Float64Array(n)): PrincipalEigen {
  if (n === 1) {
    out[0] = 1;
    return { vector: out, value: a[0], iterations: 0 };
  }
  // Start from the geometric-mean vector (close to the answer for near-consistent matrices);
  // Harker's matrix has zeros, so start uniform there.
  if (a.every((x) => x > 0)) ahpGeometricMean(a, n, out);
  else out.fill(1 / n);
  let value = 0;
  let it = 0;
  for (; it < POWER_MAX_ITERATIONS; it++) {
    let total = 0;
    for (let i = 0; i < n; i++) {
      let s = 0;
      const row = i * n;
      for (let j = 0; j < n; j++) s += a[row + j] * out[j];
      scratch[i] = s;
      total += s;
    }
    value = total;
    let change = 0;
    for (let i = 0; i < n; i++) {
      const v = scratch[i] / total;
      const d = Math.abs(v - out[i]);
      if (d > change) change = d;
      out[i] = v;
    }
    if (change <= POWER_TOLERANCE) break;
  }
  return { vector: out, value, iterations: it + 1 };
}

/** Geometric mean (row) method: w_i ∝ (∏_j a_ij)^(1/n), computed in logs. Identical to LLSM. */
export function ahpGeometricMean(a: Float64Array, n: number, out = new Float64Array(n)): Float64Array {
  let total = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += Math.log(a[i * n + j]);
    const v = Math.exp(s / n);
    out[i] = v;
    total += v;
  }
  for (let i = 0; i < n; i++) out[i] /= total;
  return out;
}

/** Normalised column ("sum") method: divide each column by its sum, then average each row. */
export function ahpColumnMean(a: Float64Array, n: number, out = new Float64Array(n)): Float64Array {
  out.fill(0);
  for (let j = 0; j < n; j++) {
    let cs = 0;
    for (let i = 0; i < n; i++) cs += a[i * n + j];
    for (let i = 0; i < n; i++) out[i] += a[i * n + j] / cs;
  }
  for (let i = 0; i < n; i++) out[i] /= n;
  return out;
}

/**
 * Weighted least squares (Chu, Kalaba & Spingarn 1979): minimise Σ_i Σ_j (a_ij·w_j − w_i)²
 * subject to Σ w = 1. Setting the gradient of the Lagrangian to zero gives the linear system
 *   B w + μ e = 0,  eᵀw = 1,  B_kk = (n − 1) + Σ_{i≠k} a_ik²,  B_ki = −(a_ik + a_ki) (i ≠ k),
 * solved exactly by Gaussian elimination.
 */
export function ahpLeastSquares(a: Float64Array, n: number): Float64Array {
  const sys: number[][] = [];
  for (let k = 0; k < n; k++) {
    const row = new Array<number>(n + 1).fill(0);
    let diag = n - 1;
    for (let i = 0; i < n; i++) {
      if (i === k) continue;
      const aik = a[i * n + k];
      diag += aik * aik;
      row[i] = -(aik + a[k * n + i]);
    }
    row[k] = diag;
    row[n] = 1;
    sys.push(row);
  }
  sys.push([...new Array<number>(n).fill(1), 0]);
  const rhs = [...new Array<number>(n).fill(0), 1];
  const x = solveLinear(sys, rhs);
  if (x === null) throw new RangeError('the least-squares system is singular');
  return Float64Array.from(x.slice(0, n));
}

/** λmax estimate (1/n) Σ_i (A·w)_i / w_i for any priority vector w. */
export function ahpLambdaMean(a: Float64Array, n: number, w: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < n; i++) {
    let aw = 0;
    for (let j = 0; j < n; j++) aw += a[i * n + j] * w[j];
    s += aw / w[i];
  }
  return s / n;
}

/** Priority vector of `method` (eigenvector via `principalEigen`). */
export function ahpPriorityVector(a: Float64Array, n: number, method: PriorityMethod): { weights: Float64Array; eigen?: PrincipalEigen } {
  switch (method) {
    case 'eigenvector': {
      const eigen = principalEigen(a, n);
      return { weights: eigen.vector, eigen };
    }
    case 'geometric-mean':
      return { weights: ahpGeometricMean(a, n) };
    case 'column-mean':
      return { weights: ahpColumnMean(a, n) };
    case 'least-squares':
      return { weights: ahpLeastSquares(a, n) };
  }
}
