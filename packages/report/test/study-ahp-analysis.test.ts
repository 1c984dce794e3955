import { parseStudy, runStudy } from '@scf-risk/core';
import { studyTables, traditionalOnly } from '@scf-risk/report';
import { studyReportHtml } from '@scf-risk/report/html';
import { describe, expect, it } from 'vitest';

const m = (a: number, b: number, c: number) => [
  [1, a, b],
  [1 / a, 1, c],
  [1 / b, 1 / c, 1],
];

/** Goal → 風險 F (a panel of three, E3 dissenting) and T (one matrix). */
const STUDY = {
  title: { zh: '供應商風險', en: 'Supplier risk' },
  hierarchy: {
    code: 'G',
    name: { zh: '總目標', en: 'Goal' },
    children: [
      {
        code: 'F',
        name: { zh: '財務風險', en: 'Finance' },
        children: [
          { code: 'F1', name: { zh: '盈利', en: 'Margin' } },
          { code: 'F2', name: { zh: '槓桿', en: 'Leverage' } },
          { code: 'F3', name: { zh: '流動性', en: 'Liquidity' } },
        ],
      },
      {
        code: 'T',
        name: { zh: '交易', en: 'Trade' },
        children: [
          { code: 'T1', name: { zh: '年限', en: 'Years' } },
          { code: 'T2', name: { zh: '逾期', en: 'Overdue' } },
        ],
      },
    ],
  },
  weighting: {
    G: {
      method: 'ahp',
      matrix: [
        [1, 2],
        ['1/2', 1],
      ],
    },
    F: {
      method: 'group-ahp',
      experts: [
        { id: 'E1', matrix: m(3, 5, 2) },
        { id: 'E2', matrix: m(2, 4, 3) },
        { id: 'E3', matrix: m(1 / 9, 1 / 7, 1 / 3) },
      ],
    },
    T: {
      method: 'ahp',
      matrix: [
        [1, 4],
        ['1/4', 1],
      ],
    },
  },
  consensus: true,
  scales: ['standard', 'logarithmic', 'power'],
  uncertainty: { draws: 200, seed: 3 },
};

const run = () => ({ study: parseStudy(STUDY), result: runStudy(STUDY) });
const textOf = (html: string) => html.replace(/<style>[\s\S]*?<\/style>/, '').replace(/<[^>]+>/g, ' ');

describe('study report: consensus, scales, uncertainty', () => {
  it('a numbered section with a table and a chart for each', () => {
    const { study, result } = run();
    const html = studyReportHtml(study, result, 'en');
    expect(html).toMatch(/<h2>\d+\. Group consensus, judgment scales and weight uncertainty<\/h2>/);
    const section = html.slice(html.indexOf('Group consensus, judgment scales and weight uncertainty</h2>'));
    for (const title of [
      "Group consensus per node (Goepel's S*)",
      "Indicators' global weights per judgment scale",
      "Spread of the indicators' global weights under perturbed judgments",
      'F Finance: consensus S* (%) of the panel and without each expert',
      "Indicators' global weights under perturbed judgments (min, 2.5 %, nominal, 97.5 %, max)",
    ])
      expect(section).toContain(title);
    const figures = [...section.matchAll(/<span class="no">Figure (\d+)\.<\/span>/g)];
    expect(figures.length).toBeGreaterThanOrEqual(3);
  });

  it('the tables hold the numbers of the result, and run --verbose lists them', () => {
    const { study, result } = run();
    const tables = studyTables(result, 'en', study);
    const con = tables.find((t) => t.title?.startsWith("Group consensus per node (Goepel's S*)"));
    expect(con?.rows[0].slice(0, 4)).toEqual([
      'F',
      'Finance',
      result.consensus?.nodes[0].globalWeight,
      result.consensus?.nodes[0].consensus,
    ]);
    expect(con?.rows[0][4]).toBe('low');
    expect(con?.rows[0][7]).toBe('E3');
    const sc = tables.find((t) => t.title?.startsWith("Indicators' global weights per judgment scale"));
    expect(sc?.header).toEqual(['Indicator', 'Name', 'standard', 'logarithmic', 'power']);
    expect(sc?.rows[0][3]).toBe(result.scales?.scales[1].weights[0]);
    const un = tables.find((t) => t.title?.startsWith("Spread of the indicators' global weights"));
    expect(un?.rows.map((r) => r[0])).toEqual(['F1', 'F2', 'F3', 'T1', 'T2']);
    expect(un?.rows[4][3]).toBe(result.uncertainty?.weights[4].mean);
  });

  it('in Chinese: Simplified, no English header', () => {
    const { study, result } = run();
    const html = studyReportHtml(study, result, 'zh');
    const text = textOf(html);
    expect(traditionalOnly(text)).toEqual([]);
    expect(text).toContain('专家共识、判断标度与权重不确定性');
    expect(text).toContain('对数标度');
    expect(text).toContain('剔除 E3');
    const headers = [...html.matchAll(/<th[^>]*>([^<]*)<\/th>/g)].map((x) => x[1]);
    expect(headers.filter((h) => /[A-Za-z]{3,}/.test(h.replace('λmax', '')))).toEqual([]);
  });
});
