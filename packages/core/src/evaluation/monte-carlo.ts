/**
 * Monte-Carlo weight uncertainty (SPEC §4.5): draw weight vectors around the point estimate —
 * Dirichlet(κ·w) (concentration κ; larger κ = tighter), or by resampling the experts' own
 * weight vectors — re-score every alternative (weighted sum of normalised values) and count
 * how often each alternative takes each rank (ties by index). Seeded; per draw one mat-vec, one
 * native typed-array sort and a binary search per alternative — no comparator callbacks.
 */
import { ValidationError } from '../errors.ts';
import { createRng, randomDirichlet, randomInt } from '../numeric/random.ts';

export interface MonteCarloOptions {
  draws?: number;
  seed?: number;
  /** Dirichlet concentration κ (default 100). */
  concentration?: number;
  /** Resample these experts' weight vectors instead of the Dirichlet. */
  expertWeights?: readonly (readonly number[])[];
  /** Called about a hundred times as the draws go, and after the last: (draws done, draws). */
  onProgress?(done: number, total: number): void;
}

export interface MonteCarloResult {
  /** probabilities[i][r]: P(alternative i has rank r + 1). */
  probabilities: number[][];
  /** Mean rank per alternative. */
  meanRank: number[];
  draws: number;
  seed: number;
  sampling: 'dirichlet' | 'experts';
  concentration?: number;
}

export function monteCarloRanks(
  weights: readonly number[],
  values: readonly (readonly number[])[],
  options: MonteCarloOptions = {},
): MonteCarloResult {
  const draws = options.draws ?? 10_000;
  const seed = options.seed ?? 1;
  const kappa = options.concentration ?? 100;
  const n = weights.length;
  const m = values.length;
  if (!(Number.isInteger(draws) && draws > 0))
    throw new ValidationError([{ path: ['draws'], message: `draws = ${draws} must be a whole number > 0` }]);
  if (!(kappa > 0)) throw new ValidationError([{ path: ['concentration'], message: `concentration ${kappa} must be > 0` }]);
  if (m === 0) throw new ValidationError([{ path: [], message: 'no alternatives' }]);
  const experts = options.expertWeights;
  if (experts && (experts.length === 0 || experts.some((e) => e.length !== n)))
    throw new ValidationError([{ path: ['expertWeights'], message: `each expert needs ${n} weights` }]);
  const rng = createRng(seed);
  const z = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) z[j * m + i] = values[i][j]; // column-major
  const alpha = Float64Array.from(weights, (w) => Math.max(w * kappa, 1e-9));
  const w = new Float64Array(n);
  const s = new Float64Array(m);
  const order = new Int32Array(m);
  const next = new Int32Array(m);
  const bucketStart = new Int32Array(m + 1);
  const counts = new Int32Array(m * m);
  const every = Math.max(1, Math.ceil(draws / 100));
  for (let d = 0; d < draws; d++) {
    if (options.onProgress && d > 0 && d % every === 0) options.onProgress(d, draws);
    if (experts) {
      const e = experts[randomInt(rng, experts.length)];
      for (let j = 0; j < n; j++) w[j] = e[j];
    } else randomDirichlet(rng, alpha, w);
    scores(z, m, n, w, s);
    rankOrder(s, m, order, next, bucketStart);
    for (let r = 0; r < m; r++) counts[order[r] * m + r]++;
  }
  options.onProgress?.(draws, draws);
  const probabilities = Array.from({ length: m }, (_, i) => Array.from({ length: m }, (_, r) => counts[i * m + r] / draws));
  const meanRank = probabilities.map((p) => p.reduce((acc, x, r) => acc + x * (r + 1), 0));
  return {
    probabilities,
    meanRank,
    draws,
    seed,
    sampling: experts ? 'experts' : 'dirichlet',
    ...(experts ? {} : { concentration: kappa }),
  };
}

/** s = Z·w over column-major Z (m × n), four columns at a time: independent adds, few passes over s. */
function scores(z: Float64Array, m: number, n: number, w: Float64Array, s: Float64Array): void {
  s.fill(0);
  let j = 0;
  for (; j + 3 < n; j += 4) {
    const [w0, w1, w2, w3] = [w[j], w[j + 1], w[j + 2], w[j + 3]];
    const o = j * m;
    for (let i = 0; i < m; i++) s[i] += w0 * z[o + i] + w1 * z[o + m + i] + w2 * z[o + 2 * m + i] + w3 * z[o + 3 * m + i];
  }
  for (; j < n; j++) {
    const wj = w[j];
    const o = j * m;
    for (let i = 0; i < m; i++) s[i] += wj * z[o + i];
  }
}

/**
 * `order` = the alternatives by descending score, ties by ascending index: a stable counting sort
 * into m buckets by value, then an insertion sort that only fixes the order inside buckets
 * (expected O(m) for continuous scores).
 */
function rankOrder(s: Float64Array, m: number, order: Int32Array, next: Int32Array, start: Int32Array): void {
  let lo = s[0];
  let hi = s[0];
  for (let i = 1; i < m; i++) {
    const v = s[i];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const scale = hi > lo ? (m - 1) / (hi - lo) : 0;
  start.fill(0);
  for (let i = 0; i < m; i++) start[1 + Math.floor((hi - s[i]) * scale)]++;
  for (let b = 0; b < m; b++) start[b + 1] += start[b];
  for (let i = 0; i < m; i++) next[start[Math.floor((hi - s[i]) * scale)]++] = i;
  for (let k = 0; k < m; k++) {
    const i = next[k];
    const v = s[i];
    let p = k - 1;
    while (p >= 0 && s[order[p]] < v) {
      order[p + 1] = order[p];
      p--;
    }
    order[p + 1] = i;
  }
}
