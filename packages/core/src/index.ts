// @scf-risk/core — public API. One export line per module; keep sorted by folder.
export * from './errors.ts';
export * from './label.ts';
export * from './numeric/linear.ts';
export * from './numeric/random.ts';
export * from './numeric/stats.ts';
export * from './numeric/vector.ts';
export * from './numeric/column-major.ts';
