/**
 * Readable rules from a credit tree (SPEC §5.2): one rule per leaf,
 * "IF core grade = AAA AND … THEN low risk (n = 412, 96%)".
 */
import type { DecisionTree, TreeCondition, TreeNode } from './tree.ts';

/** One leaf as a rule. */
export interface TreeRule {
  leafId: number;
  conditions: { attribute: string; condition: TreeCondition }[];
  class: string;
  /** Training rows (weight) in the leaf. */
  n: number;
  /** Share of the leaf's rows in its class. */
  confidence: number;
  /** The rule as text. */
  text: string;
}

/** Render a number for a rule: up to 4 significant decimals, no trailing zeros. */
function num(x: number): string {
  return Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(6)));
}

/** "attribute = v", "attribute ≤ 3.5", "attribute in {a, b}". */
export function formatTreeCondition(attribute: string, c: TreeCondition): string {
  switch (c.op) {
    case '=':
      return `${attribute} = ${c.value}`;
    case 'in':
      return c.values.length === 1 ? `${attribute} = ${c.values[0]}` : `${attribute} in {${c.values.join(', ')}}`;
    case '<=':
      return `${attribute} <= ${num(c.threshold)}`;
    case '>':
      return `${attribute} > ${num(c.threshold)}`;
  }
}

/**
 * Every root-to-leaf path as a rule: IF c₁ AND … THEN class (n = leaf weight, share of the class
 * among the leaf's rows). Leaves are listed left to right.
 */
export function treeRules(tree: DecisionTree): TreeRule[] {
  const out: TreeRule[] = [];
  const walk = (node: TreeNode, conds: TreeRule['conditions']) => {
    if (!node.children || !node.attribute) {
      const k = tree.classes.indexOf(node.class);
      const confidence = node.probabilities[k] ?? 0;
      const n = Math.round(node.n * 100) / 100;
      const head = conds.length > 0 ? `IF ${conds.map((c) => formatTreeCondition(c.attribute, c.condition)).join(' AND ')}` : 'ALWAYS';
      out.push({
        leafId: node.id,
        conditions: conds,
        class: node.class,
        n: node.n,
        confidence,
        text: `${head} THEN ${node.class} (n = ${num(n)}, ${Math.round(confidence * 100)}%)`,
      });
      return;
    }
    for (const b of node.children) walk(b.node, [...conds, { attribute: node.attribute, condition: b.condition }]);
  };
  walk(tree.root, []);
  return out;
}

/** An indented text drawing of the tree (one line per branch), e.g. for `--format table`. */
export function printTree(tree: DecisionTree): string {
  const lines: string[] = [];
  const walk = (node: TreeNode, indent: string) => {
    if (!node.children || !node.attribute) return;
    for (const b of node.children) {
      const head = `${indent}${formatTreeCondition(node.attribute, b.condition)}`;
      if (!b.node.children) lines.push(`${head}: ${b.node.class} (${num(Math.round(b.node.n * 100) / 100)})`);
      else {
        lines.push(head);
        walk(b.node, `${indent}|   `);
      }
    }
  };
  if (!tree.root.children) lines.push(`${tree.root.class} (${num(tree.root.n)})`);
  walk(tree.root, '');
  return lines.join('\n');
}
