// @scf-risk/io — files users keep their data in, parsed from bytes into typed data: JSON/YAML
// documents, CSV, XLSX, expert judgments, Delphi answers, study workbooks, loan histories; CSV
// written through csv-stringify. Errors name the file, sheet, row, column and cell. io never
// opens a file: callers pass `{name, bytes}` (exceljs is loaded only when a workbook is read).
export * from './csv-write.ts';
export * from './document.ts';
export * from './file.ts';
export * from './grid.ts';
export * from './import-delphi.ts';
export * from './import-judgments.ts';
export * from './loan-history.ts';
export * from './numeric-csv.ts';
export * from './study-reader.ts';
export * from './study-xlsx.ts';
export * from './tables.ts';
