/**
 * Entropy weights over a whole portfolio on a kernel pool (`@scf-risk/core/parallel`): column
 * ranges per worker; the numbers are those of `entropyWeightsBatch`.
 */
import { type ColumnMajor, isShared } from '../numeric/column-major.ts';
import { type KernelPool, runColumnRanges } from '../numeric/worker-pool.ts';
import { type EntropyOptions, type EntropyResult, entropyColumnStats, finishEntropy, planEntropy } from './entropy.ts';

/** Example: await entropyWeightsParallel(pool, sharedColumnMajor(m, n)). */
export async function entropyWeightsParallel(pool: KernelPool, x: ColumnMajor, options: EntropyOptions = {}): Promise<EntropyResult> {
  const plan = planEntropy(x, options);
  if (!isShared(x) || pool.size < 2) return finishEntropy(x, plan, entropyColumnStats(x, 0, x.cols, plan), options);
  const stats = await runColumnRanges(x, pool.size, 4, (from, to) => pool.run('entropyColumnStats', x, from, to, plan));
  return finishEntropy(x, plan, stats, options);
}
