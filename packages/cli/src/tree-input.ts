/**
 * Trees as users write them: pairwise matrices inside a tree may hold fractions such as "1/3"
 * (SPEC §10). Convert every node's `matrix` and `experts[k].matrix` to numbers (null = missing)
 * before core validates the tree; a bad cell is reported with its full path.
 */
import type { PathSegment } from '@scf-risk/core';
import { incompleteMatrixSchema, parseWith } from './schemas.ts';

/** A copy of `tree` with numeric matrices. Leaves everything else to core's validation. */
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
