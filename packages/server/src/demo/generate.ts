/**
 * The demo book as rows (no I/O): a seeded, realistic supply-chain-finance portfolio as of a pinned
 * business date, so the same seed and scale give the same book whatever the clock says.
 *
 * Sizes at scale 1: 4 core enterprises, 500 SMEs, 3 logistics companies, a platform, a bank; the
 * four financing products; 5,000 loans (plus 4 % more applications: submitted, evaluated,
 * declined or withdrawn); collateral on the inventory-pledge and prepayment loans; 11 commodities priced every
 * business day; two years of trade events; per product an active indicator system, scoring rule,
 * weights and credit tree (and an evaluation of each application in status `evaluated`); stop-loss pools and
 * margin accounts with daily trading. `scale` multiplies the SMEs and the loans (tests use 0.05).
 * See chains.ts, prices.ts, loans.ts, trades.ts, models.ts and monitoring.ts for each part's rules.
 */
import { dayNumber, type IsoDate } from '@scf-risk/core';
import { generateChains, type Row } from './chains.ts';
import { generateLoans, type ProductKind } from './loans.ts';
import { demoIndicators, generateModels } from './models.ts';
import { generateMonitoring } from './monitoring.ts';
import { generatePrices } from './prices.ts';
import { demoRandom } from './random.ts';
import { type DemoTrades, generateTrades } from './trades.ts';

/** The book's business date: every figure of the demo book is as of this day. */
export const DEMO_AS_OF: IsoDate = '2026-11-30';
export const DEMO_SEED = 20261130;
export const DEMO_SMES = 500;
export const DEMO_LOANS = 5000;

export interface DemoOptions {
  /** The seed of every random draw (default DEMO_SEED). */
  seed?: number | undefined;
  /** Multiplies the SMEs and loans (default 1; > 0, at most 4). */
  scale?: number | undefined;
}

/** The tables the book fills, in insert order (keys of `tables` in db/schema.ts). */
export const DEMO_TABLES = [
  'users',
  'enterprises',
  'supplyChainLinks',
  'financingProducts',
  'applications',
  'loans',
  'repaymentSchedule',
  'repayments',
  'collateral',
  'commodityPrices',
  'collateralHaircuts',
  'tradeEvents',
  'modelVersions',
  'activeModels',
  'evaluations',
  'stopLossPools',
  'poolMembers',
  'poolLedger',
  'marginAccounts',
  'marginTradingDays',
] as const;
export type DemoTable = (typeof DEMO_TABLES)[number];

export interface DemoBook {
  asOf: IsoDate;
  seed: number;
  scale: number;
  /** Rows per table, keyed by the Drizzle column names. */
  rows: Record<DemoTable, Row[]>;
  /** The trades made to disagree and the closed trades (for checks; not stored). */
  trades: Pick<DemoTrades, 'broken' | 'closed'>;
}

const PRODUCTS: { kind: ProductKind; code: string; name: string }[] = [
  { kind: 'receivables', code: 'receivables', name: '应收账款融资 Receivables financing' },
  { kind: 'inventory-pledge', code: 'inventory-pledge', name: '存货/仓单质押融资 Inventory and warehouse-receipt pledge' },
  { kind: 'prepayment', code: 'prepayment', name: '预付款融资（保兑仓）Prepayment (confirming warehouse)' },
  { kind: 'e-order', code: 'e-order', name: '电子订单融资 E-order financing' },
];

/** Check the options; a bad value is an Error naming it (the loader's callers are code, not users). */
export function demoOptions(options: DemoOptions = {}): { seed: number; scale: number } {
  const seed = options.seed ?? DEMO_SEED;
  const scale = options.scale ?? 1;
  if (!Number.isSafeInteger(seed)) throw new Error(`demo book: seed ${seed} is not a whole number`);
  if (!(scale > 0 && scale <= 4)) throw new Error(`demo book: scale ${scale} is not in (0, 4]`);
  return { seed, scale };
}

/** Generate the demo book (see the module comment). */
export function generateDemoBook(options: DemoOptions = {}): DemoBook {
  const { seed, scale } = demoOptions(options);
  dayNumber(DEMO_AS_OF);
  const root = demoRandom(seed);
  // One stream per part, so that changing one part's draws leaves the others as they were.
  const [rChains, rPrices, rLoans, rTrades, rModels, rMonitoring] = [
    root.fork(),
    root.fork(),
    root.fork(),
    root.fork(),
    root.fork(),
    root.fork(),
  ];
  const chains = generateChains(rChains, DEMO_AS_OF, Math.max(8, Math.round(DEMO_SMES * scale)));
  const prices = generatePrices(rPrices, DEMO_AS_OF);
  const products = {} as Record<ProductKind, string>;
  const productRows: Row[] = PRODUCTS.map((p) => {
    const id = rModels.uuid();
    products[p.kind] = id;
    return { id, code: p.code, kind: p.kind, name: p.name, currency: 'CNY' };
  });
  const lending = generateLoans(rLoans, {
    asOf: DEMO_AS_OF,
    count: Math.max(20, Math.round(DEMO_LOANS * scale)),
    chains,
    products,
    prices,
    indicators: demoIndicators(),
  });
  const trades = generateTrades(rTrades, DEMO_AS_OF, chains, prices);
  const models = generateModels(rModels, {
    asOf: DEMO_AS_OF,
    products,
    applications: lending.applications,
    history: lending.history,
    links: chains.links,
  });
  const monitoring = generateMonitoring(rMonitoring, {
    asOf: DEMO_AS_OF,
    chains,
    loans: lending.loans,
    schedules: lending.schedules,
    repayments: lending.repayments,
    authorId: models.users[0]?.id as string,
  });
  return {
    asOf: DEMO_AS_OF,
    seed,
    scale,
    rows: {
      users: models.users,
      enterprises: chains.enterprises,
      supplyChainLinks: chains.links,
      financingProducts: productRows,
      applications: lending.applications,
      loans: lending.loans,
      repaymentSchedule: lending.schedules,
      repayments: lending.repayments,
      collateral: lending.collateral,
      commodityPrices: prices.rows,
      collateralHaircuts: lending.haircuts,
      tradeEvents: trades.rows,
      modelVersions: models.modelVersions,
      activeModels: models.activeModels,
      evaluations: models.evaluations,
      ...monitoring,
    },
    trades: { broken: trades.broken, closed: trades.closed },
  };
}
