/** `scf-risk critic`: CRITIC weights of a data matrix (SPEC §3.4, §10). */

import type { CriticConflictRule, CriticCorrelation, CriticNormalisation, SdKind } from '@scf-risk/core';
import { type CriticResult, criticOptionsSchema, runCritic } from '@scf-risk/core';
import { elementName, fmt } from '@scf-risk/report';
import type { Command } from 'commander';
import { addMethodCommand } from '../command.ts';
import { flagOf } from '../schema-options.ts';
import { summaryOf } from './index.ts';

export function register(program: Command): void {
  addMethodCommand<
    CriticResult,
    { sd: SdKind; normalisation: CriticNormalisation; correlationMethod: CriticCorrelation; conflictRule: CriticConflictRule }
  >(program, {
    name: 'critic',
    summary: summaryOf('critic'),
    details: [
      'Input: {matrix (rows = alternatives), directions?: [benefit|cost], labels?}',
      'Output: weights, std, conflict, information, correlation (r; "undefined" where a column does not vary),',
      '  sdKind, normalisation, correlationMethod, conflictRule, constantColumns, warnings.',
      'A column that does not vary has σ = 0: its correlation is undefined, it gets weight 0 and is left out of the others’ conflict.',
    ].join('\n'),
    examples: [
      'scf-risk critic examples/weighting/suppliers.yaml',
      'scf-risk critic examples/weighting/suppliers.yaml --sd population --format json',
      'scf-risk critic examples/weighting/suppliers.yaml --correlation-method spearman --conflict-rule absolute',
    ],
    options: (cmd) =>
      cmd
        .addOption(flagOf(criticOptionsSchema, 'sd', '--sd <kind>', 'standard deviation'))
        .addOption(flagOf(criticOptionsSchema, 'normalisation', '--normalisation <rule>', 'min-max by direction, or none (raw values)'))
        .addOption(flagOf(criticOptionsSchema, 'correlationMethod', '--correlation-method <r>', 'pearson or spearman'))
        .addOption(flagOf(criticOptionsSchema, 'conflictRule', '--conflict-rule <rule>', 'signed Σ(1 − r) or absolute Σ(1 − |r|)')),
    run(input, opts) {
      const { sd, normalisation, correlationMethod, conflictRule } = opts;
      return { result: runCritic(input.data, { sd, normalisation, correlationMethod, conflictRule }) };
    },
    presenter: {
      tables: (r) => [
        {
          title: `CRITIC weights (σ ${r.sdKind}, ${r.normalisation} normalisation, ${r.correlationMethod} r)`,
          header: [
            'indicator',
            'σ',
            r.conflictRule === 'absolute' ? 'conflict Σ(1 − |r|)' : 'conflict Σ(1 − r)',
            'information C',
            'weight',
          ],
          rows: r.weights.map((w, j) => [
            elementName(r.labels, j),
            fmt(r.std[j], 4),
            fmt(r.conflict[j], 4),
            fmt(r.information[j], 4),
            fmt(w, 4),
          ]),
        },
        {
          title: `Correlation r (${r.correlationMethod}; undefined where an indicator does not vary)`,
          header: ['', ...r.weights.map((_, j) => elementName(r.labels, j))],
          rows: r.correlation.map((row, j) => [elementName(r.labels, j), ...row.map((x) => (typeof x === 'number' ? fmt(x, 4) : x))]),
        },
      ],
      notes: (r) => r.warnings.map((w) => `warning: ${w}`),
    },
  });
}
