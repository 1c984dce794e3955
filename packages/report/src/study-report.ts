/**
 * A study's self-contained HTML report: the summary first (ranking with grades, criteria weights
 * and the heaviest indicators, consistency, Delphi, robustness, checks), a table of contents, then
 * the details — the indicator system (table, tree, weight chart), Delphi rounds, each node's
 * weighting, the evaluations (tables, radar of criterion scores, grey relational degrees), the
 * sensitivity and rank probabilities (table, heat map), the checks and the warnings.
 */
import type { Study, StudyResult } from '@scf-risk/core';
import { labelText } from '@scf-risk/core';
import {
  type ChartSpec,
  consensusBars,
  degreeBars,
  hierarchyTree,
  radar,
  rankHeatmap,
  scaleBars,
  type TreeChartNode,
  uncertaintyBoxes,
  weightBars,
} from './charts.ts';
import { type ReportBlock, type ReportSection, renderReport } from './html.ts';
import { word } from './labels.ts';
import { type Lang, labelLang } from './script.ts';
import { STUDY_HEADINGS, studySummary, studyTableGroups } from './study-tables.ts';
import { fmt, type Table } from './table.ts';

export * from './study-tables.ts';

const say = (p: { en: string; zh: string }, lang: Lang) => (lang === 'en' ? p.en : p.zh);

function treeChart(result: StudyResult, lang: Lang): TreeChartNode {
  const nodes = result.hierarchy.nodes;
  const build = (code: string): TreeChartNode => {
    const n = nodes.find((x) => x.code === code);
    const kids = nodes.filter((x) => x.parent === code).map((x) => x.code);
    const gw = n?.globalWeight;
    const name = `${code} ${labelText(n?.name, labelLang(lang))}${gw !== null && gw !== undefined && n?.depth ? ` (${fmt(gw, 3)})` : ''}`;
    return kids.length > 0 ? { name, children: kids.map(build) } : { name };
  };
  return build(nodes[0].code);
}

/** The charts of the evaluations: radar of criterion scores (fce), grey relational degrees (gra). */
function evaluationCharts(result: StudyResult, lang: Lang, study?: Study): ChartSpec[] {
  const zh = lang !== 'en';
  const ll = labelLang(lang);
  const name = (code: string) => {
    const n = result.hierarchy.nodes.find((x) => x.code === code);
    return n ? `${code} ${labelText(n.name, ll)}` : code;
  };
  const alts = new Map<string, string>();
  const list = (study as { alternatives?: unknown } | undefined)?.alternatives;
  if (Array.isArray(list))
    for (const a of list as { id: string; name?: unknown }[]) if (a.name !== undefined) alts.set(a.id, labelText(a.name as never, ll));
  const charts: ChartSpec[] = [];
  for (const e of result.evaluations) {
    const first = e.fuzzy?.[0]?.result.root;
    if (e.fuzzy && first?.children) {
      const crit = first.children.map((c) => name(c.code));
      const grades = e.fuzzy[0].result.grades.map((g) => g.score);
      const hi = Math.max(...grades);
      charts.push(
        radar(
          zh ? `各准则模糊评价得分（0–${hi}，越高风险越低）` : `Fuzzy evaluation scores by criterion (0–${hi}, higher = less risk)`,
          crit,
          e.fuzzy.map((f) => ({
            name: alts.get(f.id) ?? f.id,
            values: (f.result.root.children ?? []).map((c) => Number(c.score.toFixed(4))),
          })),
          hi,
        ),
      );
    }
    if (e.factors) {
      const f = e.factors.factors;
      charts.push(
        degreeBars(
          zh
            ? `风险因素的灰色关联度（ρ = ${e.factors.rho}，按关联等级着色）`
            : `Grey relational degrees of the factors (ρ = ${e.factors.rho}, coloured by level)`,
          f.map((x) => name(x.name)),
          f.map((x) => x.degree),
          f.map((x) => x.level),
          (l) => (zh ? `第 ${l} 级` : `level ${l}`),
        ),
      );
    }
    if (e.method === 'gra' && e.rows) {
      charts.push(
        degreeBars(
          zh ? '各评价对象的灰色关联度' : 'Grey relational degree of each alternative',
          e.rows.map((r) => (alts.get(r.id) ? `${r.id} ${alts.get(r.id)}` : r.id)),
          e.rows.map((r) => r.score),
        ),
      );
    }
  }
  return charts;
}

/** The charts of the sections consensus (S* with and without each expert, per panel node), scales and uncertainty. */
function ahpAnalysisCharts(result: StudyResult, lang: Lang): { consensus: ChartSpec[]; scales?: ChartSpec; uncertainty?: ChartSpec } {
  const zh = lang !== 'en';
  const ll = labelLang(lang);
  const name = (code: string) => {
    const n = result.hierarchy.nodes.find((x) => x.code === code);
    return n ? `${code} ${labelText(n.name, ll)}` : code;
  };
  const consensus = (result.consensus?.nodes ?? []).map((n) =>
    consensusBars(
      zh
        ? `${name(n.code)}：专家群体共识度 S*（%），全体与剔除各专家后`
        : `${name(n.code)}: consensus S* (%) of the panel and without each expert`,
      n.consensus,
      n.removal,
      zh ? { panel: '全体专家', without: (id) => `剔除 ${id}` } : { panel: 'panel', without: (id) => `without ${id}` },
    ),
  );
  const sc = result.scales;
  const u = result.uncertainty;
  return {
    consensus,
    ...(sc
      ? {
          scales: scaleBars(
            say(STUDY_HEADINGS.scales, lang),
            sc.codes.map(name),
            sc.scales.map((x) => ({ scale: word(x.scale, lang), weights: x.weights })),
          ),
        }
      : {}),
    ...(u
      ? {
          uncertainty: uncertaintyBoxes(
            zh
              ? '指标全局权重的分布（最小值、2.5 %、名义权重、97.5 %、最大值）'
              : "Indicators' global weights under perturbed judgments (min, 2.5 %, nominal, 97.5 %, max)",
            (u.codes ?? []).map(name),
            u.weights,
          ),
        }
      : {}),
  };
}

/** The self-contained HTML report of a study. */
export function studyReportHtml(study: Study, result: StudyResult, lang: Lang = 'en'): string {
  const zh = lang !== 'en';
  const g = studyTableGroups(result, lang, study);
  const s = studySummary(result, lang, study);
  const tables = (ts: Table[]): ReportBlock[] => ts.map((table) => ({ table }));
  const summaryBlocks: ReportBlock[] = [];
  const [firstRanking, ...moreRankings] = s.ranking;
  if (firstRanking && s.weights[0]) summaryBlocks.push({ row: [{ table: firstRanking }, { table: s.weights[0] }] });
  else if (firstRanking) summaryBlocks.push({ table: firstRanking });
  else if (s.weights.length > 1) summaryBlocks.push({ row: [{ table: s.weights[0] }, { table: s.weights[1] }] });
  else if (s.weights[0]) summaryBlocks.push({ table: s.weights[0] });
  const shownWeights = firstRanking ? 1 : 2;
  summaryBlocks.push({ table: { ...s.facts, header: s.facts.header } });
  summaryBlocks.push(...tables(moreRankings), ...tables(s.weights.slice(shownWeights)));
  if (s.failed) summaryBlocks.push({ table: s.failed });

  const leaves = result.hierarchy.leaves.filter((l) => l.globalWeight !== null);
  const sections: ReportSection[] = [];
  const [tree, ...levels] = g.hierarchy;
  sections.push({
    heading: say(STUDY_HEADINGS.hierarchy, lang),
    blocks: [
      { table: tree },
      ...tables(levels),
      {
        chart: hierarchyTree(
          zh ? '指标体系（括号内为全局权重）' : 'The indicator hierarchy (global weights in brackets)',
          treeChart(result, lang),
        ),
      },
      ...(leaves.length > 0
        ? [
            {
              chart: weightBars(
                say(STUDY_HEADINGS.leafWeights, lang),
                leaves.map((l) => `${l.code} ${labelText(l.name, labelLang(lang))}`),
                leaves.map((l) => l.globalWeight as number),
              ),
            },
          ]
        : []),
    ],
  });
  if (g.delphi.length > 0) sections.push({ heading: say(STUDY_HEADINGS.delphi, lang), blocks: tables(g.delphi) });
  if (g.weighting.length > 0) sections.push({ heading: say(STUDY_HEADINGS.weighting, lang), blocks: tables(g.weighting) });
  const evalCharts = evaluationCharts(result, lang, study);
  if (g.evaluation.length > 0 || evalCharts.length > 0)
    sections.push({
      heading: say(STUDY_HEADINGS.evaluation, lang),
      blocks: [...tables(g.evaluation), ...evalCharts.map((chart) => ({ chart }))],
    });
  if (g.robustness.length > 0)
    sections.push({
      heading: say(STUDY_HEADINGS.robustness, lang),
      blocks: [
        ...tables(g.robustness),
        ...(result.monteCarlo
          ? [
              {
                chart: rankHeatmap(say(STUDY_HEADINGS.monteCarlo, lang), result.monteCarlo.ids, result.monteCarlo.probabilities, {
                  rank: zh ? '名次' : 'rank',
                }),
              },
            ]
          : []),
      ],
    });
  if (g.ahpAnalysis.length > 0) {
    const ch = ahpAnalysisCharts(result, lang);
    const [con, sc, un] = [result.consensus, result.scales, result.uncertainty];
    let k = 0;
    const blocks: ReportBlock[] = [];
    if (con) blocks.push({ table: g.ahpAnalysis[k++] }, ...ch.consensus.map((chart) => ({ chart })));
    if (sc) blocks.push({ table: g.ahpAnalysis[k++] }, ...(ch.scales ? [{ chart: ch.scales }] : []));
    if (un) blocks.push({ table: g.ahpAnalysis[k++] }, ...(ch.uncertainty ? [{ chart: ch.uncertainty }] : []));
    sections.push({ heading: say(STUDY_HEADINGS.ahpAnalysis, lang), blocks });
  }
  if (g.checks.length > 0) sections.push({ heading: say(STUDY_HEADINGS.checks, lang), blocks: tables(g.checks) });
  if (result.warnings.length > 0)
    sections.push({ heading: say(STUDY_HEADINGS.warnings, lang), blocks: result.warnings.map((text) => ({ text })) });
  return renderReport({
    title: labelText(study.title, labelLang(lang)),
    lang,
    subtitle: [study.source ? `${zh ? '来源' : 'Source'}${zh ? '：' : ': '}${study.source}` : '', study.description ?? '']
      .filter(Boolean)
      .join(zh ? '；' : ' — '),
    summary: { heading: say(STUDY_HEADINGS.summary, lang), blocks: summaryBlocks },
    sections,
  });
}
