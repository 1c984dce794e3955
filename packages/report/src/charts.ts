/**
 * ECharts option builders for reports and the web workbench: weight bars, a radar per
 * alternative, a rank-probability heat map and the hierarchy tree. Pure data: rendering is
 * `renderChartSvg` (html entry) on the server, ECharts itself in the browser.
 */
import type { EChartsOption } from 'echarts';

/** A chart as an ECharts option plus its size. */
export interface ChartSpec {
  title?: string;
  width?: number;
  height?: number;
  option: EChartsOption;
}

/** Horizontal bars of weights, largest first. */
export function weightBars(title: string, labels: string[], weights: number[]): ChartSpec {
  const order = labels.map((_, i) => i).sort((a, b) => weights[a] - weights[b]);
  return {
    title,
    height: Math.max(200, 40 + 22 * labels.length),
    option: {
      grid: { left: 8, right: 48, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', data: order.map((i) => labels[i]) },
      series: [{ type: 'bar', data: order.map((i) => Number(weights[i].toFixed(4))), label: { show: true, position: 'right' } }],
    },
  };
}

/** One radar polygon per alternative over the same indicators (values scaled to [0, max]). */
export function radar(title: string, indicators: string[], alternatives: { name: string; values: number[] }[], max = 1): ChartSpec {
  return {
    title,
    height: 420,
    option: {
      legend: { bottom: 0, data: alternatives.map((a) => a.name) },
      radar: { indicator: indicators.map((name) => ({ name, max })), radius: '60%' },
      series: [{ type: 'radar', data: alternatives.map((a) => ({ name: a.name, value: a.values })) }],
    },
  };
}

/** Heat map of P(alternative has rank r): rows alternatives, columns ranks 1…n. */
export function rankHeatmap(title: string, alternatives: string[], probabilities: number[][]): ChartSpec {
  const n = probabilities[0]?.length ?? 0;
  const data: [number, number, number][] = [];
  probabilities.forEach((row, i) => {
    row.forEach((p, r) => {
      data.push([r, i, Number(p.toFixed(3))]);
    });
  });
  return {
    title,
    height: Math.max(220, 80 + 32 * alternatives.length),
    option: {
      grid: { left: 8, right: 8, top: 36, bottom: 60, containLabel: true },
      xAxis: { type: 'category', data: Array.from({ length: n }, (_, r) => String(r + 1)) },
      yAxis: { type: 'category', data: alternatives },
      visualMap: { min: 0, max: 1, orient: 'horizontal', left: 'center', bottom: 0, calculable: false },
      series: [{ type: 'heatmap', data, label: { show: true } }],
    },
  };
}

/** A node of the hierarchy chart. */
export interface TreeChartNode {
  name: string;
  children?: TreeChartNode[];
}

/** The indicator hierarchy as a left-to-right tree. */
export function hierarchyTree(title: string, root: TreeChartNode): ChartSpec {
  const leaves = (n: TreeChartNode): number => (n.children?.length ? n.children.reduce((s, c) => s + leaves(c), 0) : 1);
  return {
    title,
    width: 900,
    height: Math.max(300, 18 * leaves(root) + 60),
    option: {
      series: [
        {
          type: 'tree',
          data: [root],
          top: 36,
          left: 120,
          bottom: 12,
          right: 260,
          initialTreeDepth: -1,
          label: { position: 'left', verticalAlign: 'middle', align: 'right', fontSize: 11 },
          leaves: { label: { position: 'right', align: 'left' } },
          expandAndCollapse: false,
        },
      ],
    },
  };
}
