/**
 * Weights. AHP on one pairwise matrix (POST /methods/ahp): the judgments above the diagonal (the
 * reciprocals below follow), the weights as bars, CR, λmax, CI, RI and, when CR ≥ 0.1, which
 * judgments to revisit and to what. And the weights of a stored indicator system (POST
 * /methods/hierarchy on its tree): local and global weights as a tree, a table and bars.
 */
import { hierarchyTree, type TreeChartNode, weightBars } from '@scf-risk/report';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../api.ts';
import { Chart } from '../components/Chart.tsx';
import { ErrorNote } from '../components/ErrorNote.tsx';
import { num } from '../format.ts';
import { label } from '../i18n.ts';
import { useGet } from '../queries.ts';
import type { AhpResult, HierarchyResult, ModelVersion } from '../types.ts';
import { WeightsCompare } from './WeightsCompare.tsx';

const DEFAULT_CRITERIA = {
  zh: '核心企业信用\n融资企业资质\n供应链关系\n质押物风险',
  en: 'Core enterprise credit\nFinancing enterprise quality\nSupply-chain relationship\nCollateral risk',
};
const DEFAULT_UPPER: Record<string, string> = { '0,1': '2', '0,2': '3', '0,3': '5', '1,2': '2', '1,3': '3', '2,3': '2' };

/** A judgment as typed ("3", "1/3", "0.5") → a number, or NaN. */
function judgment(s: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*\/\s*(\d+(?:\.\d+)?)\s*$/.exec(s);
  return m ? Number(m[1]) / Number(m[2]) : Number(s);
}

function reciprocal(s: string): string {
  const m = /^\s*(\d+(?:\.\d+)?)\s*\/\s*(\d+(?:\.\d+)?)\s*$/.exec(s);
  if (m) return m[1] === '1' ? (m[2] as string) : `${m[2]}/${m[1]}`;
  const v = Number(s);
  return Number.isInteger(v) ? (v === 1 ? '1' : `1/${v}`) : num(1 / v, 3);
}

function scaleText(v: number): string {
  return v >= 1 ? String(Math.round(v * 100) / 100) : `1/${Math.round((1 / v) * 100) / 100}`;
}

function AhpSection() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'zh' ? 'zh' : 'en';
  const [criteriaText, setCriteriaText] = useState<string | null>(null);
  const [upper, setUpper] = useState(DEFAULT_UPPER);
  const criteria = (criteriaText ?? DEFAULT_CRITERIA[lang])
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
  const n = criteria.length;
  const cell = (i: number, j: number) => upper[`${i},${j}`] ?? '1';
  const ahp = useMutation({
    mutationFn: () => {
      const matrix = criteria.map((_, i) =>
        criteria.map((__, j) => (i === j ? 1 : i < j ? judgment(cell(i, j)) : 1 / judgment(cell(j, i)))),
      );
      return post<AhpResult>('/methods/ahp', { input: { matrix, labels: criteria } });
    },
  });
  const r = ahp.data;
  return (
    <section aria-labelledby="ahp-title">
      <h2 id="ahp-title">{t('weights.ahp')}</h2>
      <label>
        {t('weights.criteria')}
        <textarea
          name="criteria"
          rows={Math.max(3, n)}
          value={criteriaText ?? DEFAULT_CRITERIA[lang]}
          onChange={(e) => setCriteriaText(e.target.value)}
        />
      </label>
      <table className="matrix" aria-label={t('weights.matrix')}>
        <caption>{t('weights.matrix')}</caption>
        <thead>
          <tr>
            <td />
            {criteria.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {criteria.map((ci, i) => (
            <tr key={ci}>
              <th scope="row">{ci}</th>
              {criteria.map((cj, j) => (
                <td key={cj}>
                  {i < j ? (
                    <input
                      aria-label={`${ci} : ${cj}`}
                      data-cell={`${i},${j}`}
                      size={4}
                      value={cell(i, j)}
                      onChange={(e) => setUpper({ ...upper, [`${i},${j}`]: e.target.value })}
                    />
                  ) : i === j ? (
                    '1'
                  ) : (
                    <span className="muted">{reciprocal(cell(j, i))}</span>
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" onClick={() => ahp.mutate()} disabled={ahp.isPending || n < 2}>
        {t('weights.compute')}
      </button>
      <ErrorNote error={ahp.error} />
      {r && (
        <div className="result" data-testid="ahp-result">
          <p role="status" className={r.consistent ? 'ok' : 'bad'}>
            {r.consistent ? t('weights.consistent') : t('weights.inconsistent')}
          </p>
          {r.inconsistentPairs.length > 0 && (
            <ul className="hints">
              {r.inconsistentPairs.slice(0, 3).map((p) => (
                <li key={`${p.i},${p.j}`}>
                  {t('weights.revisit', {
                    a: criteria[p.i],
                    b: criteria[p.j],
                    now: scaleText(p.value),
                    suggested: scaleText(p.suggested),
                    after: num(p.crAfter),
                  })}
                </li>
              ))}
            </ul>
          )}
          <table className="diagnostics">
            <caption>{t('weights.diagnostics')}</caption>
            <tbody>
              <tr>
                <th scope="row">{t('weights.cr')}</th>
                <td className="num" data-testid="cr">
                  {num(r.cr)}
                </td>
              </tr>
              <tr>
                <th scope="row">{t('weights.lambdaMax')}</th>
                <td className="num">{num(r.lambdaMax)}</td>
              </tr>
              <tr>
                <th scope="row">{t('weights.ci')}</th>
                <td className="num">{num(r.ci)}</td>
              </tr>
              <tr>
                <th scope="row">{t('weights.ri')}</th>
                <td className="num">{num(r.ri, 2)}</td>
              </tr>
            </tbody>
          </table>
          <Chart spec={weightBars(t('weights.weight'), criteria, r.weights)} testId="ahp-bars" />
        </div>
      )}
    </section>
  );
}

function TreeSection() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const versions = useGet<ModelVersion[]>('/model-versions?kind=indicator-system&limit=200');
  const [id, setId] = useState('');
  const run = useMutation({
    mutationFn: (v: ModelVersion) => post<HierarchyResult>('/methods/hierarchy', { input: v.content }),
  });
  const r = run.data;
  const treeChart = (): TreeChartNode | undefined => {
    if (!r) return undefined;
    const byParent = new Map<string | undefined, HierarchyResult['nodes']>();
    for (const n of r.nodes) byParent.set(n.parent, [...(byParent.get(n.parent) ?? []), n]);
    const build = (n: HierarchyResult['nodes'][number]): TreeChartNode => ({
      name: `${label(n.name, lang)} ${n.depth > 0 ? num(n.localWeight, 3) : ''}`.trim(),
      ...(n.leaf ? {} : { children: (byParent.get(n.code) ?? []).map(build) }),
    });
    const root = byParent.get(undefined)?.[0];
    return root ? build(root) : undefined;
  };
  const root = treeChart();
  const leaves = r?.nodes.filter((n) => n.leaf && n.globalWeight !== null) ?? [];
  return (
    <section aria-labelledby="tree-title">
      <h2 id="tree-title">{t('weights.tree')}</h2>
      <form
        className="inline"
        onSubmit={(e) => {
          e.preventDefault();
          const v = versions.data?.find((x) => x.id === id) ?? versions.data?.[0];
          if (v) run.mutate(v);
        }}
      >
        <label>
          {t('weights.pickVersion')}{' '}
          <select name="version" value={id} onChange={(e) => setId(e.target.value)}>
            {versions.data?.map((v) => (
              <option key={v.id} value={v.id}>
                v{v.version} {v.note ?? ''}
              </option>
            ))}
          </select>
        </label>{' '}
        <button type="submit" disabled={!versions.data?.length}>
          {t('weights.computeTree')}
        </button>
      </form>
      {versions.data?.length === 0 && <p>{t('common.none')}</p>}
      <ErrorNote error={run.error ?? versions.error} />
      {r && (
        <div className="result" data-testid="tree-result">
          {root && <Chart spec={hierarchyTree(t('weights.chartLocal'), root)} />}
          <table>
            <thead>
              <tr>
                <th scope="col">{t('common.code')}</th>
                <th scope="col">{t('weights.indicator')}</th>
                <th scope="col" className="num">
                  {t('weights.local')}
                </th>
                <th scope="col" className="num">
                  {t('weights.global')}
                </th>
              </tr>
            </thead>
            <tbody>
              {r.nodes.map((n) => (
                <tr key={n.code}>
                  <td>
                    <code>{n.code}</code>
                  </td>
                  <td style={{ paddingLeft: `${n.depth * 1.2 + 0.4}em` }}>{label(n.name, lang)}</td>
                  <td className="num">{num(n.localWeight)}</td>
                  <td className="num">{num(n.globalWeight)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {leaves.length > 0 && (
            <Chart
              spec={weightBars(
                t('weights.chartGlobal'),
                leaves.map((n) => label(n.name, lang)),
                leaves.map((n) => n.globalWeight as number),
              )}
            />
          )}
        </div>
      )}
    </section>
  );
}

export function WeightsPage() {
  const { t } = useTranslation();
  return (
    <section>
      <h1>{t('weights.title')}</h1>
      <AhpSection />
      <TreeSection />
      <WeightsCompare />
    </section>
  );
}
