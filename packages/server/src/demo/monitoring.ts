/**
 * The demo book's post-loan set-up (SPEC §6.5, §6.6): stop-loss pools for the SMEs that trade
 * seldom and margin accounts for the active loans of the SMEs that trade often — what the daily
 * monitoring run (services/monitoring) works on.
 *
 * - Pools: one per chain, maximum NPL ratio 5 %; members are the borrowers whose link with their
 *   core trades quarterly or occasionally. Ledger: at each month end the pool's profit, half the
 *   interest share of its members' repayments that month (the rest funds the loans); no losses
 *   booked (nothing is written off).
 * - Margin accounts: every loan active on the as-of date whose borrower's link with its core trades
 *   daily or weekly; cash margin 10 % of the principal posted at disbursement; terms initial 10 %,
 *   maintenance 7 %, 5 days to meet a call, default 10 days after a freeze; index weights volume
 *   0.5, timeliness 0.3, returns 0.2, smoothing 0.3, baseline = the borrower's usual day. Trading
 *   days from disbursement to the as-of date: volume = baseline × exp(min(0, 0.4·q)·t + 0.25·ε)
 *   (t from 0 to 1 over the period: weak borrowers trade less and less), on-time share
 *   0.95 + 0.02·q + 0.03·ε and return share 0.02 − 0.01·q + 0.01·ε, clamped to [0, 1].
 */
import { dayNumber, type IsoDate } from '@scf-risk/core';
import { businessDays } from './calendar.ts';
import type { ChainBook, Row, Sme } from './chains.ts';
import type { DemoRandom } from './random.ts';

export const POOL_MAX_NPL = 0.05;
const TERMS = { initialRate: 0.1, maintenanceRate: 0.07, deadlineDays: 5, defaultAfterDays: 10 };

export interface MonitoringRows {
  stopLossPools: Row[];
  poolMembers: Row[];
  poolLedger: Row[];
  marginAccounts: Row[];
  marginTradingDays: Row[];
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

export function generateMonitoring(
  rand: DemoRandom,
  input: {
    asOf: IsoDate;
    chains: ChainBook;
    loans: readonly Row[];
    schedules: readonly Row[];
    repayments: readonly Row[];
    authorId: string;
  },
): MonitoringRows {
  const { asOf, chains } = input;
  const smeById = new Map(chains.smes.map((s) => [s.id, s]));
  const frequency = new Map<string, string>();
  for (const l of chains.links) {
    const sme = smeById.get(l.buyerId as string) ?? smeById.get(l.sellerId as string);
    if (sme && (l.buyerId === sme.coreId || l.sellerId === sme.coreId)) frequency.set(sme.id, l.frequency as string);
  }
  const out: MonitoringRows = { stopLossPools: [], poolMembers: [], poolLedger: [], marginAccounts: [], marginTradingDays: [] };

  // Stop-loss pools ---------------------------------------------------------------------------
  const borrowers = new Set(input.loans.map((l) => l.enterpriseId as string));
  const poolOf = new Map<string, string>();
  for (const [industry] of chains.cores) {
    const id = rand.uuid();
    out.stopLossPools.push({ id, name: `${industry}产业链止损池`, maxNplRatio: POOL_MAX_NPL, createdBy: input.authorId });
    for (const s of chains.smes)
      if (s.chain.industry === industry && borrowers.has(s.id) && ['quarterly', 'occasional'].includes(frequency.get(s.id) ?? '')) {
        out.poolMembers.push({ enterpriseId: s.id, poolId: id });
        poolOf.set(s.id, id);
      }
  }
  const interestShare = new Map<string, number>();
  const totals = new Map<string, { principal: number; interest: number }>();
  for (const s of input.schedules) {
    const t = totals.get(s.loanId as string) ?? { principal: 0, interest: 0 };
    t.principal += s.principalMinor as number;
    t.interest += s.interestMinor as number;
    totals.set(s.loanId as string, t);
  }
  for (const [id, t] of totals) interestShare.set(id, t.interest / (t.principal + t.interest));
  const loanPool = new Map<string, string>();
  for (const l of input.loans) {
    const pool = poolOf.get(l.enterpriseId as string);
    if (pool) loanPool.set(l.id as string, pool);
  }
  const profit = new Map<string, number>(); // pool/month → profit
  for (const r of input.repayments) {
    const pool = loanPool.get(r.loanId as string);
    if (!pool) continue;
    const key = `${pool}/${(r.paidOn as string).slice(0, 7)}`;
    profit.set(key, (profit.get(key) ?? 0) + (r.amountMinor as number) * (interestShare.get(r.loanId as string) ?? 0) * 0.5);
  }
  for (const [key, value] of [...profit].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const [poolId, month] = key.split('/') as [string, string];
    const [y, m] = month.split('-').map(Number) as [number, number];
    const monthEnd = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
    const onDate = monthEnd > asOf ? asOf : monthEnd;
    out.poolLedger.push({
      id: rand.uuid(),
      poolId,
      onDate,
      profitMinor: Math.round(value),
      lossesMinor: 0,
      note: `interest margin ${month}`,
    });
  }

  // Margin accounts -----------------------------------------------------------------------------
  const asOfDay = dayNumber(asOf);
  for (const l of input.loans) {
    const sme = smeById.get(l.enterpriseId as string) as Sme;
    if (l.status !== 'active' || !['daily', 'weekly'].includes(frequency.get(sme.id) ?? '')) continue;
    const id = rand.uuid();
    const baseline = Math.max(100, Math.round(sme.volume / 250));
    out.marginAccounts.push({
      id,
      loanId: l.id,
      openedOn: l.disbursedOn,
      cashMinor: Math.round((l.principalMinor as number) * TERMS.initialRate),
      collateralMinor: 0,
      terms: TERMS,
      indexParameters: {
        weights: { volume: 0.5, timeliness: 0.3, returns: 0.2 },
        smoothing: 0.3,
        baseline: { volume: baseline, onTimeShare: 0.95, returnShare: 0.02 },
      },
    });
    const days = businessDays(l.disbursedOn as string, asOf);
    const span = Math.max(1, asOfDay - dayNumber(l.disbursedOn as string));
    const trend = Math.min(0, 0.4 * sme.q);
    for (const on of days) {
      const t = (dayNumber(on) - dayNumber(l.disbursedOn as string)) / span;
      out.marginTradingDays.push({
        accountId: id,
        onDate: on,
        volumeMinor: Math.round(baseline * Math.exp(trend * t + 0.25 * rand.normal())),
        onTimeShare: Math.round(clamp01(0.95 + 0.02 * sme.q + 0.03 * rand.normal()) * 1000) / 1000,
        returnShare: Math.round(clamp01(0.02 - 0.01 * sme.q + 0.01 * rand.normal()) * 1000) / 1000,
      });
    }
  }
  return out;
}
