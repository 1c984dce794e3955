/** The indicator hierarchy as tables: the indented tree with weights and CRs, level consistency. */
import { labelText, type SynthesisResult } from '@scf-risk/core';
import { fmt, type Table } from './table.ts';

type Lang = 'zh' | 'en';

/** The indented tree table: code, name, local weight, global weight, CR of the node's judgment. */
export function hierarchyTables(r: SynthesisResult, lang: Lang = 'en'): Table[] {
  const tree: Table = {
    title: 'Indicator hierarchy',
    header: ['code', 'name', 'local', 'global', 'CR'],
    rows: r.nodes.map((n) => [
      `${'  '.repeat(n.depth)}${n.code}`,
      labelText(n.name, lang),
      n.depth === 0 ? '' : fmt(n.localWeight, 3),
      fmt(n.globalWeight, 4),
      n.cr === undefined ? '' : fmt(n.cr, 4),
    ]),
  };
  const tables = [tree];
  if (r.levels.length > 0) {
    tables.push({
      title: 'Total-ranking consistency by level (CR = Σ a_j·CI_j / Σ a_j·RI_j)',
      header: ['level', 'CR', 'consistent', 'judgments'],
      rows: r.levels.map((l) => [l.depth, fmt(l.cr, 4), l.consistent ? 'yes' : 'NO', l.judgments]),
    });
  }
  return tables;
}
