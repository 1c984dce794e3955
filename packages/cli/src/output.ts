/**
 * Presenting results (SPEC §10): `json` prints exactly one JSON object at full double precision;
 * `table` a readable text table (the default on a terminal); `csv` where the result is tabular.
 */

import { renderCsv } from '@scf-risk/io/csv';
import { genericTables, renderTable, type Table } from '@scf-risk/report/tables';
import { terminal } from './terminal.ts';

/** Output formats every method accepts. */
export type Format = 'json' | 'table' | 'csv';

/** How a command presents its result beyond JSON. */
export interface Presenter<R> {
  /** Tables for `--format table` (and the first one for `csv`); default: a generic key/value view. */
  tables?(result: R): Table[];
  /** Free text printed after the tables (warnings, notes). */
  notes?(result: R): string[];
}

/** The format to use when the user gave none: `table` on a terminal, `json` when piped. */
export function defaultFormat(): Format {
  return terminal().stdout.isTTY ? 'table' : 'json';
}

/** Write `result` to stdout in `format`. */
export function emit<R extends object>(result: R, format: Format, presenter: Presenter<R> = {}): void {
  if (format === 'json') {
    terminal().stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return;
  }
  const tables = presenter.tables ? presenter.tables(result) : genericTables(result);
  if (format === 'csv') {
    terminal().stdout.write(`${renderCsv(tables[0])}\n`);
    return;
  }
  const notes = presenter.notes ? presenter.notes(result) : [];
  terminal().stdout.write(`${[...tables.map(renderTable), ...notes].join('\n\n')}\n`);
}
