import { parseStudy, runStudy } from '@scf-risk/core';
import {
  hierarchyTree,
  inScript,
  studySummaryTables,
  studyTables,
  textWidth,
  toSimplified,
  toTraditional,
  traditionalOnly,
} from '@scf-risk/report';
import { renderReport, studyReportHtml } from '@scf-risk/report/html';
import { describe, expect, it } from 'vitest';

// names stored in Traditional characters, as the b2b-platform template keeps them
const STUDY = {
  title: { zh: '電商平臺風險評價', en: 'Platform risk' },
  source: '[004]',
  lang: 'en',
  hierarchy: {
    code: 'B',
    name: { zh: 'B2B電商平臺供應鏈融資風險評價指標體系', en: 'B2B platform supply-chain financing risk' },
    children: [
      {
        code: 'B1',
        name: { zh: '宏觀環境與行業', en: 'Macro environment and industry' },
        children: [
          { code: 'B11', name: { zh: '宏觀經濟形勢', en: 'Macro-economic situation' }, kind: 'qualitative', direction: 'benefit' },
          { code: 'B12', name: { zh: '行業競爭程度', en: 'Competition' }, kind: 'qualitative', direction: 'benefit' },
        ],
      },
      { code: 'B2', name: { zh: '商業銀行', en: 'Commercial bank' }, kind: 'qualitative', direction: 'benefit' },
    ],
  },
  weighting: {
    B: {
      method: 'ahp',
      matrix: [
        [1, 3],
        ['1/3', 1],
      ],
    },
    B1: {
      method: 'ahp',
      matrix: [
        [1, 2],
        ['1/2', 1],
      ],
    },
  },
  alternatives: [
    { id: 'p1', name: { zh: '阿里巴巴', en: 'Alibaba' }, values: { B11: 8, B12: 6, B2: 7 } },
    { id: 'p2', name: { zh: '摩貝', en: 'Molbase' }, values: { B11: 5, B12: 7, B2: 4 } },
  ],
  evaluation: [{ method: 'fce' }],
  sensitivity: true,
  monteCarlo: { draws: 200, seed: 1, concentration: 100 },
  expect: { digits: 2, globalWeights: { B11: 0.5, B2: 0.25 } },
};

const run = () => {
  const study = parseStudy(STUDY);
  return { study, result: runStudy(STUDY) };
};

/** Every text of an HTML page (tags dropped). */
const textOf = (html: string) => html.replace(/<style>[\s\S]*?<\/style>/, '').replace(/<[^>]+>/g, ' ');

describe('one script per language', () => {
  it('converts Traditional to Simplified and back (with the phrases these texts need)', () => {
    expect(toSimplified('B2B電商平臺供應鏈融資風險評價指標體系')).toBe('B2B电商平台供应链融资风险评价指标体系');
    expect(toTraditional('B2B电商平台供应链融资风险评价指标体系')).toBe('B2B電商平臺供應鏈融資風險評價指標體系');
    expect(toTraditional('合作关系与联系；综合评价；发货；复现与复核')).toBe('合作關係與聯繫；綜合評價；發貨；復現與複核');
    expect(inScript('Risk 風險', 'en')).toBe('Risk 風險');
    expect(traditionalOnly('风险 風險 体系')).toEqual(['風', '險']);
  });

  it('a zh report is Simplified throughout: names, headings, headers, grades, yes/no; no English header', () => {
    const { study, result } = run();
    const html = studyReportHtml(study, result, 'zh');
    const text = textOf(html);
    expect(traditionalOnly(text)).toEqual([]);
    expect(text).toContain('电商平台供应链融资风险评价指标体系');
    expect(text).toContain('宏观环境与行业');
    expect(text).toContain('摩贝');
    expect(text).toContain('轻度风险');
    const headers = [...html.matchAll(/<th[^>]*>([^<]*)<\/th>/g)].map((m) => m[1]);
    expect(headers.filter((h) => /[A-Za-z]{3,}/.test(h.replace('λmax', '')))).toEqual([]);
    for (const t of studyTables(result, 'zh', study)) {
      expect(traditionalOnly(JSON.stringify(t))).toEqual([]);
      for (const row of t.rows) for (const c of row) expect(['yes', 'NO', 'keep', 'delete', 'discuss', 'none']).not.toContain(c);
    }
  });

  it('zh-Hant is Traditional throughout', () => {
    const { study, result } = run();
    const html = studyReportHtml(study, result, 'zh-Hant');
    expect(html).toContain('<html lang="zh-Hant">');
    const text = textOf(html);
    expect(text).toContain('電商平臺供應鏈融資風險評價指標體系');
    expect(text).toContain('摘要');
    expect(text).not.toMatch(/[电险评价体权风]/);
  });
});

describe('study summary and report', () => {
  it('the summary holds the ranking with grades, the weights, consistency and checks', () => {
    const { study, result } = run();
    const [ranking, criteria, indicators, facts] = studySummaryTables(result, 'en', study);
    expect(ranking.header).toEqual(['Rank', 'ID', 'Name', 'Score', 'Grade', 'P(this rank)']);
    expect(ranking.rows.map((r) => r[0])).toEqual([1, 2]);
    expect(ranking.rows[0][2]).toBe('Alibaba');
    expect(criteria.rows.map((r) => r[0])).toEqual(['B1', 'B2']);
    expect(criteria.rows[0][2]).toBeCloseTo(0.75, 12);
    expect(indicators.rows.map((r) => r[0])).toEqual(['B11', 'B12']);
    const fact = Object.fromEntries(facts.rows.map((r) => [r[0], r[1]]));
    expect(fact.Consistency).toMatch(/^all 2 judgment matrices CR < 0\.10/);
    expect(fact.Checks).toBe('2/2 printed numbers reproduced');
    expect(fact['Monte Carlo']).toMatch(/ranks first in/);
  });

  it('the report puts the summary first, then a table of contents, numbered sections, tables and figures', () => {
    const { study, result } = run();
    const html = studyReportHtml(study, result, 'en');
    const order = ['<section class="summary"', '<nav class="toc"', '<section id="s1"'].map((s) => html.indexOf(s));
    expect(order.every((i, k) => i > 0 && (k === 0 || i > order[k - 1]))).toBe(true);
    expect(html).toContain('<h2>1. Indicator system and weights</h2>');
    const tables = [...html.matchAll(/<span class="no">Table (\d+)\.<\/span>/g)].map((m) => Number(m[1]));
    expect(tables).toEqual(tables.map((_, k) => k + 1));
    const figures = [...html.matchAll(/<span class="no">Figure (\d+)\.<\/span>/g)].map((m) => Number(m[1]));
    expect(figures.length).toBeGreaterThanOrEqual(4); // tree, weights, radar, heat map
    expect(figures).toEqual(figures.map((_, k) => k + 1));
  });

  it('right-aligns numbers (and numeric columns) but not text', () => {
    const html = renderReport({
      title: 't',
      lang: 'en',
      sections: [
        {
          heading: 'h',
          tables: [
            {
              header: ['code', 'w', 'judgment'],
              rows: [
                ['A1', '0.25', '1/3'],
                ['A2', 0.75, '—'],
              ],
            },
          ],
        },
      ],
    });
    expect(html).toContain('<th class="num">w</th>');
    expect(html).toContain('<td>A1</td><td class="num">0.25</td><td class="num">1/3</td>');
    expect(html).toContain('<td class="num">—</td>');
  });
});

describe('charts leave room for their labels', () => {
  it('the tree is as wide as its labels need: root left, leaves right, levels apart', () => {
    const long = 'Average approval time of financing applications (0.009)';
    const spec = hierarchyTree('t', { name: 'B Root of a long name', children: [{ name: 'B1 Inner', children: [{ name: long }] }] });
    const series = (spec.option.series as { left: number; right: number }[])[0];
    expect(series.left).toBeGreaterThanOrEqual(textWidth('B Root of a long name', 11));
    expect(series.right).toBeGreaterThanOrEqual(textWidth(long, 11));
  });

  it('estimates text widths on the wide side (CJK one em)', () => {
    expect(textWidth('风险', 10)).toBeGreaterThanOrEqual(20);
    expect(textWidth('Macro environment', 12)).toBeGreaterThan(90);
  });
});
