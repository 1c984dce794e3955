/**
 * A table cell read as a number (CSV and XLSX portfolios, study data files): SPEC §10's cell rule.
 */
import { ValidationError } from '../errors.ts';

/**
 * The number in a table cell: numbers as they are, text with thousands separators removed; an
 * empty cell is null. Anything else is a ValidationError naming the cell (`where`, asked only then).
 */
export function cellNumber(v: string | number | null, where: () => string): number | null {
  if (v === null) return null;
  if (typeof v === 'string' && v.includes(','))
    throw new ValidationError([
      {
        path: [],
        message: `${where()}: "${v}" has a comma (a decimal comma or a thousands separator)`,
        allowed: 'a plain number with a decimal point, such as 1.5 or 1234.5',
      },
    ]);
  const x = typeof v === 'number' ? v : Number(v);
  if (!Number.isFinite(x) || (typeof v === 'string' && v.trim() === '')) {
    throw new ValidationError([{ path: [], message: `${where()}: "${v}" is not a number` }]);
  }
  return x;
}
