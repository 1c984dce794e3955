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
    if (d.ranks && d.ratings)
      ctx.addIssue(
        customIssue(
          'both ranks and ratings are given: the concordance is of one table',
          ['ratings'],
          'ranks or ratings, not both (ranks are 1 … n per rater; ratings are any numbers, ranked per rater)',
        ),
      );
    const n = d.ranks?.length ?? 0;
    d.ranks?.forEach((row, i) =>
      row.forEach((v, j) => {
        if (!(v >= 1 && v <= n))
          ctx.addIssue(
            customIssue(
              `rank ${v} is not a rank among ${n} objects`,
              ['ranks', i, j],
              `a rank from 1 to ${n} (ties may share a rank such as 1.5); for other numbers give them as ratings`,
            ),
          );
      }),
    );
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
