import { describe, expect, it } from 'vitest';
import { categoryRank } from '../../src/monitoring/classification.ts';
import { createLoanBook } from '../../src/monitoring/loan-book.ts';
import { createStopLossPool } from '../../src/monitoring/stop-loss-pool.ts';
import { runStressScenario, type StressBook, type StressScenario } from '../../src/monitoring/stress.ts';
import { issues } from '../support/issues.ts';

const AS_OF = '2024-06-30';
const later = (principal: number) => [{ dueDate: '2024-12-31', principal, interest: 0 }];

// Supply chain (as in the DebtRank tests): S1 sells to CORE (receivable 800 of equity 1,000), S2
// supplies S1 (300 of 600), distributor D prepaid CORE (200 of 400). A CORE default gives
// h = (1, 0.8, 0.4, 0.5) under both rules.
// Loans: L1 to S1, 17,920,000 against 100 t of steel at 400,000 (haircut 0.2 → pledge 32,000,000,
// LTV 0.56); L2 to S2, 1,000,000 (textiles); L3 to D, 2,000,000 (retail) with a mark-to-market
// account; L4 to X (outside the graph, textiles), 3,000,000 with 1,000,000 overdue 29 days
// (special mention). Pools P1 = {L1, L2}, P2 = {L3, L4}, both stop at 50 %.
function state(): StressBook {
  return {
    book: createLoanBook([
      { id: 'L1', borrowerId: 'S1', pool: 'P1', coreEnterprise: 'CORE', industry: 'steel', schedule: later(17_920_000) },
      { id: 'L2', borrowerId: 'S2', pool: 'P1', coreEnterprise: 'CORE', industry: 'textiles', schedule: later(1_000_000) },
      { id: 'L3', borrowerId: 'D', pool: 'P2', coreEnterprise: 'CORE', industry: 'retail', schedule: later(2_000_000) },
      {
        id: 'L4',
        borrowerId: 'X',
        pool: 'P2',
        industry: 'textiles',
        schedule: [{ dueDate: '2024-06-01', principal: 1_000_000, interest: 0 }, ...later(2_000_000)],
      },
    ]),
    collateral: [
      { loanId: 'L1', items: [{ id: 'wr-1', commodity: 'steel', quantity: 100, unitPrice: 390_000, haircut: 0.2, ltvLimit: 0.7 }] },
    ],
    collateralLevels: { warning: 0.7, marginCall: 0.8, liquidation: 0.9 },
    prices: { steel: 400_000 },
    margin: {
      terms: { initialRate: 0.1, maintenanceRate: 0.07, deadlineDays: 3, defaultAfterDays: 10 },
      // index 80 → multiplier 1.25: IM 250,000, MM 175,000; cover 100,000 + 80,000 = 180,000.
      accounts: [
        {
          id: 'M3',
          loanId: 'L3',
          cash: 100_000,
          index: 80,
          items: [{ id: 'cu-1', commodity: 'copper', quantity: 1, unitPrice: 100_000, haircut: 0.2, ltvLimit: 1 }],
        },
      ],
    },
    pools: [createStopLossPool('P1', 0.5), createStopLossPool('P2', 0.5)],
    enterprises: [
      { id: 'CORE', equity: 10_000, industry: 'auto', core: true },
      { id: 'S1', equity: 1_000, industry: 'steel' },
      { id: 'S2', equity: 600, industry: 'textiles' },
      { id: 'D', equity: 400, industry: 'retail' },
    ],
    links: [
      { creditor: 'S1', debtor: 'CORE', amount: 800 },
      { creditor: 'S2', debtor: 'S1', amount: 300 },
      { creditor: 'D', debtor: 'CORE', amount: 200 },
    ],
  };
}

const category = (r: ReturnType<typeof runStressScenario>, side: 'baseline' | 'stressed', id: string) =>
  r[side].snapshot.loans.find((l) => l.loanId === id)!.classification.category;

function deepFreeze<T>(x: T): T {
  if (x && typeof x === 'object' && !Object.isFrozen(x)) {
    Object.freeze(x);
    for (const v of Object.values(x)) deepFreeze(v);
  }
  return x;
}

describe('stress scenarios', () => {
  it('baseline: the book as the monitoring functions see it', () => {
    const r = runStressScenario(state(), {}, AS_OF);
    expect(r.baseline.collateral[0].valuation.pledgeValue).toBe(32_000_000); // the price list, not the item's 390,000
    expect(r.baseline.collateral[0].valuation.ltv).toBe(0.56);
    expect(r.baseline.collateral[0].valuation.trigger).toBe('none');
    expect(r.baseline.margin[0]).toMatchObject({ cover: 180_000, call: null });
    expect(r.baseline.npl.total).toMatchObject({ balance: 23_920_000, nplBalance: 0, ratio: 0 });
    expect(category(r, 'baseline', 'L4')).toBe('special-mention');
    expect(r.baseline.pools.map((p) => p.status)).toEqual(['open', 'open']);
    expect(r.baseline.exposureAtRisk).toBe(0);
  });

  it('zero shock equals the baseline', () => {
    const r = runStressScenario(
      state(),
      { commodityShocks: { steel: 0, copper: 0 }, coreDefaults: [], industryDowngrades: [], contagion: { rule: 'single-hit' } },
      AS_OF,
    );
    expect(r.stressed).toEqual(r.baseline);
    expect(r.changes).toMatchObject({
      reclassified: [],
      newMarginCalls: [],
      newLiquidations: [],
      newMarkToMarketCalls: [],
      poolsStopped: [],
    });
  });

  it('steel −30 % puts L1 exactly at the margin-call level; −29 % only warns', () => {
    const r = runStressScenario(state(), { commodityShocks: { steel: -30 } }, AS_OF);
    const v = r.stressed.collateral[0].valuation;
    expect(r.stressed.prices.steel).toBe(280_000);
    expect(v.pledgeValue).toBe(22_400_000);
    expect(v.ltv).toBeCloseTo(0.8, 15);
    expect(v.trigger).toBe('margin-call');
    expect(v.shortfall).toBe(17_920_000 - 15_680_000);
    expect(r.changes.newMarginCalls).toEqual(['L1']);
    expect(r.changes.newLiquidations).toEqual([]);
    // Prices do not move classification, pools or contagion.
    expect(r.stressed.npl).toEqual(r.baseline.npl);
    expect(r.stressed.pools).toEqual(r.baseline.pools);
    expect(r.changes.reclassified).toEqual([]);

    const w = runStressScenario(state(), { commodityShocks: { steel: -29 } }, AS_OF);
    expect(w.stressed.collateral[0].valuation.pledgeValue).toBe(22_720_000);
    expect(w.stressed.collateral[0].valuation.trigger).toBe('warning');
    expect(w.changes.newMarginCalls).toEqual([]);

    const l = runStressScenario(state(), { commodityShocks: { steel: -100 } }, AS_OF);
    expect(l.stressed.collateral[0].valuation.trigger).toBe('liquidation');
    expect(l.changes.newLiquidations).toEqual(['L1']);
  });

  it('a copper shock reaches the mark-to-market account: cover below maintenance → call for initial − cover', () => {
    const r = runStressScenario(state(), { commodityShocks: { copper: -10 } }, AS_OF);
    expect(r.stressed.margin[0]).toMatchObject({ cover: 172_000, call: 78_000 });
    expect(r.stressed.margin[0].requirement).toMatchObject({ initial: 250_000, maintenance: 175_000 });
    expect(r.changes.newMarkToMarketCalls).toEqual(['M3']);
    const edge = runStressScenario(state(), { commodityShocks: { copper: -6.25 } }, AS_OF); // pledge 75,000: cover = MM
    expect(edge.stressed.margin[0]).toMatchObject({ cover: 175_000, call: null });
  });

  it('monotone in the price shock: LTV, trigger and calls never improve as prices fall', () => {
    let prev: ReturnType<typeof runStressScenario> | null = null;
    for (let pct = 50; pct >= -100; pct -= 2.5) {
      const r = runStressScenario(state(), { commodityShocks: { steel: pct, copper: pct } }, AS_OF);
      if (prev) {
        const [a, b] = [prev.stressed.collateral[0].valuation, r.stressed.collateral[0].valuation];
        expect(b.pledgeValue).toBeLessThanOrEqual(a.pledgeValue);
        expect(b.ltv ?? Infinity).toBeGreaterThanOrEqual(a.ltv ?? Infinity);
        const order = ['none', 'warning', 'margin-call', 'liquidation'];
        expect(order.indexOf(b.trigger)).toBeGreaterThanOrEqual(order.indexOf(a.trigger));
        expect(r.stressed.margin[0].cover).toBeLessThanOrEqual(prev.stressed.margin[0].cover);
        expect(r.changes.newMarginCalls.length).toBeGreaterThanOrEqual(prev.changes.newMarginCalls.length);
        expect(r.stressed.npl.total.ratio!).toBeGreaterThanOrEqual(prev.stressed.npl.total.ratio!);
      }
      prev = r;
    }
  });

  it('a core default propagates by DebtRank to the suppliers and their loans', () => {
    for (const rule of ['differential', 'single-hit'] as const) {
      const r = runStressScenario(state(), { name: 'CORE fails', coreDefaults: ['CORE'], contagion: { rule } }, AS_OF);
      const c = r.stressed.contagion!;
      const h = Object.fromEntries(c.ids.map((id, i) => [id, c.h[i]]));
      expect(h.CORE).toBe(1);
      expect(h.S1).toBeCloseTo(0.8, 12);
      expect(h.S2).toBeCloseTo(0.4, 12);
      expect(h.D).toBeCloseTo(0.5, 12);
      // Default bands: h ≥ 0.5 → substandard, h > 0 → special mention; X is outside the graph.
      expect(category(r, 'stressed', 'L1')).toBe('substandard');
      expect(category(r, 'stressed', 'L2')).toBe('special-mention');
      expect(category(r, 'stressed', 'L3')).toBe('substandard');
      expect(category(r, 'stressed', 'L4')).toBe('special-mention');
      expect(r.changes.reclassified.map((x) => [x.loanId, x.from, x.to])).toEqual([
        ['L1', 'normal', 'substandard'],
        ['L2', 'normal', 'special-mention'],
        ['L3', 'normal', 'substandard'],
      ]);
      expect(r.changes.reclassified[0].reason).toMatch(/CORE fails.*S1 distress 0\.8000/);
      // NPL: L1 + L3 = 19,920,000 of 23,920,000; P1 18,920,000 with NPL 17,920,000 → stops; P2 40 % → open.
      expect(r.stressed.npl.total.nplBalance).toBe(19_920_000);
      expect(r.changes.nplRatio).toEqual({ baseline: 0, stressed: 19_920_000 / 23_920_000 });
      expect(r.stressed.npl.by.pool.P1).toMatchObject({ balance: 18_920_000, nplBalance: 17_920_000 });
      expect(r.stressed.npl.by.coreEnterprise.CORE.nplBalance).toBe(19_920_000);
      expect(r.stressed.npl.by.industry.steel.ratio).toBe(1);
      expect(r.stressed.pools.map((p) => [p.id, p.status, p.decision.decision])).toEqual([
        ['P1', 'stopped', 'declined: pool stopped'],
        ['P2', 'open', 'accepted'],
      ]);
      expect(r.changes.poolsStopped).toEqual(['P1']);
      // The lender's exposure at risk: S1, S2 and D's loans (CORE borrowed nothing).
      expect(r.changes.exposureAtRisk).toEqual({ baseline: 0, stressed: 17_920_000 + 1_000_000 + 2_000_000 });
      expect(r.stressed.expectedLoss).toBe(14_336_000 + 400_000 + 1_000_000);
      // Collateral is untouched by a default.
      expect(r.stressed.collateral).toEqual(r.baseline.collateral);
    }
  });

  it('custom distress bands: only a full default moves a loan', () => {
    const r = runStressScenario(
      state(),
      { coreDefaults: ['CORE'], contagion: { distressBands: [{ minDistress: 1, category: 'loss' }] } },
      AS_OF,
    );
    expect(r.changes.reclassified).toEqual([]);
  });

  it('an industry downgrade moves the classification as its rule says', () => {
    const notch = runStressScenario(
      state(),
      { industryDowngrades: [{ industry: 'textiles', rule: { kind: 'notches', notches: 1 } }] },
      AS_OF,
    );
    expect(notch.changes.reclassified.map((x) => [x.loanId, x.from, x.to])).toEqual([
      ['L2', 'normal', 'special-mention'],
      ['L4', 'special-mention', 'substandard'],
    ]);
    expect(notch.stressed.snapshot.loans.find((l) => l.loanId === 'L4')!.classification.basis).toBe('override');
    expect(notch.stressed.npl.by.industry.textiles).toMatchObject({ balance: 4_000_000, nplBalance: 3_000_000, ratio: 0.75 });
    expect(notch.stressed.npl.by.pool.P2).toMatchObject({ nplBalance: 3_000_000, ratio: 0.6 });
    expect(notch.changes.poolsStopped).toEqual(['P2']);
    expect(notch.stressed.contagion!.h.every((x) => x === 0)).toBe(true); // no distress given

    const atLeast = runStressScenario(
      state(),
      { industryDowngrades: [{ industry: 'retail', rule: { kind: 'at-least', category: 'doubtful' } }] },
      AS_OF,
    );
    expect(atLeast.changes.reclassified.map((x) => [x.loanId, x.to])).toEqual([['L3', 'doubtful']]);
    // at least special mention leaves L4 (already special mention) where it is.
    const noop = runStressScenario(
      state(),
      { industryDowngrades: [{ industry: 'textiles', rule: { kind: 'at-least', category: 'special-mention' } }] },
      AS_OF,
    );
    expect(noop.changes.reclassified.map((x) => x.loanId)).toEqual(['L2']);

    // With distress the industry's enterprises are shocked too: S2 at 0.6 → substandard by DebtRank.
    const hit = runStressScenario(
      state(),
      { industryDowngrades: [{ industry: 'textiles', rule: { kind: 'notches', notches: 1 }, distress: 0.6 }] },
      AS_OF,
    );
    expect(category(hit, 'stressed', 'L2')).toBe('substandard');
  });

  it('the borrower-level rule is re-applied on the stressed book', () => {
    const s = state();
    s.book = createLoanBook([...s.book.loans, { id: 'L5', borrowerId: 'S1', industry: 'steel', schedule: later(500_000) }]);
    s.bookOptions = { borrowerDowngrade: {} };
    const r = runStressScenario(
      s,
      { industryDowngrades: [{ industry: 'steel', rule: { kind: 'at-least', category: 'substandard' } }] },
      AS_OF,
    );
    expect(category(r, 'stressed', 'L5')).toBe('substandard');
    const byL1 = runStressScenario(s, { coreDefaults: ['CORE'] }, AS_OF);
    expect(categoryRank(category(byL1, 'stressed', 'L5'))).toBeGreaterThanOrEqual(2);
  });

  it('never changes its input', () => {
    const s = deepFreeze(state());
    const before = structuredClone(s);
    const scenario: StressScenario = deepFreeze({
      commodityShocks: { steel: -50, copper: -50 },
      coreDefaults: ['CORE'],
      industryDowngrades: [{ industry: 'textiles', rule: { kind: 'notches', notches: 2 }, distress: 0.3 }],
    });
    const r = runStressScenario(s, scenario, AS_OF);
    expect(r.changes.reclassified.length).toBeGreaterThan(0);
    expect(s).toEqual(before);
    expect(s.book.events).toHaveLength(0);
  });

  describe('validation', () => {
    it('unknown commodity', () => {
      expect(issues(() => runStressScenario(state(), { commodityShocks: { gold: -10 } }, AS_OF))).toEqual([
        expect.objectContaining({
          path: ['commodityShocks', 'gold'],
          message: expect.stringMatching(/unknown commodity "gold"/),
          allowed: 'copper, steel',
        }),
      ]);
    });
    it('price shock outside [−100 %, +∞)', () => {
      for (const bad of [-100.01, -150, Number.NaN, Number.POSITIVE_INFINITY])
        expect(issues(() => runStressScenario(state(), { commodityShocks: { steel: bad } }, AS_OF))[0].path).toEqual([
          'commodityShocks',
          'steel',
        ]);
      expect(runStressScenario(state(), { commodityShocks: { steel: -100 } }, AS_OF).stressed.prices.steel).toBe(0);
      expect(runStressScenario(state(), { commodityShocks: { steel: 1000 } }, AS_OF).stressed.prices.steel).toBe(4_400_000);
    });
    it('unknown enterprise, or not a core enterprise', () => {
      expect(issues(() => runStressScenario(state(), { coreDefaults: ['NOPE'] }, AS_OF))).toEqual([
        expect.objectContaining({ path: ['coreDefaults', 0], message: 'unknown enterprise "NOPE"' }),
      ]);
      expect(issues(() => runStressScenario(state(), { coreDefaults: ['S1'] }, AS_OF))[0].message).toMatch(/not a core enterprise/);
    });
    it('unknown industry and malformed rules', () => {
      expect(
        issues(() =>
          runStressScenario(state(), { industryDowngrades: [{ industry: 'mining', rule: { kind: 'notches', notches: 1 } }] }, AS_OF),
        )[0],
      ).toMatchObject({
        path: ['industryDowngrades', 0, 'industry'],
      });
      expect(
        issues(() =>
          runStressScenario(state(), { industryDowngrades: [{ industry: 'retail', rule: { kind: 'notches', notches: 0 } }] }, AS_OF),
        )[0].path,
      ).toEqual(['industryDowngrades', 0, 'rule', 'notches']);
      expect(
        issues(() =>
          runStressScenario(
            state(),
            { industryDowngrades: [{ industry: 'retail', rule: { kind: 'at-least', category: 'bad' as never } }] },
            AS_OF,
          ),
        )[0].path,
      ).toEqual(['industryDowngrades', 0, 'rule', 'category']);
      expect(
        issues(() =>
          runStressScenario(
            state(),
            { industryDowngrades: [{ industry: 'retail', rule: { kind: 'notches', notches: 1 }, distress: 1.5 }] },
            AS_OF,
          ),
        )[0].path,
      ).toEqual(['industryDowngrades', 0, 'distress']);
      expect(issues(() => runStressScenario(state(), { contagion: { rule: 'other' as never } }, AS_OF))[0].path).toEqual([
        'contagion',
        'rule',
      ]);
      expect(
        issues(() => runStressScenario(state(), { contagion: { distressBands: [{ minDistress: 0, category: 'loss' }] } }, AS_OF))[0].path,
      ).toEqual(['contagion', 'distressBands', 0, 'minDistress']);
    });
    it('a default without a graph, an invalid date', () => {
      const s = { ...state(), enterprises: [], links: [] };
      expect(issues(() => runStressScenario(s, { coreDefaults: ['CORE'] }, AS_OF))[0].path).toEqual(['coreDefaults', 0]);
      expect(issues(() => runStressScenario(state(), {}, '2024-02-30'))[0].path).toEqual(['asOf']);
    });
  });
});
