/**
 * Stress scenarios (SPEC §6.10): the book as stored — loans and their events, pledges priced as of
 * the date, margin accounts at their latest state, pools at their latest state, the supply-chain
 * graph — handed to core's `runStressScenario`, which runs the chain on a copy beside the baseline.
 * Margin accounts are stressed under the terms of the first account (core takes one set of terms).
 */
import {
  createStopLossPool,
  type PoolStatus,
  runStressScenario,
  type StopLossPool,
  type StressBook,
  type StressScenario,
  type StressSide,
  transactionIndex,
} from '@scf-risk/core';
import { sql } from 'drizzle-orm';
import type { ServiceContext } from '../context.ts';
import { supplyChainGraph } from './contagion.ts';
import { loadSettings } from './settings.ts';
import { rows } from './sql.ts';
import { loadWorld, pledgedItems } from './world.ts';

const summary = (s: StressSide) => ({
  balanceMinor: s.npl.total.balance,
  nplBalanceMinor: s.npl.total.nplBalance,
  nplRatio: s.npl.total.ratio,
  collateralCalls: s.collateral.filter((c) => c.valuation.trigger === 'margin-call' || c.valuation.trigger === 'liquidation').length,
  liquidations: s.collateral.filter((c) => c.valuation.trigger === 'liquidation').length,
  marginCalls: s.margin.filter((m) => m.call !== null).length,
  pools: s.pools.map((p) => ({ id: p.id, status: p.status as PoolStatus, decision: p.decision.decision })),
  exposureAtRiskMinor: s.exposureAtRisk,
  expectedLossMinor: s.expectedLoss,
  atRisk: s.contagion?.atRisk ?? [],
});

/** Run `scenario` as of `asOf` (see the module comment). */
export async function stressTest(ctx: Pick<ServiceContext, 'store'>, asOf: string, scenario: StressScenario) {
  return ctx.store.db.transaction(async (tx) => {
    const settings = await loadSettings(tx);
    const world = await loadWorld(tx, asOf, {});
    const graph = await supplyChainGraph(tx);
    const poolRows = await rows<{ id: string; state: StopLossPool }>(
      tx,
      sql`SELECT DISTINCT ON (pool_id) pool_id AS id, state FROM pool_states WHERE as_of <= ${asOf} ORDER BY pool_id, as_of DESC`,
    );
    const accounts = world.accounts.filter((a) => world.meta.has(a.loanId));
    const state: StressBook = {
      book: world.book,
      bookOptions: {
        bands: settings.bands,
        graceDays: settings.graceDays,
        ...(settings.borrowerDowngrade ? { borrowerDowngrade: settings.borrowerDowngrade } : {}),
      },
      collateral: [...world.pledges.keys()].map((loanId) => ({
        loanId,
        items: pledgedItems(world, loanId, asOf, settings.collateral.ltvLimit),
      })),
      collateralLevels: settings.collateral.levels,
      ...(accounts.length
        ? {
            margin: {
              terms: accounts[0]!.terms,
              accounts: accounts.map((a) => {
                const days = (world.tradingDays.get(a.id) ?? []).filter((t) => t.date <= asOf);
                return {
                  id: a.id,
                  loanId: a.loanId,
                  cash: a.cash,
                  items: [],
                  index: days.length ? transactionIndex(days, a.indexParameters).at(-1)!.index : 100,
                };
              }),
            },
          }
        : {}),
      pools: world.pools.map((p) => poolRows.find((r) => r.id === p.id)?.state ?? createStopLossPool(p.id, p.maxNplRatio)),
      enterprises: graph.enterprises.map((e) => ({ id: e.id, equity: e.equity, industry: e.industry, core: e.core })),
      links: graph.links,
    };
    const r = runStressScenario(state, scenario, asOf);
    return { asOf, scenario, baseline: summary(r.baseline), stressed: summary(r.stressed), changes: r.changes };
  });
}
