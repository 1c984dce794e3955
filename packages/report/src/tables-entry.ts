// @scf-risk/report/tables — the table model (`Table`, `renderTable`, `genericTables`, `fmt`) and the
// AHP tables, without the report's other views, charts and texts: what `scf-risk ahp` and every
// command's output formatting need at start.
export * from './ahp-analysis-tables.ts';
export * from './ahp-tables.ts';
export * from './table.ts';
