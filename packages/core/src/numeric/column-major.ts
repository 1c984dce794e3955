/**
 * Column-major numeric data for batch work over whole portfolios (SPEC §4.6):
 * m alternatives (rows) × n indicators (columns); column j occupies data[j·m … j·m + m − 1],
 * so one indicator streams contiguously through memory.
 */
export interface ColumnMajor {
  /** Number of alternatives (rows). */
  rows: number;
  /** Number of indicators (columns). */
  cols: number;
  /** rows × cols values, column after column. */
  data: Float64Array;
}

/** Build column-major data from row-major arrays (the small API's layout). */
export function toColumnMajor(matrix: readonly (readonly number[])[]): ColumnMajor {
  const rows = matrix.length;
  const cols = rows > 0 ? matrix[0].length : 0;
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) data[j * rows + i] = matrix[i][j];
  return { rows, cols, data };
}

/** Value at (row i, column j). */
export function cmAt(x: ColumnMajor, i: number, j: number): number {
  return x.data[j * x.rows + i];
}
