/**
 * Running a study (SPEC §7): Delphi rounds (optionally pruning the deleted indicators) →
 * each node's weighting → hierarchical synthesis (local and global weights, CR per judgment
 * and per level) → the evaluations of the alternatives → one-at-a-time sensitivity and
 * Monte-Carlo rank probabilities → the checks against the printed numbers in `expect`.
 * Every error names its path in the study (`weighting.A5.subjective.matrix[1][2]`).
 */
import { ValidationError } from '../errors.ts';
import type { FuzzyResult } from '../evaluation/fuzzy.ts';
import type { GreyFactorResult } from '../evaluation/grey.ts';
import { type MonteCarloResult, monteCarloRanks } from '../evaluation/monte-carlo.ts';
import type { PortfolioRow } from '../evaluation/portfolio.ts';
import { oneAtATimeSensitivity, type WeightSensitivity } from '../evaluation/sensitivity.ts';
import type { SynthesisResult } from '../hierarchy/synthesis.ts';
import { type HierarchyNode, hierarchyLeaves } from '../hierarchy/tree.ts';
import { validateHierarchy } from '../hierarchy/validate.ts';
import type { HierarchyConsensusResult } from '../weighting/ahp-consensus.ts';
import type { HierarchyScalesResult } from '../weighting/ahp-scales.ts';
import type { AhpUncertaintyResult } from '../weighting/ahp-uncertainty.ts';
import type { DelphiRoundResult } from '../weighting/delphi.ts';
import { studyAhpAnalysis } from './ahp-analysis.ts';
import { checkStudy } from './check.ts';
import { evaluate, prune, runDelphi, sensitivityScores, synthesise, under, weightNode } from './check-steps.ts';
import { expertGlobalWeights } from './expert-weights.ts';
import type { NodeWeighting } from './node-weighting.ts';
import { placeholderMessage, studyPlaceholders } from './placeholders.ts';
import type { EvaluationSpec, Study } from './schema.ts';

export { type CheckedStudy, checkStudy, checkStudyFully, validateStudy } from './check.ts';
export { parseStudy, studyPortfolioInput } from './check-steps.ts';

export interface StudyEvaluation {
  method: EvaluationSpec['method'];
  /** Alternatives' results (all methods but gra-factors). */
  rows?: (PortfolioRow & { name?: string })[];
  /** fce: per alternative, the full multi-level result (B at every node). */
  fuzzy?: { id: string; result: FuzzyResult }[];
  /** gra-factors: the factors ranked and grouped into levels. */
  factors?: GreyFactorResult;
  grades?: string[];
  /** What the method warned about (raw leaf values mapped by the data's range, identical rows, …). */
  warnings?: string[];
}

export interface StudyCheck {
  what: 'globalWeight' | 'localWeight' | 'ranking' | 'level';
  code: string;
  printed: number | string;
  computed: number | string | null;
  match: boolean;
}

export interface StudyResult {
  title: Study['title'];
  source?: string;
  delphi?: { rounds: (DelphiRoundResult & { name: string })[]; pruned: string[] };
  weighting: Record<string, NodeWeighting>;
  hierarchy: SynthesisResult;
  evaluations: StudyEvaluation[];
  /** Over the leaves' min-max normalised scores (weighted sum). */
  sensitivity?: (WeightSensitivity & { code: string })[];
  /** `consensus`: Goepel's S* at every node weighted by a panel, and overall. */
  consensus?: HierarchyConsensusResult;
  /** `scales`: the indicators' global weights and the node CRs on each judgment scale. */
  scales?: HierarchyScalesResult;
  /** `uncertainty`: the spread of the indicators' global weights under perturbed judgments. */
  uncertainty?: AhpUncertaintyResult;
  /** `experts`: the panel whose weight vectors were resampled (sampling: experts). */
  monteCarlo?: MonteCarloResult & { ids: string[]; experts?: string[] };
  checks: StudyCheck[];
  /** True when every check matches (or there are none). */
  reproduced: boolean;
  warnings: string[];
}

function roundTo(x: number, digits: number): number {
  return Number(x.toFixed(digits));
}

function checks(study: Study, synthesis: SynthesisResult, evaluations: StudyEvaluation[]): StudyCheck[] {
  const e = study.expect;
  if (!e) return [];
  const digits = e.digits ?? 3;
  const out: StudyCheck[] = [];
  const byCode = new Map(synthesis.nodes.map((n) => [n.code, n]));
  const weightCheck = (what: 'globalWeight' | 'localWeight', table: Record<string, number> | undefined) => {
    for (const [code, printed] of Object.entries(table ?? {})) {
      const n = byCode.get(code);
      const computed = n ? (what === 'globalWeight' ? n.globalWeight : n.localWeight) : null;
      out.push({ what, code, printed, computed, match: computed !== null && roundTo(computed, digits) === roundTo(printed, digits) });
    }
  };
  weightCheck('globalWeight', e.globalWeights);
  weightCheck('localWeight', e.localWeights);
  if (e.ranking) {
    const ranked = evaluations.find((ev) => ev.rows);
    const order = ranked?.rows ? [...ranked.rows].sort((a, b) => a.rank - b.rank).map((r) => r.id) : [];
    e.ranking.forEach((id, k) => {
      out.push({
        what: 'ranking',
        code: id,
        printed: k + 1,
        computed: order.indexOf(id) >= 0 ? order.indexOf(id) + 1 : null,
        match: order[k] === id,
      });
    });
  }
  if (e.levels) {
    const factors = evaluations.find((ev) => ev.factors)?.factors?.factors ?? [];
    for (const [code, printed] of Object.entries(e.levels)) {
      const f = factors.find((x) => x.name === code);
      out.push({ what: 'level', code, printed, computed: f ? f.level : null, match: f?.level === printed });
    }
  }
  return out;
}

export interface RunStudyOptions {
  /** Called after each step (Delphi, each node's weighting, synthesis, each evaluation, …). */
  onStep?(done: number, total: number, step: string): void;
}

/** Run a study end to end. */
export function runStudy(data: unknown, options: RunStudyOptions = {}): StudyResult {
  const study = checkStudy(data);
  const total =
    (study.delphi ? 1 : 0) +
    Object.keys(study.weighting ?? {}).length +
    1 +
    (study.evaluation ?? []).length +
    (study.sensitivity ? 1 : 0) +
    (study.monteCarlo ? 1 : 0) +
    (study.consensus ? 1 : 0) +
    (study.scales !== undefined ? 1 : 0) +
    (study.uncertainty !== undefined ? 1 : 0);
  let done = 0;
  const step = (name: string) => options.onStep?.(++done, total, name);
  const tree = structuredClone(study.hierarchy) as unknown as HierarchyNode;
  const warnings: string[] = studyPlaceholders(study).map(placeholderMessage);
  let delphi: StudyResult['delphi'];
  if (study.delphi) {
    delphi = runDelphi(study, tree);
    if (delphi.pruned.length > 0) {
      prune(tree, delphi.pruned);
      warnings.push(`Delphi deleted ${delphi.pruned.length} indicator(s): ${delphi.pruned.join(', ')}`);
    }
    step('Delphi');
  }
  const weighting: Record<string, NodeWeighting> = {};
  for (const [code, spec] of Object.entries(study.weighting ?? {})) {
    const r = weightNode(study, tree, code, spec);
    weighting[code] = r;
    step(`weighting ${code}`);
    for (const w of r.warnings) warnings.push(`${code}: ${w}`);
  }
  const hierarchy = synthesise(study, tree);
  warnings.push(...hierarchy.warnings);
  step('synthesis');
  const analysis = studyAhpAnalysis(study, tree, step);
  warnings.push(...analysis.warnings);
  const { root } = validateHierarchy(tree, { normalise: study.normalise });
  const evaluations = (study.evaluation ?? []).map((spec, k) => {
    const e = evaluate(study, spec, k, root, hierarchy);
    for (const w of e.warnings ?? []) warnings.push(`evaluation ${spec.method}: ${w}`);
    step(`evaluation ${spec.method}`);
    return e;
  });
  const result: StudyResult = {
    title: study.title,
    ...(study.source ? { source: study.source } : {}),
    ...(delphi ? { delphi } : {}),
    weighting,
    hierarchy,
    ...(analysis.consensus ? { consensus: analysis.consensus } : {}),
    ...(analysis.scales ? { scales: analysis.scales } : {}),
    ...(analysis.uncertainty ? { uncertainty: analysis.uncertainty } : {}),
    evaluations,
    checks: [],
    reproduced: true,
    warnings,
  };
  if (study.sensitivity || study.monteCarlo) {
    const leaves = hierarchyLeaves(root);
    const weights = leaves.map((l) => hierarchy.leaves.find((x) => x.code === l.code)?.globalWeight ?? null);
    if (weights.some((w) => w === null))
      throw new ValidationError([
        { path: [study.sensitivity ? 'sensitivity' : 'monteCarlo'], message: 'needs every indicator’s global weight' },
      ]);
    const z = sensitivityScores(study, leaves);
    const w = weights as number[];
    if (study.sensitivity)
      result.sensitivity = under(['sensitivity'], () => oneAtATimeSensitivity(w, z)).map((s) => ({ ...s, code: leaves[s.index].code }));
    if (study.sensitivity) step('sensitivity');
    if (study.monteCarlo) {
      const mc = study.monteCarlo;
      const experts =
        mc.sampling === 'experts'
          ? expertGlobalWeights(
              hierarchy.nodes,
              weighting,
              leaves.map((l) => l.code),
            )
          : undefined;
      result.monteCarlo = {
        ...under(['monteCarlo'], () =>
          monteCarloRanks(w, z, {
            draws: mc.draws ?? 1000,
            seed: mc.seed,
            concentration: mc.concentration,
            ...(experts ? { expertWeights: experts.weights } : {}),
            onProgress: (d, n) => options.onStep?.(done, total, `Monte Carlo ${d}/${n} draws`),
          }),
        ),
        ids: (study.alternatives ?? []).map((a) => a.id),
        ...(experts ? { experts: experts.ids } : {}),
      };
      step('Monte Carlo');
    }
  }
  result.checks = checks(study, hierarchy, evaluations);
  result.reproduced = result.checks.every((c) => c.match);
  return result;
}
