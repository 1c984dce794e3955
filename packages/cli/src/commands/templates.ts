/** `scf-risk templates`: list the shipped indicator-system templates (SPEC §9). */

import { hierarchyLeaves, labelText, template, templateNames, validateHierarchy, walkHierarchy } from '@scf-risk/core';
import { type Command, Option } from 'commander';
import { guard } from '../guard.ts';
import { defaultFormat, emit, type Format } from '../output.ts';
import { summaryOf } from './index.ts';

export function register(program: Command): void {
  program
    .command('templates')
    .summary(summaryOf('templates'))
    .description('list the shipped indicator-system templates of the source papers (use one with: scf-risk hierarchy --template NAME)')
    .addOption(new Option('--lang <lang>', 'language of names').choices(['en', 'zh']).default('en'))
    .addOption(new Option('--format <format>', 'output format').choices(['json', 'table', 'csv']))
    .addHelpText('after', '\nExamples:\n  scf-risk templates\n  scf-risk templates --lang zh --format json\n')
    .action(async (opts: { lang: 'en' | 'zh'; format?: Format }) => {
      await guard(async () => {
        const templates = [];
        for (const name of templateNames()) {
          const { root } = validateHierarchy(template(name));
          let nodes = 0;
          walkHierarchy(root, () => {
            nodes++;
          });
          templates.push({
            name,
            title: labelText(root.name, opts.lang),
            source: root.source ?? '',
            criteria: root.children?.length ?? 0,
            nodes,
            indicators: hierarchyLeaves(root).length,
          });
        }
        emit({ templates }, opts.format ?? defaultFormat(), {
          tables: (r) => [
            {
              title: 'Templates',
              header: ['name', 'title', 'source', 'criteria', 'nodes', 'indicators'],
              rows: r.templates.map((t) => [t.name, t.title, t.source, t.criteria, t.nodes, t.indicators]),
            },
          ],
        });
      });
    });
}
