/**
 * Five-category loan classification (SPEC §6.3): normal, special mention, substandard, doubtful,
 * loss; non-performing (NPL) = the last three.
 *
 * Days past due set a *floor* on the category through day bands. The default bands are the
 * floors of the 2023 Chinese rule on the risk classification of financial assets
 * (《商业银行金融资产风险分类办法》, NFRA/PBoC 2023 No. 1): any overdue amount → at least special
 * mention; > 90 days → at least substandard; > 270 → at least doubtful; > 360 → loss:
 *
 *   normal [0, 0] · special mention [1, 90] · substandard [91, 270] · doubtful [271, 360] · loss [361, ∞)
 *
 *   category = max(floor(pastDueDays), analyst override, borrower pull)
 *
 * An analyst override may only make a loan worse than its floor (with a recorded reason); one
 * better than the floor is a ValidationError. With the borrower-level rule on, a borrower whose
 * non-performing share of balance exceeds `thresholdShare` (default 0: any NPL loan; the 2023
 * rule's own figure for a non-retail borrower is 10 %) has all its loans pulled to at least
 * `pullTo` (default substandard).
 *
 * Example: 91 days past due → substandard; 90 → special mention.
 */
import { ValidationError } from '../errors.ts';
import type { IsoDate, Money } from './money-and-dates.ts';

/** The five categories, best to worst. */
export const LOAN_CATEGORIES = ['normal', 'special-mention', 'substandard', 'doubtful', 'loss'] as const;
export type LoanCategory = (typeof LOAN_CATEGORIES)[number];

/** Severity rank of a category: normal 0 … loss 4. */
export function categoryRank(c: LoanCategory): number {
  return LOAN_CATEGORIES.indexOf(c);
}

/** The worse of two categories. */
export function worseCategory(a: LoanCategory, b: LoanCategory): LoanCategory {
  return categoryRank(a) >= categoryRank(b) ? a : b;
}

/** Non-performing: substandard, doubtful or loss. */
export function isNonPerforming(c: LoanCategory): boolean {
  return categoryRank(c) >= 2;
}

/** A day band: loans with minDays ≤ days ≤ maxDays (null = no upper end) have at least `category`. */
export interface DayBand {
  category: LoanCategory;
  minDays: number;
  maxDays: number | null;
}

/** The 2023 Chinese floors (see the module comment). */
export const CHINA_2023_BANDS: readonly DayBand[] = [
  { category: 'normal', minDays: 0, maxDays: 0 },
  { category: 'special-mention', minDays: 1, maxDays: 90 },
  { category: 'substandard', minDays: 91, maxDays: 270 },
  { category: 'doubtful', minDays: 271, maxDays: 360 },
  { category: 'loss', minDays: 361, maxDays: null },
];

/**
 * Check a band set: integer days, the first band starts at 0, each next band starts the day after
 * the previous one ends (no gap, no overlap), only the last is open-ended, categories never get
 * better as days grow. Every problem is reported with its path (`[k, 'minDays']`).
 */
export function validateDayBands(bands: readonly DayBand[]): DayBand[] {
  const issues: { path: (string | number)[]; message: string; allowed?: string }[] = [];
  if (!Array.isArray(bands) || bands.length === 0) throw new ValidationError([{ path: [], message: 'no day bands given' }]);
  bands.forEach((b, k) => {
    if (!LOAN_CATEGORIES.includes(b.category))
      issues.push({ path: [k, 'category'], message: `unknown category "${String(b.category)}"`, allowed: LOAN_CATEGORIES.join(', ') });
    if (!Number.isInteger(b.minDays) || b.minDays < 0)
      issues.push({ path: [k, 'minDays'], message: `${b.minDays} is not a number of days`, allowed: 'a non-negative integer' });
    if (b.maxDays !== null && (!Number.isInteger(b.maxDays) || b.maxDays < b.minDays))
      issues.push({
        path: [k, 'maxDays'],
        message: `${b.maxDays} is not a day count ≥ minDays (${b.minDays})`,
        allowed: 'an integer ≥ minDays, or null for the last band',
      });
    if (k === 0 && b.minDays !== 0)
      issues.push({
        path: [0, 'minDays'],
        message: `the first band starts at ${b.minDays}; days 0 to ${b.minDays - 1} have no band`,
        allowed: '0',
      });
    if (k > 0) {
      const p = bands[k - 1];
      if (p.maxDays === null)
        issues.push({ path: [k - 1, 'maxDays'], message: 'only the last band may be open-ended', allowed: 'an integer' });
      else if (b.minDays > p.maxDays + 1)
        issues.push({
          path: [k, 'minDays'],
          message: `gap: days ${p.maxDays + 1} to ${b.minDays - 1} are in no band`,
          allowed: String(p.maxDays + 1),
        });
      else if (b.minDays <= p.maxDays)
        issues.push({
          path: [k, 'minDays'],
          message: `overlap: days ${b.minDays} to ${Math.min(p.maxDays, b.maxDays ?? p.maxDays)} are in bands ${k - 1} and ${k}`,
          allowed: String(p.maxDays + 1),
        });
      if (
        LOAN_CATEGORIES.includes(b.category) &&
        LOAN_CATEGORIES.includes(p.category) &&
        categoryRank(b.category) < categoryRank(p.category)
      )
        issues.push({
          path: [k, 'category'],
          message: `${b.category} after ${p.category}: more days past due cannot mean a better category`,
        });
    }
  });
  const last = bands[bands.length - 1];
  if (last && last.maxDays !== null)
    issues.push({
      path: [bands.length - 1, 'maxDays'],
      message: `days above ${last.maxDays} are in no band`,
      allowed: 'null (open-ended)',
    });
  if (issues.length) throw new ValidationError(issues);
  return bands.map((b) => ({ ...b }));
}

/** The floor category for `pastDueDays` under `bands` (validated). */
export function categoryFloor(pastDueDays: number, bands: readonly DayBand[] = CHINA_2023_BANDS): LoanCategory {
  if (!Number.isInteger(pastDueDays) || pastDueDays < 0)
    throw new ValidationError([
      { path: ['pastDueDays'], message: `${pastDueDays} is not a number of days`, allowed: 'a non-negative integer' },
    ]);
  validateDayBands(bands);
  for (const b of bands) if (pastDueDays >= b.minDays && (b.maxDays === null || pastDueDays <= b.maxDays)) return b.category;
  throw new Error('unreachable: validated bands cover every day count');
}

/** An analyst's classification with its reason (kept in the loan's history). */
export interface ClassificationOverride {
  category: LoanCategory;
  reason: string;
  by: string;
  date: IsoDate;
}

/** One loan's classification and why. */
export interface LoanClassification {
  floor: LoanCategory;
  category: LoanCategory;
  nonPerforming: boolean;
  /** What set the category: the day floor, the analyst, or the borrower-level rule. */
  basis: 'days' | 'override' | 'borrower';
  override?: ClassificationOverride;
  /** An override that the floor has since overtaken (kept, no longer binding). */
  overrideSuperseded?: boolean;
}

/**
 * Check that an override is not better than the floor and carries a reason; throws ValidationError
 * (path `override.category` / `override.reason`). Equal to the floor is accepted.
 */
export function checkOverride(floor: LoanCategory, override: ClassificationOverride): void {
  const issues: { path: (string | number)[]; message: string; allowed?: string }[] = [];
  if (!LOAN_CATEGORIES.includes(override.category))
    issues.push({
      path: ['override', 'category'],
      message: `unknown category "${String(override.category)}"`,
      allowed: LOAN_CATEGORIES.join(', '),
    });
  else if (categoryRank(override.category) < categoryRank(floor))
    issues.push({
      path: ['override', 'category'],
      message: `${override.category} is better than the floor ${floor} set by days past due; an analyst may classify worse, never better`,
      allowed: LOAN_CATEGORIES.slice(categoryRank(floor)).join(', '),
    });
  if (typeof override.reason !== 'string' || override.reason.trim() === '')
    issues.push({ path: ['override', 'reason'], message: 'an override needs a recorded reason' });
  if (typeof override.by !== 'string' || override.by.trim() === '')
    issues.push({ path: ['override', 'by'], message: 'an override needs the analyst who made it' });
  if (issues.length) throw new ValidationError(issues);
}

/**
 * Classify one loan: the day floor, raised by a standing override. An override recorded when it
 * was worse than the floor stays binding until the floor overtakes it (`overrideSuperseded`).
 */
export function classifyLoan(
  pastDueDays: number,
  options: { bands?: readonly DayBand[]; override?: ClassificationOverride } = {},
): LoanClassification {
  const floor = categoryFloor(pastDueDays, options.bands ?? CHINA_2023_BANDS);
  const o = options.override;
  if (!o) return { floor, category: floor, nonPerforming: isNonPerforming(floor), basis: 'days' };
  if (categoryRank(o.category) > categoryRank(floor))
    return { floor, category: o.category, nonPerforming: isNonPerforming(o.category), basis: 'override', override: o };
  return {
    floor,
    category: floor,
    nonPerforming: isNonPerforming(floor),
    basis: 'days',
    override: o,
    overrideSuperseded: categoryRank(o.category) < categoryRank(floor),
  };
}

/** The borrower-level rule (off unless given). */
export interface BorrowerDowngradeRule {
  /** The borrower's NPL balance share must exceed this (default 0: any NPL loan). */
  thresholdShare?: number;
  /** The category the borrower's other loans are pulled to at least (default substandard). */
  pullTo?: LoanCategory;
}

/** A loan for the borrower-level rule. */
export interface BorrowerLoan {
  loanId: string;
  borrowerId: string;
  balance: Money;
  classification: LoanClassification;
}

/**
 * Apply the borrower-level rule: per borrower, NPL share = Σ balance of NPL loans / Σ balance; when
 * it exceeds `thresholdShare` (or, with zero balance, any loan is NPL) every loan of the borrower
 * is at least `pullTo`. Returns new classifications in the input order.
 */
export function applyBorrowerDowngrade(loans: readonly BorrowerLoan[], rule: BorrowerDowngradeRule = {}): LoanClassification[] {
  const threshold = rule.thresholdShare ?? 0;
  const pullTo = rule.pullTo ?? 'substandard';
  if (!(threshold >= 0 && threshold < 1))
    throw new ValidationError([{ path: ['thresholdShare'], message: `${threshold} is out of range`, allowed: 'a share in [0, 1)' }]);
  if (!LOAN_CATEGORIES.includes(pullTo))
    throw new ValidationError([{ path: ['pullTo'], message: `unknown category "${String(pullTo)}"`, allowed: LOAN_CATEGORIES.join(', ') }]);
  const by = new Map<string, { balance: number; npl: number; anyNpl: boolean }>();
  for (const l of loans) {
    const g = by.get(l.borrowerId) ?? { balance: 0, npl: 0, anyNpl: false };
    g.balance += l.balance;
    if (l.classification.nonPerforming) {
      g.npl += l.balance;
      g.anyNpl = true;
    }
    by.set(l.borrowerId, g);
  }
  return loans.map((l) => {
    const g = by.get(l.borrowerId)!;
    const triggered = g.anyNpl && (g.balance > 0 ? g.npl / g.balance > threshold : true);
    const c = l.classification;
    if (!triggered || categoryRank(c.category) >= categoryRank(pullTo)) return c;
    return { ...c, category: pullTo, nonPerforming: isNonPerforming(pullTo), basis: 'borrower' };
  });
}
