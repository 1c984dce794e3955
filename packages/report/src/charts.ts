/**
 * ECharts option builders for reports and the web workbench: weight bars, grey relational
 * degrees, a radar per alternative, a rank-probability heat map and the hierarchy tree. Pure
 * data: rendering is `renderChartSvg` (html entry) on the server, ECharts itself in the browser.
 *
 * A chart's `title` is its caption: reports print it under the figure (numbered), so the option
 * draws no title of its own. Sizes leave room for every label: margins are computed from the
 * labels' widths (`textWidth`, an estimate that errs on the wide side) instead of fixed pixels.
 */
import type { EChartsOption } from 'echarts';

/** A chart as an ECharts option plus its size. */
export interface ChartSpec {
  /** The caption (not drawn inside the chart). */
  title?: string;
  width?: number;
  height?: number;
  option: EChartsOption;
}

/** Default chart width in pixels: the report's text column. */
export const CHART_WIDTH = 900;

/** Fonts of chart texts: Arial's metrics first (Liberation Sans has the same), then CJK fonts. */
export const CHART_FONT = 'Arial, "Liberation Sans", Helvetica, "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif';

const CJK = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;

/** Width of one character in em (Arial-like; rounded up). */
function charEm(ch: string): number {
  if (CJK.test(ch)) return 1;
  if (/[ijlI.,:;'!|]/.test(ch)) return 0.3;
  if (/[ft()[\]{} -]/.test(ch)) return 0.36;
  if (/[rJ"*]/.test(ch)) return 0.42;
  if (/[mwMW%@]/.test(ch)) return 0.92;
  if (/[A-Z&]/.test(ch)) return 0.74;
  if (/[0-9]/.test(ch)) return 0.56;
  if (/[a-z]/.test(ch)) return 0.57;
  return 0.62;
}

/**
 * Estimated width in pixels of `s` at `fontSize` (CJK 1 em, Latin by Arial's widths, 5 % more), so
 * a margin computed from it holds the text in Arial, Liberation Sans, Helvetica or the CJK fonts.
 * `textWidth('A5 流程', 12) ≈ 41`.
 */
export function textWidth(s: string, fontSize = 12): number {
  let em = 0;
  for (const ch of s) em += charEm(ch);
  return Math.ceil(em * fontSize * 1.05);
}

/** Horizontal bars of values, largest on top; long labels wrap onto a second line. */
function bars(
  title: string,
  labels: string[],
  values: number[],
  opts: { digits: number; groups?: { names: string[]; of: number[] }; name?: string },
): ChartSpec {
  const order = labels.map((_, i) => i).sort((a, b) => values[a] - values[b]);
  const font = 12;
  const maxLabel = Math.max(0, ...labels.map((l) => textWidth(l, font)));
  const labelWidth = Math.min(maxLabel, 320);
  const wraps = maxLabel > labelWidth;
  const row = wraps ? 34 : 22;
  const shown = order.map((i) => Number(values[i].toFixed(opts.digits)));
  const maxValueLabel = Math.max(...shown.map((v) => textWidth(String(v), font)));
  const legend = opts.groups ? 28 : 0;
  const axisLabel = { width: labelWidth + 12, overflow: 'break' as const, fontSize: font, lineHeight: 14, interval: 0 };
  const series: EChartsOption['series'] = opts.groups
    ? opts.groups.names.map((name, g) => ({
        type: 'bar' as const,
        name,
        stack: 'one',
        data: order.map((i, k) => ((opts.groups as { of: number[] }).of[i] === g ? shown[k] : '-')),
        label: { show: true, position: 'right' as const, fontSize: font },
        barMaxWidth: 16,
      }))
    : [{ type: 'bar', name: opts.name, data: shown, label: { show: true, position: 'right', fontSize: font }, barMaxWidth: 16 }];
  return {
    title,
    width: CHART_WIDTH,
    height: Math.max(160, 48 + legend + row * labels.length),
    option: {
      ...(opts.groups ? { legend: { top: 0, data: opts.groups.names } } : {}),
      grid: { left: 8, right: maxValueLabel + 24, top: 12 + legend, bottom: 8, containLabel: true },
      xAxis: { type: 'value', axisLabel: { fontSize: 11 } },
      yAxis: { type: 'category', data: order.map((i) => labels[i]), axisLabel },
      series,
    },
  };
}

/** Horizontal bars of weights, largest on top, each with its value. */
export function weightBars(title: string, labels: string[], weights: number[]): ChartSpec {
  return bars(title, labels, weights, { digits: 4 });
}

/**
 * Grey relational degrees as bars, largest on top, coloured by level (`levels[i]` = 1, 2, …;
 * `levelName(l)` names it in the legend).
 */
export function degreeBars(
  title: string,
  labels: string[],
  degrees: number[],
  levels?: number[],
  levelName: (level: number) => string = (l) => `level ${l}`,
): ChartSpec {
  if (!levels) return bars(title, labels, degrees, { digits: 4 });
  const distinct = [...new Set(levels)].sort((a, b) => a - b);
  return bars(title, labels, degrees, {
    digits: 4,
    groups: { names: distinct.map(levelName), of: levels.map((l) => distinct.indexOf(l)) },
  });
}

/**
 * One radar polygon per alternative over the same indicators, on a scale from 0 to `max` drawn
 * along the first axis (`splitNumber` rings).
 */
export function radar(
  title: string,
  indicators: string[],
  alternatives: { name: string; values: number[] }[],
  max = 1,
  splitNumber = 5,
): ChartSpec {
  const height = 440;
  const radius = 140;
  const center = ['50%', '46%'];
  const nameFont = 12;
  const widest = Math.max(0, ...indicators.map((n) => textWidth(n, nameFont)));
  const width = Math.max(CHART_WIDTH, 2 * (radius + widest + 40));
  return {
    title,
    width,
    height,
    option: {
      legend: { bottom: 0, data: alternatives.map((a) => a.name) },
      radar: {
        indicator: indicators.map((name) => ({ name, max, min: 0 })),
        radius,
        center,
        splitNumber,
        axisName: { color: '#1f2328', fontSize: nameFont },
      },
      // the scale: a radius axis over the radar's first (upright) axis
      polar: { radius, center },
      angleAxis: { type: 'value', startAngle: 90, show: false },
      radiusAxis: {
        type: 'value',
        min: 0,
        max,
        interval: max / splitNumber,
        axisLine: { show: false },
        axisTick: { show: false },
        splitLine: { show: false },
        axisLabel: { fontSize: 10, color: '#57606a', margin: 4 },
        z: 10,
      },
      series: [{ type: 'radar', data: alternatives.map((a) => ({ name: a.name, value: a.values })) }],
    },
  };
}

/** Heat map of P(alternative has rank r): rows alternatives, columns ranks 1…n; legend in steps of 0.2. */
export function rankHeatmap(
  title: string,
  alternatives: string[],
  probabilities: number[][],
  axisNames: { rank: string } = { rank: 'rank' },
): ChartSpec {
  const n = probabilities[0]?.length ?? 0;
  const data: [number, number, number][] = [];
  probabilities.forEach((row, i) => {
    row.forEach((p, r) => {
      data.push([r, i, Number(p.toFixed(3))]);
    });
  });
  const colours = ['#e8f0f9', '#c6dbef', '#6baed6', '#2171b5', '#08306b'];
  const pieces = colours.map((color, k) => ({
    gte: k / 5,
    ...(k < 4 ? { lt: (k + 1) / 5 } : { lte: 1 }),
    label: `${(k / 5).toFixed(1)}–${((k + 1) / 5).toFixed(1)}`,
    color,
  }));
  return {
    title,
    width: CHART_WIDTH,
    height: Math.max(220, 110 + 32 * alternatives.length),
    option: {
      grid: { left: 8, right: 16, top: 12, bottom: 70, containLabel: true },
      xAxis: {
        type: 'category',
        name: axisNames.rank,
        nameLocation: 'middle',
        nameGap: 24,
        data: Array.from({ length: n }, (_, r) => String(r + 1)),
      },
      yAxis: { type: 'category', data: alternatives, inverse: true },
      visualMap: { type: 'piecewise', pieces, orient: 'horizontal', left: 'center', bottom: 0, itemGap: 12 },
      series: [
        {
          type: 'heatmap',
          data,
          label: { show: true, fontSize: 11 },
          itemStyle: { borderColor: '#fff', borderWidth: 1 },
        },
      ],
    },
  };
}

/** A node of the hierarchy chart. */
export interface TreeChartNode {
  name: string;
  children?: TreeChartNode[];
}

/**
 * The indicator hierarchy as a left-to-right tree. The root's and inner nodes' labels sit left of
 * their node on a white ground, wrapped at `wrap` pixels; the leaves' labels right of them. The
 * margins, the distance between levels (at least the widest inner label, so labels of two levels
 * never meet) and the height per leaf (room for the wrapped lines) are computed from the labels,
 * so none is cut or overlaps another.
 */
export function hierarchyTree(title: string, root: TreeChartNode, wrap = 170): ChartSpec {
  const font = 11;
  const lineHeight = 13;
  const pad = 14;
  const leaves = (n: TreeChartNode): number => (n.children?.length ? n.children.reduce((s, c) => s + leaves(c), 0) : 1);
  let depth = 0;
  let right = 0;
  let left = pad;
  let innerWidth = 0;
  let slot = 18;
  const walk = (n: TreeChartNode, d: number) => {
    depth = Math.max(depth, d);
    const w = textWidth(n.name, font);
    if (n.children?.length) {
      // wrapped lines: a generous count (words do not split evenly)
      const lines = w > wrap ? Math.ceil(w / (wrap * 0.8)) : 1;
      const shown = Math.min(w, wrap) + pad;
      if (d === 0) left = shown;
      else innerWidth = Math.max(innerWidth, shown);
      slot = Math.max(slot, (lines * lineHeight + 6) / leaves(n));
      for (const c of n.children) walk(c, d + 1);
    } else right = Math.max(right, w + pad);
  };
  walk(root, 0);
  const step = Math.max(60, innerWidth);
  const width = Math.max(CHART_WIDTH, left + right + depth * step);
  return {
    title,
    width,
    height: Math.ceil(Math.max(240, slot * leaves(root) + 40)),
    option: {
      series: [
        {
          type: 'tree',
          data: [root],
          top: 20,
          left,
          bottom: 20,
          right: width - left - depth * step,
          initialTreeDepth: -1,
          symbolSize: 6,
          label: {
            position: 'left',
            verticalAlign: 'middle',
            align: 'right',
            fontSize: font,
            lineHeight,
            width: wrap,
            overflow: 'break',
            backgroundColor: 'rgba(255,255,255,0.85)',
            padding: [1, 2],
          },
          leaves: { label: { position: 'right', align: 'left', backgroundColor: 'transparent', width: undefined, overflow: 'none' } },
          expandAndCollapse: false,
        },
      ],
    },
  };
}

/** Goepel's consensus S* of the panel and without each expert, in %, largest on top. */
export function consensusBars(
  title: string,
  panel: number,
  removal: { id: string; consensus?: number }[],
  words: { panel: string; without: (id: string) => string } = { panel: 'panel', without: (id) => `without ${id}` },
): ChartSpec {
  const rows = removal.filter((r) => r.consensus !== undefined);
  return bars(
    title,
    [words.panel, ...rows.map((r) => words.without(r.id))],
    [100 * panel, ...rows.map((r) => 100 * (r.consensus as number))],
    {
      digits: 1,
    },
  );
}

/** Weights per judgment scale: one group of bars per element, one bar per scale. */
export function scaleBars(title: string, elements: string[], scales: { scale: string; weights: number[] }[]): ChartSpec {
  const font = 12;
  const rotate = elements.some((e) => textWidth(e, font) > 80) ? 30 : 0;
  return {
    title,
    width: CHART_WIDTH,
    height: 340 + (rotate ? 60 : 0),
    option: {
      legend: { top: 0, data: scales.map((s) => s.scale) },
      grid: { left: 8, right: 16, top: 56, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: elements, axisLabel: { fontSize: font, interval: 0, rotate } },
      yAxis: { type: 'value', axisLabel: { fontSize: 11 } },
      series: scales.map((s) => ({
        type: 'bar' as const,
        name: s.scale,
        data: s.weights.map((w) => Number(w.toFixed(4))),
        barMaxWidth: 14,
      })),
    },
  };
}

/** Weight spread per element as boxes: min, 2.5 %, nominal weight, 97.5 %, max. */
export function uncertaintyBoxes(
  title: string,
  elements: string[],
  spreads: { min: number; lower: number; nominal: number; upper: number; max: number }[],
): ChartSpec {
  const font = 12;
  const labelWidth = Math.min(320, Math.max(0, ...elements.map((e) => textWidth(e, font))));
  return {
    title,
    width: CHART_WIDTH,
    height: Math.max(160, 48 + 26 * elements.length),
    option: {
      grid: { left: 8, right: 24, top: 12, bottom: 8, containLabel: true },
      xAxis: { type: 'value', axisLabel: { fontSize: 11 } },
      yAxis: { type: 'category', data: elements, axisLabel: { fontSize: font, width: labelWidth + 12, overflow: 'break', interval: 0 } },
      series: [
        {
          type: 'boxplot',
          name: 'weight',
          data: spreads.map((s) => [s.min, s.lower, s.nominal, s.upper, s.max].map((x) => Number(x.toFixed(4)))),
        },
      ],
    },
  };
}
