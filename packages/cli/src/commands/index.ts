/**
 * Every `scf-risk` subcommand, in the order `--help` lists them: the name, the one-line summary
 * and how to load the module(s) that register it. Only the command being run is loaded, so the
 * program starts at once; `--help` lists the others from this table.
 */
import type { Command } from 'commander';

interface CommandModule {
  register(program: Command): void;
}

export interface CommandEntry {
  name: string;
  summary: string;
  load(): Promise<CommandModule[]>;
}

const one = (m: Promise<CommandModule>) => m.then((x) => [x]);

export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'demo',
    summary: 'the JD risk system of [003]: weights, table 10 check, a panel’s AHP consistency, HTML report',
    load: () => one(import('./demo.ts')),
  },
  {
    name: 'run',
    summary: 'run a study file: Delphi → weights → evaluation → sensitivity, with tables, HTML and XLSX',
    load: () => one(import('./run.ts')),
  },
  {
    name: 'validate',
    summary: 'check a study file (schema, hierarchy, references) without running it',
    load: () => one(import('./validate.ts')),
  },
  { name: 'new', summary: 'start a study file from a template (scf-risk templates lists them)', load: () => one(import('./new.ts')) },
  {
    name: 'templates',
    summary: 'list the shipped indicator-system templates of the source papers',
    load: () => one(import('./templates.ts')),
  },
  {
    name: 'schema',
    summary: 'the JSON Schema of a method’s input document (or options): every field, with fraction strings in matrices',
    load: () => one(import('./schema.ts')),
  },
  {
    name: 'hierarchy',
    summary: 'validate an indicator hierarchy and compute local and global weights with level CRs',
    load: () => one(import('./hierarchy.ts')),
  },
  {
    name: 'ahp',
    summary: 'AHP weights and consistency (λmax, CI, RI, CR) of a pairwise comparison matrix',
    load: () => one(import('./ahp.ts')),
  },
  {
    name: 'ahp-group',
    summary: 'group AHP: aggregate experts by judgments (AIJ) or by priorities (AIP)',
    load: () => one(import('./ahp-group.ts')),
  },
  {
    name: 'ifahp',
    summary: 'intuitionistic fuzzy AHP (Xu & Liao 2014): consistency by distance to R̄, automatic repair, IF and crisp weights',
    load: () => one(import('./ifahp.ts')),
  },
  {
    name: 'entropy',
    summary: 'entropy weights of indicators from data (rows = alternatives), or of an AHP matrix as in [003]',
    load: () => one(import('./entropy.ts')),
  },
  {
    name: 'critic',
    summary: 'CRITIC weights: contrast (σ) × conflict (1 − correlation) of min-max normalised indicators',
    load: () => one(import('./critic.ts')),
  },
  {
    name: 'g1',
    summary: 'G1 (order-relation) weights from an importance order and ratios r_k = w_{k−1}/w_k',
    load: () => one(import('./g1.ts')),
  },
  {
    name: 'combine',
    summary:
      'combine subjective (e.g. AHP) and objective (e.g. entropy) weights: linear, multiplicative, min-discrimination or game-theoretic',
    load: () => one(import('./combine.ts')),
  },
  {
    name: 'delphi',
    summary: 'Delphi round statistics (mean, full-score frequency, SD, CV), [004] screening and Kendall’s W',
    load: () => one(import('./delphi.ts')),
  },
  {
    name: 'kendall',
    summary: "Kendall's W: how far raters agree on the order of objects, with the χ² test",
    load: () => one(import('./kendall.ts')),
  },
  {
    name: 'fce',
    summary: 'fuzzy comprehensive evaluation: B = W ∘ R, score S = B·V and grade, flat or multi-level',
    load: () => one(import('./fce.ts')),
  },
  {
    name: 'topsis',
    summary: 'TOPSIS: rank alternatives by closeness to the ideal and distance from the anti-ideal',
    load: () => one(import('./topsis.ts')),
  },
  {
    name: 'gra',
    summary: 'grey relational analysis: rank alternatives by closeness to a reference, or factors by relation to a series',
    load: () => one(import('./gra.ts')),
  },
  {
    name: 'evaluate',
    summary: 'evaluate a portfolio on a weighted hierarchy: fce, scorecard, topsis or gra; ranks and explanations',
    load: () => one(import('./evaluate.ts')),
  },
  {
    name: 'tree',
    summary: 'credit rating with decision trees learned from a loan history (ID3, C4.5, CART)',
    load: () => Promise.all([import('./tree.ts'), import('./tree-validate.ts')]),
  },
  {
    name: 'monitor',
    summary: 'run the daily post-loan monitoring for a date on the server’s store (classification, NPL, collateral, margin, pools, alerts)',
    load: () => one(import('./monitor.ts')),
  },
  {
    name: 'serve',
    summary: 'start the server: workbench, HTTP API and /docs on the embedded database (demo book on first start) or PostgreSQL',
    load: () => one(import('./serve.ts')),
  },
];

/** The summary of command `name` (each command module takes its summary from here). */
export function summaryOf(name: string): string {
  const entry = COMMANDS.find((c) => c.name === name);
  if (!entry) throw new Error(`no command ${name} in the catalogue`);
  return entry.summary;
}

/**
 * Register the commands on `program`: the one named in `argv` fully (its module loaded), the
 * others as summaries for `--help` (`scf-risk help X` and `scf-risk X --help` name X). Without
 * `argv`, every command is loaded.
 */
export async function registerCommands(program: Command, argv?: readonly string[]): Promise<void> {
  const words = argv?.slice(2).filter((a) => !a.startsWith('-')) ?? [];
  const wanted = words[0] === 'help' ? words[1] : words[0];
  const chosen = COMMANDS.find((c) => c.name === wanted);
  for (const entry of COMMANDS) {
    if (!argv || entry === chosen) for (const m of await entry.load()) m.register(program);
    else if (!chosen) program.command(entry.name).summary(entry.summary);
  }
}
