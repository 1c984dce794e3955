/** `scf-risk hierarchy`: validate an indicator tree and synthesise its weights (SPEC §2, §3.1, §10). */

import { CheckFailedError, CR_THRESHOLD, type HierarchyRunResult, runHierarchy, template } from '@scf-risk/core';
import { hierarchyConsensusTable, hierarchyTables, scalesTable, uncertaintyTable } from '@scf-risk/report';
import { type Command, Option } from 'commander';
import { type AhpCliOptions, type AnalysisCliOptions, addAhpOptions, addAnalysisOptions, ahpFlags, analysisFlags } from '../ahp-options.ts';
import { guard } from '../guard.ts';
import { type Input, loadInput } from '../input.ts';
import { defaultFormat, emit, type Format } from '../output.ts';
import { summaryOf } from './index.ts';

type Lang = 'zh' | 'en';

/** The synthesis with the analyses asked for. */
export type HierarchyOutput = HierarchyRunResult;

export interface HierarchyCliOptions extends AhpCliOptions, AnalysisCliOptions {
  template?: string;
  normalise?: boolean;
  aggregation: 'aij' | 'aip';
  lang: Lang;
  format?: Format;
}

/** A shipped template as an input (named after its YAML file; it has no lines to point at). */
function templateInput(name: string): Input {
  return { file: `templates/${name}.yaml`, data: template(name), lineOf: () => undefined };
}

export function register(program: Command): void {
  const cmd = program
    .command('hierarchy')
    .summary(summaryOf('hierarchy'))
    .description(
      [
        'validate an indicator hierarchy and compute local and global weights with level CRs',
        '',
        'Input: a tree (docs/methods/hierarchy.md): {code, name, children?, weight?, matrix?, experts?, ...}; leaves may add',
        '  kind, direction, unit, scorer. A node weights its children by their weight, its matrix (AHP)',
        '  or its experts (group AHP). Or --template NAME for a shipped template.',
        'Output: nodes [{code, name, depth, localWeight, globalWeight, cr?, lambdaMax?}], levels [{depth, cr}],',
        "  leaves, consistent, warnings; --consensus: consensus per node with experts (Goepel's S*) and overall;",
        "  --scales: leaves' global weights and CR per judgment scale; --uncertainty N: spread of the",
        "  leaves' global weights and rank probabilities under random variations of every judgment.",
      ].join('\n'),
    )
    .argument('[file]', 'tree as JSON or YAML; - reads standard input')
    .option('--template <name>', 'use a shipped template instead of FILE (see scf-risk templates)')
    .option('--normalise', 'rescale sibling weights that do not sum to 1 (with a warning)')
    .addOption(new Option('--aggregation <rule>', 'group AHP rule for nodes with experts').choices(['aij', 'aip']).default('aij'))
    .addOption(new Option('--lang <lang>', 'language of names in tables').choices(['en', 'zh']).default('en'))
    .addOption(
      new Option('--format <format>', 'output format (default: table on a terminal, json when piped)').choices(['json', 'table', 'csv']),
    );
  addAnalysisOptions(addAhpOptions(cmd), true);
  cmd.addHelpText(
    'after',
    '\nExamples:\n  scf-risk hierarchy --template jd-scf\n  scf-risk hierarchy examples/hierarchy/two-level.yaml --method geometric-mean --format json\n  scf-risk hierarchy examples/hierarchy/two-level.yaml --scales all --uncertainty 1000 --seed 3\n',
  );
  cmd.action(async (file: string | undefined, opts: HierarchyCliOptions) => {
    let input: Input | undefined;
    await guard(
      async () => {
        input = opts.template ? templateInput(opts.template) : await loadInput(file);
        const result = runHierarchy(input.data, {
          ...ahpFlags(opts),
          normalise: opts.normalise ?? false,
          aggregation: opts.aggregation,
          ...analysisFlags(opts),
        });
        emit(result, opts.format ?? defaultFormat(), {
          tables: (r) => [
            ...hierarchyTables(r, opts.lang),
            ...(r.consensus ? [hierarchyConsensusTable(r.consensus)] : []),
            ...(r.scales ? [scalesTable(r.scales)] : []),
            ...(r.uncertainty ? [uncertaintyTable(r.uncertainty)] : []),
          ],
          notes: (r) => r.warnings.map((w) => `warning: ${w}`),
        });
        if (opts.strict && !result.consistent) throw new CheckFailedError(`a judgment or a level has CR ≥ ${CR_THRESHOLD}`);
      },
      () => input,
    );
  });
}
