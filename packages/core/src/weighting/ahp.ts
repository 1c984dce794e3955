/**
 * AHP priorities and consistency for one pairwise comparison matrix (SPEC §3.1, [002 §1], [003]).
 *
 *   weights   by one of four methods (eigenvector, geometric mean, column mean, least squares);
 *   λmax      exact principal eigenvalue, or the estimate (1/n) Σ_i (A·w)_i / w_i;
 *   CI = (λmax − n)/(n − 1),  CR = CI / RI(n),  consistent ⇔ CR < 0.10  (n ≤ 2: CI = CR = 0).
 *
 * Missing judgments (null) are handled by Harker's method (eigenvector), logarithmic least
 * squares (geometric mean) or, on request, the λmax-minimising completion (Bozóki, Fülöp & Rónyai
 * 2010; any priority method); consistency is then that of the completed matrix. When CR ≥ 0.10
 * the result names the judgments that cause it, with proposals and a labelled repaired matrix.
 */
import { ValidationError } from '../errors.ts';
import type { Label } from '../label.ts';
import { checkAhpConnected, completeAhpMatrix, harkerEigen, lambdaMaxCompletion, llsmIncomplete } from './ahp-incomplete.ts';
import { ahpLambdaMean, ahpPriorityVector, PRIORITY_METHODS, type PriorityMethod, principalEigen } from './ahp-priority.ts';
import { type InconsistentPair, inconsistentPairs, type RepairStep, repairMatrix } from './ahp-repair.ts';
import { RI_TABLE_NAMES, type RiTableName, randomIndex, riTableSize } from './random-index.ts';
import { checkPairwiseMatrix, type JudgmentScale } from './saaty-scale.ts';

export type { PriorityMethod } from './ahp-priority.ts';
export type { InconsistentPair, RepairStep } from './ahp-repair.ts';
export type { RiTableName } from './random-index.ts';

/** Which λmax to report: 'exact' principal eigenvalue, 'mean' estimate, 'auto' = exact for the eigenvector method. */
export type LambdaRule = 'auto' | 'exact' | 'mean';

/** How missing judgments are handled; 'auto' = Harker for the eigenvector method, LLSM for the geometric mean. */
export const INCOMPLETE_METHODS = ['auto', 'harker', 'llsm', 'lambda-max'] as const;
export type IncompleteMethod = (typeof INCOMPLETE_METHODS)[number];

/** The acceptance threshold of CR. */
export const CR_THRESHOLD = 0.1;

export interface AhpOptions {
  method?: PriorityMethod;
  ri?: RiTableName;
  lambda?: LambdaRule;
  labels?: Label[];
  /** 'saaty' (default) requires judgments in [1/9, 9]; 'any' accepts any positive ratio. */
  scale?: JudgmentScale;
  /**
   * Missing judgments: 'auto' (default: Harker for eigenvector, LLSM for geometric-mean), 'harker'
   * (eigenvector only), 'llsm' (geometric-mean only), or 'lambda-max' (the completion with the
   * smallest λmax, Bozóki, Fülöp & Rónyai 2010; any method). Ignored for a complete matrix.
   */
  incompleteMethod?: IncompleteMethod;
  /** Skip the inconsistency help (used inside repair and group loops). */
  skipHelp?: boolean;
}

export interface AhpResult {
  weights: number[];
  lambdaMax: number;
  ci: number;
  ri: number;
  cr: number;
  consistent: boolean;
  n: number;
  method: PriorityMethod;
  riTable: RiTableName;
  lambdaMethod: 'exact' | 'mean';
  /** Power-iteration steps when an eigenvalue was computed. */
  iterations?: number;
  /** The worst judgments with proposals (empty when consistent). */
  inconsistentPairs: InconsistentPair[];
  /** A repaired copy of the matrix with CR < 0.10 (only when the input is inconsistent). */
  repairedMatrix?: number[][];
  repairSteps?: RepairStep[];
  repairedCr?: number;
  warnings: string[];
  labels?: Label[];
  /** The matrix as used: near-scale values snapped, one-sided pairs completed; missing judgments stay null. */
  matrix?: (number | null)[][];
  /** The completed matrix when the input had missing judgments. */
  filledMatrix?: number[][];
  /** How missing judgments were handled. */
  incompleteMethod?: 'harker' | 'llsm' | 'lambda-max';
  /** The λmax-minimising completion's diagnostics: coordinate-descent cycles and the minimal λmax. */
  completion?: { iterations: number; lambdaMax: number; converged: boolean };
}

function flat(m: readonly (readonly number[])[]): Float64Array {
  const n = m.length;
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] = m[i][j];
  return a;
}

function checkOptions(options: AhpOptions, n: number): { method: PriorityMethod; riTable: RiTableName; lambda: LambdaRule } {
  const method = options.method ?? 'eigenvector';
  const riTable = options.ri ?? 'saaty';
  const lambda = options.lambda ?? 'auto';
  const issues = [];
  if (!PRIORITY_METHODS.includes(method))
    issues.push({ path: ['method'], message: `unknown priority method "${method}"`, allowed: PRIORITY_METHODS.join(', ') });
  if (!RI_TABLE_NAMES.includes(riTable))
    issues.push({ path: ['ri'], message: `unknown RI table "${riTable}"`, allowed: RI_TABLE_NAMES.join(', ') });
  else if (n > riTableSize(riTable))
    issues.push({
      path: ['ri'],
      message: `the ${riTable} RI table covers n ≤ ${riTableSize(riTable)}, the matrix is ${n}×${n}`,
      allowed: 'alonso-lamata (any n)',
    });
  if (!['auto', 'exact', 'mean'].includes(lambda))
    issues.push({ path: ['lambda'], message: `unknown λmax rule "${lambda}"`, allowed: 'auto, exact, mean' });
  const incomplete = options.incompleteMethod ?? 'auto';
  if (!INCOMPLETE_METHODS.includes(incomplete))
    issues.push({
      path: ['incompleteMethod'],
      message: `unknown method for missing judgments "${incomplete}"`,
      allowed: INCOMPLETE_METHODS.join(', '),
    });
  if (options.labels !== undefined && options.labels.length !== n)
    issues.push({ path: ['labels'], message: `${options.labels.length} labels for a ${n}×${n} matrix`, allowed: `${n} labels` });
  if (issues.length > 0) throw new ValidationError(issues);
  return { method, riTable, lambda };
}

interface Core {
  weights: Float64Array;
  lambdaMax: number;
  lambdaMethod: 'exact' | 'mean';
  iterations?: number;
  ci: number;
  ri: number;
  cr: number;
}

/** Weights and consistency of a complete, validated matrix. */
function solveComplete(m: readonly (readonly number[])[], method: PriorityMethod, riTable: RiTableName, lambda: LambdaRule): Core {
  const n = m.length;
  const a = flat(m);
  const { weights, eigen } = ahpPriorityVector(a, n, method);
  const lambdaMethod = lambda === 'mean' || (lambda === 'auto' && method !== 'eigenvector') ? 'mean' : 'exact';
  let lambdaMax: number;
  let iterations = eigen?.iterations;
  if (lambdaMethod === 'mean') lambdaMax = ahpLambdaMean(a, n, weights);
  else if (eigen) lambdaMax = eigen.value;
  else {
    const e = principalEigen(a, n);
    lambdaMax = e.value;
    iterations = e.iterations;
  }
  return { weights, lambdaMax, lambdaMethod, iterations, ...ahpConsistency(lambdaMax, n, riTable) };
}

/**
 * CI and CR from λmax (Saaty 1980): CI = (λmax − n)/(n − 1), CR = CI / RI(n) with RI from
 * `riTable`. n ≤ 2 (and rounding noise |CI| < 1e-12) gives 0, never NaN.
 */
export function ahpConsistency(lambdaMax: number, n: number, riTable: RiTableName = 'saaty'): { ci: number; ri: number; cr: number } {
  const ri = randomIndex(n, riTable);
  if (n <= 2) return { ci: 0, ri, cr: 0 };
  let ci = (lambdaMax - n) / (n - 1);
  if (Math.abs(ci) < 1e-12) ci = 0;
  return { ci, ri, cr: ci / ri };
}

/** @deprecated Use `ahpConsistency` (the same function; the prefixed name is unique in the library barrel). */
export const consistency = ahpConsistency;

/**
 * AHP on one pairwise comparison matrix (Saaty 1977, 1980; SPEC §3.1).
 *
 *   w by `method` (default eigenvector: A·w = λmax·w, Σw = 1, by power iteration to 1e-15);
 *   λmax exact (Perron eigenvalue) or (1/n) Σ_i (A·w)_i / w_i (`lambda`);
 *   CI = (λmax − n)/(n − 1), CR = CI / RI(n) from `ri` (default Saaty 1980), consistent ⇔ CR < 0.10.
 *
 * `null` cells are missing judgments (Harker 1987 for the eigenvector, LLSM over the given pairs
 * for the geometric mean, or `incompleteMethod: 'lambda-max'`: the completion with the smallest
 * λmax, Bozóki, Fülöp & Rónyai 2010, then any method; `filledMatrix` reports the estimates). When CR ≥ 0.10 the result carries
 * `inconsistentPairs` (largest |ln ε_ij|, ε_ij = a_ij·w_j/w_i, Saaty 2003) and a labelled
 * `repairedMatrix`; the input is never modified. Throws ValidationError with paths `[i, j]`
 * relative to the matrix (or option names) for every problem at once.
 */
export function ahp(matrix: readonly (readonly (number | null)[])[], options: AhpOptions = {}): AhpResult {
  const checked = checkPairwiseMatrix(matrix, options.scale);
  const n = checked.n;
  const { method, riTable, lambda } = checkOptions(options, n);
  const warnings = [...checked.warnings];
  let complete: number[][];
  let filledMatrix: number[][] | undefined;
  let incompleteMethod: AhpResult['incompleteMethod'];
  let completion: AhpResult['completion'];
  let core: Core;
  if (checked.incomplete) {
    const name = (i: number) => (options.labels ? `${i} (${labelName(options.labels[i])})` : `element ${i}`);
    checkAhpConnected(checked.matrix, name);
    const requested = options.incompleteMethod ?? 'auto';
    if (requested === 'lambda-max') {
      const c = lambdaMaxCompletion(checked.matrix);
      incompleteMethod = 'lambda-max';
      complete = c.matrix;
      filledMatrix = complete;
      completion = { iterations: c.iterations, lambdaMax: c.lambdaMax, converged: c.converged };
      core = solveComplete(complete, method, riTable, lambda);
      warnings.push('missing judgments were chosen to minimise λmax (Bozóki, Fülöp & Rónyai 2010); see filledMatrix');
      if (!c.converged) warnings.push(`the λmax-minimising completion stopped after ${c.iterations} cycles without converging`);
    } else {
      const pairing = { harker: 'eigenvector', llsm: 'geometric-mean' } as const;
      if (requested !== 'auto' && method !== pairing[requested]) {
        throw new ValidationError([
          {
            path: ['incompleteMethod'],
            message: `${requested === 'harker' ? "Harker's method" : 'LLSM'} gives ${pairing[requested]} priorities; the method is ${method}`,
            allowed: `method ${pairing[requested]} with ${requested}, or lambda-max with any method`,
          },
        ]);
      }
      if (method !== 'eigenvector' && method !== 'geometric-mean') {
        throw new ValidationError([
          {
            path: ['method'],
            message: `the ${method} method needs a complete matrix; this one has missing judgments`,
            allowed: 'eigenvector (Harker) or geometric-mean (logarithmic least squares), or incompleteMethod lambda-max',
          },
        ]);
      }
      const w = method === 'eigenvector' ? harkerEigen(checked.matrix).weights : llsmIncomplete(checked.matrix);
      incompleteMethod = method === 'eigenvector' ? 'harker' : 'llsm';
      complete = completeAhpMatrix(checked.matrix, w);
      filledMatrix = complete;
      const c = solveComplete(complete, method, riTable, lambda);
      core = { ...c, weights: w };
      warnings.push(
        `missing judgments were estimated by ${incompleteMethod === 'harker' ? "Harker's method" : 'logarithmic least squares'}; see filledMatrix`,
      );
    }
  } else {
    complete = checked.matrix as number[][];
    core = solveComplete(complete, method, riTable, lambda);
  }
  const consistent = core.cr < CR_THRESHOLD;
  const result: AhpResult = {
    weights: Array.from(core.weights),
    lambdaMax: core.lambdaMax,
    ci: core.ci,
    ri: core.ri,
    cr: core.cr,
    consistent,
    n,
    method,
    riTable,
    lambdaMethod: core.lambdaMethod,
    ...(core.iterations !== undefined ? { iterations: core.iterations } : {}),
    inconsistentPairs: [],
    matrix: checked.matrix,
    warnings,
    ...(options.labels ? { labels: options.labels } : {}),
    ...(filledMatrix ? { filledMatrix, incompleteMethod } : {}),
    ...(completion ? { completion } : {}),
  };
  if (!consistent && !options.skipHelp && n >= 3) {
    const crOf = (m: number[][]) => {
      const c = solveComplete(m, method, riTable, lambda);
      return { cr: c.cr, weights: c.weights };
    };
    result.inconsistentPairs = inconsistentPairs(complete, core.weights, crOf, CR_THRESHOLD);
    const repaired = repairMatrix(complete, crOf, CR_THRESHOLD);
    result.repairedMatrix = repaired.matrix;
    result.repairSteps = repaired.steps;
    result.repairedCr = repaired.cr;
  }
  return result;
}

function labelName(l: Label): string {
  return typeof l === 'string' ? l : (l.en ?? l.zh ?? '');
}
