/**
 * `scf-risk evaluate`: evaluate a portfolio of alternatives on a weighted hierarchy (SPEC §4, §10).
 * `--hierarchy` gives the tree (weights or matrices; leaves with direction and optional scoring
 * rule or membership thresholds), `--data` a table with one row per alternative: the first column
 * its id, then one column per leaf code. Methods: fce (leaf values are scores on the grade scale,
 * or mapped through `rule: {thresholds: [...]}`), scorecard (values are 1–7 scores or go through
 * the leaf's scoring rule), topsis and gra (raw values with the leaves' directions).
 */

import {
  evaluateHierarchyPortfolio,
  type HierarchyNode,
  hierarchyLeaves,
  labelText,
  portfolioIndicators,
  synthesiseHierarchy,
  thresholdsOf,
  ValidationError,
  validateHierarchy,
} from '@scf-risk/core';
import { numberCell, readTable, renderCsv } from '@scf-risk/io';
import { fmt } from '@scf-risk/report';
import { type Command, Option } from 'commander';
import { guard } from '../command.ts';
import { evaluateLargePortfolio } from '../large-portfolio.ts';
import { type Input, loadInput, readFileBytes } from '../input.ts';
import { defaultFormat, emit, type Format } from '../output.ts';
import { terminal } from '../terminal.ts';
import { parseTreeMatrices } from '../tree-input.ts';
import { writeOutput } from '../write-file.ts';
import { summaryOf } from './index.ts';

type Method = 'fce' | 'scorecard' | 'topsis' | 'gra';

interface EvaluateOptions {
  hierarchy: string;
  data: string;
  method: Method;
  out?: string;
  explain?: boolean;
  normalise?: boolean;
  format?: Format;
}

export function register(program: Command): void {
  program
    .command('evaluate')
    .summary(summaryOf('evaluate'))
    .description(
      [
        'evaluate a portfolio on a weighted hierarchy',
        '',
        '--hierarchy: a tree (docs/methods/hierarchy.md) whose weights are known (child weights, matrices or experts).',
        '--data: CSV/XLSX/JSON, one row per alternative: first column the id, then a column per leaf code.',
        'Output: per alternative id, score, grade, rank (and with --explain the indicators’ contributions).',
        'Large portfolios: with a plain CSV --data and --out FILE.csv (fce without thresholds, topsis, gra; no --explain)',
        'the data stream into column-major memory and every core evaluates them; the output file is the same.',
      ].join('\n'),
    )
    .requiredOption('--hierarchy <file>', 'the weighted indicator tree (JSON/YAML)')
    .requiredOption('--data <file>', 'alternatives × leaf indicators (CSV, XLSX or JSON)')
    .addOption(new Option('--method <method>', 'evaluation method').choices(['fce', 'scorecard', 'topsis', 'gra']).default('fce'))
    .option('--out <file>', 'write the per-alternative rows to FILE (.csv or .json lines) instead of stdout')
    .option('--explain', 'add each indicator’s contribution per alternative')
    .option('--normalise', 'rescale sibling weights that do not sum to 1')
    .addOption(new Option('--format <format>', 'output format').choices(['json', 'table', 'csv']))
    .addHelpText(
      'after',
      '\nExamples:\n  scf-risk evaluate --hierarchy examples/evaluation/smes.yaml --data examples/evaluation/smes.csv\n  scf-risk evaluate --hierarchy examples/evaluation/smes.yaml --data examples/evaluation/smes.csv --method topsis --explain --format json\n',
    )
    .action(async (opts: EvaluateOptions) => {
      let input: Input | undefined;
      await guard(
        async () => {
          input = await loadInput(opts.hierarchy);
          const tree = parseTreeMatrices(input.data);
          const synthesis = synthesiseHierarchy(tree, { normalise: opts.normalise });
          const { root } = validateHierarchy(tree, { normalise: opts.normalise });
          const leaves: HierarchyNode[] = hierarchyLeaves(root);
          const weights = portfolioIndicators(root, synthesis).map((l) => l.weight);
          // Large portfolios: CSV in, CSV out, batch kernels on every core, no per-alternative objects.
          const batchable =
            opts.method !== 'scorecard' && !(opts.method === 'fce' && leaves.some((l) => thresholdsOf(l.rule) !== undefined));
          if (opts.out?.endsWith('.csv') && /\.csv$/i.test(opts.data) && !opts.explain && batchable) {
            const m = await evaluateLargePortfolio({
              data: opts.data,
              out: opts.out,
              codes: leaves.map((l) => l.code),
              weights,
              directions: leaves.map((l) => l.direction ?? 'benefit'),
              method: opts.method as 'fce' | 'topsis' | 'gra',
            });
            written(m, opts.method, opts.out);
            return;
          }
          const table = await readTable(await readFileBytes(opts.data));
          const cols = leaves.map((l) => {
            const c = table.header.indexOf(l.code);
            if (c < 0)
              throw new ValidationError([
                {
                  path: [],
                  message: `${opts.data}: no column "${l.code}" (leaf ${labelText(l.name)})`,
                  allowed: `a header with ${leaves.map((x) => x.code).join(', ')}`,
                },
              ]);
            return c;
          });
          const m = table.rows.length;
          if (m === 0)
            throw new ValidationError([{ path: [], message: `${opts.data}: the portfolio is empty (no rows below the header)` }]);
          const ids = table.rows.map((r, i) => String(r[0] ?? i + 1));
          const n = leaves.length;
          const data = new Float64Array(m * n);
          for (let j = 0; j < n; j++) {
            for (let i = 0; i < m; i++) {
              const v = numberCell(table, i, cols[j]);
              if (v === null)
                throw new ValidationError([{ path: [], message: `${table.where(i, cols[j])}: empty cell`, allowed: 'a number' }]);
              data[j * m + i] = v;
            }
          }
          const evaluation = evaluateHierarchyPortfolio({
            root,
            synthesis,
            alternatives: { ids, codes: leaves.map((l) => l.code), x: { rows: m, cols: n, data } },
            method: opts.method,
            explain: opts.explain,
          });
          const rows = evaluation.rows;
          const result = { method: opts.method, alternatives: m, indicators: evaluation.indicators, results: rows };
          if (opts.out) {
            const text = opts.out.endsWith('.csv')
              ? renderCsv({ header: ['id', 'score', 'grade', 'rank'], rows: rows.map((r) => [r.id, r.score, r.grade ?? '', r.rank]) })
              : rows.map((r) => JSON.stringify(r)).join('\n');
            await writeOutput(opts.out, `${text}\n`);
            written(m, opts.method, opts.out);
            return;
          }
          emit(result, opts.format ?? defaultFormat(), {
            tables: (r) => [
              {
                title: `Evaluation (${r.method}), ${r.alternatives} alternatives`,
                header: ['id', 'score', 'grade', 'rank'],
                rows: r.results.map((x) => [x.id, fmt(x.score, 4), x.grade ?? '', x.rank]),
              },
            ],
          });
        },
        () => input,
      );
    });
}

function written(m: number, method: Method, file: string): void {
  terminal().stdout.write(`${m} alternatives evaluated (${method}); results written to ${file}\n`);
}
