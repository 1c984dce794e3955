/**
 * Two years of trade events on the demo book's links (SPEC §6.9), from the three sources: the
 * platform records the order and the invoice, the logistics company the shipment (or, for goods
 * sold to a distributor, the warehouse receipt of the supervised warehouse), the bank the payment.
 *
 * Trades on a link follow its frequency (mean gap: daily 4, weekly 7, monthly 30, quarterly 91,
 * occasional 180 days, ±40 %); amount = annual volume × gap / 365 × U(0.7, 1.3), whole yuan.
 * Legs: order on day d; shipment d + 1…10; invoice shipment + 0…2; payment shipment + 30…75
 * (a supplier paid by its core) or + 5…30 (a distributor paying its core). Legs dated after the
 * as-of date have not happened yet (an open trade).
 *
 * Disagreements: each trade breaks with probability `DISAGREEMENT_RATE` (3 %), in one of four
 * ways — the logistics leg is missing (25 %), the payment leg is missing (20 %), the payment
 * differs from the order by 1–8 % (30 %), or the goods ship 31–60 days after the order (25 %),
 * outside core's default 30-day window. Nothing in a record says it is broken; `DemoTrades.broken`
 * lists the trade refs for the tests.
 */
import { dayNumber, type IsoDate, isoDate } from '@scf-risk/core';
import type { ChainBook, Row } from './chains.ts';
import { CHAINS } from './chains.ts';
import type { PriceBook } from './prices.ts';
import type { DemoRandom } from './random.ts';

export const DISAGREEMENT_RATE = 0.03;
/** The history the trades cover, in days before the as-of date. */
export const TRADE_HISTORY_DAYS = 730;

const MEAN_GAP = { daily: 4, weekly: 7, monthly: 30, quarterly: 91, occasional: 180 } as const;
const BREAKS = { 'missing-shipment': 0.25, 'missing-payment': 0.2, 'amount-mismatch': 0.3, 'late-shipment': 0.25 } as const;
type Break = keyof typeof BREAKS;

export interface DemoTrades {
  rows: Row[];
  /** Trade refs that were made to disagree, and how. */
  broken: Map<string, Break>;
  /** Trade refs whose every leg was due on or before the as-of date (closed trades). */
  closed: Set<string>;
}

export function generateTrades(rand: DemoRandom, asOf: IsoDate, chains: ChainBook, prices: PriceBook): DemoTrades {
  const asOfDay = dayNumber(asOf);
  const first = asOfDay - TRADE_HISTORY_DAYS;
  // ISO dates of the days a trade can touch (the history plus the longest leg), made once.
  const iso: IsoDate[] = [];
  for (let d = first; d <= asOfDay + 200; d++) iso.push(isoDate(d));
  const on = (day: number) => iso[day - first] as IsoDate;
  const industryOf = new Map(chains.smes.map((s) => [s.id, s.chain.industry]));
  for (const [industry, id] of chains.cores) industryOf.set(id, industry);
  const coreIds = new Set(chains.cores.values());
  const rows: Row[] = [];
  const broken = new Map<string, Break>();
  const closed = new Set<string>();
  let serial = 0;
  const event = (
    ref: string,
    link: Row,
    kind: string,
    source: string,
    day: number,
    amount: number,
    commodity: string | null,
    quantity: string | null,
    details: Row,
  ) => {
    if (day <= asOfDay)
      rows.push({
        id: rand.uuid(),
        tradeRef: ref,
        kind,
        source,
        buyerId: link.buyerId,
        sellerId: link.sellerId,
        occurredOn: on(day),
        amountMinor: amount,
        currency: 'CNY',
        commodity,
        quantity,
        details,
      });
  };
  for (const link of chains.links) {
    const seller = link.sellerId as string;
    const chain = CHAINS.find((c) => c.industry === industryOf.get(seller)) ?? (CHAINS[0] as (typeof CHAINS)[number]);
    const toDistributor = coreIds.has(seller);
    const gap = MEAN_GAP[link.frequency as keyof typeof MEAN_GAP];
    const logistics = rand.pick(chains.logistics);
    for (let day = first + rand.int(0, gap); day <= asOfDay; day += Math.max(1, Math.round(gap * rand.uniform(0.6, 1.4)))) {
      const orderOn = on(day);
      const ref = `T${orderOn.replaceAll('-', '')}-${String(++serial).padStart(6, '0')}`;
      const amount = Math.max(100, Math.round(((link.annualVolumeMinor as number) * gap * rand.uniform(0.7, 1.3)) / 365 / 100) * 100);
      const commodity = rand.pick(chain.commodities);
      const quantity = (Math.max(1, Math.round((amount / prices.on(commodity, orderOn)) * 10)) / 10).toFixed(4);
      const flaw: Break | undefined = rand.chance(DISAGREEMENT_RATE) ? rand.weighted(BREAKS) : undefined;
      const shipDay = day + (flaw === 'late-shipment' ? rand.int(31, 60) : rand.int(1, 10));
      const invoiceDay = shipDay + rand.int(0, 2);
      const payDay = shipDay + (toDistributor ? rand.int(5, 30) : rand.int(30, 75));
      const paid = flaw === 'amount-mismatch' ? Math.round(amount * (1 + (rand.chance(0.7) ? -1 : 1) * rand.uniform(0.01, 0.08))) : amount;
      event(ref, link, 'order', 'platform', day, amount, commodity, quantity, { po: `PO-${serial}` });
      if (flaw !== 'missing-shipment')
        event(ref, link, toDistributor ? 'warehouse-receipt' : 'shipment', 'logistics', shipDay, amount, commodity, quantity, {
          carrier: logistics,
          waybill: `WB-${serial}`,
        });
      event(ref, link, 'invoice', 'platform', invoiceDay, amount, null, null, { invoice: `INV-${serial}` });
      if (flaw !== 'missing-payment') event(ref, link, 'payment', 'bank', payDay, paid, null, null, { bankRef: `BR-${serial}` });
      if (payDay <= asOfDay) {
        closed.add(ref);
        if (flaw) broken.set(ref, flaw);
      }
    }
  }
  return { rows, broken, closed };
}
