/**
 * Money and calendar dates as the monitoring functions use them (SPEC §6, §8; ARCHITECTURE "Money").
 *
 * Money is an integer number of minor units (fen, cents) held in an ordinary `number` and checked
 * with `Number.isSafeInteger` (|x| ≤ 2⁵³ − 1 ≈ 9.0 × 10¹⁵ minor units, 90 trillion yuan): exact for
 * sums and differences, JSON-friendly, never a binary fraction. Products with rates (haircuts,
 * margins, shares) are rounded explicitly, and each function says which way.
 *
 * Dates are ISO calendar dates `YYYY-MM-DD` without a time zone; day counts are differences of
 * `Date.UTC` day numbers (a pure function of the string, no clock).
 */
import { ValidationError } from '../errors.ts';

/** Integer minor units of one currency. */
export type Money = number;

/** An ISO calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/**
 * Valid dates already parsed → their day numbers: a book of a million entries names a few hundred
 * distinct dates, so each is parsed once. Bounded: cleared when it holds DAY_CACHE_LIMIT dates.
 */
const DAY_CACHE = new Map<string, number>();
const DAY_CACHE_LIMIT = 100_000;

/** Day number of an ISO date (days since 1970-01-01); throws a ValidationError at `path` when invalid. */
export function dayNumber(date: IsoDate, path: (string | number)[] = []): number {
  const hit = DAY_CACHE.get(date);
  if (hit !== undefined) return hit;
  const m = typeof date === 'string' ? DATE_RE.exec(date) : null;
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const t = Date.UTC(y, mo - 1, d);
    const back = new Date(t);
    if (back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d) {
      if (DAY_CACHE.size >= DAY_CACHE_LIMIT) DAY_CACHE.clear();
      DAY_CACHE.set(date, t / MS_PER_DAY);
      return t / MS_PER_DAY;
    }
  }
  throw new ValidationError([{ path, message: `"${String(date)}" is not a calendar date`, allowed: 'YYYY-MM-DD, e.g. 2024-03-31' }]);
}

/** The ISO date of a day number. */
export function isoDate(day: number): IsoDate {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Days from `from` to `to` (positive when `to` is later): `daysBetween('2024-01-31', '2024-03-01') = 30`. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return dayNumber(to) - dayNumber(from);
}

/** `date` plus `days` calendar days. */
export function addDays(date: IsoDate, days: number): IsoDate {
  return isoDate(dayNumber(date) + days);
}

/** Throw a ValidationError unless `x` is a safe integer (≥ 0 unless `allowNegative`). */
export function checkMoney(x: unknown, path: (string | number)[], allowNegative = false): Money {
  if (typeof x !== 'number' || !Number.isSafeInteger(x) || (!allowNegative && x < 0))
    throw new ValidationError([
      {
        path,
        message: `${String(x)} is not an amount in minor units`,
        allowed: `${allowNegative ? 'an' : 'a non-negative'} integer number of minor units (fen, cents), at most 9007199254740991`,
      },
    ]);
  return x;
}

/** Throw unless `x` is a finite number in [lo, hi] (`hiOpen`: [lo, hi)). */
export function checkRate(x: unknown, path: (string | number)[], lo = 0, hi = 1, hiOpen = false): number {
  if (typeof x !== 'number' || !Number.isFinite(x) || x < lo || x > hi || (hiOpen && x === hi))
    throw new ValidationError([
      { path, message: `${String(x)} is out of range`, allowed: `a number in [${lo}, ${hi}${hiOpen ? ')' : ']'}` },
    ]);
  return x;
}

/** Sum of money amounts, checked to stay a safe integer. */
export function sumMoney(xs: readonly Money[]): Money {
  let s = 0;
  for (const x of xs) s += x;
  if (!Number.isSafeInteger(s))
    throw new ValidationError([{ path: [], message: 'the total exceeds the exact integer range of minor units' }]);
  return s;
}

/** `amount × rate` rounded to the minor unit: 'down' (toward zero; conservative values), 'up' (requirements), 'nearest'. */
export function applyRate(amount: Money, rate: number, rounding: 'down' | 'up' | 'nearest'): Money {
  const x = amount * rate;
  // Snap products that are integers up to binary rounding (1000 × 0.7 = 700.0000000000001).
  const r = Math.round(x);
  if (Math.abs(x - r) < 1e-9 * Math.max(1, Math.abs(x))) return r;
  return rounding === 'down' ? Math.trunc(x) : rounding === 'up' ? Math.ceil(x) : r;
}
