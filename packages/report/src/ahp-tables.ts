/**
 * The AHP table views a yaahp user recognises: weights with ranks, λmax/CI/RI/CR, the judgments
 * to revisit, matrices with labelled rows and columns.
 */
import { type AhpResult, formatJudgment, type Label, labelText, rankDescending, snapToScale } from '@scf-risk/core/ahp';
import { fmt, type Table } from './table.ts';

/** The name of element i: its label, or its index. */
export function elementName(labels: Label[] | undefined, i: number): string {
  return labels ? labelText(labels[i]) || String(i) : String(i);
}

/** Weights with ranks. */
export function weightTable(weights: number[], labels: Label[] | undefined, title = 'Weights'): Table {
  const ranks = rankDescending(weights);
  return { title, header: ['element', 'weight', 'rank'], rows: weights.map((w, i) => [elementName(labels, i), fmt(w, 4), ranks[i]]) };
}

/** λmax, CI, RI, CR and the verdict. */
export function consistencyTable(
  r: Pick<AhpResult, 'lambdaMax' | 'lambdaMethod' | 'ci' | 'ri' | 'riTable' | 'cr' | 'consistent' | 'method' | 'n'>,
): Table {
  return {
    title: 'Consistency',
    header: ['n', 'method', 'λmax', 'CI', 'RI', 'CR', 'consistent'],
    rows: [
      [
        r.n,
        r.method,
        `${fmt(r.lambdaMax, 4)} (${r.lambdaMethod})`,
        fmt(r.ci, 4),
        `${fmt(r.ri, 4)} (${r.riTable})`,
        fmt(r.cr, 4),
        r.consistent ? 'yes (CR < 0.10)' : 'NO (CR ≥ 0.10)',
      ],
    ],
  };
}

/** The judgments that cause inconsistency, with proposals. */
export function pairsTable(r: Pick<AhpResult, 'inconsistentPairs' | 'labels'>): Table {
  const name = (i: number) => elementName(r.labels, i);
  return {
    title: 'Judgments to revisit (largest deviation ε = a_ij·w_j/w_i first)',
    header: ['row', 'column', 'judgment', 'ε', 'suggested', 'CR after'],
    rows: r.inconsistentPairs.map((p) => [
      name(p.i),
      name(p.j),
      formatJudgment(p.value),
      fmt(p.epsilon, 3),
      formatJudgment(p.suggested),
      fmt(p.crAfter, 4),
    ]),
  };
}

/** A judgment as experts write it (3, 1/3) when it is a scale value, else 4 decimals. */
function cellText(v: number): string {
  const s = snapToScale(v);
  return s !== undefined && Math.abs(s - v) <= 1e-9 * s ? formatJudgment(s) : fmt(v, 4);
}

/** A matrix with labelled rows and columns (missing judgments shown as "—"), optionally with a weight column. */
export function matrixTable(m: (number | null)[][], labels: Label[] | undefined, title: string, weights?: number[]): Table {
  const names = m.map((_, i) => elementName(labels, i));
  return {
    title,
    header: ['', ...names, ...(weights ? ['weight'] : [])],
    rows: m.map((row, i) => [names[i], ...row.map((v) => (v === null ? '—' : cellText(v))), ...(weights ? [fmt(weights[i], 4)] : [])]),
  };
}

/** All tables of one AHP result. */
export function ahpTables(r: AhpResult): Table[] {
  // weights first: `--format csv` prints the first table
  const tables = [weightTable(r.weights, r.labels), consistencyTable(r)];
  if (r.matrix) tables.push(matrixTable(r.matrix, r.labels, 'Judgment matrix (as used)', r.weights));
  if (r.filledMatrix)
    tables.push(matrixTable(r.filledMatrix, r.labels, `Completed matrix (missing judgments estimated by ${r.incompleteMethod})`));
  if (r.inconsistentPairs.length > 0) tables.push(pairsTable(r));
  if (r.repairedMatrix)
    tables.push(
      matrixTable(r.repairedMatrix, r.labels, `Repaired matrix (a proposal, CR = ${fmt(r.repairedCr, 4)}; your matrix is unchanged)`),
    );
  return tables;
}
