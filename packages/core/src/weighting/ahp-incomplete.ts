/**
 * Incomplete pairwise comparison matrices (missing judgments = null), SPEC §3.1:
 * - eigenvector: Harker's method (Harker 1987, Math. Modelling 9(11) 837–848): replace each
 *   missing a_ij by 0 and add the number of missing judgments of row i to the diagonal, then
 *   take the principal eigenvector of that matrix C;
 * - geometric mean: logarithmic least squares over the given pairs (Kwiesielewicz 1996;
 *   Bozóki, Fülöp & Rónyai 2010): minimise Σ_{(i,j) given} (ln a_ij − y_i + y_j)², i.e. solve
 *   the graph-Laplacian system L y = r with r_i = Σ_{j given} ln a_ij and Σ y = 0; w ∝ exp(y).
 * Both need the graph of given pairs to be connected; the completed matrix has a_ij = w_i/w_j
 * in the missing cells.
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

/** The matrix with its missing cells filled by w_i / w_j. */
export function completeAhpMatrix(m: readonly (readonly (number | null)[])[], w: ArrayLike<number>): number[][] {
  return m.map((row, i) => row.map((v, j) => (v === null ? w[i] / w[j] : v)));
}
