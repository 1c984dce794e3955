/**
 * Saaty's 1–9 scale and the validation of pairwise comparison matrices (SPEC §3.1): square,
 * positive, diagonal 1, reciprocal (relative tolerance 1e-9; a pair within 1 % of a scale value
 * and its reciprocal is snapped to it with a warning), values on the scale.
 */
import { IssueList } from '../errors.ts';

/** The scale values 1/9 … 1 … 9. */
export const SAATY_SCALE: readonly number[] = [1 / 9, 1 / 8, 1 / 7, 1 / 6, 1 / 5, 1 / 4, 1 / 3, 1 / 2, 1, 2, 3, 4, 5, 6, 7, 8, 9];

/** Relative tolerance of a_ij·a_ji = 1. */
export const RECIPROCAL_TOLERANCE = 1e-9;
/** Relative distance within which a value is snapped to a scale value. */
export const SNAP_TOLERANCE = 0.01;

/** `scale`: 'saaty' requires values in [1/9, 9] (intermediate values warn); 'any' accepts any positive value. */
export type JudgmentScale = 'saaty' | 'any';

/** The scale value within 1 % of x, if any. */
export function snapToScale(x: number): number | undefined {
  for (const s of SAATY_SCALE) if (Math.abs(x - s) <= SNAP_TOLERANCE * s) return s;
  return undefined;
}

/** Show a judgment the way experts write it: 3, 1/3, 2.5. */
export function formatJudgment(x: number): string {
  if (x >= 1) return String(Number(x.toPrecision(6)));
  const inv = 1 / x;
  return Math.abs(inv - Math.round(inv)) < 1e-9 ? `1/${Math.round(inv)}` : String(Number(x.toPrecision(6)));
}

/** A validated matrix: copies of the input with snapped values, missing cells as null. */
export interface CheckedMatrix {
  n: number;
  matrix: (number | null)[][];
  warnings: string[];
  /** True when some off-diagonal cell is null. */
  incomplete: boolean;
}

/**
 * Check a pairwise comparison matrix, collecting every problem; throws ValidationError with
 * paths `[i, j]` relative to the matrix. `null` cells are missing judgments: both halves of a
 * pair must be missing, or the given half's reciprocal is used (with a warning).
 */
export function checkPairwiseMatrix(input: readonly (readonly (number | null)[])[], scale: JudgmentScale = 'saaty'): CheckedMatrix {
  const issues = new IssueList();
  const warnings: string[] = [];
  if (!Array.isArray(input) || input.length === 0) {
    issues.add([], 'the matrix is empty', 'a square matrix with at least one row');
    issues.throwIfAny();
  }
  const n = input.length;
  input.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== n) {
      issues.add(
        [i],
        `row ${i} has ${Array.isArray(row) ? row.length : 0} cells but the matrix has ${n} rows`,
        `a square ${n}×${n} matrix`,
      );
    }
  });
  issues.throwIfAny();
  const m = input.map((row) => row.slice());
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const v = m[i][j];
      if (v === null) {
        if (i === j) issues.add([i, j], 'a diagonal cell cannot be missing', '1');
        continue;
      }
      if (typeof v !== 'number' || !Number.isFinite(v)) issues.add([i, j], `${String(v)} is not a finite number`);
      else if (v <= 0) issues.add([i, j], `${v} is not positive; pairwise judgments are ratios`, 'a positive number such as 3 or 1/3');
      else if (i === j && Math.abs(v - 1) > RECIPROCAL_TOLERANCE)
        issues.add([i, j], `the diagonal must be 1 (an element compared with itself), found ${v}`, '1');
    }
  }
  issues.throwIfAny();
  let incomplete = false;
  for (let i = 0; i < n; i++) {
    m[i][i] = 1;
    for (let j = i + 1; j < n; j++) {
      const a = m[i][j];
      const b = m[j][i];
      if (a === null && b === null) {
        incomplete = true;
        continue;
      }
      if (a === null || b === null) {
        const [gi, gj, g] = a === null ? [j, i, b as number] : [i, j, a];
        m[gj][gi] = 1 / g;
        warnings.push(`[${gj}][${gi}] was missing; used the reciprocal of [${gi}][${gj}] = ${formatJudgment(g)}`);
        continue;
      }
      if (Math.abs(a * b - 1) <= RECIPROCAL_TOLERANCE) continue;
      const sa = snapToScale(a);
      const sb = snapToScale(b);
      if (sa !== undefined && sb !== undefined && Math.abs(sa * sb - 1) < 1e-12) {
        m[i][j] = sa;
        m[j][i] = sb;
        warnings.push(
          `[${i}][${j}] = ${a} and [${j}][${i}] = ${b} were snapped to ${formatJudgment(sa)} and ${formatJudgment(sb)} (within 1 % of the scale)`,
        );
        continue;
      }
      issues.add(
        [j, i],
        `${b} is not the reciprocal of [${i}][${j}] = ${a} (a_ji must equal 1/a_ij = ${Number((1 / a).toPrecision(6))})`,
        `1/${formatJudgment(a)}`,
      );
    }
  }
  issues.throwIfAny();
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const v = m[i][j];
      if (v === null || i === j) continue;
      if (scale === 'saaty') {
        if (v < 1 / 9 - 1e-12 || v > 9 + 1e-12) {
          issues.add([i, j], `${formatJudgment(v)} is outside Saaty's 1–9 scale`, '1/9 … 9 (or scale "any" for other ratio scales)');
        } else if (j > i) {
          const s = snapToScale(v);
          if (s === undefined) warnings.push(`[${i}][${j}] = ${formatJudgment(v)} is between scale values (accepted)`);
          else if (s !== v) {
            m[i][j] = s;
            m[j][i] = 1 / s;
            warnings.push(`[${i}][${j}] = ${v} was snapped to ${formatJudgment(s)} (within 1 % of the scale)`);
          }
        }
      }
    }
  }
  issues.throwIfAny();
  return { n, matrix: m, warnings, incomplete };
}
