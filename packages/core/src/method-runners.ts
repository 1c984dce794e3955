/**
 * One runner per method (SPEC §10): `METHOD_RUNNERS[name](input, options)` validates the input
 * document and the options with the method's schemas (METHOD_SCHEMAS), calls the core function
 * and returns the result `scf-risk <name> --format json` prints. The CLI's commands (flags →
 * runner → presenter) and the HTTP server's `POST /methods/<name>` both call them, so a document
 * gives the same JSON and the same issues on either side.
 *
 * Issues of the input carry paths relative to the document (`matrix[0][2]`); issues of the options
 * are named by the option (`scales[0]`), as the CLI has always printed its analysis flags. The
 * server checks `options` against the same schema before calling, so it never sees the latter.
 *
 * `study` has no runner here: a study names files (data, judgments, answers) that its front
 * resolves first (`resolveStudy`), then `runStudy`. Delphi answers files likewise: the CLI reads
 * them and passes the imported answers as `runDelphi`'s third argument; without them a document
 * with `answers` and no `scores` is refused, naming `answers`.
 */
import { z } from 'zod';
import { ValidationError } from './errors.ts';
import { type FuzzyResult, fuzzyEvaluate } from './evaluation/fuzzy.ts';
import { fceInputSchema, fceRoot } from './evaluation/fuzzy-input.ts';
import { type GraResult, type GreyFactorResult, gra, greyFactors } from './evaluation/grey.ts';
import { graAlternativesInputSchema, graFactorsInputSchema, isGraFactors } from './evaluation/grey-input.ts';
import { type TopsisResult, topsis } from './evaluation/topsis.ts';
import { topsisInputSchema } from './evaluation/topsis-input.ts';
import { parseTreeMatrices } from './hierarchy/hierarchy-input.ts';
import { type SynthesisResult, synthesiseHierarchy } from './hierarchy/synthesis.ts';
import { parseWith, underField } from './input-schema.ts';
import { METHOD_SCHEMAS, type MethodSchemaName } from './method-schemas.ts';
import {
  type GroupConsensusResult,
  groupAhpConsensus,
  type HierarchyConsensusResult,
  hierarchyConsensus,
} from './weighting/ahp-consensus.ts';
import { ahpOptionsOf, perturbationOf } from './weighting/ahp-input.ts';
import { type AhpRunResult, runAhp } from './weighting/ahp-run.ts';

import { type AhpScalesResult, groupAhpScales, type HierarchyScalesResult, hierarchyScales } from './weighting/ahp-scales.ts';
import { type AhpUncertaintyResult, groupAhpUncertainty, hierarchyUncertainty } from './weighting/ahp-uncertainty.ts';
import { type CombineResult, combineWeights } from './weighting/combine.ts';
import { combineInputSchema } from './weighting/combine-input.ts';
import { type CriticResult, criticWeights } from './weighting/critic.ts';
import { criticInputSchema } from './weighting/critic-input.ts';
import { type DelphiRoundResult, delphiRound } from './weighting/delphi.ts';
import { type ImportedDelphiAnswers, roundScores } from './weighting/delphi-answers.ts';
import { delphiInputSchema } from './weighting/delphi-input.ts';
import { type EntropyNormalisation, type EntropyResult, entropyOfComparisonMatrix, entropyWeights } from './weighting/entropy.ts';
import { entropyInputSchema, entropyMatrixSchema } from './weighting/entropy-input.ts';
import { type G1GroupResult, type G1Result, g1Group, g1Weights } from './weighting/g1.ts';
import { g1GroupInputSchema, g1SingleInputSchema, isG1Group } from './weighting/g1-input.ts';
import { type GroupAhpResult, groupAhp } from './weighting/group-ahp.ts';
import { ahpGroupInputSchema } from './weighting/group-ahp-input.ts';
import { type IfahpResult, type Ifn, ifahp } from './weighting/ifahp.ts';
import { ifahpInputSchema } from './weighting/ifahp-input.ts';
import { iprFromUpper } from './weighting/ifahp-scale.ts';
import { type KendallResult, kendallW } from './weighting/kendall.ts';
import { kendallInputSchema } from './weighting/kendall-input.ts';

export { type AhpRunResult, runAhp };

/** The options of method `name` as its options schema gives them (defaults filled in). */
type OptionsOf<N extends MethodSchemaName> = z.output<(typeof METHOD_SCHEMAS)[N]['options']>;

function optionsOf<N extends MethodSchemaName>(name: N, options: unknown): OptionsOf<N> {
  return parseWith(METHOD_SCHEMAS[name].options, options ?? {}) as OptionsOf<N>;
}

/** `ahp-group`: the group result with the analyses asked for. */
export type AhpGroupRunResult = GroupAhpResult & {
  consensus?: GroupConsensusResult;
  scales?: AhpScalesResult;
  uncertainty?: AhpUncertaintyResult;
};

export function runAhpGroup(input: unknown, options: unknown = {}): AhpGroupRunResult {
  const d = parseWith(ahpGroupInputSchema, input);
  const o = optionsOf('ahp-group', options);
  const base = { ...ahpOptionsOf(o), aggregation: o.aggregation, ...(d.labels ? { labels: d.labels } : {}) };
  const result: AhpGroupRunResult = underField('experts', () => groupAhp(d.experts, base));
  if (o.consensus) result.consensus = underField('experts', () => groupAhpConsensus(d.experts, base));
  const scales = o.scales;
  if (scales) result.scales = underField('experts', () => groupAhpScales(d.experts, { ...base, scales }));
  if (o.uncertainty > 0)
    result.uncertainty = underField('experts', () => groupAhpUncertainty(d.experts, { ...base, ...perturbationOf(o) }));
  return result;
}

/** `hierarchy`: the synthesis with the analyses asked for. */
export type HierarchyRunResult = SynthesisResult & {
  consensus?: HierarchyConsensusResult;
  scales?: HierarchyScalesResult;
  uncertainty?: AhpUncertaintyResult;
};

/** A tree as users write it (fractions in matrices); `validateHierarchy` judges the rest. */
export function runHierarchy(input: unknown, options: unknown = {}): HierarchyRunResult {
  const tree = parseTreeMatrices(input);
  const o = optionsOf('hierarchy', options);
  const base = { ...ahpOptionsOf(o), normalise: o.normalise, aggregation: o.aggregation };
  const result: HierarchyRunResult = synthesiseHierarchy(tree, base);
  if (o.consensus) result.consensus = hierarchyConsensus(tree, base);
  const scales = o.scales;
  if (scales) result.scales = hierarchyScales(tree, { ...base, scales });
  if (o.uncertainty > 0) result.uncertainty = hierarchyUncertainty(tree, { ...base, ...perturbationOf(o) });
  return result;
}

/** `ifahp`: a full relation (`matrix`) or its upper triangle (`upper`: judgments, grades or Saaty-like numbers). */
export function runIfahp(input: unknown, options: unknown = {}): IfahpResult {
  const d = parseWith(ifahpInputSchema, input); // rejects a document with neither matrix nor upper
  const o = optionsOf('ifahp', options);
  let relation: Ifn[][];
  let field = 'matrix';
  if (d.matrix) relation = d.matrix as Ifn[][];
  else {
    field = 'upper';
    try {
      relation = iprFromUpper((d.upper ?? {}) as Record<string, Ifn | number | string>);
    } catch (e) {
      // every path of iprFromUpper is a key of `upper` (or empty)
      throw e instanceof ValidationError ? e.at('upper') : e;
    }
  }
  return underField(field, () =>
    ifahp(relation, {
      tau: o.tau,
      sigma: o.sigma,
      convention: o.convention,
      crisp: o.crisp,
      ...(d.labels ? { labels: d.labels } : {}),
    }),
  );
}

// The matrix is checked second, by the schema its normalisation needs (null cells only in a pairwise matrix).
const entropyFieldsSchema = entropyInputSchema.omit({ matrix: true });

/** `entropy`: of a data matrix, or ([003], normalisation `ahp-matrix`) of a pairwise matrix. */
export function runEntropy(input: unknown, options: unknown = {}): EntropyResult {
  const d = parseWith(entropyFieldsSchema, input);
  const o = optionsOf('entropy', options);
  const raw = (input as { matrix?: unknown } | null | undefined)?.matrix;
  const labels = d.labels ? { labels: d.labels } : {};
  if (o.normalisation === 'ahp-matrix') {
    const m = parseWith(entropyMatrixSchema('ahp-matrix'), raw, ['matrix']);
    return underField('matrix', () => entropyOfComparisonMatrix(m, labels));
  }
  const m = parseWith(entropyMatrixSchema(o.normalisation), raw, ['matrix']) as number[][];
  return underField('matrix', () =>
    entropyWeights(m, {
      normalisation: o.normalisation as EntropyNormalisation,
      shift: o.shift,
      ...labels,
      ...(d.directions ? { directions: d.directions } : {}),
    }),
  );
}

/** `critic`: CRITIC weights of a data matrix. */
export function runCritic(input: unknown, options: unknown = {}): CriticResult {
  const d = parseWith(criticInputSchema, input);
  const o = optionsOf('critic', options);
  return underField('matrix', () =>
    criticWeights(d.matrix, {
      sd: o.sd,
      normalisation: o.normalisation,
      correlationMethod: o.correlationMethod,
      conflictRule: o.conflictRule,
      ...(d.labels ? { labels: d.labels } : {}),
      ...(d.directions ? { directions: d.directions } : {}),
    }),
  );
}

/** `g1`: one expert `{order, ratios}`, or a group `{experts}` (decided by `isG1Group`, as the CLI always has). */
export function runG1(input: unknown, options: unknown = {}): G1Result | G1GroupResult {
  optionsOf('g1', options);
  if (isG1Group(input)) {
    const g = parseWith(g1GroupInputSchema, input);
    return underField('experts', () => g1Group(g.experts, g.indicators ? { indicators: g.indicators } : {}));
  }
  const d = parseWith(g1SingleInputSchema, input);
  return g1Weights(d.order, d.ratios, {
    ...(d.labels ? { labels: d.labels } : {}),
    ...(d.indicators ? { indicators: d.indicators } : {}),
  });
}

/** `combine`: subjective and objective weights by a rule. */
export function runCombine(input: unknown, options: unknown = {}): CombineResult {
  const d = parseWith(combineInputSchema, input);
  const o = optionsOf('combine', options);
  return combineWeights(d.subjective, d.objective, {
    rule: o.rule,
    alpha: o.alpha,
    normalise: o.normalise,
    ...(d.labels ? { labels: d.labels } : {}),
  });
}

/** Delphi answers a front has read: the imported file and its name (for messages). */
export interface DelphiAnswersFile {
  imported: ImportedDelphiAnswers;
  file: string;
}

// The scale is judged by delphiRound (its message names the scales); the server's body schema checks the pattern first.
const delphiRunOptionsSchema = METHOD_SCHEMAS.delphi.options.extend({ scale: z.string().optional() });

/**
 * `delphi`: one round's statistics and screening. A document with `answers` (a file) instead of
 * `scores` needs `answers`, the file read by the front; without it the field is refused.
 */
export function runDelphi(input: unknown, options: unknown = {}, answers?: DelphiAnswersFile): DelphiRoundResult {
  const d = parseWith(delphiInputSchema, input);
  const o = parseWith(delphiRunOptionsSchema, options ?? {});
  let scores = d.scores;
  let indicators = d.indicators;
  if (!scores && d.answers) {
    if (!answers)
      throw new ValidationError([
        {
          path: ['answers'],
          message: 'a file of answers is read by the command line only',
          allowed: 'scores: [[...]] (rows = experts, columns = indicators)',
        },
      ]);
    ({ scores, indicators } = roundScores(
      answers.imported,
      d.round ?? answers.imported.rounds[answers.imported.rounds.length - 1],
      answers.file,
    ));
  }
  if (!scores)
    throw new ValidationError([{ path: [], message: 'give scores or answers', allowed: '{scores: [[...]]} or {answers: "file.csv"}' }]);
  const matrix = scores;
  return underField('scores', () =>
    delphiRound(matrix, {
      ...(o.scale ? { scale: o.scale as never } : {}),
      sd: o.sd,
      ...(indicators ? { indicators } : {}),
      ...(d.labels ? { labels: d.labels } : {}),
      ...(d.fullScore !== undefined ? { fullScore: d.fullScore } : {}),
    }),
  );
}

/** `kendall`: W of `ranks` or `ratings`. */
export function runKendall(input: unknown, options: unknown = {}): KendallResult {
  const d = parseWith(kendallInputSchema, input); // rejects a document with neither ranks nor ratings
  const o = optionsOf('kendall', options);
  const field = d.ranks ? 'ranks' : 'ratings';
  const table = d.ranks ?? d.ratings ?? [];
  return underField(field, () => kendallW(table, { ties: o.ties }));
}

/** `fce`: flat (weights × membership) or multi-level (a tree of nodes). */
export function runFce(input: unknown, options: unknown = {}): FuzzyResult {
  const d = parseWith(fceInputSchema, input); // also checks one membership row per weight
  const o = optionsOf('fce', options);
  return fuzzyEvaluate(fceRoot(d), { operator: o.operator, normalise: o.normalise, ...(d.grades ? { grades: d.grades } : {}) });
}

/** `topsis`: closeness of alternatives; `alternatives` (names) are returned as given. */
export type TopsisRunResult = TopsisResult & { alternatives?: unknown[] };

export function runTopsis(input: unknown, options: unknown = {}): TopsisRunResult {
  const d = parseWith(topsisInputSchema, input);
  const o = optionsOf('topsis', options);
  const result = underField('matrix', () =>
    topsis(d.matrix, d.weights, {
      normalisation: o.normalisation,
      normalise: o.normalise,
      ...(d.directions ? { directions: d.directions } : {}),
      ...(d.labels ? { labels: d.labels } : {}),
    }),
  );
  return { ...result, ...(d.alternatives ? { alternatives: d.alternatives } : {}) };
}

/** `gra`: alternatives (a matrix), or factors against a reference series (decided by `isGraFactors`). */
export type GraRunResult = (GraResult & { alternatives?: unknown[] }) | GreyFactorResult;

export function runGra(input: unknown, options: unknown = {}): GraRunResult {
  if (isGraFactors(input)) {
    const d = parseWith(graFactorsInputSchema, input);
    const o = optionsOf('gra', options);
    return greyFactors(d.referenceSeries, d.factors, {
      rho: o.rho,
      ...(o.normalisation ? { normalisation: o.normalisation } : {}),
      ...(d.cutoffs ? { cutoffs: d.cutoffs } : {}),
      ...(d.levels ? { levels: d.levels } : {}),
    });
  }
  const d = parseWith(graAlternativesInputSchema, input);
  const o = optionsOf('gra', options);
  const result = underField('matrix', () =>
    gra(d.matrix, {
      rho: o.rho,
      normalise: o.normalise,
      ...(o.normalisation ? { normalisation: o.normalisation } : {}),
      ...(d.directions ? { directions: d.directions } : {}),
      ...(d.reference ? { reference: d.reference } : {}),
      ...(d.weights ? { weights: d.weights } : {}),
      ...(d.labels ? { labels: d.labels } : {}),
    }),
  );
  return { ...result, ...(d.alternatives ? { alternatives: d.alternatives } : {}) };
}

/** A method runner: input document and options in, the printed result out; ValidationError for bad input. */
export type MethodRunner = (input: unknown, options?: unknown) => object;

/** The names of METHOD_SCHEMAS that have a runner (all but `study`). */
export type MethodRunnerName = Exclude<MethodSchemaName, 'study'>;

/** Every method's runner, by command name (the order of METHOD_SCHEMAS). */
export const METHOD_RUNNERS: Readonly<Record<MethodRunnerName, MethodRunner>> = {
  ahp: runAhp,
  'ahp-group': runAhpGroup,
  hierarchy: runHierarchy,
  ifahp: runIfahp,
  entropy: runEntropy,
  critic: runCritic,
  g1: runG1,
  combine: runCombine,
  delphi: (input, options) => runDelphi(input, options),
  kendall: runKendall,
  fce: runFce,
  topsis: runTopsis,
  gra: runGra,
};

/** Is `name` a method with a runner? */
export function isMethodRunnerName(name: string): name is MethodRunnerName {
  return Object.hasOwn(METHOD_RUNNERS, name);
}
