/**
 * Random consistency indices RI(n) for AHP's consistency ratio CR = CI / RI(n) (SPEC §3.1).
 * RI(n) is the mean CI of random reciprocal matrices on the 1–9 scale; the published tables
 * differ by simulation, so the table used is always named in a result.
 */

/** Names of the shipped RI tables. */
export type RiTableName = 'saaty' | 'chinese' | 'saaty2005' | 'donegan-dodd' | 'alonso-lamata' | 'tummala-ling';

export const RI_TABLE_NAMES: readonly RiTableName[] = ['saaty', 'chinese', 'saaty2005', 'donegan-dodd', 'alonso-lamata', 'tummala-ling'];

/** RI values for n = 1, 2, 3, … (index n − 1). */
const RI_TABLES: Record<RiTableName, readonly number[]> = {
  // Saaty, "The Analytic Hierarchy Process", McGraw-Hill 1980, n = 1…15 (the table yaahp and
  // most English textbooks print).
  saaty: [0, 0, 0.58, 0.9, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59],
  // The table of Chinese textbooks (e.g. 姜启源《数学模型》, 许树柏《层次分析法原理》 1988), n = 1…15.
  chinese: [0, 0, 0.52, 0.89, 1.12, 1.26, 1.36, 1.41, 1.46, 1.49, 1.52, 1.54, 1.56, 1.58, 1.59],
  // Saaty, "Theory and Applications of the Analytic Network Process", RWS 2005, n = 1…10;
  // n = 11…15 from Saaty & Tran, Math. Comput. Modelling 46 (2007) 962–975, table 1.
  saaty2005: [0, 0, 0.52, 0.89, 1.11, 1.25, 1.35, 1.4, 1.45, 1.49, 1.52, 1.54, 1.56, 1.58, 1.59],
  // Donegan & Dodd, Math. Comput. Modelling 15(10) (1991) 135–137, n = 1…15.
  'donegan-dodd': [0, 0, 0.4914, 0.8286, 1.0591, 1.1797, 1.2519, 1.3171, 1.3733, 1.4055, 1.4213, 1.4497, 1.4643, 1.4822, 1.4969],
  // Alonso & Lamata, Int. J. Uncertainty, Fuzziness and Knowledge-Based Systems 14(4) (2006)
  // 445–459, table 2, n = 1…15; beyond it their fit λ̄max = 2.7699n − 4.3513, i.e.
  // RI = (1.7699n − 4.3513)/(n − 1).
  'alonso-lamata': [0, 0, 0.5247, 0.8816, 1.1086, 1.2479, 1.3417, 1.4057, 1.4499, 1.4854, 1.514, 1.5365, 1.5551, 1.5713, 1.5838],
  // Tummala & Ling, J. Global Optimization 12 (1998) 29–40 (as tabulated by Alonso & Lamata
  // 2006, table 1), n = 1…15.
  'tummala-ling': [0, 0, 0.5799, 0.8921, 1.1159, 1.2358, 1.3322, 1.3952, 1.4537, 1.4882, 1.5117, 1.5356, 1.5571, 1.5714, 1.5831],
};

/** The largest n each table covers (alonso-lamata extends by its formula). */
export function riTableSize(table: RiTableName): number {
  return table === 'alonso-lamata' ? Number.POSITIVE_INFINITY : RI_TABLES[table].length;
}

/**
 * RI(n) from `table` (default Saaty's): the mean CI = (λmax − n)/(n − 1) of random reciprocal
 * matrices on the 1–9 scale, as published (sources above). n ≤ 2 gives 0: such matrices are
 * always consistent. Throws RangeError for an unknown table or an n the table does not cover
 * (`ahp` validates both first and reports them as ValidationErrors).
 */
export function randomIndex(n: number, table: RiTableName = 'saaty'): number {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`matrix order must be a positive integer, got ${n}`);
  const t = RI_TABLES[table];
  if (t === undefined) throw new RangeError(`unknown RI table "${table}"`);
  if (n <= 2) return 0;
  if (n <= t.length) return t[n - 1];
  if (table === 'alonso-lamata') return (1.7699 * n - 4.3513) / (n - 1);
  throw new RangeError(`the ${table} RI table covers n ≤ ${t.length}, not n = ${n}`);
}
