/** `scf-risk gra`: grey relational analysis of alternatives, or of factors against a reference series (SPEC §4.3, §10). */

import { type GraRunResult, type GreyNormalisation, graOptionsSchema, runGra } from '@scf-risk/core';
import { elementName, fmt } from '@scf-risk/report';
import type { Command } from 'commander';
import { addMethodCommand } from '../command.ts';
import { flagOf } from '../schema-options.ts';
import { summaryOf } from './index.ts';

type GraOut = GraRunResult;

export function register(program: Command): void {
  addMethodCommand<GraOut, { normalisation?: GreyNormalisation; rho: string; normalise?: boolean }>(program, {
    name: 'gra',
    summary: summaryOf('gra'),
    details: [
      'Alternatives: {matrix (rows = alternatives), directions?, reference?, weights?, labels?, alternatives?}',
      '  → coefficients (rows × columns), grades (relational degrees), rank, deltaMin, deltaMax.',
      'Factors ([000]): {referenceSeries: [...], factors: [{name, series}], cutoffs? | levels? (default 4)}',
      '  → factors [{name, degree, rank, level}] grouped by natural breaks or cut-offs.',
      'Normalisation: min-max by direction (default for alternatives), initial (default for factors), mean, none.',
    ].join('\n'),
    examples: ['scf-risk gra examples/evaluation/platforms.yaml', 'scf-risk gra examples/evaluation/ztmg-factors.yaml --format json'],
    options: (cmd) =>
      cmd
        .addOption(flagOf(graOptionsSchema, 'normalisation', '--normalisation <rule>', 'dimensionless normalisation'))
        .addOption(flagOf(graOptionsSchema, 'rho', '--rho <ρ>', 'resolution coefficient in (0, 1]'))
        .option('--normalise', 'rescale weights that do not sum to 1'),
    run(input, opts) {
      const options = {
        rho: Number(opts.rho),
        normalise: opts.normalise ?? false,
        ...(opts.normalisation ? { normalisation: opts.normalisation } : {}),
      };
      return { result: runGra(input.data, options) };
    },
    presenter: {
      tables: (r) =>
        'factors' in r
          ? [
              {
                title: `Grey relational degree of factors (${r.normalisation}, ρ = ${r.rho}, ${r.grouping})`,
                header: ['factor', 'degree', 'rank', 'level'],
                rows: r.factors.map((f) => [f.name, fmt(f.degree, 4), f.rank, f.level]),
              },
            ]
          : [
              {
                title: `Grey relational analysis (${r.normalisation}, ρ = ${r.rho}, Δmin = ${fmt(r.deltaMin, 4)}, Δmax = ${fmt(r.deltaMax, 4)})`,
                header: ['alternative', ...r.weights.map((_, j) => elementName(r.labels, j)), 'degree', 'rank'],
                rows: r.grades.map((g, i) => [
                  elementName(r.alternatives as never, i),
                  ...r.coefficients[i].map((c) => fmt(c, 4)),
                  fmt(g, 4),
                  r.rank[i],
                ]),
              },
            ],
      notes: (r) => r.warnings.map((w) => `warning: ${w}`),
    },
  });
}
