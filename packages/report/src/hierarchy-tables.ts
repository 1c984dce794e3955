/** The indicator hierarchy as tables: the indented tree with weights and CRs, level consistency. */
import { labelText, type SynthesisResult } from '@scf-risk/core';
import { header, yesNo } from './labels.ts';
import { inScript, type Lang, labelLang } from './script.ts';
import { fmt, type Table } from './table.ts';

/**
 * The indented tree table (code, name, local weight, global weight, CR of the node's judgment) and
 * the total-ranking CR of each level; English, or Chinese in the script of `lang`.
 */
export function hierarchyTables(r: SynthesisResult, lang: Lang = 'en'): Table[] {
  const zh = lang !== 'en';
  const tree: Table = {
    title: zh ? '指标体系' : 'Indicator hierarchy',
    header: ['code', 'name', 'local', 'global', 'CR'].map((h) => header(h, lang)),
    rows: r.nodes.map((n) => [
      `${'  '.repeat(n.depth)}${n.code}`,
      labelText(n.name, labelLang(lang)),
      n.depth === 0 ? '' : fmt(n.localWeight, 3),
      fmt(n.globalWeight, 4),
      n.cr === undefined ? '' : fmt(n.cr, 4),
    ]),
  };
  const tables = [tree];
  if (r.levels.length > 0) {
    tables.push({
      title: zh ? '层次总排序一致性（CR = Σ a_j·CI_j / Σ a_j·RI_j）' : 'Total-ranking consistency by level (CR = Σ a_j·CI_j / Σ a_j·RI_j)',
      header: ['level', 'CR', 'consistent', 'judgments'].map((h) => header(h, lang)),
      rows: r.levels.map((l) => [l.depth, fmt(l.cr, 4), yesNo(l.consistent, lang), l.judgments]),
    });
  }
  const s = (x: string) => inScript(x, lang);
  return tables.map((t) => ({
    title: s(t.title ?? ''),
    header: t.header.map(s),
    rows: t.rows.map((row) => row.map((c) => (typeof c === 'string' ? s(c) : c))),
  }));
}
