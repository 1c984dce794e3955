import { delphiAnswersFromTable, readCsvTable } from '@scf-risk/io';
import { describe, expect, it } from 'vitest';
import { validationMessage } from './support/validation-message.ts';

const table = (text: string) => readCsvTable('answers.csv', text);

describe('Delphi answers', () => {
  it('reads the wide layout with rounds, skipping unanswered cells', () => {
    const r = delphiAnswersFromTable(table('expert,round,B111,B112\nE1,1,5,3\nE2,1,3,\nE1,2,5,5\n'));
    expect(r.layout).toBe('wide');
    expect(r.indicators).toEqual(['B111', 'B112']);
    expect(r.experts).toEqual(['E1', 'E2']);
    expect(r.rounds).toEqual([1, 2]);
    expect(r.answers).toHaveLength(5);
    expect(r.answers[2]).toEqual({ round: 1, expert: 'E2', indicator: 'B111', score: 3, where: 'answers.csv, row 3, column "B111"' });
  });

  it('reads the long layout; no round column means round 1', () => {
    const r = delphiAnswersFromTable(table('expert,indicator,score\nE1,A1,5\nE1,A2,1\nE2,A1,3\n'));
    expect(r.layout).toBe('long');
    expect(r.rounds).toEqual([1]);
    expect(r.answers.map((a) => a.score)).toEqual([5, 1, 3]);
  });

  it('refuses a second answer to the same item in the same round, naming both cells', () => {
    expect(validationMessage(() => delphiAnswersFromTable(table('expert,indicator,score\nE1,A1,5\nE1,A1,3\n')))).toMatch(
      /row 3, column "score": expert E1 answers A1 twice in round 1 \(also answers\.csv, row 2, column "score"\)/,
    );
  });

  it('names the cell of a score that is not a number, a bad round and an empty expert', () => {
    expect(validationMessage(() => delphiAnswersFromTable(table('expert,A1\nE1,high\n')))).toMatch(
      /row 2, column "A1": "high" is not a number/,
    );
    expect(validationMessage(() => delphiAnswersFromTable(table('expert,round,A1\nE1,0,5\n')))).toMatch(
      /row 2, column "round": round must be a whole number/,
    );
    expect(validationMessage(() => delphiAnswersFromTable(table('expert,A1\n,5\n')))).toMatch(
      /row 2, column "expert": the expert is empty/,
    );
  });

  it('requires an expert column and at least one answer', () => {
    expect(validationMessage(() => delphiAnswersFromTable(table('name,A1\nE1,5\n')))).toMatch(
      /no "expert" column in the header row \(name, A1\)/,
    );
    expect(validationMessage(() => delphiAnswersFromTable(table('expert,A1\nE1,\n')))).toMatch(/no answers below the header row/);
  });
});
