/**
 * A study's analyses beside the AHP weights (sections `consensus`, `scales`, `uncertainty`):
 * Goepel's group consensus at every node weighted by a panel, the judgments read on other scales
 * and the spread of the indicators' global weights under perturbed judgments. They run the tree
 * functions (`hierarchyConsensus`, `hierarchyScales`, `hierarchyUncertainty`) on the study's
 * weighted tree — the nodes the `weighting` section weights by `ahp` or `group-ahp` (and the
 * tree's own matrices and panels); nodes weighted otherwise keep their weights.
 */
import { type Issue, ValidationError } from '../errors.ts';
import { type HierarchyNode, walkHierarchy } from '../hierarchy/tree.ts';
import { type HierarchyConsensusResult, hierarchyConsensus } from '../weighting/ahp-consensus.ts';
import { type HierarchyScalesResult, hierarchyScales, JUDGMENT_SCALES } from '../weighting/ahp-scales.ts';
import { type AhpUncertaintyResult, hierarchyUncertainty } from '../weighting/ahp-uncertainty.ts';
import { under } from './check-steps.ts';
import type { Study } from './schema.ts';

export interface StudyAhpAnalysis {
  consensus?: HierarchyConsensusResult;
  scales?: HierarchyScalesResult;
  uncertainty?: AhpUncertaintyResult;
  /** What the analyses found worth saying (low consensus, scale-dependent ranking, unstable ranking), each prefixed by its section. */
  warnings: string[];
}

/** Whether the study asks for any of the three analyses. */
export function wantsAhpAnalysis(study: Study): boolean {
  return Boolean(study.consensus) || study.scales !== undefined || study.uncertainty !== undefined;
}

function synthesisOptions(study: Study) {
  return {
    method: study.ahp?.method,
    ri: study.ahp?.ri,
    lambda: study.ahp?.lambda,
    aggregation: study.ahp?.aggregation,
    normalise: study.normalise,
  };
}

/**
 * What the analyses need of the weighted tree: a node judged by a panel of two or more experts
 * (consensus), a node judged by a matrix or a panel (scales, uncertainty). Issues name the section.
 */
export function checkAhpAnalysis(study: Study, tree: HierarchyNode): Issue[] {
  let judged = 0;
  let panels = 0;
  walkHierarchy(tree, (n) => {
    if (n.matrix) judged++;
    if (n.experts) {
      judged++;
      if (n.experts.length >= 2) panels++;
    }
  });
  const issues: Issue[] = [];
  const allowed = 'a node weighted by `method: ahp` or `method: group-ahp` in the weighting section (or a matrix or experts in the tree)';
  if (study.consensus && panels === 0)
    issues.push({
      path: ['consensus'],
      message: 'no node is weighted by a panel of two or more experts, so there is no consensus to measure',
      allowed: 'a node weighted by `method: group-ahp` with at least 2 experts',
    });
  for (const key of ['scales', 'uncertainty'] as const)
    if (study[key] !== undefined && judged === 0)
      issues.push({ path: [key], message: 'no node is weighted by pairwise judgments (AHP or group AHP)', allowed });
  return issues;
}

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

/** Run the analyses the study asks for on its weighted tree (errors name the section). */
export function studyAhpAnalysis(study: Study, tree: HierarchyNode, onStep?: (name: string) => void): StudyAhpAnalysis {
  const issues = checkAhpAnalysis(study, tree);
  if (issues.length > 0) throw new ValidationError(issues);
  const base = synthesisOptions(study);
  const out: StudyAhpAnalysis = { warnings: [] };
  if (study.consensus) {
    const scaleMax = typeof study.consensus === 'object' ? study.consensus.scaleMax : undefined;
    const c = under(['consensus'], () => hierarchyConsensus(tree, { ...base, ...(scaleMax !== undefined ? { scaleMax } : {}) }));
    out.consensus = c;
    for (const n of c.nodes)
      if (n.band !== 'high')
        out.warnings.push(
          `consensus: ${n.code}: S* = ${pct(n.consensus)} is ${n.band}` +
            (n.dissenters.length > 0 ? `; removing ${n.dissenters.join(', ')} raises it most` : ''),
        );
    onStep?.('consensus');
  }
  if (study.scales !== undefined) {
    const scales = study.scales === 'all' ? [...JUDGMENT_SCALES] : study.scales;
    const s = under(['scales'], () => hierarchyScales(tree, { ...base, scales }));
    out.scales = s;
    if (s.rankingChanges) out.warnings.push(`scales: the indicators' ranking changes on ${s.scalesChangingRanking.join(', ')}`);
    onStep?.('scales');
  }
  if (study.uncertainty !== undefined) {
    const u = study.uncertainty;
    const r = under(['uncertainty'], () =>
      hierarchyUncertainty(tree, {
        ...base,
        draws: u.draws,
        seed: u.seed,
        rule: u.perturbation,
        step: u.step,
        factor: u.factor,
      }),
    );
    out.uncertainty = r;
    if (r.sameRanking < 0.5)
      out.warnings.push(`uncertainty: the indicators' nominal ranking holds in only ${pct(r.sameRanking)} of ${r.draws} draws`);
    if (r.inconsistentDraws > 0.5)
      out.warnings.push(`uncertainty: ${pct(r.inconsistentDraws)} of the draws have a judgment with CR ≥ 0.10`);
    onStep?.('uncertainty');
  }
  return out;
}
