/**
 * Stop-loss pool for SMEs with little daily trading (SPEC §6.6, [002 §2] 止损机制, [000]): the
 * pool has a maximum NPL ratio as its stop-loss point.
 *
 *   ratio_t = NPL balance_t / balance_t                      (0 when the pool has no balance)
 *   open       → stopped     when ratio ≥ max               (reaching the limit stops new credit)
 *   stopped    → recovering  when ratio < max               (NPLs disposed of: recovery, write-off)
 *   recovering → stopped     when ratio ≥ max again
 *   recovering → open        when profit since the stop ≥ losses since the stop and ratio < max
 *
 * "Accumulated profit covers the losses" is counted from the observation after the stop: the
 * pool's own episode, not its lifetime profit (which would resume at once). Profit and losses per
 * observation are integer minor units (profit may be negative). While stopped or recovering every
 * new loan to the pool's SMEs is declined with the figures. Every transition is recorded.
 *
 * Example: max 5 %; balance 1,000,000 with NPL 50,000 (exactly 5 %) → stopped.
 */
import { ValidationError } from '../errors.ts';
import { checkMoney, dayNumber, type IsoDate, type Money } from './money-and-dates.ts';

export const POOL_STATUSES = ['open', 'stopped', 'recovering'] as const;
export type PoolStatus = (typeof POOL_STATUSES)[number];

export interface PoolFigures {
  date: IsoDate;
  balance: Money;
  nplBalance: Money;
  ratio: number;
  maxNplRatio: number;
  profitSinceStop: Money;
  lossesSinceStop: Money;
}

export interface PoolTransition {
  date: IsoDate;
  from: PoolStatus;
  to: PoolStatus;
  reason: string;
  figures: PoolFigures;
}

export interface StopLossPool {
  id: string;
  maxNplRatio: number;
  status: PoolStatus;
  profitSinceStop: Money;
  lossesSinceStop: Money;
  last: PoolFigures | null;
  transitions: PoolTransition[];
}

/** One observation of the pool (e.g. the daily run): balances now, profit and losses since the last one. */
export interface PoolObservation {
  date: IsoDate;
  balance: Money;
  nplBalance: Money;
  profit: Money;
  losses: Money;
}

/** A new open pool with its stop-loss point (e.g. 0.05). */
export function createStopLossPool(id: string, maxNplRatio: number): StopLossPool {
  if (!(maxNplRatio > 0 && maxNplRatio < 1))
    throw new ValidationError([
      { path: ['maxNplRatio'], message: `${maxNplRatio} is out of range`, allowed: 'a ratio in (0, 1), e.g. 0.05' },
    ]);
  return { id, maxNplRatio, status: 'open', profitSinceStop: 0, lossesSinceStop: 0, last: null, transitions: [] };
}

/** Apply one observation (see the module comment); observations in date order. */
export function observePool(pool: StopLossPool, obs: PoolObservation): StopLossPool {
  const day = dayNumber(obs.date, ['date']);
  if (pool.last && day < dayNumber(pool.last.date))
    throw new ValidationError([{ path: ['date'], message: `${obs.date} is before the last observation ${pool.last.date}` }]);
  checkMoney(obs.balance, ['balance']);
  checkMoney(obs.nplBalance, ['nplBalance']);
  checkMoney(obs.profit, ['profit'], true);
  checkMoney(obs.losses, ['losses']);
  if (obs.nplBalance > obs.balance)
    throw new ValidationError([{ path: ['nplBalance'], message: `NPL balance ${obs.nplBalance} exceeds the balance ${obs.balance}` }]);
  const ratio = obs.balance > 0 ? obs.nplBalance / obs.balance : 0;
  let p: StopLossPool = { ...pool };
  if (p.status !== 'open') p = { ...p, profitSinceStop: p.profitSinceStop + obs.profit, lossesSinceStop: p.lossesSinceStop + obs.losses };
  const figures = (): PoolFigures => ({
    date: obs.date,
    balance: obs.balance,
    nplBalance: obs.nplBalance,
    ratio,
    maxNplRatio: p.maxNplRatio,
    profitSinceStop: p.profitSinceStop,
    lossesSinceStop: p.lossesSinceStop,
  });
  const go = (to: PoolStatus, reason: string) => {
    p = { ...p, status: to, transitions: [...p.transitions, { date: obs.date, from: p.status, to, reason, figures: figures() }] };
  };
  const pct = (x: number) => `${(100 * x).toFixed(2)} %`;
  const atLimit = ratio >= p.maxNplRatio;
  if (p.status === 'open' && atLimit) {
    p = { ...p, profitSinceStop: 0, lossesSinceStop: 0 };
    go('stopped', `NPL ratio ${pct(ratio)} reached the stop-loss point ${pct(p.maxNplRatio)}: new credit stops`);
  } else if (p.status === 'stopped' && !atLimit) go('recovering', `NPL ratio ${pct(ratio)} back under ${pct(p.maxNplRatio)}`);
  else if (p.status === 'recovering' && atLimit) go('stopped', `NPL ratio ${pct(ratio)} reached ${pct(p.maxNplRatio)} again`);
  if (p.status === 'recovering' && p.profitSinceStop >= p.lossesSinceStop)
    go(
      'open',
      `profit since the stop ${p.profitSinceStop} covers the losses ${p.lossesSinceStop} and the ratio is under the limit: new credit resumes`,
    );
  return { ...p, last: figures() };
}

export interface PoolDecision {
  accepted: boolean;
  decision: 'accepted' | 'declined: pool stopped' | 'declined: pool recovering';
  figures: PoolFigures | null;
}

/** Whether the pool takes new loans now, with the figures behind the answer. */
export function poolAcceptsNewLoans(pool: StopLossPool): PoolDecision {
  const figures = pool.last;
  if (pool.status === 'open') return { accepted: true, decision: 'accepted', figures };
  return { accepted: false, decision: pool.status === 'stopped' ? 'declined: pool stopped' : 'declined: pool recovering', figures };
}
