/**
 * The `combine` input document and options (SPEC §3.7, §10): a subjective and an objective
 * weight vector; options `rule`, `alpha`, `normalise`.
 */
import { z } from 'zod';
import { enumOf, labelsSchema, vectorSchema } from '../input-schema.ts';
import { COMBINE_RULES } from './combine.ts';

/** `{subjective, objective, labels?}`. */
export const combineInputSchema = z
  .object({
    subjective: vectorSchema.describe('subjective weights (e.g. AHP): non-negative, summing to 1 (or normalise)'),
    objective: vectorSchema.describe('objective weights (e.g. entropy) of the same indicators: non-negative, summing to 1 (or normalise)'),
    labels: labelsSchema.describe('names of the indicators, strings or {zh, en}'),
  })
  .describe('Two weight vectors of the same indicators to combine');

/** The options of `scf-risk combine`, with its defaults. */
export const combineOptionsSchema = z
  .object({
    rule: enumOf(COMBINE_RULES)
      .default('linear')
      .describe('linear w = α·s + (1 − α)·o; multiplicative w ∝ s·o; min-discrimination w ∝ √(s·o); game: game-theoretic a₁·s + a₂·o'),
    alpha: z.number().min(0).max(1).default(0.5).describe('weight of the subjective vector in the linear rule ([003]: 0.5)'),
    normalise: z.boolean().default(false).describe('rescale input vectors that do not sum to 1'),
  })
  .describe('combination options (the flags of scf-risk combine)');

export type CombineInput = z.output<typeof combineInputSchema>;
export type CombineInputOptions = z.output<typeof combineOptionsSchema>;
