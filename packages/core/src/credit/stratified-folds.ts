/**
 * Seeded stratified k-fold assignment (SPEC §5.4): rows of each class are shuffled with the
 * seed and dealt round-robin to the folds, so folds are disjoint, cover every row and keep the
 * class proportions (within one row per class).
 */
import { ValidationError } from '../errors.ts';
import { createRng, shuffle } from '../numeric/random.ts';

/** Fold number (0…k−1) of every row. */
export function stratifiedFolds(labels: ArrayLike<number>, k: number, seed = 1): Int32Array {
  if (!Number.isInteger(k) || k < 2) throw new ValidationError([{ path: ['folds'], message: `folds = ${k} must be a whole number ≥ 2` }]);
  if (labels.length < k)
    throw new ValidationError([
      { path: ['folds'], message: `${k} folds for ${labels.length} rows`, allowed: `at most ${labels.length} folds` },
    ]);
  const rng = createRng(seed);
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const list = byClass.get(labels[i]) ?? [];
    list.push(i);
    byClass.set(labels[i], list);
  }
  const fold = new Int32Array(labels.length);
  let next = 0;
  for (const c of [...byClass.keys()].sort((a, b) => a - b)) {
    for (const i of shuffle(rng, byClass.get(c) as number[])) {
      fold[i] = next;
      next = (next + 1) % k;
    }
  }
  return fold;
}
