/**
 * @scf-risk/core — the public surface of the methods (what is exported here is what
 * docs/methods/ documents). Pure: no I/O, no clock, no Node built-in (a test bundles this entry
 * for the browser). The worker-thread kernels are `@scf-risk/core/parallel`. Numeric internals
 * (log kernels, radix sorts, special functions, small linear algebra) stay private; the few a
 * caller needs are named below.
 */

// Errors, labels and the shared input pieces
export * from './errors.ts';
export * from './input-schema.ts';
export * from './label.ts';
export * from './method-runners.ts';
export * from './method-schemas.ts';

// Indicator hierarchies: trees, validation, synthesis, the source papers' templates
export * from './hierarchy/global-weights.ts';
export * from './hierarchy/hierarchy-input.ts';
export * from './hierarchy/synthesis.ts';
export * from './hierarchy/templates.ts';
export * from './hierarchy/tree.ts';
export * from './hierarchy/validate.ts';

// Weighting: AHP family, IFAHP, entropy, CRITIC, G1, combination, Delphi, Kendall
export * from './weighting/ahp.ts';
export * from './weighting/ahp-consensus.ts';
export * from './weighting/ahp-incomplete.ts';
export * from './weighting/ahp-input.ts';
export * from './weighting/ahp-priority.ts';
export * from './weighting/ahp-repair.ts';
export * from './weighting/ahp-scales.ts';
export * from './weighting/ahp-uncertainty.ts';
export * from './weighting/combine.ts';
export * from './weighting/combine-input.ts';
export * from './weighting/critic.ts';
export * from './weighting/critic-input.ts';
export * from './weighting/delphi.ts';
export * from './weighting/delphi-answers.ts';
export * from './weighting/delphi-input.ts';
export * from './weighting/delphi-study.ts';
export * from './weighting/entropy.ts';
export * from './weighting/entropy-input.ts';
export * from './weighting/g1.ts';
export * from './weighting/g1-input.ts';
export * from './weighting/group-ahp.ts';
export * from './weighting/group-ahp-input.ts';
export * from './weighting/ifahp.ts';
export * from './weighting/ifahp-hierarchy.ts';
export * from './weighting/ifahp-input.ts';
export * from './weighting/ifahp-scale.ts';
export * from './weighting/kendall.ts';
export * from './weighting/kendall-input.ts';
export * from './weighting/random-index.ts';
export * from './weighting/saaty-scale.ts';

// Evaluation: scorecard, fuzzy evaluation, grey relational analysis, TOPSIS, portfolios, explanation
export * from './evaluation/explain.ts';
export * from './evaluation/fuzzy.ts';
export * from './evaluation/fuzzy-input.ts';
export * from './evaluation/grey.ts';
export * from './evaluation/grey-input.ts';
export * from './evaluation/monte-carlo.ts';
export * from './evaluation/natural-breaks.ts';
export * from './evaluation/portfolio.ts';
export * from './evaluation/scorecard.ts';
export * from './evaluation/scoring-rule.ts';
export * from './evaluation/sensitivity.ts';
export * from './evaluation/topsis.ts';
export * from './evaluation/topsis-input.ts';
export * from './evaluation/weights-check.ts';

// Credit rating with decision trees: data, ID3, C4.5, CART, validation, the model file
export * from './credit/c45.ts';
export * from './credit/cart.ts';
export * from './credit/classification-metrics.ts';
export * from './credit/cross-validation.ts';
export * from './credit/dataset.ts';
export * from './credit/gain-weights.ts';
export * from './credit/generator.ts';
export * from './credit/holdout-validation.ts';
export * from './credit/id3.ts';
export * from './credit/labelling.ts';
export * from './credit/logistic.ts';
export * from './credit/predict.ts';
export * from './credit/rules.ts';
export * from './credit/stratified-folds.ts';
export * from './credit/tree.ts';
export * from './credit/tree-model-file.ts';
export * from './credit/woe.ts';

// Study files: schema, resolution of references, the runner
export * from './study/ahp-analysis.ts';
export { normaliseColumns } from './study/check-steps.ts';
export * from './study/expert-weights.ts';
export * from './study/node-weighting.ts';
export * from './study/placeholders.ts';
export * from './study/resolve.ts';
export * from './study/run.ts';
export * from './study/schema.ts';

// Batch kernels over column-major typed arrays (one thread; `@scf-risk/core/parallel` for all cores)
export { type FuzzyBatchResult, type FuzzyPlan, fuzzyEvaluateBatch, fuzzyEvaluateRowBlock, planFuzzy } from './evaluation/fuzzy-batch.ts';
export { graGradesBatch } from './evaluation/grey-batch.ts';
export { type ColumnMajor, isShared, sharedColumnMajor, toColumnMajor } from './numeric/column-major.ts';

// Ranking and seeded randomness as the methods use them
export { createRng, type Rng } from './numeric/random.ts';
export { rankDescending, ranksDescending } from './numeric/ranks.ts';
export { cellNumber } from './numeric/cell-number.ts';
export type { SdKind } from './numeric/stats.ts';

// Monitoring after disbursement
export * from './monitoring/classification.ts';
export * from './monitoring/collateral.ts';
export * from './monitoring/contagion.ts';
export * from './monitoring/delinquency.ts';
export * from './monitoring/early-warning.ts';
export * from './monitoring/loan-book.ts';
export * from './monitoring/mark-to-market.ts';
export * from './monitoring/money-and-dates.ts';
export * from './monitoring/npl-ratio.ts';
export * from './monitoring/population-stability.ts';
export * from './monitoring/reconciliation.ts';
export * from './monitoring/repayment-schedule.ts';
export * from './monitoring/stop-loss-pool.ts';
export * from './monitoring/stress.ts';
