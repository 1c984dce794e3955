/**
 * The study file (SPEC §7): a whole analysis — hierarchy, Delphi rounds, how each node weights
 * its children, alternatives with data or votes, evaluation methods, sensitivity and Monte
 * Carlo, and the printed numbers it must reproduce — as one YAML/JSON document. Objects are
 * strict, so a misspelt field is reported with its path. File references (`template`, `file`)
 * are resolved by the loader before this schema sees the study.
 */
import { z } from 'zod';
import { FUZZY_OPERATORS } from '../evaluation/fuzzy.ts';
import { GREY_NORMALISATIONS } from '../evaluation/grey.ts';
import { cellSchema, directionSchema, incompleteMatrixSchema, labelSchema, matrixSchema } from '../input-schema.ts';
import { JUDGMENT_SCALES } from '../weighting/ahp-scales.ts';
import { PERTURBATION_RULES } from '../weighting/ahp-uncertainty.ts';
import { COMBINE_RULES } from '../weighting/combine.ts';
import { delphiScaleSchema } from '../weighting/delphi-input.ts';

const probability = z.number().min(0).max(1);
const ifnSchema = z.tuple([probability, probability]);
const ahpMethodSchema = z.enum(['eigenvector', 'geometric-mean', 'column-mean', 'least-squares']);
const riSchema = z.enum(['saaty', 'chinese', 'saaty2005', 'donegan-dodd', 'alonso-lamata', 'tummala-ling']);

/** `placeholder: true` marks an entry `scf-risk new` wrote to be filled in (`run` warns, `run --strict` fails). */
const placeholderField = {
  placeholder: z.boolean().optional(),
};

/** Fixed local weights: by child code, or a list in the children's order. */
const fixedSchema = z.strictObject({
  method: z.literal('fixed'),
  ...placeholderField,
  weights: z.union([z.record(z.string(), cellSchema), z.array(cellSchema).min(1)]),
});

/** One expert's pairwise matrix over the node's children (AHP). */
const ahpSchema = z.strictObject({
  method: z.literal('ahp'),
  ...placeholderField,
  matrix: incompleteMatrixSchema,
  /** `any` accepts ratios beyond 1/9…9 (e.g. matrices implied by published weights). */
  scale: z.enum(['saaty', 'any']).optional(),
});

/** A panel's matrices, aggregated by AIJ (geometric mean of judgments) or AIP (of priorities). */
const groupAhpSchema = z.strictObject({
  method: z.literal('group-ahp'),
  ...placeholderField,
  aggregation: z.enum(['aij', 'aip']).optional(),
  experts: z
    .array(z.strictObject({ id: z.string().optional(), weight: z.number().positive().optional(), matrix: incompleteMatrixSchema }))
    .min(1, 'the panel is empty'),
});

/** An intuitionistic preference relation: full matrix of [μ, ν] or its upper triangle. */
const ifahpSchema = z.strictObject({
  method: z.literal('ifahp'),
  ...placeholderField,
  matrix: z.array(z.array(ifnSchema)).min(1).optional(),
  upper: z.record(z.string(), z.union([ifnSchema, z.number(), z.string()])).optional(),
  tau: z.number().positive().optional(),
  sigma: z.number().gt(0).max(1).optional(),
});

/** G1: the children's codes from most to least important and the ratios r₂…r_n. */
const g1Schema = z.strictObject({
  method: z.literal('g1'),
  ...placeholderField,
  order: z.array(z.string()).min(1),
  ratios: z.array(z.union([z.number(), z.string()])),
});

/**
 * Entropy weights: on the alternatives' values of the children (leaves), or — [003]'s
 * correction — on a pairwise comparison matrix (`on: judgments`, the sibling subjective AHP
 * matrix inside `combine`, or `matrix`).
 */
const entropySchema = z.strictObject({
  method: z.literal('entropy'),
  ...placeholderField,
  on: z.enum(['alternatives', 'judgments']).optional(),
  matrix: matrixSchema.optional(),
  normalisation: z.enum(['min-max', 'sum']).optional(),
});

/** CRITIC weights on the alternatives' values of the children. */
const criticSchema = z.strictObject({ method: z.literal('critic'), ...placeholderField });

type Basic =
  | z.infer<typeof fixedSchema>
  | z.infer<typeof ahpSchema>
  | z.infer<typeof groupAhpSchema>
  | z.infer<typeof ifahpSchema>
  | z.infer<typeof g1Schema>
  | z.infer<typeof entropySchema>
  | z.infer<typeof criticSchema>;

const BASIC = [fixedSchema, ahpSchema, groupAhpSchema, ifahpSchema, g1Schema, entropySchema, criticSchema] as const;
const basicSchema = z.discriminatedUnion('method', [...BASIC]);

/** A subjective and an objective weighting of the same children, combined. */
const combineSchema = z.strictObject({
  method: z.literal('combine'),
  ...placeholderField,
  subjective: basicSchema,
  objective: basicSchema,
  rule: z.enum(COMBINE_RULES as [string, ...string[]]).optional(),
  alpha: probability.optional(),
});

export const weightingSchema = z.discriminatedUnion('method', [...BASIC, combineSchema]);

export type BasicWeighting = Basic;
export type WeightingSpec = z.infer<typeof weightingSchema>;

/** One Delphi round: rows = experts, columns = `indicators`. */
const delphiRoundSchema = z.strictObject({
  name: z.string().optional(),
  experts: z.array(z.string()).optional(),
  scores: z.array(z.array(z.number())).min(1, 'a round needs at least one expert’s scores'),
});

const delphiSchema = z.strictObject({
  /** Indicator codes scored (default: every leaf of the hierarchy, in order). */
  indicators: z.array(z.string()).min(1).optional(),
  scale: delphiScaleSchema.optional(),
  fullScore: z.number().optional(),
  sd: z.enum(['sample', 'population']).optional(),
  rounds: z.array(delphiRoundSchema).min(1, 'no rounds'),
  /** Remove the leaves the last round deletes before weighting. */
  prune: z.boolean().optional(),
  /** Indicators the panel removed after discussing them (pruned too). */
  remove: z.array(z.string()).optional(),
});

/** An alternative: values per leaf code (scores or raw data) and/or expert votes per leaf over the grades. */
const alternativeSchema = z.strictObject({
  id: z.union([z.string(), z.number()]).transform(String),
  name: labelSchema.optional(),
  values: z.record(z.string(), cellSchema).optional(),
  votes: z.record(z.string(), z.array(z.number().min(0)).min(1)).optional(),
  source: z.string().optional(),
});

const gradeSchema = z.strictObject({ name: labelSchema, score: z.number() });

const evaluationSchema = z.discriminatedUnion('method', [
  z.strictObject({
    method: z.literal('fce'),
    operator: z.enum(FUZZY_OPERATORS as [string, ...string[]]).optional(),
    grades: z.array(gradeSchema).min(2).optional(),
  }),
  z.strictObject({
    method: z.literal('scorecard'),
    grades: z
      .array(z.strictObject({ name: z.string(), min: z.number() }))
      .min(1)
      .optional(),
  }),
  z.strictObject({ method: z.literal('topsis'), normalisation: z.enum(['vector', 'min-max']).optional() }),
  z.strictObject({
    method: z.literal('gra'),
    normalisation: z.enum(GREY_NORMALISATIONS as [string, ...string[]]).optional(),
    rho: z.number().gt(0).max(1).optional(),
  }),
  z.strictObject({
    method: z.literal('gra-factors'),
    reference: z.array(z.number()).min(2),
    /** Each factor's series by leaf code. */
    series: z.record(z.string(), z.array(z.number()).min(2)),
    normalisation: z.enum(GREY_NORMALISATIONS as [string, ...string[]]).optional(),
    rho: z.number().gt(0).max(1).optional(),
    levels: z.number().int().min(1).optional(),
    cutoffs: z.array(z.number()).min(1).optional(),
  }),
]);

export type EvaluationSpec = z.infer<typeof evaluationSchema>;

/** What the study must reproduce: printed numbers and the digits they are printed to. */
const expectSchema = z.strictObject({
  digits: z.number().int().min(0).max(15).optional(),
  globalWeights: z.record(z.string(), z.number()).optional(),
  localWeights: z.record(z.string(), z.number()).optional(),
  ranking: z.array(z.string()).optional(),
  levels: z.record(z.string(), z.number().int()).optional(),
  source: z.string().optional(),
});

export const studySchema = z.strictObject({
  title: labelSchema,
  description: z.string().optional(),
  source: z.string().optional(),
  lang: z.enum(['en', 'zh']).optional(),
  /** The tree (inline, or the template the loader put here). */
  hierarchy: z.record(z.string(), z.unknown()),
  ahp: z
    .strictObject({
      method: ahpMethodSchema.optional(),
      ri: riSchema.optional(),
      lambda: z.enum(['auto', 'exact', 'mean']).optional(),
      aggregation: z.enum(['aij', 'aip']).optional(),
    })
    .optional(),
  /** Rescale sibling weights that do not sum to 1 (with a warning). */
  normalise: z.boolean().optional(),
  delphi: delphiSchema.optional(),
  /** How each node (by code) weights its children; overrides weights in the tree. */
  weighting: z.record(z.string(), weightingSchema).optional(),
  alternatives: z.array(alternativeSchema).optional(),
  /** Leaf directions for the evaluation (override the tree's), by code. */
  directions: z.record(z.string(), directionSchema).optional(),
  evaluation: z.array(evaluationSchema).optional(),
  sensitivity: z.boolean().optional(),
  monteCarlo: z
    .strictObject({
      draws: z.number().int().positive().max(10_000_000).optional(),
      seed: z.number().int().optional(),
      concentration: z.number().positive().optional(),
      /** dirichlet (default): around the weights; experts: resample the panel's own weight vectors. */
      sampling: z.enum(['dirichlet', 'experts']).optional(),
    })
    .optional(),
  /** Goepel's group consensus S* at every node weighted by a panel (`true`, or `{scaleMax}`: M of the correction, default 9). */
  consensus: z.union([z.boolean(), z.strictObject({ scaleMax: z.number().gt(1).optional() })]).optional(),
  /** The judgments of every AHP / group-AHP node read on these judgment scales (`all`: every scale). */
  scales: z.union([z.literal('all'), z.array(z.enum(JUDGMENT_SCALES)).min(1)]).optional(),
  /** Spread of the indicators' global weights under random variations of every judgment. */
  uncertainty: z
    .strictObject({
      draws: z.number().int().min(1).max(1_000_000).optional(),
      seed: z.number().int().optional(),
      perturbation: z.enum(PERTURBATION_RULES).optional(),
      step: z.number().min(0).max(8).optional(),
      factor: z.number().min(1).max(9).optional(),
    })
    .optional(),
  expect: expectSchema.optional(),
});

export type Study = z.infer<typeof studySchema>;
export type StudyAlternative = z.infer<typeof alternativeSchema>;
