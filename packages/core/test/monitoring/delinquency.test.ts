import { describe, expect, it } from 'vitest';
import {
  applyBorrowerDowngrade,
  CHINA_2023_BANDS,
  categoryFloor,
  checkOverride,
  classifyLoan,
  validateDayBands,
} from '../../src/monitoring/classification.ts';
import { loanDelinquency } from '../../src/monitoring/delinquency.ts';
import { addDays, applyRate, daysBetween } from '../../src/monitoring/money-and-dates.ts';
import { nplReport } from '../../src/monitoring/npl-ratio.ts';
import { issues } from '../support/issues.ts';

const schedule = [
  { dueDate: '2024-01-31', principal: 100_000, interest: 5_000 },
  { dueDate: '2024-02-29', principal: 100_000, interest: 4_000, fees: 1_000 },
  { dueDate: '2024-03-31', principal: 100_000, interest: 3_000 },
];

describe('dates and money', () => {
  it('counts calendar days across a leap February', () => {
    expect(daysBetween('2024-01-31', '2024-03-01')).toBe(30);
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(issues(() => daysBetween('2024-02-30', '2024-03-01'))[0].message).toMatch(/not a calendar date/);
  });
  it('rounds rates explicitly', () => {
    expect(applyRate(1000, 0.7, 'down')).toBe(700);
    expect(applyRate(1001, 0.5, 'down')).toBe(500);
    expect(applyRate(1001, 0.5, 'up')).toBe(501);
  });
});

describe('loanDelinquency', () => {
  it('nothing paid: days from the oldest unpaid instalment, overdue split by part', () => {
    const d = loanDelinquency({ schedule, repayments: [] }, '2024-03-01');
    expect(d.pastDueDays).toBe(30);
    expect(d.oldestOverdueDueDate).toBe('2024-01-31');
    expect(d.overdue).toEqual({ principal: 200_000, interest: 9_000, fees: 1_000, penalty: 0, total: 210_000 });
    expect(d.outstandingPrincipal).toBe(300_000);
  });
  it('an instalment due today is not overdue; the next day it is 1 day past due', () => {
    expect(loanDelinquency({ schedule, repayments: [] }, '2024-01-31').pastDueDays).toBe(0);
    expect(loanDelinquency({ schedule, repayments: [] }, '2024-02-01').pastDueDays).toBe(1);
  });
  it('allocates penalty, fees, interest, principal, oldest instalment first', () => {
    const charges = [{ date: '2024-02-10', instalment: 1, kind: 'penalty' as const, amount: 500 }];
    // 5,700 pays the penalty (500), the interest (5,000) and 200 of principal of instalment 1.
    const d = loanDelinquency({ schedule, repayments: [{ date: '2024-02-15', amount: 5_700 }], charges }, '2024-02-20');
    expect(d.instalments[0].paid).toEqual({ principal: 200, interest: 5_000, fees: 0, penalty: 500 });
    expect(d.overdue).toEqual({ principal: 99_800, interest: 0, fees: 0, penalty: 0, total: 99_800 });
    expect(d.pastDueDays).toBe(20);
    const principalFirst = loanDelinquency({ schedule, repayments: [{ date: '2024-02-15', amount: 5_700 }], charges }, '2024-02-20', {
      allocationOrder: ['principal', 'interest', 'fees', 'penalty'],
    });
    expect(principalFirst.instalments[0].paid).toEqual({ principal: 5_700, interest: 0, fees: 0, penalty: 0 });
  });
  it('paying the oldest instalment moves past-due days to the next one', () => {
    const d = loanDelinquency({ schedule, repayments: [{ date: '2024-03-05', amount: 105_000 }] }, '2024-03-10');
    expect(d.oldestOverdueDueDate).toBe('2024-02-29');
    expect(d.pastDueDays).toBe(10);
  });
  it('counts only repayments and charges dated on or before the date', () => {
    const loan = { schedule, repayments: [{ date: '2024-02-05', amount: 105_000 }] };
    expect(loanDelinquency(loan, '2024-02-04').pastDueDays).toBe(4);
    expect(loanDelinquency(loan, '2024-02-05').pastDueDays).toBe(0);
  });
  it('delinquent days start after the grace period', () => {
    const d = loanDelinquency({ schedule, repayments: [] }, '2024-02-05', { graceDays: 3 });
    expect([d.pastDueDays, d.delinquentDays]).toEqual([5, 2]);
    expect(loanDelinquency({ schedule, repayments: [] }, '2024-02-03', { graceDays: 3 }).delinquentDays).toBe(0);
  });
  it('keeps an overpayment as excess', () => {
    const d = loanDelinquency({ schedule, repayments: [{ date: '2024-01-01', amount: 400_000 }] }, '2024-04-30');
    expect(d.excess).toBe(400_000 - 313_000);
    expect(d.outstandingTotal).toBe(0);
  });
  it('rejects floats, bad dates and unknown instalments with paths', () => {
    const found = issues(() =>
      loanDelinquency(
        {
          schedule: [{ dueDate: '2024-01-31', principal: 100.5, interest: 0 }],
          repayments: [{ date: '2024-13-01', amount: 1 }],
          charges: [{ date: '2024-01-01', instalment: 2, kind: 'fees', amount: 1 }],
        },
        '2024-02-01',
      ),
    );
    expect(found.map((i) => i.path.join('.'))).toEqual(['schedule.0.principal', 'repayments.0.date', 'charges.0.instalment']);
  });
});

describe('five-category classification', () => {
  it('the 2023 floors at every band edge (> against ≥)', () => {
    const at = (d: number) => categoryFloor(d);
    expect([0, 1, 90, 91, 270, 271, 360, 361, 5000].map(at)).toEqual([
      'normal',
      'special-mention',
      'special-mention',
      'substandard',
      'substandard',
      'doubtful',
      'doubtful',
      'loss',
      'loss',
    ]);
  });
  it('custom bands: gaps, overlaps, open ends and monotonicity are errors with paths', () => {
    const gap = issues(() =>
      validateDayBands([
        { category: 'normal', minDays: 0, maxDays: 0 },
        { category: 'special-mention', minDays: 2, maxDays: null },
      ]),
    );
    expect(gap[0]).toMatchObject({ path: [1, 'minDays'], message: expect.stringMatching(/gap: days 1 to 1/) });
    const overlap = issues(() =>
      validateDayBands([
        { category: 'normal', minDays: 0, maxDays: 30 },
        { category: 'special-mention', minDays: 30, maxDays: null },
      ]),
    );
    expect(overlap[0]).toMatchObject({ path: [1, 'minDays'], message: expect.stringMatching(/overlap/) });
    const open = issues(() => validateDayBands([{ category: 'normal', minDays: 0, maxDays: 10 }]));
    expect(open[0].path).toEqual([0, 'maxDays']);
    const better = issues(() =>
      validateDayBands([
        { category: 'substandard', minDays: 0, maxDays: 10 },
        { category: 'normal', minDays: 11, maxDays: null },
      ]),
    );
    expect(better[0].path).toEqual([1, 'category']);
    expect(issues(() => validateDayBands([{ category: 'normal', minDays: 1, maxDays: null }]))[0].path).toEqual([0, 'minDays']);
    expect(validateDayBands(CHINA_2023_BANDS)).toHaveLength(5);
  });
  it('stricter custom bands move the edges', () => {
    const bands = [
      { category: 'normal' as const, minDays: 0, maxDays: 0 },
      { category: 'special-mention' as const, minDays: 1, maxDays: 60 },
      { category: 'substandard' as const, minDays: 61, maxDays: 180 },
      { category: 'doubtful' as const, minDays: 181, maxDays: 360 },
      { category: 'loss' as const, minDays: 361, maxDays: null },
    ];
    expect(categoryFloor(60, bands)).toBe('special-mention');
    expect(categoryFloor(61, bands)).toBe('substandard');
  });
  it('an override may be worse than the floor, never better', () => {
    const o = { category: 'doubtful' as const, reason: 'restructured', by: 'analyst-1', date: '2024-03-01' };
    expect(classifyLoan(10, { override: o })).toMatchObject({
      floor: 'special-mention',
      category: 'doubtful',
      basis: 'override',
      nonPerforming: true,
    });
    const found = issues(() => checkOverride('substandard', { ...o, category: 'normal' }));
    expect(found[0]).toMatchObject({ path: ['override', 'category'], message: expect.stringMatching(/never better/) });
    expect(issues(() => checkOverride('normal', { ...o, reason: ' ' }))[0].path).toEqual(['override', 'reason']);
    // The floor overtakes a standing override later: the floor binds, the override is kept.
    expect(classifyLoan(400, { override: o })).toMatchObject({ category: 'loss', basis: 'days', overrideSuperseded: true });
  });
  it('borrower-level downgrade pulls the other loans of a borrower with an NPL loan', () => {
    const c = (d: number) => classifyLoan(d);
    const loans = [
      { loanId: 'a', borrowerId: 'B1', balance: 900, classification: c(0) },
      { loanId: 'b', borrowerId: 'B1', balance: 100, classification: c(100) },
      { loanId: 'c', borrowerId: 'B2', balance: 500, classification: c(0) },
    ];
    const out = applyBorrowerDowngrade(loans);
    expect(out.map((x) => x.category)).toEqual(['substandard', 'substandard', 'normal']);
    expect(out[0].basis).toBe('borrower');
    // With the 10 % share rule, 100 of 1,000 (exactly 10 %) does not exceed it; 101 of 1,001 does.
    expect(applyBorrowerDowngrade(loans, { thresholdShare: 0.1 })[0].category).toBe('normal');
    const more = [{ ...loans[0] }, { ...loans[1], balance: 101 }];
    expect(applyBorrowerDowngrade(more, { thresholdShare: 0.1 })[0].category).toBe('substandard');
  });
});

describe('nplReport', () => {
  it('aggregates NPL balance and ratio by product, pool, core enterprise and industry', () => {
    const r = nplReport([
      { balance: 600, category: 'normal', product: 'receivables', pool: 'P1', coreEnterprise: 'CE1', industry: 'steel' },
      { balance: 300, category: 'substandard', product: 'receivables', pool: 'P1', coreEnterprise: 'CE2', industry: 'steel' },
      { balance: 100, category: 'loss', product: 'inventory', coreEnterprise: 'CE2', industry: 'retail' },
      { balance: 0, category: 'doubtful', product: 'inventory', industry: 'retail' },
    ]);
    expect(r.total).toMatchObject({ loans: 4, balance: 1000, nplBalance: 400, ratio: 0.4 });
    expect(r.by.product.receivables).toMatchObject({ balance: 900, nplBalance: 300, ratio: 300 / 900 });
    expect(r.by.pool['(none)']).toMatchObject({ balance: 100, nplBalance: 100, ratio: 1 });
    expect(r.by.coreEnterprise.CE2.byCategory).toMatchObject({ substandard: 300, loss: 100 });
    expect(r.by.industry.retail.ratio).toBe(1);
    expect(nplReport([]).total.ratio).toBeNull();
  });
});
