/**
 * `scf-risk validate STUDY`: check a study file without computing its results (SPEC §7), by the
 * same checking pass `run` goes through (core's `checkStudyFully`): a study is valid exactly
 * when `run` accepts it. Every problem is reported with file, path and line.
 */
import { checkStudyFully, type HierarchyNode, hierarchyLeaves } from '@scf-risk/core';
import { type Command, Option } from 'commander';
import { guard } from '../guard.ts';
import type { Input } from '../input.ts';
import { defaultFormat, emit, type Format } from '../output.ts';
import { loadStudy, readStudyInput } from '../study-load.ts';
import { summaryOf } from './index.ts';

export function register(program: Command): void {
  program
    .command('validate')
    .summary(summaryOf('validate'))
    .description(
      "check a study file without running it: everything `run` checks (schema, hierarchy, references, each node's weighting, Delphi rounds, alternatives, scoring rules, expect), so a valid study runs\n\nOutput: valid, file, counts of nodes, indicators, weighted nodes, alternatives and evaluations.\nExit 0 when valid, 2 with one message per problem (file:line: path: what. Allowed: …).",
    )
    .argument('<study>', 'the study file (.yaml, .json or .xlsx)')
    .addOption(new Option('--format <format>', 'output format').choices(['json', 'table']))
    .addHelpText(
      'after',
      '\nExamples:\n  scf-risk validate examples/studies/jd-scf.yaml\n  scf-risk new --template ztmg > my.yaml && scf-risk validate my.yaml\n',
    )
    .action(async (file: string, opts: { format?: Format }) => {
      let input: Input | undefined;
      await guard(
        async () => {
          input = await readStudyInput(file);
          const loaded = { data: await loadStudy(input) };
          const { study } = checkStudyFully(loaded.data);
          const root = study.hierarchy as unknown as HierarchyNode; // the tree as written, before any Delphi pruning
          let nodes = 0;
          const count = (n: { children?: unknown[] }) => {
            nodes++;
            for (const c of (n.children ?? []) as { children?: unknown[] }[]) count(c);
          };
          count(root);
          const result = {
            valid: true,
            file,
            nodes,
            indicators: hierarchyLeaves(root).length,
            weightedNodes: Object.keys(study.weighting ?? {}).length,
            delphiRounds: study.delphi?.rounds.length ?? 0,
            alternatives: study.alternatives?.length ?? 0,
            evaluations: (study.evaluation ?? []).map((e) => e.method),
          };
          emit(result, opts.format ?? defaultFormat(), {
            tables: (r) => [
              {
                title: `${file} is a valid study`,
                header: ['nodes', 'indicators', 'weighted nodes', 'Delphi rounds', 'alternatives', 'evaluations'],
                rows: [[r.nodes, r.indicators, r.weightedNodes, r.delphiRounds, r.alternatives, r.evaluations.join(', ') || 'none']],
              },
            ],
          });
        },
        () => input,
      );
    });
}
