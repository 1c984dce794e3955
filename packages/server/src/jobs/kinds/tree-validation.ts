/**
 * `tree-validation`: the validation figures of a credit tree on loans with known outcomes (SPEC
 * §5.4) for the workbench — core's `validateTreeOn`: the tree classifies every loan, then the
 * confusion matrix (rows actual, columns predicted), accuracy, precision, recall, F1, macro-F1, and
 * AUC, KS and Gini (= 2·AUC − 1) of the first class (high risk) against the rest, scored by the
 * tree's probability of that class (the figures `scf-risk tree validate` gives per fold).
 *
 * Input: the tree — a stored `credit-tree` model version (`modelVersionId`) or a model file inline
 * (`model`, what `tree-training` returns as `model`) — and the loans as CSV text, read as the tree
 * was trained (its labelling: the target column, days overdue cut into risk classes by its
 * cut-offs or class names; `target` renames the column). At submission an inline model is checked
 * with core's parseTreeModel and the CSV read with its labelling (400 naming `input.model…`,
 * `input.csv`, `input.target`); a stored version is looked up when the job runs.
 * Result: `{modelVersionId, algorithm, labelling, rows, classes, positiveClass, auc, ks, gini,
 * report: {classes, confusion, accuracy, precision, recall, f1, macroF1, n}}`.
 */
import { parseTreeModel, type TreeModelFile, ValidationError, validateTreeOn } from '@scf-risk/core';
import { messageText } from '@scf-risk/report';
import { z } from 'zod';
import { HttpProblem } from '../../problem.ts';
import { idSchema } from '../../schemas.ts';
import type { ServiceContext } from '../../services/context.ts';
import { getModel } from '../../services/models.ts';
import type { JobKind } from '../registry.ts';
import { checkWith } from './check-with.ts';
import { readCsvHistory } from './loan-history-input.ts';

const input = z
  .strictObject({
    modelVersionId: idSchema.optional().describe('a stored credit-tree model version'),
    model: z.unknown().optional().describe('or a tree model file inline (what tree-training returns as `model`)'),
    csv: z.string().min(1).describe('the loans with their outcomes: CSV text with a header row'),
    target: z.string().min(1).optional().describe("the outcome column, when not named as in the tree's training"),
  })
  .superRefine((v, ctx) => {
    if ((v.modelVersionId === undefined) === (v.model === undefined))
      ctx.addIssue({ code: 'custom', path: ['modelVersionId'], message: 'give either modelVersionId or model, not both' });
    if (v.model !== undefined) checkWith(ctx, ['model'], () => parseTreeModel(v.model));
  });
type Input = z.output<typeof input>;

/** The stored version's tree (a ValidationError at `modelVersionId` when there is none of that kind). */
async function storedTree(ctx: ServiceContext, id: string): Promise<TreeModelFile> {
  const refuse = (message: string): never => {
    throw new ValidationError([{ path: ['modelVersionId'], message }]);
  };
  try {
    const version = await getModel(ctx.store, id);
    if (version.kind !== 'credit-tree') refuse(`model version ${id} is a ${version.kind}, not a credit-tree`);
    return parseTreeModel(version.content);
  } catch (e) {
    if (e instanceof HttpProblem && e.status === 404) return refuse(`no model version with id ${id}`);
    throw e;
  }
}

/** The loans read as the tree was trained. */
function readLoans(tree: TreeModelFile, o: Input) {
  const kinds = Object.fromEntries(tree.attributes.map((a) => [a.name, a.kind]));
  const { labelling } = tree;
  return readCsvHistory(o.csv, { target: o.target ?? labelling.target, targetKind: labelling.kind, cutoffs: labelling.cutoffs, kinds });
}

export const treeValidation: JobKind<Input> = {
  summary: 'validate a credit tree on loans with outcomes (CSV text); result: AUC, KS, Gini, confusion matrix, accuracy',
  input,
  async check(o) {
    if (o.model !== undefined) await readLoans(parseTreeModel(o.model), o);
  },
  async run(o, ctx) {
    await ctx.progress(0, messageText('job.tree-validation.reading'));
    const tree = o.modelVersionId ? await storedTree(ctx, o.modelVersionId) : parseTreeModel(o.model);
    const loaded = await readLoans(tree, o);
    await ctx.checkpoint();
    await ctx.progress(0.5, messageText('job.tree-validation.classifying', { rows: loaded.dataset.rows }));
    let figures: ReturnType<typeof validateTreeOn>;
    try {
      figures = validateTreeOn(tree, loaded.dataset);
    } catch (e) {
      throw e instanceof ValidationError ? e.at('csv') : e;
    }
    await ctx.progress(1, messageText('job.done'));
    return { modelVersionId: o.modelVersionId ?? null, algorithm: tree.algorithm, labelling: tree.labelling, ...figures };
  },
};
