/**
 * Evaluations by TOPSIS (POST /methods/topsis): a decision matrix typed, pasted or uploaded as CSV,
 * weights and directions per criterion, evaluated at once or — a large portfolio — as a background
 * job (portfolio-evaluation) whose progress is followed; the ranking table, closeness bars, a radar per alternative,
 * weighted contributions and a heat map of the normalised scores.
 */
import { degreeBars, radar } from '@scf-risk/report';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../api.ts';
import { contributionBars, normalise, scoreHeatmap } from '../charts.ts';
import { Chart } from '../components/Chart.tsx';
import { ErrorNote } from '../components/ErrorNote.tsx';
import { JobProgress } from '../components/JobProgress.tsx';
import { num } from '../format.ts';
import { useJob, useSubmitJob } from '../jobs.ts';
import type { TopsisResult } from '../types.ts';

const SAMPLE = `alternative,Macro & industry,Commercial bank,Platform,Financing enterprises,Logistics
Alibaba,8.2,7.4,7.8,7.6,7.0
Molbase,8.6,7.0,7.9,7.7,6.8
Zhaogang,9.1,6.8,8.0,7.5,6.2
Tianwu Dazong,8.4,6.9,7.6,7.3,6.6
China Supplier,8.8,7.2,8.1,7.9,6.9`;
const SAMPLE_WEIGHTS = ['0.12', '0.22', '0.30', '0.24', '0.12'];

interface Parsed {
  criteria: string[];
  alternatives: string[];
  matrix: number[][];
  errors: { row: number; message: string }[];
}

/** The CSV as a decision matrix: header "alternative,c1,…", then a name and numbers per row. */
function parseCsv(text: string): Parsed {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const split = (l: string) => l.split(',').map((c) => c.trim());
  const criteria = split(lines[0] ?? '').slice(1);
  const out: Parsed = { criteria, alternatives: [], matrix: [], errors: [] };
  lines.slice(1).forEach((line, k) => {
    const cells = split(line);
    const values = cells.slice(1).map(Number);
    if (values.length !== criteria.length) out.errors.push({ row: k + 2, message: `${values.length} / ${criteria.length}` });
    else if (values.some((v) => !Number.isFinite(v))) out.errors.push({ row: k + 2, message: cells.slice(1).join(', ') });
    else {
      out.alternatives.push(cells[0] ?? `#${k + 1}`);
      out.matrix.push(values);
    }
  });
  return out;
}

export function EvaluationsPage() {
  const { t } = useTranslation();
  const [csv, setCsv] = useState(SAMPLE);
  const parsed = parseCsv(csv);
  const m = parsed.criteria.length;
  const [weights, setWeights] = useState<string[]>(SAMPLE_WEIGHTS);
  const [directions, setDirections] = useState<('benefit' | 'cost')[]>([]);
  // A matrix with other criteria starts again from equal weights and benefit directions.
  const load = (text: string) => {
    if (parseCsv(text).criteria.join('\n') !== parsed.criteria.join('\n')) {
      setWeights([]);
      setDirections([]);
    }
    setCsv(text);
  };
  const w = Array.from({ length: m }, (_, j) => weights[j] ?? String(Number((1 / m).toFixed(6))));
  const d = Array.from({ length: m }, (_, j) => directions[j] ?? 'benefit');
  const input = {
    alternatives: parsed.alternatives,
    labels: parsed.criteria,
    weights: w.map(Number),
    directions: d,
    matrix: parsed.matrix,
  };
  const run = useMutation({ mutationFn: () => post<TopsisResult>('/methods/topsis', { input }) });
  // A large portfolio: the same evaluation as a background job (portfolio-evaluation), its progress followed.
  const submit = useSubmitJob('portfolio-evaluation');
  const job = useJob<{ results: TopsisResult[] }>(submit.data?.id);
  const [via, setVia] = useState<'now' | 'job'>('now');
  const r = via === 'now' ? run.data : job.data?.status === 'succeeded' ? job.data.result?.results[0] : undefined;
  const order = r ? r.alternatives.map((_, i) => i).sort((a, b) => (r.rank[a] as number) - (r.rank[b] as number)) : [];
  const scores = r ? normalise(parsed.matrix, d) : [];
  return (
    <section>
      <h1>{t('evaluations.title')}</h1>
      <p>{t('evaluations.method')}</p>
      <label>
        {t('evaluations.data')}
        <textarea name="csv" rows={8} value={csv} onChange={(e) => load(e.target.value)} spellCheck={false} />
      </label>
      <label>
        {t('evaluations.upload')}{' '}
        <input
          type="file"
          accept=".csv,text/csv"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) void f.text().then(load);
          }}
        />
      </label>
      {parsed.errors.length > 0 && (
        <ul role="alert" className="error">
          {parsed.errors.map((x) => (
            <li key={x.row}>{t('evaluations.parseError', { row: x.row, message: x.message })}</li>
          ))}
        </ul>
      )}
      <table className="matrix">
        <thead>
          <tr>
            <td />
            {parsed.criteria.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">{t('evaluations.weightsRow')}</th>
            {parsed.criteria.map((c, j) => (
              <td key={c}>
                <input
                  aria-label={`${t('evaluations.weightsRow')} ${c}`}
                  size={5}
                  value={w[j]}
                  onChange={(e) => setWeights(w.map((x, k) => (k === j ? e.target.value : x)))}
                />
              </td>
            ))}
          </tr>
          <tr>
            <th scope="row">{t('evaluations.directionsRow')}</th>
            {parsed.criteria.map((c, j) => (
              <td key={c}>
                <select
                  aria-label={`${t('evaluations.directionsRow')} ${c}`}
                  value={d[j]}
                  onChange={(e) => setDirections(d.map((x, k) => (k === j ? (e.target.value as 'benefit' | 'cost') : x)))}
                >
                  <option value="benefit">{t('models.directions.benefit')}</option>
                  <option value="cost">{t('models.directions.cost')}</option>
                </select>
              </td>
            ))}
          </tr>
        </tbody>
      </table>
      <button
        type="button"
        onClick={() => {
          setVia('now');
          run.mutate();
        }}
        disabled={run.isPending || parsed.matrix.length < 2}
      >
        {t('evaluations.evaluate')}
      </button>
      <button
        type="button"
        onClick={() => {
          setVia('job');
          submit.mutate({ method: 'topsis', documents: [{ input }] });
        }}
        disabled={submit.isPending || parsed.matrix.length < 2}
      >
        {t('evaluations.asJob')}
      </button>
      <ErrorNote error={via === 'now' ? run.error : (submit.error ?? job.error)} />
      {via === 'job' && <JobProgress job={job.data} />}
      {r && (
        <div className="result" data-testid="topsis-result">
          <h2>{t('evaluations.ranking')}</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('evaluations.rank')}</th>
                <th scope="col">{t('evaluations.alternative')}</th>
                <th scope="col" className="num">
                  {t('evaluations.closeness')}
                </th>
                <th scope="col" className="num">
                  {t('evaluations.dPlus')}
                </th>
                <th scope="col" className="num">
                  {t('evaluations.dMinus')}
                </th>
              </tr>
            </thead>
            <tbody>
              {order.map((i) => (
                <tr key={r.alternatives[i]}>
                  <td>{r.rank[i]}</td>
                  <td>{r.alternatives[i]}</td>
                  <td className="num">{num(r.closeness[i])}</td>
                  <td className="num">{num(r.distanceToBest[i])}</td>
                  <td className="num">{num(r.distanceToWorst[i])}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="charts">
            <Chart spec={degreeBars(t('evaluations.chartCloseness'), r.alternatives, r.closeness)} testId="closeness" />
            <Chart
              spec={radar(
                t('evaluations.chartRadar'),
                parsed.criteria,
                r.alternatives.map((name, i) => ({ name, values: (scores[i] ?? []).map((v) => Number(v.toFixed(3))) })),
              )}
            />
            <Chart
              spec={contributionBars(
                t('evaluations.chartContribution'),
                r.alternatives,
                parsed.criteria,
                scores.map((row) => row.map((v, j) => v * (r.weights[j] as number))),
              )}
            />
            <Chart spec={scoreHeatmap(t('evaluations.chartHeat'), r.alternatives, parsed.criteria, scores)} />
          </div>
        </div>
      )}
    </section>
  );
}
