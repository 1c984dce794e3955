/**
 * `scf-risk new --template NAME`: start a study from a shipped template (SPEC §7, §9): a YAML
 * study that validates as it is, with the template referenced, an AHP matrix to fill in for the
 * first-level criteria, and commented examples of every other section.
 */

import { labelText, template } from '@scf-risk/core';
import type { Command } from 'commander';
import { guard } from '../guard.ts';
import { terminal } from '../terminal.ts';
import { writeOutput } from '../write-file.ts';
import { summaryOf } from './index.ts';

interface TemplateNode {
  code: string;
  name: unknown;
  source?: string;
  children?: TemplateNode[];
}

/** What the user fills in next: each placeholder's path and what it holds. */
export interface NewStudyPlaceholder {
  path: string;
  what: string;
}

/** The placeholders in the study `newStudyText(name)` writes (entries marked `placeholder: true`). */
export function newStudyPlaceholders(name: string): NewStudyPlaceholder[] {
  const root = template(name) as TemplateNode;
  const kids = root.children ?? [];
  return [
    {
      path: `weighting.${root.code}`,
      what: `the ${kids.length}×${kids.length} AHP matrix over ${kids.map((k) => k.code).join(', ')} (now all 1: "equally important")`,
    },
  ];
}

/** The lines `new` prints after writing a study: the placeholders to fill in, then how to run it. */
export function nextSteps(name: string, file: string): string {
  const list = newStudyPlaceholders(name)
    .map((p) => `  - ${p.path}: ${p.what}; then delete its "placeholder: true"`)
    .join('\n');
  return [
    `next: fill in the placeholder${newStudyPlaceholders(name).length === 1 ? '' : 's'} (run warns while any remain; run --strict fails):`,
    list,
    '  optional: delphi, alternatives, evaluation — commented examples in the file',
    `then: scf-risk run ${file} --out report.html`,
    '',
  ].join('\n');
}

/** The study text for template `name`. */
export async function newStudyText(name: string): Promise<string> {
  const root = template(name) as TemplateNode;
  const kids = root.children ?? [];
  const leaves: TemplateNode[] = [];
  const walk = (n: TemplateNode) => {
    if (!n.children?.length) leaves.push(n);
    for (const c of n.children ?? []) walk(c);
  };
  walk(root);
  const ones = kids.map(() => `[${kids.map(() => '1').join(', ')}]`);
  const title = root.name as { zh?: string; en?: string } | string;
  const zh = typeof title === 'string' ? title : (title.zh ?? '');
  const en = typeof title === 'string' ? title : (title.en ?? '');
  const sample = leaves
    .slice(0, 3)
    .map((l) => `${l.code}: 6`)
    .join(', ');
  return `# A study started from the template "${name}" (scf-risk new --template ${name}).
# Run it:    scf-risk run THIS_FILE --out report.html
# Check it:  scf-risk validate THIS_FILE
title: { zh: "${zh}", en: "${en}" }
source: "${root.source ?? name}"
lang: en
hierarchy: { template: ${name} }
ahp: { method: eigenvector, ri: saaty }

# How each node weights its children (by node code). Methods: fixed, ahp, group-ahp, ifahp, g1,
# entropy, critic, combine. PLACEHOLDER: the all-ones matrix below says "all equally important"; replace
# it with your judgments (1-9 scale, "1/3" allowed), rows and columns in this order:
# ${kids.map((k) => `${k.code} ${labelText(k.name as never)}`).join('; ')}.
# Then delete the line "placeholder: true" (until then run warns, and run --strict exits 1).
weighting:
  ${root.code}:
    method: ahp
    placeholder: true
    matrix:
${ones.map((r) => `      - ${r}`).join('\n')}
#  ${kids[0]?.code ?? root.code}:
#    method: combine                 # [003]: AHP corrected by the entropy of its own matrix
#    subjective: { method: ahp, matrix: [[1, 3], ["1/3", 1]] }
#    objective: { method: entropy, on: judgments }
#    alpha: 0.5

# delphi:                             # screening rounds (rows = experts, columns = indicators)
#   scale: "1-3-5"
#   rounds:
#     - scores: [[5, 3, 5], [5, 5, 3]]
#   prune: true

# alternatives:                       # or { file: alternatives.csv } (id column, then one column per indicator code)
#   - { id: SME-1, values: { ${sample} } }
#   - { id: SME-2, votes: { ${leaves[0]?.code ?? 'CODE'}: [2, 5, 2, 1, 0] } }   # expert votes over the grades (fce)

# evaluation:
#   - { method: fce, operator: weighted-average }
#   - { method: topsis }
# sensitivity: true
# monteCarlo: { draws: 2000, seed: 1, concentration: 100 }
`;
}

export function register(program: Command): void {
  program
    .command('new')
    .summary(summaryOf('new'))
    .description(
      'start a study file from a template: writes YAML that validates as it is, with every section explained; placeholders (an all-ones AHP matrix) are marked placeholder: true and listed after writing',
    )
    .requiredOption('--template <name>', 'the template (jd-scf, b2b-platform, credit-evaluation, credit-tree-attributes, ztmg)')
    .option('--out <file>', 'write to FILE instead of standard output (an existing file is not overwritten)')
    .addHelpText(
      'after',
      '\nExamples:\n  scf-risk new --template jd-scf > my-study.yaml\n  scf-risk new --template ztmg --out ztmg-study.yaml\n',
    )
    .action(async (opts: { template: string; out?: string }) => {
      await guard(async () => {
        const text = await newStudyText(opts.template);
        if (!opts.out) {
          terminal().stdout.write(text);
          terminal().stderr.write(nextSteps(opts.template, 'THIS_FILE'));
          return;
        }
        await writeOutput(opts.out, text, { overwrite: false });
        terminal().stdout.write(`study written to ${opts.out}\n${nextSteps(opts.template, opts.out)}`);
      });
    });
}
