/** `scf-risk ahp-group`: group AHP over several experts' matrices, AIJ or AIP (SPEC §3.1, §10). */

import { type AhpGroupRunResult, ahpGroupOptionsSchema, CR_THRESHOLD, type GroupAggregation, runAhpGroup } from '@scf-risk/core';
import {
  consensusTables,
  consistencyTable,
  elementName,
  fmt,
  matrixTable,
  pairsTable,
  scalesTable,
  uncertaintyTable,
  weightTable,
} from '@scf-risk/report';
import type { Command } from 'commander';
import { type AhpCliOptions, type AnalysisCliOptions, addAhpOptions, addAnalysisOptions, ahpFlags, analysisFlags } from '../ahp-options.ts';
import { addMethodCommand } from '../command.ts';
import { flagOf } from '../schema-options.ts';
import { summaryOf } from './index.ts';

/** The group result with the analyses asked for. */
export type GroupOutput = AhpGroupRunResult;

export function register(program: Command): void {
  addMethodCommand<GroupOutput, AhpCliOptions & AnalysisCliOptions & { aggregation: GroupAggregation }>(program, {
    name: 'ahp-group',
    summary: summaryOf('ahp-group'),
    details: [
      'Input (JSON or YAML):',
      '  experts  [{id?, weight?, matrix}]: every expert judges the same n elements;',
      '           weights default to equal, must be positive, and are normalised',
      '  labels?  n names, strings or {zh, en}',
      'AIJ (default): weighted geometric mean of the judgments, then AHP on it;',
      "AIP: weighted arithmetic mean of the experts' priority vectors.",
      'Output: aggregation, weights, cr (AIJ: of the aggregated matrix; AIP: Σ λk·CRk),',
      '  consistent, experts [{id, weight, weights, cr, lambdaMax, consistent,',
      '  inconsistentPairs?, repairedMatrix?}], inconsistentExperts,',
      '  aggregatedMatrix and group (the full ahp result) for AIJ, warnings;',
      "  with --consensus: consensus (Goepel's S*, band, entropies, removal, dissenters,",
      '  aij and aip side by side); --scales: scales; --uncertainty N: uncertainty.',
      'Exit codes: 0 ok; 1 --strict and the group or an expert has CR ≥ 0.10;',
      '  2 invalid input; 3 internal error.',
    ].join('\n'),
    examples: [
      'scf-risk ahp-group examples/ahp/panel.yaml',
      'scf-risk ahp-group examples/ahp/panel.yaml --aggregation aip --format json',
      'scf-risk ahp-group examples/ahp/panel.yaml --consensus --scales all --uncertainty 1000',
    ],
    options: (cmd) =>
      addAnalysisOptions(
        addAhpOptions(cmd).addOption(
          flagOf(ahpGroupOptionsSchema, 'aggregation', '--aggregation <rule>', 'aggregate judgments (aij) or priorities (aip)'),
        ),
        true,
      ),
    run(input, opts) {
      const result = runAhpGroup(input.data, { ...ahpFlags(opts), aggregation: opts.aggregation, ...analysisFlags(opts) });
      const failed = opts.strict && (!result.consistent || result.inconsistentExperts.length > 0);
      return {
        result,
        ...(failed
          ? {
              failedCheck: `group CR = ${result.cr.toFixed(4)}; inconsistent experts: ${result.inconsistentExperts.join(', ') || 'none'} (threshold ${CR_THRESHOLD})`,
            }
          : {}),
      };
    },
    presenter: {
      tables: (r) => [
        weightTable(r.weights, r.labels, `Group weights (${r.aggregation.toUpperCase()})`),
        ...(r.group ? [consistencyTable(r.group)] : []),
        ...(r.aggregatedMatrix
          ? [matrixTable(r.aggregatedMatrix, r.labels, 'Aggregated judgments (weighted geometric mean)', r.weights)]
          : []),
        {
          title: 'Experts',
          header: ['expert', 'weight', 'CR', 'consistent', ...r.weights.map((_, i) => elementName(r.labels, i))],
          rows: r.experts.map((e) => [
            e.id,
            fmt(e.weight, 4),
            fmt(e.cr, 4),
            e.consistent ? 'yes' : 'NO',
            ...e.weights.map((w) => fmt(w, 4)),
          ]),
        },
        ...r.experts
          .filter((e) => e.inconsistentPairs && e.inconsistentPairs.length > 0)
          .map((e) => ({
            ...pairsTable({ inconsistentPairs: e.inconsistentPairs ?? [], labels: r.labels }),
            title: `Expert ${e.id}: judgments to revisit (CR = ${fmt(e.cr, 4)})`,
          })),
        ...(r.consensus ? consensusTables(r.consensus, r.labels) : []),
        ...(r.scales ? [scalesTable(r.scales, r.labels)] : []),
        ...(r.uncertainty ? [uncertaintyTable(r.uncertainty, r.labels)] : []),
      ],
      notes: (r) => [
        `group CR = ${fmt(r.cr, 4)}${r.aggregation === 'aip' ? ' (Σ λk·CRk)' : ''}`,
        ...r.warnings.map((w) => `warning: ${w}`),
      ],
    },
  });
}
