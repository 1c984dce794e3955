/** `scf-risk fce`: fuzzy comprehensive evaluation, flat or multi-level (SPEC §4.2, §10). */

import { type FuzzyNodeResult, type FuzzyOperator, type FuzzyResult, fceOptionsSchema, labelText, runFce } from '@scf-risk/core';
import { fmt, type Table } from '@scf-risk/report';
import type { Command } from 'commander';
import { addMethodCommand } from '../command.ts';
import { flagOf } from '../schema-options.ts';
import { summaryOf } from './index.ts';

export function register(program: Command): void {
  addMethodCommand<FuzzyResult, { operator: FuzzyOperator; normalise?: boolean }>(program, {
    name: 'fce',
    summary: summaryOf('fce'),
    details: [
      'Input: {grades?: [{name, score}] (default [004]: 10/8/6/4/2), weights: [...], membership: [[...]] (indicators × grades)}',
      '  or, multi-level, the root node itself as in the tree format: {grades?, code?, weights?: [...], children: [...]},',
      '  each node {code?, weights?: [...] over its children | weight on each child, children | membership}',
      '  (also {grades?, tree: {…}}). Weights: weights over children, or a weight on each child, not both.',
      'Output: b (normalised), bRaw, score, grade (maximum membership), gradeWeightedAverage, root (B at every node).',
    ].join('\n'),
    examples: [
      'scf-risk fce examples/evaluation/fce.yaml',
      'scf-risk fce examples/evaluation/fce-tree.yaml --operator min-max --format json',
    ],
    options: (cmd) =>
      cmd
        .addOption(flagOf(fceOptionsSchema, 'operator', '--operator <op>', 'composition operator'))
        .option('--normalise', 'rescale weights that do not sum to 1'),
    run(input, opts) {
      return { result: runFce(input.data, { operator: opts.operator, normalise: opts.normalise ?? false }) };
    },
    presenter: {
      tables: (r) => {
        const rows: Table['rows'] = [];
        const walk = (n: FuzzyNodeResult, depth: number) => {
          rows.push([`${'  '.repeat(depth)}${n.code}`, ...n.b.map((x) => fmt(x, 4)), fmt(n.score, 4), n.gradeName]);
          for (const c of n.children ?? []) walk(c, depth + 1);
        };
        walk(r.root, 0);
        return [
          {
            title: `Fuzzy evaluation (${r.operator}; grade by maximum membership)`,
            header: ['node', ...r.grades.map((g) => `${labelText(g.name)} (${g.score})`), 'score', 'grade'],
            rows,
          },
        ];
      },
      notes: (r) => [
        `weighted-average grade: ${labelText(r.grades[r.gradeWeightedAverage].name)} (S = ${fmt(r.score, 4)})`,
        ...r.warnings.map((w) => `warning: ${w}`),
      ],
    },
  });
}
