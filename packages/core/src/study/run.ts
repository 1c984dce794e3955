/**
 * Running a study (SPEC §7): Delphi rounds (optionally pruning the deleted indicators) →
 * each node's weighting → hierarchical synthesis (local and global weights, CR per judgment
 * and per level) → the evaluations of the alternatives → one-at-a-time sensitivity and
 * Monte-Carlo rank probabilities → the checks against the printed numbers in `expect`.
 * Every error names its path in the study (`weighting.A5.subjective.matrix[1][2]`).
 */
import { type Issue, ValidationError } from '../errors.ts';
import {
  DEFAULT_GRADES,
  type FuzzyOperator,
  type FuzzyResult,
  type Grade,
  membershipFromThresholds,
  membershipFromVotes,
} from '../evaluation/fuzzy.ts';
import { type GreyFactorResult, type GreyNormalisation, greyFactors } from '../evaluation/grey.ts';
import { type MonteCarloResult, monteCarloRanks } from '../evaluation/monte-carlo.ts';
import { evaluateHierarchyPortfolio, type HierarchyPortfolioInput, type PortfolioRow, thresholdsOf } from '../evaluation/portfolio.ts';
import { applyScoringRule, type ScoringRule } from '../evaluation/scoring-rule.ts';
import { oneAtATimeSensitivity, type WeightSensitivity } from '../evaluation/sensitivity.ts';
import type { TopsisNormalisation } from '../evaluation/topsis.ts';
import { type SynthesisResult, synthesiseHierarchy } from '../hierarchy/synthesis.ts';
import { type Direction, type HierarchyNode, hierarchyLeaves, isLeaf, walkHierarchy } from '../hierarchy/tree.ts';
import { validateHierarchy } from '../hierarchy/validate.ts';
import { parseWith } from '../input-schema.ts';
import { labelText } from '../label.ts';
import { type DelphiRoundResult, delphiRound } from '../weighting/delphi.ts';
import { expertGlobalWeights } from './expert-weights.ts';
import { type NodeWeighting, nodeWeighting } from './node-weighting.ts';
import { type EvaluationSpec, type Study, studySchema } from './schema.ts';

export interface StudyEvaluation {
  method: EvaluationSpec['method'];
  /** Alternatives' results (all methods but gra-factors). */
  rows?: (PortfolioRow & { name?: string })[];
  /** fce: per alternative, the full multi-level result (B at every node). */
  fuzzy?: { id: string; result: FuzzyResult }[];
  /** gra-factors: the factors ranked and grouped into levels. */
  factors?: GreyFactorResult;
  grades?: string[];
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
  /** `experts`: the panel whose weight vectors were resampled (sampling: experts). */
  monteCarlo?: MonteCarloResult & { ids: string[]; experts?: string[] };
  checks: StudyCheck[];
  /** True when every check matches (or there are none). */
  reproduced: boolean;
  warnings: string[];
}

/** Parse a study (already with its template and files resolved); throws ValidationError with paths. */
export function parseStudy(data: unknown): Study {
  return parseWith(studySchema, data);
}

/** Run `f`, putting `prefix` before its issues' paths (paths into `alternatives` are already absolute). */
function under<T>(prefix: (string | number)[], f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    throw new ValidationError(e.issues.map((i) => (i.path[0] === 'alternatives' ? i : { ...i, path: [...prefix, ...i.path] })));
  }
}

function findNode(root: HierarchyNode, code: string): HierarchyNode | undefined {
  let found: HierarchyNode | undefined;
  walkHierarchy(root, (n) => {
    if (n.code === code) found ??= n;
  });
  return found;
}

/** Delphi rounds over `indicators` (default the leaves); the last round's deletions. */
function runDelphi(study: Study, root: HierarchyNode): NonNullable<StudyResult['delphi']> {
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
function prune(root: HierarchyNode, codes: readonly string[]): void {
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
function leafScores(study: Study, codes: readonly string[], grades: readonly Grade[], path: (string | number)[]): number[][] {
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

function directionOf(study: Study, leaf: HierarchyNode): Direction {
  return study.directions?.[leaf.code] ?? leaf.direction ?? 'benefit';
}

/** Min-max normalise columns by direction (better = 1); a constant column is 1. */
function normaliseColumns(rows: number[][], directions: readonly Direction[]): number[][] {
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
function sensitivityScores(study: Study, leaves: readonly HierarchyNode[]): number[][] {
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

function evaluate(study: Study, spec: EvaluationSpec, k: number, root: HierarchyNode, synthesis: SynthesisResult): StudyEvaluation {
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
    return { method: spec.method, factors: r };
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

/** Check that every code the study names exists where it is used (before any computation). */
function checkReferences(study: Study, root: HierarchyNode): void {
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

/**
 * Validate a study without computing weights or evaluations: the schema, the hierarchy, and
 * every code it refers to. Returns the parsed study.
 */
export function validateStudy(data: unknown): Study {
  const study = parseStudy(data);
  const { root } = under(['hierarchy'], () => validateHierarchy(study.hierarchy, { normalise: study.normalise }));
  checkReferences(study, root);
  return study;
}

export interface RunStudyOptions {
  /** Called after each step (Delphi, each node's weighting, synthesis, each evaluation, …). */
  onStep?(done: number, total: number, step: string): void;
}

/** Run a study end to end. */
export function runStudy(data: unknown, options: RunStudyOptions = {}): StudyResult {
  const study = validateStudy(data);
  const total =
    (study.delphi ? 1 : 0) +
    Object.keys(study.weighting ?? {}).length +
    1 +
    (study.evaluation ?? []).length +
    (study.sensitivity ? 1 : 0) +
    (study.monteCarlo ? 1 : 0);
  let done = 0;
  const step = (name: string) => options.onStep?.(++done, total, name);
  const tree = structuredClone(study.hierarchy) as unknown as HierarchyNode;
  const warnings: string[] = [];
  let delphi: StudyResult['delphi'];
  if (study.delphi) {
    delphi = runDelphi(study, tree);
    if (delphi.pruned.length > 0) {
      prune(tree, delphi.pruned);
      warnings.push(`Delphi deleted ${delphi.pruned.length} indicator(s): ${delphi.pruned.join(', ')}`);
    }
    step('Delphi');
  }
  const ahpOptions = { method: study.ahp?.method, ri: study.ahp?.ri, lambda: study.ahp?.lambda };
  const weighting: Record<string, NodeWeighting> = {};
  for (const [code, spec] of Object.entries(study.weighting ?? {})) {
    const node = findNode(tree, code) as HierarchyNode;
    const children = node.children ?? [];
    const dataFor = () => {
      if (!children.every(isLeaf))
        throw new ValidationError([{ path: [], message: `${code}'s children are not indicators, so they have no data` }]);
      return {
        matrix: leafScores(
          study,
          children.map((c) => c.code),
          DEFAULT_GRADES,
          ['weighting', code],
        ),
        directions: children.map((c) => directionOf(study, c)),
      };
    };
    const r = under(['weighting', code], () =>
      nodeWeighting(spec, { children, data: dataFor, ahp: ahpOptions, aggregation: study.ahp?.aggregation }),
    );
    weighting[code] = r;
    step(`weighting ${code}`);
    for (const w of r.warnings) warnings.push(`${code}: ${w}`);
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
  }
  const hierarchy = under(['hierarchy'], () =>
    synthesiseHierarchy(tree, { ...ahpOptions, aggregation: study.ahp?.aggregation, normalise: study.normalise }),
  );
  warnings.push(...hierarchy.warnings);
  step('synthesis');
  const { root } = validateHierarchy(tree, { normalise: study.normalise });
  const evaluations = (study.evaluation ?? []).map((spec, k) => {
    const e = evaluate(study, spec, k, root, hierarchy);
    step(`evaluation ${spec.method}`);
    return e;
  });
  const result: StudyResult = {
    title: study.title,
    ...(study.source ? { source: study.source } : {}),
    ...(delphi ? { delphi } : {}),
    weighting,
    hierarchy,
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
