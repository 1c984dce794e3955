/**
 * Stress scenarios (SPEC §6.10): a scenario — commodity prices down (or up) by x %, core
 * enterprises default, industries downgraded — runs the monitoring chain on a copy of the book and
 * reports the figures beside the baseline. The input is never changed; both sides are computed by
 * the same existing functions, so a scenario that shocks nothing gives the baseline exactly.
 *
 * The chain, in order:
 *   1. prices:      unitPrice' = ⌊unitPrice × (1 + shock % / 100)⌋ per commodity (rounded down:
 *                   conservative), shock ≥ −100 %; then `valueCollateral` per loan (exposure = the
 *                   loan's outstanding principal as of the date) and `marginRequirement` per
 *                   mark-to-market account (cover = cash + pledge value of its items;
 *                   cover < maintenance → a call for initial − cover);
 *   2. contagion:   `debtRank` with shock h = 1 for each defaulting core enterprise and the rule's
 *                   `distress` for each enterprise of a downgraded industry; the lender's exposure
 *                   to an enterprise is the balance of the loans it borrowed;
 *   3. classification: each loan is moved to the worst of its category, its industry rule
 *                   (`at-least` a category, or `notches` worse) and its borrower's distress band
 *                   (h ≥ minDistress → at least the band's category; default h = 1 → doubtful,
 *                   h ≥ 0.5 → substandard, h > 0 → special mention), recorded as analyst-style
 *                   overrides on a copy of the events; `bookAsOf` then re-applies the borrower
 *                   rule and `nplReport` gives the NPL balance and ratio in total and by group;
 *   4. pools:       `observePool` with each pool's NPL figures as of the date (no profit or loss):
 *                   a pool reaching its maximum NPL ratio stops.
 *
 * Collateral triggers and margin calls are reported; they do not feed back into classification
 * (a liquidation is a recovery action, not a day count).
 *
 * Example: steel 100 t at 4,000.00 yuan/t, haircut 0.2 (pledge value 32,000,000 fen), loan
 * 17,920,000 fen → LTV 0.56; steel −30 % → pledge value 22,400,000, LTV 0.80 = the margin-call
 * level, so the scenario raises a call that the baseline did not have.
 */
import { ValidationError } from '../errors.ts';
import { categoryRank, LOAN_CATEGORIES, type LoanCategory, worseCategory } from './classification.ts';
import { type CollateralValuation, type LtvLevels, type PledgeItem, valueCollateral } from './collateral.ts';
import { DEBTRANK_RULES, type DebtRankResult, type DebtRankRule, debtRank, type ExposureLink } from './contagion.ts';
import { type BookEvent, type BookOptions, type BookSnapshot, bookAsOf, type LoanBook } from './loan-book.ts';
import { type MarginRequirement, type MarginTerms, marginRequirement } from './mark-to-market.ts';
import { dayNumber, type IsoDate, type Money } from './money-and-dates.ts';
import type { NplReport } from './npl-ratio.ts';
import { observePool, type PoolDecision, type PoolStatus, poolAcceptsNewLoans, type StopLossPool } from './stop-loss-pool.ts';

/** How a downgraded industry's loans move. */
export type IndustryDowngradeRule = { kind: 'at-least'; category: LoanCategory } | { kind: 'notches'; notches: number };

export interface IndustryDowngrade {
  industry: string;
  rule: IndustryDowngradeRule;
  /** DebtRank distress given to the industry's enterprises, in [0, 1] (default 0: none). */
  distress?: number;
}

/** Borrower distress h ≥ minDistress → the loan is at least `category` (minDistress in (0, 1]). */
export interface DistressBand {
  minDistress: number;
  category: LoanCategory;
}

/** Default distress bands (see the module comment). */
export const DEFAULT_DISTRESS_BANDS: readonly DistressBand[] = [
  { minDistress: 1, category: 'doubtful' },
  { minDistress: 0.5, category: 'substandard' },
  { minDistress: Number.MIN_VALUE, category: 'special-mention' },
];

/** A stress scenario, as data. */
export interface StressScenario {
  name?: string;
  /** Commodity → price change in per cent (−30 = down 30 %), each ≥ −100. */
  commodityShocks?: Record<string, number>;
  /** Core enterprises that default (DebtRank shock 1). */
  coreDefaults?: string[];
  industryDowngrades?: IndustryDowngrade[];
  /** DebtRank rule (default differential) and the distress → category bands. */
  contagion?: { rule?: DebtRankRule; distressBands?: DistressBand[]; atRiskThreshold?: number };
}

/** An enterprise of the supply chain with its industry. */
export interface StressEnterprise {
  id: string;
  /** Loss-absorbing buffer, minor units, > 0. */
  equity: Money;
  industry?: string;
  /** Whether it is a core enterprise (only these may be named in `coreDefaults` when any is marked). */
  core?: boolean;
}

/** A mark-to-market account: margin cash and pledged items counted as cover. */
export interface StressMarginAccount {
  id: string;
  loanId: string;
  cash: Money;
  items: PledgeItem[];
  /** Today's transaction index (base 100). */
  index: number;
}

/** The book state a scenario runs on: what the monitoring functions take. */
export interface StressBook {
  book: LoanBook;
  bookOptions?: Omit<BookOptions, 'knownAt'>;
  /** Pledged items per loan. */
  collateral?: { loanId: string; items: PledgeItem[] }[];
  collateralLevels?: LtvLevels;
  /** Commodity → current unit price (minor units); overrides the items' own unitPrice. */
  prices?: Record<string, Money>;
  margin?: { terms: MarginTerms; accounts: StressMarginAccount[] };
  /** Pool states before the date. */
  pools?: StopLossPool[];
  enterprises?: StressEnterprise[];
  links?: ExposureLink[];
}

/** The figures of one side (baseline or stressed). */
export interface StressSide {
  snapshot: BookSnapshot;
  npl: NplReport;
  /** The book's price list after the shock (commodities priced only on their items are not listed). */
  prices: Record<string, Money>;
  collateral: { loanId: string; valuation: CollateralValuation }[];
  margin: { accountId: string; loanId: string; requirement: MarginRequirement; cover: Money; call: Money | null }[];
  pools: { id: string; status: PoolStatus; decision: PoolDecision; pool: StopLossPool }[];
  contagion: DebtRankResult | null;
  exposureAtRisk: Money;
  expectedLoss: Money;
}

export interface StressResult {
  scenario: StressScenario;
  asOf: IsoDate;
  baseline: StressSide;
  stressed: StressSide;
  /** What the scenario changed. */
  changes: {
    reclassified: { loanId: string; from: LoanCategory; to: LoanCategory; reason: string }[];
    nplRatio: { baseline: number | null; stressed: number | null };
    newMarginCalls: string[];
    newLiquidations: string[];
    newMarkToMarketCalls: string[];
    poolsStopped: string[];
    exposureAtRisk: { baseline: Money; stressed: Money };
  };
}

type Issues = { path: (string | number)[]; message: string; allowed?: string }[];

function validate(state: StressBook, scenario: StressScenario): void {
  const issues: Issues = [];
  const commodities = new Set<string>(Object.keys(state.prices ?? {}));
  for (const c of state.collateral ?? []) for (const it of c.items) commodities.add(it.commodity);
  for (const a of state.margin?.accounts ?? []) for (const it of a.items) commodities.add(it.commodity);
  for (const [c, pct] of Object.entries(scenario.commodityShocks ?? {})) {
    if (!commodities.has(c))
      issues.push({
        path: ['commodityShocks', c],
        message: `unknown commodity "${c}": nothing in the book is pledged in it`,
        allowed: [...commodities].sort().join(', ') || '(no commodity in the book)',
      });
    if (!(typeof pct === 'number' && Number.isFinite(pct) && pct >= -100))
      issues.push({
        path: ['commodityShocks', c],
        message: `${String(pct)} % is not a price change`,
        allowed: 'a number of per cent in [−100, +∞)',
      });
  }
  const enterprises = state.enterprises ?? [];
  const ids = new Set(enterprises.map((e) => e.id));
  const anyCore = enterprises.some((e) => e.core);
  (scenario.coreDefaults ?? []).forEach((id, k) => {
    const e = enterprises.find((x) => x.id === id);
    if (!e)
      issues.push({
        path: ['coreDefaults', k],
        message: `unknown enterprise "${id}"`,
        allowed: [...ids].sort().join(', ') || '(no enterprise in the book)',
      });
    else if (anyCore && !e.core) issues.push({ path: ['coreDefaults', k], message: `"${id}" is not a core enterprise` });
  });
  const industries = new Set<string>();
  for (const e of enterprises) if (e.industry !== undefined) industries.add(e.industry);
  for (const l of state.book.loans) if (l.industry !== undefined) industries.add(l.industry);
  (scenario.industryDowngrades ?? []).forEach((d, k) => {
    if (!industries.has(d.industry))
      issues.push({
        path: ['industryDowngrades', k, 'industry'],
        message: `unknown industry "${d.industry}"`,
        allowed: [...industries].sort().join(', ') || '(none)',
      });
    const r = d.rule as IndustryDowngradeRule | undefined;
    if (r?.kind === 'at-least') {
      if (!LOAN_CATEGORIES.includes(r.category))
        issues.push({
          path: ['industryDowngrades', k, 'rule', 'category'],
          message: `unknown category "${String(r.category)}"`,
          allowed: LOAN_CATEGORIES.join(', '),
        });
    } else if (r?.kind === 'notches') {
      if (!(Number.isInteger(r.notches) && r.notches >= 1 && r.notches <= 4))
        issues.push({
          path: ['industryDowngrades', k, 'rule', 'notches'],
          message: `${r.notches} is not a number of notches`,
          allowed: 'an integer 1 to 4',
        });
    } else
      issues.push({
        path: ['industryDowngrades', k, 'rule'],
        message: 'unknown downgrade rule',
        allowed: '{ kind: "at-least", category } or { kind: "notches", notches }',
      });
    if (d.distress !== undefined && !(d.distress >= 0 && d.distress <= 1))
      issues.push({
        path: ['industryDowngrades', k, 'distress'],
        message: `${d.distress} is not a distress level`,
        allowed: 'a number in [0, 1]',
      });
  });
  const c = scenario.contagion;
  if (c?.rule !== undefined && !DEBTRANK_RULES.includes(c.rule))
    issues.push({ path: ['contagion', 'rule'], message: `unknown rule "${c.rule}"`, allowed: DEBTRANK_RULES.join(', ') });
  (c?.distressBands ?? []).forEach((b, k) => {
    if (!(b.minDistress > 0 && b.minDistress <= 1))
      issues.push({
        path: ['contagion', 'distressBands', k, 'minDistress'],
        message: `${b.minDistress} is out of range`,
        allowed: '(0, 1]',
      });
    if (!LOAN_CATEGORIES.includes(b.category))
      issues.push({
        path: ['contagion', 'distressBands', k, 'category'],
        message: `unknown category "${String(b.category)}"`,
        allowed: LOAN_CATEGORIES.join(', '),
      });
  });
  const needsGraph = (scenario.coreDefaults?.length ?? 0) > 0 || (scenario.industryDowngrades ?? []).some((d) => (d.distress ?? 0) > 0);
  if (needsGraph && enterprises.length === 0)
    issues.push({ path: ['coreDefaults'], message: 'the book has no supply-chain graph to propagate a default over' });
  if ((state.collateral?.length ?? 0) > 0 && !state.collateralLevels)
    issues.push({ path: ['collateralLevels'], message: 'collateral is given without its LTV levels' });
  const loanIds = new Set(state.book.loans.map((l) => l.id));
  (state.collateral ?? []).forEach((c, k) => {
    if (!loanIds.has(c.loanId)) issues.push({ path: ['collateral', k, 'loanId'], message: `no loan "${c.loanId}" in the book` });
  });
  (state.margin?.accounts ?? []).forEach((a, k) => {
    if (!loanIds.has(a.loanId)) issues.push({ path: ['margin', 'accounts', k, 'loanId'], message: `no loan "${a.loanId}" in the book` });
  });
  if (issues.length) throw new ValidationError(issues);
}

/** Shocked prices: ⌊p × (1 + pct/100)⌋, exact for whole per cents. */
function shockPrice(price: Money, pct: number): Money {
  if (pct === 0) return price;
  const x = (price * (100 + pct)) / 100;
  const r = Math.round(x);
  return Math.abs(x - r) < 1e-9 * Math.max(1, Math.abs(x)) ? r : Math.floor(x);
}

function priceItems(items: readonly PledgeItem[], prices: Record<string, Money>, shocks: Record<string, number>): PledgeItem[] {
  return items.map((it) => {
    const base = prices[it.commodity] ?? it.unitPrice;
    const pct = shocks[it.commodity];
    return { ...it, unitPrice: pct === undefined ? base : shockPrice(base, pct) };
  });
}

function side(
  state: StressBook,
  asOf: IsoDate,
  shocks: Record<string, number>,
  distressShock: Record<string, number>,
  moves: Map<string, { to: LoanCategory; reason: string }> | null,
  scenario: StressScenario,
): StressSide {
  const events: BookEvent[] = [...state.book.events];
  if (moves)
    for (const [loanId, m] of moves)
      events.push({
        id: `stress:${loanId}`,
        type: 'override',
        loanId,
        valueDate: asOf,
        bookedDate: asOf,
        category: m.to,
        reason: m.reason,
        by: 'stress scenario',
      });
  const snapshot = bookAsOf({ loans: state.book.loans, events }, asOf, state.bookOptions ?? {});
  const balance = new Map(snapshot.loans.map((l) => [l.loanId, l.balance]));
  const basePrices = { ...(state.prices ?? {}) };
  const prices = Object.fromEntries(Object.entries(basePrices).map(([c, p]) => [c, c in shocks ? shockPrice(p, shocks[c]) : p]));
  const collateral = (state.collateral ?? []).map((c) => ({
    loanId: c.loanId,
    valuation: valueCollateral(balance.get(c.loanId)!, priceItems(c.items, basePrices, shocks), state.collateralLevels!),
  }));
  const margin = (state.margin?.accounts ?? []).map((a) => {
    const requirement = marginRequirement(balance.get(a.loanId)!, a.index, state.margin!.terms);
    const pledged = a.items.length
      ? valueCollateral(0, priceItems(a.items, basePrices, shocks), { warning: 1, marginCall: 2, liquidation: 3 }).pledgeValue
      : 0;
    const cover = a.cash + pledged;
    return {
      accountId: a.id,
      loanId: a.loanId,
      requirement,
      cover,
      call: cover < requirement.maintenance ? requirement.initial - cover : null,
    };
  });
  const pools = (state.pools ?? []).map((p) => {
    const g = snapshot.npl.by.pool[p.id];
    const pool = observePool(p, { date: asOf, balance: g?.balance ?? 0, nplBalance: g?.nplBalance ?? 0, profit: 0, losses: 0 });
    return { id: p.id, status: pool.status, decision: poolAcceptsNewLoans(pool), pool };
  });
  let contagion: DebtRankResult | null = null;
  if ((state.enterprises?.length ?? 0) > 0) {
    const ids = new Set(state.enterprises!.map((e) => e.id));
    const lenderExposure: Record<string, Money> = {};
    for (const l of snapshot.loans)
      if (ids.has(l.borrowerId)) lenderExposure[l.borrowerId] = (lenderExposure[l.borrowerId] ?? 0) + l.balance;
    contagion = debtRank(
      state.enterprises!.map((e) => ({ id: e.id, equity: e.equity })),
      state.links ?? [],
      distressShock,
      { rule: scenario.contagion?.rule, atRiskThreshold: scenario.contagion?.atRiskThreshold, lenderExposure },
    );
  }
  return {
    snapshot,
    npl: snapshot.npl,
    prices,
    collateral,
    margin,
    pools,
    contagion,
    exposureAtRisk: contagion?.lenderExposureAtRisk ?? 0,
    expectedLoss: contagion?.lenderExpectedLoss ?? 0,
  };
}

/**
 * Run `scenario` on a copy of `state` as of `asOf` and report it beside the baseline (see the
 * module comment). Throws a ValidationError for an unknown commodity, enterprise or industry, a
 * price shock below −100 % and a malformed rule; the input is never changed.
 */
export function runStressScenario(state: StressBook, scenario: StressScenario, asOf: IsoDate): StressResult {
  dayNumber(asOf, ['asOf']);
  validate(state, scenario);
  const shocks = { ...(scenario.commodityShocks ?? {}) };
  const baseline = side(state, asOf, {}, {}, null, scenario);

  // Contagion shock: defaults at 1, downgraded industries at their distress.
  const distressShock: Record<string, number> = {};
  const industryOf = new Map((state.enterprises ?? []).map((e) => [e.id, e.industry]));
  for (const d of scenario.industryDowngrades ?? [])
    if ((d.distress ?? 0) > 0)
      for (const e of state.enterprises ?? [])
        if (e.industry === d.industry) distressShock[e.id] = Math.max(distressShock[e.id] ?? 0, d.distress!);
  for (const id of scenario.coreDefaults ?? []) distressShock[id] = 1;

  // Contagion first (on the baseline balances), then the category each loan moves to.
  const probe = side(state, asOf, shocks, distressShock, null, scenario);
  const h = new Map<string, number>();
  if (probe.contagion) probe.contagion.ids.forEach((id, i) => h.set(id, probe.contagion!.h[i]));
  const bands = [...(scenario.contagion?.distressBands ?? DEFAULT_DISTRESS_BANDS)].sort((a, b) => b.minDistress - a.minDistress);
  const moves = new Map<string, { to: LoanCategory; reason: string }>();
  const reclassified: StressResult['changes']['reclassified'] = [];
  for (const p of baseline.snapshot.loans) {
    const from = p.classification.category;
    let to = from;
    const reasons: string[] = [];
    const loan = state.book.loans.find((l) => l.id === p.loanId)!;
    const industry = loan.industry ?? industryOf.get(p.borrowerId);
    for (const d of scenario.industryDowngrades ?? []) {
      if (industry !== d.industry) continue;
      const target = d.rule.kind === 'at-least' ? d.rule.category : LOAN_CATEGORIES[Math.min(4, categoryRank(from) + d.rule.notches)];
      if (categoryRank(target) > categoryRank(to)) {
        to = target;
        reasons.push(
          `industry ${d.industry} downgraded (${d.rule.kind === 'at-least' ? `at least ${d.rule.category}` : `${d.rule.notches} notch(es)`})`,
        );
      }
    }
    const hb = h.get(p.borrowerId) ?? 0;
    const band = bands.find((b) => hb >= b.minDistress);
    if (band && categoryRank(band.category) > categoryRank(to)) {
      to = worseCategory(to, band.category);
      reasons.push(`borrower ${p.borrowerId} distress ${hb.toFixed(4)} ≥ ${band.minDistress} (DebtRank)`);
    }
    if (to !== from) {
      const reason = `stress scenario${scenario.name ? ` "${scenario.name}"` : ''}: ${reasons.join('; ')}`;
      moves.set(p.loanId, { to, reason });
    }
  }
  const stressed = moves.size ? side(state, asOf, shocks, distressShock, moves, scenario) : probe;
  // Report every loan whose category moved (overrides and the borrower rule they set off).
  const before = new Map(baseline.snapshot.loans.map((l) => [l.loanId, l.classification.category]));
  for (const l of stressed.snapshot.loans) {
    const from = before.get(l.loanId)!;
    if (from !== l.classification.category)
      reclassified.push({
        loanId: l.loanId,
        from,
        to: l.classification.category,
        reason: moves.get(l.loanId)?.reason ?? 'borrower-level rule',
      });
  }

  const hit = (s: StressSide, t: CollateralValuation['trigger'][]) =>
    new Set(s.collateral.filter((c) => t.includes(c.valuation.trigger)).map((c) => c.loanId));
  const baseCalls = hit(baseline, ['margin-call', 'liquidation']);
  const baseLiq = hit(baseline, ['liquidation']);
  const baseMtm = new Set(baseline.margin.filter((m) => m.call !== null).map((m) => m.accountId));
  const baseStatus = new Map(baseline.pools.map((p) => [p.id, p.status]));
  return {
    scenario,
    asOf,
    baseline,
    stressed,
    changes: {
      reclassified,
      nplRatio: { baseline: baseline.npl.total.ratio, stressed: stressed.npl.total.ratio },
      newMarginCalls: [...hit(stressed, ['margin-call', 'liquidation'])].filter((id) => !baseCalls.has(id)),
      newLiquidations: [...hit(stressed, ['liquidation'])].filter((id) => !baseLiq.has(id)),
      newMarkToMarketCalls: stressed.margin.filter((m) => m.call !== null && !baseMtm.has(m.accountId)).map((m) => m.accountId),
      poolsStopped: stressed.pools.filter((p) => p.status !== 'open' && baseStatus.get(p.id) === 'open').map((p) => p.id),
      exposureAtRisk: { baseline: baseline.exposureAtRisk, stressed: stressed.exposureAtRisk },
    },
  };
}
