/**
 * The `ahp-group` input document and options (SPEC §10): several experts' pairwise matrices over
 * the same elements, aggregated by AIJ or AIP; the AHP options plus `aggregation`.
 */
import { z } from 'zod';
import { labelsSchema } from '../input-schema.ts';
import { ahpOptionsShape, pairwiseMatrixSchema } from './ahp-input.ts';

/** One expert of a panel: `{id?, weight?, matrix}`. */
export const panelExpertSchema = z.object({
  id: z.string().optional().describe('the expert’s name (default e1, e2, …)'),
  weight: z.number().optional().describe('the expert’s weight: positive, normalised over the panel (default equal)'),
  matrix: pairwiseMatrixSchema,
});

/** `{experts: [{id?, weight?, matrix}], labels?}`. */
export const ahpGroupInputSchema = z
  .object({
    experts: z
      .array(panelExpertSchema)
      .min(1, 'no experts')
      .describe('the panel: every expert judges the same n elements in the same order'),
    labels: labelsSchema.describe('n names of the compared elements, strings or {zh, en}'),
  })
  .describe('A panel’s pairwise comparison matrices (group AHP)');

/** Group aggregation: AIJ (weighted geometric mean of judgments) or AIP (of priority vectors). */
export const aggregationSchema = z
  .enum(['aij', 'aip'])
  .default('aij')
  .describe('aggregate judgments (aij: weighted geometric mean, then AHP) or priorities (aip: weighted arithmetic mean)');

/** The AHP options plus `aggregation`, with the defaults of `scf-risk ahp-group`. */
export const ahpGroupOptionsSchema = z
  .object({ ...ahpOptionsShape, aggregation: aggregationSchema })
  .describe('group AHP options (the flags of scf-risk ahp-group)');

export type AhpGroupInput = z.output<typeof ahpGroupInputSchema>;
export type AhpGroupInputOptions = z.output<typeof ahpGroupOptionsSchema>;
