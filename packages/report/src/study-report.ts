/**
 * A study's results as the tables a paper prints (SPEC §7) — hierarchy with local and global
 * weights and CRs, each node's weighting (judgment matrices with CR, entropy, combination),
 * Delphi round statistics, evaluation results, sensitivity, rank probabilities and the checks
 * against the printed numbers — and as a self-contained HTML report with charts.
 */
import type {
  AhpResult,
  EntropyResult,
  FuzzyNodeResult,
  GroupAhpResult,
  IfahpResult,
  NodeWeighting,
  Study,
  StudyResult,
} from '@scf-risk/core';
import { labelText } from '@scf-risk/core';
import { matrixTable } from './ahp-tables.ts';
import { type ChartSpec, hierarchyTree, radar, rankHeatmap, weightBars } from './charts.ts';
import { hierarchyTables } from './hierarchy-tables.ts';
import { type ReportSection, renderReport } from './html.ts';
import { fmt, type Table } from './table.ts';

type Lang = 'zh' | 'en';

const T = {
  weighting: { en: 'Weighting of', zh: '权重计算：' },
  delphi: { en: 'Delphi screening', zh: '德尔菲法筛选' },
  evaluation: { en: 'Evaluation', zh: '综合评价' },
  sensitivity: { en: 'Weight sensitivity (smallest change that swaps two ranks)', zh: '权重敏感性（使两名次互换的最小变化）' },
  monteCarlo: { en: 'Rank probabilities under weight uncertainty (Monte Carlo)', zh: '权重不确定下的名次概率（蒙特卡洛）' },
  checks: { en: 'Checks against the printed numbers', zh: '与原文数值对照' },
  hierarchy: { en: 'Indicator system and weights', zh: '指标体系与权重' },
  leafWeights: { en: 'Global weights of the indicators', zh: '指标全局权重' },
} as const;

/** Column headers in Chinese for `--lang zh`. */
const ZH_HEADERS: Readonly<Record<string, string>> = {
  code: '编码',
  name: '名称',
  local: '局部权重',
  global: '全局权重',
  weight: '权重',
  level: '层级',
  consistent: '一致',
  judgments: '判断矩阵数',
  expert: '专家',
  indicator: '指标',
  mean: '均值',
  'full-score frequency': '满分频率',
  sd: '标准差',
  cv: '变异系数',
  decision: '结论',
  id: '编号',
  score: '得分',
  grade: '等级',
  rank: '排名',
  degree: '关联度',
  'entropy e': '熵值 e',
  'divergence d': '差异系数 d',
  'relative change': '相对变化',
  'weight at swap': '互换时权重',
  pair: '互换对象',
  'mean rank': '平均名次',
  check: '核对项',
  printed: '原文',
  computed: '计算',
  match: '一致',
};

function nodeName(result: StudyResult, code: string, lang: Lang): string {
  const n = result.hierarchy.nodes.find((x) => x.code === code);
  return n ? `${code} ${labelText(n.name, lang)}` : code;
}

function childrenOf(result: StudyResult, code: string): string[] {
  return result.hierarchy.nodes.filter((n) => n.parent === code).map((n) => n.code);
}

/** The tables of one node's weighting: weights side by side, judgment matrix with CR, entropy. */
function weightingTables(result: StudyResult, code: string, w: NodeWeighting, lang: Lang): Table[] {
  const kids = childrenOf(result, code);
  const parts: [string, NodeWeighting][] =
    w.subjective && w.objective
      ? [
          [`subjective (${w.subjective.method})`, w.subjective],
          [`objective (${w.objective.method})`, w.objective],
        ]
      : [];
  const tables: Table[] = [
    {
      title: `${T.weighting[lang]} ${nodeName(result, code, lang)} — ${w.method}`,
      header: ['code', 'name', ...parts.map(([p]) => p), 'weight'],
      rows: kids.map((c, k) => [
        c,
        labelText(result.hierarchy.nodes.find((n) => n.code === c)?.name, lang),
        ...parts.map(([, p]) => p.weights[k]),
        w.weights[k],
      ]),
    },
  ];
  for (const [label, part] of [['', w] as [string, NodeWeighting], ...parts]) {
    const where = label ? ` (${label})` : '';
    if (part.method === 'ahp') {
      const r = part.details as AhpResult;
      if (r.matrix)
        tables.push(
          matrixTable(
            r.matrix,
            kids,
            `${code}${where}: judgment matrix, λmax = ${fmt(r.lambdaMax, 4)}, CI = ${fmt(r.ci, 4)}, RI = ${fmt(r.ri, 2)}, CR = ${fmt(r.cr, 4)}`,
            r.weights,
          ),
        );
    } else if (part.method === 'group-ahp') {
      const r = part.details as GroupAhpResult;
      tables.push({
        title: `${code}${where}: experts' consistency (${r.aggregation}, group CR = ${fmt(r.cr, 4)})`,
        header: ['expert', 'weight', 'CR', 'consistent', ...kids],
        rows: r.experts.map((e) => [e.id, e.weight, e.cr, e.consistent ? 'yes' : 'NO', ...e.weights]),
      });
    } else if (part.method === 'entropy') {
      const r = part.details as EntropyResult;
      tables.push({
        title: `${code}${where}: entropy (${r.normalisation})`,
        header: ['code', 'entropy e', 'divergence d', 'weight'],
        rows: kids.map((c, k) => [c, r.entropy[k], r.divergence[k], r.weights[k]]),
      });
    } else if (part.method === 'ifahp') {
      const r = part.details as IfahpResult;
      tables.push({
        title: `${code}${where}: IFAHP, d(R̄, R) = ${fmt(r.distance, 4)} (τ = ${r.tau}), ${r.consistent ? 'consistent' : `repaired in ${r.iterations} round(s) with σ = ${r.sigma}`}`,
        header: ['code', 'μ', 'ν', 'weight'],
        rows: kids.map((c, k) => [c, r.ifWeights[k][0], r.ifWeights[k][1], r.weights[k]]),
      });
    }
  }
  return tables;
}

function fuzzyCriteria(root: FuzzyNodeResult): FuzzyNodeResult[] {
  return root.children ?? [];
}

/** Every table of a study result, in report order. */
export function studyTables(result: StudyResult, lang: Lang = 'en'): Table[] {
  const tables: Table[] = hierarchyTables(result.hierarchy, lang);
  tables[0] = { ...tables[0], title: T.hierarchy[lang] };
  for (const [code, w] of Object.entries(result.weighting)) tables.push(...weightingTables(result, code, w, lang));
  for (const r of result.delphi?.rounds ?? [])
    tables.push({
      title: `${T.delphi[lang]} — ${r.name}: ${r.experts} experts, Kendall W = ${fmt(r.kendallW, 4)}, χ² = ${fmt(r.chiSquare, 3)}, df = ${r.df}, p = ${fmt(r.p, 4)}`,
      header: ['indicator', 'name', 'mean', 'full-score frequency', 'sd', 'cv', 'decision'],
      rows: r.indicators.map((i) => [i.indicator, labelText(i.label, lang), i.mean, i.fullScoreFrequency, i.sd, i.cv, i.decision]),
    });
  result.evaluations.forEach((e) => {
    if (e.rows) {
      const withB = e.method === 'fce' && e.grades;
      tables.push({
        title: `${T.evaluation[lang]} (${e.method})`,
        header: ['id', 'name', 'score', 'grade', 'rank', ...(withB ? (e.grades as string[]) : [])],
        rows: e.rows.map((r) => [r.id, r.name ?? '', r.score, r.grade ?? '', r.rank, ...(withB ? (r.b ?? []) : [])]),
      });
      for (const f of e.fuzzy ?? [])
        tables.push({
          title: `${f.id}: fuzzy evaluation by criterion (B normalised, score S)`,
          header: ['code', 'weight', ...(e.grades ?? []), 'score', 'grade'],
          rows: [f.result.root, ...fuzzyCriteria(f.result.root)].map((n) => [n.code, n.weight ?? 1, ...n.b, n.score, n.gradeName]),
        });
    }
    if (e.factors)
      tables.push({
        title: `${T.evaluation[lang]} (grey relational degree of factors, ρ = ${e.factors.rho}, ${e.factors.grouping})`,
        header: ['code', 'name', 'degree', 'rank', 'level'],
        rows: e.factors.factors.map((f) => [
          f.name,
          labelText(result.hierarchy.nodes.find((n) => n.code === f.name)?.name, lang),
          f.degree,
          f.rank,
          f.level,
        ]),
      });
  });
  if (result.sensitivity) {
    const ids = result.monteCarlo?.ids ?? [];
    const alt = (i: number) => ids[i] ?? String(i + 1);
    tables.push({
      title: T.sensitivity[lang],
      header: ['indicator', 'weight', 'relative change', 'weight at swap', 'pair'],
      rows: result.sensitivity.map((s) => [
        s.code,
        s.weight,
        s.delta,
        s.weightAtSwap,
        s.pair ? `${alt(s.pair[0])} ↔ ${alt(s.pair[1])}` : 'none',
      ]),
    });
  }
  if (result.monteCarlo) {
    const mc = result.monteCarlo;
    tables.push({
      title: `${T.monteCarlo[lang]}: ${mc.draws} draws, seed ${mc.seed}, ${mc.sampling}${mc.concentration ? ` κ = ${mc.concentration}` : ''}`,
      header: ['id', 'mean rank', ...mc.ids.map((_, r) => `P(rank ${r + 1})`)],
      rows: mc.ids.map((id, i) => [id, mc.meanRank[i], ...mc.probabilities[i]]),
    });
  }
  if (result.checks.length > 0)
    tables.push({
      title: `${T.checks[lang]}: ${result.checks.filter((c) => c.match).length}/${result.checks.length}`,
      header: ['check', 'code', 'printed', 'computed', 'match'],
      rows: result.checks.map((c) => [c.what, c.code, c.printed, c.computed, c.match ? '✓' : '✗']),
    });
  return lang === 'zh' ? tables.map((t) => ({ ...t, header: t.header.map((h) => ZH_HEADERS[h] ?? h) })) : tables;
}

interface TreeChartNode {
  name: string;
  children?: TreeChartNode[];
}

function treeChart(result: StudyResult, lang: Lang): TreeChartNode {
  const nodes = result.hierarchy.nodes;
  const build = (code: string): TreeChartNode => {
    const n = nodes.find((x) => x.code === code);
    const kids = childrenOf(result, code);
    const gw = n?.globalWeight;
    const name = `${code} ${labelText(n?.name, lang)}${gw !== null && gw !== undefined && n?.depth ? ` (${fmt(gw, 3)})` : ''}`;
    return kids.length > 0 ? { name, children: kids.map(build) } : { name };
  };
  return build(nodes[0].code);
}

/** The self-contained HTML report of a study. */
export function studyReportHtml(study: Study, result: StudyResult, lang: Lang = 'en'): string {
  const tables = studyTables(result, lang);
  const [tree, levels] = [tables[0], result.hierarchy.levels.length > 0 ? tables[1] : undefined];
  const rest = tables.slice(levels ? 2 : 1);
  const leaves = result.hierarchy.leaves.filter((l) => l.globalWeight !== null);
  const charts: ChartSpec[] = [hierarchyTree(T.hierarchy[lang], treeChart(result, lang))];
  if (leaves.length > 0)
    charts.push(
      weightBars(
        T.leafWeights[lang],
        leaves.map((l) => `${l.code} ${labelText(l.name, lang)}`),
        leaves.map((l) => l.globalWeight as number),
      ),
    );
  const evalCharts: ChartSpec[] = [];
  for (const e of result.evaluations) {
    const first = e.fuzzy?.[0]?.result.root;
    if (e.fuzzy && first?.children) {
      const crit = first.children.map((c) => nodeName(result, c.code, lang));
      const hi = Math.max(...e.fuzzy.flatMap((f) => f.result.grades.map((g) => g.score)));
      evalCharts.push(
        radar(
          `${T.evaluation[lang]} (fce)`,
          crit,
          e.fuzzy.map((f) => ({ name: f.id, values: fuzzyCriteria(f.result.root).map((c) => Number(c.score.toFixed(4))) })),
          hi,
        ),
      );
    }
  }
  if (result.monteCarlo) evalCharts.push(rankHeatmap(T.monteCarlo[lang], result.monteCarlo.ids, result.monteCarlo.probabilities));
  const sections: ReportSection[] = [
    { heading: T.hierarchy[lang], tables: [tree, ...(levels ? [levels] : [])], charts },
    { heading: lang === 'zh' ? '计算过程与结果' : 'Computation and results', tables: rest, charts: evalCharts },
  ];
  if (result.warnings.length > 0) sections.push({ heading: lang === 'zh' ? '提示' : 'Warnings', paragraphs: result.warnings });
  return renderReport({
    title: labelText(study.title, lang),
    lang,
    subtitle: [study.source ? `${lang === 'zh' ? '来源' : 'Source'}: ${study.source}` : '', study.description ?? '']
      .filter(Boolean)
      .join(' — '),
    sections,
  });
}
