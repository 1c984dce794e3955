/**
 * Repayment schedules: exact minor units, remainder on the last instalment, month-end dates. The
 * equal-instalment references were computed with Python's fractions.Fraction (exact rationals,
 * round half up), independently of the bigint code:
 *   i = Fraction(12, 100) / 12; g = (1 + i)**12; A = floor(10**6 * i * g / (g - 1) + 1/2)  # 88849
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths, repaymentSchedule } from '../../src/monitoring/repayment-schedule.ts';
import { issues } from '../support/issues.ts';

const terms = { principal: 1_000_000, annualRate: '0.12', termMonths: 12, disbursedOn: '2026-01-31' } as const;

describe('repaymentSchedule', () => {
  it('equal-instalment: the annuity of the reference, the remainder on the last instalment', () => {
    const s = repaymentSchedule({ ...terms, kind: 'equal-instalment' });
    expect(s.map((x) => [x.principal, x.interest])).toEqual([
      [78849, 10000],
      [79637, 9212],
      [80434, 8415],
      [81238, 7611],
      [82051, 6798],
      [82871, 5978],
      [83700, 5149],
      [84537, 4312],
      [85382, 3467],
      [86236, 2613],
      [87098, 1751],
      [87967, 880],
    ]);
    for (const x of s.slice(0, -1)) expect(x.principal + x.interest).toBe(88849);
    expect(s.map((x) => x.dueDate).slice(0, 3)).toEqual(['2026-02-28', '2026-03-31', '2026-04-30']);
  });

  it('equal-instalment at 4.35 % over 6 months (reference)', () => {
    const s = repaymentSchedule({ ...terms, annualRate: '0.0435', termMonths: 6, kind: 'equal-instalment' });
    expect(s.map((x) => [x.principal, x.interest])).toEqual([
      [165163, 3625],
      [165762, 3026],
      [166363, 2425],
      [166966, 1822],
      [167571, 1217],
      [168175, 610],
    ]);
  });

  it('equal-principal: ⌊P/n⌋ each, the remainder last, interest on the balance', () => {
    const s = repaymentSchedule({ ...terms, principal: 1_000_001, termMonths: 3, kind: 'equal-principal' });
    expect(s.map((x) => [x.principal, x.interest])).toEqual([
      [333333, 10000],
      [333333, 6667],
      [333335, 3333],
    ]);
  });

  it('bullet: one instalment at maturity with simple interest', () => {
    expect(repaymentSchedule({ ...terms, termMonths: 6, kind: 'bullet' })).toEqual([
      { dueDate: '2026-07-31', principal: 1_000_000, interest: 60_000 },
    ]);
  });

  it('a zero rate divides the principal', () => {
    const s = repaymentSchedule({ ...terms, annualRate: '0', termMonths: 7, principal: 100, kind: 'equal-instalment' });
    expect(s.map((x) => x.principal)).toEqual([14, 14, 14, 14, 14, 14, 16]);
    expect(s.every((x) => x.interest === 0)).toBe(true);
  });

  it('principal parts always sum to the principal, no part is negative', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 ** 12 }),
        fc.integer({ min: 0, max: 999_999 }),
        fc.integer({ min: 1, max: 360 }),
        fc.constantFrom('equal-instalment', 'equal-principal', 'bullet' as const),
        (principal, micro, termMonths, kind) => {
          const annualRate = `0.${String(micro).padStart(6, '0')}`;
          const s = repaymentSchedule({ principal, annualRate, termMonths, disbursedOn: '2026-01-15', kind });
          expect(s.reduce((a, x) => a + x.principal, 0)).toBe(principal);
          for (const x of s) {
            expect(x.principal).toBeGreaterThanOrEqual(0);
            expect(x.interest).toBeGreaterThanOrEqual(0);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('names every bad term', () => {
    const paths = issues(() =>
      repaymentSchedule({ principal: 1.5, annualRate: '1.2', termMonths: 0, disbursedOn: '2026-02-30', kind: 'monthly' as 'bullet' }),
    ).map((i) => i.path.join('.'));
    expect(paths).toEqual(['principal', 'annualRate', 'termMonths', 'disbursedOn', 'kind']);
    expect(issues(() => repaymentSchedule({ ...terms, annualRate: 0.12 as unknown as string, kind: 'bullet' }))[0]?.path).toEqual([
      'annualRate',
    ]);
  });
});

describe('addMonths', () => {
  it('clamps to the last day of the month, across years', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-11-30', 3)).toBe('2026-02-28');
    expect(addMonths('2026-05-15', 12)).toBe('2027-05-15');
  });
});
