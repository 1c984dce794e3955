/**
 * Writing CSV (RFC 4180) through csv-stringify: a field is quoted when it holds a comma, a quote
 * or a line break, quotes are doubled, numbers are written as JavaScript prints them (full
 * precision), booleans as true/false, null and undefined as an empty field. Also the light entry
 * `@scf-risk/io/csv` (csv-stringify only), for `--format csv` in every command.
 */
import { stringify } from 'csv-stringify/sync';

/** A CSV cell as the project's tables hold it. */
export type CsvCell = string | number | boolean | null | undefined;

const OPTIONS = { cast: { boolean: (v: boolean) => String(v), number: (v: number) => String(v) } };

/** Records as CSV text, each line ended by `\n`. */
export function csvText(records: readonly (readonly CsvCell[])[]): string {
  return stringify(records as CsvCell[][], OPTIONS);
}

/** One field as it stands in a CSV line (quoted when it must be): for writers that assemble lines. */
export function csvField(value: CsvCell): string {
  return csvText([[value]]).slice(0, -1);
}

/** A table (header and rows) as CSV, without a final line break (the printed form of `--format csv`). */
export function renderCsv(t: { header: readonly string[]; rows: readonly (readonly CsvCell[])[] }): string {
  return csvText([t.header, ...t.rows]).slice(0, -1);
}
