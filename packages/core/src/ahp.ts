// @scf-risk/core/ahp — one pairwise comparison matrix (`scf-risk ahp`, SPEC §3.1): its schemas and
// runner, the AHP itself with its analyses' result types, judgments, ranks, labels and errors,
// without the rest of core's methods (about 0.1 s of a start). Everything here is also in the
// main entry.
export * from './errors.ts';
export { type NumberRule, numberRuleCheck, optionSpec } from './input-schema.ts';
export * from './label.ts';
export { rankDescending, ranksDescending } from './numeric/ranks.ts';
export * from './weighting/ahp.ts';
export type { AhpConsensusResult, GroupConsensusResult, HierarchyConsensusResult } from './weighting/ahp-consensus.ts';
export * from './weighting/ahp-input.ts';
export type { PriorityMethod } from './weighting/ahp-priority.ts';
export * from './weighting/ahp-run.ts';
export { type AhpScalesResult, JUDGMENT_SCALES } from './weighting/ahp-scales.ts';
export type { AhpUncertaintyResult } from './weighting/ahp-uncertainty.ts';
export type { RiTableName } from './weighting/random-index.ts';
export { formatJudgment, snapToScale } from './weighting/saaty-scale.ts';
