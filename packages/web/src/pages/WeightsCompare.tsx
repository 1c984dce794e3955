/**
 * Two indicator-system versions side by side: each tree's weights computed by the API (POST
 * /methods/hierarchy), every indicator's global weight in A and in B and the change, indicators
 * present in only one version shown with a dash on the other side.
 */
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../api.ts';
import { ErrorNote } from '../components/ErrorNote.tsx';
import { num } from '../format.ts';
import { label } from '../i18n.ts';
import { useGet } from '../queries.ts';
import type { HierarchyResult, ModelVersion } from '../types.ts';

type Node = HierarchyResult['nodes'][number];

export function WeightsCompare() {
  const { t, i18n } = useTranslation();
  const versions = useGet<ModelVersion[]>('/model-versions?kind=indicator-system&limit=200');
  const [a, setA] = useState('');
  const [b, setB] = useState('');
  const weigh = (v: ModelVersion) => post<HierarchyResult>('/methods/hierarchy', { input: v.content });
  const run = useMutation({ mutationFn: async (pair: [ModelVersion, ModelVersion]) => Promise.all(pair.map(weigh)) });
  const list = versions.data ?? [];
  const pick = (id: string, fallback: number) => list.find((v) => v.id === id) ?? list[fallback] ?? list[0];
  const leavesOf = (r: HierarchyResult) => new Map(r.nodes.filter((n) => n.leaf).map((n) => [n.code, n]));
  const rows = (() => {
    if (!run.data) return [];
    const [la, lb] = run.data.map(leavesOf) as [Map<string, Node>, Map<string, Node>];
    const codes = [...new Set([...la.keys(), ...lb.keys()])];
    return codes.map((code) => ({ code, a: la.get(code), b: lb.get(code) }));
  })();
  const select = (name: string, value: string, set: (v: string) => void, fallback: number) => (
    <select id={`compare-${name}`} name={name} value={value || pick('', fallback)?.id || ''} onChange={(e) => set(e.target.value)}>
      {list.map((v) => (
        <option key={v.id} value={v.id}>
          v{v.version} {v.note ?? ''}
        </option>
      ))}
    </select>
  );
  return (
    <section aria-labelledby="compare-title">
      <h2 id="compare-title">{t('weights.compare')}</h2>
      <form
        className="inline"
        onSubmit={(e) => {
          e.preventDefault();
          const va = pick(a, 0);
          const vb = pick(b, 1);
          if (va && vb) run.mutate([va, vb]);
        }}
      >
        <label htmlFor="compare-a">A</label> {select('a', a, setA, 0)} <label htmlFor="compare-b">B</label> {select('b', b, setB, 1)}{' '}
        <button type="submit" disabled={list.length === 0}>
          {t('weights.compareRun')}
        </button>
      </form>
      <ErrorNote error={run.error} />
      {rows.length > 0 && (
        <table data-testid="compare">
          <thead>
            <tr>
              <th scope="col">{t('common.code')}</th>
              <th scope="col">{t('weights.indicator')}</th>
              <th scope="col" className="num">
                A
              </th>
              <th scope="col" className="num">
                B
              </th>
              <th scope="col" className="num">
                {t('weights.change')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ code, a: x, b: y }) => {
              const d = x?.globalWeight != null && y?.globalWeight != null ? y.globalWeight - x.globalWeight : null;
              return (
                <tr key={code}>
                  <td>
                    <code>{code}</code>
                  </td>
                  <td>{label((x ?? y)?.name, i18n.language)}</td>
                  <td className="num">{num(x?.globalWeight)}</td>
                  <td className="num">{num(y?.globalWeight)}</td>
                  <td className="num">{d === null ? '—' : `${d >= 0 ? '+' : ''}${d.toFixed(4)}`}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
