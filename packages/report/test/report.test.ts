import { hierarchyTree, radar, rankHeatmap, weightBars } from '@scf-risk/report';
import { escapeHtml, renderReport } from '@scf-risk/report/html';
import { describe, expect, it } from 'vitest';

const report = () =>
  renderReport({
    title: '京东供应链金融风险 <JD>',
    lang: 'zh',
    subtitle: '[003] table 10',
    sections: [
      {
        heading: 'Weights',
        paragraphs: ['a < b & c'],
        tables: [
          {
            title: 'Global weights',
            header: ['code', 'weight'],
            rows: [
              ['A51', 0.16 * 0.408],
              ['A52', null],
            ],
          },
        ],
        charts: [weightBars('Weights', ['A1', 'A2', 'A3'], [0.2, 0.5, 0.3])],
      },
      {
        heading: 'Evaluation',
        charts: [
          radar('Profile', ['x', 'y', 'z'], [{ name: 'Alibaba', values: [0.9, 0.8, 0.7] }]),
          rankHeatmap(
            'Rank probabilities',
            ['P1', 'P2'],
            [
              [0.75, 0.25],
              [0.25, 0.75],
            ],
          ),
          hierarchyTree('Hierarchy', { name: 'A', children: [{ name: 'A1' }, { name: 'A2', children: [{ name: 'A21' }] }] }),
        ],
      },
    ],
  });

describe('HTML report', () => {
  it('holds the tables, escaped texts and one inline SVG per chart', () => {
    const html = report();
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('<title>京东供应链金融风险 &lt;JD&gt;</title>');
    expect(html).toContain('<p>a &lt; b &amp; c</p>');
    expect(html).toContain('<caption><span class="no">表 1</span>Global weights</caption>');
    expect(html).toContain('<td class="num">0.0653</td>');
    expect(html.match(/<svg /g)).toHaveLength(4);
    expect(html).toContain('由 scf-risk 生成');
  });

  it('is self-contained: no scripts and no external resources', () => {
    const html = report();
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/(src|href)\s*=\s*"(https?:)?\/\//i);
    expect(html).not.toMatch(/@import|url\(\s*["']?https?:/i);
  });

  it('draws every bar of the weight chart with its value', () => {
    const html = report();
    for (const v of ['0.2', '0.5', '0.3']) expect(html).toContain(`>${v}</text>`);
  });

  it('escapes &, <, > and double quotes', () => {
    expect(escapeHtml('<a href="x">&</a>')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;');
  });
});
