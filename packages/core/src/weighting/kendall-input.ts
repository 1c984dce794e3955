/**
 * The `kendall` input document and options (SPEC §3.8, §10): ranks or ratings (rows = objects,
 * columns = raters); option `ties`.
 */
import { z } from 'zod';
import { customIssue, matrixSchema } from '../input-schema.ts';

/** `{ranks}` or `{ratings}`. */
export const kendallInputSchema = z
  .object({
    ranks: matrixSchema.optional().describe('rows = objects, columns = raters: each rater’s ranks (ties get average ranks)'),
    ratings: matrixSchema.optional().describe('instead of ranks: rows = objects, columns = raters, each column is ranked'),
  })
  .superRefine((d, ctx) => {
    if (!d.ranks && !d.ratings)
      ctx.addIssue(customIssue('give ranks or ratings', [], '{ranks: [[...]]} or {ratings: [[...]]}, rows = objects'));
  })
  .meta({
    description: "Kendall's coefficient of concordance W: give ranks or ratings",
    anyOf: [{ required: ['ranks'] }, { required: ['ratings'] }],
  });

/** The options of `scf-risk kendall`, with its defaults. */
export const kendallOptionsSchema = z
  .object({ ties: z.enum(['correct', 'ignore']).default('correct').describe('tie correction') })
  .describe('Kendall options (the flags of scf-risk kendall)');

export type KendallInput = z.output<typeof kendallInputSchema>;
export type KendallInputOptions = z.output<typeof kendallOptionsSchema>;
