/**
 * The parts of ECharts the workbench draws with (bars, lines, radar, heat map, tree, graph on a
 * canvas), registered once. Imported dynamically by Chart.tsx, so ECharts is a chunk of its own
 * that the first page does not load.
 */
import { BarChart, GraphChart, HeatmapChart, LineChart, RadarChart, TreeChart } from 'echarts/charts';
import { GridComponent, LegendComponent, PolarComponent, RadarComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([
  BarChart,
  GraphChart,
  HeatmapChart,
  LineChart,
  RadarChart,
  TreeChart,
  GridComponent,
  LegendComponent,
  PolarComponent,
  RadarComponent,
  TooltipComponent,
  VisualMapComponent,
  CanvasRenderer,
]);

export { echarts };
