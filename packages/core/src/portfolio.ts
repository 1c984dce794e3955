// @scf-risk/core/portfolio — evaluating a portfolio on a weighted hierarchy without the input
// schemas: the hierarchy's validation and synthesis, the portfolio evaluation, the grades, ranks
// and errors. It loads none of core's zod schemas (a fraction of the main entry's start-up cost),
// for callers that must start at once, such as `scf-risk evaluate` on a large CSV. Everything here
// is also in the main entry. A tree whose matrices hold fractions ("1/3") goes through the main
// entry's `parseTreeMatrices` first.
export * from './errors.ts';
export { DEFAULT_GRADES, type Grade } from './evaluation/fuzzy.ts';
export { type FuzzyPlan, planFuzzy } from './evaluation/fuzzy-batch.ts';
export * from './evaluation/portfolio.ts';
export * from './hierarchy/synthesis.ts';
export * from './hierarchy/tree.ts';
export * from './hierarchy/validate.ts';
export * from './label.ts';
export { cellNumber } from './numeric/cell-number.ts';
export type { ColumnMajor } from './numeric/column-major.ts';
export { rankDescending, ranksDescending } from './numeric/ranks.ts';
