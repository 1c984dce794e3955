/**
 * Contagion along the supply chain (SPEC §6.8) by core's `debtRank`, from the stored graph:
 *   exposure  seller → buyer: the seller loses up to one month of the link's trade if the buyer
 *             fails, A = ⌈annual volume / 12⌉ (receivables outstanding at a monthly settlement)
 *   buffer    the enterprise's equity (`enterprise_buffers`); without one, the sum of its own
 *             exposures (a full loss of every counterparty wipes it out), at least 1
 *   lender    the balance of each enterprise's loans at the latest run on or before the date
 * Both rules (single-hit, differential), the spectral radius of the impact matrix, the enterprises
 * at risk and the lender's exposure to them.
 */
import { type DebtRankRule, debtRank, type ExposureLink } from '@scf-risk/core';
import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/store.ts';
import { notFound } from '../../problem.ts';
import type { ServiceContext } from '../context.ts';
import { rows } from './sql.ts';

export interface SupplyChainGraph {
  enterprises: { id: string; name: string; industry: string; core: boolean; equity: number }[];
  links: ExposureLink[];
}

/** The graph for DebtRank (see the module comment). */
export async function supplyChainGraph(tx: Tx): Promise<SupplyChainGraph> {
  const ents = await rows<{ id: string; name: string; industry: string; kind: string; equity: string | null }>(
    tx,
    sql`SELECT e.id, e.name, e.industry, e.kind, b.equity_minor::text AS equity
        FROM enterprises e LEFT JOIN enterprise_buffers b ON b.enterprise_id = e.id ORDER BY e.id`,
  );
  const links = (
    await rows<{ seller: string; buyer: string; amount: string }>(
      tx,
      sql`SELECT seller_id AS seller, buyer_id AS buyer, ceil(annual_volume_minor / 12.0)::bigint::text AS amount
          FROM supply_chain_links ORDER BY id`,
    )
  ).map((l) => ({ creditor: l.seller, debtor: l.buyer, amount: Number(l.amount) }));
  const exposed = new Map<string, number>();
  for (const l of links) exposed.set(l.creditor, (exposed.get(l.creditor) ?? 0) + l.amount);
  return {
    enterprises: ents.map((e) => ({
      id: e.id,
      name: e.name,
      industry: e.industry,
      core: e.kind === 'core',
      equity: e.equity !== null ? Number(e.equity) : Math.max(1, exposed.get(e.id) ?? 0),
    })),
    links: links.filter((l) => l.amount > 0),
  };
}

/** Each borrower's loan balance at the latest run on or before `asOf` (all runs when absent). */
export async function lenderExposure(tx: Tx, asOf?: string): Promise<{ asOf: string | null; exposure: Record<string, number> }> {
  const [latest] = await rows<{ d: string | null }>(
    tx,
    asOf
      ? sql`SELECT max(as_of)::text AS d FROM monitoring_runs WHERE status = 'succeeded' AND as_of <= ${asOf}`
      : sql`SELECT max(as_of)::text AS d FROM monitoring_runs WHERE status = 'succeeded'`,
  );
  if (!latest?.d) return { asOf: null, exposure: {} };
  const list = await rows<{ id: string; balance: string }>(
    tx,
    sql`SELECT l.enterprise_id AS id, sum(c.balance_minor)::text AS balance FROM loan_classifications c
        JOIN loans l ON l.id = c.loan_id WHERE c.as_of = ${latest.d} GROUP BY l.enterprise_id`,
  );
  return { asOf: latest.d, exposure: Object.fromEntries(list.map((r) => [r.id, Number(r.balance)])) };
}

/** DebtRank from `from` (distress `shock`: 1 = default, less = downgrade). */
export async function contagionFrom(
  ctx: Pick<ServiceContext, 'store'>,
  q: { from: string; rule: DebtRankRule; shock: number; asOf?: string | undefined },
) {
  return ctx.store.db.transaction(async (tx) => {
    const graph = await supplyChainGraph(tx);
    if (!graph.enterprises.some((e) => e.id === q.from)) throw notFound('enterprise', q.from, ['from']);
    const lender = await lenderExposure(tx, q.asOf);
    const r = debtRank(graph.enterprises, graph.links, { [q.from]: q.shock }, { rule: q.rule, lenderExposure: lender.exposure });
    const names = new Map(graph.enterprises.map((e) => [e.id, e.name]));
    return {
      from: q.from,
      rule: r.rule,
      shock: q.shock,
      exposureAsOf: lender.asOf,
      spectralRadius: r.spectralRadius,
      steps: r.steps,
      converged: r.converged,
      systemicLoss: r.systemicLoss,
      networkLoss: r.networkLoss,
      distress: r.ids.map((id, k) => ({ id, name: names.get(id) ?? id, h: r.h[k]! })).filter((d) => d.h > 0),
      atRisk: r.atRisk.map((a) => ({ ...a, name: names.get(a.id) ?? a.id })),
      lenderExposureAtRisk: r.lenderExposureAtRisk,
      lenderExpectedLoss: r.lenderExpectedLoss,
    };
  });
}
