/** `scf-risk topsis`: closeness to the ideal solution (SPEC §4.4, §10). */

import { runTopsis, type TopsisNormalisation, type TopsisRunResult, topsisOptionsSchema } from '@scf-risk/core';
import { elementName, fmt } from '@scf-risk/report';
import type { Command } from 'commander';
import { addMethodCommand } from '../command.ts';
import { flagOf } from '../schema-options.ts';
import { summaryOf } from './index.ts';

export function register(program: Command): void {
  addMethodCommand<TopsisRunResult, { normalisation: TopsisNormalisation; normalise?: boolean }>(program, {
    name: 'topsis',
    summary: summaryOf('topsis'),
    details: [
      'Input: {matrix (rows = alternatives), weights, directions?: [benefit|cost], labels? (indicators), alternatives? (names)}',
      'Output: closeness, rank, distanceToBest, distanceToWorst, ideal, antiIdeal.',
    ].join('\n'),
    examples: [
      'scf-risk topsis examples/evaluation/platforms.yaml',
      'scf-risk topsis examples/evaluation/platforms.yaml --normalisation min-max --format json',
    ],
    options: (cmd) =>
      cmd
        .addOption(flagOf(topsisOptionsSchema, 'normalisation', '--normalisation <rule>', 'column normalisation'))
        .option('--normalise', 'rescale weights that do not sum to 1'),
    run(input, opts) {
      return { result: runTopsis(input.data, { normalisation: opts.normalisation, normalise: opts.normalise ?? false }) };
    },
    presenter: {
      tables: (r) => [
        {
          title: `TOPSIS (${r.normalisation} normalisation)`,
          header: ['alternative', 'D+', 'D−', 'closeness', 'rank'],
          rows: r.closeness.map((c, i) => [
            elementName(r.alternatives as never, i),
            fmt(r.distanceToBest[i], 4),
            fmt(r.distanceToWorst[i], 4),
            fmt(c, 4),
            r.rank[i],
          ]),
        },
      ],
      notes: (r) => r.warnings.map((w) => `warning: ${w}`),
    },
  });
}
