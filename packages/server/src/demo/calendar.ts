/**
 * Business days of the demo book: Monday to Friday (public holidays are not modelled). Dates are
 * ISO `YYYY-MM-DD`; day numbers are core's (days since 1970-01-01, a Thursday).
 *
 * Example: nextBusinessDay('2026-11-28') = '2026-11-30' (a Saturday rolls to Monday).
 */
import { dayNumber, type IsoDate, isoDate } from '@scf-risk/core';

/** True on Monday–Friday. */
export function isBusinessDay(date: IsoDate): boolean {
  const weekday = (dayNumber(date) + 4) % 7; // 0 = Sunday
  return weekday !== 0 && weekday !== 6;
}

/** `date` itself when a business day, else the next one. */
export function nextBusinessDay(date: IsoDate): IsoDate {
  let d = dayNumber(date);
  while (!isBusinessDay(isoDate(d))) d++;
  return isoDate(d);
}

/** The business days from `from` to `to`, both included. */
export function businessDays(from: IsoDate, to: IsoDate): IsoDate[] {
  const out: IsoDate[] = [];
  for (let d = dayNumber(from); d <= dayNumber(to); d++) {
    const date = isoDate(d);
    if (isBusinessDay(date)) out.push(date);
  }
  return out;
}
