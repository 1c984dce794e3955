/** `scf-risk fce`: fuzzy comprehensive evaluation, flat or multi-level (SPEC §4.2, §10). */

import {
  FUZZY_OPERATORS,
  type FuzzyNode,
  type FuzzyNodeResult,
  type FuzzyOperator,
  type FuzzyResult,
  fuzzyEvaluate,
  labelText,
  ValidationError,
} from '@scf-risk/core';
import { fmt, type Table } from '@scf-risk/report';
import { type Command, Option } from 'commander';
import { z } from 'zod';
import { addMethodCommand } from '../command.ts';
import { labelSchema, parseWith } from '../schemas.ts';
import { summaryOf } from './index.ts';

const gradeSchema = z.object({ name: labelSchema, score: z.number() });
const nodeSchema: z.ZodType<FuzzyNode> = z.lazy(() =>
  z.object({
    code: z.string().optional(),
    name: labelSchema.optional(),
    weight: z.number().optional(),
    membership: z.array(z.number()).optional(),
    children: z.array(nodeSchema).optional(),
  }),
);
const inputSchema = z.object({
  grades: z.array(gradeSchema).optional(),
  weights: z.array(z.number()).optional(),
  membership: z.array(z.array(z.number())).optional(),
  tree: nodeSchema.optional(),
});

export function register(program: Command): void {
  addMethodCommand<FuzzyResult, { operator: FuzzyOperator; normalise?: boolean }>(program, {
    name: 'fce',
    summary: summaryOf('fce'),
    details: [
      'Input: {grades?: [{name, score}] (default [004]: 10/8/6/4/2), weights: [...], membership: [[...]] (indicators × grades)}',
      '  or {grades?, tree: {children: [{weight, membership} | {weight, children}]}} for a multi-level evaluation.',
      'Output: b (normalised), bRaw, score, grade (maximum membership), gradeWeightedAverage, root (B at every node).',
    ].join('\n'),
    examples: [
      'scf-risk fce examples/evaluation/fce.yaml',
      'scf-risk fce examples/evaluation/fce-tree.yaml --operator min-max --format json',
    ],
    options: (cmd) =>
      cmd
        .addOption(new Option('--operator <op>', 'composition operator').choices([...FUZZY_OPERATORS]).default('weighted-average'))
        .option('--normalise', 'rescale weights that do not sum to 1'),
    run(input, opts) {
      const d = parseWith(inputSchema, input.data);
      let root: FuzzyNode;
      if (d.tree) root = d.tree;
      else {
        const m = d.membership ?? [];
        const w = d.weights ?? [];
        if (m.length !== w.length) {
          throw new ValidationError([
            {
              path: ['membership'],
              message: `${m.length} membership rows for ${w.length} weights`,
              allowed: 'one membership row per weighted indicator',
            },
          ]);
        }
        root = { code: 'root', children: m.map((row, i) => ({ code: String(i + 1), weight: w[i], membership: row })) };
      }
      return {
        result: fuzzyEvaluate(root, {
          operator: opts.operator,
          normalise: opts.normalise ?? false,
          ...(d.grades ? { grades: d.grades } : {}),
        }),
      };
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
