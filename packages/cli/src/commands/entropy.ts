/** `scf-risk entropy`: entropy weights of a data matrix, or of an AHP matrix ([003]) (SPEC §3.3, §10). */

import { type EntropyNormalisation, type EntropyResult, entropyOfComparisonMatrix, entropyWeights } from '@scf-risk/core';
import { elementName, fmt } from '@scf-risk/report';
import { type Command, Option } from 'commander';
import { z } from 'zod';
import { addMethodCommand } from '../command.ts';
import { directionSchema, incompleteMatrixSchema, labelsSchema, matrixSchema, parseWith, underField } from '../schemas.ts';
import { summaryOf } from './index.ts';

const inputSchema = z.object({ matrix: z.unknown(), directions: z.array(directionSchema).optional(), labels: labelsSchema });

export function register(program: Command): void {
  addMethodCommand<EntropyResult, { normalisation: EntropyNormalisation | 'ahp-matrix'; shift: string }>(program, {
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
        .addOption(
          new Option('--normalisation <rule>', 'column normalisation').choices(['min-max', 'sum', 'ahp-matrix']).default('min-max'),
        )
        .option('--shift <s>', 'add s to every normalised value before the proportions (e.g. 0.0001)', '0'),
    run(input, opts) {
      const data = parseWith(inputSchema, input.data);
      const labels = data.labels ? { labels: data.labels } : {};
      if (opts.normalisation === 'ahp-matrix') {
        const m = parseWith(incompleteMatrixSchema, data.matrix, ['matrix']);
        return { result: underField('matrix', () => entropyOfComparisonMatrix(m, labels)) };
      }
      const m = parseWith(matrixSchema, data.matrix, ['matrix']);
      const shift = Number(opts.shift);
      return {
        result: underField('matrix', () =>
          entropyWeights(m, {
            normalisation: opts.normalisation as EntropyNormalisation,
            shift,
            ...labels,
            ...(data.directions ? { directions: data.directions } : {}),
          }),
        ),
      };
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
