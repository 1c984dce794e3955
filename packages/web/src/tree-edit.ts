/**
 * Editing an indicator tree (the tree format) immutably: a node is addressed by its path of child
 * indices from the root ([] = the root). Changing a node's children drops its pairwise judgments
 * (`matrix`, `experts`), which are over the old children in their order. `issuesByNode` places the
 * API's validation issues (`input.children[1].children[0].code`) on the nodes they name.
 */
import type { ProblemIssue } from './api.ts';
import type { TreeNode } from './types.ts';

export type NodePath = number[];

export function nodeAt(tree: TreeNode, path: NodePath): TreeNode {
  return path.reduce<TreeNode>((n, i) => (n.children ?? [])[i] as TreeNode, tree);
}

/** A copy of `tree` with the node at `path` replaced by `f(node)`. */
export function updateAt(tree: TreeNode, path: NodePath, f: (n: TreeNode) => TreeNode): TreeNode {
  if (path.length === 0) return f(tree);
  const [i, ...rest] = path as [number, ...number[]];
  const children = [...(tree.children ?? [])];
  children[i] = updateAt(children[i] as TreeNode, rest, f);
  return { ...tree, children };
}

/** The node with new children, its judgments over the old ones dropped; no children = a leaf. */
function withChildren(n: TreeNode, children: TreeNode[]): TreeNode {
  const { matrix: _m, experts: _e, children: _c, ...rest } = n;
  return children.length > 0 ? { ...rest, children } : rest;
}

function allCodes(n: TreeNode, out = new Set<string>()): Set<string> {
  out.add(n.code);
  for (const c of n.children ?? []) allCodes(c, out);
  return out;
}

/** A code not in the tree: the parent's code followed by the next free number. */
export function freshCode(tree: TreeNode, parentCode: string): string {
  const used = allCodes(tree);
  for (let k = 1; ; k++) if (!used.has(`${parentCode}${k}`)) return `${parentCode}${k}`;
}

/** Add `node` as the last child of the node at `path`; returns the tree and the new node's path. */
export function addChild(tree: TreeNode, path: NodePath, node: TreeNode): [TreeNode, NodePath] {
  const parent = nodeAt(tree, path);
  const n = parent.children?.length ?? 0;
  return [updateAt(tree, path, (p) => withChildren(p, [...(p.children ?? []), node])), [...path, n]];
}

/** Remove the node at `path` (not the root). */
export function removeAt(tree: TreeNode, path: NodePath): TreeNode {
  const parentPath = path.slice(0, -1);
  const i = path[path.length - 1] as number;
  return updateAt(tree, parentPath, (p) =>
    withChildren(
      p,
      (p.children ?? []).filter((_, k) => k !== i),
    ),
  );
}

/** Move the node at `path` one place up (−1) or down (+1) among its siblings; returns its new path. */
export function moveAt(tree: TreeNode, path: NodePath, delta: -1 | 1): [TreeNode, NodePath] {
  const parentPath = path.slice(0, -1);
  const i = path[path.length - 1] as number;
  const siblings = nodeAt(tree, parentPath).children ?? [];
  const j = i + delta;
  if (path.length === 0 || j < 0 || j >= siblings.length) return [tree, path];
  const next = [...siblings];
  [next[i], next[j]] = [next[j] as TreeNode, next[i] as TreeNode];
  return [updateAt(tree, parentPath, (p) => withChildren(p, next)), [...parentPath, j]];
}

/** Make the node at `path` the last child of its previous sibling; returns its new path. */
export function indentAt(tree: TreeNode, path: NodePath): [TreeNode, NodePath] {
  const i = path[path.length - 1];
  if (path.length === 0 || i === undefined || i === 0) return [tree, path];
  const node = nodeAt(tree, path);
  const prevPath = [...path.slice(0, -1), i - 1];
  const without = removeAt(tree, path);
  return addChild(without, prevPath, node);
}

/** Move the node at `path` out of its parent, right after it; returns its new path. */
export function outdentAt(tree: TreeNode, path: NodePath): [TreeNode, NodePath] {
  if (path.length < 2) return [tree, path];
  const node = nodeAt(tree, path);
  const parentPath = path.slice(0, -1);
  const grandPath = path.slice(0, -2);
  const parentIndex = parentPath[parentPath.length - 1] as number;
  const without = removeAt(tree, path);
  const next = updateAt(without, grandPath, (g) => {
    const children = [...(g.children ?? [])];
    children.splice(parentIndex + 1, 0, node);
    return withChildren(g, children);
  });
  return [next, [...grandPath, parentIndex + 1]];
}

export function pathKey(path: NodePath): string {
  return path.join('.');
}

/** The issues of a validation answer by node (key of its path); `prefix` is the document's field. */
export function issuesByNode(issues: ProblemIssue[], prefix = 'input'): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const issue of issues) {
    const p = issue.path.startsWith(prefix) ? issue.path.slice(prefix.length) : issue.path;
    const path = [...p.matchAll(/children\[(\d+)\]/g)].map((m) => Number(m[1]));
    const key = pathKey(path);
    out.set(key, [...(out.get(key) ?? []), issue.allowed ? `${issue.message} — ${issue.allowed}` : issue.message]);
  }
  return out;
}

/** Number of leaves (indicators). */
export function leafCount(n: TreeNode): number {
  return n.children?.length ? n.children.reduce((s, c) => s + leafCount(c), 0) : 1;
}
