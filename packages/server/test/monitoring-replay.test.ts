/**
 * As-of replay: a backdated repayment, inserted straight into the repayments table and replayed
 * from its value date, changes exactly the loan's rows from that date on (and the NPL groups it
 * counts in) and nothing else; and the replayed store equals re-running every date from scratch.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Store } from '../src/db/store.ts';
import { SYSTEM } from '../src/services/context.ts';
import { runDailyMonitoring } from '../src/services/monitoring/daily-run.ts';
import { replayFrom } from '../src/services/monitoring/replay.ts';
import { describeEachBackend } from './backends.ts';
import { type Book, derivedRows, pledgeSteel, repay, seedBook } from './monitoring-fixture.ts';

const ctx = (store: Store) => ({ store, actor: SYSTEM });
const DATES = ['2024-02-05', '2024-02-15', '2024-03-01', '2024-03-10'];

describeEachBackend('monitoring replay', (backend) => {
  let store: Store;
  let book: Book;
  beforeEach(async () => {
    store = await backend.open();
    book = await seedBook(store);
    await repay(store, book.loanB, '2024-01-31', 1_000_000);
    await pledgeSteel(store, book, '1', { '2024-01-10': 4_687_500 });
    for (const d of DATES) await runDailyMonitoring(ctx(store), d);
  }, 120_000);
  afterEach(async () => {
    await store.close();
    await backend.cleanup();
  });

  it('a backdated repayment changes the loan from its date on, and nothing else', async () => {
    const before = await derivedRows(store);
    await repay(store, book.loanA, '2024-02-10', 1_000_000);
    const r = await replayFrom(ctx(store), book.loanA, '2024-02-10');
    expect(r.dates).toEqual(['2024-02-15', '2024-03-01', '2024-03-10']);
    const after = await derivedRows(store);

    const classes = async () =>
      store.raw.query<{ d: string; category: string; days: number; balance: string }>(
        `SELECT as_of::text AS d, category, past_due_days AS days, balance_minor::text AS balance FROM loan_classifications WHERE loan_id = $1 ORDER BY as_of`,
        [book.loanA],
      );
    expect(await classes()).toEqual([
      { d: '2024-02-05', category: 'special-mention', days: 5, balance: '3000000' },
      { d: '2024-02-15', category: 'normal', days: 0, balance: '2000000' },
      { d: '2024-03-01', category: 'special-mention', days: 1, balance: '2000000' },
      { d: '2024-03-10', category: 'special-mention', days: 10, balance: '2000000' },
    ]);
    // Every other row is unchanged except those that must move, from 2024-02-10 on: A's
    // classifications, its collateral (exposure), its pool's figures and the NPL groups A counts in.
    const dated = (row: string) => row.match(/"as_of":"(\d{4}-\d{2}-\d{2})"/)![1]! >= '2024-02-10';
    const moved = (table: string, row: string) =>
      (table === 'alerts' && row.includes(`dpd-30/${book.loanA}/`)) ||
      ((((table === 'loan_classifications' || table === 'collateral_valuations') && row.includes(book.loanA)) || table === 'pool_states') &&
        dated(row));
    const npl = (row: string) => dated(row) && !/"group_key":"food"/.test(row);
    for (const table of Object.keys(before)) {
      const keep = (row: unknown) => !moved(table, String(row)) && !(table === 'npl_snapshots' && npl(String(row)));
      expect(after[table]!.filter(keep), table).toEqual(before[table]!.filter(keep));
    }
    expect(after.npl_snapshots).not.toEqual(before.npl_snapshots);
    // A was 30 days past due on 1 March (an alert); repaid in February, it is 1 day past due.
    expect(before.alerts!.filter((a) => String(a).includes(`dpd-30/${book.loanA}/2024-03-01`))).toHaveLength(1);
    expect(after.alerts!.filter((a) => String(a).includes(`dpd-30/${book.loanA}/`))).toHaveLength(0);
    expect(after.loan_classifications!.filter((r) => String(r).includes(book.loanB))).toEqual(
      before.loan_classifications!.filter((r) => String(r).includes(book.loanB)),
    );
  });

  it('replay equals a fresh run of every date', async () => {
    await repay(store, book.loanA, '2024-02-29', 2_000_000);
    await replayFrom(ctx(store), book.loanA, '2024-02-29');
    const replayed = await derivedRows(store);
    for (const d of DATES) await runDailyMonitoring(ctx(store), d);
    expect(await derivedRows(store)).toEqual(replayed);
  });
});
