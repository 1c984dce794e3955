/**
 * `scf-risk demo` — what `npm start` runs: the JD indicator system of [003] with its published
 * weights, the operational-risk branch checked against [003] table 10, an illustrative expert
 * panel weighting the five first-level criteria with group AHP (CR per expert and for the
 * group), printed as tables and written as a self-contained HTML report.
 */

import type { HierarchyNode } from '@scf-risk/core';
import { groupAhp, labelText, parseTreeMatrices, synthesiseHierarchy, template, validateHierarchy } from '@scf-risk/core';
import { consistencyTable, fmt, hierarchyTables, hierarchyTree, renderTable, type Table, weightBars, weightTable } from '@scf-risk/report';
import { renderReport } from '@scf-risk/report/html';
import { type Command, Option } from 'commander';
import { guard } from '../guard.ts';
import { terminal } from '../terminal.ts';
import { writeOutput } from '../write-file.ts';
import { summaryOf } from './index.ts';

/** [003] table 10, the printed "absolute weight" of the operational-risk indicators. */
export const TABLE_10: Record<string, number> = {
  A511: 0.026,
  A512: 0.016,
  A513: 0.012,
  A514: 0.012,
  A521: 0.015,
  A522: 0.008,
  A523: 0.007,
  A524: 0.006,
  A525: 0.005,
  A531: 0.015,
  A532: 0.007,
  A533: 0.005,
  A541: 0.013,
  A542: 0.007,
  A543: 0.007,
};

/**
 * The illustrative panel: three experts compare the JD template's first-level criteria. The same
 * panel is `examples/ahp/panel.yaml` (a test keeps them equal); it is here so the demo runs from
 * an installed package too.
 */
export const DEMO_PANEL = {
  labels: ['Macro & industry', 'Credit', 'Relationship', 'Collateral', 'Operational'],
  experts: [
    {
      id: 'E1',
      weight: 2,
      matrix: [
        [1, '1/3', '1/2', '1/2', 1],
        [3, 1, 2, 2, 3],
        [2, '1/2', 1, 1, 2],
        [2, '1/2', 1, 1, 2],
        [1, '1/3', '1/2', '1/2', 1],
      ],
    },
    {
      id: 'E2',
      matrix: [
        [1, '1/4', '1/2', '1/3', '1/2'],
        [4, 1, 2, 2, 3],
        [2, '1/2', 1, 1, 1],
        [3, '1/2', 1, 1, 2],
        [2, '1/3', 1, '1/2', 1],
      ],
    },
    {
      id: 'E3',
      matrix: [
        [1, '1/2', 1, '1/2', 1],
        [2, 1, 3, 2, 2],
        [1, '1/3', 1, 1, 1],
        [2, '1/2', 1, 1, 2],
        [1, '1/2', 1, '1/2', 1],
      ],
    },
  ],
};

/** Where the report goes without --out: relative to the current folder. */
const DEFAULT_OUT = 'reports/jd-demo.html';

export function register(program: Command): void {
  program
    .command('demo')
    .summary(summaryOf('demo'))
    .description(
      'the JD risk system of [003]: published weights, the check against its table 10, an illustrative panel weighting the criteria by group AHP, and an HTML report',
    )
    .addOption(new Option('--lang <lang>', 'language of names').choices(['en', 'zh']).default('en'))
    .option('--out <file>', 'where to write the HTML report', DEFAULT_OUT)
    .addHelpText('after', '\nExamples:\n  scf-risk demo\n  scf-risk demo --lang zh --out /tmp/jd.html\n')
    .action(async (opts: { lang: 'en' | 'zh'; out: string }) => {
      await guard(async () => {
        const zh = opts.lang === 'zh';
        const tree = template('jd-scf');
        const synthesis = synthesiseHierarchy(tree);
        const byCode = new Map(synthesis.nodes.map((n) => [n.code, n]));
        const check: Table = {
          title: zh ? '操作风险分支与 [003] 表10 绝对权重对照' : 'Operational-risk branch against [003] table 10 (absolute weight)',
          header: ['code', 'name', 'computed', 'printed', 'match'],
          rows: Object.entries(TABLE_10).map(([code, printed]) => {
            const n = byCode.get(code);
            const g = n?.globalWeight ?? Number.NaN;
            return [code, labelText(n?.name, opts.lang), fmt(g, 4), printed.toFixed(3), Number(g.toFixed(3)) === printed ? '✓' : '✗'];
          }),
        };
        const matched = check.rows.filter((r) => r[4] === '✓').length;
        const panelData = parseTreeMatrices(DEMO_PANEL) as {
          labels: string[];
          experts: { id: string; weight?: number; matrix: (number | null)[][] }[];
        };
        const panel = groupAhp(panelData.experts, { labels: panelData.labels });
        const expertsTable: Table = {
          title: zh ? '专家判断一致性' : 'Experts’ consistency',
          header: ['expert', 'weight', 'λmax', 'CR', 'consistent'],
          rows: panel.experts.map((e) => [e.id, fmt(e.weight, 3), fmt(e.lambdaMax, 4), fmt(e.cr, 4), e.consistent ? 'yes' : 'NO']),
        };
        const treeTables = hierarchyTables(synthesis, opts.lang);
        const groupWeights = weightTable(
          panel.weights,
          panelData.labels,
          zh ? '一级指标群组权重 (AIJ)' : 'First-level criteria, group weights (AIJ)',
        );
        const groupCr = panel.group ? [consistencyTable(panel.group)] : [];
        const text = [
          renderTable(treeTables[0]),
          renderTable(check),
          `${matched}/${check.rows.length} ${zh ? '个指标与表10一致（3位小数）' : 'indicators match table 10 to the printed 3 decimals'}`,
          renderTable(groupWeights),
          ...groupCr.map(renderTable),
          renderTable(expertsTable),
        ];
        const { root } = validateHierarchy(tree);
        const toChart = (n: HierarchyNode): { name: string; children?: { name: string }[] } => ({
          name: `${n.code} ${labelText(n.name, opts.lang)}`,
          ...(n.children ? { children: n.children.map(toChart) } : {}),
        });
        const ops = Object.keys(TABLE_10);
        const html = renderReport({
          title: zh ? '京东供应链金融风险评估指标体系' : 'JD supply-chain finance risk system',
          lang: opts.lang,
          subtitle: zh ? '来源：[003]；一级指标判断为示例专家组' : 'Source: [003]; first-level judgments are an illustrative panel',
          sections: [
            {
              heading: zh ? '指标体系与权重' : 'Indicator system and weights',
              tables: treeTables,
              charts: [hierarchyTree(zh ? '指标体系' : 'Hierarchy', toChart(root))],
            },
            {
              heading: zh ? '与表10对照' : 'Check against table 10',
              tables: [check],
              charts: [
                weightBars(
                  zh ? '操作风险指标绝对权重' : 'Operational-risk indicators, absolute weight',
                  ops.map((c) => `${c} ${labelText(byCode.get(c)?.name, opts.lang)}`),
                  ops.map((c) => byCode.get(c)?.globalWeight ?? 0),
                ),
              ],
            },
            {
              heading: zh ? '群组层次分析' : 'Group AHP',
              tables: [groupWeights, ...groupCr, expertsTable],
              charts: [weightBars(groupWeights.title ?? '', panelData.labels, panel.weights)],
            },
          ],
        });
        await writeOutput(opts.out, html);
        text.push(`${zh ? '报告已写入' : 'HTML report written to'} ${opts.out}`);
        terminal().stdout.write(`${text.join('\n\n')}\n`);
      });
    });
}
