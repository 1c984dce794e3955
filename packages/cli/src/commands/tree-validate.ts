/**
 * `scf-risk tree validate` (stratified k-fold cross-validation of ID3, C4.5 and CART side by side
 * with the logistic baseline: core's `crossValidateCredit`) and `scf-risk tree weights` (weights
 * and a points-style scorecard from the information gains: core's `treeGainWeights`), SPEC §5.3,
 * §5.4. Both attach to the `tree` parent command and only load, call and print.
 */

import {
  type CrossValidationModel,
  type CrossValidationReport,
  crossValidateCredit,
  DEFAULT_NPL_RATIOS,
  type GainWeightsResult,
  treeGainWeights,
} from '@scf-risk/core';
import { readLoanHistory } from '@scf-risk/io';
import { fmt } from '@scf-risk/report';
import { type Command, Option } from 'commander';
import { guard } from '../guard.ts';
import { readFileBytes } from '../input.ts';
import { defaultFormat, emit, type Format } from '../output.ts';
import { type Progress, startProgress } from '../progress.ts';
import { numberFlag, numberListFlag } from '../schema-options.ts';
import { parseCutoffs, treeCommand } from './tree.ts';

interface CommonOpts {
  data: string;
  target: string;
  cutoffs?: string;
  sheet?: string;
  format?: Format;
}

async function load(opts: CommonOpts) {
  const cutoffs = parseCutoffs(opts.cutoffs);
  return readLoanHistory(await readFileBytes(opts.data), {
    target: opts.target,
    kinds: {},
    targetKind: cutoffs ? 'days' : 'auto',
    ...(cutoffs ? { cutoffs } : {}),
    ...(opts.sheet ? { sheet: opts.sheet } : {}),
  });
}

export function register(program: Command): void {
  const tree = treeCommand(program);
  tree
    .command('validate')
    .summary('stratified k-fold cross-validation of the trees side by side: accuracy, macro-F1, AUC, KS, Gini')
    .requiredOption('--data <file>', 'loan history (CSV, XLSX, JSON)')
    .requiredOption('--target <column>', 'class column or days overdue')
    .addOption(numberFlag('--folds <k>', 'number of folds', { int: true, min: 2 }, '5'))
    .addOption(numberFlag('--seed <s>', 'seed of the fold assignment', { int: true }, '1'))
    .option(
      '--algorithms <list>',
      'comma-separated: id3, c45, cart, logistic (WoE scorecard baseline: high risk vs the rest)',
      'id3,c45,cart,logistic',
    )
    .addOption(numberFlag('--max-depth <n>', 'maximum depth of every tree', { int: true, min: 0 }))
    .addOption(numberFlag('--min-leaf <n>', 'minimum rows per leaf', { int: true, min: 1 }))
    .option('--cutoffs <days>', 'days-overdue cut-offs lower,medium,high (default 30,60,90)')
    .option('--sheet <name>', 'XLSX sheet')
    .addOption(new Option('--format <format>', 'output format').choices(['json', 'table', 'csv']))
    .addHelpText(
      'after',
      '\nExamples:\n  scf-risk tree validate --data examples/loan-history-small.csv --target "days overdue" --max-depth 5\n',
    )
    .action(async (opts: CommonOpts & { folds: string; seed: string; algorithms: string; maxDepth?: string; minLeaf?: string }) => {
      await guard(async () => {
        const { dataset } = await load(opts);
        let bar: Progress | undefined;
        let report: CrossValidationReport;
        try {
          report = crossValidateCredit(dataset, {
            folds: Number(opts.folds),
            seed: Number(opts.seed),
            algorithms: opts.algorithms.split(',').map((s) => s.trim()) as CrossValidationModel[],
            ...(opts.maxDepth !== undefined ? { maxDepth: Number(opts.maxDepth) } : {}),
            ...(opts.minLeaf !== undefined ? { minLeaf: Number(opts.minLeaf) } : {}),
            onProgress: (done, total, step) => {
              bar ??= startProgress(total, 'cross-validation');
              bar.update(done, step);
            },
          });
        } finally {
          bar?.stop();
        }
        emit(report, opts.format ?? defaultFormat(), {
          tables: (r) => [
            {
              title: `${r.folds}-fold stratified cross-validation (seed ${r.seed}), ${r.rows} rows; AUC/KS/Gini: ${r.positiveClass} vs the rest (logistic: accuracy and macro-F1 of that binary split)`,
              header: ['model', 'accuracy', 'macro-F1', 'AUC', 'KS', 'Gini'],

              rows: r.models.map((m) => [
                m.algorithm,
                fmt(m.report.accuracy, 4),
                fmt(m.report.macroF1, 4),
                fmt(m.auc, 4),
                fmt(m.ks, 4),
                fmt(m.gini, 4),
              ]),
            },
            ...r.models
              .filter((m) => m.algorithm !== 'logistic')
              .map((m) => ({
                title: `${m.algorithm}: confusion matrix (rows actual, columns predicted)`,
                header: ['actual \\ predicted', ...r.classes, 'recall'],
                rows: m.report.confusion.map((row, a) => [r.classes[a], ...row, fmt(m.report.recall[a], 3)]),
              })),
          ],
        });
      });
    });

  tree
    .command('weights')
    .summary('attribute weights from the root information gains (0–100) and a points-style scorecard ([002 §3])')
    .requiredOption('--data <file>', 'loan history (CSV, XLSX, JSON)')
    .requiredOption('--target <column>', 'class column or days overdue')
    .addOption(
      numberListFlag(
        '--npl-ratios <list>',
        `non-performing-loan ratio per class, in class order (default ${DEFAULT_NPL_RATIOS.join(',')})`,
        {
          min: 0,
          max: 1,
        },
      ),
    )
    .option('--cutoffs <days>', 'days-overdue cut-offs lower,medium,high (default 30,60,90)')
    .option('--sheet <name>', 'XLSX sheet')
    .addOption(new Option('--format <format>', 'output format').choices(['json', 'table', 'csv']))
    .addHelpText('after', '\nExamples:\n  scf-risk tree weights --data examples/loan-history-small.csv --target "days overdue"\n')
    .action(async (opts: CommonOpts & { nplRatios?: string }) => {
      await guard(async () => {
        const { dataset } = await load(opts);
        const npl = opts.nplRatios?.split(',').map(Number);
        const result: GainWeightsResult = treeGainWeights(dataset, npl ?? DEFAULT_NPL_RATIOS);
        emit(result, opts.format ?? defaultFormat(), {
          tables: (r) => [
            {
              title: 'Attribute influence (root information gain)',
              header: ['attribute', 'gain', 'normalised', '0–100'],
              rows: [...r.attributes]
                .sort((a, b) => b.gain - a.gain)
                .map((a) => [a.attribute, fmt(a.gain, 4), fmt(a.normalised, 4), fmt(a.mapped, 1)]),
            },
            {
              title: `Scorecard (coefficient = attribute influence × value influence; NPL ratios ${r.nplRatios.join(', ')})`,
              header: ['attribute', 'value', 'count', 'value influence', 'coefficient'],
              rows: r.values.map((v) => [v.attribute, v.value, v.count, fmt(v.influence, 4), fmt(v.coefficient, 2)]),
            },
          ],
        });
      });
    });
}
