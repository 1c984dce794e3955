/** `scf-risk g1`: G1 / order-relation weights, one expert or a group (SPEC §3.5, §10). */

import { type G1GroupResult, type G1Result, runG1 } from '@scf-risk/core';
import { fmt } from '@scf-risk/report';
import type { Command } from 'commander';
import { addMethodCommand } from '../command.ts';
import { summaryOf } from './index.ts';

export function register(program: Command): void {
  addMethodCommand<G1Result | G1GroupResult, object>(program, {
    name: 'g1',
    summary: summaryOf('g1'),
    details: [
      'Input: {order: [most → least important], ratios: [r2, …, rn], indicators?, labels?}; r_k = w_{k−1}/w_k ≥ 1 as a',
      '  number or a term: equal 1.0, slightly 1.2, clearly 1.4, strongly 1.6, extremely 1.8 (also 同等重要 … 极端重要).',
      '  r < 1 is rejected (it contradicts the order: swap the two indicators). indicators = the original order.',
      '  Group: {experts: [{id?, weight?, order, ratios}], indicators?} (experts may order differently; weights averaged).',
      'Output: weights (in order’s order), byIndicator, indicatorWeights (in indicators’ order);',
      '  group: indicators, weights, experts [{id, weight, byIndicator}].',
    ].join('\n'),
    examples: ['scf-risk g1 examples/weighting/g1.yaml', 'scf-risk g1 examples/weighting/g1-group.yaml --format json'],
    run(input) {
      return { result: runG1(input.data) };
    },
    presenter: {
      tables: (r) =>
        'experts' in r
          ? [
              {
                title: 'Group G1 weights',
                header: ['indicator', 'weight', ...r.experts.map((e) => e.id)],
                rows: r.indicators.map((c, j) => [c, fmt(r.weights[j], 4), ...r.experts.map((e) => fmt(e.byIndicator[c], 4))]),
              },
            ]
          : [
              {
                title: 'G1 weights',
                header: ['rank', 'indicator', 'ratio r_k', 'weight'],
                rows: r.order.map((c, k) => [k + 1, c, k === 0 ? '' : fmt(r.ratios[k - 1], 2), fmt(r.weights[k], 4)]),
              },
              ...(r.indicators && r.indicatorWeights
                ? [
                    {
                      title: 'G1 weights in the indicator order',
                      header: ['indicator', 'weight', 'rank'],
                      rows: r.indicators.map((c, j) => [c, fmt(r.indicatorWeights?.[j], 4), r.order.indexOf(c) + 1]),
                    },
                  ]
                : []),
            ],
      notes: (r) => r.warnings.map((w) => `warning: ${w}`),
    },
  });
}
