/**
 * Contagion from a core enterprise's default (GET /monitoring/contagion, DebtRank): the supply-chain
 * graph (GET /links) with each enterprise's distress, and the enterprises at risk with the lender's
 * exposure and expected loss.
 */
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { contagionGraph } from '../../charts.ts';
import { Chart } from '../../components/Chart.tsx';
import { ErrorNote } from '../../components/ErrorNote.tsx';
import { amount, num } from '../../format.ts';
import { useGet } from '../../queries.ts';
import type { Enterprise, SupplyLink } from '../../types.ts';

interface Contagion {
  systemicLoss: number;
  networkLoss: number;
  steps: number;
  distress: { id: string; name: string; h: number }[];
  atRisk: { id: string; name: string; h: number; lenderExposure: number; expectedLoss: number }[];
}

export function ContagionSection({ enterprises }: { enterprises: Enterprise[] }) {
  const { t, i18n } = useTranslation();
  const cores = enterprises.filter((e) => e.kind === 'core');
  const [from, setFrom] = useState('');
  const links = useGet<SupplyLink[]>('/links?limit=500');
  const run = useMutation({ mutationFn: (id: string) => api<Contagion>(`/monitoring/contagion?from=${id}`) });
  const r = run.data;
  const source = from || cores[0]?.id;
  const graph = () => {
    if (!r) return null;
    const inGraph = new Set(r.distress.map((d) => d.id));
    const edges = (links.data ?? [])
      .filter((l) => inGraph.has(l.buyerId) && inGraph.has(l.sellerId))
      .map((l) => ({ from: l.buyerId, to: l.sellerId }));
    return contagionGraph(
      t('monitoring.contagion'),
      r.distress.map((d) => ({ ...d, source: d.id === source })),
      edges,
    );
  };
  const spec = graph();
  return (
    <section aria-labelledby="contagion-title">
      <h2 id="contagion-title">{t('monitoring.contagion')}</h2>
      <form
        className="inline"
        onSubmit={(e) => {
          e.preventDefault();
          if (source) run.mutate(source);
        }}
      >
        <label>
          {t('monitoring.from')}{' '}
          <select name="from" value={from} onChange={(e) => setFrom(e.target.value)}>
            {cores.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>{' '}
        <button type="submit" disabled={!source}>
          {t('monitoring.compute')}
        </button>
      </form>
      <ErrorNote error={run.error} />
      {r && (
        <div data-testid="contagion">
          <p>{t('monitoring.systemicLoss', { loss: num(r.systemicLoss, 3), network: num(r.networkLoss, 3), steps: r.steps })}</p>
          {spec && <Chart spec={spec} />}
          <table>
            <thead>
              <tr>
                <th scope="col">{t('common.name')}</th>
                <th scope="col" className="num">
                  {t('monitoring.distress')}
                </th>
                <th scope="col" className="num">
                  {t('monitoring.exposure')}
                </th>
                <th scope="col" className="num">
                  {t('monitoring.expectedLoss')}
                </th>
              </tr>
            </thead>
            <tbody>
              {r.atRisk.map((x) => (
                <tr key={x.id}>
                  <td>{x.name}</td>
                  <td className="num">{num(x.h, 3)}</td>
                  <td className="num">{amount(x.lenderExposure, i18n.language)}</td>
                  <td className="num">{amount(x.expectedLoss, i18n.language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
