/**
 * Rank probabilities of an evaluation (the portfolio-evaluation job's `rankProbabilities`, core's
 * monteCarloRanks): P(rank = k) per alternative as a table (alternatives by mean rank) and a heat
 * map, with the diagnostics — draws, seed and the Dirichlet concentration κ — so a run can be
 * repeated.
 */
import { useTranslation } from 'react-i18next';
import { scoreHeatmap } from '../charts.ts';
import { num, percent } from '../format.ts';
import type { RankProbabilities } from '../types.ts';
import { Chart } from './Chart.tsx';

export function RankTable({ alternatives, ranks }: { alternatives: string[]; ranks: RankProbabilities }) {
  const { t } = useTranslation();
  const order = alternatives.map((_, i) => i).sort((a, b) => (ranks.meanRank[a] as number) - (ranks.meanRank[b] as number));
  const positions = alternatives.map((_, k) => t('evaluations.rankK', { k: k + 1 }));
  return (
    <section aria-labelledby="rank-probabilities" data-testid="rank-probabilities">
      <h2 id="rank-probabilities">{t('evaluations.rankProbabilities')}</h2>
      <p data-testid="rank-diagnostics">
        {t('evaluations.rankNote', { draws: ranks.draws.toLocaleString(), seed: ranks.seed, kappa: ranks.concentration ?? '—' })}
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('evaluations.alternative')}</th>
            <th scope="col" className="num">
              {t('evaluations.meanRank')}
            </th>
            {positions.map((p) => (
              <th key={p} scope="col" className="num">
                {p}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {order.map((i) => (
            <tr key={alternatives[i]}>
              <th scope="row">{alternatives[i]}</th>
              <td className="num">{num(ranks.meanRank[i], 2)}</td>
              {(ranks.probabilities[i] ?? []).map((p, k) => (
                <td key={positions[k]} className="num">
                  {percent(p, 1)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <Chart spec={scoreHeatmap(t('evaluations.chartRanks'), alternatives, positions, ranks.probabilities)} testId="rank-heat" />
    </section>
  );
}
