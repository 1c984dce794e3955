/**
 * The `fce` input document and options (SPEC §4.2, §10): grades, weights and a membership matrix
 * (indicators × grades), or a tree of such nodes (multi-level); options `operator`, `normalise`.
 */
import { z } from 'zod';
import { customIssue, enumOf, labelSchema } from '../input-schema.ts';
import { FUZZY_OPERATORS, type FuzzyNode } from './fuzzy.ts';

/** A grade of the evaluation set: `{name, score}`. */
export const fuzzyGradeSchema = z.object({
  name: labelSchema,
  score: z.number().describe('the grade’s score on the evaluation axis (e.g. 10, 8, 6, 4, 2)'),
});

/** A node of a multi-level evaluation: a leaf with a membership row, or a node with children. */
export const fuzzyNodeSchema: z.ZodType<FuzzyNode> = z.lazy(() =>
  z
    .object({
      code: z.string().optional(),
      name: labelSchema.optional(),
      weight: z.number().optional().describe('local weight among its siblings'),
      membership: z.array(z.number()).optional().describe('a leaf’s membership degrees, one per grade'),
      children: z.array(fuzzyNodeSchema).optional(),
    })
    .describe('{weight, membership} (a leaf) or {weight, children}'),
);

/** `{grades?, weights, membership}` or `{grades?, tree}`. */
export const fceInputSchema = z
  .object({
    grades: z.array(fuzzyGradeSchema).optional().describe('the evaluation grades, best first (default [004]: 10/8/6/4/2)'),
    weights: z.array(z.number()).optional().describe('the indicators’ weights'),
    membership: z.array(z.array(z.number())).optional().describe('indicators × grades: each indicator’s membership degree in each grade'),
    tree: fuzzyNodeSchema.optional().describe('instead of weights and membership: a tree for a multi-level evaluation'),
  })
  .superRefine((d, ctx) => {
    if (d.tree) return;
    const m = d.membership ?? [];
    const w = d.weights ?? [];
    if (m.length !== w.length)
      ctx.addIssue(
        customIssue(`${m.length} membership rows for ${w.length} weights`, ['membership'], 'one membership row per weighted indicator'),
      );
  })
  .describe('Fuzzy comprehensive evaluation, flat (weights, membership) or multi-level (tree)');

/** The options of `scf-risk fce`, with its defaults. */
export const fceOptionsSchema = z
  .object({
    operator: enumOf(FUZZY_OPERATORS).default('weighted-average').describe('composition operator of B = W ∘ R'),
    normalise: z.boolean().default(false).describe('rescale weights that do not sum to 1'),
  })
  .describe('fuzzy evaluation options (the flags of scf-risk fce)');

export type FceInput = z.output<typeof fceInputSchema>;
export type FceInputOptions = z.output<typeof fceOptionsSchema>;
