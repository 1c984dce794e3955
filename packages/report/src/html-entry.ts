// @scf-risk/report/html — self-contained HTML reports with charts rendered to SVG by ECharts.
export * from './html.ts';
export * from './render-svg.ts';
export * from './study-report.ts';
