/**
 * Mark-to-market margin for SMEs with frequent daily trading (SPEC §6.5, [002 §2] 盯市机制): a
 * daily transaction index plays the part of a futures settlement price, and a risk margin
 * proportional to the exposure, adjusted by the index, is recomputed every day.
 *
 * Index (base 100 at the credit grant; weights and smoothing are data):
 *   x_t = w_v · V_t / V_0 + w_p · P_t / P_0 + w_r · (1 − R_t) / (1 − R_0)
 *   s_0 = 1,  s_t = λ · x_t + (1 − λ) · s_{t−1},   I_t = 100 · s_t
 * V volume (minor units), P share of payments made on time, R share of sales returned; the 0
 * subscript is the baseline at the grant; w_v + w_p + w_r = 1; λ ∈ (0, 1] (1 = no smoothing).
 *
 * Margin (futures conventions: initial above maintenance, settled daily):
 *   m_t  = clamp(100 / I_t, m_min, m_max)           (a falling index raises the requirement)
 *   IM_t = ⌈exposure_t · initialRate · m_t⌉,   MM_t = ⌈exposure_t · maintenanceRate · m_t⌉
 *   cover_t = cash + eligible collateral (pledge value after haircut, in place of cash)
 *   cover_t < MM_t (strictly) → margin call for IM_t − cover_t, due in `deadlineDays`
 * A call is met when cover ≥ the initial requirement; unmet after its deadline the line is
 * frozen; still unmet `defaultAfterDays` later it is a default event. Every call keeps its inputs.
 *
 * Example: exposure 1,000,000, initial 10 %, maintenance 7 %, index 80 → m = 1.25, IM = 125,000,
 * MM = 87,500; cover 87,499 → call for 37,501; cover 87,500 → no call.
 */
import { ValidationError } from '../errors.ts';
import { addDays, applyRate, checkMoney, dayNumber, type IsoDate, type Money } from './money-and-dates.ts';

/** One day of the SME's trading. */
export interface TradingDay {
  date: IsoDate;
  volume: Money;
  onTimeShare: number;
  returnShare: number;
}

export interface TransactionIndexParameters {
  weights: { volume: number; timeliness: number; returns: number };
  /** EWMA weight of today's composite, in (0, 1]. */
  smoothing: number;
  /** The baseline at the grant. */
  baseline: { volume: Money; onTimeShare: number; returnShare: number };
}

export interface IndexPoint {
  date: IsoDate;
  composite: number;
  index: number;
}

function checkIndexParameters(p: TransactionIndexParameters): void {
  const issues: { path: (string | number)[]; message: string; allowed?: string }[] = [];
  const w = p.weights;
  for (const k of ['volume', 'timeliness', 'returns'] as const)
    if (!(w[k] >= 0 && Number.isFinite(w[k])))
      issues.push({ path: ['weights', k], message: `${w[k]} is not a weight`, allowed: 'a number ≥ 0' });
  if (!issues.length && Math.abs(w.volume + w.timeliness + w.returns - 1) > 1e-9)
    issues.push({ path: ['weights'], message: 'the weights must sum to 1' });
  if (!(p.smoothing > 0 && p.smoothing <= 1))
    issues.push({ path: ['smoothing'], message: `${p.smoothing} is out of range`, allowed: 'a number in (0, 1]' });
  if (!(p.baseline.volume > 0)) issues.push({ path: ['baseline', 'volume'], message: 'the baseline volume must be positive' });
  if (!(p.baseline.onTimeShare > 0 && p.baseline.onTimeShare <= 1))
    issues.push({ path: ['baseline', 'onTimeShare'], message: 'the baseline on-time share must be in (0, 1]' });
  if (!(p.baseline.returnShare >= 0 && p.baseline.returnShare < 1))
    issues.push({ path: ['baseline', 'returnShare'], message: 'the baseline return share must be in [0, 1)' });
  if (issues.length) throw new ValidationError(issues);
}

/** The daily transaction index (see the module comment); days in date order. */
export function transactionIndex(days: readonly TradingDay[], params: TransactionIndexParameters): IndexPoint[] {
  checkIndexParameters(params);
  const { weights: w, smoothing: lambda, baseline: b } = params;
  let s = 1;
  let prev = -Infinity;
  return days.map((d, k) => {
    const day = dayNumber(d.date, ['days', k, 'date']);
    if (day <= prev) throw new ValidationError([{ path: ['days', k, 'date'], message: 'trading days must be in increasing date order' }]);
    prev = day;
    checkMoney(d.volume, ['days', k, 'volume']);
    for (const f of ['onTimeShare', 'returnShare'] as const)
      if (!(d[f] >= 0 && d[f] <= 1))
        throw new ValidationError([{ path: ['days', k, f], message: `${d[f]} is not a share`, allowed: 'a number in [0, 1]' }]);
    const composite =
      (w.volume * d.volume) / b.volume +
      (w.timeliness * d.onTimeShare) / b.onTimeShare +
      (w.returns * (1 - d.returnShare)) / (1 - b.returnShare);
    s = lambda * composite + (1 - lambda) * s;
    return { date: d.date, composite, index: 100 * s };
  });
}

export interface MarginTerms {
  initialRate: number;
  maintenanceRate: number;
  /** Days to meet a call. */
  deadlineDays: number;
  /** Days after the freeze until a default event. */
  defaultAfterDays: number;
  /** Bounds of the index multiplier (default 0.5 and 3). */
  multiplierMin?: number;
  multiplierMax?: number;
}

export interface MarginRequirement {
  exposure: Money;
  index: number;
  multiplier: number;
  initial: Money;
  maintenance: Money;
}

function checkTerms(t: MarginTerms): void {
  const issues: { path: (string | number)[]; message: string; allowed?: string }[] = [];
  if (!(t.initialRate > 0 && t.initialRate <= 1))
    issues.push({ path: ['initialRate'], message: `${t.initialRate} is out of range`, allowed: '(0, 1]' });
  if (!(t.maintenanceRate > 0 && t.maintenanceRate <= t.initialRate))
    issues.push({
      path: ['maintenanceRate'],
      message: `${t.maintenanceRate} must be positive and not above the initial rate ${t.initialRate}`,
    });
  for (const k of ['deadlineDays', 'defaultAfterDays'] as const)
    if (!(Number.isInteger(t[k]) && t[k] >= 0)) issues.push({ path: [k], message: `${t[k]} is not a number of days` });
  const lo = t.multiplierMin ?? 0.5;
  const hi = t.multiplierMax ?? 3;
  if (!(lo > 0 && lo <= 1 && hi >= 1))
    issues.push({ path: ['multiplierMin'], message: 'multiplier bounds must satisfy 0 < min ≤ 1 ≤ max' });
  if (issues.length) throw new ValidationError(issues);
}

/** Initial and maintenance requirement for an exposure at an index level (see the module comment). */
export function marginRequirement(exposure: Money, index: number, terms: MarginTerms): MarginRequirement {
  checkTerms(terms);
  checkMoney(exposure, ['exposure']);
  if (!(index > 0 && Number.isFinite(index)))
    throw new ValidationError([{ path: ['index'], message: `${index} is not an index level`, allowed: 'a positive number' }]);
  const multiplier = Math.min(terms.multiplierMax ?? 3, Math.max(terms.multiplierMin ?? 0.5, 100 / index));
  return {
    exposure,
    index,
    multiplier,
    initial: applyRate(exposure, terms.initialRate * multiplier, 'up'),
    maintenance: applyRate(exposure, terms.maintenanceRate * multiplier, 'up'),
  };
}

export type MarginCallStatus = 'open' | 'met' | 'frozen' | 'defaulted';

/** A margin call and everything it was computed from. */
export interface MarginCall {
  id: string;
  issuedOn: IsoDate;
  deadline: IsoDate;
  amount: Money;
  inputs: MarginRequirement & { cash: Money; collateral: Money; cover: Money };
  status: MarginCallStatus;
  closedOn?: IsoDate;
}

export type MarginAccountStatus = 'active' | 'called' | 'frozen' | 'defaulted';

export interface MarginAccount {
  id: string;
  status: MarginAccountStatus;
  cash: Money;
  collateral: Money;
  calls: MarginCall[];
  /** The last day's requirement. */
  requirement: MarginRequirement | null;
  lastDate: IsoDate | null;
  history: { date: IsoDate; from: MarginAccountStatus; to: MarginAccountStatus; reason: string }[];
}

/** The events of a margin account. */
export type MarginEvent =
  | { type: 'deposit'; date: IsoDate; amount: Money }
  | { type: 'withdrawal'; date: IsoDate; amount: Money }
  | { type: 'collateral'; date: IsoDate; eligibleValue: Money }
  | { type: 'mark'; date: IsoDate; exposure: Money; index: number };

/** A new account at the grant with the posted cash and collateral. */
export function openMarginAccount(id: string, cash: Money = 0, collateral: Money = 0): MarginAccount {
  checkMoney(cash, ['cash']);
  checkMoney(collateral, ['collateral']);
  return { id, status: 'active', cash, collateral, calls: [], requirement: null, lastDate: null, history: [] };
}

/**
 * Apply one event. `mark` is the daily settlement: it recomputes the requirement, meets, escalates
 * or issues calls; deposits and collateral meet an open call at once when cover reaches the last
 * initial requirement. A withdrawal may not take cover below the initial requirement. A defaulted
 * account accepts no events.
 */
export function marginStep(account: MarginAccount, event: MarginEvent, terms: MarginTerms): MarginAccount {
  checkTerms(terms);
  const day = dayNumber(event.date, ['date']);
  if (account.lastDate !== null && day < dayNumber(account.lastDate))
    throw new ValidationError([{ path: ['date'], message: `${event.date} is before the account's last event ${account.lastDate}` }]);
  if (account.status === 'defaulted')
    throw new ValidationError([{ path: ['type'], message: `account ${account.id} is in default; it takes no more events` }]);
  let a: MarginAccount = { ...account, lastDate: event.date };
  const setStatus = (to: MarginAccountStatus, reason: string) => {
    if (to !== a.status) a = { ...a, status: to, history: [...a.history, { date: event.date, from: a.status, to, reason }] };
  };
  const open = () => a.calls.find((c) => c.status === 'open' || c.status === 'frozen');
  const closeCall = (status: MarginCallStatus, extra: Partial<MarginCall> = {}) => {
    const c = open();
    if (c) a = { ...a, calls: a.calls.map((x) => (x === c ? { ...x, ...extra, status } : x)) };
  };
  const cover = () => a.cash + a.collateral;

  switch (event.type) {
    case 'deposit':
      a = { ...a, cash: a.cash + checkMoney(event.amount, ['amount']) };
      break;
    case 'withdrawal': {
      checkMoney(event.amount, ['amount']);
      const need = a.requirement?.initial ?? 0;
      if (open() || cover() - event.amount < need)
        throw new ValidationError([
          {
            path: ['amount'],
            message: `withdrawing ${event.amount} would leave cover ${cover() - event.amount} below the initial requirement ${need}`,
          },
        ]);
      a = { ...a, cash: a.cash - event.amount };
      break;
    }
    case 'collateral':
      a = { ...a, collateral: checkMoney(event.eligibleValue, ['eligibleValue']) };
      break;
    case 'mark':
      a = { ...a, requirement: marginRequirement(event.exposure, event.index, terms) };
      break;
  }
  const req = a.requirement;
  const call = open();
  if (call && req && cover() >= req.initial) {
    closeCall('met', { closedOn: event.date });
    setStatus('active', `call ${call.id} met: cover ${cover()} ≥ initial requirement ${req.initial}`);
    return a;
  }
  if (event.type !== 'mark' || !req) return a;
  if (call) {
    const deadline = dayNumber(call.deadline);
    if (day > deadline + terms.defaultAfterDays && a.status === 'frozen') {
      closeCall('defaulted', { closedOn: event.date });
      setStatus('defaulted', `call ${call.id} unmet ${terms.defaultAfterDays} days after the freeze: default event`);
    } else if (day > deadline && a.status === 'called') {
      closeCall('frozen');
      setStatus('frozen', `call ${call.id} unmet by its deadline ${call.deadline}: line frozen`);
    }
    return a;
  }
  if (cover() < req.maintenance) {
    const c: MarginCall = {
      id: `${a.id}-call-${a.calls.length + 1}`,
      issuedOn: event.date,
      deadline: addDays(event.date, terms.deadlineDays),
      amount: req.initial - cover(),
      inputs: { ...req, cash: a.cash, collateral: a.collateral, cover: cover() },
      status: 'open',
    };
    a = { ...a, calls: [...a.calls, c] };
    setStatus('called', `cover ${cover()} below the maintenance requirement ${req.maintenance}: call for ${c.amount} by ${c.deadline}`);
  }
  return a;
}
