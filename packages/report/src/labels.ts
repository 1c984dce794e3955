/**
 * The words reports and tables print, in English and Chinese: column headers, yes/no, method
 * names, Delphi decisions. Chinese is written in Simplified characters; `inScript` turns a
 * finished text into Traditional for `zh-Hant`.
 */
import type { Lang } from './script.ts';

type Words = Readonly<Record<string, { en: string; zh: string }>>;

/** Column headers: the key is what tables are built with (and the English header). */
export const HEADERS: Words = {
  code: { en: 'Code', zh: '编码' },
  name: { en: 'Name', zh: '名称' },
  local: { en: 'Local weight', zh: '局部权重' },
  global: { en: 'Global weight', zh: '全局权重' },
  weight: { en: 'Weight', zh: '权重' },
  level: { en: 'Level', zh: '层级' },
  'grey level': { en: 'Level', zh: '关联等级' },
  consistent: { en: 'Consistent', zh: '一致性' },
  judgments: { en: 'Judgment matrices', zh: '判断矩阵数' },
  expert: { en: 'Expert', zh: '专家' },
  indicator: { en: 'Indicator', zh: '指标' },
  mean: { en: 'Mean', zh: '均值' },
  'full-score frequency': { en: 'Full-score frequency', zh: '满分频率' },
  sd: { en: 'SD', zh: '标准差' },
  cv: { en: 'CV', zh: '变异系数' },
  decision: { en: 'Decision', zh: '结论' },
  id: { en: 'ID', zh: '编号' },
  alternative: { en: 'Alternative', zh: '评价对象' },
  score: { en: 'Score', zh: '得分' },
  grade: { en: 'Grade', zh: '等级' },
  rank: { en: 'Rank', zh: '排名' },
  degree: { en: 'Relational degree', zh: '关联度' },
  'entropy e': { en: 'Entropy e', zh: '熵值 e' },
  'divergence d': { en: 'Divergence d', zh: '差异系数 d' },
  'relative change': { en: 'Relative change', zh: '相对变化' },
  'weight at swap': { en: 'Weight at swap', zh: '互换时权重' },
  pair: { en: 'Pair that swaps', zh: '互换对象' },
  'mean rank': { en: 'Mean rank', zh: '平均名次' },
  'P(rank)': { en: 'P(this rank)', zh: '该名次概率' },
  check: { en: 'Check', zh: '核对项' },
  printed: { en: 'Printed', zh: '原文' },
  computed: { en: 'Computed', zh: '计算' },
  match: { en: 'Match', zh: '一致' },
  item: { en: 'Item', zh: '项目' },
  value: { en: 'Value', zh: '结果' },
  subjective: { en: 'Subjective', zh: '主观权重' },
  objective: { en: 'Objective', zh: '客观权重' },
  μ: { en: 'μ', zh: '隶属度 μ' },
  ν: { en: 'ν', zh: '非隶属度 ν' },
  λmax: { en: 'λmax', zh: 'λmax' },
  CR: { en: 'CR', zh: 'CR' },
  field: { en: 'Field', zh: '字段' },
  computedWeight: { en: 'Computed', zh: '计算' },
  element: { en: 'Element', zh: '要素' },
  method: { en: 'Method', zh: '方法' },
  row: { en: 'Row', zh: '行' },
  column: { en: 'Column', zh: '列' },
  judgment: { en: 'Judgment', zh: '判断值' },
  suggested: { en: 'Suggested', zh: '建议值' },
  'CR after': { en: 'CR after', zh: '修改后 CR' },
  node: { en: 'Node', zh: '节点' },
  'consensus S*': { en: 'Consensus S*', zh: '共识度 S*' },
  band: { en: 'Band', zh: '共识水平' },
  'homogeneity S': { en: 'Homogeneity S', zh: '相对同质性 S' },
  experts: { en: 'Experts', zh: '专家数' },
  dissenters: { en: 'Raised most by removing', zh: '剔除后共识提升最多的专家' },
  'max CR': { en: 'Largest node CR', zh: '最大节点 CR' },
  '2.5 %': { en: '2.5 %', zh: '2.5 % 分位数' },
  '97.5 %': { en: '97.5 %', zh: '97.5 % 分位数' },
  'nominal rank': { en: 'Rank', zh: '名次' },
};

/** Other words. */
export const WORDS: Words = {
  yes: { en: 'yes', zh: '是' },
  no: { en: 'NO', zh: '否' },
  none: { en: 'none', zh: '无' },
  keep: { en: 'keep', zh: '保留' },
  discuss: { en: 'discuss', zh: '讨论' },
  delete: { en: 'delete', zh: '删除' },
  globalWeight: { en: 'global weight', zh: '全局权重' },
  localWeight: { en: 'local weight', zh: '局部权重' },
  ranking: { en: 'ranking', zh: '排名' },
  // methods
  fixed: { en: 'fixed weights', zh: '给定权重' },
  ahp: { en: 'AHP', zh: '层次分析法' },
  'group-ahp': { en: 'group AHP', zh: '群组层次分析法' },
  ifahp: { en: 'IFAHP', zh: '直觉模糊层次分析法' },
  g1: { en: 'G1', zh: 'G1 法' },
  entropy: { en: 'entropy', zh: '熵权法' },
  critic: { en: 'CRITIC', zh: 'CRITIC 法' },
  combine: { en: 'combination', zh: '组合赋权' },
  fce: { en: 'fuzzy comprehensive evaluation', zh: '模糊综合评价' },
  scorecard: { en: 'scorecard', zh: '评分卡' },
  topsis: { en: 'TOPSIS', zh: 'TOPSIS 法' },
  gra: { en: 'grey relational analysis', zh: '灰色关联分析' },
  'gra-factors': { en: 'grey relational analysis of factors', zh: '因素灰色关联分析' },
  // diagnostics
  'natural-breaks': { en: 'natural breaks', zh: '自然断点分级' },
  cutoffs: { en: 'cut-offs', zh: '阈值分级' },
  dirichlet: { en: 'Dirichlet weights', zh: '狄利克雷抽样' },
  experts: { en: 'experts resampled', zh: '专家重抽样' },
  'ahp-matrix': { en: 'columns of the judgment matrix', zh: '判断矩阵列归一化' },
  sum: { en: 'sum', zh: '和归一化' },
  'min-max': { en: 'min-max', zh: '极差归一化' },
  aij: { en: 'AIJ', zh: '判断矩阵集结 AIJ' },
  aip: { en: 'AIP', zh: '权重集结 AIP' },
  // consensus bands and judgment scales
  low: { en: 'low', zh: '低' },
  moderate: { en: 'moderate', zh: '中等' },
  high: { en: 'high', zh: '高' },
  standard: { en: 'standard', zh: '标准标度' },
  logarithmic: { en: 'logarithmic', zh: '对数标度' },
  'root-square': { en: 'root-square', zh: '平方根标度' },
  'inverse-linear': { en: 'inverse-linear', zh: '逆线性标度' },
  balanced: { en: 'balanced', zh: '平衡标度' },
  power: { en: 'power', zh: '幂标度' },
  geometric: { en: 'geometric', zh: '几何标度' },
  step: { en: 'step', zh: '步长扰动' },
  'log-uniform': { en: 'log-uniform', zh: '对数均匀扰动' },
};

/** The word `key` in `lang` (Chinese in Simplified; convert with `inScript`); unknown keys as given. */
export function word(key: string, lang: Lang): string {
  const w = WORDS[key];
  return w ? (lang === 'en' ? w.en : w.zh) : key;
}

/** The column header `key` in `lang`; unknown headers as given. */
export function header(key: string, lang: Lang): string {
  const h = HEADERS[key];
  return h ? (lang === 'en' ? h.en : h.zh) : key;
}

/** yes / NO, 是 / 否. */
export function yesNo(b: boolean, lang: Lang): string {
  return word(b ? 'yes' : 'no', lang);
}
