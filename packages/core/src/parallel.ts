// @scf-risk/core/parallel — the batch kernels on worker threads (Node only; the main entry stays
// free of Node built-ins so it runs in a browser). Create a pool with its size, pass it to the
// *Parallel functions, close it when done.
export { sharedColumnMajor, isShared, splitRange } from './numeric/column-major.ts';
export * from './numeric/worker-pool.ts';
export { coreKernels } from './numeric/kernel-map.ts';
export { ranksDescendingParallel } from './numeric/ranks-parallel.ts';
export * from './evaluation/fuzzy-parallel.ts';
export * from './evaluation/grey-parallel.ts';
export * from './evaluation/topsis-parallel.ts';
export * from './evaluation/portfolio-batch.ts';
export * from './weighting/entropy-parallel.ts';
export { type FuzzyPlan, fuzzyEvaluateRowBlock, planFuzzy } from './evaluation/fuzzy-batch.ts';
