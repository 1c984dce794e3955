/**
 * `scf-risk tree train | predict | generate` (SPEC §5, §10): decision trees learned from a
 * lender's loan history ([002 §3]). `validate` and `weights` attach to the same parent command
 * from their own file via {@link treeCommand}.
 */

import type { DaysOverdueCutoffs } from '@scf-risk/core';
import {
  generateLoanHistory,
  parseTreeModel,
  predictTree,
  printTree,
  type TreeAlgorithm,
  type TreeModelFile,
  type TreePrediction,
  trainTree,
  treeModelFile,
  treeRules,
  ValidationError,
} from '@scf-risk/core';
import { loanHistoryCsv, readLoanHistory, readTable, tableRows } from '@scf-risk/io';
import { fmt } from '@scf-risk/report';
import { type Command, Option } from 'commander';
import { guard } from '../guard.ts';
import { type Input, loadInput, readFileBytes } from '../input.ts';
import { defaultFormat, emit, type Format } from '../output.ts';
import { numberFlag } from '../schema-options.ts';
import { writeOutput } from '../write-file.ts';
import { summaryOf } from './index.ts';

/** The `tree` parent command (created on first use, so other files can add subcommands). */
export function treeCommand(program: Command): Command {
  const found = program.commands.find((c) => c.name() === 'tree');
  if (found) return found;
  return program
    .command('tree')
    .summary(summaryOf('tree'))
    .description(
      "Decision trees learned from a lender's loan history ([002 §3]; docs/methods/trees.md).\n" +
        'Subcommands: train, predict, generate (demo data); validate and weights where installed.',
    );
}

function usage(message: string): never {
  throw new ValidationError([{ path: [], message }]);
}

function intOption(name: string, v: string | undefined, min: number): number | undefined {
  if (v === undefined) return undefined;
  const x = Number(v);
  if (!Number.isInteger(x) || x < min) usage(`--${name} must be a whole number ≥ ${min}, got "${v}"`);
  return x;
}

function numOption(name: string, v: string | undefined, min: number): number | undefined {
  if (v === undefined) return undefined;
  const x = Number(v);
  if (!Number.isFinite(x) || x < min) usage(`--${name} must be a number ≥ ${min}, got "${v}"`);
  return x;
}

/** Parse `--cutoffs lower,medium,high` (days), e.g. "30,60,90". */
export function parseCutoffs(v: string | undefined): DaysOverdueCutoffs | undefined {
  if (v === undefined) return undefined;
  const parts = v.split(',').map((s) => Number(s.trim()));
  if (parts.length !== 3 || parts.some((x) => !Number.isFinite(x)))
    usage(`--cutoffs must be three numbers of days "lower,medium,high" (e.g. 30,60,90), got "${v}"`);
  return { lower: parts[0], medium: parts[1], high: parts[2] };
}

const list = (v: string | undefined) =>
  v === undefined
    ? undefined
    : v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);

interface TrainOpts {
  data?: string;
  target?: string;
  algorithm: TreeAlgorithm;
  maxDepth?: string;
  minLeaf?: string;
  minGain?: string;
  prune?: boolean;
  ccpAlpha?: string;
  cutoffs?: string;
  targetKind?: 'auto' | 'days' | 'class';
  ignore?: string;
  categorical?: string;
  numeric?: string;
  sheet?: string;
  out?: string;
  format?: Format;
}

function registerTrain(tree: Command): void {
  tree
    .command('train')
    .summary('learn a tree from a loan history (CSV/XLSX/JSON with a header row)')
    .description(
      [
        'Learn a decision tree from a loan history (docs/methods/trees.md).',
        '',
        'The target column holds either class names (or codes) or days overdue (--target-kind); days overdue are turned into',
        'risk classes by --cutoffs lower,medium,high (default 30,60,90: > 90 high, 60–90 medium,',
        '30–59 lower, < 30 low risk). Other columns are attributes: numeric when every cell is a',
        'number (or declared with --numeric), else categorical (or declared with --categorical).',
        'Empty cells, NA, N/A and ? are missing.',
        '',
        'Algorithms: id3 ([002 §3]: information gain, I, E(A), Gain(A) at every node), c45 (gain ratio,',
        'thresholds, missing values by fractional rows, pessimistic pruning), cart (Gini, binary splits,',
        'cost-complexity pruning with --ccp-alpha; splits as scikit-learn).',
        '',
        'Output: algorithm, labelling, classes, tree (nodes with attribute, threshold/values, entropy,',
        'gain, gainRatio, gini, counts, probabilities, children), rootGains [{attribute, gain, gainRatio}],',
        'rules ("IF … THEN class (n = …, …%)"), diagnostics. --out writes the model for `tree predict`.',
      ].join('\n'),
    )
    .requiredOption('--data <file>', 'loan history: .csv, .tsv, .xlsx or .json')
    .requiredOption('--target <column>', 'class column (class names or days overdue)')
    .addOption(new Option('--algorithm <name>', 'learner').choices(['id3', 'c45', 'cart']).default('id3'))
    .addOption(numberFlag('--max-depth <n>', 'maximum depth (root = 0)', { int: true, min: 0 }))
    .addOption(numberFlag('--min-leaf <n>', 'minimum rows in a leaf (default 1; c45: 2)', { int: true, min: 1 }))
    .addOption(numberFlag('--min-gain <x>', 'minimum gain (bits; cart: weighted Gini decrease) to split (default 0)', { min: 0 }))
    .option('--no-prune', 'c45: skip pessimistic pruning')
    .addOption(numberFlag('--ccp-alpha <x>', 'cart: cost-complexity pruning parameter α (default 0 = none)', { min: 0 }))
    .option('--cutoffs <days>', 'days-overdue cut-offs lower,medium,high (default 30,60,90)')
    .addOption(
      new Option(
        '--target-kind <kind>',
        'days: the target is days overdue; class: class names or codes; auto: days for a numeric column named like "days overdue" or with > 10 values',
      )
        .choices(['auto', 'days', 'class'])
        .default('auto'),
    )
    .option('--ignore <columns>', 'comma-separated columns to leave out (e.g. an id)')
    .option('--categorical <columns>', 'comma-separated columns to treat as categorical')
    .option('--numeric <columns>', 'comma-separated columns to treat as numeric')
    .option('--sheet <name>', 'XLSX sheet (default: the first)')
    .option('--out <file>', 'write the trained model (JSON) for `scf-risk tree predict`')
    .addOption(
      new Option('--format <format>', 'output format (default: table on a terminal, json when piped)').choices(['json', 'table', 'csv']),
    )
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  scf-risk tree train --data examples/loan-history-small.csv --target "days overdue" --max-depth 4',
        '  scf-risk tree train --data examples/loan-history-small.csv --target "days overdue" --algorithm cart --min-leaf 20 --out model.json',
        '  scf-risk tree train --data loans.xlsx --target risk --algorithm c45 --format json',
        '',
      ].join('\n'),
    )
    .action(async (opts: TrainOpts) => {
      await guard(async () => {
        const kinds: Record<string, 'categorical' | 'numeric'> = {};
        for (const c of list(opts.categorical) ?? []) kinds[c] = 'categorical';
        for (const c of list(opts.numeric) ?? []) kinds[c] = 'numeric';
        const cutoffs = parseCutoffs(opts.cutoffs);
        const ignore = list(opts.ignore);
        const loaded = await readLoanHistory(await readFileBytes(opts.data!), {
          target: opts.target!,
          kinds,
          targetKind: cutoffs && opts.targetKind === 'auto' ? ('days' as const) : (opts.targetKind ?? 'auto'),
          ...(cutoffs ? { cutoffs } : {}),
          ...(ignore ? { ignore } : {}),
          ...(opts.sheet ? { sheet: opts.sheet } : {}),
        });
        const maxDepth = intOption('max-depth', opts.maxDepth, 0);
        const minLeaf = intOption('min-leaf', opts.minLeaf, 1);
        const minGain = numOption('min-gain', opts.minGain, 0);
        const ccpAlpha = numOption('ccp-alpha', opts.ccpAlpha, 0);
        const model = trainTree(loaded.dataset, {
          algorithm: opts.algorithm,
          ...(maxDepth !== undefined ? { maxDepth } : {}),
          ...(minLeaf !== undefined ? { minLeaf } : {}),
          ...(minGain !== undefined ? { minGain } : {}),
          ...(ccpAlpha !== undefined ? { ccpAlpha } : {}),
          ...(opts.prune === false ? { prune: false } : {}),
        });
        if (opts.out) {
          const file = treeModelFile(model, loaded.labelling);
          await writeOutput(opts.out, `${JSON.stringify(file)}\n`);
        }
        const rules = treeRules(model);
        const result = {
          algorithm: model.algorithm,
          data: opts.data,
          labelling: loaded.labelling,
          classes: model.classes,
          tree: model.root,
          rootGains: model.rootGains,
          rules: rules.map((r) => r.text),
          options: model.options,
          diagnostics: model.diagnostics,
          ...(opts.out ? { model: opts.out } : {}),
        };
        emit(result, opts.format ?? defaultFormat(), {
          tables: (r) => [
            {
              title: `Root information gains (${r.algorithm}, ${r.diagnostics.rows} rows)`,
              header: ['attribute', 'gain', 'gainRatio'],
              rows: r.rootGains.map((g) => [g.attribute, fmt(g.gain), fmt(g.gainRatio)]),
            },
            {
              title: `Rules (${r.diagnostics.leaves} leaves, depth ${r.diagnostics.depth})`,
              header: ['rule'],
              rows: r.rules.map((x) => [x]),
            },
          ],
          notes: () => (model.diagnostics.nodes <= 200 ? [`Tree:\n${printTree(model)}`] : []),
        });
      });
    });
}

interface PredictOpts {
  model?: string;
  data?: string;
  sheet?: string;
  format?: Format;
}

/**
 * Read a saved model and check it fully (core's `parseTreeModel`); `setInput` gets the parsed file
 * while it is checked, so an error names the file, line and field (`root.children[0].node.counts`).
 */
async function readModel(file: string, setInput: (input: Input | undefined) => void): Promise<TreeModelFile> {
  const input = await loadInput(file);
  setInput(input);
  const model = parseTreeModel(input.data);
  setInput(undefined);
  return model;
}

function registerPredict(tree: Command): void {
  tree
    .command('predict')
    .summary('classify applicants with a trained tree (class, probabilities, path)')
    .description(
      [
        'Classify every row of --data with a model written by `scf-risk tree train --out`.',
        "Columns are matched to the model's attributes by name (extra columns are ignored, a missing",
        'attribute column is an error). An empty cell is a missing value: ID3/C4.5 spread the row over',
        'the branches by their training weights, CART uses the training median / "(missing)" category.',
        'Output: rows: [{row, class, probabilities, path: [{nodeId, attribute, condition, value}], leafId}].',
      ].join('\n'),
    )
    .requiredOption('--model <file>', 'model JSON from `tree train --out`')
    .requiredOption('--data <file>', 'applicants: .csv, .tsv, .xlsx or .json with a header row')
    .option('--sheet <name>', 'XLSX sheet (default: the first)')
    .addOption(
      new Option('--format <format>', 'output format (default: table on a terminal, json when piped)').choices(['json', 'table', 'csv']),
    )
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  scf-risk tree train --data examples/loan-history-small.csv --target "days overdue" --out model.json',
        '  scf-risk tree predict --model model.json --data examples/loan-history-small.csv --format json',
        '',
      ].join('\n'),
    )
    .action(async (opts: PredictOpts) => {
      let input: Input | undefined;
      await guard(
        async () => {
          const model = await readModel(opts.model!, (i) => {
            input = i;
          });
          const table = await readTable(await readFileBytes(opts.data!), opts.sheet ? { sheet: opts.sheet } : {});
          const absent = model.attributes.filter((a) => !table.header.includes(a.name)).map((a) => a.name);
          if (absent.length > 0)
            throw new ValidationError([
              {
                path: [],
                message: `${table.file}: missing attribute column(s) ${absent.map((a) => `"${a}"`).join(', ')} the model needs`,
                allowed: `columns: ${table.header.join(', ')}`,
              },
            ]);
          const rows = tableRows(table);
          const out: (TreePrediction & { row: number })[] = [];
          const issues: ValidationError['issues'] = [];
          rows.forEach((row, r) => {
            try {
              out.push({ row: r + 1, ...predictTree(model, row) });
            } catch (e) {
              if (!(e instanceof ValidationError)) throw e;
              for (const i of e.issues) {
                const c = table.header.indexOf(String(i.path[0]));
                issues.push({ ...i, path: [], message: `${c >= 0 ? table.where(r, c) : table.file}: ${i.message}` });
              }
            }
          });
          if (issues.length > 0) throw new ValidationError(issues);
          const result = { model: opts.model, algorithm: model.algorithm, classes: model.classes, rows: out };
          emit(result, opts.format ?? defaultFormat(), {
            tables: (r) => [
              {
                title: `Predictions (${r.algorithm})`,
                header: ['row', 'class', ...r.classes.map((c) => `P(${c})`), 'path'],
                rows: r.rows.map((p) => [
                  p.row,
                  p.class,
                  ...r.classes.map((c) => fmt(p.probabilities[c])),
                  p.path.map((s) => `${s.attribute}=${s.value ?? '?'}`).join(' > '),
                ]),
              },
            ],
          });
        },
        () => input,
      );
    });
}

interface GenerateOpts {
  rows: string;
  seed: string;
  out?: string;
  cutoffs?: string;
  format?: Format;
}

function registerGenerate(tree: Command): void {
  tree
    .command('generate')
    .summary('write a seeded demo loan history with the 22 attributes of [002 §3]')
    .description(
      [
        'Write a realistic demo loan history (CSV): the 22 attributes of [002 §3] and "days overdue".',
        'Default behaviour depends on the attributes as an analyst expects (see docs/credit-data.md).',
        'The same --seed gives the same file. 1,000,000 rows take a few seconds.',
      ].join('\n'),
    )
    .addOption(numberFlag('--rows <n>', 'number of loans (1 to 1,000,000 and more)', { int: true, min: 1 }, '1000'))
    .addOption(numberFlag('--seed <s>', 'random seed (whole number)', { int: true }, '1'))
    .requiredOption('--out <file>', 'CSV file to write')
    .option('--cutoffs <days>', 'cut-offs lower,medium,high for the class shares reported (default 30,60,90)')
    .addOption(new Option('--format <format>', 'summary format').choices(['json', 'table', 'csv']))
    .addHelpText(
      'after',
      '\nExamples:\n  scf-risk tree generate --rows 1000 --seed 7 --out loans.csv\n  scf-risk tree generate --rows 1000000 --seed 1 --out big.csv\n',
    )
    .action(async (opts: GenerateOpts) => {
      await guard(async () => {
        const rows = intOption('rows', opts.rows, 1)!;
        const seed = Number(opts.seed);
        if (!Number.isInteger(seed)) usage(`--seed must be a whole number, got "${opts.seed}"`);
        const cutoffs = parseCutoffs(opts.cutoffs);
        const h = generateLoanHistory({ rows, seed, ...(cutoffs ? { cutoffs } : {}) });
        await writeOutput(opts.out!, loanHistoryCsv(h));
        const result = { out: opts.out, rows, attributes: h.dataset.attributes.map((a) => a.name), ...h.diagnostics };
        emit(result, opts.format ?? defaultFormat());
      });
    });
}

export function register(program: Command): void {
  const tree = treeCommand(program);
  registerTrain(tree);
  registerPredict(tree);
  registerGenerate(tree);
}
