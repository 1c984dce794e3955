/**
 * The demo book (issue 14): a seeded, realistic supply-chain-finance portfolio as of a pinned
 * business date (`DEMO_AS_OF`), loaded into an empty store in one transaction.
 * `ensureDemoBook(store, options?)` loads it only when the book is empty; `loadDemoBook` refuses a
 * non-empty book; `generateDemoBook` gives the rows without a database.
 */
export {
  DEMO_AS_OF,
  DEMO_LOANS,
  DEMO_SEED,
  DEMO_SMES,
  DEMO_TABLES,
  type DemoBook,
  type DemoOptions,
  type DemoTable,
  generateDemoBook,
} from './generate.ts';
export {
  DemoBookNotEmptyError,
  type DemoLoadOptions,
  type DemoLoadReport,
  demoWanted,
  ensureDemoBook,
  isBookEmpty,
  loadDemoBook,
} from './load.ts';
