/**
 * The `entropy` input document and options (SPEC §3.3, §10): a data matrix (rows = alternatives,
 * columns = indicators) with directions, or — normalisation `ahp-matrix`, [003] — a pairwise
 * comparison matrix; options `normalisation`, `shift`.
 */
import { z } from 'zod';
import { directionsSchema, incompleteMatrixSchema, labelsSchema, matrixSchema } from '../input-schema.ts';

/** `{matrix, directions?, labels?}`; `null` cells only with normalisation `ahp-matrix`. */
export const entropyInputSchema = z
  .object({
    matrix: incompleteMatrixSchema.describe(
      'rows = alternatives, columns = indicators; a cell is a number or a fraction string such as "1/3". ' +
        'With normalisation ahp-matrix: an n×n pairwise comparison matrix, where null marks a missing judgment',
    ),
    directions: directionsSchema,
    labels: labelsSchema.describe('names of the indicators (columns), strings or {zh, en}'),
  })
  .describe('Entropy weights of indicators from data, or of an AHP matrix as in [003]');

/** The matrix `entropy` accepts under `normalisation` (missing judgments only in a pairwise matrix). */
export function entropyMatrixSchema(normalisation: EntropyInputOptions['normalisation']) {
  return normalisation === 'ahp-matrix' ? incompleteMatrixSchema : matrixSchema;
}

/** The options of `scf-risk entropy`, with its defaults. */
export const entropyOptionsSchema = z
  .object({
    normalisation: z
      .enum(['min-max', 'sum', 'ahp-matrix'])
      .default('min-max')
      .describe(
        'column normalisation: min-max by direction, sum (raw non-negative values), or ahp-matrix ([003]: the pairwise matrix normalised by columns)',
      ),
    shift: z.number().min(0).default(0).describe('add this to every normalised value before the proportions (e.g. 0.0001)'),
  })
  .describe('entropy options (the flags of scf-risk entropy)');

export type EntropyInput = z.output<typeof entropyInputSchema>;
export type EntropyInputOptions = z.output<typeof entropyOptionsSchema>;
