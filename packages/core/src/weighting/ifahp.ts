/**
 * Intuitionistic fuzzy AHP (SPEC §3.2, §3.2.1; Xu & Liao, "Intuitionistic fuzzy analytic
 * hierarchy process", IEEE Trans. Fuzzy Systems 22(4) 749–761, 2014), as [004] uses it.
 *
 * An intuitionistic preference relation (IPR) R = (r_ik), r_ik = (μ_ik, ν_ik): μ + ν ≤ 1,
 * μ_ik = ν_ki, ν_ik = μ_ki, r_ii = (0.5, 0.5).
 * - R̄, perfectly multiplicative consistent: r̄_ik = r_ik for k ≤ i + 1; for k > i + 1
 *   μ̄_ik = P^(1/(k−i−1)) / (P^(1/(k−i−1)) + Q^(1/(k−i−1))), P = ∏_{t=i+1}^{k−1} μ_it μ_tk,
 *   Q = ∏_{t=i+1}^{k−1} (1 − μ_it)(1 − μ_tk), over the ORIGINAL R; ν̄ likewise; r̄_ki = (ν̄_ik, μ̄_ik).
 * - d(R̄, R) = 1/(2(n−1)(n−2)) Σ_i Σ_k (|Δμ| + |Δν| + |Δπ|); acceptable when d < τ (0.1).
 * - Repair with σ: μ̃ = μ^(1−σ) μ̄^σ / (μ^(1−σ) μ̄^σ + (1−μ)^(1−σ) (1−μ̄)^σ), ν̃ likewise, repeated
 *   until d < τ — `fixed-reference` keeps R̄ of the original R (default), `rebuild` recomputes R̄
 *   from the repaired relation each round. The expert never re-scores ([004]).
 * - IF weights w_i = (Σ_k μ_ik / Σ_i Σ_k (1 − ν_ik), 1 − Σ_k (1 − ν_ik) / Σ_i Σ_k μ_ik).
 * - Crisp weights: `score` (default) normalises (1 + μ_i − ν_i)/2, the score function mapped to
 *   [0, 1]; `one-minus-nu` normalises 1 − ν_i. Ranking by score μ − ν, then accuracy μ + ν.
 */
import { IssueList, ValidationError } from '../errors.ts';
import type { Label } from '../label.ts';

/** An intuitionistic fuzzy number (μ, ν). */
export type Ifn = [number, number];

export type IfahpConvention = 'fixed-reference' | 'rebuild';
export type IfahpCrispRule = 'score' | 'one-minus-nu';

export interface IfahpOptions {
  tau?: number;
  sigma?: number;
  convention?: IfahpConvention;
  crisp?: IfahpCrispRule;
  labels?: Label[];
  maxIterations?: number;
}

export interface IfahpResult {
  n: number;
  /** R̄ built from the input relation. */
  consistentMatrix: Ifn[][];
  /** d(R̄, R) of the input. */
  distance: number;
  /** Whether the input passed (d < τ) without repair. */
  consistent: boolean;
  tau: number;
  sigma: number;
  convention: IfahpConvention;
  /** Repair rounds (0 when the input passed). */
  iterations: number;
  /** The accepted relation (the repaired one when repair was needed). */
  repairedMatrix?: Ifn[][];
  /** d after the last repair round. */
  repairedDistance?: number;
  /** d after each repair round (empty when the input passed). */
  distances: number[];
  ifWeights: Ifn[];
  weights: number[];
  crisp: IfahpCrispRule;
  /** 1 = most important, by score μ − ν then accuracy μ + ν. */
  rank: number[];
  labels?: Label[];
  warnings: string[];
}

const TOL = 1e-9;

/**
 * Validate an intuitionistic preference relation (Xu 2007; SPEC §3.2): square, every cell a pair
 * (μ, ν) with μ, ν ∈ [0, 1] and μ + ν ≤ 1, diagonal (0.5, 0.5), and reciprocal r_ki = (ν_ik, μ_ik).
 * Errors name the cell `[i, k]` (the lower cell for a non-reciprocal pair). Returns a copy.
 * Example: `checkIpr([[[0.5, 0.5], [0.6, 0.3]], [[0.3, 0.6], [0.5, 0.5]]])`.
 */
export function checkIpr(matrix: readonly (readonly (readonly number[])[])[]): Ifn[][] {
  const issues = new IssueList();
  if (!Array.isArray(matrix) || matrix.length === 0) {
    issues.add([], 'the relation is empty', 'an n×n matrix of [mu, nu] pairs');
    issues.throwIfAny();
  }
  const n = matrix.length;
  matrix.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== n)
      issues.add(
        [i],
        `row ${i} has ${Array.isArray(row) ? row.length : 0} cells but the relation has ${n} rows`,
        `a square ${n}×${n} matrix`,
      );
  });
  issues.throwIfAny();
  const r: Ifn[][] = matrix.map((row) => row.map(() => [0.5, 0.5] as Ifn));
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      const c = matrix[i][k];
      if (!Array.isArray(c) || c.length !== 2 || c.some((x) => typeof x !== 'number' || !Number.isFinite(x))) {
        issues.add([i, k], `${JSON.stringify(c)} is not a pair [mu, nu] of numbers`);
        continue;
      }
      const [mu, nu] = c;
      if (mu < 0 || mu > 1 || nu < 0 || nu > 1) issues.add([i, k], `(${mu}, ${nu}): μ and ν must lie in [0, 1]`);
      else if (mu + nu > 1 + TOL) issues.add([i, k], `(${mu}, ${nu}): μ + ν = ${Number((mu + nu).toPrecision(6))} exceeds 1`, 'μ + ν ≤ 1');
      else if (i === k && (Math.abs(mu - 0.5) > TOL || Math.abs(nu - 0.5) > TOL))
        issues.add([i, k], `the diagonal must be (0.5, 0.5), found (${mu}, ${nu})`);
      r[i][k] = [mu, nu];
    }
  }
  issues.throwIfAny();
  for (let i = 0; i < n; i++) {
    for (let k = i + 1; k < n; k++) {
      const [mu, nu] = r[i][k];
      const [mu2, nu2] = r[k][i];
      if (Math.abs(mu - nu2) > TOL || Math.abs(nu - mu2) > TOL) {
        issues.add(
          [k, i],
          `(${mu2}, ${nu2}) is not the reverse of [${i}][${k}] = (${mu}, ${nu}); an IPR has r_ki = (ν_ik, μ_ik)`,
          `[${nu}, ${mu}]`,
        );
      }
    }
  }
  issues.throwIfAny();
  return r;
}

/**
 * The perfectly multiplicative-consistent IPR R̄ of Xu & Liao (2014), SPEC §3.2.1:
 * r̄_ik = r_ik for k ≤ i + 1; for k > i + 1
 *   μ̄_ik = P^(1/(k−i−1)) / (P^(1/(k−i−1)) + Q^(1/(k−i−1))),
 *   P = ∏_{t=i+1}^{k−1} μ_it μ_tk,  Q = ∏_{t=i+1}^{k−1} (1 − μ_it)(1 − μ_tk),
 * ν̄_ik likewise with ν, and r̄_ki = (ν̄_ik, μ̄_ik). The products run over the ORIGINAL relation
 * (its non-adjacent entries included), never over R̄ built so far. Computed in logarithms; a
 * product that is exactly 0 gives 0 or 1, both 0 gives 0.5 with a warning.
 * Example: for n = 3, μ̄_13 = μ12μ23 / (μ12μ23 + (1 − μ12)(1 − μ23)).
 */
export function perfectlyConsistentIpr(r: readonly (readonly Ifn[])[], warnings: string[] = []): Ifn[][] {
  const n = r.length;
  const out: Ifn[][] = r.map((row) => row.map((c) => [c[0], c[1]] as Ifn));
  const fuse = (i: number, k: number, which: 0 | 1): number => {
    let lp = 0;
    let lq = 0;
    let zeroP = false;
    let zeroQ = false;
    for (let t = i + 1; t < k; t++) {
      const a = r[i][t][which];
      const b = r[t][k][which];
      if (a === 0 || b === 0) zeroP = true;
      else lp += Math.log(a) + Math.log(b);
      if (a === 1 || b === 1) zeroQ = true;
      else lq += Math.log(1 - a) + Math.log(1 - b);
    }
    const e = 1 / (k - i - 1);
    if (zeroP && zeroQ) {
      warnings.push(`[${i}][${k}]: the products P and Q are both 0; used 0.5`);
      return 0.5;
    }
    if (zeroP) return 0;
    if (zeroQ) return 1;
    // P^e / (P^e + Q^e) = 1 / (1 + exp(e (ln Q − ln P))), stable in logs.
    return 1 / (1 + Math.exp(e * (lq - lp)));
  };
  for (let i = 0; i < n; i++) {
    for (let k = i + 2; k < n; k++) {
      const mu = fuse(i, k, 0);
      const nu = fuse(i, k, 1);
      out[i][k] = [mu, nu];
      out[k][i] = [nu, mu];
    }
  }
  return out;
}

/**
 * Distance between two IPRs (Xu & Liao 2014, SPEC §3.2.1):
 *   d(R̄, R) = 1/(2(n−1)(n−2)) Σ_i Σ_k (|μ̄_ik − μ_ik| + |ν̄_ik − ν_ik| + |π̄_ik − π_ik|),  π = 1 − μ − ν.
 * 0 for n ≤ 2 (every 2×2 IPR is consistent). R is acceptably consistent when d(R̄, R) < τ.
 */
export function iprDistance(a: readonly (readonly Ifn[])[], b: readonly (readonly Ifn[])[]): number {
  const n = a.length;
  if (n <= 2) return 0;
  let s = 0;
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      const [m1, v1] = a[i][k];
      const [m2, v2] = b[i][k];
      s += Math.abs(m1 - m2) + Math.abs(v1 - v2) + Math.abs(1 - m1 - v1 - (1 - m2 - v2));
    }
  }
  return s / (2 * (n - 1) * (n - 2));
}

function fuseValue(x: number, ref: number, sigma: number): number {
  const a = x ** (1 - sigma) * ref ** sigma;
  const b = (1 - x) ** (1 - sigma) * (1 - ref) ** sigma;
  return a + b === 0 ? 0.5 : a / (a + b);
}

/**
 * One round of Xu & Liao's automatic repair with the controlling parameter σ ∈ (0, 1]:
 *   μ̃_ik = μ_ik^(1−σ) μ̄_ik^σ / (μ_ik^(1−σ) μ̄_ik^σ + (1 − μ_ik)^(1−σ) (1 − μ̄_ik)^σ),  ν̃ likewise,
 * on the upper triangle, mirrored to r̃_ki = (ν̃_ik, μ̃_ik). σ = 1 replaces R by R̄. The expert's
 * relation is not changed; a new one is returned.
 */
export function repairIpr(r: readonly (readonly Ifn[])[], ref: readonly (readonly Ifn[])[], sigma: number): Ifn[][] {
  const n = r.length;
  const out: Ifn[][] = r.map((row) => row.map((c) => [c[0], c[1]] as Ifn));
  for (let i = 0; i < n; i++) {
    for (let k = i + 1; k < n; k++) {
      const mu = fuseValue(r[i][k][0], ref[i][k][0], sigma);
      const nu = fuseValue(r[i][k][1], ref[i][k][1], sigma);
      out[i][k] = [mu, nu];
      out[k][i] = [nu, mu];
    }
  }
  return out;
}

/**
 * Intuitionistic fuzzy weights of an (acceptably consistent) IPR (Xu & Liao 2014; SPEC §3.2.1):
 *   w_i = ( Σ_k μ_ik / Σ_i Σ_k (1 − ν_ik),  1 − Σ_k (1 − ν_ik) / Σ_i Σ_k μ_ik ).
 */
export function ifahpWeights(r: readonly (readonly Ifn[])[]): Ifn[] {
  const n = r.length;
  let totalMu = 0;
  let totalOneMinusNu = 0;
  const rowMu = new Array<number>(n).fill(0);
  const rowOneMinusNu = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      rowMu[i] += r[i][k][0];
      rowOneMinusNu[i] += 1 - r[i][k][1];
    }
    totalMu += rowMu[i];
    totalOneMinusNu += rowOneMinusNu[i];
  }
  return rowMu.map((m, i) => [m / totalOneMinusNu, 1 - rowOneMinusNu[i] / totalMu]);
}

function maxCellChange(a: readonly (readonly Ifn[])[], b: readonly (readonly Ifn[])[]): number {
  let m = 0;
  for (let i = 0; i < a.length; i++)
    for (let k = 0; k < a.length; k++) m = Math.max(m, Math.abs(a[i][k][0] - b[i][k][0]), Math.abs(a[i][k][1] - b[i][k][1]));
  return m;
}

/**
 * The error for a repair that cannot reach τ. The σ-fusion cannot move a degree of exactly 0 or
 * 1 (0^(1−σ) = 0) unless σ = 1, so such cells that still differ from R̄ are named.
 */
function stuckRepair(
  r: readonly (readonly Ifn[])[],
  ref: readonly (readonly Ifn[])[],
  d: number,
  rounds: number,
  sigma: number,
): ValidationError {
  const issues: { path: (string | number)[]; message: string; allowed?: string }[] = [];
  const names = ['μ', 'ν'] as const;
  for (let i = 0; i < r.length; i++)
    for (let k = i + 1; k < r.length; k++)
      for (const w of [0, 1] as const) {
        const x = r[i][k][w];
        const target = ref[i][k][w];
        if ((x === 0 || x === 1) && Math.abs(target - x) > 1e-12)
          issues.push({
            path: [i, k],
            message: `${names[w]} = ${x} cannot be moved towards R̄ (${names[w]}̄ = ${Number(target.toPrecision(6))}) by the σ-repair, since 0^(1−σ) = 0`,
            allowed: 'degrees strictly between 0 and 1, or σ = 1',
          });
      }
  if (issues.length === 0)
    issues.push({
      path: ['sigma'],
      message: `the relation is still inconsistent (d = ${d}) after ${rounds} repair rounds with σ = ${sigma}`,
    });
  return new ValidationError(issues);
}

/**
 * IFAHP on one IPR (SPEC §3.2): validate, build R̄, test d(R̄, R) < τ, repair with σ until
 * consistent (`fixed-reference`: R̄ of the original R throughout — the default; `rebuild`: R̄ of
 * the repaired relation each round), then IF weights, crisp weights (`score`, the default:
 * (1 + μ − ν)/2 normalised; `one-minus-nu`: 1 − ν normalised) and the rank by score μ − ν,
 * then accuracy μ + ν. Errors carry `[i, k]` paths or the option name.
 * Example: `ifahp(iprFromUpper({ '12': 'g7', '13': 'g9', '23': 'g6' })).weights`.
 */
export function ifahp(matrix: readonly (readonly (readonly number[])[])[], options: IfahpOptions = {}): IfahpResult {
  const tau = options.tau ?? 0.1;
  const sigma = options.sigma ?? 0.5;
  const convention = options.convention ?? 'fixed-reference';
  const crisp = options.crisp ?? 'score';
  const maxIterations = options.maxIterations ?? 1000;
  const opt = new IssueList();
  if (!(tau > 0 && tau < 1)) opt.add(['tau'], `τ = ${tau} must lie in (0, 1)`);
  if (!(sigma > 0 && sigma <= 1)) opt.add(['sigma'], `σ = ${sigma} must lie in (0, 1]`);
  if (convention !== 'fixed-reference' && convention !== 'rebuild')
    opt.add(['convention'], `unknown convention "${convention}"`, 'fixed-reference, rebuild');
  if (crisp !== 'score' && crisp !== 'one-minus-nu') opt.add(['crisp'], `unknown crisp rule "${crisp}"`, 'score, one-minus-nu');
  opt.throwIfAny();
  const r = checkIpr(matrix);
  const n = r.length;
  if (options.labels !== undefined && options.labels.length !== n)
    throw new ValidationError([{ path: ['labels'], message: `${options.labels.length} labels for ${n} elements` }]);
  const warnings: string[] = [];
  const consistentMatrix = perfectlyConsistentIpr(r, warnings);
  const distance = iprDistance(consistentMatrix, r);
  const consistent = distance < tau;
  let accepted = r;
  let iterations = 0;
  let repairedDistance: number | undefined;
  const distances: number[] = [];
  if (!consistent) {
    let ref = consistentMatrix;
    let d = distance;
    while (d >= tau) {
      if (iterations >= maxIterations) throw stuckRepair(accepted, ref, d, iterations, sigma);
      const next = repairIpr(accepted, ref, sigma);
      const moved = maxCellChange(next, accepted);
      accepted = next;
      iterations++;
      if (convention === 'rebuild') ref = perfectlyConsistentIpr(accepted, warnings);
      d = iprDistance(ref, accepted);
      distances.push(d);
      // A round that moves nothing will never reach τ (e.g. a judgment of exactly 0 or 1).
      if (d >= tau && moved === 0) throw stuckRepair(accepted, ref, d, iterations, sigma);
    }
    repairedDistance = d;
  }
  const ifWeights = ifahpWeights(accepted);
  const raw = ifWeights.map(([mu, nu]) => (crisp === 'score' ? (1 + mu - nu) / 2 : 1 - nu));
  const total = raw.reduce((s, x) => s + x, 0);
  const weights = raw.map((x) => x / total);
  const score = ifWeights.map(([mu, nu]) => [mu - nu, mu + nu]);
  const rank = score.map(
    (s) => 1 + score.filter((o) => o[0] > s[0] + 1e-15 || (Math.abs(o[0] - s[0]) <= 1e-15 && o[1] > s[1] + 1e-15)).length,
  );
  return {
    n,
    consistentMatrix,
    distance,
    consistent,
    tau,
    sigma,
    convention,
    iterations,
    distances,
    ...(consistent ? {} : { repairedMatrix: accepted, repairedDistance }),
    ifWeights,
    weights,
    crisp,
    rank,
    ...(options.labels ? { labels: options.labels } : {}),
    warnings,
  };
}
