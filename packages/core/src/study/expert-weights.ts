/**
 * Resampling experts for the Monte-Carlo weight uncertainty of a study (SPEC §4.5): expert k's
 * global leaf weights are the products down the tree of the panel's local weights, except at
 * every group-AHP node, where expert k's own priority vector w^(k) replaces the group's. A draw
 * then picks one expert's vector. Every group-AHP node must be judged by the same experts.
 */
import { type Issue, ValidationError } from '../errors.ts';
import type { SynthesisNode } from '../hierarchy/synthesis.ts';
import type { GroupAhpResult } from '../weighting/group-ahp.ts';
import type { NodeWeighting } from './node-weighting.ts';

export interface ExpertGlobalWeights {
  ids: string[];
  /** weights[k][l]: expert k's global weight of leaf l (in `leafCodes` order). */
  weights: number[][];
}

export function expertGlobalWeights(
  nodes: readonly SynthesisNode[],
  weighting: Readonly<Record<string, NodeWeighting>>,
  leafCodes: readonly string[],
): ExpertGlobalWeights {
  const path = ['monteCarlo', 'sampling'];
  const groups = Object.entries(weighting).filter(([, w]) => w.method === 'group-ahp') as [
    string,
    NodeWeighting & { details: GroupAhpResult },
  ][];
  if (groups.length === 0)
    throw new ValidationError([
      {
        path,
        message: 'resampling experts needs a node weighted by a panel',
        allowed: 'a weighting with method: group-ahp, or sampling: dirichlet',
      },
    ]);
  const ids = groups[0][1].details.experts.map((e) => e.id);
  const issues: Issue[] = [];
  for (const [code, w] of groups) {
    const own = w.details.experts.map((e) => e.id);
    if (own.length !== ids.length || own.some((id) => !ids.includes(id)))
      issues.push({
        path,
        message: `${code} is judged by ${own.join(', ')} but ${groups[0][0]} by ${ids.join(', ')}; every panel must have the same experts`,
      });
  }
  if (issues.length > 0) throw new ValidationError(issues);
  const byCode = new Map(nodes.map((n) => [n.code, n]));
  const childIndex = new Map<string, number>();
  const seen = new Map<string, number>();
  for (const n of nodes)
    if (n.parent !== undefined) {
      const k = seen.get(n.parent) ?? 0;
      childIndex.set(n.code, k);
      seen.set(n.parent, k + 1);
    }
  const weights = ids.map((id) =>
    leafCodes.map((leaf) => {
      let g = 1;
      for (let n = byCode.get(leaf); n?.parent !== undefined; n = byCode.get(n.parent)) {
        const panel = weighting[n.parent];
        const expert = panel?.method === 'group-ahp' ? (panel.details as GroupAhpResult).experts.find((e) => e.id === id) : undefined;
        g *= expert ? expert.weights[childIndex.get(n.code) ?? 0] : (n.localWeight ?? 0);
      }
      return g;
    }),
  );
  return { ids, weights };
}
