/**
 * Rank probabilities of a TOPSIS evaluation (SPEC §4.5, the Monte-Carlo weight uncertainty of
 * studies): core's monteCarloRanks draws weight vectors from Dirichlet(κ·w) around the weights
 * TOPSIS used, re-scores every alternative as the weighted sum of its values min-max normalised by
 * direction (core's normaliseColumns — what a TOPSIS study's Monte Carlo re-weights) and counts how
 * often each alternative takes each rank: P(rank = k), the mean rank, the draws, seed and κ.
 * Bounded: at most MAX_DRAWS draws, MAX_ALTERNATIVES alternatives per document, and MAX_WORK
 * draws × alternatives × indicators over the job — beyond them a ValidationError at
 * `rankProbabilities.<what>` (POST /jobs: 400 naming `input.rankProbabilities.draws`).
 */
import {
  type MonteCarloResult,
  monteCarloRanks,
  normaliseColumns,
  type TopsisInput,
  type TopsisResult,
  ValidationError,
} from '@scf-risk/core';
import { z } from 'zod';

export const MAX_DRAWS = 100_000;
export const MAX_ALTERNATIVES = 1_000;
export const MAX_WORK = 200_000_000;

export const rankProbabilitiesSchema = z
  .strictObject({
    draws: z.number().int().min(1).max(MAX_DRAWS).default(1000).describe(`Monte-Carlo draws (1 … ${MAX_DRAWS}; default 1000)`),
    seed: z.number().int().default(1).describe('the random seed (default 1): the same seed gives the same probabilities'),
    concentration: z
      .number()
      .positive()
      .optional()
      .describe("Dirichlet concentration κ around the weights (core's default 100; larger = tighter)"),
  })
  .describe('P(rank = k) of every alternative under random weights around the given ones');
export type RankProbabilityOptions = z.output<typeof rankProbabilitiesSchema>;

/** Refuse work beyond the bounds (see the module comment); `sizes` = alternatives × indicators of each document. */
export function checkRankBudget(o: RankProbabilityOptions, sizes: readonly { alternatives: number; indicators: number }[]): void {
  const big = sizes.findIndex((s) => s.alternatives > MAX_ALTERNATIVES);
  if (big >= 0)
    throw new ValidationError([
      {
        path: ['rankProbabilities'],
        message: `document ${big} has ${sizes[big]?.alternatives} alternatives; rank probabilities are computed for at most ${MAX_ALTERNATIVES}`,
        allowed: `at most ${MAX_ALTERNATIVES} alternatives, or no rankProbabilities`,
      },
    ]);
  const work = sizes.reduce((acc, s) => acc + o.draws * s.alternatives * s.indicators, 0);
  if (work > MAX_WORK)
    throw new ValidationError([
      {
        path: ['rankProbabilities', 'draws'],
        message: `${o.draws} draws × alternatives × indicators = ${work} over the job, more than ${MAX_WORK}`,
        allowed: `at most ${Math.max(1, Math.floor((o.draws * MAX_WORK) / work))} draws for these documents`,
      },
    ]);
}

/** P(rank = k) of each alternative of `input`, around the weights TOPSIS used (`result.weights`). */
export function rankProbabilities(input: TopsisInput, result: TopsisResult, o: RankProbabilityOptions): MonteCarloResult {
  const directions = input.directions ?? input.weights.map(() => 'benefit' as const);
  return monteCarloRanks(result.weights, normaliseColumns(input.matrix as number[][], directions), {
    draws: o.draws,
    seed: o.seed,
    ...(o.concentration !== undefined ? { concentration: o.concentration } : {}),
  });
}
