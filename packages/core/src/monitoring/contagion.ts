/**
 * Contagion along the supply chain by DebtRank (SPEC §6.8, [002 §6]).
 *
 * Enterprises i with a loss-absorbing buffer E_i (equity, minor units); exposures A_ij = what i
 * loses if j fails (receivables from j, prepayments to j, the trade dependency priced as a loss).
 * Impact matrix Λ_ij = A_ij / E_i; h_i ∈ [0, 1] is i's relative distress (share of E_i lost).
 *
 * Single-hit rule (Battiston, Puliga, Kaushik, Tasca & Caldarelli 2012, "DebtRank: too central to
 * fail?", Sci. Rep. 2:541): W_ij = min(1, Λ_ij); states undistressed → distressed → inactive;
 *   h_i(t) = min(1, h_i(t−1) + Σ_{j distressed at t−1} W_ij · h_j(t−1))
 * a distressed node propagates once, then becomes inactive (it may still receive distress).
 *
 * Differential rule (Bardoscia, Battiston, Caccioli & Caldarelli 2015, "DebtRank: a microscopic
 * foundation for shock propagation", PLoS ONE 10(6): e0130406): every increment propagates,
 *   h_i(t+1) = min(1, h_i(t) + Σ_j Λ_ij · (h_j(t) − h_j(t−1))),   h(0) = 0, h(1) = shock;
 * without the cap the limit is (I − Λ)⁻¹ h(1) when ρ(Λ) < 1; the spectral radius ρ(Λ) (stable
 * dynamics when < 1) is reported. Iteration stops when no h moves by more than 1e-12 or after
 * `maxSteps` (then `converged: false`).
 *
 * Results: final h, the relative equity loss H = Σ h_i E_i / Σ E_i, the part the network added
 * (H − H(shock)), enterprises at risk (h_i > `atRiskThreshold`, default 0), and the lender's
 * exposure to them with expected loss ⌈exposure_i · h_i⌉ (rounded up: prudent).
 *
 * Example (differential): two enterprises each exposed to the other at half its buffer
 * (Λ = [[0, 0.5], [0.5, 0]]), shock h₁ = 0.5 → h = (I − Λ)⁻¹ (0.5, 0) = (2/3, 1/3); the single-hit
 * rule stops at (0.625, 0.25).
 */
import { ValidationError } from '../errors.ts';
import { checkMoney, type Money } from './money-and-dates.ts';

export interface SupplyChainEnterprise {
  id: string;
  /** Loss-absorbing buffer (equity), minor units, > 0. */
  equity: Money;
}

/** `creditor` loses up to `amount` if `debtor` fails. */
export interface ExposureLink {
  creditor: string;
  debtor: string;
  amount: Money;
}

export const DEBTRANK_RULES = ['single-hit', 'differential'] as const;
export type DebtRankRule = (typeof DEBTRANK_RULES)[number];

export interface DebtRankOptions {
  rule?: DebtRankRule;
  maxSteps?: number;
  atRiskThreshold?: number;
  /** The lender's exposure to each enterprise (loans outstanding), minor units. */
  lenderExposure?: Record<string, Money>;
}

export interface DebtRankResult {
  rule: DebtRankRule;
  ids: string[];
  /** Final distress per enterprise, in `ids` order. */
  h: number[];
  shock: number[];
  impactMatrix: number[][];
  spectralRadius: number;
  steps: number;
  converged: boolean;
  /** Relative equity loss Σ h_i E_i / Σ E_i, and the part added by propagation. */
  systemicLoss: number;
  networkLoss: number;
  atRisk: { id: string; h: number; lenderExposure: Money; expectedLoss: Money }[];
  lenderExposureAtRisk: Money;
  lenderExpectedLoss: Money;
}

/**
 * Spectral radius of a non-negative matrix. The matrix is block-triangular over the strongly
 * connected components of its graph, so ρ(Λ) = max over components of ρ(block); a single node
 * without a self-loop contributes 0 (a supply chain without cycles has ρ = 0 exactly). Each
 * irreducible block is iterated as Λ_C + I (primitive: the Perron root is simple and strictly
 * dominant), ρ(Λ_C) = ρ(Λ_C + I) − 1, until the Collatz–Wielandt bounds min/max ((Λ_C+I)x)_i / x_i
 * agree to 1e-13.
 */
export function spectralRadiusNonNegative(m: readonly (readonly number[])[]): number {
  let best = 0;
  for (const comp of stronglyConnectedComponents(m)) {
    if (comp.length === 1) {
      best = Math.max(best, m[comp[0]][comp[0]]);
      continue;
    }
    let x = comp.map(() => 1);
    for (let it = 0; it < 1_000_000; it++) {
      const y = comp.map((i, a) => x[a] + comp.reduce((s, j, b) => s + m[i][j] * x[b], 0));
      const ratios = y.map((v, a) => v / x[a]);
      const lo = Math.min(...ratios);
      const hi = Math.max(...ratios);
      const norm = Math.max(...y);
      x = y.map((v) => v / norm);
      if (hi - lo <= 1e-13 * hi) {
        best = Math.max(best, (lo + hi) / 2 - 1);
        break;
      }
    }
  }
  return best;
}

/** Tarjan's strongly connected components of the graph i → j where m[i][j] > 0. */
function stronglyConnectedComponents(m: readonly (readonly number[])[]): number[][] {
  const n = m.length;
  const index = new Array<number>(n).fill(-1);
  const low = new Array<number>(n).fill(0);
  const onStack = new Array<boolean>(n).fill(false);
  const stack: number[] = [];
  const out: number[][] = [];
  let counter = 0;
  const visit = (v: number) => {
    index[v] = low[v] = counter++;
    stack.push(v);
    onStack[v] = true;
    for (let w = 0; w < n; w++) {
      if (!(m[v][w] > 0)) continue;
      if (index[w] < 0) {
        visit(w);
        low[v] = Math.min(low[v], low[w]);
      } else if (onStack[w]) low[v] = Math.min(low[v], index[w]);
    }
    if (low[v] === index[v]) {
      const comp: number[] = [];
      let w: number;
      do {
        w = stack.pop()!;
        onStack[w] = false;
        comp.push(w);
      } while (w !== v);
      out.push(comp.sort((a, b) => a - b));
    }
  };
  for (let v = 0; v < n; v++) if (index[v] < 0) visit(v);
  return out;
}

/** DebtRank of a shock (enterprise id → initial distress in [0, 1]; 1 = default, less = downgrade). */
export function debtRank(
  enterprises: readonly SupplyChainEnterprise[],
  links: readonly ExposureLink[],
  shock: Record<string, number>,
  options: DebtRankOptions = {},
): DebtRankResult {
  const rule = options.rule ?? 'differential';
  const maxSteps = options.maxSteps ?? 10_000;
  const threshold = options.atRiskThreshold ?? 0;
  const issues: { path: (string | number)[]; message: string; allowed?: string }[] = [];
  if (!DEBTRANK_RULES.includes(rule))
    issues.push({ path: ['rule'], message: `unknown rule "${rule}"`, allowed: DEBTRANK_RULES.join(', ') });
  const index = new Map<string, number>();
  enterprises.forEach((e, k) => {
    if (index.has(e.id)) issues.push({ path: ['enterprises', k, 'id'], message: `enterprise "${e.id}" is listed twice` });
    index.set(e.id, k);
    if (!(Number.isSafeInteger(e.equity) && e.equity > 0))
      issues.push({
        path: ['enterprises', k, 'equity'],
        message: `${e.equity} is not a positive buffer`,
        allowed: 'a positive integer of minor units',
      });
  });
  links.forEach((l, k) => {
    for (const f of ['creditor', 'debtor'] as const)
      if (!index.has(l[f])) issues.push({ path: ['links', k, f], message: `unknown enterprise "${l[f]}"` });
    if (l.creditor === l.debtor) issues.push({ path: ['links', k], message: 'an enterprise cannot be exposed to itself' });
    try {
      checkMoney(l.amount, ['links', k, 'amount']);
    } catch (e) {
      if (e instanceof ValidationError) issues.push(...e.issues);
    }
  });
  for (const [id, h] of Object.entries(shock)) {
    if (!index.has(id)) issues.push({ path: ['shock', id], message: `unknown enterprise "${id}"` });
    if (!(h >= 0 && h <= 1)) issues.push({ path: ['shock', id], message: `${h} is not a distress level`, allowed: 'a number in [0, 1]' });
  }
  for (const [id, x] of Object.entries(options.lenderExposure ?? {})) {
    if (!index.has(id)) issues.push({ path: ['lenderExposure', id], message: `unknown enterprise "${id}"` });
    if (!(Number.isSafeInteger(x) && x >= 0))
      issues.push({ path: ['lenderExposure', id], message: `${x} is not an amount in minor units` });
  }
  if (!(threshold >= 0 && threshold < 1))
    issues.push({ path: ['atRiskThreshold'], message: `${threshold} is out of range`, allowed: '[0, 1)' });
  if (issues.length) throw new ValidationError(issues);

  const n = enterprises.length;
  const lambda = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (const l of links) {
    const i = index.get(l.creditor)!;
    lambda[i][index.get(l.debtor)!] += l.amount / enterprises[i].equity;
  }
  const h0 = enterprises.map((e) => shock[e.id] ?? 0);
  let h = [...h0];
  let steps = 0;
  let converged = false;
  if (rule === 'single-hit') {
    const w = lambda.map((row) => row.map((x) => Math.min(1, x)));
    // 0 undistressed, 1 distressed, 2 inactive
    let state: number[] = h.map((x) => (x > 0 ? 1 : 0));
    while (steps < maxSteps) {
      if (!state.includes(1)) {
        converged = true;
        break;
      }
      const next = h.map((hi, i) => Math.min(1, hi + state.reduce((s, st, j) => (st === 1 ? s + w[i][j] * h[j] : s), 0)));
      state = state.map((st, i) => (st === 1 ? 2 : st === 0 && next[i] > 0 ? 1 : st));
      h = next;
      steps++;
    }
  } else {
    let prev = new Array<number>(n).fill(0);
    while (steps < maxSteps) {
      const delta = h.map((x, j) => x - prev[j]);
      const next = h.map((hi, i) => Math.min(1, hi + lambda[i].reduce((s, a, j) => s + a * delta[j], 0)));
      steps++;
      const moved = Math.max(0, ...next.map((x, i) => Math.abs(x - h[i])));
      prev = h;
      h = next;
      if (moved <= 1e-12) {
        converged = true;
        break;
      }
    }
  }
  const totalEquity = enterprises.reduce((s, e) => s + e.equity, 0);
  const loss = (v: number[]) => v.reduce((s, x, i) => s + x * enterprises[i].equity, 0) / totalEquity;
  const systemicLoss = loss(h);
  const atRisk = enterprises
    .map((e, i) => {
      const x = options.lenderExposure?.[e.id] ?? 0;
      return { id: e.id, h: h[i], lenderExposure: x, expectedLoss: Math.ceil(x * h[i] - 1e-9) || 0 };
    })
    .filter((r) => r.h > threshold);
  return {
    rule,
    ids: enterprises.map((e) => e.id),
    h,
    shock: h0,
    impactMatrix: lambda,
    spectralRadius: spectralRadiusNonNegative(lambda),
    steps,
    converged,
    systemicLoss,
    networkLoss: systemicLoss - loss(h0),
    atRisk,
    lenderExposureAtRisk: atRisk.reduce((s, r) => s + r.lenderExposure, 0),
    lenderExpectedLoss: atRisk.reduce((s, r) => s + r.expectedLoss, 0),
  };
}
