/**
 * The steps of a study run (SPEC §7), shared by the checking pass (`checkStudy`, which `validate`
 * and `run` both go through) and by `runStudy`: parsing, Delphi and pruning, one node's
 * weighting, the alternatives' scores, the evaluations. Every error names its path in the study.
 */
import { type Issue, ValidationError } from '../errors.ts';
import { DEFAULT_GRADES, type FuzzyOperator, type Grade, membershipFromThresholds, membershipFromVotes } from '../evaluation/fuzzy.ts';
import { type GreyNormalisation, greyFactors } from '../evaluation/grey.ts';
import { evaluateHierarchyPortfolio, type HierarchyPortfolioInput, thresholdsOf } from '../evaluation/portfolio.ts';
import { applyScoringRule, type ScoringRule } from '../evaluation/scoring-rule.ts';
import type { TopsisNormalisation } from '../evaluation/topsis.ts';
import { type SynthesisResult, synthesiseHierarchy } from '../hierarchy/synthesis.ts';
import { type Direction, type HierarchyNode, hierarchyLeaves, isLeaf, walkHierarchy } from '../hierarchy/tree.ts';
import { parseWith } from '../input-schema.ts';
import { labelText } from '../label.ts';
import { delphiRound } from '../weighting/delphi.ts';
import { type NodeWeighting, nodeWeighting } from './node-weighting.ts';
import type { StudyEvaluation, StudyResult } from './run.ts';
import { type EvaluationSpec, type Study, studySchema, type WeightingSpec } from './schema.ts';

/** Parse a study (already with its template and files resolved); throws ValidationError with paths. */
export function parseStudy(data: unknown): Study {
  return parseWith(studySchema, data);
}

/** Run `f`, putting `prefix` before its issues' paths (paths into `alternatives` are already absolute). */
export function under<T>(prefix: (string | number)[], f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    throw new ValidationError(e.issues.map((i) => (i.path[0] === 'alternatives' ? i : { ...i, path: [...prefix, ...i.path] })));
  }
}

export function findNode(root: HierarchyNode, code: string): HierarchyNode | undefined {
  let found: HierarchyNode | undefined;
  walkHierarchy(root, (n) => {
    if (n.code === code) found ??= n;
  });
  return found;
}

/** Delphi rounds over `indicators` (default the leaves); the last round's deletions. */
export function runDelphi(study: Study, root: HierarchyNode): NonNullable<StudyResult['delphi']> {
  const d = study.delphi as NonNullable<Study['delphi']>;
  const leaves = hierarchyLeaves(root);
  const indicators = d.indicators ?? leaves.map((l) => l.code);
  const known = new Set<string>();
  walkHierarchy(root, (n) => known.add(n.code));
  const issues: Issue[] = [];
  indicators.forEach((c, k) => {
    if (!known.has(c)) issues.push({ path: ['delphi', 'indicators', k], message: `${c} is not a node of the hierarchy` });
  });
  d.rounds.forEach((r, k) => {
    r.scores.forEach((row, e) => {
      if (row.length !== indicators.length)
        issues.push({
          path: ['delphi', 'rounds', k, 'scores', e],
          message: `${row.length} scores for ${indicators.length} indicators`,
          allowed: indicators.join(', '),
        });
    });
  });
  if (issues.length > 0) throw new ValidationError(issues);
  const labels = indicators.map((c) => findNode(root, c)?.name ?? c);
  const rounds = d.rounds.map((r, k) => ({
    name: r.name ?? `round ${k + 1}`,
    ...under(['delphi', 'rounds', k, 'scores'], () =>
      delphiRound(r.scores, { scale: d.scale, fullScore: d.fullScore, sd: d.sd, indicators, labels }),
    ),
  }));
  const last = rounds[rounds.length - 1];
  (d.remove ?? []).forEach((c, k) => {
    if (!indicators.includes(c)) issues.push({ path: ['delphi', 'remove', k], message: `${c} is not one of the Delphi indicators` });
  });
  if (issues.length > 0) throw new ValidationError(issues);
  const deleted = d.prune ? last.indicators.filter((i) => i.decision === 'delete').map((i) => i.indicator) : [];
  const pruned = [...deleted, ...(d.remove ?? []).filter((c) => !deleted.includes(c))];
  return { rounds, pruned };
}

/** Remove the pruned leaves; a parent left without children, or with a tree matrix, is an error. */
export function prune(root: HierarchyNode, codes: readonly string[]): void {
  const drop = new Set(codes);
  const issues: Issue[] = [];
  walkHierarchy(root, (n) => {
    if (!n.children) return;
    const kept = n.children.filter((c) => !(drop.has(c.code) && isLeaf(c)));
    if (kept.length === n.children.length) return;
    if (kept.length === 0) issues.push({ path: ['delphi', 'prune'], message: `${n.code}: Delphi deletes all its indicators` });
    if (n.matrix || n.experts)
      issues.push({
        path: ['delphi', 'prune'],
        message: `${n.code}: its tree judgment matrix covers indicators Delphi deletes`,
        allowed: `weight ${n.code}'s kept children in the study's weighting section`,
      });
    n.children = kept;
  });
  if (issues.length > 0) throw new ValidationError(issues);
}

/** Rows = alternatives, columns = `codes`: values (or the score of their votes). */
export function leafScores(study: Study, codes: readonly string[], grades: readonly Grade[], path: (string | number)[]): number[][] {
  const alts = study.alternatives ?? [];
  if (alts.length === 0) throw new ValidationError([{ path, message: 'needs alternatives, and the study has none' }]);
  const issues: Issue[] = [];
  const rows = alts.map((a, i) =>
    codes.map((c) => {
      const v = a.values?.[c];
      if (v !== undefined) return v;
      const votes = a.votes?.[c];
      if (votes) return membershipFromVotes(votes).reduce((s, u, k) => s + u * grades[k].score, 0);
      issues.push({ path: ['alternatives', i], message: `${a.id}: no value or votes for ${c}`, allowed: `values.${c} or votes.${c}` });
      return 0;
    }),
  );
  if (issues.length > 0) throw new ValidationError(issues);
  return rows;
}

export function directionOf(study: Study, leaf: HierarchyNode): Direction {
  return study.directions?.[leaf.code] ?? leaf.direction ?? 'benefit';
}

/** Min-max normalise columns by direction (better = 1); a constant column is 1. */
export function normaliseColumns(rows: number[][], directions: readonly Direction[]): number[][] {
  const n = directions.length;
  const lo = Array.from({ length: n }, (_, j) => Math.min(...rows.map((r) => r[j])));
  const hi = Array.from({ length: n }, (_, j) => Math.max(...rows.map((r) => r[j])));
  return rows.map((r) =>
    r.map((v, j) => {
      const span = hi[j] - lo[j];
      if (span === 0) return 1;
      return directions[j] === 'cost' ? (hi[j] - v) / span : (v - lo[j]) / span;
    }),
  );
}

/**
 * The per-indicator scores the sensitivity and Monte-Carlo analyses re-weight. With a scorecard or
 * fuzzy evaluation first (or none), the scores those methods sum — scoring-rule scores, values
 * mapped through thresholds, vote scores, or the values themselves — so the weighted sum is the
 * method's own total; with TOPSIS or GRA first, the values min-max normalised by direction.
 */
export function sensitivityScores(study: Study, leaves: readonly HierarchyNode[]): number[][] {
  const first = study.evaluation?.find((e) => e.method !== 'gra-factors')?.method;
  const path = [study.sensitivity ? 'sensitivity' : 'monteCarlo'];
  const raw = leafScores(
    study,
    leaves.map((l) => l.code),
    DEFAULT_GRADES,
    path,
  );
  if (first === 'topsis' || first === 'gra')
    return normaliseColumns(
      raw,
      leaves.map((l) => directionOf(study, l)),
    );
  return raw.map((row) =>
    row.map((v, j) => {
      const rule = leaves[j].rule;
      const th = thresholdsOf(rule);
      if (th) return membershipFromThresholds(v, th).reduce((s, u, k) => s + u * DEFAULT_GRADES[k].score, 0);
      return rule ? applyScoringRule(rule as ScoringRule, v) : v;
    }),
  );
}

export function evaluate(study: Study, spec: EvaluationSpec, k: number, root: HierarchyNode, synthesis: SynthesisResult): StudyEvaluation {
  const path = ['evaluation', k];
  if (spec.method === 'gra-factors') {
    const factors = Object.entries(spec.series).map(([code, series]) => {
      const node = findNode(root, code);
      if (!node) throw new ValidationError([{ path: [...path, 'series', code], message: `${code} is not a node of the hierarchy` }]);
      return { name: code, series };
    });
    const r = under(path, () =>
      greyFactors(spec.reference, factors, {
        normalisation: spec.normalisation as GreyNormalisation | undefined,
        rho: spec.rho,
        levels: spec.levels,
        cutoffs: spec.cutoffs,
      }),
    );
    return { method: spec.method, factors: r, ...(r.warnings.length > 0 ? { warnings: r.warnings } : {}) };
  }
  const alts = study.alternatives ?? [];
  if (alts.length === 0) throw new ValidationError([{ path, message: 'needs alternatives, and the study has none' }]);
  const names = alts.map((a) => (a.name === undefined ? undefined : labelText(a.name, study.lang ?? 'en')));
  const res = under(path, () => evaluateHierarchyPortfolio(studyPortfolioInput(study, spec, root, synthesis)));
  return {
    method: spec.method,
    rows: res.rows.map((r, i) => ({ ...r, ...(names[i] ? { name: names[i] } : {}) })),
    ...(res.fuzzy ? { fuzzy: res.fuzzy } : {}),
    ...(spec.method === 'fce'
      ? { grades: ((spec.grades as Grade[] | undefined) ?? DEFAULT_GRADES).map((g) => labelText(g.name, study.lang ?? 'en')) }
      : {}),
    ...(res.diagnostics.warnings.length > 0 ? { warnings: res.diagnostics.warnings } : {}),
  };
}

/**
 * The portfolio-evaluation input of one of a study's evaluations (all but gra-factors): the
 * study's alternatives, its direction overrides and the evaluation's options. fce returns every
 * alternative's multi-level result (for the report); the other methods their contributions.
 */
export function studyPortfolioInput(
  study: Study,
  spec: Exclude<EvaluationSpec, { method: 'gra-factors' }>,
  root: HierarchyNode,
  synthesis: SynthesisResult,
): HierarchyPortfolioInput {
  const common = {
    root,
    synthesis,
    alternatives: study.alternatives ?? [],
    ...(study.directions ? { directions: study.directions } : {}),
  };
  switch (spec.method) {
    case 'fce':
      return {
        ...common,
        method: 'fce',
        fuzzyTrees: true,
        ...(spec.grades ? { grades: spec.grades as Grade[] } : {}),
        ...(spec.operator ? { operator: spec.operator as FuzzyOperator } : {}),
      };
    case 'scorecard':
      return { ...common, method: 'scorecard', explain: true, ...(spec.grades ? { scorecardGrades: spec.grades } : {}) };
    case 'topsis':
      return {
        ...common,
        method: 'topsis',
        explain: true,
        ...(spec.normalisation ? { topsisNormalisation: spec.normalisation as TopsisNormalisation } : {}),
      };
    case 'gra':
      return {
        ...common,
        method: 'gra',
        explain: true,
        ...(spec.normalisation ? { greyNormalisation: spec.normalisation as GreyNormalisation } : {}),
        ...(spec.rho !== undefined ? { rho: spec.rho } : {}),
      };
  }
}

/** Check that every code the study names exists where it is used (before any computation). */
export function checkReferences(study: Study, root: HierarchyNode): void {
  const issues: Issue[] = [];
  const leaves = new Set(hierarchyLeaves(root).map((l) => l.code));
  for (const code of Object.keys(study.weighting ?? {})) {
    const node = findNode(root, code);
    if (!node) issues.push({ path: ['weighting', code], message: `${code} is not a node of the hierarchy` });
    else if (isLeaf(node))
      issues.push({ path: ['weighting', code], message: `${code} is an indicator (a leaf): it has no children to weight` });
  }
  for (const code of Object.keys(study.directions ?? {}))
    if (!leaves.has(code)) issues.push({ path: ['directions', code], message: `${code} is not an indicator (leaf) of the hierarchy` });
  const ids = new Set<string>();
  (study.alternatives ?? []).forEach((a, i) => {
    if (ids.has(a.id)) issues.push({ path: ['alternatives', i, 'id'], message: `the id "${a.id}" is used twice` });
    ids.add(a.id);
    for (const field of ['values', 'votes'] as const)
      for (const code of Object.keys(a[field] ?? {}))
        if (!leaves.has(code) && !findNode(root, code))
          issues.push({ path: ['alternatives', i, field, code], message: `${code} is not an indicator of the hierarchy` });
  });
  if (issues.length > 0) throw new ValidationError(issues);
}

/** AHP options of the study (method, RI table, λmax). */
function ahpOptionsOf(study: Study) {
  return { method: study.ahp?.method, ri: study.ahp?.ri, lambda: study.ahp?.lambda };
}

/**
 * Weight node `code`'s children in `tree` by its `weighting` entry and put the result into the
 * tree: AHP judgments as the node's matrix (so the synthesis reports each level's CR), other
 * methods' weights on the children. Errors name `weighting.<code>…`.
 */
export function weightNode(study: Study, tree: HierarchyNode, code: string, spec: WeightingSpec): NodeWeighting {
  const node = findNode(tree, code) as HierarchyNode;
  const children = node.children ?? [];
  checkShape(study, spec, children, ['weighting', code]);
  const dataFor = () => {
    if (!children.every(isLeaf))
      throw new ValidationError([{ path: [], message: `${code}'s children are not indicators, so they have no data` }]);
    return {
      matrix: leafScores(
        study,
        children.map((c) => c.code),
        DEFAULT_GRADES,
        [],
      ),
      directions: children.map((c) => directionOf(study, c)),
    };
  };
  const r = under(['weighting', code], () =>
    nodeWeighting(spec, { children, data: dataFor, ahp: ahpOptionsOf(study), aggregation: study.ahp?.aggregation }),
  );
  delete node.matrix;
  delete node.experts;
  // AHP judgments go into the tree so the synthesis reports each level's total-ranking CR.
  const judged = (spec.method === 'ahp' && spec.scale !== 'any') || spec.method === 'group-ahp';
  if (spec.method === 'ahp' && judged) node.matrix = spec.matrix;
  if (spec.method === 'group-ahp') {
    node.experts = spec.experts;
    if (spec.aggregation) node.aggregation = spec.aggregation;
  }
  children.forEach((c, k) => {
    if (judged) delete c.weight;
    else c.weight = r.weights[k];
  });
  return r;
}

/**
 * What a weighting entry can be checked for before its method runs, in the study's words: the
 * size of each pairwise matrix against the node's children, and fixed weights that must sum to 1.
 */
function checkShape(study: Study, spec: WeightingSpec, children: readonly HierarchyNode[], path: (string | number)[]): void {
  const n = children.length;
  const codes = children.map((c) => c.code).join(', ');
  const issues: Issue[] = [];
  const size = (m: readonly unknown[], at: (string | number)[]) => {
    if (m.length !== n)
      issues.push({ path: at, message: `a ${m.length}×${m.length} matrix for ${n} children`, allowed: `a ${n}×${n} matrix over ${codes}` });
  };
  const basic = (s: WeightingSpec, at: (string | number)[]) => {
    if (s.method === 'ahp') size(s.matrix, [...at, 'matrix']);
    else if (s.method === 'group-ahp') s.experts.forEach((e, k) => size(e.matrix, [...at, 'experts', k, 'matrix']));
    else if (s.method === 'fixed' && !study.normalise && at.length === path.length) {
      const w = Array.isArray(s.weights) ? s.weights : Object.values(s.weights);
      const sum = w.reduce((a, b) => a + b, 0);
      if (Math.abs(sum - 1) > 1e-6)
        issues.push({
          path: [...at, 'weights'],
          message: `the weights sum to ${Number(sum.toPrecision(12))}, not 1`,
          allowed: 'weights summing to 1, or `normalise: true` in the study to rescale them',
        });
    }
  };
  if (spec.method === 'combine') {
    basic(spec.subjective, [...path, 'subjective']);
    basic(spec.objective, [...path, 'objective']);
  } else basic(spec, path);
  if (issues.length > 0) throw new ValidationError(issues);
}

/** The hierarchical synthesis of the weighted tree (local and global weights, CRs). */
export function synthesise(study: Study, tree: HierarchyNode): SynthesisResult {
  return under(['hierarchy'], () =>
    synthesiseHierarchy(tree, { ...ahpOptionsOf(study), aggregation: study.ahp?.aggregation, normalise: study.normalise }),
  );
}
