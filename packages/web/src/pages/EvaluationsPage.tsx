/**
 * Evaluations by TOPSIS (POST /methods/topsis): a decision matrix typed, pasted or uploaded as CSV,
 * weights and directions per criterion, evaluated at once or — a large portfolio — as a background
 * job (portfolio-evaluation) whose progress is followed; the ranking table, closeness bars, a radar per alternative,
 * weighted contributions and a heat map of the normalised scores. The job also gives the rank probabilities
 * (Monte-Carlo draws and seed chosen here, RankTable). A portfolio uploaded as XLSX (its first sheet or a
 * named one) goes to the job as the file itself — read on the server by io's reader, a bad cell named by
 * sheet and cell — with equal weights and benefit directions; the matrix it read then fills the editor.
 */
import { degreeBars, radar } from '@scf-risk/report';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../api.ts';
import { contributionBars, normalise, scoreHeatmap } from '../charts.ts';
import { Chart } from '../components/Chart.tsx';
import { ErrorNote } from '../components/ErrorNote.tsx';
import { JobProgress } from '../components/JobProgress.tsx';
import { RankTable } from '../components/RankTable.tsx';
import { num } from '../format.ts';
import { useJob, useSubmitJob } from '../jobs.ts';
import type { PortfolioEvaluationResult, TopsisDocument, TopsisResult } from '../types.ts';

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

/** A document read from a file, back as the editor's CSV text. */
function documentCsv(d: TopsisDocument): string {
  return [['alternative', ...d.labels], ...d.matrix.map((row, i) => [d.alternatives[i], ...row])].map((r) => r.join(',')).join('\n');
}

/** A file's bytes as base64 (how a workbook travels in the job's JSON input). */
async function base64Of(f: File): Promise<string> {
  const bytes = new Uint8Array(await f.arrayBuffer());
  let binary = '';
  for (let k = 0; k < bytes.length; k += 0x8000) binary += String.fromCharCode(...bytes.subarray(k, k + 0x8000));
  return btoa(binary);
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
  // Equal weights in full precision: six decimals of 1/3 would not sum to 1 and TOPSIS would refuse them.
  const w = Array.from({ length: m }, (_, j) => weights[j] ?? String(1 / m));
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
  const job = useJob<PortfolioEvaluationResult>(submit.data?.id);
  const [via, setVia] = useState<'now' | 'job'>('now');
  const [draws, setDraws] = useState('1000');
  const [seed, setSeed] = useState('1');
  const [sheet, setSheet] = useState('');
  const rankProbabilities = { draws: Number(draws), seed: Number(seed) };
  const done = job.data?.status === 'succeeded' ? job.data.result : undefined;
  // A portfolio read from a file fills the editor with what was read, weights and directions included.
  const read = done?.table;
  useEffect(() => {
    if (!read) return;
    setCsv(documentCsv(read.input));
    setWeights(read.input.weights.map(String));
    setDirections(read.input.directions ?? []);
  }, [read]);
  const r = via === 'now' ? run.data : done?.results[0];
  const ranks = via === 'job' ? done?.rankProbabilities?.[0] : undefined;
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
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (!f) return;
            if (!f.name.toLowerCase().endsWith('.xlsx')) void f.text().then(load);
            else
              void base64Of(f).then((base64) => {
                setVia('job');
                submit.mutate({ method: 'topsis', table: { name: f.name, base64, ...(sheet ? { sheet } : {}) }, rankProbabilities });
              });
          }}
        />
      </label>{' '}
      <label>
        {t('evaluations.sheet')} <input name="sheet" size={12} value={sheet} onChange={(e) => setSheet(e.target.value)} />
      </label>
      {read && (
        <p role="status">
          {t('evaluations.readFrom', {
            file: read.sheet ? `${read.file} (${read.sheet})` : read.file,
            rows: read.input.alternatives.length,
            cols: read.input.labels.length,
          })}
        </p>
      )}
      {parsed.errors.length > 0 && (
        <ul role="alert" className="error">
          {parsed.errors.map((x) => (
            <li key={x.row}>{t('evaluations.parseError', { row: x.row, message: x.message })}</li>
          ))}
        </ul>
      )}
      <div className="scroll-x">
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
      </div>
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
      <fieldset className="inline">
        <legend>{t('evaluations.rankOptions')}</legend>
        <label>
          {t('evaluations.draws')}{' '}
          <input name="draws" type="number" min="1" max="100000" value={draws} onChange={(e) => setDraws(e.target.value)} />
        </label>{' '}
        <label>
          {t('evaluations.seed')} <input name="seed" type="number" value={seed} onChange={(e) => setSeed(e.target.value)} />
        </label>
      </fieldset>
      <button
        type="button"
        onClick={() => {
          setVia('job');
          submit.mutate({ method: 'topsis', documents: [{ input }], rankProbabilities });
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
      {r && ranks && <RankTable alternatives={r.alternatives} ranks={ranks} />}
    </section>
  );
}
