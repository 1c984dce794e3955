/**
 * Fuzzy comprehensive evaluation of a whole portfolio on a kernel pool (`@scf-risk/core/parallel`):
 * a row range per worker, written straight into shared result arrays; the numbers are those of
 * `fuzzyEvaluateBatch`. Data not in a SharedArrayBuffer (or a pool of one) runs on this thread.
 */
import { type ColumnMajor, isShared, splitRange } from '../numeric/column-major.ts';
import type { KernelPool } from '../numeric/worker-pool.ts';
import { DEFAULT_GRADES, type Grade } from './fuzzy.ts';
import { type FuzzyBatchResult, fuzzyEvaluateBatch, planFuzzy } from './fuzzy-batch.ts';

/** Example: await fuzzyEvaluateParallel(createKernelPool({ size: 2 }), sharedColumnMajor(m, n), leafWeights). */
export async function fuzzyEvaluateParallel(
  pool: KernelPool,
  x: ColumnMajor,
  leafWeights: ArrayLike<number>,
  grades: readonly Grade[] = DEFAULT_GRADES,
): Promise<FuzzyBatchResult> {
  if (!isShared(x) || pool.size < 2) return fuzzyEvaluateBatch(x, leafWeights, grades);
  planFuzzy(x, leafWeights, grades); // checks here, so errors come from this thread
  const w = Array.from(leafWeights);
  const g = grades.length;
  const m = x.rows;
  const out: FuzzyBatchResult = {
    b: new Float64Array(new SharedArrayBuffer(m * g * 8)),
    score: new Float64Array(new SharedArrayBuffer(m * 8)),
    grade: new Int32Array(new SharedArrayBuffer(m * 4)),
    grades: [...grades],
  };
  await Promise.all(
    splitRange(m, pool.size).map(([from, to]) => pool.run('fuzzyEvaluateInto', x, w, grades, from, to, out.b, out.score, out.grade)),
  );
  return out;
}
