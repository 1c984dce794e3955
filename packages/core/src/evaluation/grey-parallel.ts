/**
 * Grey relational grades of a whole portfolio on a kernel pool (`@scf-risk/core/parallel`): column
 * stats on column ranges, then grades on row ranges; the numbers are those of `graGradesBatch`.
 */
import type { Direction } from '../hierarchy/tree.ts';
import { type ColumnMajor, isShared, splitRange } from '../numeric/column-major.ts';
import { type KernelPool, runColumnRanges } from '../numeric/worker-pool.ts';
import { graGradesBatch, planGra } from './grey-batch.ts';

/** Example: await graGradesParallel(pool, x, weights, directions). */
export async function graGradesParallel(
  pool: KernelPool,
  x: ColumnMajor,
  weights: ArrayLike<number>,
  directions: readonly Direction[],
  rho = 0.5,
): Promise<Float64Array> {
  if (!isShared(x) || pool.size < 2) return graGradesBatch(x, weights, directions, rho);
  const stats = await runColumnRanges(x, pool.size, 3, (from, to) => pool.run('columnStats', x, from, to));
  const plan = planGra(x, weights, directions, rho, stats);
  const grades = new Float64Array(new SharedArrayBuffer(x.rows * 8));
  await Promise.all(splitRange(x.rows, pool.size).map(([from, to]) => pool.run('graAccumulate', x, from, to, plan, grades)));
  return grades;
}
