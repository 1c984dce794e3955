/**
 * The `topsis` input document and options (SPEC §4.4, §10): a decision matrix, weights and
 * directions; options `normalisation` (vector, min-max or none), `normalise`.
 */
import { z } from 'zod';
import { directionsSchema, labelsSchema, matrixSchema, vectorSchema } from '../input-schema.ts';

/** `{matrix, weights, directions?, labels?, alternatives?}`. */
export const topsisInputSchema = z
  .object({
    matrix: matrixSchema.describe('rows = alternatives, columns = indicators; a cell is a number or a fraction string such as "1/3"'),
    weights: vectorSchema.describe('one weight per indicator (column), summing to 1 (or normalise)'),
    directions: directionsSchema,
    labels: labelsSchema.describe('names of the indicators (columns), strings or {zh, en}'),
    alternatives: labelsSchema.describe('names of the alternatives (rows), strings or {zh, en}'),
  })
  .describe('TOPSIS: alternatives ranked by closeness to the ideal solution');

/** The options of `scf-risk topsis`, with its defaults. */
export const topsisOptionsSchema = z
  .object({
    normalisation: z
      .enum(['vector', 'min-max', 'none'])
      .default('vector')
      .describe('column normalisation: vector, min-max by direction, or none (the weighted raw matrix)'),
    normalise: z.boolean().default(false).describe('rescale weights that do not sum to 1'),
  })
  .describe('TOPSIS options (the flags of scf-risk topsis)');

export type TopsisInput = z.output<typeof topsisInputSchema>;
export type TopsisInputOptions = z.output<typeof topsisOptionsSchema>;
