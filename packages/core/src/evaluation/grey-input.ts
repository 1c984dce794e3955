/**
 * The `gra` input document and options (SPEC §4.3, §10): alternatives (a decision matrix), or
 * factors against a reference series ([000]); options `normalisation`, `rho`, `normalise`.
 */
import { z } from 'zod';
import { customIssue, directionsSchema, enumOf, labelsSchema, matrixSchema, vectorSchema } from '../input-schema.ts';
import { GREY_NORMALISATIONS } from './grey.ts';

/** Alternatives: `{matrix, directions?, reference?, weights?, labels?, alternatives?}`. */
export const graAlternativesInputSchema = z
  .object({
    matrix: matrixSchema.describe('rows = alternatives, columns = indicators; a cell is a number or a fraction string such as "1/3"'),
    directions: directionsSchema,
    reference: vectorSchema.optional().describe('the reference series, one value per indicator (default the best of each column)'),
    weights: vectorSchema.optional().describe('one weight per indicator (default equal)'),
    labels: labelsSchema.describe('names of the indicators (columns), strings or {zh, en}'),
    alternatives: labelsSchema.describe('names of the alternatives (rows), strings or {zh, en}'),
  })
  .superRefine((d, ctx) => {
    const rows = d.matrix.length;
    const cols = d.matrix[0]?.length ?? 0;
    if (d.alternatives && d.alternatives.length !== rows)
      ctx.addIssue(
        customIssue(
          `${d.alternatives.length} alternative names for ${rows} matrix rows`,
          ['alternatives'],
          `one name per row of matrix (${rows})`,
        ),
      );
    if (d.labels && d.labels.length !== cols)
      ctx.addIssue(
        customIssue(`${d.labels.length} indicator names for ${cols} matrix columns`, ['labels'], `one name per column of matrix (${cols})`),
      );
  })
  .describe('Grey relational analysis of alternatives');

/** Factors ([000]): `{referenceSeries, factors: [{name, series}], cutoffs? | levels?}`. */
export const graFactorsInputSchema = z
  .object({
    referenceSeries: vectorSchema.describe('the reference (system behaviour) series'),
    factors: z
      .array(z.object({ name: z.string(), series: vectorSchema.describe('the factor’s series, as long as referenceSeries') }))
      .min(1)
      .describe('the factors to relate to the reference series'),
    cutoffs: vectorSchema.optional().describe('degree cut-offs between levels (instead of natural breaks)'),
    levels: z
      .number()
      .int()
      .positive()
      .optional()
      .describe('number of levels by natural breaks (default 4), at most the number of factors'),
  })
  .describe('Grey relational degrees of factors against a reference series, grouped into levels ([000])');

/** A document with `referenceSeries` is about factors, any other one about alternatives (as the CLI decides). */
export function isGraFactors(data: unknown): boolean {
  return typeof data === 'object' && data !== null && 'referenceSeries' in data;
}

/** Alternatives or factors. */
export const graInputSchema = z
  .union([graFactorsInputSchema, graAlternativesInputSchema])
  .describe('Grey relational analysis: alternatives {matrix, …} or factors {referenceSeries, factors}');

/** The options of `scf-risk gra`, with its defaults (normalisation: min-max for alternatives, initial for factors). */
export const graOptionsSchema = z
  .object({
    normalisation: enumOf(GREY_NORMALISATIONS)
      .optional()
      .describe('dimensionless normalisation (default min-max by direction for alternatives, initial for factors)'),
    rho: z.number().gt(0).max(1).default(0.5).describe('resolution coefficient ρ in (0, 1]'),
    normalise: z.boolean().default(false).describe('rescale weights that do not sum to 1'),
  })
  .describe('grey relational options (the flags of scf-risk gra)');

export type GraInput = z.output<typeof graInputSchema>;
export type GraInputOptions = z.output<typeof graOptionsSchema>;
