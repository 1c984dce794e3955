/**
 * The `ifahp` input document and options (SPEC §3.2, §10): an intuitionistic preference relation
 * as a full matrix of [μ, ν] pairs or as its upper triangle (`upper`, verbal grades allowed);
 * options `tau`, `sigma`, `convention`, `crisp`.
 */
import { z } from 'zod';
import { customIssue, labelsSchema } from '../input-schema.ts';

/** An intuitionistic fuzzy number [μ, ν]. */
export const ifnSchema = z.tuple([z.number(), z.number()]).describe('[mu, nu]: membership and non-membership, mu + nu ≤ 1');

/** `{matrix}` or `{upper}`, with `labels?`. */
export const ifahpInputSchema = z
  .object({
    matrix: z
      .array(z.array(ifnSchema))
      .optional()
      .describe('the full relation: n×n [mu, nu] pairs, r_ki = (ν_ik, μ_ik), diagonal (0.5, 0.5)'),
    upper: z
      .record(z.string(), z.union([ifnSchema, z.number(), z.string()]))
      .optional()
      .describe(
        'the upper triangle instead of matrix, keyed by 1-based "ik" (n ≤ 9) or "i,k" (e.g. "1,10"): a judgment is [mu, nu], ' +
          'a grade of the nine-grade verbal scale ("g9" … "g1", "extremely more important" …, 极端重要 …), or a Saaty-like 1/3/5/7/9 or "1/3" … "1/9"',
      ),
    labels: labelsSchema.describe('n names of the compared elements, strings or {zh, en}'),
  })
  .superRefine((d, ctx) => {
    if (!d.matrix && !d.upper)
      ctx.addIssue(customIssue('give matrix or upper', [], '{matrix: [[[mu, nu], ...]]} or {upper: {"12": [mu, nu], ...}}'));
  })
  .meta({
    description: 'An intuitionistic preference relation (IFAHP, Xu & Liao 2014): give matrix or upper',
    anyOf: [{ required: ['matrix'] }, { required: ['upper'] }],
  });

/** The options of `scf-risk ifahp`, with its defaults. */
export const ifahpOptionsSchema = z
  .object({
    tau: z.number().positive().default(0.1).describe('consistency threshold on d(R̄, R)'),
    sigma: z.number().gt(0).max(1).default(0.5).describe('controlling parameter of the repair, in (0, 1]'),
    convention: z
      .enum(['fixed-reference', 'rebuild'])
      .default('fixed-reference')
      .describe('repair against the original R̄, or rebuild R̄ every round'),
    crisp: z
      .enum(['score', 'one-minus-nu'])
      .default('score')
      .describe('defuzzification of the IF weights: (1 + μ − ν)/2 normalised, or 1 − ν normalised'),
  })
  .describe('IFAHP options (the flags of scf-risk ifahp)');

export type IfahpInput = z.output<typeof ifahpInputSchema>;
export type IfahpInputOptions = z.output<typeof ifahpOptionsSchema>;
