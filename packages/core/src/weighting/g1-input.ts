/**
 * The `g1` input document (SPEC §3.5, §10): one expert's order and ratios, or a group of experts.
 * G1 has no options.
 */
import { z } from 'zod';
import { labelsSchema } from '../input-schema.ts';

const ratiosSchema = z
  .array(z.union([z.number(), z.string()]))
  .describe(
    'r₂ … rₙ, r_k = w_{k−1}/w_k ≥ 1: a number or a term — equal 1.0, slightly 1.2, clearly 1.4, strongly 1.6, extremely 1.8 (also 同等重要 … 极端重要)',
  );
const orderSchema = z.array(z.string()).min(1).describe('indicator codes from the most to the least important');
const indicatorsSchema = z
  .array(z.string())
  .optional()
  .describe('the indicators in their original order (weights are also given in this order)');

/** One expert: `{order, ratios, indicators?, labels?}`. */
export const g1SingleInputSchema = z
  .object({
    order: orderSchema,
    ratios: ratiosSchema,
    indicators: indicatorsSchema,
    labels: labelsSchema.describe('names, in order’s order'),
  })
  .describe('One expert’s G1 judgment');

/** A group: `{experts: [{id?, weight?, order, ratios}], indicators?}`. */
export const g1GroupInputSchema = z
  .object({
    experts: z
      .array(
        z.object({
          id: z.string().optional().describe('the expert’s name'),
          weight: z.number().optional().describe('the expert’s weight (default equal)'),
          order: orderSchema,
          ratios: ratiosSchema,
        }),
      )
      .min(1)
      .describe('the experts, who may order the indicators differently; their weight vectors are averaged'),
    indicators: indicatorsSchema,
  })
  .describe('A group of experts’ G1 judgments');

/** A document with `experts` is a group, any other one expert (the CLI decides the same way). */
export function isG1Group(data: unknown): boolean {
  return typeof data === 'object' && data !== null && 'experts' in data;
}

/** One expert or a group (a document with `experts`). */
export const g1InputSchema = z
  .union([g1GroupInputSchema, g1SingleInputSchema])
  .describe('G1 (order-relation) weights: one expert {order, ratios} or a group {experts}');

/** G1 takes no options. */
export const g1OptionsSchema = z.object({}).describe('G1 has no options');

export type G1Input = z.output<typeof g1InputSchema>;
