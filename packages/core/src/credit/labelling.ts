/**
 * Risk classes from days overdue ([002 §3], SPEC §5.1): more than 90 days = high risk; the source's
 * other cut-offs are lost in the text, so the defaults are 60–90 medium, 30–59 lower, < 30 low risk.
 */
import { IssueList, invalid } from '../errors.ts';
import { type CreditCell, creditCellNumber, isMissingCreditCell } from './dataset.ts';

/** Class names from the highest risk to the lowest. */
export const DAYS_OVERDUE_CLASSES = ['high risk', 'medium risk', 'lower risk', 'low risk'] as const;

/** Cut-offs in days: high risk when days > `high`; medium when ≥ `medium`; lower when ≥ `lower`; else low. */
export interface DaysOverdueCutoffs {
  /** Default 90 ("more than 90 days", [002 §3]). */
  high: number;
  /** Default 60. */
  medium: number;
  /** Default 30. */
  lower: number;
}

/** The defaults of SPEC §5.1. */
export const DEFAULT_DAYS_OVERDUE_CUTOFFS: DaysOverdueCutoffs = { high: 90, medium: 60, lower: 30 };

/**
 * Check cut-offs: finite, ≥ 0 and ordered lower < medium ≤ high (paths `lower`, `medium`, `high`).
 */
export function checkDaysOverdueCutoffs(c: DaysOverdueCutoffs): void {
  const issues = new IssueList();
  for (const k of ['lower', 'medium', 'high'] as const)
    if (!Number.isFinite(c[k]) || c[k] < 0) issues.add([k], `cut-off must be a number of days ≥ 0, got ${c[k]}`);
  issues.throwIfAny();
  if (!(c.lower < c.medium)) invalid(['medium'], `cut-offs must be ordered: lower (${c.lower}) < medium (${c.medium}) ≤ high (${c.high})`);
  if (!(c.medium <= c.high)) invalid(['high'], `cut-offs must be ordered: lower (${c.lower}) < medium (${c.medium}) ≤ high (${c.high})`);
}

/**
 * Class code of a number of days overdue: 0 high (d > high), 1 medium (d ≥ medium), 2 lower
 * (d ≥ lower), 3 low; codes index {@link DAYS_OVERDUE_CLASSES}.
 */
export function daysOverdueClass(days: number, c: DaysOverdueCutoffs = DEFAULT_DAYS_OVERDUE_CUTOFFS): number {
  if (days > c.high) return 0;
  if (days >= c.medium) return 1;
  if (days >= c.lower) return 2;
  return 3;
}

/**
 * A `labelOf` for {@link creditDatasetFromRows}: a cell of days overdue (a number ≥ 0) → its risk
 * class name; a missing, non-numeric or negative cell gives an error message.
 */
export function daysOverdueLabeller(
  cutoffs: DaysOverdueCutoffs = DEFAULT_DAYS_OVERDUE_CUTOFFS,
): (cell: CreditCell) => string | { error: string } {
  checkDaysOverdueCutoffs(cutoffs);
  return (cell) => {
    if (isMissingCreditCell(cell)) return { error: 'days overdue is missing; every training row needs its outcome' };
    const d = creditCellNumber(cell);
    if (d === undefined) return { error: `"${String(cell)}" is not a number of days overdue` };
    if (d < 0) return { error: `days overdue cannot be negative, got ${d}` };
    return DAYS_OVERDUE_CLASSES[daysOverdueClass(d, cutoffs)];
  };
}
