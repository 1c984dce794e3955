/** `scf-risk ahp`: weights and consistency of one pairwise comparison matrix (SPEC §3.1, §10). */

import { type AhpRunResult, CR_THRESHOLD, runAhp } from '@scf-risk/core/ahp';
import { ahpTables, scalesTable, uncertaintyTable } from '@scf-risk/report/tables';
import type { Command } from 'commander';
import { type AhpCliOptions, type AnalysisCliOptions, addAhpOptions, addAnalysisOptions, ahpFlags, analysisFlags } from '../ahp-options.ts';
import { addMethodCommand } from '../command.ts';
import { summaryOf } from './index.ts';

/** The AHP result with the analyses asked for. */
export type AhpOutput = AhpRunResult;

export function register(program: Command): void {
  addMethodCommand<AhpOutput, AhpCliOptions & AnalysisCliOptions>(program, {
    name: 'ahp',
    summary: summaryOf('ahp'),
    details: [
      'Input (JSON or YAML):',
      "  matrix   n×n pairwise judgments on Saaty's 1–9 scale, row-major; a cell is a",
      '           number or a fraction string ("1/3"); null = a missing judgment',
      "           (estimated by Harker's method, LLSM with --method geometric-mean, or",
      '           --incomplete-method lambda-max: the completion of smallest λmax)',
      '  labels?  n names, strings or {zh, en}',
      '  e.g. {"matrix": [[1, 3, 5], ["1/3", 1, 2], ["1/5", "1/2", 1]]}',
      'Output: weights, lambdaMax, lambdaMethod, ci, ri, riTable, cr, consistent',
      '  (CR < 0.10), method, iterations, labels, warnings; when CR ≥ 0.10:',
      '  inconsistentPairs [{i, j, value, epsilon, suggested, crAfter}],',
      '  repairedMatrix, repairSteps, repairedCr (proposals; your matrix is unchanged);',
      '  with missing judgments: filledMatrix, incompleteMethod (and completion for lambda-max);',
      '  with --scales: scales (weights, ranks and CR per judgment scale); with --uncertainty N:',
      '  uncertainty (per element mean, sd, 2.5/97.5 % quantiles; rank probabilities).',
      'Exit codes: 0 ok; 1 --strict and CR ≥ 0.10; 2 invalid input; 3 internal error.',
    ].join('\n'),
    examples: [
      'scf-risk ahp examples/ahp/drinks.yaml',
      'scf-risk ahp examples/ahp/drinks.yaml --method geometric-mean --ri donegan-dodd --format json',
      'scf-risk ahp examples/ahp/drinks.yaml --scales all --uncertainty 1000 --seed 7',
    ],
    options: (cmd) => addAnalysisOptions(addAhpOptions(cmd), false),
    run(input, opts) {
      const result = runAhp(input.data, { ...ahpFlags(opts), ...analysisFlags(opts) });
      return {
        result,
        ...(opts.strict && !result.consistent ? { failedCheck: `CR = ${result.cr.toFixed(4)} is not below ${CR_THRESHOLD}` } : {}),
      };
    },
    presenter: {
      tables: (r) => [
        ...ahpTables(r),
        ...(r.scales ? [scalesTable(r.scales, r.labels)] : []),
        ...(r.uncertainty ? [uncertaintyTable(r.uncertainty, r.labels)] : []),
      ],
      notes: (r) => r.warnings.map((w) => `warning: ${w}`),
    },
  });
}
