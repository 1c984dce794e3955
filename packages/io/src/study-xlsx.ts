/**
 * A study as an Excel workbook, in the layouts people keep such data in (SPEC §7):
 *   hierarchy   one row per node: code, parent, name.zh, name.en, weight, kind, direction,
 *               unit, scorer, source, description, more (JSON of any other field, e.g. a rule);
 *   judgments   long format: node, part (''|subjective|objective), expert, expertWeight, row,
 *               column, value — every pairwise matrix of the weighting section;
 *   weighting   node, spec (JSON of the entry without its matrices);
 *   alternatives  wide: id, name, then a column per indicator code;
 *   votes       long: id, indicator, then one column per grade;
 *   study       field, value (JSON) for everything else (title, Delphi, evaluation, expect, …).
 * Exporting then importing gives the same study; import errors name the sheet and cell.
 */

import { ValidationError } from '@scf-risk/core';
import type ExcelJS from 'exceljs';
import type { FileBytes } from './file.ts';
import { excel, loadWorkbook } from './grid.ts';
import { type DataTable, numberCell, workbookTable } from './tables.ts';

type Obj = Record<string, unknown>;
const NODE_FIELDS = [
  'code',
  'parent',
  'name.zh',
  'name.en',
  'weight',
  'kind',
  'direction',
  'unit',
  'scorer',
  'source',
  'description',
  'more',
];
const PLAIN = ['weight', 'kind', 'direction', 'unit', 'scorer', 'source', 'description'];

function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function sheet(wb: ExcelJS.Workbook, name: string, header: string[], rows: unknown[][]): void {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.addRow(header).font = { bold: true };
  for (const r of rows) ws.addRow(r.map((c) => (c === undefined ? null : c)));
}

/** Matrices of a weighting entry, as long rows; returns the entry without them. */
function splitJudgments(node: string, spec: Obj, part: string, out: unknown[][]): Obj {
  const rest: Obj = { ...spec };
  const put = (m: unknown, expert: string, weight: unknown) => {
    (m as unknown[][]).forEach((row, i) => {
      row.forEach((v, j) => {
        out.push([node, part, expert, weight ?? null, i + 1, j + 1, v ?? null]);
      });
    });
  };
  if (spec.method === 'ahp' && Array.isArray(spec.matrix)) {
    put(spec.matrix, '', null);
    delete rest.matrix;
  }
  if (spec.method === 'group-ahp' && Array.isArray(spec.experts)) {
    (spec.experts as Obj[]).forEach((e, k) => {
      put(e.matrix, String(e.id ?? `expert ${k + 1}`), e.weight);
    });
    delete rest.experts;
  }
  for (const p of ['subjective', 'objective']) if (isObject(spec[p])) rest[p] = splitJudgments(node, spec[p] as Obj, p, out);
  return rest;
}

/** Build the workbook of a (resolved) study. */
export async function studyWorkbook(study: Obj): Promise<ExcelJS.Workbook> {
  const wb = new (await excel()).Workbook();
  wb.creator = 'scf-risk';
  const nodes: unknown[][] = [];
  const walk = (n: Obj, parent: string | null) => {
    const name = n.name;
    const more: Obj = {};
    for (const [k, v] of Object.entries(n)) if (!['code', 'name', 'children', ...PLAIN].includes(k)) more[k] = v;
    nodes.push([
      n.code,
      parent,
      isObject(name) ? (name.zh ?? null) : null,
      isObject(name) ? (name.en ?? null) : (name ?? null),
      ...PLAIN.map((k) => n[k] ?? null),
      Object.keys(more).length > 0 ? JSON.stringify(more) : null,
    ]);
    for (const c of (n.children as Obj[] | undefined) ?? []) walk(c, String(n.code));
  };
  walk(study.hierarchy as Obj, null);
  sheet(wb, 'hierarchy', NODE_FIELDS, nodes);
  const judgments: unknown[][] = [];
  const weighting = Object.entries((study.weighting as Obj | undefined) ?? {}).map(([node, spec]) => [
    node,
    JSON.stringify(splitJudgments(node, spec as Obj, '', judgments)),
  ]);
  sheet(wb, 'weighting', ['node', 'spec'], weighting);
  sheet(wb, 'judgments', ['node', 'part', 'expert', 'expertWeight', 'row', 'column', 'value'], judgments);
  const alts = (study.alternatives as Obj[] | undefined) ?? [];
  const codes = [...new Set(alts.flatMap((a) => Object.keys((a.values as Obj | undefined) ?? {})))];
  sheet(
    wb,
    'alternatives',
    ['id', 'name', ...codes],
    alts.map((a) => [
      a.id,
      a.name === undefined ? null : typeof a.name === 'string' ? a.name : JSON.stringify(a.name),
      ...codes.map((c) => (a.values as Obj | undefined)?.[c] ?? null),
    ]),
  );
  const grades = Math.max(0, ...alts.flatMap((a) => Object.values((a.votes as Obj | undefined) ?? {}).map((v) => (v as unknown[]).length)));
  const votes = alts.flatMap((a) =>
    Object.entries((a.votes as Obj | undefined) ?? {}).map(([code, v]) => [a.id, code, ...(v as number[])]),
  );
  sheet(wb, 'votes', ['id', 'indicator', ...Array.from({ length: grades }, (_, k) => `grade ${k + 1}`)], votes);
  const settings = Object.entries(study).filter(([k]) => !['hierarchy', 'weighting', 'alternatives'].includes(k));
  sheet(
    wb,
    'study',
    ['field', 'value'],
    settings.map(([k, v]) => [k, JSON.stringify(v)]),
  );
  return wb;
}

function text(t: DataTable, r: number, c: number): string | undefined {
  const v = t.rows[r][c];
  return v === null || v === '' ? undefined : String(v);
}

function json(t: DataTable, r: number, c: number): unknown {
  const s = text(t, r, c);
  if (s === undefined) return undefined;
  try {
    return JSON.parse(s);
  } catch {
    throw new ValidationError([
      { path: [], message: `${t.where(r, c)}: not valid JSON`, allowed: 'a JSON value, e.g. {"method": "fixed"}' },
    ]);
  }
}

function col(t: DataTable, name: string): number {
  const c = t.header.indexOf(name);
  if (c < 0)
    throw new ValidationError([
      { path: [], message: `${t.file}, sheet ${t.sheet}: no column "${name}" in row 1`, allowed: t.header.join(', ') },
    ]);
  return c;
}

function num(t: DataTable, r: number, c: number): number | undefined {
  return numberCell(t, r, c) ?? undefined;
}

/** The study workbook of a (resolved) study as XLSX bytes. */
export async function studyWorkbookBytes(study: Obj): Promise<Uint8Array> {
  return new Uint8Array(await (await studyWorkbook(study)).xlsx.writeBuffer());
}

/** Read a study workbook back into study data (the inverse of `studyWorkbook`). */
export async function importStudyWorkbook(input: FileBytes): Promise<Obj> {
  const file = input.name;
  const wb = await loadWorkbook(input);
  const sheetTable = (sheet: string) => workbookTable(file, wb, sheet);
  const h = sheetTable('hierarchy');
  const byCode = new Map<string, Obj>();
  let root: Obj | undefined;
  h.rows.forEach((_, r) => {
    const code = text(h, r, col(h, 'code'));
    if (!code) throw new ValidationError([{ path: [], message: `${h.where(r, col(h, 'code'))}: a node needs a code` }]);
    const zh = text(h, r, col(h, 'name.zh'));
    const en = text(h, r, col(h, 'name.en'));
    const node: Obj = { code, name: zh === undefined ? (en ?? code) : { zh, ...(en === undefined ? {} : { en }) } };
    for (const k of PLAIN) {
      const c = col(h, k);
      const v = k === 'weight' ? num(h, r, c) : text(h, r, c);
      if (v !== undefined) node[k] = v;
    }
    Object.assign(node, json(h, r, col(h, 'more')) ?? {});
    const parent = text(h, r, col(h, 'parent'));
    if (parent === undefined) {
      if (root)
        throw new ValidationError([
          { path: [], message: `${h.where(r, col(h, 'parent'))}: a second root (${code}); only the goal has no parent` },
        ]);
      root = node;
    } else {
      const p = byCode.get(parent);
      if (!p)
        throw new ValidationError([
          { path: [], message: `${h.where(r, col(h, 'parent'))}: parent "${parent}" is not listed above this row` },
        ]);
      ((p.children as Obj[] | undefined) ?? (p.children = [])).push(node);
    }
    byCode.set(code, node);
  });
  if (!root) throw new ValidationError([{ path: [], message: `${file}, sheet hierarchy: no nodes` }]);
  const study: Obj = {};
  const s = sheetTable('study');
  s.rows.forEach((_, r) => {
    const field = text(s, r, col(s, 'field'));
    if (field) study[field] = json(s, r, col(s, 'value'));
  });
  study.hierarchy = root;
  const w = sheetTable('weighting');
  const j = sheetTable('judgments');
  const weighting: Obj = {};
  w.rows.forEach((_, r) => {
    const node = text(w, r, col(w, 'node'));
    if (node) weighting[node] = json(w, r, col(w, 'spec'));
  });
  j.rows.forEach((_, r) => {
    const node = text(j, r, col(j, 'node')) ?? '';
    const part = text(j, r, col(j, 'part'));
    const entry = weighting[node] as Obj | undefined;
    if (!entry)
      throw new ValidationError([{ path: [], message: `${j.where(r, col(j, 'node'))}: node "${node}" has no row in the weighting sheet` }]);
    const spec = (part ? entry[part] : entry) as Obj;
    const [i, k] = [num(j, r, col(j, 'row')), num(j, r, col(j, 'column'))];
    if (!(i !== undefined && k !== undefined && Number.isInteger(i) && Number.isInteger(k) && i >= 1 && k >= 1))
      throw new ValidationError([{ path: [], message: `${j.where(r, col(j, 'row'))}: row and column must be whole numbers ≥ 1` }]);
    const value = j.rows[r][col(j, 'value')];
    let matrix: unknown[][];
    if (spec.method === 'group-ahp') {
      const id = text(j, r, col(j, 'expert')) ?? 'expert';
      const experts = ((spec.experts as Obj[] | undefined) ?? (spec.experts = [])) as Obj[];
      let e = experts.find((x) => x.id === id);
      if (!e) {
        e = { id, matrix: [] };
        const ew = num(j, r, col(j, 'expertWeight'));
        if (ew !== undefined) e.weight = ew;
        experts.push(e);
      }
      matrix = e.matrix as unknown[][];
    } else matrix = ((spec.matrix as unknown[][] | undefined) ?? (spec.matrix = [])) as unknown[][];
    (matrix[i - 1] ??= [])[k - 1] = value;
  });
  if (Object.keys(weighting).length > 0) study.weighting = weighting;
  const a = sheetTable('alternatives');
  const alts: Obj[] = a.rows.map((_, r) => {
    const alt: Obj = { id: text(a, r, 0) ?? String(r + 1) };
    const name = text(a, r, col(a, 'name'))?.startsWith('{') ? json(a, r, col(a, 'name')) : text(a, r, col(a, 'name'));
    if (name !== undefined) alt.name = name;
    const values: Obj = {};
    a.header.forEach((code, c) => {
      if (c < 2) return;
      const v = num(a, r, c);
      if (v !== undefined) values[code] = v;
    });
    if (Object.keys(values).length > 0) alt.values = values;
    return alt;
  });
  const v = sheetTable('votes');
  v.rows.forEach((_, r) => {
    const id = text(v, r, 0);
    const alt = alts.find((x) => x.id === id);
    if (!alt) throw new ValidationError([{ path: [], message: `${v.where(r, 0)}: "${id}" is not in the alternatives sheet` }]);
    const counts = v.header
      .slice(2)
      .map((_, k) => num(v, r, k + 2))
      .filter((x) => x !== undefined);
    ((alt.votes as Obj | undefined) ?? (alt.votes = {}))[text(v, r, 1) ?? ''] = counts;
  });
  if (alts.length > 0) study.alternatives = alts;
  return study;
}
