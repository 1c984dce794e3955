/**
 * Pledged collateral (SPEC §6.4): values, loan-to-value, triggers, and the call → cure →
 * liquidate lifecycle as state + events.
 *
 *   market value_i  = quantity_i × unitPrice_i
 *   pledge value_i  = ⌊quantity_i × unitPrice_i × (1 − haircut_i)⌋            (rounded down: conservative)
 *   lending value_i = ⌊pledge value_i × ltvLimit_i⌋                             (each item its own limit)
 *   LTV             = exposure / Σ pledge value_i                             (null when nothing is pledged)
 *   trigger         = liquidation if LTV ≥ L, else margin call if LTV ≥ C, else warning if LTV ≥ W
 *
 * A level is reached at equality (≥). A call asks the borrower to restore the initial terms,
 * exposure ≤ Σ lending value (repay, or pledge more); it is cured when that holds again, and
 * becomes a liquidation when its deadline passes uncured or LTV reaches the liquidation level.
 *
 * Volatility haircut (optional, documented rule): h = min(cap, max(floor, z · σ · √T)), σ the
 * sample standard deviation of daily log returns of the commodity's price series, T the days
 * needed to sell the goods, z = 2.33 (one-sided 99 %) — the own-estimate haircut of the Basel
 * comprehensive approach (H = z·σ·√T).
 *
 * Example: 100 t of steel at 4,000.00 yuan/t (400,000 fen) with haircut 0.2 → pledge value
 * 32,000,000 fen; a loan of 24,000,000 fen has LTV 0.75.
 */
import { ValidationError } from '../errors.ts';
import { addDays, checkMoney, checkRate, dayNumber, type IsoDate, type Money } from './money-and-dates.ts';

/** One pledged item (a lot of a commodity, a warehouse receipt). */
export interface PledgeItem {
  id: string;
  commodity: string;
  quantity: number;
  /** Price per unit of quantity, minor units. */
  unitPrice: Money;
  /** Share of the market value not counted, in [0, 1). */
  haircut: number;
  /** Largest loan per unit of pledge value, in (0, 1]. */
  ltvLimit: number;
}

/** LTV levels of the triggers, increasing. */
export interface LtvLevels {
  warning: number;
  marginCall: number;
  liquidation: number;
}

export const COLLATERAL_TRIGGERS = ['none', 'warning', 'margin-call', 'liquidation'] as const;
export type CollateralTrigger = (typeof COLLATERAL_TRIGGERS)[number];

export interface CollateralValuation {
  exposure: Money;
  items: { id: string; commodity: string; marketValue: Money; pledgeValue: Money; lendingValue: Money }[];
  marketValue: Money;
  pledgeValue: Money;
  lendingValue: Money;
  ltv: number | null;
  trigger: CollateralTrigger;
  /** Repayment (or extra lending value) that restores exposure ≤ lending value. */
  shortfall: Money;
  levels: LtvLevels;
}

function checkLevels(levels: LtvLevels): void {
  const issues: { path: (string | number)[]; message: string; allowed?: string }[] = [];
  for (const k of ['warning', 'marginCall', 'liquidation'] as const)
    if (!(Number.isFinite(levels[k]) && levels[k] > 0))
      issues.push({ path: ['levels', k], message: `${levels[k]} is not an LTV level`, allowed: 'a positive number' });
  if (!issues.length && !(levels.warning < levels.marginCall && levels.marginCall < levels.liquidation))
    issues.push({ path: ['levels'], message: 'LTV levels must increase: warning < marginCall < liquidation' });
  if (issues.length) throw new ValidationError(issues);
}

/** Value the pledge and find the trigger (see the module comment). */
export function valueCollateral(exposure: Money, items: readonly PledgeItem[], levels: LtvLevels): CollateralValuation {
  checkMoney(exposure, ['exposure']);
  checkLevels(levels);
  const issues: { path: (string | number)[]; message: string; allowed?: string }[] = [];
  const guard = (f: () => void) => {
    try {
      f();
    } catch (e) {
      if (e instanceof ValidationError) issues.push(...e.issues);
      else throw e;
    }
  };
  items.forEach((it, k) => {
    if (!(Number.isFinite(it.quantity) && it.quantity >= 0))
      issues.push({ path: ['items', k, 'quantity'], message: `${it.quantity} is not a quantity`, allowed: 'a non-negative number' });
    guard(() => checkMoney(it.unitPrice, ['items', k, 'unitPrice']));
    guard(() => checkRate(it.haircut, ['items', k, 'haircut'], 0, 1, true));
    if (!(it.ltvLimit > 0 && it.ltvLimit <= 1))
      issues.push({ path: ['items', k, 'ltvLimit'], message: `${it.ltvLimit} is out of range`, allowed: 'a number in (0, 1]' });
  });
  if (issues.length) throw new ValidationError(issues);
  const rows = items.map((it) => {
    const marketValue = Math.floor(it.quantity * it.unitPrice + 1e-9);
    const pledgeValue = Math.floor(it.quantity * it.unitPrice * (1 - it.haircut) + 1e-6);
    const lendingValue = Math.floor(pledgeValue * it.ltvLimit + 1e-6);
    return { id: it.id, commodity: it.commodity, marketValue, pledgeValue, lendingValue };
  });
  const sum = (f: (r: (typeof rows)[number]) => number) => rows.reduce((s, r) => s + f(r), 0);
  const pledgeValue = sum((r) => r.pledgeValue);
  const lendingValue = sum((r) => r.lendingValue);
  const ltv = pledgeValue > 0 ? exposure / pledgeValue : exposure > 0 ? null : 0;
  const over = (level: number) => ltv === null || ltv >= level;
  const trigger: CollateralTrigger =
    exposure === 0
      ? 'none'
      : over(levels.liquidation)
        ? 'liquidation'
        : over(levels.marginCall)
          ? 'margin-call'
          : over(levels.warning)
            ? 'warning'
            : 'none';
  return {
    exposure,
    items: rows,
    marketValue: sum((r) => r.marketValue),
    pledgeValue,
    lendingValue,
    ltv,
    trigger,
    shortfall: Math.max(0, exposure - lendingValue),
    levels: { ...levels },
  };
}

/** Haircut that follows the commodity's price volatility (see the module comment). */
export function volatilityHaircut(
  prices: readonly number[],
  options: { z?: number; holdingDays?: number; floor?: number; cap?: number } = {},
): { haircut: number; dailyVolatility: number; raw: number } {
  const { z = 2.33, holdingDays = 10, floor = 0, cap = 0.9 } = options;
  if (prices.length < 3)
    throw new ValidationError([
      { path: ['prices'], message: `${prices.length} prices; a volatility needs at least 3`, allowed: 'a daily price series of 3 or more' },
    ]);
  const bad = prices.findIndex((p) => !(p > 0 && Number.isFinite(p)));
  if (bad >= 0)
    throw new ValidationError([{ path: ['prices', bad], message: `${prices[bad]} is not a price`, allowed: 'a positive number' }]);
  if (!(floor >= 0 && floor <= cap && cap < 1))
    throw new ValidationError([{ path: ['cap'], message: 'floor and cap must satisfy 0 ≤ floor ≤ cap < 1' }]);
  const r = prices.slice(1).map((p, k) => Math.log(p / prices[k]));
  const mean = r.reduce((s, x) => s + x, 0) / r.length;
  const dailyVolatility = Math.sqrt(r.reduce((s, x) => s + (x - mean) ** 2, 0) / (r.length - 1));
  const raw = z * dailyVolatility * Math.sqrt(holdingDays);
  return { haircut: Math.min(cap, Math.max(floor, raw)), dailyVolatility, raw };
}

export const COLLATERAL_STATUSES = ['performing', 'warning', 'called', 'liquidation'] as const;
export type CollateralStatus = (typeof COLLATERAL_STATUSES)[number];

/** A collateral call with the inputs it was made from. */
export interface CollateralCall {
  issuedOn: IsoDate;
  deadline: IsoDate;
  valuation: CollateralValuation;
  curedOn?: IsoDate;
}

/** The state of one loan's collateral. */
export interface CollateralCase {
  loanId: string;
  status: CollateralStatus;
  call: CollateralCall | null;
  calls: CollateralCall[];
  history: { date: IsoDate; from: CollateralStatus; to: CollateralStatus; reason: string; ltv: number | null }[];
  lastDate: IsoDate | null;
}

/** An observation: today's exposure and pledge (after revaluation, top-ups, repayments). */
export interface CollateralObservation {
  date: IsoDate;
  exposure: Money;
  items: PledgeItem[];
}

export interface CollateralTerms {
  levels: LtvLevels;
  /** Days the borrower has to cure a call (deadline = issue date + cureDays). */
  cureDays: number;
}

/** A new case, performing. */
export function openCollateralCase(loanId: string): CollateralCase {
  return { loanId, status: 'performing', call: null, calls: [], history: [], lastDate: null };
}

/**
 * Apply one day's observation: liquidation when LTV reaches the liquidation level or a call's
 * deadline has passed uncured (date > deadline); a standing call is cured when exposure ≤ lending
 * value; otherwise a margin-call trigger opens a call with its deadline. Liquidation is final.
 */
export function collateralStep(state: CollateralCase, obs: CollateralObservation, terms: CollateralTerms): CollateralCase {
  const day = dayNumber(obs.date, ['date']);
  if (state.lastDate !== null && day < dayNumber(state.lastDate))
    throw new ValidationError([
      { path: ['date'], message: `${obs.date} is before the last observation ${state.lastDate}; replay from the start instead` },
    ]);
  if (!(Number.isInteger(terms.cureDays) && terms.cureDays >= 0))
    throw new ValidationError([{ path: ['cureDays'], message: `${terms.cureDays} is not a number of days` }]);
  if (state.status === 'liquidation') return { ...state, lastDate: obs.date };
  const v = valueCollateral(obs.exposure, obs.items, terms.levels);
  const move = (to: CollateralStatus, reason: string, extra: Partial<CollateralCase> = {}): CollateralCase => ({
    ...state,
    ...extra,
    status: to,
    lastDate: obs.date,
    history: to === state.status ? state.history : [...state.history, { date: obs.date, from: state.status, to, reason, ltv: v.ltv }],
  });
  if (v.trigger === 'liquidation')
    return move('liquidation', `LTV ${fmt(v.ltv)} reached the liquidation level ${terms.levels.liquidation}`);
  if (state.call) {
    if (v.exposure <= v.lendingValue) {
      const cured = { ...state.call, curedOn: obs.date };
      return move(v.trigger === 'warning' ? 'warning' : 'performing', 'call cured: exposure within the lending value', {
        call: null,
        calls: state.calls.map((c) => (c === state.call ? cured : c)),
      });
    }
    if (day > dayNumber(state.call.deadline))
      return move('liquidation', `call of ${state.call.issuedOn} not cured by its deadline ${state.call.deadline}`);
    return move('called', '');
  }
  if (v.trigger === 'margin-call') {
    const call: CollateralCall = { issuedOn: obs.date, deadline: addDays(obs.date, terms.cureDays), valuation: v };
    return move(
      'called',
      `LTV ${fmt(v.ltv)} reached the margin-call level ${terms.levels.marginCall}; ${v.shortfall} to restore by ${call.deadline}`,
      {
        call,
        calls: [...state.calls, call],
      },
    );
  }
  return move(
    v.trigger === 'warning' ? 'warning' : 'performing',
    v.trigger === 'warning' ? `LTV ${fmt(v.ltv)} reached the warning level ${terms.levels.warning}` : 'LTV below the warning level',
  );
}

const fmt = (x: number | null) => (x === null ? '∞ (nothing pledged)' : x.toFixed(4));
