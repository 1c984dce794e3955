/**
 * Trees as users write them: pairwise matrices inside a tree may hold fractions such as "1/3"
 * (SPEC §10), converted by core's `parseTreeMatrices` (zod's matrix schema). A tree without any
 * matrix needs no conversion, so a command that must start at once (`evaluate`) loads core's main
 * entry, and zod with it, only for a tree that holds one.
 */

/** The tree with its matrices' cells as numbers (`parseTreeMatrices`); a tree without matrices as it is. */
export async function treeWithNumericMatrices(tree: unknown): Promise<unknown> {
  return holdsMatrix(tree) ? (await import('@scf-risk/core')).parseTreeMatrices(tree) : tree;
}

/** Whether some node of the tree has a `matrix` or `experts` (whose matrices need converting). */
function holdsMatrix(tree: unknown): boolean {
  const stack = [tree];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== 'object' || node === null || Array.isArray(node)) continue;
    const n = node as Record<string, unknown>;
    if (n.matrix !== undefined || n.experts !== undefined) return true;
    if (Array.isArray(n.children)) for (const c of n.children) stack.push(c);
  }
  return false;
}
