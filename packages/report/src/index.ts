// @scf-risk/report — the table model, table views of results, the study's summary and detail
// tables, zh/en words and the one-script conversion, and the ECharts option builders (shared with
// the web workbench). Light to import: the HTML report (with ECharts' SVG renderer) is
// `@scf-risk/report/html`, spreadsheets `@scf-risk/report/xlsx`.
export * from './ahp-analysis-tables.ts';
export * from './ahp-tables.ts';
export * from './charts.ts';
export * from './hierarchy-tables.ts';
export * from './labels.ts';
export * from './messages.ts';
export * from './script.ts';
export * from './study-tables.ts';
export * from './table.ts';
