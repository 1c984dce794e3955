/**
 * `scf-risk run STUDY`: run a study file (SPEC §7) end to end — Delphi, weighting, synthesis,
 * evaluations, sensitivity, Monte Carlo — print its tables (or JSON), and write the HTML report,
 * an XLSX of every table, or the study itself as a workbook. Exit 1 when a printed number in
 * `expect` is not reproduced.
 */

import { CheckFailedError, labelText, parseStudy, runStudy, type StudyResult, studyPlaceholders } from '@scf-risk/core';
import { studyWorkbookBytes } from '@scf-risk/io';
import { inScript, type Lang, type Table } from '@scf-risk/report';
import { studyReportHtml, studySummaryTables, studyTables } from '@scf-risk/report/html';
import { tablesWorkbook } from '@scf-risk/report/xlsx';
import { type Command, Option } from 'commander';
import { guard } from '../guard.ts';
import type { Input } from '../input.ts';
import { defaultFormat, emit, type Format } from '../output.ts';
import { startProgress } from '../progress.ts';
import { loadStudy, readStudyInput } from '../study-load.ts';
import { terminal } from '../terminal.ts';
import { checkOutput, writeOutput } from '../write-file.ts';
import { summaryOf } from './index.ts';

interface RunOptions {
  out?: string;
  xlsx?: string;
  exportStudy?: string;
  lang?: Lang;
  format?: Format;
  strict?: boolean;
  verbose?: boolean;
}

/** `--format csv`: every node's weights at full precision, one row per node. */
function weightsCsvTable(r: StudyResult, lang: Lang): Table {
  return {
    header: ['code', 'parent', 'depth', 'name', 'localWeight', 'globalWeight', 'cr'],
    rows: r.hierarchy.nodes.map((n) => [
      n.code,
      n.parent ?? '',
      n.depth,
      inScript(labelText(n.name, lang === 'en' ? 'en' : 'zh'), lang),
      n.localWeight,
      n.globalWeight,
      n.cr,
    ]),
  };
}

export function register(program: Command): void {
  program
    .command('run')
    .summary(summaryOf('run'))
    .description(
      [
        'run a study file (YAML, JSON, or a study workbook .xlsx) end to end',
        '',
        'A study holds: title, source?, lang?, hierarchy (inline tree or {template: NAME}), ahp? options,',
        '  delphi? {indicators?, scale?, rounds: [{scores}], prune?}, weighting? {CODE: {method: fixed|ahp|',
        '  group-ahp|ifahp|g1|entropy|critic|combine, …}}, alternatives? (list of {id, name?, values?, votes?}',
        '  or {file: data.csv}), evaluation? [{method: fce|scorecard|topsis|gra|gra-factors, …}],',
        '  sensitivity?, monteCarlo? {draws, seed, concentration}, expect? {digits, globalWeights, ranking, …}.',
        'Output: a summary (ranking with grades, criteria weights and the heaviest indicators, consistency,',
        '  Delphi, robustness, the checks against `expect`: exit 1 if any fails); --verbose adds every table:',
        '  the hierarchy with local/global weights and CRs, every node’s weighting, Delphi rounds,',
        '  evaluations, sensitivity, rank probabilities and each check. The HTML report holds both.',
      ].join('\n'),
    )
    .argument('<study>', 'the study file (.yaml, .json or .xlsx)')
    .option('--out <file>', 'write the self-contained HTML report to FILE')
    .option('--xlsx <file>', 'write every result table to FILE (one sheet per table, numbers as numbers)')
    .option('--export-study <file>', 'write the study itself as a workbook (.xlsx) that `run` reads back')
    .addOption(
      new Option(
        '--lang <lang>',
        'language of names, tables and the report: en, zh (Simplified) or zh-Hant (Traditional); default: the study’s lang, else en',
      ).choices(['en', 'zh', 'zh-Hant']),
    )
    .addOption(
      new Option(
        '--format <format>',
        'output format (default: table on a terminal, json when piped; csv: the hierarchy’s weights)',
      ).choices(['json', 'table', 'csv']),
    )
    .option('--verbose', 'print every table of the study after the summary')
    .option(
      '--strict',
      'exit 1 when a judgment or a level has CR ≥ 0.10, or an entry is still a placeholder (placeholder: true, as `new` writes them); the result is still printed',
    )
    .addHelpText(
      'after',
      '\nExamples:\n  scf-risk run examples/studies/jd-scf.yaml --out reports/jd-study.html\n  scf-risk run examples/studies/b2b-platforms.yaml --format json\n  scf-risk run examples/studies/ztmg-gra.yaml --export-study /tmp/ztmg.xlsx\n',
    )
    .action(async (file: string, opts: RunOptions) => {
      let input: Input | undefined;
      await guard(
        async () => {
          input = await readStudyInput(file);
          for (const out of [opts.out, opts.xlsx, opts.exportStudy]) if (out) await checkOutput(out); // before the work
          const loaded = { data: await loadStudy(input) };
          const study = parseStudy(loaded.data);
          const lang = opts.lang ?? study.lang ?? 'en';
          const progress = startProgress(1, 'study'); // the number of steps comes with the first one
          const result = runStudy(loaded.data, { onStep: (done, total, step) => progress.update(done, step, total) });
          progress.stop();
          const notes: string[] = result.warnings.map((w) => `warning: ${w}`);
          if (opts.out) notes.push(`HTML report written to ${await writeOutput(opts.out, studyReportHtml(study, result, lang))}`);
          if (opts.xlsx) {
            const bytes = new Uint8Array(await tablesWorkbook(studyTables(result, lang, study)).xlsx.writeBuffer());
            notes.push(`result tables written to ${await writeOutput(opts.xlsx, bytes)}`);
          }
          if (opts.exportStudy)
            notes.push(`study workbook written to ${await writeOutput(opts.exportStudy, await studyWorkbookBytes(loaded.data))}`);
          if (result.checks.length > 0)
            notes.push(`${result.checks.filter((c) => c.match).length}/${result.checks.length} printed numbers reproduced`);
          const format = opts.format ?? defaultFormat();
          emit(result, format, {
            tables: (r) =>
              format === 'csv'
                ? [weightsCsvTable(r, lang)]
                : [...studySummaryTables(r, lang, study), ...(opts.verbose ? studyTables(r, lang, study) : [])],
            notes: () => notes,
          });
          if (format === 'json') for (const n of notes) terminal().stderr.write(`${n}\n`);
          const placeholders = studyPlaceholders(study);
          if (opts.strict && placeholders.length > 0)
            throw new CheckFailedError(
              `the study still has ${placeholders.length} placeholder${placeholders.length === 1 ? '' : 's'} (--strict): ${placeholders.map((p) => p.path.join('.')).join(', ')}; fill ${placeholders.length === 1 ? 'it' : 'them'} in and delete "placeholder: true"`,
            );
          if (opts.strict && !result.hierarchy.consistent) throw new CheckFailedError('a judgment or a level has CR ≥ 0.10 (--strict)');
          if (!result.reproduced) {
            const bad = result.checks
              .filter((c) => !c.match)
              .map((c) => `${c.what} ${c.code}: printed ${c.printed}, computed ${c.computed ?? 'none'}`);
            throw new CheckFailedError(`not reproduced: ${bad.join('; ')}`);
          }
        },
        () => input,
      );
    });
}
