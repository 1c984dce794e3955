/**
 * The `critic` input document and options (SPEC §3.4, §10): a data matrix with directions;
 * options `sd`, `normalisation`, `correlationMethod`, `conflictRule`.
 */
import { z } from 'zod';
import { directionsSchema, enumOf, labelsSchema, matrixSchema } from '../input-schema.ts';
import { CRITIC_CONFLICT_RULES, CRITIC_CORRELATIONS, CRITIC_NORMALISATIONS } from './critic.ts';

/** The kind of standard deviation (sample n − 1, or population n), default sample. */
export const sdKindSchema = z
  .enum(['sample', 'population'])
  .default('sample')
  .describe('standard deviation: sample (n − 1, as Excel STDEV) or population (n)');

/** `{matrix, directions?, labels?}`. */
export const criticInputSchema = z
  .object({
    matrix: matrixSchema.describe('rows = alternatives, columns = indicators; a cell is a number or a fraction string such as "1/3"'),
    directions: directionsSchema,
    labels: labelsSchema.describe('names of the indicators (columns), strings or {zh, en}'),
  })
  .describe('CRITIC weights: contrast (σ) × conflict (1 − correlation) of min-max normalised indicators');

/** The options of `scf-risk critic`, with its defaults. */
export const criticOptionsSchema = z
  .object({
    sd: sdKindSchema,
    normalisation: enumOf(CRITIC_NORMALISATIONS)
      .default('min-max')
      .describe('min-max by direction (Diakoulaki et al.), or none: the raw values, cost columns negated'),
    correlationMethod: enumOf(CRITIC_CORRELATIONS)
      .default('pearson')
      .describe("correlation between indicators: Pearson's r or Spearman's rank correlation"),
    conflictRule: enumOf(CRITIC_CONFLICT_RULES)
      .default('signed')
      .describe('conflict of an indicator: signed Σ(1 − r) or absolute Σ(1 − |r|)'),
  })
  .describe('CRITIC options (the flags of scf-risk critic)');

export type CriticInput = z.output<typeof criticInputSchema>;
export type CriticInputOptions = z.output<typeof criticOptionsSchema>;
