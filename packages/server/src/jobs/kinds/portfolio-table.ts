/**
 * A portfolio uploaded to `portfolio-evaluation` as a file — CSV text or an XLSX workbook (base64),
 * its first sheet or a named one — read by io's readTable (the reader of `scf-risk evaluate
 * --data`) into one TOPSIS decision matrix: the first column names the alternatives, every other
 * column is an indicator (its header the label), every cell a number (io's numberCell). A bad
 * cell is a ValidationError at `table` whose message names the file, sheet and cell
 * (`book.xlsx, sheet Portfolio, cell C3: …`); weights (default equal) and directions (default
 * benefit) come with the file and are checked against its columns by the TOPSIS schema.
 */
import { parseWith, type TopsisInput, topsisInputSchema, ValidationError } from '@scf-risk/core';
import { type DataTable, numberCell, readTable } from '@scf-risk/io';
import { z } from 'zod';

export const portfolioTableSchema = z
  .strictObject({
    name: z.string().min(1).max(255).describe('the file name; its extension (.csv, .tsv, .xlsx) says how to read it'),
    text: z.string().min(1).optional().describe('the content of a CSV / TSV file'),
    base64: z.string().min(1).optional().describe('or the bytes of an XLSX workbook, base64'),
    sheet: z.string().min(1).optional().describe('the workbook sheet to read (default: the first)'),
    weights: z.array(z.number()).optional().describe('one weight per indicator column (default: equal weights)'),
    directions: z
      .array(z.enum(['benefit', 'cost']))
      .optional()
      .describe('one per indicator column (default: all benefit)'),
  })
  .superRefine((t, ctx) => {
    if ((t.text === undefined) === (t.base64 === undefined))
      ctx.addIssue({ code: 'custom', path: ['text'], message: 'give the file as text (CSV) or as base64 (XLSX), one of the two' });
  });
export type PortfolioTable = z.output<typeof portfolioTableSchema>;

/** What was read: the file (and sheet) and the TOPSIS input document built from it. */
export interface ReadPortfolio {
  file: string;
  sheet?: string;
  input: TopsisInput;
}

/** `f()`'s ValidationError moved under `table`. */
function underTable<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw e instanceof ValidationError ? e.at('table') : e;
  }
}

/** Read the uploaded table as a decision matrix (problems at `table`, see the module comment). */
export async function readPortfolioTable(t: PortfolioTable): Promise<ReadPortfolio> {
  const bytes = t.base64 !== undefined ? Buffer.from(t.base64, 'base64') : new TextEncoder().encode(t.text);
  let table: DataTable;
  try {
    table = await readTable({ name: t.name, bytes: new Uint8Array(bytes) }, t.sheet ? { sheet: t.sheet } : {});
  } catch (e) {
    throw e instanceof ValidationError ? e.at('table') : e;
  }
  const where = `${t.name}${table.sheet ? `, sheet ${table.sheet}` : ''}`;
  const problem = (message: string, allowed: string) => new ValidationError([{ path: ['table'], message, allowed }]);
  const labels = table.header.slice(1);
  if (labels.length === 0) throw problem(`${where}: no indicator columns`, 'a header "alternative, indicator 1, indicator 2, …"');
  if (table.rows.length < 2) throw problem(`${where}: ${table.rows.length} alternative(s); a ranking needs at least 2`, 'two or more rows');
  const matrix = table.rows.map((_, r) =>
    labels.map((_, j) => {
      const v = underTable(() => numberCell(table, r, j + 1));
      if (v === null) throw problem(`${table.where(r, j + 1)}: empty cell`, 'a number');
      return v;
    }),
  );
  const alternatives = table.rows.map((row, r) => (row[0] === null || row[0] === '' ? `#${r + 1}` : String(row[0])));
  const document = {
    alternatives,
    labels,
    matrix,
    weights: t.weights ?? labels.map(() => 1 / labels.length),
    ...(t.directions ? { directions: t.directions } : {}),
  };
  const input = underTable(() => parseWith(topsisInputSchema, document));
  return { file: t.name, ...(table.sheet ? { sheet: table.sheet } : {}), input };
}
