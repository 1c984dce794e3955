/**
 * TOPSIS over a whole portfolio on a kernel pool (`@scf-risk/core/parallel`): column ranges for
 * pass 1 (column stats), row ranges for pass 2 (distances); the numbers are those of `topsisBatch`.
 */
import { type ColumnMajor, isShared, splitRange } from '../numeric/column-major.ts';
import { type KernelPool, runColumnRanges } from '../numeric/worker-pool.ts';
import { finishTopsis, planTopsis, type TopsisBatchResult, type TopsisOptions, topsisAxes, topsisBatch } from './topsis.ts';

/** Example: await topsisParallel(pool, x, weights, { directions }). */
export async function topsisParallel(
  pool: KernelPool,
  x: ColumnMajor,
  weights: readonly number[] | undefined,
  options: TopsisOptions = {},
): Promise<TopsisBatchResult> {
  if (!isShared(x) || pool.size < 2) return topsisBatch(x, weights, options);
  const plan = planTopsis(x, weights, options);
  const stats = await runColumnRanges(x, pool.size, 3, (from, to) => pool.run('columnStats', x, from, to));
  const axes = topsisAxes(x, plan, stats);
  const dPlus = new Float64Array(new SharedArrayBuffer(x.rows * 8));
  const dMinus = new Float64Array(new SharedArrayBuffer(x.rows * 8));
  await Promise.all(splitRange(x.rows, pool.size).map(([from, to]) => pool.run('topsisDistances', x, from, to, axes, dPlus, dMinus)));
  return finishTopsis(plan, axes, dPlus, dMinus, options);
}
