/**
 * The tree format (SPEC §2, §10 "The tree format"), used by `hierarchy`, `evaluate`, templates and
 * study files: the document's top-level object is the root node. A node weights its children by
 * their `weight`, its pairwise `matrix` or its panel's `experts`. This schema documents the format
 * and converts matrix cells ("1/3" → 1/3); the rules across nodes (unique codes, sibling sums,
 * matrix sizes, leaf-only fields) are checked by `validateHierarchy`, which every user of a tree
 * runs next. Unknown fields are kept for it to judge.
 */
import { z } from 'zod';
import type { PathSegment } from '../errors.ts';
import { directionSchema, incompleteMatrixSchema, labelSchema, parseWith } from '../input-schema.ts';
import { ahpOptionsShape, pairwiseMatrixSchema } from '../weighting/ahp-input.ts';
import { aggregationSchema, panelExpertSchema } from '../weighting/group-ahp-input.ts';
import type { HierarchyNode } from './tree.ts';

/** A node of the tree; leaves (indicators) add `kind`, `direction`, `unit`, `scorer`, `rule`. */
export const hierarchyNodeSchema: z.ZodType<HierarchyNode> = z.lazy(() =>
  z
    .looseObject({
      code: z.string().describe('a stable code, unique in the tree (e.g. A41)'),
      name: labelSchema,
      description: z.string().optional(),
      source: z.string().optional().describe('provenance: a source such as "[003]", or "added"'),
      weight: z.number().optional().describe('local weight among its siblings, in [0, 1]'),
      children: z.array(hierarchyNodeSchema).optional().describe('the sub-criteria or indicators; absent for a leaf'),
      matrix: pairwiseMatrixSchema
        .optional()
        .describe(
          'pairwise judgments over children, in their order (AHP): a cell is a number or a fraction string such as "1/3"; null = missing',
        ),
      experts: z.array(panelExpertSchema).optional().describe('several experts’ matrices over children (group AHP)'),
      aggregation: aggregationSchema.unwrap().optional().describe('how experts are aggregated at this node (default the option)'),
      kind: z.enum(['quantitative', 'qualitative']).optional().describe('leaf: quantitative or qualitative indicator'),
      direction: directionSchema.optional(),
      unit: z.string().optional().describe('leaf: unit of the values'),
      scorer: z.enum(['expert', 'officer']).optional().describe('leaf: who scores it'),
      rule: z.unknown().optional().describe('leaf: a scoring rule (ranges or breakpoints) or membership thresholds'),
      weightTolerance: z.number().min(0).optional().describe('root only: tolerance of |Σ sibling weights − 1| (default 1e-6)'),
      partialWeights: z.boolean().optional().describe('root only: the source publishes only some weights; unknown global weights are null'),
    })
    .describe(
      'An indicator hierarchy (the tree format of docs/methods/hierarchy.md): a node {code, name, children?, weight?, matrix?, experts?, …}; the document is the root',
    ),
) as z.ZodType<HierarchyNode>;

/** The document: the root node (it may add `weightTolerance` and `partialWeights`). */
export const hierarchyInputSchema = hierarchyNodeSchema;

/** The options of `scf-risk hierarchy` that shape the computation, with its defaults. */
export const hierarchyOptionsSchema = z
  .object({
    ...ahpOptionsShape,
    aggregation: aggregationSchema.describe('group AHP rule for nodes with experts'),
    normalise: z.boolean().default(false).describe('rescale sibling weights that do not sum to 1 (with a warning)'),
  })
  .describe('hierarchy options (the flags of scf-risk hierarchy)');

export type HierarchyInput = z.output<typeof hierarchyInputSchema>;
export type HierarchyInputOptions = z.output<typeof hierarchyOptionsSchema>;

/**
 * A copy of `tree` (a tree as users write it) whose pairwise matrices, each node's `matrix` and
 * `experts[k].matrix`, hold numbers: fractions such as "1/3" converted, null kept for a missing
 * judgment; a bad cell is reported with its full path. Everything else is left to
 * `validateHierarchy` (the judge of trees). `treeHoldsMatrices` tells whether a tree needs it.
 */
export function parseTreeMatrices(tree: unknown, path: PathSegment[] = []): unknown {
  if (typeof tree !== 'object' || tree === null || Array.isArray(tree)) return tree;
  const node = { ...(tree as Record<string, unknown>) };
  if (Array.isArray(node.matrix)) node.matrix = parseWith(incompleteMatrixSchema, node.matrix, [...path, 'matrix']);
  if (Array.isArray(node.experts)) {
    node.experts = node.experts.map((e, k) =>
      typeof e === 'object' && e !== null && Array.isArray((e as Record<string, unknown>).matrix)
        ? { ...e, matrix: parseWith(incompleteMatrixSchema, (e as Record<string, unknown>).matrix, [...path, 'experts', k, 'matrix']) }
        : e,
    );
  }
  if (Array.isArray(node.children)) node.children = node.children.map((c, k) => parseTreeMatrices(c, [...path, 'children', k]));
  return node;
}
