/**
 * The `critic` input document and options (SPEC §3.4, §10): a data matrix with directions;
 * option `sd`.
 */
import { z } from 'zod';
import { directionsSchema, labelsSchema, matrixSchema } from '../input-schema.ts';

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
export const criticOptionsSchema = z.object({ sd: sdKindSchema }).describe('CRITIC options (the flags of scf-risk critic)');

export type CriticInput = z.output<typeof criticInputSchema>;
export type CriticInputOptions = z.output<typeof criticOptionsSchema>;
