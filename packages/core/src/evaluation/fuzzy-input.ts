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
      weights: z.array(z.number()).optional().describe('the children’s local weights, in their order (instead of a weight on each child)'),
      membership: z.array(z.number()).optional().describe('a leaf’s membership degrees, one per grade'),
      children: z.array(fuzzyNodeSchema).optional(),
    })
    .describe('{weight, membership} (a leaf) or {weight, children} or {weights, children}'),
);

/**
 * `{grades?, weights, membership}` (flat), `{grades?, tree}`, or the root node itself as the tree
 * commands take it: `{grades?, code?, name?, weights?, children}` (multi-level; `weights` then
 * weight the children, or each child carries its `weight`).
 */
export const fceInputSchema = z
  .object({
    grades: z.array(fuzzyGradeSchema).optional().describe('the evaluation grades, best first (default [004]: 10/8/6/4/2)'),
    code: z.string().optional().describe('the root node’s code (when the document is the root node)'),
    name: labelSchema.optional().describe('the root node’s name (when the document is the root node)'),
    weights: z
      .array(z.number())
      .optional()
      .describe('the indicators’ weights (with membership), or the children’s weights (with children)'),
    membership: z.array(z.array(z.number())).optional().describe('indicators × grades: each indicator’s membership degree in each grade'),
    children: z
      .array(fuzzyNodeSchema)
      .optional()
      .describe('the document is the root node of a multi-level evaluation: its children, weighted by weights or their own weight'),
    tree: fuzzyNodeSchema.optional().describe('instead of weights and membership: a tree for a multi-level evaluation'),
  })
  .superRefine((d, ctx) => {
    if (d.tree) {
      for (const f of ['children', 'membership', 'weights'] as const)
        if (d[f] !== undefined)
          ctx.addIssue(
            customIssue(
              `${f} beside tree: the evaluation is either the tree or the document itself`,
              [f],
              'tree: {…}, or the root node’s fields at the top level, not both',
            ),
          );
      return;
    }
    if (d.children) {
      if (d.membership !== undefined)
        ctx.addIssue(
          customIssue(
            'membership beside children: a node is either a leaf (membership) or has children',
            ['membership'],
            '{weights, membership} (one level) or {weights?, children} (a tree)',
          ),
        );
      return;
    }
    const m = d.membership ?? [];
    const w = d.weights ?? [];
    if (m.length !== w.length)
      ctx.addIssue(
        customIssue(`${m.length} membership rows for ${w.length} weights`, ['membership'], 'one membership row per weighted indicator'),
      );
  })
  .describe('Fuzzy comprehensive evaluation, flat (weights, membership) or multi-level (tree, or the root node {weights?, children})');

/** The tree an `fce` document describes: its `tree`, the document as the root node, or a flat one-level tree. */
export function fceRoot(d: FceInput): FuzzyNode {
  if (d.tree) return d.tree;
  if (d.children)
    return {
      code: d.code ?? 'root',
      ...(d.name !== undefined ? { name: d.name } : {}),
      ...(d.weights !== undefined ? { weights: d.weights } : {}),
      children: d.children,
    };
  const m = d.membership ?? [];
  const w = d.weights ?? [];
  return { code: d.code ?? 'root', children: m.map((row, i) => ({ code: String(i + 1), weight: w[i], membership: row })) };
}

/** The options of `scf-risk fce`, with its defaults. */
export const fceOptionsSchema = z
  .object({
    operator: enumOf(FUZZY_OPERATORS).default('weighted-average').describe('composition operator of B = W ∘ R'),
    normalise: z.boolean().default(false).describe('rescale weights that do not sum to 1'),
  })
  .describe('fuzzy evaluation options (the flags of scf-risk fce)');

export type FceInput = z.output<typeof fceInputSchema>;
export type FceInputOptions = z.output<typeof fceOptionsSchema>;
