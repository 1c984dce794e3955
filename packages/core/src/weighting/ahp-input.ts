/**
 * The `ahp` input document and options (SPEC §10): one pairwise comparison matrix on Saaty's
 * 1–9 scale, optional labels; options `method`, `ri`, `lambda`. The CLI (`scf-risk ahp`, whose
 * flags take their allowed values and defaults from `ahpOptionsSchema`) and the HTTP server use
 * these schemas; `scf-risk schema ahp` prints the input's JSON Schema.
 */
import { z } from 'zod';
import { enumOf, incompleteMatrixSchema, labelsSchema } from '../input-schema.ts';
import { INCOMPLETE_METHODS } from './ahp.ts';
import { PRIORITY_METHODS } from './ahp-priority.ts';
import { JUDGMENT_SCALES } from './ahp-scales.ts';
import { PERTURBATION_RULES } from './ahp-uncertainty.ts';
import { RI_TABLE_NAMES } from './random-index.ts';

/** Pairwise judgments, row-major; fraction strings allowed; `null` = a missing judgment. */
export const pairwiseMatrixSchema = incompleteMatrixSchema.describe(
  'n×n pairwise judgments on Saaty\'s 1–9 scale, row-major: a cell is a number or a fraction string such as "1/3"; ' +
    "null marks a missing judgment (estimated by Harker's method, or by LLSM with method geometric-mean)",
);

/** `{matrix, labels?}` (e.g. `{"matrix": [[1, 3], ["1/3", 1]]}`). */
export const ahpInputSchema = z
  .object({
    matrix: pairwiseMatrixSchema,
    labels: labelsSchema.describe('n names of the compared elements, strings or {zh, en}'),
  })
  .describe('One pairwise comparison matrix (AHP), e.g. {"matrix": [[1, 3, 5], ["1/3", 1, 2], ["1/5", "1/2", 1]]}');

/** The AHP options shared by `ahp`, `ahp-group` and `hierarchy`, with the CLI's defaults. */
export const ahpOptionsShape = {
  method: enumOf(PRIORITY_METHODS).default('eigenvector').describe('priority method'),
  ri: enumOf(RI_TABLE_NAMES).default('saaty').describe('random index table for CR'),
  lambda: z
    .enum(['auto', 'exact', 'mean'])
    .default('auto')
    .describe('λmax: exact eigenvalue, the (1/n)Σ(Aw)i/wi estimate, or auto (exact for eigenvector)'),
  incompleteMethod: enumOf(INCOMPLETE_METHODS)
    .default('auto')
    .describe(
      'missing judgments: auto (Harker for eigenvector, LLSM for geometric-mean), harker, llsm, or lambda-max (the completion of smallest λmax, Bozóki, Fülöp & Rónyai 2010)',
    ),
};

/** `method`, `ri` and `lambda`, with the defaults of `scf-risk ahp`. */
export const ahpOptionsSchema = z.object(ahpOptionsShape).describe('AHP options (the flags of scf-risk ahp)');

/**
 * The analyses beside the weights, shared by `ahp`, `ahp-group` and `hierarchy` (flags --consensus,
 * --scales, --uncertainty, --seed, --perturbation, --step, --factor) and the study sections
 * `consensus`, `scales`, `uncertainty`.
 */
export const ahpAnalysisShape = {
  consensus: z.boolean().optional().describe("Goepel's group consensus S* of the experts' priorities (group AHP and trees with experts)"),
  scales: z
    .array(enumOf(JUDGMENT_SCALES))
    .min(1)
    .optional()
    .describe(`the judgments read on these scales, weights and CR side by side (${JUDGMENT_SCALES.join(', ')})`),
  uncertainty: z
    .number()
    .int()
    .min(0)
    .max(1_000_000)
    .default(0)
    .describe('random variations of every judgment: number of draws (0 = none)'),
  seed: z.number().int().default(1).describe('seed of the random variations'),
  perturbation: enumOf(PERTURBATION_RULES)
    .default('step')
    .describe('step: each intensity moves by −δ, 0 or +δ; log-uniform: each judgment times a factor in [1/f, f]'),
  step: z.number().min(0).max(8).default(0.5).describe('δ of the step rule, on the 1–9 scale'),
  factor: z.number().min(1).max(9).default(1.5).describe('f of the log-uniform rule'),
};

/** `ahpAnalysisShape` as an object schema (the flags' allowed values and defaults). */
export const ahpAnalysisSchema = z.object(ahpAnalysisShape).describe('consensus, judgment scales and weight uncertainty');

export type AhpAnalysisOptions = z.output<typeof ahpAnalysisSchema>;

export type AhpInput = z.output<typeof ahpInputSchema>;
export type AhpInputOptions = z.output<typeof ahpOptionsSchema>;

const { consensus: _panelOnly, ...soloAnalysisShape } = ahpAnalysisShape;

/** The options of `scf-risk ahp`: the AHP options and the analyses beside the weights (no consensus: one matrix). */
export const ahpRunOptionsSchema = z
  .object({ ...ahpOptionsShape, ...soloAnalysisShape })
  .describe('AHP options and analyses (the flags of scf-risk ahp)');

/** The AHP options proper (`method`, `ri`, `lambda`, `incompleteMethod`) of checked options that hold more. */
export function ahpOptionsOf(o: AhpInputOptions): AhpInputOptions {
  return { method: o.method, ri: o.ri, lambda: o.lambda, incompleteMethod: o.incompleteMethod };
}

/** The perturbation options of the uncertainty functions, from checked analysis options. */
export function perturbationOf(a: { uncertainty: number; seed: number; perturbation: string; step: number; factor: number }) {
  return { draws: a.uncertainty, seed: a.seed, rule: a.perturbation as 'step' | 'log-uniform', step: a.step, factor: a.factor };
}
