// @scf-risk/report/xlsx — result tables as an Excel workbook (one sheet per table).
export * from './export-xlsx.ts';
