/**
 * A loan history sent to a job as CSV text (`tree-training`, `tree-validation`): read with io's
 * readTable and loanHistoryFromTable — what `scf-risk tree train` does with its file — after core's
 * checkDaysOverdueCutoffs has checked the cut-offs. The same reading serves the kinds' `check` at
 * submission and their `run`, so a problem is a 400 before the job is queued, with its path in the
 * job's input: a target column the header lacks at `target`, cut-offs at `cutoffs.<which>`, any
 * other problem of the table (a bad cell, no rows) at `csv`.
 */
import { checkDaysOverdueCutoffs, type DaysOverdueCutoffs, ValidationError } from '@scf-risk/core';
import {
  type DataTable,
  type LoadedLoanHistory,
  type LoanHistoryReadOptions,
  loanHistoryFromTable,
  readTable,
  textFile,
} from '@scf-risk/io';

export interface CsvHistoryOptions {
  target: string;
  targetKind: 'auto' | 'days' | 'class';
  cutoffs?: DaysOverdueCutoffs | undefined;
  kinds?: Record<string, 'categorical' | 'numeric'>;
  ignore?: string[] | undefined;
}

/** Read `csv` as a loan history (see the module comment for where problems are put). */
export async function readCsvHistory(csv: string, o: CsvHistoryOptions): Promise<LoadedLoanHistory> {
  if (o.cutoffs) {
    try {
      checkDaysOverdueCutoffs(o.cutoffs);
    } catch (e) {
      throw e instanceof ValidationError ? e.at('cutoffs') : e;
    }
  }
  const options: LoanHistoryReadOptions = {
    target: o.target,
    kinds: o.kinds ?? {},
    targetKind: o.cutoffs && o.targetKind === 'auto' ? 'days' : o.targetKind,
    ...(o.cutoffs ? { cutoffs: o.cutoffs } : {}),
    ...(o.ignore ? { ignore: o.ignore } : {}),
  };
  let table: DataTable | undefined;
  try {
    table = await readTable(textFile('loan-history.csv', csv));
    return loanHistoryFromTable(table, options);
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    throw table && !table.header.includes(o.target) ? e.at('target') : e.at('csv');
  }
}
