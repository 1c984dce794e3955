/**
 * `tree-training`: learn a credit decision tree (ID3, C4.5, CART; SPEC §5) from a loan history
 * sent as CSV text, as `scf-risk tree train` does: io reads the table into a dataset (targets as
 * classes or days overdue → risk classes by cut-offs), core trains. Result: the model file
 * (`model`, what `tree predict` reads), the rules, the root gains and the diagnostics. The CSV is
 * read at submission too (loan-history-input.ts), so a target column it lacks or cut-offs out of
 * order are a 400 naming `input.target` / `input.cutoffs.high`, nothing queued.
 */
import { trainTree, treeModelFile, treeRules } from '@scf-risk/core';
import { messageText } from '@scf-risk/report';
import { z } from 'zod';
import type { JobKind } from '../registry.ts';
import { readCsvHistory } from './loan-history-input.ts';

const columns = z.array(z.string().min(1)).optional();

const input = z.strictObject({
  csv: z.string().min(1).describe('the loan history: CSV text with a header row'),
  target: z.string().min(1).describe('the class column (class names or days overdue)'),
  algorithm: z.enum(['id3', 'c45', 'cart']).default('id3'),
  maxDepth: z.number().int().min(0).optional(),
  minLeaf: z.number().int().min(1).optional(),
  minGain: z.number().min(0).optional(),
  ccpAlpha: z.number().min(0).optional(),
  prune: z.boolean().optional(),
  targetKind: z.enum(['auto', 'days', 'class']).default('auto'),
  cutoffs: z.strictObject({ lower: z.number(), medium: z.number(), high: z.number() }).optional().describe('days overdue'),
  ignore: columns.describe('columns to leave out (e.g. an id)'),
  categorical: columns,
  numeric: columns,
});

/** The history as the options say: targets as classes or days overdue cut into risk classes. */
function readHistory(o: z.output<typeof input>) {
  const kinds: Record<string, 'categorical' | 'numeric'> = {};
  for (const c of o.categorical ?? []) kinds[c] = 'categorical';
  for (const c of o.numeric ?? []) kinds[c] = 'numeric';
  return readCsvHistory(o.csv, { target: o.target, targetKind: o.targetKind, cutoffs: o.cutoffs, kinds, ignore: o.ignore });
}

export const treeTraining: JobKind<z.output<typeof input>> = {
  summary: 'learn a credit decision tree from a loan history (CSV text); result: the model, rules and diagnostics',
  input,
  async check(o) {
    await readHistory(o);
  },
  async run(o, ctx) {
    await ctx.progress(0.05, messageText('job.tree-training.reading'));
    const loaded = await readHistory(o);
    await ctx.checkpoint();
    await ctx.progress(0.3, messageText('job.tree-training.training', { algorithm: o.algorithm, rows: loaded.dataset.rows }));
    const model = trainTree(loaded.dataset, {
      algorithm: o.algorithm,
      ...(o.maxDepth !== undefined ? { maxDepth: o.maxDepth } : {}),
      ...(o.minLeaf !== undefined ? { minLeaf: o.minLeaf } : {}),
      ...(o.minGain !== undefined ? { minGain: o.minGain } : {}),
      ...(o.ccpAlpha !== undefined ? { ccpAlpha: o.ccpAlpha } : {}),
      ...(o.prune !== undefined ? { prune: o.prune } : {}),
    });
    return {
      algorithm: model.algorithm,
      labelling: loaded.labelling,
      classes: model.classes,
      rootGains: model.rootGains,
      rules: treeRules(model).map((r) => r.text),
      diagnostics: model.diagnostics,
      model: treeModelFile(model, loaded.labelling),
    };
  },
};
