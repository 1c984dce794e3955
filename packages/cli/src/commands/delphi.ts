/** `scf-risk delphi`: one Delphi round's statistics and [004]'s screening (SPEC §3.8, §10). */

import { dirname, resolve } from 'node:path';
import type { SdKind } from '@scf-risk/core';
import {
  type DelphiAnswersFile,
  type DelphiRoundResult,
  type DelphiScaleName,
  delphiInputSchema,
  delphiOptionsSchema,
  labelText,
  parseWith,
  runDelphi,
} from '@scf-risk/core';
import { importDelphiAnswers } from '@scf-risk/io';
import { fmt } from '@scf-risk/report';
import type { Command } from 'commander';
import { addMethodCommand } from '../command.ts';
import { readFileBytes } from '../input.ts';
import { flagOf } from '../schema-options.ts';
import { summaryOf } from './index.ts';

export function register(program: Command): void {
  addMethodCommand<DelphiRoundResult, { scale?: DelphiScaleName; sd: SdKind }>(program, {
    name: 'delphi',
    summary: summaryOf('delphi'),
    details: [
      'Input: {scores: [[...], ...] (rows = experts, columns = indicators), indicators?: [codes] (distinct), labels?, fullScore?}',
      '  Scale: --scale 1-3-5 ([004], the default), 1-5, 1-10 or any 1-K; without --scale, fullScore: K implies 1-K (e.g. 7 → 1-7).',
      '  or {answers: "answers.csv", round?: 1} — a CSV/XLSX of answers (wide: expert[,round],<codes>…; long: expert,indicator,score[,round]).',
      'Screening: thresholds mean(M) − sd, mean(K) − sd, mean(CV) + sd over the round (a value at a threshold meets it);',
      '  fail all three → delete,',
      '  one or two → discuss, none → keep.',
      'Output: indicators [{indicator, mean, fullScoreFrequency, sd, cv, passes, decision}], thresholds, counts, kendallW, chiSquare, df, p, sdKind.',
    ].join('\n'),
    examples: [
      'scf-risk delphi examples/weighting/delphi.yaml',
      'scf-risk delphi examples/weighting/delphi.yaml --sd population --format json',
    ],
    options: (cmd) =>
      cmd
        .addOption(flagOf(delphiOptionsSchema, 'scale', '--scale <scale>', 'importance scale: 1-3-5 (default), 1-5, 1-10 or any 1-K'))
        .addOption(flagOf(delphiOptionsSchema, 'sd', '--sd <kind>', 'standard deviation')),
    async run(input, opts) {
      // a file of answers is read here (relative to the input file), then the runner screens its round
      const d = parseWith(delphiInputSchema, input.data);
      let answers: DelphiAnswersFile | undefined;
      if (!d.scores && d.answers) {
        const file = input.file === '<stdin>' ? resolve(d.answers) : resolve(dirname(input.file), d.answers);
        answers = { imported: await importDelphiAnswers(await readFileBytes(file)), file };
      }
      return { result: runDelphi(input.data, { ...(opts.scale ? { scale: opts.scale } : {}), sd: opts.sd }, answers) };
    },
    presenter: {
      tables: (r) => [
        {
          title: `Delphi round (${r.experts} experts, scale ${r.scale}, sd ${r.sdKind})`,
          header: ['indicator', 'name', 'mean', 'full-score freq.', 'SD', 'CV', 'fails', 'decision'],
          rows: r.indicators.map((i) => [
            i.indicator,
            labelText(i.label),
            fmt(i.mean, 3),
            fmt(i.fullScoreFrequency, 3),
            fmt(i.sd, 3),
            fmt(i.cv, 3),
            i.failed,
            i.decision,
          ]),
        },
        {
          title: 'Thresholds and concordance',
          header: ['mean ≥', 'full-score freq. ≥', 'CV ≤', 'keep', 'discuss', 'delete', "Kendall's W", 'χ²', 'df', 'p'],
          rows: [
            [
              fmt(r.thresholds.mean, 4),
              fmt(r.thresholds.fullScoreFrequency, 4),
              fmt(r.thresholds.cv, 4),
              r.counts.keep,
              r.counts.discuss,
              r.counts.delete,
              fmt(r.kendallW, 4),
              fmt(r.chiSquare, 3),
              r.df,
              fmt(r.p, 6),
            ],
          ],
        },
      ],
      notes: (r) => r.warnings.map((w) => `warning: ${w}`),
    },
  });
}
