/**
 * Incomplete pairwise comparison matrices (missing judgments = null), SPEC §3.1:
 * - eigenvector: Harker's method (Harker 1987, Math. Modelling 9(11) 837–848): replace each
 *   missing a_ij by 0 and add the number of missing judgments of row i to the diagonal, then
 *   take the principal eigenvector of that matrix C;
 * - geometric mean: logarithmic least squares over the given pairs (Kwiesielewicz 1996;
 *   Bozóki, Fülöp & Rónyai 2010): minimise Σ_{(i,j) given} (ln a_ij − y_i + y_j)², i.e. solve
 *   the graph-Laplacian system L y = r with r_i = Σ_{j given} ln a_ij and Σ y = 0; w ∝ exp(y).
 * - λmax-minimising completion (Bozóki, Fülöp & Rónyai 2010, Math. Comput. Modelling 52, 318–333;
 *   the method of AHPy): choose the missing entries x = (ln a_ij) so that the completed matrix has
 *   the smallest Perron eigenvalue; λmax(e^x) is convex in x (as they prove), so cyclic coordinate
 *   descent over x converges. It completes the matrix itself, so any priority method applies after.
 * All need the graph of given pairs to be connected; the Harker and LLSM completions have
 * a_ij = w_i/w_j in the missing cells.
 */
import { ValidationError } from '../errors.ts';
import { solveLinear } from '../numeric/linear.ts';
import { principalEigen } from './ahp-priority.ts';

/** Throw when the given comparisons do not connect all elements, naming the unreachable ones. */
export function checkAhpConnected(m: readonly (readonly (number | null)[])[], name: (i: number) => string): void {
  const n = m.length;
  const seen = new Array<boolean>(n).fill(false);
  const stack = [0];
  seen[0] = true;
  while (stack.length > 0) {
    const i = stack.pop() as number;
    for (let j = 0; j < n; j++) {
      if (!seen[j] && m[i][j] !== null) {
        seen[j] = true;
        stack.push(j);
      }
    }
  }
  const apart = seen.flatMap((s, i) => (s ? [] : [i]));
  if (apart.length > 0) {
    throw new ValidationError([
      {
        path: [],
        message: `the given judgments do not connect ${apart.map(name).join(', ')} with ${name(0)}; no priorities can be derived without comparing them, directly or through other elements`,
        allowed: 'at least n − 1 judgments that link every element',
      },
    ]);
  }
}

/** Harker's eigenvector for an incomplete matrix; returns the weights and Harker's λ. */
export function harkerEigen(m: readonly (readonly (number | null)[])[]): { weights: Float64Array; lambda: number; iterations: number } {
  const n = m.length;
  const c = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    let missing = 0;
    for (let j = 0; j < n; j++) {
      const v = m[i][j];
      if (v === null) missing++;
      else if (i !== j) c[i * n + j] = v;
    }
    c[i * n + i] = 1 + missing;
  }
  const e = principalEigen(c, n);
  return { weights: e.vector, lambda: e.value, iterations: e.iterations };
}

/** Logarithmic least squares over the given pairs. */
export function llsmIncomplete(m: readonly (readonly (number | null)[])[]): Float64Array {
  const n = m.length;
  const sys: number[][] = [];
  const rhs: number[] = [];
  for (let i = 0; i < n; i++) {
    const row = new Array<number>(n + 1).fill(0);
    let r = 0;
    for (let j = 0; j < n; j++) {
      const v = m[i][j];
      if (i === j || v === null) continue;
      row[i] += 1;
      row[j] -= 1;
      r += Math.log(v);
    }
    row[n] = 1; // multiplier of the constraint Σ y = 0
    sys.push(row);
    rhs.push(r);
  }
  sys.push([...new Array<number>(n).fill(1), 0]);
  rhs.push(0);
  const y = solveLinear(sys, rhs);
  if (y === null) throw new RangeError('the logarithmic least-squares system is singular');
  const w = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    w[i] = Math.exp(y[i]);
    total += w[i];
  }
  for (let i = 0; i < n; i++) w[i] /= total;
  return w;
}

/** The λmax-minimising completion and how it was reached. */
export interface LambdaMaxCompletion {
  /** The completed matrix (given cells unchanged). */
  matrix: number[][];
  /** λmax of the completed matrix, the minimum over all completions. */
  lambdaMax: number;
  /** Cycles of coordinate descent (each cycle minimises over every missing pair once). */
  iterations: number;
  /** Whether the last cycle moved no log-entry by more than the tolerance. */
  converged: boolean;
}

const CYCLE_TOLERANCE = 1e-11;
const MAX_CYCLES = 20_000;

/** Perron value and the derivative of λmax along t = ln a_ij: (v_i w_j a_ij − v_j w_i a_ji) / vᵀw. */
function lambdaSlope(a: Float64Array, at: Float64Array, n: number, i: number, j: number): { value: number; slope: number } {
  const right = principalEigen(a, n);
  const left = principalEigen(at, n);
  let vw = 0;
  for (let k = 0; k < n; k++) vw += left.vector[k] * right.vector[k];
  const slope = (left.vector[i] * right.vector[j] * a[i * n + j] - left.vector[j] * right.vector[i] * a[j * n + i]) / vw;
  return { value: right.value, slope };
}

/**
 * Missing judgments chosen to minimise λmax of the completed matrix (Bozóki, Fülöp & Rónyai 2010,
 * §4 "cyclic coordinates"). With x_k = ln a_ij for each missing pair i < j, λmax(x) is convex, so
 * each one-dimensional problem has its minimum where dλmax/dx_k = vᵀ(∂A/∂x_k)w / vᵀw changes sign
 * (v, w the left and right Perron vectors): bracketed by doubling steps and closed in by the
 * Illinois (modified regula falsi) method to rounding level. Cycles repeat until no x_k moves by more than 1e-11. Starts from the LLSM completion.
 *
 *   lambdaMaxCompletion([[1,1,5,2],[1,1,3,4],[1/5,1/3,1,null],[1/2,1/4,null,1]]).matrix[2][3] ≈ 0.730297
 */
export function lambdaMaxCompletion(m: readonly (readonly (number | null)[])[]): LambdaMaxCompletion {
  const n = m.length;
  const start = llsmIncomplete(m);
  const pairs: [number, number][] = [];
  const a = new Float64Array(n * n);
  const at = new Float64Array(n * n);
  const set = (i: number, j: number, v: number) => {
    a[i * n + j] = v;
    at[j * n + i] = v;
  };
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      const v = m[i][j];
      if (v !== null) set(i, j, v);
      else if (i < j) pairs.push([i, j]);
    }
  const x = pairs.map(([i, j]) => Math.log(start[i] / start[j]));
  const put = (k: number, t: number) => {
    const [i, j] = pairs[k];
    set(i, j, Math.exp(t));
    set(j, i, Math.exp(-t));
  };
  x.forEach((t, k) => put(k, t));
  const slopeAt = (k: number, t: number) => {
    put(k, t);
    return lambdaSlope(a, at, n, pairs[k][0], pairs[k][1]).slope;
  };
  let iterations = 0;
  let converged = pairs.length === 0;
  while (!converged && iterations < MAX_CYCLES) {
    iterations++;
    let moved = 0;
    for (let k = 0; k < pairs.length; k++) {
      const t0 = x[k];
      const g0 = slopeAt(k, t0);
      let t = t0;
      if (g0 !== 0) {
        // bracket the sign change of the (increasing) slope, then close in by the Illinois method
        const dir = g0 > 0 ? -1 : 1;
        let step = 0.5;
        let lo = t0;
        let glo = g0;
        let hi = t0 + dir * step;
        let ghi = slopeAt(k, hi);
        while (Math.sign(ghi) === Math.sign(g0) && step < 1e3) {
          lo = hi;
          glo = ghi;
          step *= 2;
          hi = t0 + dir * step;
          ghi = slopeAt(k, hi);
        }
        t = hi;
        let side = 0;
        for (let it = 0; it < 200 && ghi !== 0; it++) {
          const next = hi - (ghi * (hi - lo)) / (ghi - glo);
          if (!(Math.abs(next - t) > 1e-15 * (1 + Math.abs(t))) || Math.abs(hi - lo) <= 1e-14 * (1 + Math.abs(t))) {
            t = next;
            break;
          }
          t = next;
          const g = slopeAt(k, t);
          if (g === 0) break;
          if (Math.sign(g) === Math.sign(ghi)) {
            hi = t;
            ghi = g;
            if (side === -1) glo /= 2;
            side = -1;
          } else {
            lo = t;
            glo = g;
            if (side === 1) ghi /= 2;
            side = 1;
          }
        }
      }
      put(k, t);
      moved = Math.max(moved, Math.abs(t - t0));
      x[k] = t;
    }
    if (moved <= CYCLE_TOLERANCE) converged = true;
  }
  const matrix = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => a[i * n + j]));
  return { matrix, lambdaMax: principalEigen(a, n).value, iterations, converged };
}

/** The matrix with its missing cells filled by w_i / w_j. */
export function completeAhpMatrix(m: readonly (readonly (number | null)[])[], w: ArrayLike<number>): number[][] {
  return m.map((row, i) => row.map((v, j) => (v === null ? w[i] / w[j] : v)));
}
