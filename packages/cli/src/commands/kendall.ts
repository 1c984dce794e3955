/** `scf-risk kendall`: Kendall's coefficient of concordance W with χ² and p (SPEC §3.8, §10). */

import { type KendallResult, type KendallTies, kendallOptionsSchema, runKendall } from '@scf-risk/core';
import { fmt } from '@scf-risk/report';
import type { Command } from 'commander';
import { addMethodCommand } from '../command.ts';
import { flagOf } from '../schema-options.ts';
import { summaryOf } from './index.ts';

export function register(program: Command): void {
  addMethodCommand<KendallResult, { ties: KendallTies }>(program, {
    name: 'kendall',
    summary: summaryOf('kendall'),
    details: [
      'Input: {ranks} or {ratings}: rows = objects, columns = raters (each column is ranked; ties get average ranks).',
      'Output: w, chiSquare, df, p, rankSums, tieCorrection.',
    ].join('\n'),
    examples: [
      'scf-risk kendall examples/weighting/kendall.yaml',
      'scf-risk kendall examples/weighting/kendall.yaml --ties ignore --format json',
    ],
    options: (cmd) => cmd.addOption(flagOf(kendallOptionsSchema, 'ties', '--ties <rule>', 'tie correction')),
    run(input, opts) {
      return { result: runKendall(input.data, { ties: opts.ties }) };
    },
    presenter: {
      tables: (r) => [
        {
          title: "Kendall's coefficient of concordance",
          header: ['objects n', 'raters m', 'W', 'χ²', 'df', 'p', 'ties'],
          rows: [[r.n, r.m, fmt(r.w, 4), fmt(r.chiSquare, 4), r.df, fmt(r.p, 6), r.ties]],
        },
      ],
    },
  });
}
