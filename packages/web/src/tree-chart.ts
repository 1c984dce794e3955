/**
 * A credit tree (the model file of `tree-training`, or a stored credit-tree version's content) as
 * the report's hierarchy chart draws it: inner nodes name their attribute, leaves their class,
 * each with its loan count; an edge names its condition (`≤ 30`, `= A`, `∈ {A, B}`).
 */
import type { TreeChartNode } from '@scf-risk/report';
import type { CreditTreeNode, TreeCondition } from './types.ts';

function conditionText(c: TreeCondition): string {
  if (c.op === '=') return `= ${c.value}`;
  if (c.op === 'in') return `∈ {${c.values.join(', ')}}`;
  return `${c.op} ${c.threshold}`;
}

/** The tree from `n` down, `edge` the condition that leads to it ('' at the root). */
export function chartNode(n: CreditTreeNode, edge: string): TreeChartNode {
  const head = `${edge}${n.attribute ?? n.class} (n = ${Math.round(n.n)})`;
  return n.children?.length
    ? { name: head, children: n.children.map((c) => chartNode(c.node, `${conditionText(c.condition)} → `)) }
    : { name: head };
}
