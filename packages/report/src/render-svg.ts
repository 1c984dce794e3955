/**
 * Charts rendered to inline SVG strings with Apache ECharts' server-side renderer (no DOM, no
 * network). Animation is off so the SVG is the final picture. The caption (`spec.title`) is not
 * drawn: the report prints it under the figure. Text is measured with `textWidth` (Arial's metrics,
 * rounded up), the same estimate the builders size their margins with, and drawn in `CHART_FONT`.
 */
import * as echarts from 'echarts';
import { CHART_FONT, CHART_WIDTH, type ChartSpec, textWidth } from './charts.ts';

let measured = false;

/** Measure text as the builders do (there is no canvas on the server). */
function useTextWidth(): void {
  if (measured) return;
  measured = true;
  echarts.setPlatformAPI({
    measureText: (text: string, font?: string) => {
      const size = /(\d+(?:\.\d+)?)px/.exec(font ?? '');
      return { width: textWidth(text ?? '', size ? Number(size[1]) : 12) } as TextMetrics;
    },
  });
}

/** Render a chart to an SVG string. */
export function renderChartSvg(spec: ChartSpec): string {
  useTextWidth();
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: spec.width ?? CHART_WIDTH, height: spec.height ?? 360 });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: CHART_FONT }, ...spec.option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
