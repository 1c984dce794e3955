// @scf-risk/io — files users keep their data in, parsed into typed data: CSV, XLSX, expert
// judgments, Delphi answers, study workbooks, loan histories. Errors name sheet, row, column, cell.
export * from './grid.ts';
export * from './import-delphi.ts';
export * from './import-judgments.ts';
export * from './loan-history.ts';
export * from './numeric-csv.ts';
export * from './study-xlsx.ts';
export * from './tables.ts';
