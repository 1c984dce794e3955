/**
 * What the content of each model kind is, and its check (SPEC §6.2 models as versioned data). The
 * same check runs when a version is stored (services/models.ts) and when it is used (the pre-loan
 * evaluation, services/preloan.ts), so a version that was accepted is one the evaluation can use:
 * - `scoring-rule`: `scoringModelSchema`, then core's `checkScorecard` on its rules and grades;
 * - `weights`: {indicator code: weight}, each in [0, 1], summing to 1 (core's `checkScorecard`,
 *   tolerance 1e-6);
 * - `credit-tree`: core's `parseTreeModel` (a model file of `scf-risk tree train --out`);
 * - `indicator-system`: the tree format (core's `hierarchyInputSchema`, then `validateHierarchy`);
 * - `study`: core's `checkStudy`, with its tree inline (a stored version names no template or file,
 *   so it reads the same whatever the catalogue later holds).
 * Each check throws core's ValidationError with paths inside the content (`thresholds.approve`).
 */
import {
  checkScorecard,
  checkStudy,
  hierarchyInputSchema,
  type Issue,
  parseTreeMatrices,
  parseTreeModel,
  parseWith,
  type ScorecardIndicator,
  type ScoringRule,
  ValidationError,
  validateHierarchy,
} from '@scf-risk/core';
import { z } from 'zod';
import type { ModelKind } from '../db/schema.ts';

const finite = z.number().finite();
const ruleSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('ranges'),
    ranges: z.array(z.strictObject({ from: finite.nullable(), to: finite.nullable(), score: finite })).min(1),
  }),
  z.strictObject({ type: z.literal('linear'), points: z.array(z.tuple([finite, finite])).min(2) }),
]);

/** A ratio as a decimal string (exact): "0.35". */
const multipleSchema = z.string().regex(/^\d{1,6}(\.\d{1,6})?$/, 'a decimal string such as "0.35"');

/** The evaluation model: the content of a `scoring-rule` version. */
export const scoringModelSchema = z.strictObject({
  method: z.literal('scorecard').describe('the evaluation method (SPEC §4.1 scorecard)'),
  rules: z.record(z.string().min(1), ruleSchema).optional().describe('scoring rule per quantitative indicator code'),
  grades: z
    .array(z.strictObject({ name: z.string().min(1), min: finite }))
    .min(1)
    .optional(),
  thresholds: z
    .strictObject({ approve: finite, review: finite })
    .refine((t) => t.approve >= t.review, { message: 'approve must not be below review', path: ['approve'] }),
  limit: z.strictObject({
    tiers: z
      .array(z.strictObject({ minScore: finite, multiple: multipleSchema }))
      .min(1)
      .describe('limit = multiple × annual volume for the first tier with score ≥ minScore'),
  }),
  tree: z
    .strictObject({ decline: z.array(z.string()).default([]), review: z.array(z.string()).default([]) })
    .optional()
    .describe('credit-tree classes that force a decline or at most a review'),
});
export type ScoringModel = z.infer<typeof scoringModelSchema>;

/** The content of a `weights` version: the global weight of every indicator. */
const weightsSchema = z.record(z.string().min(1), finite.min(0).max(1));

/** core's checkScorecard issues `indicators[k].…` renamed to the content's own keys (`codes[k]`). */
function scorecardIssues(e: unknown, rename: (k: number, rest: Issue['path']) => Issue['path'] | undefined): Issue[] {
  if (!(e instanceof ValidationError)) throw e;
  return e.issues.flatMap((i) => {
    if (i.path[0] !== 'indicators') return [i];
    const path = typeof i.path[1] === 'number' ? rename(i.path[1], i.path.slice(2)) : [];
    return path ? [{ ...i, path }] : [];
  });
}

/** A scoring-rule content, parsed; its rules and grades as core's scorecard will judge them. */
export function parseScoringModel(content: unknown): ScoringModel {
  const model = parseWith(scoringModelSchema, content);
  const codes = Object.keys(model.rules ?? {});
  // The weights are another version's: the probe gives the first rule all of the weight, so only
  // the rules and the grades can fail.
  const probe: ScorecardIndicator[] =
    codes.length === 0
      ? [{ code: 'probe', weight: 1 }]
      : codes.map((code, k) => ({ code, weight: k === 0 ? 1 : 0, rule: model.rules?.[code] as ScoringRule }));
  try {
    checkScorecard(probe, model.grades);
  } catch (e) {
    const issues = scorecardIssues(e, (k, rest) => (rest[0] === 'rule' ? ['rules', codes[k] as string, ...rest.slice(1)] : undefined));
    if (issues.length > 0) throw new ValidationError(issues);
  }
  return model;
}

/** A weights content, parsed: non-negative, summing to 1 as core's scorecard requires. */
export function parseWeights(content: unknown): Record<string, number> {
  const weights = parseWith(weightsSchema, content);
  const codes = Object.keys(weights);
  try {
    checkScorecard(codes.map((code) => ({ code, weight: weights[code] as number })));
  } catch (e) {
    throw new ValidationError(scorecardIssues(e, (k) => [codes[k] as string]));
  }
  return weights;
}

/** An indicator system: a tree in the tree format that core's validateHierarchy accepts. */
function checkIndicatorSystem(content: unknown): void {
  parseWith(hierarchyInputSchema, content);
  validateHierarchy(parseTreeMatrices(content));
}

const CHECKS: Record<ModelKind, (content: unknown) => unknown> = {
  'scoring-rule': parseScoringModel,
  weights: parseWeights,
  'credit-tree': parseTreeModel,
  'indicator-system': checkIndicatorSystem,
  study: checkStudy,
};

/** Check the content of a `kind` version: a ValidationError with paths inside the content, or nothing. */
export function checkModelContent(kind: ModelKind, content: unknown): void {
  CHECKS[kind](content);
}
