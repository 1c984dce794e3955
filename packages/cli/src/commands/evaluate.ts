/**
 * `scf-risk evaluate`: evaluate a portfolio of alternatives on a weighted hierarchy (SPEC §4, §10).
 * `--hierarchy` gives the tree (weights or matrices; leaves with direction and optional scoring
 * rule or membership thresholds), `--data` a table with one row per alternative: the first column
 * its id, then one column per leaf code. Methods: fce (leaf values are scores on the grade scale,
 * or mapped through `rule: {thresholds: [...]}`, or raw values mapped by the data's range with a
 * warning — refused under --strict), scorecard (1–7 scores, the leaf's scoring rule or thresholds,
 * or the data's range), topsis and gra (raw values with the leaves' directions). --explain adds the
 * contributions (tables and CSV: the top K per row, streamed for large CSV portfolios).
 */

// Only what a large CSV portfolio needs is loaded at start (core's portfolio entry, no zod; io's
// numeric CSV); the table path and --explain load the rest when they run.
import {
  evaluateHierarchyPortfolio,
  type HierarchyNode,
  hierarchyLeaves,
  labelText,
  MAX_LEAF_MAGNITUDE,
  portfolioIndicators,
  readLeafValues,
  synthesiseHierarchy,
  ValidationError,
  validateHierarchy,
} from '@scf-risk/core/portfolio';
import { csvWhere, numberCell, readTable } from '@scf-risk/io/tables';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { guard } from '../guard.ts';
import { type Input, loadInput, readFileBytes } from '../input.ts';
import { evaluateLargePortfolio, startLargePortfolioPool } from '../large-portfolio.ts';
import type { Format } from '../output.ts';
import { startProgress } from '../progress.ts';
import { terminal } from '../terminal.ts';
import { treeWithNumericMatrices } from '../tree-input.ts';
import { writeOutput } from '../write-file.ts';
import { summaryOf } from './index.ts';

type Method = 'fce' | 'scorecard' | 'topsis' | 'gra';

interface EvaluateOptions {
  hierarchy: string;
  data: string;
  method: Method;
  out?: string;
  explain?: boolean;
  explainTop: number;
  strict?: boolean;
  normalise?: boolean;
  format?: Format;
}

const LEAF_VALUES_HELP = [
  '',
  'Leaf values (fce, scorecard) — each leaf of the tree is read one of these ways, named in the JSON diagnostics (leafValues):',
  '  rule: {thresholds: [t1, t2, t3, t4, t5]}   (fce) t_g is the raw value that is fully grade g (no risk … extremely severe),',
  '                                             values between are interpolated, in either order: thresholds: [0, 5, 10, 15, 20]',
  '                                             for an overdue rate in % (lower is better). scorecard reads the same rule on 1–7.',
  '  rule: {type: ranges, ranges: [{from, to, score}, …]} or {type: linear, points: [[value, score], …]}   (scorecard) 1–7 scores.',
  '  no rule, direction benefit, every value on the scale (fce 2–10, scorecard 1–7): read as scores.',
  "  no rule, and a value off the scale or direction: cost: raw values. They are mapped linearly from this portfolio's range",
  '    onto the scale by direction (best value → top, worst → bottom), with a warning that prints the equivalent rule;',
  '    scores and grades are then relative to this portfolio. --strict refuses them instead (exit 2, the rule to add named).',
  'Cells: numbers with a decimal point (1.5, not 1,5), no thousands separators, magnitude at most 1e15; CSV separated by commas.',
].join('\n');

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
        'Output: per alternative id, score, grade, rank. --explain adds each indicator’s contribution W·v (JSON: all of them;',
        'table and CSV: the --explain-top largest as columns top1_code, top1_contribution, top1_share, …).',
        'Large portfolios: with a plain CSV --data and --out FILE.csv (fce, topsis, gra) the data stream into column-major',
        'memory and every core evaluates them; the output file is the same (with --explain too).',
        LEAF_VALUES_HELP,
      ].join('\n'),
    )
    .requiredOption('--hierarchy <file>', 'the weighted indicator tree (JSON/YAML)')
    .requiredOption('--data <file>', 'alternatives × leaf indicators (CSV, XLSX or JSON)')
    .addOption(new Option('--method <method>', 'evaluation method').choices(['fce', 'scorecard', 'topsis', 'gra']).default('fce'))
    .option('--out <file>', 'write the per-alternative rows to FILE (.csv or .json lines) instead of stdout')
    .option('--explain', 'add each indicator’s contribution per alternative')
    .option('--explain-top <k>', 'with --explain, in tables and CSV: the k largest contributions per alternative', positiveInt, 3)
    .option('--strict', 'fce, scorecard: refuse raw leaf values without a rule instead of mapping them by the data’s range')
    .option('--normalise', 'rescale sibling weights that do not sum to 1')
    .addOption(new Option('--format <format>', 'output format').choices(['json', 'table', 'csv']))
    .addHelpText(
      'after',
      '\nExamples:\n  scf-risk evaluate --hierarchy examples/evaluation/smes.yaml --data examples/evaluation/smes.csv\n  scf-risk evaluate --hierarchy examples/evaluation/smes.yaml --data examples/evaluation/smes.csv --explain --format table\n  scf-risk evaluate --hierarchy examples/evaluation/smes.yaml --data examples/evaluation/smes.csv --method topsis --explain --format json\n  a leaf with raw values:  - { code: DR, name: Debt ratio, weight: 0.3, direction: cost, rule: { thresholds: [40, 50, 60, 70, 80] } }\n',
    )
    .action(async (opts: EvaluateOptions) => {
      let input: Input | undefined;
      // the large-portfolio path's workers boot while the tree is read (closed below if the run stops before it)
      let pool = largePath(opts) && !opts.explain ? startLargePortfolioPool() : undefined;
      await guard(
        async () => {
          input = await loadInput(opts.hierarchy);
          const tree = await treeWithNumericMatrices(input.data);
          const synthesis = synthesiseHierarchy(tree, { normalise: opts.normalise });
          const { root } = validateHierarchy(tree, { normalise: opts.normalise });
          const leaves: HierarchyNode[] = hierarchyLeaves(root);
          const indicators = portfolioIndicators(root, synthesis);
          const weights = indicators.map((l) => l.weight);
          const codes = leaves.map((l) => l.code);
          // from here on, problems are in the data file, whose messages name it, row and column
          input = undefined;
          const rawValues = opts.strict ? 'error' : 'range';
          const warnings: string[] = [];
          const warn = () => {
            for (const w of warnings) terminal().stderr.write(`warning: ${w}\n`);
          };
          // Large portfolios: CSV in, CSV out, batch kernels on every core, no per-alternative objects.
          if (opts.out?.endsWith('.csv') && opts.method !== 'scorecard' && largePath(opts)) {
            const method = opts.method;
            const prepare = (x: { rows: number; cols: number; data: Float64Array }) => {
              const m = x.rows;
              for (let j = 0; j < x.cols; j++)
                for (let i = 0; i < m; i++) {
                  const v = x.data[j * m + i];
                  if (!(Math.abs(v) <= MAX_LEAF_MAGNITUDE))
                    throw new ValidationError([
                      {
                        path: [],
                        message: `${csvWhere(opts.data, i, codes[j])}: ${v} is too large for safe arithmetic`,
                        allowed: `a number between −${MAX_LEAF_MAGNITUDE.toExponential()} and ${MAX_LEAF_MAGNITUDE.toExponential()}`,
                      },
                    ]);
                }
              if (method === 'fce') warnings.push(...readLeafValues(indicators, x, 'fce', { raw: rawValues }).warnings);
            };
            const job = {
              data: opts.data,
              out: opts.out,
              codes,
              weights,
              directions: indicators.map((l) => l.direction ?? 'benefit'),
              method,
              prepare,
              // fce on leaves read as scores when their values lie on the grade axis: parse and evaluate in one pass
              fused: method === 'fce' && indicators.every((l) => l.rule === undefined && (l.direction ?? 'benefit') === 'benefit'),
              pool,
            };
            pool = undefined; // evaluateLargePortfolio closes it
            const m = opts.explain
              ? await (await import('../explain-output.ts')).evaluateLargeExplained({
                  ...job,
                  top: opts.explainTop,
                  ...(method === 'fce' ? { axis: [2, 10] as [number, number] } : {}),
                })
              : await evaluateLargePortfolio(job);
            warn();
            written(m, opts.method, opts.out);
            return;
          }
          const bar = startProgress(100, 'evaluate');
          let evaluation: ReturnType<typeof evaluateHierarchyPortfolio>;
          let m: number;
          try {
            bar.update(0, 'reading');
            const table = await readTable(await readFileBytes(opts.data));
            bar.update(30, 'checking cells');
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
            m = table.rows.length;
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
              bar.update(30 + Math.round((20 * (j + 1)) / n), 'checking cells');
            }
            bar.update(50, 'evaluating');
            evaluation = evaluateHierarchyPortfolio({
              root,
              synthesis,
              alternatives: { ids, codes, x: { rows: m, cols: n, data } },
              method: opts.method,
              explain: opts.explain,
              rawValues,
            });
            bar.update(90, 'writing');
          } finally {
            bar.stop();
          }
          warnings.push(...evaluation.diagnostics.warnings);
          warn();
          const [{ explainCell, explainHeader, explainLine }, { defaultFormat, emit }, { renderCsv }, { fmt }] = await Promise.all([
            import('../explain-output.ts'),
            import('../output.ts'),
            import('@scf-risk/io/csv'),
            import('@scf-risk/report/tables'),
          ]);
          const rows = evaluation.rows;
          const k = Math.min(opts.explainTop, leaves.length);
          const tops = (r: (typeof rows)[number]) => (r.contributions ?? []).slice(0, k);
          const explainedCsv = () =>
            [explainHeader(k).join(','), ...rows.map((r) => explainLine(r.id, r.score, r.grade ?? '', r.rank, tops(r), k))].join('\n');
          const result = {
            method: opts.method,
            alternatives: m,
            indicators: evaluation.indicators,
            results: rows,
            diagnostics: evaluation.diagnostics,
          };
          if (opts.out) {
            const text = opts.out.endsWith('.csv')
              ? opts.explain
                ? explainedCsv()
                : renderCsv({ header: ['id', 'score', 'grade', 'rank'], rows: rows.map((r) => [r.id, r.score, r.grade ?? '', r.rank]) })
              : rows.map((r) => JSON.stringify(r)).join('\n');
            await writeOutput(opts.out, `${text}\n`);
            written(m, opts.method, opts.out);
            return;
          }
          const format = opts.format ?? defaultFormat();
          if (format === 'csv' && opts.explain) {
            terminal().stdout.write(`${explainedCsv()}\n`);
            return;
          }
          emit(result, format, {
            tables: (r) => [
              {
                title: `Evaluation (${r.method}), ${r.alternatives} alternatives${opts.explain ? `; the ${k} largest contributions W·v (share of the score)` : ''}`,
                header: ['id', 'score', 'grade', 'rank', ...(opts.explain ? Array.from({ length: k }, (_, t) => `top ${t + 1}`) : [])],
                rows: r.results.map((x) => [
                  x.id,
                  fmt(x.score, 4),
                  x.grade ?? '',
                  x.rank,
                  ...(opts.explain ? Array.from({ length: k }, (_, t) => explainCell(tops(x)[t])) : []),
                ]),
              },
            ],
          });
        },
        () => input,
      );
      await pool?.close();
    });
}

/** Large portfolios: CSV in, CSV out (fce, topsis, gra). */
function largePath(opts: EvaluateOptions): boolean {
  return opts.out?.endsWith('.csv') === true && /\.csv$/i.test(opts.data) && opts.method !== 'scorecard';
}

function positiveInt(v: string): number {
  const k = Number(v);
  if (!Number.isInteger(k) || k < 1) throw new InvalidArgumentError('a whole number ≥ 1');
  return k;
}

function written(m: number, method: Method, file: string): void {
  terminal().stdout.write(`${m} alternatives evaluated (${method}); results written to ${file}\n`);
}
