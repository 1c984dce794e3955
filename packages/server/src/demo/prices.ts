/**
 * Daily commodity prices of the demo book (SPEC §6.4): one price per commodity and business day,
 * a geometric random walk with the commodity's drift μ and volatility σ (annual, 252 business days):
 *
 *   ln P_{t+1} = ln P_t + (μ − σ²/2)/252 + σ/√252 · Z_t,   Z_t ~ N(0, 1)
 *
 * in integer fen per unit (rounded). The series covers the two years before the as-of date plus
 * a quarter before them, so that a haircut at the first disbursement has a trailing window.
 */
import { addDays, dayNumber, type IsoDate } from '@scf-risk/core';
import { businessDays } from './calendar.ts';
import { COMMODITIES, type Row } from './chains.ts';
import type { DemoRandom } from './random.ts';

/** The series start: two years and one quarter before `asOf`. */
export const PRICE_HISTORY_DAYS = 730 + 91;

export interface PriceBook {
  rows: Row[];
  /** Prices of a commodity on or before `date`, the last `window` of them (oldest first). */
  trailing(commodity: string, date: IsoDate, window: number): number[];
  /** The price of a commodity on `date` or the last business day before. */
  on(commodity: string, date: IsoDate): number;
}

export function generatePrices(rand: DemoRandom, asOf: IsoDate): PriceBook {
  const days = businessDays(addDays(asOf, -PRICE_HISTORY_DAYS), asOf);
  const first = dayNumber(days[0] as string);
  // index of the last business day on or before each calendar day from `first`
  const lastIndex = new Int32Array(dayNumber(asOf) - first + 1);
  for (let d = 0, k = -1; d < lastIndex.length; d++) {
    if (k + 1 < days.length && dayNumber(days[k + 1] as string) === first + d) k++;
    lastIndex[d] = k;
  }
  const series = new Map<string, number[]>();
  const rows: Row[] = [];
  for (const c of COMMODITIES) {
    const prices: number[] = [];
    let log = Math.log(c.startPrice);
    for (const date of days) {
      const price = Math.round(Math.exp(log));
      prices.push(price);
      rows.push({ commodity: c.code, priceOn: date, unitPriceMinor: price, currency: 'CNY' });
      log += (c.drift - c.volatility ** 2 / 2) / 252 + (c.volatility / Math.sqrt(252)) * rand.normal();
    }
    series.set(c.code, prices);
  }
  const indexOn = (date: IsoDate) => {
    const d = dayNumber(date) - first;
    if (d < 0 || d >= lastIndex.length) throw new Error(`no demo price on ${date}`);
    return lastIndex[d] as number;
  };
  const pricesOf = (commodity: string) => {
    const s = series.get(commodity);
    if (!s) throw new Error(`unknown demo commodity ${commodity}`);
    return s;
  };
  return {
    rows,
    on: (commodity, date) => pricesOf(commodity)[indexOn(date)] as number,
    trailing(commodity, date, window) {
      const k = indexOn(date);
      return pricesOf(commodity).slice(Math.max(0, k - window + 1), k + 1);
    },
  };
}
