/**
 * Resolving a study's references (SPEC §7) through an injected reader, so the same rules serve
 * files on disk (the CLI), uploads (the server) and anything else that can hand over parsed data:
 *
 * - `hierarchy: {template: NAME}` → the shipped template (or the reader's own `template`);
 * - `alternatives: {file, sheet?}` → one alternative per row of the table: the id in the first
 *   column, a number per indicator column (empty = no value);
 * - `weighting.CODE: {method: ahp|group-ahp, file, layout?}` → the expert matrices of the file
 *   (one matrix for `ahp`, every expert for `group-ahp`);
 * - `delphi.rounds[k]: {file, round?, sheet?}` → that round's scores (and the indicators, when the
 *   study does not list them).
 *
 * Errors carry paths into the study (`weighting.G.file`), so a front can add file and line; the
 * messages of what the reader parsed name the referenced file, sheet and cell. Core reads nothing
 * itself: `@scf-risk/io` parses bytes, the caller decides where the bytes come from.
 *
 * @example await resolveStudy({ title: 'T', hierarchy: { template: 'ztmg' } }, reader)
 */
import { type PathSegment, ValidationError } from '../errors.ts';
import { template as shippedTemplate } from '../hierarchy/templates.ts';
import { cellNumber } from '../numeric/cell-number.ts';
import { type ImportedDelphiAnswers, roundScores } from '../weighting/delphi-answers.ts';

/** A table as a reader parsed it: a header row, data rows, and where each data cell stands. */
export interface StudyTable {
  header: string[];
  rows: (string | number | null)[][];
  /** `data.csv, row 3, column "X"` or `data.xlsx, sheet S, cell B3` for data cell (r, c), 0-based. */
  where(r: number, c: number): string;
}

/** Experts' pairwise matrices as a reader parsed them (null = a missing judgment). */
export interface StudyJudgments {
  experts: { id: string; weight?: number; matrix: (number | null)[][] }[];
}

/** A data-file reference as the study writes it (`file` as written, relative to wherever the reader decides). */
export interface StudyFileRef {
  file: string;
  sheet?: string;
}

/** Where a study's references come from. Each method throws ValidationError for a bad file. */
export interface StudyReader {
  /** The hierarchy of template `name`; default: the shipped catalogue. */
  template?(name: string): unknown | Promise<unknown>;
  /** A table file (CSV, XLSX, JSON), for `alternatives: {file}`. */
  table(ref: StudyFileRef): Promise<StudyTable>;
  /** A judgments file (a sheet per expert, long, or one matrix), for weighting entries with `file`. */
  judgments(ref: { file: string; layout?: string }): Promise<StudyJudgments>;
  /** A Delphi answers file (wide or long), for Delphi rounds with `file`. */
  delphiAnswers(ref: StudyFileRef): Promise<ImportedDelphiAnswers>;
}

type Obj = Record<string, unknown>;

function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Run `f`; a ValidationError it throws gets `path` put in front of its issues' paths. */
async function under<T>(path: PathSegment[], f: () => T | Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    throw e instanceof ValidationError ? e.at(...path) : e;
  }
}

async function alternativesFromFile(ref: Obj, reader: StudyReader): Promise<unknown[]> {
  const unknownKeys = Object.keys(ref).filter((k) => k !== 'file' && k !== 'sheet');
  if (typeof ref.file !== 'string' || unknownKeys.length > 0)
    throw new ValidationError([
      {
        path: ['alternatives'],
        message: 'a data-file reference is {file, sheet?}',
        allowed: 'a list of alternatives, or {file: data.csv}',
      },
    ]);
  const table = await reader.table({ file: ref.file, ...(typeof ref.sheet === 'string' ? { sheet: ref.sheet } : {}) });
  const issues: { path: string[]; message: string }[] = [];
  const alts = table.rows.map((row, i) => {
    const values: Record<string, number> = {};
    table.header.forEach((h, c) => {
      if (c === 0) return;
      try {
        const v = cellNumber(row[c], () => table.where(i, c));
        if (v !== null) values[h] = v;
      } catch (e) {
        if (e instanceof ValidationError) issues.push(...e.issues.map((x) => ({ ...x, path: ['alternatives'] })));
        else throw e;
      }
    });
    return { id: String(row[0] ?? i + 1), values };
  });
  if (issues.length > 0) throw new ValidationError(issues);
  return alts;
}

async function judgmentsFromFiles(weighting: Obj, reader: StudyReader): Promise<Obj> {
  const out: Obj = {};
  for (const [code, entry] of Object.entries(weighting)) {
    if (!isObject(entry) || typeof entry.file !== 'string') {
      out[code] = entry;
      continue;
    }
    const { file, layout, ...rest } = entry;
    const imported = await under(['weighting', code, 'file'], () =>
      reader.judgments({ file, ...(typeof layout === 'string' ? { layout } : {}) }),
    );
    const experts = imported.experts.map((e) => ({ id: e.id, ...(e.weight === undefined ? {} : { weight: e.weight }), matrix: e.matrix }));
    if (rest.method === 'ahp') {
      if (experts.length !== 1)
        throw new ValidationError([
          {
            path: ['weighting', code, 'file'],
            message: `${file} holds ${experts.length} experts' matrices`,
            allowed: 'method: group-ahp for a panel',
          },
        ]);
      out[code] = { ...rest, matrix: experts[0].matrix };
    } else out[code] = { ...rest, experts };
  }
  return out;
}

async function delphiFromFiles(delphi: Obj, reader: StudyReader): Promise<Obj> {
  let indicators = delphi.indicators;
  const rounds = [];
  for (const [k, r] of (delphi.rounds as unknown[]).entries()) {
    if (!isObject(r) || typeof r.file !== 'string') {
      rounds.push(r);
      continue;
    }
    const { file, round, sheet, ...rest } = r;
    const at = ['delphi', 'rounds', k, 'file'];
    const imported = await under(at, () => reader.delphiAnswers({ file, ...(typeof sheet === 'string' ? { sheet } : {}) }));
    const n = typeof round === 'number' ? round : imported.rounds[Math.min(k, imported.rounds.length - 1)];
    const got = await under(at, () => roundScores(imported, n, file, Array.isArray(indicators) ? (indicators as string[]) : undefined));
    indicators ??= got.indicators;
    rounds.push({ name: `round ${n}`, ...rest, experts: got.experts, scores: got.scores });
  }
  return { ...delphi, ...(indicators ? { indicators } : {}), rounds };
}

/**
 * A copy of the study `document` with its references replaced by their data (see the module
 * comment); everything else is left for the study schema to check. Throws ValidationError with
 * paths into the study.
 */
export async function resolveStudy(document: unknown, reader: StudyReader): Promise<Obj> {
  if (!isObject(document))
    throw new ValidationError([
      { path: [], message: 'a study file is an object', allowed: 'title, hierarchy, weighting, alternatives, …' },
    ]);
  const data = { ...document };
  if (isObject(data.hierarchy) && 'template' in data.hierarchy) {
    const { template, ...rest } = data.hierarchy;
    if (typeof template !== 'string' || Object.keys(rest).length > 0)
      throw new ValidationError([
        {
          path: ['hierarchy', 'template'],
          message: 'a template reference is {template: NAME} alone',
          allowed: 'scf-risk templates lists the names',
        },
      ]);
    data.hierarchy = await under(['hierarchy', 'template'], () =>
      reader.template ? reader.template(template) : shippedTemplate(template),
    );
  }
  if (isObject(data.alternatives)) data.alternatives = await alternativesFromFile(data.alternatives, reader);
  if (isObject(data.weighting)) data.weighting = await judgmentsFromFiles(data.weighting, reader);
  if (isObject(data.delphi) && Array.isArray(data.delphi.rounds)) data.delphi = await delphiFromFiles(data.delphi, reader);
  return data;
}
