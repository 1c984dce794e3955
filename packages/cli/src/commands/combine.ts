/** `scf-risk combine`: combine subjective and objective weights (SPEC §3.7, §10). */

import { type CombineResult, type CombineRule, combineOptionsSchema, runCombine } from '@scf-risk/core';
import { elementName, fmt } from '@scf-risk/report';
import type { Command } from 'commander';
import { addMethodCommand } from '../command.ts';
import { flagOf } from '../schema-options.ts';
import { summaryOf } from './index.ts';

export function register(program: Command): void {
  addMethodCommand<CombineResult, { rule: CombineRule; alpha: string; normalise?: boolean }>(program, {
    name: 'combine',
    summary: summaryOf('combine'),
    details: [
      'Input: {subjective: [...], objective: [...], labels?} — same length, non-negative, each summing to 1',
      '  (or --normalise to rescale them).',
      'Rules: linear w = α·s + (1 − α)·o ([003]: α = β = 0.5); multiplicative w ∝ s·o; min-discrimination w ∝ √(s·o);',
      '  game: game-theoretic a₁·s + a₂·o from the exact 2×2 optimality system, |a| normalised.',
      'Output: weights, inputs {subjective, objective} (as used, after --normalise), rule, alpha, beta, gameCoefficients.',
    ].join('\n'),
    examples: [
      'scf-risk combine examples/weighting/combine.yaml',
      'scf-risk combine examples/weighting/combine.yaml --rule game --format json',
    ],
    options: (cmd) =>
      cmd
        .addOption(flagOf(combineOptionsSchema, 'rule', '--rule <rule>', 'combination rule'))
        .addOption(flagOf(combineOptionsSchema, 'alpha', '--alpha <α>', 'weight of the subjective vector in the linear rule ([003]: 0.5)'))
        .option('--normalise', 'rescale input vectors that do not sum to 1'),
    run(input, opts) {
      return { result: runCombine(input.data, { rule: opts.rule, alpha: Number(opts.alpha), normalise: opts.normalise ?? false }) };
    },
    presenter: {
      tables: (r) => [
        {
          title: `Combined weights (${r.rule}${r.alpha !== undefined ? `, α = ${fmt(r.alpha, 4)}, β = ${fmt(r.beta, 4)}` : ''})`,
          header: ['indicator', 'subjective', 'objective', 'combined'],
          rows: r.weights.map((w, j) => [
            elementName(r.labels, j),
            fmt(r.inputs.subjective[j], 4),
            fmt(r.inputs.objective[j], 4),
            fmt(w, 4),
          ]),
        },
      ],
      notes: (r) => r.warnings.map((w) => `warning: ${w}`),
    },
  });
}
