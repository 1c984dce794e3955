/**
 * `scf-risk tree validate` (stratified k-fold cross-validation of ID3, C4.5 and CART side by side)
 * and `scf-risk tree weights` (weights and a points-style scorecard from the information gains),
 * SPEC §5.3, §5.4. Both attach to the `tree` parent command.
 */

import {
  binaryDiscrimination,
  type ClassificationReport,
  type CreditDataset,
  classificationReport,
  DEFAULT_NPL_RATIOS,
  fitLogistic,
  fitWoe,
  type GainWeightsResult,
  logisticProbability,
  predictTreeDataset,
  stratifiedFolds,
  subsetCreditDataset,
  type TreeAlgorithm,
  trainTree,
  treeGainWeights,
  ValidationError,
} from '@scf-risk/core';
import { readLoanHistory } from '@scf-risk/io';
import { fmt } from '@scf-risk/report';
import { type Command, Option } from 'commander';
import { guard } from '../command.ts';
import { defaultFormat, emit, type Format } from '../output.ts';
import { startProgress } from '../progress.ts';
import { parseCutoffs, treeCommand } from './tree.ts';

const ALGORITHMS: (TreeAlgorithm | 'logistic')[] = ['id3', 'c45', 'cart', 'logistic'];

interface CommonOpts {
  data: string;
  target: string;
  cutoffs?: string;
  sheet?: string;
  format?: Format;
}

async function load(opts: CommonOpts) {
  const cutoffs = parseCutoffs(opts.cutoffs);
  return readLoanHistory(opts.data, {
    target: opts.target,
    kinds: {},
    targetKind: cutoffs ? 'days' : 'auto',
    ...(cutoffs ? { cutoffs } : {}),
    ...(opts.sheet ? { sheet: opts.sheet } : {}),
  });
}

export interface ModelValidation {
  algorithm: TreeAlgorithm | 'logistic';
  /** Pooled out-of-fold predictions. */
  report: ClassificationReport;
  /** High risk (the first class) vs the rest, scored by the predicted probability of high risk. */
  auc: number;
  ks: number;
  gini: number;
  folds: { fold: number; accuracy: number; macroF1: number }[];
}

/**
 * The logistic WoE scorecard on the same folds: WoE bins and the fit are learnt on each training
 * part; its report is binary (high risk vs the rest, threshold 0.5).
 */
function validateLogistic(ds: CreditDataset, fold: Int32Array, k: number): ModelValidation {
  const pHigh = new Float64Array(ds.rows);
  const perFold: ModelValidation['folds'] = [];
  const isBad = (l: number) => l === 0;
  for (let f = 0; f < k; f++) {
    const train: number[] = [];
    const test: number[] = [];
    for (let i = 0; i < ds.rows; i++) (fold[i] === f ? test : train).push(i);
    const woe = fitWoe(ds, train, isBad);
    const features = (r: number) => woe.map((a) => a.bins[a.binOf(ds, r)].woe);
    const fit = fitLogistic(
      train.map(features),
      train.map((r) => (isBad(ds.labels[r]) ? 1 : 0)),
    );
    for (const r of test) pHigh[r] = logisticProbability(fit, features(r));
    const fr = classificationReport(
      test.map((r) => (isBad(ds.labels[r]) ? 0 : 1)),
      test.map((r) => (pHigh[r] >= 0.5 ? 0 : 1)),
      [ds.classes[0], 'rest'],
    );
    perFold.push({ fold: f + 1, accuracy: fr.accuracy, macroF1: fr.macroF1 });
  }
  const actual = Array.from(ds.labels, (l) => (isBad(l) ? 0 : 1));
  const report = classificationReport(
    actual,
    Array.from(pHigh, (p) => (p >= 0.5 ? 0 : 1)),
    [ds.classes[0], 'rest'],
  );
  return { algorithm: 'logistic', report, ...binaryDiscrimination(pHigh, Array.from(ds.labels, isBad)), folds: perFold };
}

export function register(program: Command): void {
  const tree = treeCommand(program);
  tree
    .command('validate')
    .summary('stratified k-fold cross-validation of the trees side by side: accuracy, macro-F1, AUC, KS, Gini')
    .requiredOption('--data <file>', 'loan history (CSV, XLSX, JSON)')
    .requiredOption('--target <column>', 'class column or days overdue')
    .option('--folds <k>', 'number of folds', '5')
    .option('--seed <s>', 'seed of the fold assignment', '1')
    .option(
      '--algorithms <list>',
      'comma-separated: id3, c45, cart, logistic (WoE scorecard baseline: high risk vs the rest)',
      'id3,c45,cart,logistic',
    )
    .option('--max-depth <n>', 'maximum depth of every tree')
    .option('--min-leaf <n>', 'minimum rows per leaf')
    .option('--cutoffs <days>', 'days-overdue cut-offs lower,medium,high (default 30,60,90)')
    .option('--sheet <name>', 'XLSX sheet')
    .addOption(new Option('--format <format>', 'output format').choices(['json', 'table', 'csv']))
    .addHelpText(
      'after',
      '\nExamples:\n  scf-risk tree validate --data examples/loan-history-small.csv --target "days overdue" --max-depth 5\n',
    )
    .action(async (opts: CommonOpts & { folds: string; seed: string; algorithms: string; maxDepth?: string; minLeaf?: string }) => {
      await guard(async () => {
        const algorithms = opts.algorithms.split(',').map((s) => s.trim()) as (TreeAlgorithm | 'logistic')[];
        for (const a of algorithms)
          if (!ALGORITHMS.includes(a))
            throw new ValidationError([{ path: ['algorithms'], message: `unknown algorithm "${a}"`, allowed: ALGORITHMS.join(', ') }]);
        const k = Number(opts.folds);
        const seed = Number(opts.seed);
        const maxDepth = opts.maxDepth === undefined ? undefined : Number(opts.maxDepth);
        const minLeaf = opts.minLeaf === undefined ? undefined : Number(opts.minLeaf);
        const { dataset: ds } = await load(opts);
        const fold = stratifiedFolds(ds.labels, k, seed);
        const counts = new Map<number, number>();
        for (const l of ds.labels) counts.set(l, (counts.get(l) ?? 0) + 1);
        const smallest = Math.min(...counts.values());
        if (smallest < k)
          throw new ValidationError([
            {
              path: ['folds'],
              message: `${k} folds but a class has only ${smallest} rows; every fold needs each class`,
              allowed: `at most ${smallest} folds`,
            },
          ]);
        const progress = startProgress(algorithms.length * k, 'cross-validation');
        let done = 0;
        const results: ModelValidation[] = algorithms.map((algorithm) => {
          if (algorithm === 'logistic') {
            const v = validateLogistic(ds, fold, k);
            done += k;
            progress.update(done, 'logistic');
            return v;
          }
          const predicted = new Int32Array(ds.rows);
          const pHigh = new Float64Array(ds.rows);
          const perFold: ModelValidation['folds'] = [];
          for (let f = 0; f < k; f++) {
            const train: number[] = [];
            const test: number[] = [];
            for (let i = 0; i < ds.rows; i++) (fold[i] === f ? test : train).push(i);
            const model = trainTree(subsetCreditDataset(ds, train), {
              algorithm,
              ...(maxDepth !== undefined ? { maxDepth } : {}),
              ...(minLeaf !== undefined ? { minLeaf } : {}),
              recordCandidates: false,
            });
            const p = predictTreeDataset(model, ds, test);
            const C = p.classes.length;
            const toDs = p.classes.map((c) => ds.classes.indexOf(c));
            test.forEach((row, t) => {
              predicted[row] = toDs[p.predicted[t]];
              pHigh[row] = p.probabilities[t * C + p.classes.indexOf(ds.classes[0])] ?? 0;
            });
            const fr = classificationReport(
              test.map((r) => ds.labels[r]),
              test.map((r) => predicted[r]),
              ds.classes,
            );
            perFold.push({ fold: f + 1, accuracy: fr.accuracy, macroF1: fr.macroF1 });
            progress.update(++done, `${algorithm} fold ${f + 1}/${k}`);
          }
          const report = classificationReport(ds.labels, predicted, ds.classes);
          const positive = Array.from(ds.labels, (l) => l === 0);
          return { algorithm, report, ...binaryDiscrimination(pHigh, positive), folds: perFold };
        });
        progress.stop();
        emit(
          { folds: k, seed, rows: ds.rows, classes: ds.classes, positiveClass: ds.classes[0], models: results },
          opts.format ?? defaultFormat(),
          {
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
          },
        );
      });
    });

  tree
    .command('weights')
    .summary('attribute weights from the root information gains (0–100) and a points-style scorecard ([002 §3])')
    .requiredOption('--data <file>', 'loan history (CSV, XLSX, JSON)')
    .requiredOption('--target <column>', 'class column or days overdue')
    .option('--npl-ratios <list>', `non-performing-loan ratio per class, in class order (default ${DEFAULT_NPL_RATIOS.join(',')})`)
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
