/**
 * Group AHP (SPEC §3.1): several experts judge the same elements.
 * - AIJ, aggregation of individual judgments: the weighted geometric mean of the matrices,
 *   ā_ij = ∏_k a_ij^(k)^λ_k (Forman & Peniwati 1998, EJOR 108); it keeps reciprocity, and the
 *   group's weights and CR are those of ā. A judgment missing for some experts is the
 *   geometric mean of the others (their weights renormalised); missing for all, it stays missing.
 * - AIP, aggregation of individual priorities: w̄ = Σ_k λ_k w^(k), the weighted arithmetic
 *   mean of the experts' weight vectors (what [003] does with its 5 experts); the group's CR is
 *   reported as Σ_k λ_k CR_k.
 * Expert weights λ_k default to equal, must be positive and are normalised. Every expert's own
 * weights and CR are reported and inconsistent experts flagged.
 */
import { IssueList, ValidationError } from '../errors.ts';
import type { Label } from '../label.ts';
import { type AhpOptions, type AhpResult, ahp, CR_THRESHOLD, type InconsistentPair } from './ahp.ts';
import { checkPairwiseMatrix } from './saaty-scale.ts';

export type GroupAggregation = 'aij' | 'aip';

export interface GroupExpert {
  id?: string;
  weight?: number;
  matrix: (number | null)[][];
}

export interface GroupExpertResult {
  id: string;
  weight: number;
  weights: number[];
  cr: number;
  lambdaMax: number;
  consistent: boolean;
  /** For an inconsistent expert: the judgments to revisit, with proposals (as `ahp` gives them). */
  inconsistentPairs?: InconsistentPair[];
  /** For an inconsistent expert: a repaired copy of the matrix with CR < 0.10 (a proposal only). */
  repairedMatrix?: number[][];
}

export interface GroupAhpResult {
  aggregation: GroupAggregation;
  weights: number[];
  /** AIJ: CR of the aggregated matrix; AIP: Σ λ_k CR_k. */
  cr: number;
  consistent: boolean;
  experts: GroupExpertResult[];
  /** Ids of experts whose own CR ≥ 0.10. */
  inconsistentExperts: string[];
  /** AIJ: the aggregated matrix and its full AHP result. */
  aggregatedMatrix?: (number | null)[][];
  group?: AhpResult;
  method: AhpResult['method'];
  riTable: AhpResult['riTable'];
  labels?: Label[];
  warnings: string[];
}

export interface GroupAhpOptions extends AhpOptions {
  aggregation?: GroupAggregation;
}

/**
 * Group AHP over `experts` with expert weights λ_k (default equal, positive, normalised to Σλ = 1):
 *   AIJ: ā_ij = ∏_k a_ij^(k)^λ_k, then `ahp(ā)` — weights and CR of the aggregated matrix;
 *   AIP: w̄ = Σ_k λ_k w^(k), CR = Σ_k λ_k CR_k (Forman & Peniwati 1998, EJOR 108).
 * Every expert's weights and CR are reported; an inconsistent expert (CR ≥ 0.10) is listed in
 * `inconsistentExperts` and gets `inconsistentPairs` and a `repairedMatrix` proposal.
 * Errors carry paths `[k, 'matrix', i, j]`, `[k, 'weight']`, `[k, 'id']` or option names.
 */
export function groupAhp(experts: readonly GroupExpert[], options: GroupAhpOptions = {}): GroupAhpResult {
  const aggregation = options.aggregation ?? 'aij';
  const issues = new IssueList();
  if (aggregation !== 'aij' && aggregation !== 'aip') issues.add(['aggregation'], `unknown aggregation "${aggregation}"`, 'aij, aip');
  if (!Array.isArray(experts) || experts.length === 0) issues.add([], 'no experts', 'a list of at least one {id?, weight?, matrix}');
  issues.throwIfAny();
  const ids = experts.map((e, k) => e.id ?? `E${k + 1}`);
  experts.forEach((e, k) => {
    if (e.weight !== undefined && !(Number.isFinite(e.weight) && e.weight > 0))
      issues.add([k, 'weight'], `expert weight ${e.weight} must be a positive number`);
    if (ids.indexOf(ids[k]) !== k) issues.add([k, 'id'], `expert id "${ids[k]}" is used twice`);
  });
  issues.throwIfAny();
  const raw = experts.map((e) => e.weight ?? 1);
  const total = raw.reduce((s, x) => s + x, 0);
  const lambdas = raw.map((x) => x / total);
  const individual = experts.map((e, k) => {
    try {
      return ahp(e.matrix, { ...options, skipHelp: true });
    } catch (err) {
      if (err instanceof ValidationError) throw err.at(k, 'matrix');
      throw err;
    }
  });
  const n = individual[0].n;
  individual.forEach((r, k) => {
    if (r.n !== n) issues.add([k, 'matrix'], `${r.n}×${r.n} matrix, but expert ${ids[0]} judged ${n} elements`, `${n}×${n}`);
  });
  issues.throwIfAny();
  const expertResults: GroupExpertResult[] = individual.map((r, k) => {
    const out: GroupExpertResult = {
      id: ids[k],
      weight: lambdas[k],
      weights: r.weights,
      cr: r.cr,
      lambdaMax: r.lambdaMax,
      consistent: r.consistent,
    };
    if (!r.consistent) {
      // The same help `ahp` gives one expert: what to revisit, never a silent change.
      const help = ahp(experts[k].matrix, { ...options, skipHelp: false });
      out.inconsistentPairs = help.inconsistentPairs;
      if (help.repairedMatrix) out.repairedMatrix = help.repairedMatrix;
    }
    return out;
  });
  const inconsistentExperts = expertResults.filter((e) => !e.consistent).map((e) => e.id);
  const warnings = individual.flatMap((r, k) => r.warnings.map((w) => `expert ${ids[k]}: ${w}`));
  if (inconsistentExperts.length > 0) warnings.push(`inconsistent experts (CR ≥ ${CR_THRESHOLD}): ${inconsistentExperts.join(', ')}`);
  const base = {
    aggregation,
    experts: expertResults,
    inconsistentExperts,
    method: individual[0].method,
    riTable: individual[0].riTable,
    ...(options.labels ? { labels: options.labels } : {}),
  };
  if (aggregation === 'aip') {
    const weights = new Array<number>(n).fill(0);
    individual.forEach((r, k) => {
      for (let i = 0; i < n; i++) weights[i] += lambdas[k] * r.weights[i];
    });
    const cr = individual.reduce((s, r, k) => s + lambdas[k] * r.cr, 0);
    return { ...base, weights, cr, consistent: cr < CR_THRESHOLD, warnings };
  }
  // The experts' matrices as validated (snapped, one-sided pairs completed), not as typed.
  const checked = experts.map((e) => checkPairwiseMatrix(e.matrix, options.scale).matrix);
  const aggregatedMatrix = aggregateJudgments(checked, lambdas);
  const group = ahp(aggregatedMatrix, { ...options, scale: 'any' });
  return {
    ...base,
    weights: group.weights,
    cr: group.cr,
    consistent: group.consistent,
    aggregatedMatrix,
    group,
    warnings: [...warnings, ...group.warnings],
  };
}

/** Weighted geometric mean of judgments, cell by cell, over the experts who gave each one. */
export function aggregateJudgments(
  matrices: readonly (readonly (readonly (number | null)[])[])[],
  lambdas: readonly number[],
): (number | null)[][] {
  const n = matrices[0].length;
  const out: (number | null)[][] = [];
  for (let i = 0; i < n; i++) {
    const row: (number | null)[] = [];
    for (let j = 0; j < n; j++) {
      let logSum = 0;
      let wSum = 0;
      matrices.forEach((m, k) => {
        const v = m[i][j];
        if (v !== null && v !== undefined) {
          logSum += lambdas[k] * Math.log(v);
          wSum += lambdas[k];
        }
      });
      row.push(i === j ? 1 : wSum > 0 ? Math.exp(logSum / wSum) : null);
    }
    out.push(row);
  }
  return out;
}
