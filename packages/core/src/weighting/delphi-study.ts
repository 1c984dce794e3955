/**
 * The Delphi method as a workflow (SPEC §3.8): a panel of experts, a questionnaire over the
 * indicators of a hierarchy, and rounds. Responses are stored per round and never overwritten:
 * every function returns a new study and refuses to change a closed round or an answer already
 * given. Between rounds each expert sees the previous round's anonymous group statistics.
 */
import { ValidationError } from '../errors.ts';
import type { HierarchyNode } from '../hierarchy/tree.ts';
import { hierarchyLeaves } from '../hierarchy/tree.ts';
import type { Label } from '../label.ts';
import { DELPHI_SCALES, type DelphiRoundOptions, type DelphiRoundResult, type DelphiScale, delphiRound } from './delphi.ts';

export interface DelphiExpert {
  id: string;
  name?: string;
  /** Judgment basis and familiarity for the authority coefficient, in [0, 1]. */
  ca?: number;
  cs?: number;
}

export interface DelphiItem {
  code: string;
  name: Label;
}

export interface DelphiRound {
  number: number;
  closed: boolean;
  /** expert id → indicator code → score. */
  responses: Record<string, Record<string, number>>;
}

export interface DelphiStudy {
  panel: DelphiExpert[];
  questionnaire: DelphiItem[];
  scale: DelphiScale;
  rounds: DelphiRound[];
}

const fail = (message: string, path: (string | number)[] = []): never => {
  throw new ValidationError([{ path, message }]);
};

/** A new study; the questionnaire defaults to the hierarchy's indicators (leaves). */
export function createDelphiStudy(panel: DelphiExpert[], items: DelphiItem[] | HierarchyNode, scale: DelphiScale = '1-3-5'): DelphiStudy {
  if (!(scale in DELPHI_SCALES)) fail(`unknown scale "${scale}"`, ['scale']);
  if (panel.length < 2) fail('a Delphi panel needs at least 2 experts', ['panel']);
  panel.forEach((e, k) => {
    if (panel.findIndex((o) => o.id === e.id) !== k) fail(`expert id "${e.id}" is used twice`, ['panel', k, 'id']);
  });
  const questionnaire = Array.isArray(items) ? items : hierarchyLeaves(items).map((l) => ({ code: l.code, name: l.name }));
  if (questionnaire.length < 2) fail('the questionnaire needs at least 2 indicators', ['questionnaire']);
  return { panel: [...panel], questionnaire: [...questionnaire], scale, rounds: [] };
}

/** Open the next round (the previous one must be closed). */
export function openRound(study: DelphiStudy): DelphiStudy {
  const last = study.rounds.at(-1);
  if (last && !last.closed) fail(`round ${last.number} is still open; close it first`, ['rounds', last.number - 1]);
  return { ...study, rounds: [...study.rounds, { number: study.rounds.length + 1, closed: false, responses: {} }] };
}

/** Record one expert's answers in the open round; answering twice is refused. */
export function recordResponse(study: DelphiStudy, expertId: string, scores: Record<string, number>): DelphiStudy {
  const round = study.rounds.at(-1);
  if (!round) return fail('no round is open; open one first');
  if (round.closed) fail(`round ${round.number} is closed; its responses are kept as they are`, ['rounds', round.number - 1]);
  if (!study.panel.some((e) => e.id === expertId)) fail(`"${expertId}" is not on the panel`, ['expert']);
  if (round.responses[expertId])
    fail(`expert ${expertId} already answered round ${round.number}; answers are never overwritten`, ['expert']);
  const { values } = DELPHI_SCALES[study.scale];
  for (const item of study.questionnaire) {
    const v = scores[item.code];
    if (v === undefined) fail(`expert ${expertId} did not score ${item.code}`, ['scores', item.code]);
    if (!values.includes(v))
      fail(`score ${v} for ${item.code} is not on the ${study.scale} scale (${values.join(', ')})`, ['scores', item.code]);
  }
  for (const code of Object.keys(scores))
    if (!study.questionnaire.some((q) => q.code === code)) fail(`${code} is not in the questionnaire`, ['scores', code]);
  const rounds = study.rounds.slice(0, -1);
  return { ...study, rounds: [...rounds, { ...round, responses: { ...round.responses, [expertId]: { ...scores } } }] };
}

/** Close the open round. */
export function closeRound(study: DelphiStudy): DelphiStudy {
  const round = study.rounds.at(-1);
  if (!round || round.closed) return fail('no round is open');
  if (Object.keys(round.responses).length < 2)
    fail(`round ${round.number} has ${Object.keys(round.responses).length} response(s); at least 2 are needed`);
  return { ...study, rounds: [...study.rounds.slice(0, -1), { ...round, closed: true }] };
}

/** Screening statistics of round `number` (1-based) over the experts who answered it. */
export function roundStatistics(
  study: DelphiStudy,
  number: number,
  options: Pick<DelphiRoundOptions, 'sd' | 'fullScore'> = {},
): DelphiRoundResult {
  const round = study.rounds[number - 1];
  if (!round) return fail(`there is no round ${number}`);
  const experts = study.panel.filter((e) => round.responses[e.id]);
  const scores = experts.map((e) => study.questionnaire.map((q) => round.responses[e.id][q.code]));
  return delphiRound(scores, {
    ...options,
    scale: study.scale,
    indicators: study.questionnaire.map((q) => q.code),
    labels: study.questionnaire.map((q) => q.name),
  });
}

/** What experts see before the next round: the previous closed round's anonymous statistics. */
export function roundFeedback(study: DelphiStudy): {
  round: number;
  indicators: { indicator: string; mean: number; sd: number; fullScoreFrequency: number }[];
} {
  const closed = study.rounds.filter((r) => r.closed);
  const last = closed.at(-1);
  if (!last) return fail('no closed round to report');
  const stats = roundStatistics(study, last.number);
  return {
    round: last.number,
    indicators: stats.indicators.map(({ indicator, mean, sd, fullScoreFrequency }) => ({ indicator, mean, sd, fullScoreFrequency })),
  };
}
