// @scf-risk/report — the table model, zh/en labels, table views of results, the HTML report with
// ECharts charts (rendered to SVG on the server; the option builders serve the web workbench too).
export * from './ahp-tables.ts';
export * from './charts.ts';
export * from './export-xlsx.ts';
export * from './hierarchy-tables.ts';
export * from './html.ts';
export * from './study-report.ts';
export * from './table.ts';
