/**
 * A study's results as tables (SPEC §7), in English, Simplified or Traditional Chinese:
 *
 * - the summary a risk committee reads first (`studySummary`): the ranking with grades, the
 *   criteria weights and the heaviest indicators, and one line each on the indicator system, the
 *   weighting, the consistency, the Delphi screening, the robustness and the checks;
 * - the details a paper prints (`studyTableGroups`): hierarchy with local and global weights and
 *   CRs, each node's weighting (judgment matrices with CR, entropy, combination, IFAHP), Delphi
 *   round statistics, evaluations, sensitivity, rank probabilities and the checks against the
 *   printed numbers.
 *
 * Numbers stay numbers (the XLSX keeps them); every text is in the language's one script.
 */
import type { AhpResult, EntropyResult, GroupAhpResult, IfahpResult, Label, NodeWeighting, Study, StudyResult } from '@scf-risk/core';
import { DEFAULT_GRADES, labelText } from '@scf-risk/core';
import { matrixTable } from './ahp-tables.ts';
import { hierarchyTables } from './hierarchy-tables.ts';
import { header, word, yesNo } from './labels.ts';
import { inScript, type Lang, labelLang } from './script.ts';
import { fmt, type Table } from './table.ts';

/** Titles and phrases of study tables. */
const T = {
  hierarchy: { en: 'Indicator system and weights', zh: '指标体系与权重' },
  hierarchyTable: { en: 'Local and global weights of the indicators', zh: '各指标的局部权重与全局权重' },
  weightingOf: { en: 'Weighting of', zh: '权重计算：' },
  delphi: { en: 'Delphi screening', zh: '德尔菲法筛选' },
  evaluation: { en: 'Evaluation', zh: '综合评价' },
  sensitivity: { en: 'Weight sensitivity (smallest change that swaps two ranks)', zh: '权重敏感性（使两名次互换的最小变化）' },
  monteCarlo: { en: 'Rank probabilities under weight uncertainty (Monte Carlo)', zh: '权重不确定下的名次概率（蒙特卡洛模拟）' },
  checks: { en: 'Checks against the printed numbers', zh: '与原文数值对照' },
  leafWeights: { en: 'Global weights of the indicators', zh: '指标全局权重' },
  ranking: { en: 'Ranking', zh: '排名' },
  greyLevels: { en: 'Grey relational levels of the factors', zh: '风险因素灰色关联等级' },
  criteria: { en: 'Criteria weights', zh: '一级指标权重' },
  topIndicators: { en: 'Heaviest indicators (global weight)', zh: '全局权重最高的指标' },
  facts: { en: 'Summary of the study', zh: '研究概要' },
  notReproduced: { en: 'Printed numbers not reproduced', zh: '未能复现的原文数值' },
  ahpAnalysis: { en: 'Group consensus, judgment scales and weight uncertainty', zh: '专家共识、判断标度与权重不确定性' },
  consensus: { en: "Group consensus per node (Goepel's S*)", zh: '各节点专家群体共识度（Goepel S*）' },
  scales: { en: "Indicators' global weights per judgment scale", zh: '不同判断标度下的指标全局权重' },
  uncertainty: { en: "Spread of the indicators' global weights under perturbed judgments", zh: '判断扰动下指标全局权重的分布' },
} as const;

type Phrase = { en: string; zh: string };
const say = (p: Phrase, lang: Lang) => (lang === 'en' ? p.en : p.zh);

/** What the tables of a study are built from. */
interface Ctx {
  result: StudyResult;
  lang: Lang;
  zh: boolean;
  /** `code name` of a node. */
  node: (code: string) => string;
  /** The name of a node. */
  nodeName: (code: string) => string;
  /** A grade name (as the result holds it, in the study's language) in `lang`. */
  grade: (g: string) => string;
  /** An alternative's name in `lang`. */
  altName: (id: string, fallback?: string) => string;
  method: (m: string) => string;
  children: (code: string) => string[];
}

function context(result: StudyResult, lang: Lang, study?: Study): Ctx {
  const ll = labelLang(lang);
  const byCode = new Map(result.hierarchy.nodes.map((n) => [n.code, n]));
  const nodeName = (code: string) => labelText(byCode.get(code)?.name, ll);
  const grades = new Map<string, string>();
  const addGrade = (name: Label) => {
    const text = labelText(name, ll);
    if (typeof name === 'string') grades.set(name, text);
    else for (const v of Object.values(name)) if (typeof v === 'string') grades.set(v, text);
  };
  for (const g of DEFAULT_GRADES) addGrade(g.name);
  for (const e of study?.evaluation ?? []) for (const g of (e as { grades?: { name: Label }[] }).grades ?? []) addGrade(g.name);
  for (const e of result.evaluations) for (const f of e.fuzzy ?? []) for (const g of f.result.grades) addGrade(g.name);
  const alts = new Map<string, string>();
  const list = (study as { alternatives?: unknown } | undefined)?.alternatives;
  if (Array.isArray(list))
    for (const a of list as { id: string; name?: Label }[]) if (a.name !== undefined) alts.set(a.id, labelText(a.name, ll));
  const zh = lang !== 'en';
  return {
    result,
    lang,
    zh,
    node: (code) => (byCode.has(code) ? `${code} ${nodeName(code)}` : code),
    nodeName,
    grade: (g) => grades.get(g) ?? g,
    altName: (id, fallback) => alts.get(id) ?? fallback ?? '',
    method: (m) => word(m, lang),
    children: (code) => result.hierarchy.nodes.filter((n) => n.parent === code).map((n) => n.code),
  };
}

const H = (keys: string[], lang: Lang) => keys.map((k) => header(k, lang));

/** Every text of a table in the script of `lang`. */
function inLang(t: Table, lang: Lang): Table {
  const s = (x: string) => inScript(x, lang);
  return {
    ...(t.title !== undefined ? { title: s(t.title) } : {}),
    header: t.header.map(s),
    rows: t.rows.map((r) => r.map((c) => (typeof c === 'string' ? s(c) : c))),
  };
}

/** The tables of one node's weighting: weights side by side, judgment matrix with CR, entropy, IFAHP. */
function weightingTables(c: Ctx, code: string, w: NodeWeighting): Table[] {
  const { lang, zh } = c;
  const kids = c.children(code);
  const parts: [string, NodeWeighting][] =
    w.subjective && w.objective
      ? [
          [`${header('subjective', lang)} (${c.method(w.subjective.method)})`, w.subjective],
          [`${header('objective', lang)} (${c.method(w.objective.method)})`, w.objective],
        ]
      : [];
  const tables: Table[] = [
    {
      title: zh
        ? `${T.weightingOf.zh}${c.node(code)}——${c.method(w.method)}`
        : `${T.weightingOf.en} ${c.node(code)} — ${c.method(w.method)}`,
      header: [...H(['code', 'name'], lang), ...parts.map(([p]) => p), header('weight', lang)],
      rows: kids.map((k, i) => [k, c.nodeName(k), ...parts.map(([, p]) => p.weights[i]), w.weights[i]]),
    },
  ];
  for (const [label, part] of [['', w] as [string, NodeWeighting], ...parts]) {
    const where = label ? (zh ? `（${label}）` : ` (${label})`) : '';
    if (part.method === 'ahp') {
      const r = part.details as AhpResult;
      if (r.matrix) {
        const stats = `λmax = ${fmt(r.lambdaMax, 4)}, CI = ${fmt(r.ci, 4)}, RI = ${fmt(r.ri, 2)}, CR = ${fmt(r.cr, 4)}`;
        const m = matrixTable(
          r.matrix,
          kids,
          zh ? `${code}${where}判断矩阵：${stats}` : `${code}${where}: judgment matrix, ${stats}`,
          r.weights,
        );
        tables.push({ ...m, header: m.header.map((h) => (h === 'weight' ? header('weight', lang) : h)) });
      }
    } else if (part.method === 'group-ahp') {
      const r = part.details as GroupAhpResult;
      const agg = c.method(r.aggregation);
      tables.push({
        title: zh
          ? `${code}${where}专家判断一致性（${agg}，群组 CR = ${fmt(r.cr, 4)}）`
          : `${code}${where}: experts' consistency (${agg}, group CR = ${fmt(r.cr, 4)})`,
        header: [...H(['expert', 'weight', 'CR', 'consistent'], lang), ...kids],
        rows: r.experts.map((e) => [e.id, e.weight, e.cr, yesNo(e.consistent, lang), ...e.weights]),
      });
    } else if (part.method === 'entropy') {
      const r = part.details as EntropyResult;
      tables.push({
        title: zh ? `${code}${where}熵值（${c.method(r.normalisation)}）` : `${code}${where}: entropy (${c.method(r.normalisation)})`,
        header: H(['code', 'entropy e', 'divergence d', 'weight'], lang),
        rows: kids.map((k, i) => [k, r.entropy[i], r.divergence[i], r.weights[i]]),
      });
    } else if (part.method === 'ifahp') {
      const r = part.details as IfahpResult;
      const d = `d(R̄, R) = ${fmt(r.distance, 4)}`;
      tables.push({
        title: zh
          ? `${code}${where}直觉模糊层次分析：${d}（τ = ${r.tau}），${r.consistent ? '满足一致性' : `经 ${r.iterations} 轮修正（σ = ${r.sigma}）`}`
          : `${code}${where}: IFAHP, ${d} (τ = ${r.tau}), ${r.consistent ? 'consistent' : `repaired in ${r.iterations} round(s) with σ = ${r.sigma}`}`,
        header: H(['code', 'μ', 'ν', 'weight'], lang),
        rows: kids.map((k, i) => [k, r.ifWeights[i][0], r.ifWeights[i][1], r.weights[i]]),
      });
    }
  }
  return tables;
}

/** A Delphi round's name in `lang` ("round 2" → "第 2 轮"). */
function roundName(name: string, zh: boolean): string {
  const m = /^round\s*(\d+)$/i.exec(name.trim());
  return zh && m ? `第 ${m[1]} 轮` : name;
}

/** The detail tables of a study, by report section. */
export interface StudyTableGroups {
  /** The indented tree with local and global weights and CRs; the level CRs. */
  hierarchy: Table[];
  delphi: Table[];
  weighting: Table[];
  evaluation: Table[];
  /** Sensitivity and rank probabilities. */
  robustness: Table[];
  /** Consensus, judgment scales, weight uncertainty (study sections of the same names). */
  ahpAnalysis: Table[];
  checks: Table[];
}

/** The detail tables of a study, grouped as the report's sections. */
export function studyTableGroups(result: StudyResult, lang: Lang = 'en', study?: Study): StudyTableGroups {
  const c = context(result, lang, study);
  const { zh } = c;
  const hierarchy = hierarchyTables(result.hierarchy, lang);
  hierarchy[0] = { ...hierarchy[0], title: say(T.hierarchyTable, lang) };
  const weighting = Object.entries(result.weighting).flatMap(([code, w]) => weightingTables(c, code, w));
  const delphi: Table[] = (result.delphi?.rounds ?? []).map((r) => {
    const stats = `Kendall W = ${fmt(r.kendallW, 4)}, χ² = ${fmt(r.chiSquare, 3)}, ${zh ? '自由度' : 'df'} = ${r.df}, p = ${fmt(r.p, 4)}`;
    return {
      title: zh
        ? `${T.delphi.zh}——${roundName(r.name, true)}：${r.experts} 位专家，${stats}`
        : `${T.delphi.en} — ${r.name}: ${r.experts} experts, ${stats}`,
      header: H(['indicator', 'name', 'mean', 'full-score frequency', 'sd', 'cv', 'decision'], lang),
      rows: r.indicators.map((i) => [
        i.indicator,
        labelText(i.label, labelLang(lang)),
        i.mean,
        i.fullScoreFrequency,
        i.sd,
        i.cv,
        word(i.decision, lang),
      ]),
    };
  });
  const evaluation: Table[] = [];
  for (const e of result.evaluations) {
    const grades = (e.grades ?? []).map(c.grade);
    const titled = zh ? `${T.evaluation.zh}：${c.method(e.method)}` : `${T.evaluation.en}: ${c.method(e.method)}`;
    if (e.rows) {
      const withB = e.method === 'fce' && e.grades;
      evaluation.push({
        title: titled,
        header: [...H(['id', 'name', 'score', 'grade', 'rank'], lang), ...(withB ? grades : [])],
        rows: e.rows.map((r) => [
          r.id,
          c.altName(r.id, r.name),
          r.score,
          r.grade === undefined ? '' : c.grade(r.grade),
          r.rank,
          ...(withB ? (r.b ?? []) : []),
        ]),
      });
      for (const f of e.fuzzy ?? []) {
        const name = c.altName(f.id);
        const who = name ? `${f.id} ${name}` : f.id;
        evaluation.push({
          title: zh ? `${who}：各准则模糊评价（B 已归一化，得分 S）` : `${who}: fuzzy evaluation by criterion (B normalised, score S)`,
          header: [...H(['code', 'weight'], lang), ...grades, ...H(['score', 'grade'], lang)],
          rows: [f.result.root, ...(f.result.root.children ?? [])].map((n) => [
            n.code,
            n.weight ?? 1,
            ...n.b,
            n.score,
            c.grade(n.gradeName),
          ]),
        });
      }
    }
    if (e.factors) {
      const how = `ρ = ${e.factors.rho}, ${c.method(e.factors.grouping)}`;
      evaluation.push({
        title: zh ? `${T.evaluation.zh}：因素灰色关联度（${how}）` : `${T.evaluation.en}: grey relational degrees of the factors (${how})`,
        header: H(['code', 'name', 'degree', 'rank', 'grey level'], lang),
        rows: e.factors.factors.map((f) => [f.name, c.nodeName(f.name), f.degree, f.rank, f.level]),
      });
    }
  }
  const robustness: Table[] = [];
  const ids = result.monteCarlo?.ids ?? result.evaluations.find((e) => e.rows)?.rows?.map((r) => r.id) ?? [];
  const alt = (i: number) => ids[i] ?? String(i + 1);
  if (result.sensitivity)
    robustness.push({
      title: say(T.sensitivity, lang),
      header: H(['indicator', 'weight', 'relative change', 'weight at swap', 'pair'], lang),
      rows: result.sensitivity.map((s) => [
        s.code,
        s.weight,
        s.delta,
        s.weightAtSwap,
        s.pair ? `${alt(s.pair[0])} ↔ ${alt(s.pair[1])}` : word('none', lang),
      ]),
    });
  if (result.monteCarlo) {
    const mc = result.monteCarlo;
    const how = `${c.method(mc.sampling)}${mc.concentration ? ` κ = ${mc.concentration}` : ''}`;
    robustness.push({
      title: zh
        ? `${T.monteCarlo.zh}：抽样 ${mc.draws} 次，随机种子 ${mc.seed}，${how}`
        : `${T.monteCarlo.en}: ${mc.draws} draws, seed ${mc.seed}, ${how}`,
      header: [...H(['id', 'mean rank'], lang), ...mc.ids.map((_, r) => (zh ? `第 ${r + 1} 名概率` : `P(rank ${r + 1})`))],
      rows: mc.ids.map((id, i) => [id, mc.meanRank[i], ...mc.probabilities[i]]),
    });
  }
  const ahpAnalysis = ahpAnalysisTables(c);
  const checks: Table[] =
    result.checks.length > 0
      ? [
          {
            title: `${say(T.checks, lang)}${zh ? '：' : ': '}${result.checks.filter((k) => k.match).length}/${result.checks.length}`,
            header: H(['check', 'code', 'printed', 'computed', 'match'], lang),
            rows: result.checks.map((k) => [word(k.what, lang), k.code, k.printed, k.computed, k.match ? '✓' : '✗']),
          },
        ]
      : [];
  const groups = { hierarchy, delphi, weighting, evaluation, robustness, ahpAnalysis, checks };
  return Object.fromEntries(Object.entries(groups).map(([k, ts]) => [k, ts.map((t) => inLang(t, lang))])) as unknown as StudyTableGroups;
}

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

/** The tables of the sections `consensus`, `scales` and `uncertainty`. */
function ahpAnalysisTables(c: Ctx): Table[] {
  const { result, lang, zh } = c;
  const colon = zh ? '：' : ': ';
  const out: Table[] = [];
  const con = result.consensus;
  if (con) {
    const overall =
      con.overall !== undefined
        ? zh
          ? `：总体 ${pct(con.overall)}（${word(con.overallBand ?? '', lang)}）`
          : `: overall ${pct(con.overall)} (${con.overallBand})`
        : '';
    out.push({
      title: `${say(T.consensus, lang)}${overall}`,
      header: H(['node', 'name', 'global', 'consensus S*', 'band', 'homogeneity S', 'experts', 'dissenters'], lang),
      rows: con.nodes.map((n) => [
        n.code,
        c.nodeName(n.code),
        n.globalWeight,
        n.consensus,
        word(n.band, lang),
        n.homogeneity,
        n.experts,
        n.dissenters.join(', ') || word('none', lang),
      ]),
    });
  }
  const sc = result.scales;
  if (sc) {
    const how = sc.rankingChanges
      ? zh
        ? `排名随标度改变（${sc.scalesChangingRanking.map((x) => word(x, lang)).join('、')}）`
        : `the ranking changes on ${sc.scalesChangingRanking.join(', ')}`
      : zh
        ? '各标度下排名相同'
        : 'the same ranking on every scale';
    out.push({
      title: `${say(T.scales, lang)}${colon}${how}`,
      header: [...H(['indicator', 'name'], lang), ...sc.scales.map((x) => word(x.scale, lang))],
      rows: [
        ...sc.codes.map((code, i) => [code, c.nodeName(code), ...sc.scales.map((x) => x.weights[i])]),
        [header('max CR', lang), '', ...sc.scales.map((x) => x.cr)],
      ],
    });
  }
  const u = result.uncertainty;
  if (u) {
    const rule = u.rule === 'step' ? `${word('step', lang)} ±${u.step}` : `${word('log-uniform', lang)} f = ${u.factor}`;
    const how = zh
      ? `抽样 ${u.draws} 次，${rule}，随机种子 ${u.seed}；${pct(u.sameRanking)} 的抽样排名不变`
      : `${u.draws} draws, ${rule}, seed ${u.seed}; the same ranking in ${pct(u.sameRanking)} of draws`;
    const codes = u.codes ?? [];
    out.push({
      title: `${say(T.uncertainty, lang)}${colon}${how}`,
      header: H(['indicator', 'name', 'weight', 'mean', 'sd', '2.5 %', '97.5 %', 'nominal rank', 'P(rank)'], lang),
      rows: u.weights.map((w, i) => [
        codes[i] ?? String(i + 1),
        c.nodeName(codes[i] ?? ''),
        w.nominal,
        w.mean,
        w.sd,
        w.lower,
        w.upper,
        u.nominalRanks[i],
        u.rankProbabilities[i][u.nominalRanks[i] - 1],
      ]),
    });
  }
  return out;
}

/** Every detail table of a study result, in report order. */
export function studyTables(result: StudyResult, lang: Lang = 'en', study?: Study): Table[] {
  const g = studyTableGroups(result, lang, study);
  return [...g.hierarchy, ...g.delphi, ...g.weighting, ...g.evaluation, ...g.robustness, ...g.ahpAnalysis, ...g.checks];
}

/** The summary of a study: what a reader needs before the details. */
export interface StudySummary {
  /** One ranking per evaluation (rank, alternative, score, grade, P(this rank)); grey levels of factors. */
  ranking: Table[];
  /** The first-level criteria's weights and the heaviest indicators. */
  weights: Table[];
  /** Item / value lines: indicators, weighting, consistency, Delphi, robustness, checks, warnings. */
  facts: Table;
  /** The printed numbers not reproduced, when any. */
  failed?: Table;
}

const list = (xs: string[], zh: boolean) => xs.join(zh ? '、' : ', ');

/** The summary tables of a study. */
export function studySummary(result: StudyResult, lang: Lang = 'en', study?: Study): StudySummary {
  const c = context(result, lang, study);
  const { zh } = c;
  const h = result.hierarchy;
  const ranking: Table[] = [];
  for (const e of result.evaluations) {
    if (e.rows) {
      const mc = result.monteCarlo && ranking.length === 0 ? result.monteCarlo : undefined;
      const named = e.rows.some((r) => c.altName(r.id, r.name));
      const graded = e.rows.some((r) => r.grade !== undefined);
      ranking.push({
        title: zh ? `${T.ranking.zh}（${c.method(e.method)}）` : `${T.ranking.en} (${c.method(e.method)})`,
        header: H(['rank', 'id', ...(named ? ['name'] : []), 'score', ...(graded ? ['grade'] : []), ...(mc ? ['P(rank)'] : [])], lang),
        rows: [...e.rows]
          .sort((a, b) => a.rank - b.rank)
          .map((r) => {
            const i = mc ? mc.ids.indexOf(r.id) : -1;
            return [
              r.rank,
              r.id,
              ...(named ? [c.altName(r.id, r.name)] : []),
              r.score,
              ...(graded ? [r.grade === undefined ? '' : c.grade(r.grade)] : []),
              ...(mc ? [i >= 0 ? mc.probabilities[i][r.rank - 1] : null] : []),
            ];
          }),
      });
    }
    if (e.factors)
      ranking.push({
        title: say(T.greyLevels, lang),
        header: H(['rank', 'code', 'name', 'degree', 'grey level'], lang),
        rows: [...e.factors.factors].sort((a, b) => a.rank - b.rank).map((f) => [f.rank, f.name, c.nodeName(f.name), f.degree, f.level]),
      });
  }
  const weights: Table[] = [];
  const criteria = h.nodes.filter((n) => n.depth === 1 && n.globalWeight !== null);
  if (criteria.length > 0)
    weights.push({
      title: say(T.criteria, lang),
      header: H(['code', 'name', 'weight'], lang),
      rows: criteria.map((n) => [n.code, labelText(n.name, labelLang(lang)), n.globalWeight]),
    });
  const leaves = h.leaves.filter((l) => l.globalWeight !== null && h.nodes.find((n) => n.code === l.code)?.depth !== 1);
  if (leaves.length > 0) {
    const top = [...leaves].sort((a, b) => (b.globalWeight as number) - (a.globalWeight as number)).slice(0, leaves.length > 10 ? 8 : 10);
    weights.push({
      title:
        leaves.length > top.length
          ? `${say(T.topIndicators, lang)}${zh ? `：前 ${top.length} 个（共 ${leaves.length} 个）` : `: top ${top.length} of ${leaves.length}`}`
          : say(T.leafWeights, lang),
      header: H(['code', 'name', 'global'], lang),
      rows: top.map((l) => [l.code, labelText(l.name, labelLang(lang)), l.globalWeight]),
    });
  }
  const facts: [string, string][] = [];
  const depth = Math.max(...h.nodes.map((n) => n.depth));
  facts.push([
    zh ? '指标体系' : 'Indicator system',
    zh ? `${h.leaves.length} 个指标，${depth} 层` : `${h.leaves.length} indicators in ${depth} level${depth === 1 ? '' : 's'}`,
  ]);
  const methods = new Map<string, number>();
  for (const w of Object.values(result.weighting)) methods.set(w.method, (methods.get(w.method) ?? 0) + 1);
  if (methods.size > 0)
    facts.push([
      zh ? '赋权方法' : 'Weighting',
      list(
        [...methods].map(([m, k]) => (zh ? `${c.method(m)}（${k} 个节点）` : `${c.method(m)} (${k} node${k === 1 ? '' : 's'})`)),
        zh,
      ),
    ]);
  // CRs of the judgment matrices: in the tree (and AHP entries put back into it) or inside a combination
  const judged: { code: string; cr: number }[] = h.nodes
    .filter((n) => n.cr !== undefined)
    .map((n) => ({ code: n.code, cr: n.cr as number }));
  for (const [code, w] of Object.entries(result.weighting))
    for (const part of [w.subjective, w.objective])
      if (part?.method === 'ahp' && !judged.some((j) => j.code === code)) judged.push({ code, cr: (part.details as AhpResult).cr });
  const ifahp = Object.entries(result.weighting).filter(([, w]) => w.method === 'ifahp');
  if (judged.length > 0 || ifahp.length > 0) {
    const parts: string[] = [];
    if (judged.length > 0) {
      const bad = judged.filter((n) => (n.cr as number) >= 0.1);
      const worst = judged.reduce((a, b) => ((b.cr as number) > (a.cr as number) ? b : a));
      parts.push(
        bad.length === 0
          ? zh
            ? `${judged.length} 个判断矩阵 CR 均 < 0.10（最大 ${fmt(worst.cr, 4)}，${worst.code}）`
            : `all ${judged.length} judgment matrices CR < 0.10 (largest ${fmt(worst.cr, 4)} at ${worst.code})`
          : zh
            ? `${bad.length}/${judged.length} 个判断矩阵 CR ≥ 0.10：${list(
                bad.map((n) => `${n.code}（${fmt(n.cr, 4)}）`),
                true,
              )}`
            : `${bad.length} of ${judged.length} judgment matrices CR ≥ 0.10: ${list(
                bad.map((n) => `${n.code} (${fmt(n.cr, 4)})`),
                false,
              )}`,
      );
      if (h.levels.length > 0)
        parts.push(
          zh
            ? `层次总排序 CR：${list(
                h.levels.map((l) => `第 ${l.depth} 层 ${fmt(l.cr, 4)}`),
                true,
              )}`
            : `total-ranking CR by level: ${list(
                h.levels.map((l) => `${l.depth}: ${fmt(l.cr, 4)}`),
                false,
              )}`,
        );
    }
    if (ifahp.length > 0) {
      const rs = ifahp.map(([code, w]) => ({ code, r: w.details as IfahpResult }));
      const repaired = rs.filter(({ r }) => !r.consistent);
      const worst = rs.reduce((a, b) => (b.r.distance > a.r.distance ? b : a));
      const tau = worst.r.tau;
      parts.push(
        repaired.length === 0
          ? zh
            ? `${rs.length} 个直觉模糊判断矩阵均满足一致性（d 最大 ${fmt(worst.r.distance, 4)}，${worst.code}；τ = ${tau}）`
            : `all ${rs.length} intuitionistic fuzzy judgment matrices consistent (largest d = ${fmt(worst.r.distance, 4)} at ${worst.code}; τ = ${tau})`
          : zh
            ? `${rs.length} 个直觉模糊判断矩阵中 ${repaired.length} 个经修正：${list(
                repaired.map(({ code, r }) => `${code}（${r.iterations} 轮）`),
                true,
              )}`
            : `${repaired.length} of ${rs.length} intuitionistic fuzzy judgment matrices repaired: ${list(
                repaired.map(({ code, r }) => `${code} (${r.iterations} round${r.iterations === 1 ? '' : 's'})`),
                false,
              )}`,
      );
    }
    facts.push([zh ? '一致性' : 'Consistency', parts.join(zh ? '；' : '; ')]);
  }
  if (result.delphi) {
    const rounds = result.delphi.rounds;
    const last = rounds[rounds.length - 1];
    const pruned = result.delphi.pruned;
    facts.push([
      zh ? '德尔菲筛选' : 'Delphi screening',
      zh
        ? `${rounds.length} 轮，末轮 Kendall W = ${fmt(last?.kendallW, 4)}；删除 ${pruned.length} 个：${list(pruned, true) || '无'}`
        : `${rounds.length} round${rounds.length === 1 ? '' : 's'}, last Kendall W = ${fmt(last?.kendallW, 4)}; ${pruned.length} deleted${pruned.length ? `: ${list(pruned, false)}` : ''}`,
    ]);
  }
  if (result.sensitivity && result.sensitivity.length > 0) {
    const s = [...result.sensitivity]
      .filter((x) => x.pair && x.delta !== null)
      .sort((a, b) => Math.abs(a.delta as number) - Math.abs(b.delta as number))[0];
    if (s && s.delta !== null) {
      const ids = result.monteCarlo?.ids ?? [];
      const pair = s.pair ? `${ids[s.pair[0]] ?? s.pair[0] + 1} ↔ ${ids[s.pair[1]] ?? s.pair[1] + 1}` : '';
      facts.push([
        zh ? '敏感性' : 'Sensitivity',
        zh
          ? `${s.code} 的权重相对变化 ${fmt(s.delta * 100, 1)}% 即使 ${pair} 互换名次（所有指标中最小）`
          : `a ${fmt(s.delta * 100, 1)} % change of ${s.code}'s weight swaps ${pair} (the smallest of all indicators)`,
      ]);
    }
  }
  if (result.monteCarlo) {
    const mc = result.monteCarlo;
    const first = mc.probabilities.map((p) => p[0]);
    const best = first.indexOf(Math.max(...first));
    facts.push([
      zh ? '蒙特卡洛模拟' : 'Monte Carlo',
      zh
        ? `${mc.draws} 次抽样中 ${mc.ids[best]} 居第 1 名的概率为 ${fmt(first[best], 3)}`
        : `${mc.ids[best]} ranks first in ${fmt(first[best] * 100, 1)} % of ${mc.draws} draws`,
    ]);
  }
  const failedChecks = result.checks.filter((k) => !k.match);
  if (result.checks.length > 0)
    facts.push([
      zh ? '原文核对' : 'Checks',
      zh
        ? `${result.checks.length - failedChecks.length}/${result.checks.length} 个原文数值复现${
            failedChecks.length
              ? `；未复现：${list(
                  failedChecks.map((k) => k.code),
                  true,
                )}`
              : ''
          }`
        : `${result.checks.length - failedChecks.length}/${result.checks.length} printed numbers reproduced${
            failedChecks.length
              ? `; not: ${list(
                  failedChecks.map((k) => k.code),
                  false,
                )}`
              : ''
          }`,
    ]);
  if (result.warnings.length > 0)
    facts.push([zh ? '提示' : 'Warnings', zh ? `${result.warnings.length} 条（见文末）` : `${result.warnings.length} (at the end)`]);
  const summary: StudySummary = {
    ranking,
    weights,
    facts: { title: say(T.facts, lang), header: H(['item', 'value'], lang), rows: facts },
    ...(failedChecks.length > 0
      ? {
          failed: {
            title: say(T.notReproduced, lang),
            header: H(['check', 'code', 'printed', 'computed'], lang),
            rows: failedChecks.map((k) => [word(k.what, lang), k.code, k.printed, k.computed]),
          },
        }
      : {}),
  };
  return {
    ranking: summary.ranking.map((t) => inLang(t, lang)),
    weights: summary.weights.map((t) => inLang(t, lang)),
    facts: inLang(summary.facts, lang),
    ...(summary.failed ? { failed: inLang(summary.failed, lang) } : {}),
  };
}

/** The summary as a list of tables (what `scf-risk run` prints without `--verbose`). */
export function studySummaryTables(result: StudyResult, lang: Lang = 'en', study?: Study): Table[] {
  const s = studySummary(result, lang, study);
  return [...s.ranking, ...s.weights, s.facts, ...(s.failed ? [s.failed] : [])];
}

/** The headings of the study report's parts. */
export const STUDY_HEADINGS = {
  summary: { en: 'Summary', zh: '摘要' },
  hierarchy: T.hierarchy,
  delphi: T.delphi,
  weighting: { en: 'Weighting of each node', zh: '各节点权重计算' },
  evaluation: T.evaluation,
  robustness: { en: 'Sensitivity and uncertainty', zh: '敏感性与不确定性' },
  ahpAnalysis: T.ahpAnalysis,
  consensus: T.consensus,
  scales: T.scales,
  uncertainty: T.uncertainty,
  checks: T.checks,
  warnings: { en: 'Warnings', zh: '提示' },
  leafWeights: T.leafWeights,
  monteCarlo: T.monteCarlo,
} as const;
