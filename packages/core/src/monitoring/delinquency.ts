/**
 * Delinquency of one loan as of a date (SPEC §6.3): past-due days from the oldest unpaid
 * instalment, delinquent days after a grace period, and the overdue amount split into principal,
 * interest, fees and penalty.
 *
 *   overdue instalment  k: dueDate_k < asOf and unpaid_k > 0
 *   pastDueDays          = asOf − dueDate of the oldest overdue instalment (0 when none)
 *   delinquentDays       = max(0, pastDueDays − graceDays)
 *   unpaid_k             = due_k (schedule + charges dated ≤ asOf) − paid_k
 *
 * Repayments dated on or before `asOf` are allocated oldest instalment first and, within an
 * instalment, in `allocationOrder` (default penalty → fees → interest → principal, Apache
 * Fineract's default "penalties, fees, interest, principal" strategy). Every as-of state is
 * recomputed from all transactions dated up to that day, so a backdated repayment or charge
 * reallocates everything after its date (Fineract's reprocessing of backdated transactions).
 * A payment beyond everything scheduled is kept as `excess` (a credit balance).
 * An instalment due on `asOf` is not yet overdue; the day after, it is 1 day past due.
 *
 * Example: one instalment due 2024-01-31 (principal 1000, interest 50), nothing paid, as of
 * 2024-03-01 → pastDueDays 30, overdue {principal 1000, interest 50, fees 0, penalty 0}.
 */
import { ValidationError } from '../errors.ts';
import { checkMoney, dayNumber, type IsoDate, type Money } from './money-and-dates.ts';

/** The four parts of an amount due, in minor units. */
export interface AmountParts {
  principal: Money;
  interest: Money;
  fees: Money;
  penalty: Money;
}

export type AmountPart = keyof AmountParts;

/** Fineract's default allocation: penalties, fees, interest, principal. */
export const DEFAULT_ALLOCATION_ORDER: readonly AmountPart[] = ['penalty', 'fees', 'interest', 'principal'];

/** One scheduled instalment. */
export interface Instalment {
  dueDate: IsoDate;
  principal: Money;
  interest: Money;
  fees?: Money;
  penalty?: Money;
}

/** A repayment; `date` is its value date (the day it counts from). */
export interface LoanRepayment {
  id?: string;
  date: IsoDate;
  amount: Money;
}

/** A fee or penalty charged to an instalment (1-based `instalment`) on `date`. */
export interface LoanCharge {
  id?: string;
  date: IsoDate;
  instalment: number;
  kind: 'fees' | 'penalty';
  amount: Money;
}

/** What delinquency needs of a loan. */
export interface LoanActivity {
  schedule: Instalment[];
  repayments: LoanRepayment[];
  charges?: LoanCharge[];
}

export interface DelinquencyOptions {
  /** Days past due tolerated before a loan counts as delinquent (default 0). */
  graceDays?: number;
  /** Order in which a repayment pays the parts of an instalment (default penalty, fees, interest, principal). */
  allocationOrder?: readonly AmountPart[];
}

/** One instalment as of the date. */
export interface InstalmentStatus {
  number: number;
  dueDate: IsoDate;
  due: AmountParts;
  paid: AmountParts;
  unpaid: AmountParts;
  overdue: boolean;
}

export interface Delinquency {
  asOf: IsoDate;
  pastDueDays: number;
  delinquentDays: number;
  graceDays: number;
  /** Due date of the oldest overdue instalment, or null. */
  oldestOverdueDueDate: IsoDate | null;
  /** Unpaid amounts of overdue instalments, by part, and their total. */
  overdue: AmountParts & { total: Money };
  /** Principal not yet repaid (the loan's balance for NPL ratios). */
  outstandingPrincipal: Money;
  /** Everything still unpaid (all instalments, all parts). */
  outstandingTotal: Money;
  /** Repayments counted (dated ≤ asOf) and the amount beyond everything due. */
  repaid: Money;
  excess: Money;
  instalments: InstalmentStatus[];
}

const PARTS: readonly AmountPart[] = ['principal', 'interest', 'fees', 'penalty'];
const zero = (): AmountParts => ({ principal: 0, interest: 0, fees: 0, penalty: 0 });
const total = (p: AmountParts): Money => p.principal + p.interest + p.fees + p.penalty;

/** Check a loan's schedule, repayments and charges; every problem is reported with its path. */
export function checkLoanActivity(loan: LoanActivity): void {
  const issues: { path: (string | number)[]; message: string; allowed?: string }[] = [];
  const guard = (f: () => void) => {
    try {
      f();
    } catch (e) {
      if (e instanceof ValidationError) issues.push(...e.issues);
      else throw e;
    }
  };
  if (!Array.isArray(loan.schedule) || loan.schedule.length === 0)
    issues.push({ path: ['schedule'], message: 'a loan needs at least one instalment' });
  let prev = -Infinity;
  (loan.schedule ?? []).forEach((ins, k) => {
    guard(() => {
      const d = dayNumber(ins.dueDate, ['schedule', k, 'dueDate']);
      if (d < prev)
        issues.push({
          path: ['schedule', k, 'dueDate'],
          message: `instalment ${k + 1} is due before instalment ${k}`,
          allowed: 'due dates in order',
        });
      prev = d;
    });
    for (const part of PARTS) {
      const v = ins[part];
      if (v !== undefined || part === 'principal' || part === 'interest') guard(() => checkMoney(v ?? 0, ['schedule', k, part]));
    }
  });
  (loan.repayments ?? []).forEach((r, k) => {
    guard(() => dayNumber(r.date, ['repayments', k, 'date']));
    guard(() => checkMoney(r.amount, ['repayments', k, 'amount']));
  });
  (loan.charges ?? []).forEach((c, k) => {
    guard(() => dayNumber(c.date, ['charges', k, 'date']));
    guard(() => checkMoney(c.amount, ['charges', k, 'amount']));
    if (!Number.isInteger(c.instalment) || c.instalment < 1 || c.instalment > (loan.schedule?.length ?? 0))
      issues.push({
        path: ['charges', k, 'instalment'],
        message: `there is no instalment ${c.instalment}`,
        allowed: `1 to ${loan.schedule?.length ?? 0}`,
      });
    if (c.kind !== 'fees' && c.kind !== 'penalty')
      issues.push({ path: ['charges', k, 'kind'], message: `unknown charge kind "${String(c.kind)}"`, allowed: 'fees, penalty' });
  });
  if (issues.length) throw new ValidationError(issues);
}

/** Past-due and delinquent days and the overdue amounts of `loan` as of `asOf` (see the module comment). */
export function loanDelinquency(loan: LoanActivity, asOf: IsoDate, options: DelinquencyOptions = {}): Delinquency {
  checkLoanActivity(loan);
  const today = dayNumber(asOf, ['asOf']);
  const graceDays = options.graceDays ?? 0;
  if (!Number.isInteger(graceDays) || graceDays < 0)
    throw new ValidationError([
      { path: ['graceDays'], message: `${graceDays} is not a number of days`, allowed: 'a non-negative integer' },
    ]);
  const order = options.allocationOrder ?? DEFAULT_ALLOCATION_ORDER;
  if (order.length !== 4 || PARTS.some((p) => !order.includes(p)))
    throw new ValidationError([
      { path: ['allocationOrder'], message: 'the allocation order must name each part once', allowed: PARTS.join(', ') },
    ]);

  const due = loan.schedule.map((s) => ({ principal: s.principal, interest: s.interest, fees: s.fees ?? 0, penalty: s.penalty ?? 0 }));
  for (const c of loan.charges ?? []) if (dayNumber(c.date) <= today) due[c.instalment - 1][c.kind] += c.amount;
  let available = 0;
  for (const r of loan.repayments) if (dayNumber(r.date) <= today) available += r.amount;
  const repaid = available;

  const instalments: InstalmentStatus[] = [];
  const overdue = zero();
  let oldest: IsoDate | null = null;
  let outstandingPrincipal = 0;
  let outstandingTotal = 0;
  loan.schedule.forEach((s, k) => {
    const paid = zero();
    for (const part of order) {
      const pay = Math.min(available, due[k][part]);
      paid[part] = pay;
      available -= pay;
    }
    const unpaid = zero();
    for (const part of PARTS) unpaid[part] = due[k][part] - paid[part];
    const isOverdue = dayNumber(s.dueDate) < today && total(unpaid) > 0;
    if (isOverdue) {
      for (const part of PARTS) overdue[part] += unpaid[part];
      oldest ??= s.dueDate;
    }
    outstandingPrincipal += unpaid.principal;
    outstandingTotal += total(unpaid);
    instalments.push({ number: k + 1, dueDate: s.dueDate, due: due[k], paid, unpaid, overdue: isOverdue });
  });
  const pastDueDays = oldest === null ? 0 : today - dayNumber(oldest);
  return {
    asOf,
    pastDueDays,
    delinquentDays: Math.max(0, pastDueDays - graceDays),
    graceDays,
    oldestOverdueDueDate: oldest,
    overdue: { ...overdue, total: total(overdue) },
    outstandingPrincipal,
    outstandingTotal,
    repaid,
    excess: available,
    instalments,
  };
}
