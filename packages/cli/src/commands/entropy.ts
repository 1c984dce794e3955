/** `scf-risk entropy`: entropy weights of a data matrix, or of an AHP matrix ([003]) (SPEC §3.3, §10). */

import { type EntropyInputOptions, type EntropyResult, entropyOptionsSchema, runEntropy } from '@scf-risk/core';
import { elementName, fmt } from '@scf-risk/report';
import type { Command } from 'commander';
import { addMethodCommand } from '../command.ts';
import { flagOf } from '../schema-options.ts';
import { summaryOf } from './index.ts';

export function register(program: Command): void {
  addMethodCommand<EntropyResult, { normalisation: EntropyInputOptions['normalisation']; shift: string }>(program, {
    name: 'entropy',
    summary: summaryOf('entropy'),
    details: [
      'Input: {matrix: [[...], ...] (rows = alternatives, columns = indicators), directions?: [benefit|cost], labels?}',
      'Normalisation: min-max by direction (default), sum (raw non-negative values), or ahp-matrix',
      '  ([003]: the pairwise matrix normalised by columns, one entropy per indicator column).',
      'Output: weights, entropy, divergence, normalisation, shift, zeroRule, constantColumns, warnings.',
    ].join('\n'),
    examples: [
      'scf-risk entropy examples/weighting/suppliers.yaml',
      'scf-risk entropy examples/ahp/drinks.yaml --normalisation ahp-matrix --format json',
    ],
    options: (cmd) =>
      cmd
        .addOption(flagOf(entropyOptionsSchema, 'normalisation', '--normalisation <rule>', 'column normalisation'))
        .addOption(
          flagOf(entropyOptionsSchema, 'shift', '--shift <s>', 'add s to every normalised value before the proportions (e.g. 0.0001)'),
        ),
    run(input, opts) {
      return { result: runEntropy(input.data, { normalisation: opts.normalisation, shift: Number(opts.shift) }) };
    },
    presenter: {
      tables: (r) => [
        {
          title: `Entropy weights (${r.normalisation}, shift ${r.shift}, ${r.zeroRule})`,
          header: ['indicator', 'entropy e', 'divergence d', 'weight'],
          rows: r.weights.map((w, j) => [elementName(r.labels, j), fmt(r.entropy[j], 4), fmt(r.divergence[j], 4), fmt(w, 4)]),
        },
      ],
      notes: (r) => r.warnings.map((w) => `warning: ${w}`),
    },
  });
}
