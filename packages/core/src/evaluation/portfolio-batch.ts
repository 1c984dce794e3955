/**
 * A whole portfolio on a kernel pool (SPEC §4.6; `@scf-risk/core/parallel`): the `evaluate` methods that are pure batch
 * kernels — fuzzy evaluation (scores on the grade scale), TOPSIS and GRA (min-max, ρ = 0.5,
 * the ideal as reference) — over column-major data in shared memory, results in typed arrays
 * (no per-alternative objects). The same ranks and grades as `evaluatePortfolio`, scores to 1e-12
 * (GRA there goes through the row-major small API; a test compares both on 5,000 alternatives).
 */
import { ValidationError } from '../errors.ts';
import type { Direction } from '../hierarchy/tree.ts';
import type { ColumnMajor } from '../numeric/column-major.ts';
import { ranksDescendingParallel } from '../numeric/ranks-parallel.ts';
import type { KernelPool } from '../numeric/worker-pool.ts';
import { DEFAULT_GRADES, type Grade } from './fuzzy.ts';
import { fuzzyEvaluateParallel } from './fuzzy-parallel.ts';
import { graGradesParallel } from './grey-parallel.ts';
import { topsisParallel } from './topsis-parallel.ts';

export type BatchPortfolioMethod = 'fce' | 'topsis' | 'gra';

export interface BatchPortfolioResult {
  method: BatchPortfolioMethod;
  score: Float64Array;
  rank: Int32Array;
  /** fce: grade index (into `grades`) by maximum membership. */
  grade?: Int32Array;
  grades?: Grade[];
}

/** Example: await evaluatePortfolioBatch(createKernelPool({ size: 2 }), x, leafWeights, directions, 'fce'). */
export async function evaluatePortfolioBatch(
  pool: KernelPool,
  x: ColumnMajor,
  weights: readonly number[],
  directions: readonly Direction[],
  method: BatchPortfolioMethod,
  grades: readonly Grade[] = DEFAULT_GRADES,
): Promise<BatchPortfolioResult> {
  if (x.rows === 0) throw new ValidationError([{ path: [], message: 'the portfolio is empty (no alternatives)' }]);
  if (method === 'fce') {
    const r = await fuzzyEvaluateParallel(pool, x, weights, grades);
    return { method, score: r.score, rank: await ranksDescendingParallel(pool, r.score), grade: r.grade, grades: r.grades };
  }
  if (method === 'topsis') {
    const r = await topsisParallel(pool, x, [...weights], { directions: [...directions] });
    return { method, score: r.closeness, rank: r.rank };
  }
  if (method === 'gra') {
    const score = await graGradesParallel(pool, x, weights, directions);
    return { method, score, rank: await ranksDescendingParallel(pool, score) };
  }
  throw new ValidationError([{ path: ['method'], message: `unknown method "${String(method)}"`, allowed: 'fce, topsis, gra' }]);
}
