/**
 * A loan book as state + events, and its figures as of any date (SPEC §6.3 "as-of replay").
 *
 *   snapshot(asOf, knownAt) = f(loans, { e ∈ events : e.valueDate ≤ asOf ∧ e.bookedDate ≤ knownAt })
 *
 * Every figure — delinquency, classification, NPL ratios — is a pure function of the loans, the
 * events and the dates: nothing is stored that a later event could leave stale. A backdated
 * repayment (value date before its booking date) therefore changes the figures from its value
 * date on, and only those of its loan and the groups that loan belongs to; `knownAt` shows any
 * past date exactly as it was shown then (bitemporal: value date × booking date). Events are never
 * edited or deleted; `addBookEvent` returns a new book.
 *
 * Example: bookAsOf(book, '2024-06-30') and bookAsOf(book, '2024-06-30', { knownAt: '2024-07-01' })
 * differ only if something dated on or before 30 June was booked after 1 July.
 */
import { ValidationError } from '../errors.ts';
import {
  applyBorrowerDowngrade,
  type BorrowerDowngradeRule,
  CHINA_2023_BANDS,
  type ClassificationOverride,
  checkOverride,
  classifyLoan,
  type DayBand,
  type LoanCategory,
  type LoanClassification,
  validateDayBands,
} from './classification.ts';
import {
  type AmountPart,
  type AmountParts,
  checkLoanActivity,
  type Instalment,
  type LoanCharge,
  type LoanRepayment,
  loanDelinquency,
} from './delinquency.ts';
import { addDays, checkMoney, dayNumber, type IsoDate, type Money } from './money-and-dates.ts';
import { type NplReport, nplReport } from './npl-ratio.ts';

/** A loan in the book. */
export interface BookLoan {
  id: string;
  borrowerId: string;
  product?: string;
  pool?: string;
  coreEnterprise?: string;
  industry?: string;
  schedule: Instalment[];
}

interface EventBase {
  id: string;
  loanId: string;
  /** The date the event counts from. */
  valueDate: IsoDate;
  /** The date it was entered (≥ valueDate for a backdated entry). */
  bookedDate: IsoDate;
}

/** The events of a loan book. */
export type BookEvent =
  | (EventBase & { type: 'repayment'; amount: Money })
  | (EventBase & { type: 'charge'; instalment: number; kind: 'fees' | 'penalty'; amount: Money })
  | (EventBase & { type: 'override'; category: LoanCategory; reason: string; by: string });

export interface LoanBook {
  loans: BookLoan[];
  events: BookEvent[];
}

export interface BookOptions {
  bands?: readonly DayBand[];
  graceDays?: number;
  allocationOrder?: readonly AmountPart[];
  /** The borrower-level downgrade rule; off when absent. */
  borrowerDowngrade?: BorrowerDowngradeRule;
  /** Count only events booked on or before this date (default: all). */
  knownAt?: IsoDate;
}

/** One loan as of the date. */
export interface LoanPosition {
  loanId: string;
  borrowerId: string;
  product?: string;
  pool?: string;
  coreEnterprise?: string;
  industry?: string;
  pastDueDays: number;
  delinquentDays: number;
  overdue: AmountParts & { total: Money };
  balance: Money;
  classification: LoanClassification;
}

export interface BookSnapshot {
  asOf: IsoDate;
  knownAt: IsoDate | null;
  loans: LoanPosition[];
  npl: NplReport;
}

/** An empty book with these loans (ids unique, schedules valid). */
export function createLoanBook(loans: BookLoan[]): LoanBook {
  const issues: { path: (string | number)[]; message: string }[] = [];
  loans.forEach((l, k) => {
    if (loans.findIndex((o) => o.id === l.id) !== k) issues.push({ path: ['loans', k, 'id'], message: `loan id "${l.id}" is used twice` });
    try {
      checkLoanActivity({ schedule: l.schedule, repayments: [] });
    } catch (e) {
      if (e instanceof ValidationError) issues.push(...e.at('loans', k).issues);
      else throw e;
    }
  });
  if (issues.length) throw new ValidationError(issues);
  return { loans: loans.map((l) => ({ ...l, schedule: [...l.schedule] })), events: [] };
}

const visible = (e: BookEvent, asOf: number, knownAt: number) => dayNumber(e.valueDate) <= asOf && dayNumber(e.bookedDate) <= knownAt;

function positionsOf(book: LoanBook, asOf: IsoDate, options: BookOptions): LoanPosition[] {
  const day = dayNumber(asOf, ['asOf']);
  const known = options.knownAt === undefined ? Infinity : dayNumber(options.knownAt, ['knownAt']);
  const bands = validateDayBands(options.bands ?? CHINA_2023_BANDS);
  const delinquencyOptions = { graceDays: options.graceDays ?? 0, allocationOrder: options.allocationOrder };
  const byLoan = new Map<string, BookEvent[]>();
  for (const e of book.events) {
    if (!visible(e, day, known)) continue;
    const mine = byLoan.get(e.loanId);
    if (mine) mine.push(e);
    else byLoan.set(e.loanId, [e]);
  }
  const positions = book.loans.map((loan): LoanPosition => {
    const repayments: LoanRepayment[] = [];
    const charges: LoanCharge[] = [];
    // The standing override: the latest by value date, then by booking order.
    let override: ClassificationOverride | undefined;
    for (const e of byLoan.get(loan.id) ?? []) {
      if (e.type === 'repayment') repayments.push({ id: e.id, date: e.valueDate, amount: e.amount });
      else if (e.type === 'charge') charges.push({ id: e.id, date: e.valueDate, instalment: e.instalment, kind: e.kind, amount: e.amount });
      else if (!override || dayNumber(e.valueDate) >= dayNumber(override.date))
        override = { category: e.category, reason: e.reason, by: e.by, date: e.valueDate };
    }
    const d = loanDelinquency({ schedule: loan.schedule, repayments, charges }, asOf, delinquencyOptions);
    const { id, borrowerId, product, pool, coreEnterprise, industry } = loan;
    return {
      loanId: id,
      borrowerId,
      ...(product === undefined ? {} : { product }),
      ...(pool === undefined ? {} : { pool }),
      ...(coreEnterprise === undefined ? {} : { coreEnterprise }),
      ...(industry === undefined ? {} : { industry }),
      pastDueDays: d.pastDueDays,
      delinquentDays: d.delinquentDays,
      overdue: d.overdue,
      balance: d.outstandingPrincipal,
      classification: classifyLoan(d.pastDueDays, { bands, override }),
    };
  });
  if (!options.borrowerDowngrade) return positions;
  const pulled = applyBorrowerDowngrade(
    positions.map((p) => ({ loanId: p.loanId, borrowerId: p.borrowerId, balance: p.balance, classification: p.classification })),
    options.borrowerDowngrade,
  );
  return positions.map((p, k) => ({ ...p, classification: pulled[k] }));
}

/** Every loan's delinquency and classification and the NPL report as of `asOf` (see the module comment). */
export function bookAsOf(book: LoanBook, asOf: IsoDate, options: BookOptions = {}): BookSnapshot {
  const loans = positionsOf(book, asOf, options);
  return {
    asOf,
    knownAt: options.knownAt ?? null,
    loans,
    npl: nplReport(loans.map((l) => ({ ...l, category: l.classification.category }))),
  };
}

/**
 * Record an event: the id must be new, the loan known, amounts integer minor units, the booking
 * date not before the value date; an override must not be better than the loan's floor as of its
 * value date (as known on its booking date). Returns a new book; the old one is unchanged.
 */
export function addBookEvent(book: LoanBook, event: BookEvent, options: BookOptions = {}): LoanBook {
  const issues: { path: (string | number)[]; message: string; allowed?: string }[] = [];
  if (book.events.some((e) => e.id === event.id))
    issues.push({ path: ['id'], message: `event id "${event.id}" is already in the book; events are never replaced` });
  const loan = book.loans.find((l) => l.id === event.loanId);
  if (!loan) issues.push({ path: ['loanId'], message: `no loan "${event.loanId}" in the book` });
  try {
    const value = dayNumber(event.valueDate, ['valueDate']);
    if (dayNumber(event.bookedDate, ['bookedDate']) < value)
      issues.push({ path: ['bookedDate'], message: 'an event cannot be booked before its value date' });
  } catch (e) {
    if (e instanceof ValidationError) issues.push(...e.issues);
    else throw e;
  }
  if (event.type === 'repayment' || event.type === 'charge') {
    try {
      checkMoney(event.amount, ['amount']);
    } catch (e) {
      if (e instanceof ValidationError) issues.push(...e.issues);
      else throw e;
    }
  }
  if (
    event.type === 'charge' &&
    loan &&
    !(Number.isInteger(event.instalment) && event.instalment >= 1 && event.instalment <= loan.schedule.length)
  )
    issues.push({
      path: ['instalment'],
      message: `loan ${loan.id} has no instalment ${event.instalment}`,
      allowed: `1 to ${loan.schedule.length}`,
    });
  if (issues.length) throw new ValidationError(issues);
  if (event.type === 'override') {
    const pos = positionsOf({ loans: [loan!], events: book.events }, event.valueDate, {
      ...options,
      knownAt: event.bookedDate,
      borrowerDowngrade: undefined,
    });
    checkOverride(pos[0].classification.floor, { category: event.category, reason: event.reason, by: event.by, date: event.valueDate });
  }
  return { loans: book.loans, events: [...book.events, { ...event }] };
}

/** A change of a loan's category. */
export interface ClassificationChange {
  loanId: string;
  date: IsoDate;
  from: LoanCategory | null;
  to: LoanCategory;
  basis: LoanClassification['basis'];
}

/**
 * The classification history from `from` to `to` (inclusive), replayed day by day from the events
 * (as known at `options.knownAt`): the first day lists every loan (from = null), later days only
 * changes. Nothing is stored, so a backdated entry rewrites the history from its value date.
 */
export function classificationHistory(book: LoanBook, from: IsoDate, to: IsoDate, options: BookOptions = {}): ClassificationChange[] {
  const start = dayNumber(from, ['from']);
  const end = dayNumber(to, ['to']);
  if (end < start) throw new ValidationError([{ path: ['to'], message: `${to} is before ${from}` }]);
  const out: ClassificationChange[] = [];
  const last = new Map<string, LoanCategory>();
  for (let d = start; d <= end; d++) {
    const date = addDays(from, d - start);
    for (const p of positionsOf(book, date, options)) {
      const prev = last.get(p.loanId) ?? null;
      if (prev !== p.classification.category)
        out.push({ loanId: p.loanId, date, from: prev, to: p.classification.category, basis: p.classification.basis });
      last.set(p.loanId, p.classification.category);
    }
  }
  return out;
}
