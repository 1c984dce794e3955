import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addBookEvent,
  type BookEvent,
  type BookSnapshot,
  bookAsOf,
  classificationHistory,
  createLoanBook,
  type LoanBook,
} from '../../src/monitoring/loan-book.ts';
import { addDays } from '../../src/monitoring/money-and-dates.ts';
import { issues } from '../support/issues.ts';

const monthly = (start: string, n: number, principal: number, interest: number) =>
  Array.from({ length: n }, (_, k) => ({ dueDate: addDays(start, 30 * k), principal, interest }));

function book(): LoanBook {
  let b = createLoanBook([
    {
      id: 'L1',
      borrowerId: 'B1',
      product: 'receivables',
      pool: 'P1',
      coreEnterprise: 'CE1',
      industry: 'steel',
      schedule: monthly('2024-01-31', 6, 100_000, 2_000),
    },
    {
      id: 'L2',
      borrowerId: 'B1',
      product: 'inventory',
      pool: 'P1',
      coreEnterprise: 'CE1',
      industry: 'steel',
      schedule: monthly('2024-01-31', 6, 50_000, 1_000),
    },
    {
      id: 'L3',
      borrowerId: 'B2',
      product: 'receivables',
      pool: 'P2',
      coreEnterprise: 'CE2',
      industry: 'retail',
      schedule: monthly('2024-01-31', 6, 80_000, 1_500),
    },
  ]);
  const pay = (id: string, loanId: string, date: string, amount: number): BookEvent => ({
    type: 'repayment',
    id,
    loanId,
    valueDate: date,
    bookedDate: date,
    amount,
  });
  b = addBookEvent(b, pay('r1', 'L2', '2024-01-31', 51_000));
  b = addBookEvent(b, pay('r2', 'L3', '2024-01-30', 81_500));
  b = addBookEvent(b, pay('r3', 'L3', '2024-03-01', 81_500));
  return b;
}

/** Every field path whose value differs between two snapshots. */
function diff(a: unknown, b: unknown, path = ''): string[] {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return Object.is(a, b) ? [] : [path];
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].flatMap((k) => diff((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}/${k}`));
}

describe('loan book as of a date', () => {
  it('classifies and aggregates as of any date', () => {
    const s = bookAsOf(book(), '2024-05-15');
    const l1 = s.loans.find((l) => l.loanId === 'L1')!;
    expect(l1.pastDueDays).toBe(105); // nothing paid since 2024-01-31
    expect(l1.classification.category).toBe('substandard');
    expect(s.npl.by.product.receivables.nplBalance).toBe(600_000);
    expect(s.npl.by.pool.P2.nplBalance).toBe(0);
  });

  it('a backdated repayment changes exactly its loan and its groups, from its value date on, and nothing else', () => {
    const before = book();
    const after = addBookEvent(before, {
      type: 'repayment',
      id: 'late',
      loanId: 'L1',
      valueDate: '2024-02-20',
      bookedDate: '2024-05-15',
      amount: 306_000,
    });
    // Before its value date: identical in every field.
    expect(diff(bookAsOf(before, '2024-02-19'), bookAsOf(after, '2024-02-19'))).toEqual([]);
    // From its value date on: L1's figures and the totals of L1's product, pool, core enterprise and industry.
    const changed = diff(bookAsOf(before, '2024-05-15'), bookAsOf(after, '2024-05-15'));
    const allowed = [
      /^\/loans\/0\//,
      /^\/npl\/total\//,
      /^\/npl\/by\/product\/receivables\//,
      /^\/npl\/by\/pool\/P1\//,
      /^\/npl\/by\/coreEnterprise\/CE1\//,
      /^\/npl\/by\/industry\/steel\//,
    ];
    expect(changed.filter((p) => !allowed.some((r) => r.test(p)))).toEqual([]);
    expect(changed).toEqual(
      expect.arrayContaining([
        '/loans/0/pastDueDays',
        '/loans/0/balance',
        '/loans/0/classification/category',
        '/npl/total/nplBalance',
        '/npl/by/product/receivables/nplBalance',
      ]),
    );
    // The payment covers instalments 1–3 (3 × 102,000): L1 is next due 2024-04-30, 15 days past due.
    const l1 = bookAsOf(after, '2024-05-15').loans[0];
    expect([l1.pastDueDays, l1.classification.category, l1.balance]).toEqual([15, 'special-mention', 300_000]);
    // L2 and L3 are untouched field by field.
    expect(bookAsOf(after, '2024-05-15').loans.slice(1)).toEqual(bookAsOf(before, '2024-05-15').loans.slice(1));
  });

  it('reproduces any past date as it was shown then (knownAt)', () => {
    const before = book();
    const after = addBookEvent(before, {
      type: 'repayment',
      id: 'late',
      loanId: 'L1',
      valueDate: '2024-02-20',
      bookedDate: '2024-05-15',
      amount: 306_000,
    });
    const shownOn = (date: string, b: LoanBook): BookSnapshot => bookAsOf(b, date, { knownAt: date });
    const { knownAt: _k, ...asShown } = shownOn('2024-04-30', after);
    const { knownAt: _k2, ...asComputedThen } = bookAsOf(before, '2024-04-30', { knownAt: '2024-04-30' });
    expect(asShown).toEqual(asComputedThen);
    // Asking again gives the same answer (pure).
    expect(bookAsOf(after, '2024-04-30')).toEqual(bookAsOf(after, '2024-04-30'));
  });

  it('the classification history is replayed: a backdated entry rewrites it from its value date', () => {
    const before = book();
    const h0 = classificationHistory(before, '2024-01-01', '2024-06-30').filter((c) => c.loanId === 'L1');
    expect(h0.map((c) => [c.date, c.to])).toEqual([
      ['2024-01-01', 'normal'],
      ['2024-02-01', 'special-mention'],
      ['2024-05-01', 'substandard'],
    ]);
    const after = addBookEvent(before, {
      type: 'repayment',
      id: 'late',
      loanId: 'L1',
      valueDate: '2024-02-20',
      bookedDate: '2024-05-15',
      amount: 306_000,
    });
    const h1 = classificationHistory(after, '2024-01-01', '2024-06-30').filter((c) => c.loanId === 'L1');
    expect(h1.map((c) => [c.date, c.to])).toEqual([
      ['2024-01-01', 'normal'],
      ['2024-02-01', 'special-mention'],
      ['2024-02-20', 'normal'],
      ['2024-05-01', 'special-mention'],
    ]);
    // As known before the entry was booked, the history is the old one.
    const h2 = classificationHistory(after, '2024-01-01', '2024-05-14', { knownAt: '2024-05-14' }).filter((c) => c.loanId === 'L1');
    expect(h2).toEqual(h0.filter((c) => c.date <= '2024-05-14'));
  });

  it('overrides are recorded with a reason and refused when better than the floor', () => {
    const b = book();
    const worse = addBookEvent(b, {
      type: 'override',
      id: 'o1',
      loanId: 'L3',
      valueDate: '2024-03-10',
      bookedDate: '2024-03-10',
      category: 'substandard',
      reason: 'core enterprise CE2 in restructuring',
      by: 'analyst-1',
    });
    expect(bookAsOf(worse, '2024-03-10').loans[2].classification).toMatchObject({ category: 'substandard', basis: 'override' });
    expect(bookAsOf(worse, '2024-03-09').loans[2].classification.category).toBe('normal');
    const found = issues(() =>
      addBookEvent(b, {
        type: 'override',
        id: 'o2',
        loanId: 'L1',
        valueDate: '2024-05-15',
        bookedDate: '2024-05-15',
        category: 'special-mention',
        reason: 'promised to pay',
        by: 'analyst-1',
      }),
    );
    expect(found[0]).toMatchObject({ path: ['override', 'category'], message: expect.stringMatching(/never better/) });
  });

  it('borrower-level downgrade pulls B1’s other loan', () => {
    const s = bookAsOf(book(), '2024-05-15', { borrowerDowngrade: {} });
    expect(s.loans[1]).toMatchObject({ loanId: 'L2', pastDueDays: 75 }); // paid the first instalment only; the second was due 2024-03-01
    expect(s.loans[1].classification).toMatchObject({ floor: 'special-mention', category: 'substandard', basis: 'borrower' });
    expect(s.loans[2].classification).toMatchObject({ category: 'special-mention', basis: 'days' }); // B2 has no NPL loan
  });

  it('refuses duplicate ids, unknown loans and booking before value date', () => {
    const b = book();
    const found = issues(() =>
      addBookEvent(b, { type: 'repayment', id: 'r1', loanId: 'L9', valueDate: '2024-03-02', bookedDate: '2024-03-01', amount: 1.5 }),
    );
    expect(found.map((i) => i.path[0])).toEqual(['id', 'loanId', 'bookedDate', 'amount']);
  });

  it('property: the order in which events were added does not matter', () => {
    const base = book();
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 150 }), fc.integer({ min: 1, max: 200_000 })), { maxLength: 6 }),
        fc.integer({ min: 0, max: 200 }),
        (pays, at) => {
          const events: BookEvent[] = pays.map(([d, amount], k) => ({
            type: 'repayment',
            id: `p${k}`,
            loanId: k % 2 ? 'L1' : 'L3',
            valueDate: addDays('2024-01-15', d),
            bookedDate: addDays('2024-01-15', d + 5),
            amount,
          }));
          const forward = events.reduce((b, e) => addBookEvent(b, e), base);
          const backward = [...events].reverse().reduce((b, e) => addBookEvent(b, e), base);
          const date = addDays('2024-01-15', at);
          expect(bookAsOf(forward, date)).toEqual(bookAsOf(backward, date));
        },
      ),
      { numRuns: 40 },
    );
  });
});
