/**
 * Delphi questionnaire answers as data (SPEC §3.8, §7): one answer per expert, indicator and
 * round, each with the place it came from, and one round turned into the score matrix the Delphi
 * method takes. io reads them from files; studies and the CLI use them through this shape.
 */
import { ValidationError } from '../errors.ts';

/** One imported answer with the place it came from. */
export interface DelphiAnswer {
  round: number;
  expert: string;
  indicator: string;
  score: number;
  /** `file, sheet S, cell D7` or `file, row 7, column "A41"`. */
  where: string;
}

export interface ImportedDelphiAnswers {
  layout: 'wide' | 'long';
  /** Indicator codes in the order first seen. */
  indicators: string[];
  /** Expert ids in the order first seen. */
  experts: string[];
  /** Round numbers present, ascending. */
  rounds: number[];
  answers: DelphiAnswer[];
}

/** One round's answers as a score matrix (rows = experts in first-seen order, columns = indicators). */
export function roundScores(
  imported: ImportedDelphiAnswers,
  round: number,
  file: string,
  indicators: readonly string[] = imported.indicators,
): { scores: number[][]; indicators: string[]; experts: string[] } {
  const inRound = imported.answers.filter((a) => a.round === round);
  if (inRound.length === 0)
    throw new ValidationError([
      { path: [], message: `${file}: no answers in round ${round}`, allowed: `rounds ${imported.rounds.join(', ')}` },
    ]);
  const experts = [...new Set(inRound.map((a) => a.expert))];
  const byKey = new Map(inRound.map((a) => [`${a.expert}\u0000${a.indicator}`, a]));
  const scores = experts.map((e) =>
    indicators.map((c) => {
      const a = byKey.get(`${e}\u0000${c}`);
      if (!a) throw new ValidationError([{ path: ['answers'], message: `${file}: expert ${e} has no answer for ${c} in round ${round}` }]);
      return a.score;
    }),
  );
  return { scores, indicators: [...indicators], experts };
}
