/** `scf-risk ifahp`: intuitionistic fuzzy AHP with automatic repair (SPEC §3.2, §10). */

import { type IfahpConvention, type IfahpCrispRule, type IfahpResult, type Ifn, ifahpOptionsSchema, runIfahp } from '@scf-risk/core';
import { elementName, fmt, type Table } from '@scf-risk/report';
import type { Command } from 'commander';
import { addMethodCommand } from '../command.ts';
import { flagOf } from '../schema-options.ts';
import { summaryOf } from './index.ts';

const ifn = (c: Ifn) => `(${fmt(c[0], 3)}, ${fmt(c[1], 3)})`;

function relationTable(m: Ifn[][], labels: IfahpResult['labels'], title: string): Table {
  const names = m.map((_, i) => elementName(labels, i));
  return { title, header: ['', ...names], rows: m.map((row, i) => [names[i], ...row.map(ifn)]) };
}

export function register(program: Command): void {
  addMethodCommand<IfahpResult, { tau: string; sigma: string; convention: IfahpConvention; crisp: IfahpCrispRule }>(program, {
    name: 'ifahp',
    summary: summaryOf('ifahp'),
    details: [
      'Input: {matrix: [[[mu, nu], ...], ...]} (a full IPR: μ + ν ≤ 1, r_ki = (ν_ik, μ_ik), diagonal (0.5, 0.5)),',
      '  or {upper: {"12": judgment, ...}} — the upper triangle, 1-based keys "ik" (n ≤ 9) or "i,k" (any n, e.g. "1,10");',
      '  a judgment is [mu, nu], a grade of the nine-grade verbal scale ("g9" … "g1", "extremely more important" …',
      '  "extremely less important", 极端重要 … 极端不重要: (0.9, 0.1) (0.8, 0.15) (0.7, 0.2) (0.6, 0.25) (0.5, 0.3)',
      '  (0.4, 0.45) (0.3, 0.6) (0.2, 0.75) (0.1, 0.9)), or a Saaty-like 1/3/5/7/9 or "1/3"…"1/9"; labels?.',
      'Repair: while d(R̄, R) ≥ τ, every judgment moves towards R̄ by σ (the expert is not asked to re-score);',
      '  --convention fixed-reference keeps R̄ of the original relation, rebuild recomputes it each round.',
      'Output: consistentMatrix (R̄), distance, consistent, tau, sigma, convention, iterations, distances (per round),',
      '  repairedMatrix and repairedDistance (when repaired), ifWeights [[mu, nu]], weights (crisp, sum 1; --crisp score',
      '  = (1 + μ − ν)/2 normalised, the default, or one-minus-nu), rank (by score μ − ν, then accuracy μ + ν).',
    ].join('\n'),
    examples: [
      'scf-risk ifahp examples/weighting/ifahp.yaml',
      'scf-risk ifahp examples/weighting/ifahp.yaml --sigma 0.3 --convention rebuild --format json',
    ],
    options: (cmd) =>
      cmd
        .addOption(flagOf(ifahpOptionsSchema, 'tau', '--tau <τ>', 'consistency threshold on d(R̄, R)'))
        .addOption(flagOf(ifahpOptionsSchema, 'sigma', '--sigma <σ>', 'controlling parameter of the repair, in (0, 1]'))
        .addOption(flagOf(ifahpOptionsSchema, 'convention', '--convention <c>', 'repair against the original R̄, or rebuild R̄ every round'))
        .addOption(flagOf(ifahpOptionsSchema, 'crisp', '--crisp <rule>', 'defuzzification of the IF weights')),
    run(input, opts) {
      const options = { tau: Number(opts.tau), sigma: Number(opts.sigma), convention: opts.convention, crisp: opts.crisp };
      return { result: runIfahp(input.data, options) };
    },
    presenter: {
      tables: (r) => [
        {
          title: 'IFAHP weights',
          header: ['element', 'IF weight (μ, ν)', 'crisp weight', 'rank'],
          rows: r.ifWeights.map((w, i) => [elementName(r.labels, i), ifn(w), fmt(r.weights[i], 4), r.rank[i]]),
        },
        {
          title: 'Consistency',
          header: ['d(R̄, R)', 'τ', 'consistent', 'σ', 'repair rounds', 'd after repair', 'convention', 'crisp rule'],
          rows: [
            [
              fmt(r.distance, 4),
              r.tau,
              r.consistent ? 'yes' : 'no, repaired',
              r.sigma,
              r.iterations,
              r.repairedDistance === undefined ? '' : fmt(r.repairedDistance, 4),
              r.convention,
              r.crisp,
            ],
          ],
        },
        relationTable(r.consistentMatrix, r.labels, 'Perfectly multiplicative-consistent relation R̄'),
        ...(r.repairedMatrix ? [relationTable(r.repairedMatrix, r.labels, 'Repaired relation (used for the weights)')] : []),
      ],
      notes: (r) => r.warnings.map((w) => `warning: ${w}`),
    },
  });
}
