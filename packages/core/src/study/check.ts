/**
 * The one checking pass of a study (SPEC §7), shared by `scf-risk validate` and `runStudy`:
 * `validate` accepts exactly the studies `run` accepts. It checks the schema, the hierarchy,
 * every code the study refers to, the leaves' scoring rules and the `expect` section, and
 * dry-runs the steps whose checks live in the methods (Delphi, each node's weighting, the
 * synthesis, the evaluations) — everything `run` does except the sensitivity analysis, the
 * Monte-Carlo draws, the consensus / scales / uncertainty analyses (only that the tree has the
 * judgments they need) and the comparison with the printed numbers. Every issue found is reported
 * at once; a step that depends on a failed one is not tried.
 */
import { type Issue, type PathSegment, ValidationError } from '../errors.ts';
import { thresholdsOf } from '../evaluation/portfolio.ts';
import { checkScoringRule, type ScoringRule } from '../evaluation/scoring-rule.ts';
import type { SynthesisResult } from '../hierarchy/synthesis.ts';
import { type HierarchyNode, hierarchyLeaves } from '../hierarchy/tree.ts';
import { validateHierarchy } from '../hierarchy/validate.ts';
import { checkAhpAnalysis } from './ahp-analysis.ts';
import {
  checkReferences,
  evaluate,
  parseStudy,
  prune,
  runDelphi,
  sensitivityScores,
  synthesise,
  under,
  weightNode,
} from './check-steps.ts';
import { expertGlobalWeights } from './expert-weights.ts';
import type { NodeWeighting } from './node-weighting.ts';
import type { StudyEvaluation } from './run.ts';
import type { Study } from './schema.ts';

/** Run `f`; its ValidationError's issues go to `issues` (and `undefined` is returned). */
function collect<T>(issues: Issue[], f: () => T): T | undefined {
  try {
    return f();
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    issues.push(...e.issues);
    return undefined;
  }
}

function throwIfAny(issues: Issue[]): void {
  if (issues.length > 0) throw new ValidationError(issues);
}

/** Each leaf's scoring rule (ranges or linear breakpoints), with the leaf's path in the study. */
function checkRules(hierarchy: unknown, issues: Issue[]): void {
  const visit = (node: unknown, path: PathSegment[]) => {
    if (!node || typeof node !== 'object') return;
    const n = node as { children?: unknown; rule?: unknown };
    if (Array.isArray(n.children)) n.children.forEach((c, k) => visit(c, [...path, 'children', k]));
    else if (n.rule && typeof n.rule === 'object' && !thresholdsOf(n.rule))
      collect(issues, () => under([...path, 'rule'], () => checkScoringRule(n.rule as ScoringRule)));
  };
  visit(hierarchy, ['hierarchy']);
}

/** `expect` names only weights the study computes, alternatives it ranks and factors it levels. */
function checkExpect(study: Study, synthesis: SynthesisResult, issues: Issue[]): void {
  const e = study.expect;
  if (!e) return;
  const weighted = new Map(synthesis.nodes.map((n) => [n.code, n]));
  for (const what of ['globalWeights', 'localWeights'] as const)
    for (const code of Object.keys(e[what] ?? {})) {
      const n = weighted.get(code);
      const w = n ? (what === 'globalWeights' ? n.globalWeight : n.localWeight) : undefined;
      if (w === undefined || w === null || !Number.isFinite(w))
        issues.push({
          path: ['expect', what, code],
          message: n
            ? `${code} gets no ${what === 'globalWeights' ? 'global' : 'local'} weight in this study`
            : `${code} is not a node of the hierarchy`,
          allowed: 'the codes of weighted nodes',
        });
    }
  if (e.ranking) {
    const ranks = (study.evaluation ?? []).some((ev) => ev.method !== 'gra-factors');
    const ids = new Set((study.alternatives ?? []).map((a) => a.id));
    if (!ranks)
      issues.push({
        path: ['expect', 'ranking'],
        message: 'the study ranks no alternatives',
        allowed: 'an evaluation: fce, scorecard, topsis or gra',
      });
    else
      e.ranking.forEach((id, k) => {
        if (!ids.has(id))
          issues.push({ path: ['expect', 'ranking', k], message: `"${id}" is not an alternative's id`, allowed: [...ids].join(', ') });
      });
  }
  if (e.levels) {
    const codes = new Set((study.evaluation ?? []).flatMap((ev) => (ev.method === 'gra-factors' ? Object.keys(ev.series) : [])));
    for (const code of Object.keys(e.levels))
      if (!codes.has(code))
        issues.push({
          path: ['expect', 'levels', code],
          message:
            codes.size === 0
              ? 'the study levels no factors (no gra-factors evaluation)'
              : `${code} is not a factor of the gra-factors evaluation`,
          ...(codes.size > 0 ? { allowed: [...codes].join(', ') } : {}),
        });
  }
}

/** What the checking pass prepared: the parsed study and the weighted, pruned tree it checked. */
export interface CheckedStudy {
  study: Study;
  /** The tree after Delphi pruning, with every node's weighting applied. */
  tree: HierarchyNode;
  weighting: Record<string, NodeWeighting>;
  synthesis: SynthesisResult;
  evaluations: StudyEvaluation[];
}

/**
 * Check a study without computing its results; throws a ValidationError listing every issue
 * found, each with its path in the study. `runStudy` calls this before computing, and
 * `scf-risk validate` is this call: a study passes it exactly when `run` accepts it.
 */
export function checkStudyFully(data: unknown): CheckedStudy {
  const study = parseStudy(data);
  const issues: Issue[] = [];
  // 1. the tree, the codes the study names, the scoring rules
  const valid = collect(issues, () => under(['hierarchy'], () => validateHierarchy(study.hierarchy, { normalise: study.normalise })));
  throwIfAny(issues);
  collect(issues, () => checkReferences(study, (valid as { root: HierarchyNode }).root));
  checkRules(study.hierarchy, issues);
  throwIfAny(issues);
  // 2. Delphi, each node's weighting, the synthesis (cheap: small matrices)
  const tree = structuredClone(study.hierarchy) as unknown as HierarchyNode;
  if (study.delphi) {
    const d = collect(issues, () => runDelphi(study, tree));
    if (d && d.pruned.length > 0) collect(issues, () => prune(tree, d.pruned));
    throwIfAny(issues);
  }
  const weighting: Record<string, NodeWeighting> = {};
  for (const [code, spec] of Object.entries(study.weighting ?? {})) {
    const r = collect(issues, () => weightNode(study, tree, code, spec));
    if (r) weighting[code] = r;
  }
  throwIfAny(issues);
  const synthesis = collect(issues, () => synthesise(study, tree)) as SynthesisResult;
  throwIfAny(issues);
  checkExpect(study, synthesis, issues);
  issues.push(...checkAhpAnalysis(study, tree));
  // 3. the evaluations and what sensitivity and Monte Carlo need
  const { root } = validateHierarchy(tree, { normalise: study.normalise });
  const evaluations: StudyEvaluation[] = [];
  (study.evaluation ?? []).forEach((spec, k) => {
    const e = collect(issues, () => evaluate(study, spec, k, root, synthesis));
    if (e) evaluations.push(e);
  });
  if (study.sensitivity || study.monteCarlo) {
    const at = study.sensitivity ? 'sensitivity' : 'monteCarlo';
    const leaves = hierarchyLeaves(root);
    const missing = leaves.filter((l) => {
      const w = synthesis.leaves.find((x) => x.code === l.code)?.globalWeight;
      return w === null || w === undefined;
    });
    if (missing.length > 0)
      issues.push({ path: [at], message: `needs every indicator’s global weight; none for ${missing.map((l) => l.code).join(', ')}` });
    else {
      const z = collect(issues, () => sensitivityScores(study, leaves));
      if (z && study.sensitivity && z.length < 2)
        issues.push({ path: ['sensitivity'], message: 'sensitivity needs at least 2 alternatives' });
      if (z && study.monteCarlo?.sampling === 'experts')
        collect(issues, () =>
          expertGlobalWeights(
            synthesis.nodes,
            weighting,
            leaves.map((l) => l.code),
          ),
        );
    }
  }
  throwIfAny(issues);
  return { study, tree, weighting, synthesis, evaluations };
}

/**
 * Check a study (see {@link checkStudyFully}) and return the parsed study: what `scf-risk validate`
 * runs and what `runStudy` runs first.
 */
export function checkStudy(data: unknown): Study {
  return checkStudyFully(data).study;
}

/** The same as {@link checkStudy} (the name `validate` has always used). */
export const validateStudy = checkStudy;
