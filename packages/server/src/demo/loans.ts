/**
 * The demo book's lending (SPEC §6.1, §6.3, §6.4): applications, loans over the four products with
 * their repayment schedules (core's `repaymentSchedule`), repayments, and collateral with haircuts
 * for the inventory-pledge and prepayment loans.
 *
 * Behaviour, with q the borrower's hidden quality:
 * - every instalment is paid on its due date or up to 2 days before, or — with probability
 *   0.03 + 0.05·max(0, −q) — 1 to 40 days late; a payment dated after the as-of date is not made;
 * - extra applications (4 % of the loans): submitted or evaluated in the last 20 days, declined
 *   or withdrawn earlier;
 * - about 2.5 % of the loans with an instalment due in the 85 days before the as-of date stop
 *   paying from that instalment (overdue, special mention);
 * - defaults: loans are taken worst q first (with noise) and stop paying from an instalment due
 *   more than 90 days before the as-of date (30 % with one partial payment), until the NPL balance
 *   reaches a target ratio drawn in [1.8 %, 2.6 %] of the outstanding balance, never passing 3 %;
 *   they are `defaulted`. Balances and days past due are core's (`loanDelinquency`).
 * Collateral: quantity so that the loan is 55–75 % of the pledge value at disbursement; the
 * haircut follows the price volatility (core's `volatilityHaircut`, 60 trailing business days,
 * a 60-day disposal horizon, floor 0.10, cap 0.60), revised at each quarter start.
 */
import {
  addDays,
  addMonths,
  dayNumber,
  type Instalment,
  type IsoDate,
  loanDelinquency,
  repaymentSchedule,
  type ScheduleKind,
  volatilityHaircut,
} from '@scf-risk/core';
import { nextBusinessDay } from './calendar.ts';
import type { ChainBook, Row, Sme } from './chains.ts';
import type { PriceBook } from './prices.ts';
import type { DemoRandom } from './random.ts';

export type ProductKind = 'receivables' | 'inventory-pledge' | 'prepayment' | 'e-order';

interface ProductTerms {
  terms: readonly number[];
  schedule: ScheduleKind;
  baseRate: number;
  /** Principal as a share of the borrower's annual volume with its core. */
  share: [number, number];
}

const PRODUCT_TERMS: Record<ProductKind, ProductTerms> = {
  receivables: { terms: [3, 4, 6], schedule: 'bullet', baseRate: 0.042, share: [0.03, 0.1] },
  'e-order': { terms: [1, 2, 3], schedule: 'bullet', baseRate: 0.048, share: [0.02, 0.06] },
  prepayment: { terms: [3, 6], schedule: 'equal-principal', baseRate: 0.05, share: [0.04, 0.12] },
  'inventory-pledge': { terms: [6, 9, 12], schedule: 'equal-instalment', baseRate: 0.055, share: [0.05, 0.15] },
};

const SUPPLIER_PRODUCTS: Partial<Record<ProductKind, number>> = { receivables: 0.65, 'e-order': 0.35 };
const DISTRIBUTOR_PRODUCTS: Partial<Record<ProductKind, number>> = { prepayment: 0.45, 'inventory-pledge': 0.45, 'e-order': 0.1 };

/** The shares the generator aims at (documented in docs/decisions.md). */
export const LOAN_SHARES = {
  borrowers: 0.85,
  overdue: 0.025,
  nplTarget: [0.018, 0.026] as const,
  nplCap: 0.03,
  extraApplications: 0.04,
};

export interface LoanInputs {
  asOf: IsoDate;
  count: number;
  chains: ChainBook;
  products: Record<ProductKind, string>;
  prices: PriceBook;
  /** Indicator codes of the applications and whether larger is worse. */
  indicators: readonly { code: string; cost: boolean }[];
}

/** A seasoned loan's application indicators and its worst days late as of the as-of date (training data). */
export interface LoanOutcome {
  indicators: Record<string, number>;
  daysLate: number;
}

export interface LoanBookRows {
  applications: Row[];
  /** The loans with at least one instalment due by the as-of date. */
  history: LoanOutcome[];
  loans: Row[];
  schedules: Row[];
  repayments: Row[];
  collateral: Row[];
  haircuts: Row[];
}

interface Payment {
  instalment: number;
  date: IsoDate;
  amount: number;
}

interface Draft {
  id: string;
  sme: Sme;
  product: ProductKind;
  principal: number;
  rate: string;
  term: number;
  disbursedOn: IsoDate;
  schedule: Instalment[];
  payments: Payment[];
  defaulted: boolean;
}

const YUAN = 100;
const FOUR = (x: number) => (Math.round(x * 10_000) / 10_000).toFixed(4);

export function generateLoans(rand: DemoRandom, input: LoanInputs): LoanBookRows {
  const { asOf, chains } = input;
  const asOfDay = dayNumber(asOf);
  const borrowers = chains.smes.filter(() => rand.chance(LOAN_SHARES.borrowers));
  const cumulative: number[] = [];
  let totalWeight = 0;
  for (const _ of borrowers) cumulative.push((totalWeight += rand.logNormal(1, 0.7)));
  const pickBorrower = () => {
    const u = rand.next() * totalWeight;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) > u) hi = mid;
      else lo = mid + 1;
    }
    return borrowers[lo] as Sme;
  };

  const drafts: Draft[] = [];
  for (let k = 0; k < input.count; k++) {
    const sme = pickBorrower();
    const product: ProductKind = rand.weighted<ProductKind>(sme.kind === 'sme-supplier' ? SUPPLIER_PRODUCTS : DISTRIBUTOR_PRODUCTS);
    const t = PRODUCT_TERMS[product];
    const principal = Math.min(
      30_000_000 * YUAN,
      Math.max(100_000 * YUAN, Math.round((sme.volume * rand.uniform(...t.share)) / (1_000 * YUAN)) * 1_000 * YUAN),
    );
    const rate = Math.min(0.09, Math.max(0.03, t.baseRate - 0.008 * sme.q + 0.003 * rand.normal()));
    const bp = Math.round((rate * 10_000) / 5) * 5;
    const term = rand.pick(t.terms);
    const disbursedOn = nextBusinessDay(addDays(asOf, -rand.int(5, 728)));
    if (dayNumber(disbursedOn) > asOfDay) continue;
    const annualRate = `0.${String(bp * 100).padStart(6, '0')}`;
    const schedule = repaymentSchedule({ principal, annualRate, termMonths: term, disbursedOn, kind: t.schedule });
    const pLate = 0.03 + 0.05 * Math.max(0, -sme.q);
    const payments: Payment[] = [];
    schedule.forEach((ins, i) => {
      const delay = rand.chance(pLate) ? rand.int(1, 40) : -rand.int(0, 2);
      const date = addDays(ins.dueDate, delay);
      if (dayNumber(date) <= asOfDay) payments.push({ instalment: i, date, amount: ins.principal + ins.interest });
    });
    drafts.push({ id: rand.uuid(), sme, product, principal, rate: annualRate, term, disbursedOn, schedule, payments, defaulted: false });
  }

  const position = (d: Draft) =>
    loanDelinquency({ schedule: d.schedule, repayments: d.payments.map((p) => ({ date: p.date, amount: p.amount })) }, asOf);
  const stopFrom = (d: Draft, instalment: number) => {
    d.payments = d.payments.filter((p) => p.instalment < instalment);
  };

  // Overdue (special mention): stop paying from an instalment due in the last 85 days.
  for (const d of drafts) {
    const recent = d.schedule.findIndex((s) => {
      const age = asOfDay - dayNumber(s.dueDate);
      return age >= 1 && age <= 85;
    });
    if (recent >= 0 && rand.chance(LOAN_SHARES.overdue)) stopFrom(d, recent);
  }

  // Defaults up to the target NPL ratio (see the module comment).
  const positions = drafts.map(position);
  let total = positions.reduce((s, p) => s + p.outstandingPrincipal, 0);
  let npl = 0;
  const target = rand.uniform(...LOAN_SHARES.nplTarget);
  const candidates = drafts
    .map((d, i) => ({ i, key: d.sme.q + 0.7 * rand.normal() }))
    .filter(({ i }) => dayNumber((drafts[i] as Draft).schedule[0]?.dueDate as string) <= asOfDay - 91)
    .sort((a, b) => a.key - b.key);
  for (const { i } of candidates) {
    if (total > 0 && npl / total >= target) break;
    const d = drafts[i] as Draft;
    const eligible = d.schedule.flatMap((s, k) => (dayNumber(s.dueDate) <= asOfDay - 91 ? [k] : []));
    const k = rand.pick(eligible);
    const keep = d.payments;
    stopFrom(d, k);
    if (rand.chance(0.3)) {
      const ins = d.schedule[k] as Instalment;
      const date = addDays(ins.dueDate, rand.int(0, 30));
      const amount = Math.floor((ins.principal + ins.interest) * rand.uniform(0.1, 0.6));
      if (amount > 0) d.payments.push({ instalment: k, date, amount });
    }
    const p = position(d);
    const b = p.outstandingPrincipal;
    const newTotal = total - (positions[i] as (typeof positions)[number]).outstandingPrincipal + b;
    if ((npl + b) / newTotal > LOAN_SHARES.nplCap) {
      d.payments = keep;
      continue;
    }
    d.defaulted = true;
    npl += b;
    total = newTotal;
    positions[i] = p;
  }

  const out: LoanBookRows = { applications: [], history: [], loans: [], schedules: [], repayments: [], collateral: [], haircuts: [] };
  let receipt = 0;
  for (const [i, d] of drafts.entries()) {
    const appId = rand.uuid();
    const indicators = indicatorsOf(rand, d.sme, input.indicators);
    if (dayNumber((d.schedule[0] as Instalment).dueDate) <= asOfDay) out.history.push({ indicators, daysLate: worstDaysLate(d, asOfDay) });
    out.applications.push({
      id: appId,
      enterpriseId: d.sme.id,
      productId: input.products[d.product],
      coreEnterpriseId: d.sme.coreId,
      amountMinor: d.principal,
      currency: 'CNY',
      termMonths: d.term,
      indicators,
      status: 'approved',
      submittedOn: addDays(d.disbursedOn, -rand.int(3, 20)),
    });
    const p = positions[i] as (typeof positions)[number];
    const maturityOn = (d.schedule[d.schedule.length - 1] as Instalment).dueDate;
    out.loans.push({
      id: d.id,
      applicationId: appId,
      enterpriseId: d.sme.id,
      productId: input.products[d.product],
      principalMinor: d.principal,
      currency: 'CNY',
      annualRate: d.rate,
      termMonths: d.term,
      scheduleKind: PRODUCT_TERMS[d.product].schedule,
      disbursedOn: d.disbursedOn,
      maturityOn,
      status: d.defaulted ? 'defaulted' : p.outstandingPrincipal === 0 && p.overdue.total === 0 ? 'repaid' : 'active',
    });
    d.schedule.forEach((s, k) =>
      out.schedules.push({ loanId: d.id, seq: k + 1, dueOn: s.dueDate, principalMinor: s.principal, interestMinor: s.interest }),
    );
    for (const pay of d.payments.sort((a, b) => dayNumber(a.date) - dayNumber(b.date)))
      out.repayments.push({
        id: rand.uuid(),
        loanId: d.id,
        paidOn: pay.date,
        amountMinor: pay.amount,
        currency: 'CNY',
        source: d.product === 'receivables' && rand.chance(0.5) ? 'platform' : 'bank',
      });
    if (d.product === 'inventory-pledge' || d.product === 'prepayment') {
      const commodity = rand.pick(d.sme.chain.commodities);
      const haircutOn = (date: IsoDate) =>
        volatilityHaircut(input.prices.trailing(commodity, date, 61), { holdingDays: 60, floor: 0.1, cap: 0.6 }).haircut;
      const h = haircutOn(d.disbursedOn);
      const ltv = rand.uniform(0.55, 0.75);
      const price = input.prices.on(commodity, d.disbursedOn);
      const tenths = Math.ceil((d.principal / ltv / (price * (1 - h))) * 10);
      const collateralId = rand.uuid();
      out.collateral.push({
        id: collateralId,
        loanId: d.id,
        enterpriseId: d.sme.id,
        commodity,
        quantity: `${Math.floor(tenths / 10)}.${tenths % 10}000`,
        unit: '吨',
        haircut: FOUR(h),
        warehouseReceipt: `WR${d.disbursedOn.replaceAll('-', '')}${String(++receipt).padStart(5, '0')}`,
      });
      out.haircuts.push({ collateralId, effectiveOn: d.disbursedOn, haircut: FOUR(h) });
      const end = Math.min(dayNumber(maturityOn), asOfDay);
      for (let q = quarterAfter(d.disbursedOn); dayNumber(q) <= end; q = addMonths(q, 3)) {
        const on = nextBusinessDay(q);
        if (dayNumber(on) <= end) out.haircuts.push({ collateralId, effectiveOn: on, haircut: FOUR(haircutOn(on)) });
      }
    }
  }

  const extra = Math.round(input.count * LOAN_SHARES.extraApplications);
  for (let k = 0; k < extra; k++) {
    const status = rand.weighted({ submitted: 0.35, evaluated: 0.2, declined: 0.27, withdrawn: 0.18 });
    const a = rand.pick(chains.smes);
    const b = rand.pick(chains.smes);
    const sme = status === 'declined' && b.q < a.q ? b : a;
    const product: ProductKind = rand.weighted<ProductKind>(sme.kind === 'sme-supplier' ? SUPPLIER_PRODUCTS : DISTRIBUTOR_PRODUCTS);
    const t = PRODUCT_TERMS[product];
    out.applications.push({
      id: rand.uuid(),
      enterpriseId: sme.id,
      productId: input.products[product],
      coreEnterpriseId: sme.coreId,
      amountMinor: Math.max(100_000 * YUAN, Math.round((sme.volume * rand.uniform(...t.share)) / (1_000 * YUAN)) * 1_000 * YUAN),
      currency: 'CNY',
      termMonths: rand.pick(t.terms),
      indicators: indicatorsOf(rand, sme, input.indicators),
      status,
      submittedOn: addDays(asOf, status === 'submitted' || status === 'evaluated' ? -rand.int(0, 20) : -rand.int(21, 700)),
    });
  }
  return out;
}

/**
 * The most days an instalment of the loan was or is late: paid on date p → p − due; still unpaid
 * (or paid in part) and due before the as-of date → asOf − due.
 */
function worstDaysLate(d: Draft, asOfDay: number): number {
  let worst = 0;
  d.schedule.forEach((s, k) => {
    const due = dayNumber(s.dueDate);
    if (due >= asOfDay) return;
    const paid = d.payments.find((p) => p.instalment === k && p.amount === s.principal + s.interest);
    worst = Math.max(worst, (paid ? dayNumber(paid.date) : asOfDay) - due);
  });
  return worst;
}

/** The first day of the next calendar quarter after `date`. */
function quarterAfter(date: IsoDate): IsoDate {
  const [y, m] = date.split('-').map(Number) as [number, number];
  const next = Math.floor((m - 1) / 3) * 3 + 3; // months since January of the next quarter
  return `${y + Math.floor(next / 12)}-${String((next % 12) + 1).padStart(2, '0')}-01`;
}

/**
 * An application's indicator values on a 0–100 scale: z = 0.6·q + 0.8·ε (correlated with the
 * borrower's quality), value = 60 + 15·z for a benefit indicator and 40 − 15·z for a cost one,
 * clamped to [0, 100], one decimal.
 */
function indicatorsOf(rand: DemoRandom, sme: Sme, indicators: LoanInputs['indicators']): Record<string, number> {
  const out: Record<string, number> = {};
  for (const { code, cost } of indicators) {
    const z = 0.6 * sme.q + 0.8 * rand.normal();
    const v = cost ? 40 - 15 * z : 60 + 15 * z;
    out[code] = Math.round(Math.min(100, Math.max(0, v)) * 10) / 10;
  }
  return out;
}
