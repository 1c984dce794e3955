/**
 * Charts rendered to inline SVG strings with Apache ECharts' server-side renderer (no DOM, no
 * network). Animation is off so the SVG is the final picture.
 */
import * as echarts from 'echarts';
import type { ChartSpec } from './charts.ts';

/** Render a chart to an SVG string. */
export function renderChartSvg(spec: ChartSpec): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: spec.width ?? 640, height: spec.height ?? 360 });
  try {
    chart.setOption({
      animation: false,
      ...(spec.title ? { title: { text: spec.title, left: 'center', textStyle: { fontSize: 14 } } } : {}),
      ...spec.option,
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
