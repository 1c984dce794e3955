/**
 * Chart options the report package has no builder for: contributions per alternative as stacked
 * bars, and a score heat map (alternatives × criteria). Same ChartSpec shape as report's builders.
 */
import type { ChartSpec } from '@scf-risk/report';

/** Min–max normalised scores in [0, 1] per criterion; a cost criterion is inverted (lower is better). */
export function normalise(matrix: number[][], directions: ('benefit' | 'cost')[]): number[][] {
  const cols = directions.length;
  const lo = Array.from({ length: cols }, (_, j) => Math.min(...matrix.map((r) => r[j] as number)));
  const hi = Array.from({ length: cols }, (_, j) => Math.max(...matrix.map((r) => r[j] as number)));
  return matrix.map((row) =>
    row.map((v, j) => {
      const span = (hi[j] as number) - (lo[j] as number);
      const s = span === 0 ? 1 : (v - (lo[j] as number)) / span;
      return directions[j] === 'cost' ? 1 - s : s;
    }),
  );
}

/** Stacked horizontal bars: for each alternative, weight × normalised score of each criterion. */
export function contributionBars(title: string, alternatives: string[], criteria: string[], contributions: number[][]): ChartSpec {
  return {
    title,
    height: Math.max(220, 90 + 36 * alternatives.length),
    option: {
      grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
      legend: { top: 0, data: criteria },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', data: alternatives, inverse: true },
      series: criteria.map((c, j) => ({
        type: 'bar',
        name: c,
        stack: 'total',
        data: contributions.map((row) => Number((row[j] as number).toFixed(4))),
      })),
    },
  };
}

/** Heat map of scores in [0, 1]: rows alternatives, columns criteria, the value in each cell. */
export function scoreHeatmap(title: string, alternatives: string[], criteria: string[], scores: number[][]): ChartSpec {
  const data: [number, number, number][] = [];
  scores.forEach((row, i) => {
    row.forEach((v, j) => {
      data.push([j, i, Number(v.toFixed(2))]);
    });
  });
  return {
    title,
    height: Math.max(220, 110 + 34 * alternatives.length),
    option: {
      grid: { left: 8, right: 16, top: 12, bottom: 64, containLabel: true },
      xAxis: { type: 'category', data: criteria, axisLabel: { interval: 0 } },
      yAxis: { type: 'category', data: alternatives, inverse: true },
      visualMap: {
        min: 0,
        max: 1,
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        calculable: false,
        inRange: { color: ['#f7fbff', '#6baed6', '#08306b'] },
      },
      series: [{ type: 'heatmap', data, label: { show: true, fontSize: 11 }, itemStyle: { borderColor: '#fff', borderWidth: 1 } }],
    },
  };
}

/** Stacked horizontal bars: each group's balance by category (values in currency units). */
export function categoryBars(title: string, groups: string[], categories: string[], values: number[][]): ChartSpec {
  const colours = ['#2e7d32', '#f9a825', '#ef6c00', '#c62828', '#4a148c'];
  return {
    title,
    height: Math.max(200, 90 + 38 * groups.length),
    option: {
      grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
      legend: { top: 0, data: categories },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', data: groups, inverse: true },
      series: categories.map((c, k) => ({
        type: 'bar',
        name: c,
        stack: 'balance',
        itemStyle: { color: colours[k % colours.length] },
        data: values.map((row) => row[k] as number),
      })),
    },
  };
}

/** One line per series over the dates (a ratio in %). */
export function ratioLines(title: string, dates: string[], series: { name: string; values: (number | null)[] }[]): ChartSpec {
  return {
    title,
    height: 300,
    option: {
      grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
      legend: { top: 0, data: series.map((s) => s.name) },
      xAxis: { type: 'category', data: dates },
      yAxis: { type: 'value', axisLabel: { formatter: '{value} %' } },
      series: series.map((s) => ({ type: 'line', name: s.name, data: s.values, connectNulls: true, symbolSize: 5 })),
    },
  };
}

/** The supply-chain graph: nodes sized and coloured by distress h ∈ [0, 1], edges buyer → seller. */
export function contagionGraph(
  title: string,
  nodes: { id: string; name: string; h: number; source: boolean }[],
  edges: { from: string; to: string }[],
): ChartSpec {
  return {
    title,
    height: 460,
    option: {
      series: [
        {
          type: 'graph',
          layout: 'force',
          force: { repulsion: 220, edgeLength: 90 },
          roam: true,
          label: { show: true, fontSize: 10, position: 'right' },
          edgeSymbol: ['none', 'arrow'],
          edgeSymbolSize: 6,
          lineStyle: { color: '#8c959f', opacity: 0.7 },
          data: nodes.map((n) => ({
            id: n.id,
            name: n.name,
            value: Number(n.h.toFixed(3)),
            symbolSize: 10 + 26 * n.h,
            itemStyle: { color: n.source ? '#4a148c' : n.h >= 0.5 ? '#c62828' : n.h > 0 ? '#ef6c00' : '#2e7d32' },
          })),
          links: edges.map((e) => ({ source: e.from, target: e.to })),
        },
      ],
    },
  };
}
