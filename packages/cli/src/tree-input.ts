/**
 * Trees as users write them: pairwise matrices inside a tree may hold fractions such as "1/3"
 * (SPEC §10), converted by core's `parseTreeMatrices` (zod's matrix schema). A tree without any
 * matrix needs no conversion (`treeHoldsMatrices`), so a command that must start at once
 * (`evaluate`) loads core's main entry, and zod with it, only for a tree that holds one.
 */
import { treeHoldsMatrices } from '@scf-risk/core/portfolio';

/** The tree with its matrices' cells as numbers (`parseTreeMatrices`); a tree without matrices as it is. */
export async function treeWithNumericMatrices(tree: unknown): Promise<unknown> {
  return treeHoldsMatrices(tree) ? (await import('@scf-risk/core')).parseTreeMatrices(tree) : tree;
}
