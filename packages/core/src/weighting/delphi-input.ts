/**
 * The `delphi` input document and options (SPEC §3.8, §10): one round's scores (rows = experts,
 * columns = indicators) or a file of answers; options `scale`, `sd`.
 */
import { z } from 'zod';
import { customIssue, labelsSchema } from '../input-schema.ts';
import { sdKindSchema } from './critic-input.ts';
import { DELPHI_SCALE_PATTERN, type DelphiScaleName } from './delphi.ts';

/** A scale name: "1-3-5" ([004]) or "1-K", the integers 1 to K (2 ≤ K ≤ 100). */
export const delphiScaleSchema = z
  .string()
  .regex(DELPHI_SCALE_PATTERN, {
    error: (iss) =>
      `"${String(iss.input)}" is not a scale: give 1-3-5, or 1-K for the integers 1 to K (K from 2 to 100), e.g. 1-5, 1-7, 1-10`,
  })
  .describe(
    'importance scale: 1-3-5 ([004]) or 1-K, the integers 1 to K (1-5, 1-7, 1-10 …); default 1 to fullScore when fullScore is given, else 1-3-5',
  ) as unknown as z.ZodType<DelphiScaleName, string>;

/** `{scores, indicators?, labels?, fullScore?}` or `{answers, round?}`. */
export const delphiInputSchema = z
  .object({
    scores: z
      .array(z.array(z.number()))
      .optional()
      .describe('rows = experts, columns = indicators: each expert’s importance score of each indicator'),
    answers: z
      .string()
      .optional()
      .describe(
        'instead of scores (command line): a CSV/XLSX file of answers, relative to this file — wide (expert[,round],<codes>…) or long (expert,indicator,score[,round])',
      ),
    round: z.number().int().positive().optional().describe('the round to screen from answers (default the last)'),
    indicators: z.array(z.string()).optional().describe('indicator codes, one per column of scores'),
    labels: labelsSchema.describe('indicator names, strings or {zh, en}'),
    fullScore: z
      .number()
      .optional()
      .describe(
        'the score counted as full marks (default the top of the scale); without a scale it implies the scale 1 to fullScore (e.g. 7 → 1-7)',
      ),
  })
  .superRefine((d, ctx) => {
    if (!d.scores && !d.answers) ctx.addIssue(customIssue('give scores or answers', [], '{scores: [[...]]} or {answers: "file.csv"}'));
  })
  .meta({
    description: 'One Delphi round: scores or answers, screened by [004]’s thresholds (keep / discuss / delete)',
    anyOf: [{ required: ['scores'] }, { required: ['answers'] }],
  });

/** The options of `scf-risk delphi`, with its defaults. */
export const delphiOptionsSchema = z
  .object({
    scale: delphiScaleSchema.optional(),
    sd: sdKindSchema,
  })
  .describe('Delphi options (the flags of scf-risk delphi)');

export type DelphiInput = z.output<typeof delphiInputSchema>;
export type DelphiInputOptions = z.output<typeof delphiOptionsSchema>;
