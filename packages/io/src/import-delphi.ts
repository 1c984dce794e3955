/**
 * Import Delphi questionnaire answers (SPEC §3.8, §7) from CSV, TSV, XLSX or JSON tables in the
 * two layouts panels keep them in:
 *
 * - `wide`: a header row `expert[, round], <indicator code>…`, one row per expert (and round),
 *   one column per indicator;
 * - `long`: columns `expert, indicator, score[, round]`, one answer per row.
 *
 * Without a `round` column every answer belongs to round 1. Scores must be numbers; whether they
 * lie on the questionnaire's scale is checked by the Delphi method, which gets `where` to name
 * the cell. A second answer of the same expert to the same indicator in the same round is an error:
 * answers are never overwritten.
 * The answers' shape and `roundScores` live in core (studies resolve answer files there too).
 */
import { type DelphiAnswer, type ImportedDelphiAnswers, ValidationError } from '@scf-risk/core';
import type { FileBytes } from './file.ts';
import { type DataTable, numberCell, readTable } from './tables.ts';

/** Read Delphi answers from `file` (CSV, TSV, XLSX or JSON); the layout is detected from the header row. */
export async function importDelphiAnswers(file: FileBytes, options: { sheet?: string } = {}): Promise<ImportedDelphiAnswers> {
  return delphiAnswersFromTable(await readTable(file, options));
}

/** The same, from an already read table. */
export function delphiAnswersFromTable(t: DataTable): ImportedDelphiAnswers {
  const lower = t.header.map((h) => h.toLowerCase());
  const ce = lower.indexOf('expert');
  if (ce < 0) {
    throw new ValidationError([
      {
        path: [],
        message: `${t.file}: no "expert" column in the header row (${t.header.join(', ')})`,
        allowed: 'expert[, round], <indicator codes>…  or  expert, indicator, score[, round]',
      },
    ]);
  }
  const cr = lower.indexOf('round');
  const long = lower.includes('indicator') && lower.includes('score');
  const answers: DelphiAnswer[] = [];
  const seen = new Map<string, string>();
  const add = (a: DelphiAnswer) => {
    const key = `${a.round}\u0000${a.expert}\u0000${a.indicator}`;
    const prior = seen.get(key);
    if (prior) {
      throw new ValidationError([
        {
          path: [],
          message: `${a.where}: expert ${a.expert} answers ${a.indicator} twice in round ${a.round} (also ${prior}); answers are never overwritten`,
        },
      ]);
    }
    seen.set(key, a.where);
    answers.push(a);
  };
  for (let r = 0; r < t.rows.length; r++) {
    const expertCell = t.rows[r][ce];
    if (expertCell === null) throw new ValidationError([{ path: [], message: `${t.where(r, ce)}: the expert is empty` }]);
    const expert = String(expertCell);
    let round = 1;
    if (cr >= 0) {
      const v = numberCell(t, r, cr);
      if (v === null || !Number.isInteger(v) || v < 1)
        throw new ValidationError([{ path: [], message: `${t.where(r, cr)}: round must be a whole number ≥ 1` }]);
      round = v;
    }
    if (long) {
      const ci = lower.indexOf('indicator');
      const cs = lower.indexOf('score');
      const ind = t.rows[r][ci];
      if (ind === null) throw new ValidationError([{ path: [], message: `${t.where(r, ci)}: the indicator is empty` }]);
      const score = numberCell(t, r, cs);
      if (score === null)
        throw new ValidationError([
          { path: [], message: `${t.where(r, cs)}: the score is empty`, allowed: 'leave out the row of an unanswered item' },
        ]);
      add({ round, expert, indicator: String(ind), score, where: t.where(r, cs) });
    } else {
      for (let c = 0; c < t.header.length; c++) {
        if (c === ce || c === cr) continue;
        const score = numberCell(t, r, c);
        if (score !== null) add({ round, expert, indicator: t.header[c], score, where: t.where(r, c) });
      }
    }
  }
  if (answers.length === 0) throw new ValidationError([{ path: [], message: `${t.file}: no answers below the header row` }]);
  const uniq = <T>(xs: T[]) => [...new Set(xs)];
  return {
    layout: long ? 'long' : 'wide',
    indicators: uniq(answers.map((a) => a.indicator)),
    experts: uniq(answers.map((a) => a.expert)),
    rounds: uniq(answers.map((a) => a.round)).sort((a, b) => a - b),
    answers,
  };
}

export { type DelphiAnswer, type ImportedDelphiAnswers, roundScores } from '@scf-risk/core';
