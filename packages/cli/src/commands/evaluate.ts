/**
 * `scf-risk evaluate`: evaluate a portfolio of alternatives on a weighted hierarchy (SPEC §4, §10).
 * `--hierarchy` gives the tree (weights or matrices; leaves with direction and optional scoring
 * rule or membership thresholds), `--data` a table with one row per alternative: the first column
 * its id, then one column per leaf code. Methods: fce (leaf values are scores on the grade scale,
 * or mapped through `rule: {thresholds: [...]}`), scorecard (values are 1–7 scores or go through
 * the leaf's scoring rule), topsis and gra (raw values with the leaves' directions).
 */
import { writeFile } from 'node:fs/promises';
import { ValidationError } from '@scf-risk/core/errors.ts';
import { weightedSumContributions } from '@scf-risk/core/evaluation/explain.ts';
import { DEFAULT_GRADES, membershipFromThresholds } from '@scf-risk/core/evaluation/fuzzy.ts';
import { fuzzyEvaluateBatch } from '@scf-risk/core/evaluation/fuzzy-batch.ts';
import { gra } from '@scf-risk/core/evaluation/grey.ts';
import { scorecard } from '@scf-risk/core/evaluation/scorecard.ts';
import { checkScoringRule, type ScoringRule } from '@scf-risk/core/evaluation/scoring-rule.ts';
import { topsisBatch } from '@scf-risk/core/evaluation/topsis.ts';
import { synthesiseHierarchy } from '@scf-risk/core/hierarchy/synthesis.ts';
import { type HierarchyNode, hierarchyLeaves } from '@scf-risk/core/hierarchy/tree.ts';
import { validateHierarchy } from '@scf-risk/core/hierarchy/validate.ts';
import { labelText } from '@scf-risk/core/label.ts';
import { rankDescending } from '@scf-risk/core/numeric/vector.ts';
import { type Command, Option } from 'commander';
import { guard } from '../command.ts';
import { type Input, loadInput } from '../input.ts';
import { numberCell, readTable } from '../io/tables.ts';
import { defaultFormat, emit, type Format, fmt, renderCsv } from '../output.ts';
import { parseTreeMatrices } from '../tree-input.ts';

export const order = 33;

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

export interface EvaluationRow {
  id: string;
  score: number;
  grade?: string;
  rank: number;
  contributions?: { code: string; weight: number; value: number; contribution: number; share: number }[];
}

function thresholdsOf(rule: unknown): number[] | undefined {
  return rule && typeof rule === 'object' && Array.isArray((rule as { thresholds?: unknown }).thresholds)
    ? ((rule as { thresholds: number[] }).thresholds as number[])
    : undefined;
}

export function register(program: Command): void {
  program
    .command('evaluate')
    .summary('evaluate a portfolio on a weighted hierarchy: fce, scorecard, topsis or gra; ranks and explanations')
    .description(
      [
        'evaluate a portfolio on a weighted hierarchy',
        '',
        '--hierarchy: a tree (SPEC §10) whose weights are known (child weights, matrices or experts).',
        '--data: CSV/XLSX/JSON, one row per alternative: first column the id, then a column per leaf code.',
        'Output: per alternative id, score, grade, rank (and with --explain the indicators’ contributions).',
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
          const weightOf = new Map(synthesis.leaves.map((l) => [l.code, l.globalWeight]));
          const unknown = leaves.filter((l) => weightOf.get(l.code) === null).map((l) => l.code);
          if (unknown.length > 0)
            throw new ValidationError([
              {
                path: [],
                message: `${opts.hierarchy}: no global weight for ${unknown.join(', ')}`,
                allowed: 'a tree whose every level is weighted',
              },
            ]);
          const weights = leaves.map((l) => weightOf.get(l.code) as number);
          const table = await readTable(opts.data);
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
          const x = { rows: m, cols: n, data };
          const rows: EvaluationRow[] = [];
          if (opts.method === 'fce') {
            // Map raw values through membership thresholds into the grade-score axis first.
            for (let j = 0; j < n; j++) {
              const th = thresholdsOf(leaves[j].rule);
              if (!th) continue;
              for (let i = 0; i < m; i++) {
                const r = membershipFromThresholds(data[j * m + i], th);
                data[j * m + i] = r.reduce((s, u, k) => s + u * DEFAULT_GRADES[k].score, 0);
              }
            }
            const res = fuzzyEvaluateBatch(x, weights);
            const rank = rankDescending(res.score);
            for (let i = 0; i < m; i++)
              rows.push({ id: ids[i], score: res.score[i], grade: labelText(res.grades[res.grade[i]].name), rank: rank[i] });
          } else if (opts.method === 'scorecard') {
            const indicators = leaves.map((l, j) => {
              const rule = l.rule as ScoringRule | undefined;
              if (rule && !thresholdsOf(rule)) checkScoringRule(rule);
              return { code: l.code, weight: weights[j], ...(rule && !thresholdsOf(rule) ? { rule } : {}) };
            });
            const scores = ids.map((_, i) => scorecard(indicators, Object.fromEntries(leaves.map((l, j) => [l.code, data[j * m + i]]))));
            const rank = rankDescending(scores.map((s) => s.score));
            scores.forEach((s, i) => {
              rows.push({ id: ids[i], score: s.score, grade: s.grade, rank: rank[i] });
            });
          } else if (opts.method === 'topsis') {
            const res = topsisBatch(x, weights, { directions: leaves.map((l) => l.direction ?? 'benefit') });
            for (let i = 0; i < m; i++) rows.push({ id: ids[i], score: res.closeness[i], rank: res.rank[i] });
          } else {
            const matrix = ids.map((_, i) => leaves.map((_, j) => data[j * m + i]));
            const res = gra(matrix, { weights, directions: leaves.map((l) => l.direction ?? 'benefit') });
            for (let i = 0; i < m; i++) rows.push({ id: ids[i], score: res.grades[i], rank: res.rank[i] });
          }
          if (opts.explain) {
            rows.forEach((row, i) => {
              const values = leaves.map((_, j) => data[j * m + i]);
              row.contributions = weightedSumContributions(weights, values).contributions.map((c) => ({
                code: leaves[c.index].code,
                weight: c.weight,
                value: c.value,
                contribution: c.contribution,
                share: c.share,
              }));
            });
          }
          const result = {
            method: opts.method,
            alternatives: m,
            indicators: leaves.map((l, j) => ({ code: l.code, globalWeight: weights[j], direction: l.direction ?? 'benefit' })),
            results: rows,
          };
          if (opts.out) {
            const text = opts.out.endsWith('.csv')
              ? renderCsv({ header: ['id', 'score', 'grade', 'rank'], rows: rows.map((r) => [r.id, r.score, r.grade ?? '', r.rank]) })
              : rows.map((r) => JSON.stringify(r)).join('\n');
            await writeFile(opts.out, `${text}\n`);
            process.stdout.write(`${m} alternatives evaluated (${opts.method}); results written to ${opts.out}\n`);
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
