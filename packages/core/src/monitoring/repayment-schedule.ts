/**
 * The repayment schedule of a new loan (SPEC §6.1: loans with principal, rate, term, schedule),
 * exact in integer minor units: every amount is computed in exact rational arithmetic (bigint) and
 * rounded half up once; whatever rounding leaves over is paid with the last instalment, so the
 * principal parts always sum to the principal.
 *
 * Monthly periods: instalment k (1…n) falls due k calendar months after disbursement, on the same
 * day of the month or the month's last day (31 Jan + 1 month = 28/29 Feb). The periodic rate is
 * i = annualRate / 12 (monthly interest, as Chinese bank loan contracts state it: 月利率 = 年利率 / 12).
 * B₀ = P is the principal, B_k the balance after instalment k.
 *
 * - `equal-instalment` (等额本息, annuity): A = round(P·i·(1+i)ⁿ / ((1+i)ⁿ − 1)) (A = round(P/n) when
 *   i = 0); interest_k = round(B_{k−1}·i), principal_k = min(A − interest_k, B_{k−1}); the last
 *   instalment pays B_{n−1} and its interest.
 * - `equal-principal` (等额本金): principal_k = ⌊P/n⌋, the last P − (n−1)·⌊P/n⌋;
 *   interest_k = round(B_{k−1}·i).
 * - `bullet` (到期一次还本付息): one instalment at maturity, principal P and simple interest
 *   round(P · annualRate · n / 12).
 *
 * Example: 1,200,000 minor units at "0.12" over 12 months, equal-principal → 12 × 100,000 principal,
 * interest 12,000, 11,000, …, 1,000.
 */
import { type Issue, ValidationError } from '../errors.ts';
import type { Instalment } from './delinquency.ts';
import { dayNumber, type IsoDate, isoDate, type Money } from './money-and-dates.ts';

export const SCHEDULE_KINDS = ['equal-instalment', 'equal-principal', 'bullet'] as const;
export type ScheduleKind = (typeof SCHEDULE_KINDS)[number];

/** What a schedule is made from. */
export interface LoanTerms {
  /** Principal in minor units (> 0, a safe integer). */
  principal: Money;
  /** Annual rate as a decimal string in [0, 1), e.g. "0.0435" (exact; never a float). */
  annualRate: string;
  /** Term in months, 1–360. */
  termMonths: number;
  disbursedOn: IsoDate;
  kind: ScheduleKind;
}

const RATE_RE = /^0(?:\.(\d{1,9}))?$/;

/** `date` plus `months` calendar months, clamped to the month's last day: addMonths('2024-01-31', 1) = '2024-02-29'. */
export function addMonths(date: IsoDate, months: number): IsoDate {
  dayNumber(date);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = (m - 1 + months) % 12;
  const year = y + Math.floor((m - 1 + months) / 12);
  const lastDay = new Date(Date.UTC(year, target + 1, 0)).getUTCDate();
  return isoDate(Date.UTC(year, target, Math.min(d, lastDay)) / 86_400_000);
}

/** The rate as an exact fraction num/den; issues at `path` when it is not a decimal string in [0, 1). */
function parseRate(rate: unknown, issues: Issue[]): { num: bigint; den: bigint } {
  const m = typeof rate === 'string' ? RATE_RE.exec(rate) : null;
  if (!m) {
    issues.push({
      path: ['annualRate'],
      message: `${JSON.stringify(rate)} is not an annual rate`,
      allowed: 'a decimal string in [0, 1) with at most 9 decimals, e.g. "0.0435"',
    });
    return { num: 0n, den: 1n };
  }
  const frac = m[1] ?? '';
  return { num: BigInt(frac === '' ? '0' : frac), den: 10n ** BigInt(frac.length) };
}

/** num/den rounded half up (num, den ≥ 0, den > 0). */
const roundHalfUp = (num: bigint, den: bigint): bigint => (2n * num + den) / (2n * den);

/** Check the terms; every problem is reported with its path. */
export function checkLoanTerms(terms: LoanTerms): { num: bigint; den: bigint } {
  const issues: Issue[] = [];
  if (!(Number.isSafeInteger(terms.principal) && terms.principal > 0))
    issues.push({
      path: ['principal'],
      message: `${String(terms.principal)} is not a principal in minor units`,
      allowed: 'a positive integer number of minor units, at most 9007199254740991',
    });
  const rate = parseRate(terms.annualRate, issues);
  if (!(Number.isInteger(terms.termMonths) && terms.termMonths >= 1 && terms.termMonths <= 360))
    issues.push({ path: ['termMonths'], message: `${String(terms.termMonths)} is not a term`, allowed: 'a whole number of months, 1–360' });
  try {
    dayNumber(terms.disbursedOn, ['disbursedOn']);
  } catch (e) {
    if (e instanceof ValidationError) issues.push(...e.issues);
    else throw e;
  }
  if (!(SCHEDULE_KINDS as readonly string[]).includes(terms.kind))
    issues.push({ path: ['kind'], message: `unknown schedule kind ${JSON.stringify(terms.kind)}`, allowed: SCHEDULE_KINDS.join(', ') });
  if (issues.length > 0) throw new ValidationError(issues);
  return rate;
}

/** The schedule of a loan (see the module comment); instalments in order, amounts in minor units. */
export function repaymentSchedule(terms: LoanTerms): Instalment[] {
  const { num, den } = checkLoanTerms(terms);
  const n = terms.termMonths;
  const P = BigInt(terms.principal);
  const due = (k: number) => addMonths(terms.disbursedOn, k);
  const periodDen = den * 12n; // i = num / periodDen
  const interestOn = (balance: bigint) => roundHalfUp(balance * num, periodDen);
  const out: Instalment[] = [];
  if (terms.kind === 'bullet') {
    out.push({ dueDate: due(n), principal: terms.principal, interest: Number(roundHalfUp(P * num * BigInt(n), periodDen)) });
    return out;
  }
  let payment: bigint;
  if (terms.kind === 'equal-principal') payment = P / BigInt(n);
  else if (num === 0n) payment = roundHalfUp(P, BigInt(n));
  else {
    // A = P·i·(1+i)ⁿ/((1+i)ⁿ − 1) with i = num/periodDen: A = P·num·(periodDen+num)ⁿ / (periodDen·((periodDen+num)ⁿ − periodDenⁿ)).
    const grown = (periodDen + num) ** BigInt(n);
    payment = roundHalfUp(P * num * grown, periodDen * (grown - periodDen ** BigInt(n)));
  }
  let balance = P;
  for (let k = 1; k <= n; k++) {
    const interest = interestOn(balance);
    let principal: bigint;
    if (k === n) principal = balance;
    else if (terms.kind === 'equal-principal') principal = payment < balance ? payment : balance;
    else {
      const part = payment - interest;
      principal = part < 0n ? 0n : part < balance ? part : balance;
    }
    balance -= principal;
    out.push({ dueDate: due(k), principal: Number(principal), interest: Number(interest) });
  }
  return out;
}
