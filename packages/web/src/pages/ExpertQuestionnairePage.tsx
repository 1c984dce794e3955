/**
 * The expert's questionnaire, by link (/app/q/:token → API /q/:token, no account) or signed in
 * (/app/my/:id → /my/invitations/:id). Pairwise: one matrix per comparison, the judgments above the
 * diagonal on Saaty's 1/9…9 scale, with the live CR and the judgments to revisit (POST …/check,
 * nothing saved) as they are typed. Delphi: a score per indicator on the questionnaire's scale,
 * beside the previous round's anonymous statistics, and optionally Ca and Cs. One answer per round.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { post } from '../api.ts';
import { ErrorNote } from '../components/ErrorNote.tsx';
import { num } from '../format.ts';
import { label } from '../i18n.ts';
import { useGet } from '../queries.ts';
import type { ExpertView, PairwiseCheck, Questionnaire } from '../types.ts';

/** Saaty's scale, strongest for the row first. */
const SAATY = ['9', '8', '7', '6', '5', '4', '3', '2', '1', '1/2', '1/3', '1/4', '1/5', '1/6', '1/7', '1/8', '1/9'];
const SCALES: Record<string, number[]> = { '1-3-5': [1, 3, 5], '1-5': [1, 2, 3, 4, 5], '1-10': [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] };

function value(s: string): number {
  const [a, b] = s.split('/');
  return b === undefined ? Number(a) : Number(a) / Number(b);
}

/** A judgment as the scale writes it: 3, 1/3 (rounded to the nearest scale step). */
function scaleText(v: number): string {
  return v >= 1 ? String(Math.round(v)) : `1/${Math.round(1 / v)}`;
}

type Upper = Record<string, Record<string, string>>;

function matricesOf(q: Questionnaire, upper: Upper): Record<string, number[][]> {
  const out: Record<string, number[][]> = {};
  for (const c of q.comparisons) {
    const n = c.elements.length;
    const cell = (i: number, j: number) => value(upper[c.node]?.[`${i},${j}`] ?? '1');
    out[c.node] = Array.from({ length: n }, (_, i) =>
      Array.from({ length: n }, (__, j) => (i === j ? 1 : i < j ? cell(i, j) : 1 / cell(j, i))),
    );
  }
  return out;
}

function PairwiseForm({ base, view }: { base: string; view: ExpertView }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const q = view.questionnaire;
  const [upper, setUpper] = useState<Upper>({});
  const check = useMutation({ mutationFn: (matrices: Record<string, number[][]>) => post<PairwiseCheck>(`${base}/check`, { matrices }) });
  const submit = useMutation({
    mutationFn: () => post(`${base}/answers`, { matrices: matricesOf(q, upper) }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: [base] }),
  });
  // Live consistency: re-checked a moment after the last change.
  const key = JSON.stringify(upper);
  useEffect(() => {
    const timer = setTimeout(() => check.mutate(matricesOf(q, upper)), 250);
    return () => clearTimeout(timer);
  }, [key]);
  const nodeCheck = (node: string) => check.data?.nodes.find((n) => n.node === node);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        submit.mutate();
      }}
    >
      {q.comparisons.map((c) => {
        const names = c.elements.map((e) => label(e.name, i18n.language));
        const live = nodeCheck(c.node);
        return (
          <section key={c.node} className="panel comparison" data-node={c.node}>
            <h2>{label(c.name, i18n.language)}</h2>
            <table className="matrix">
              <caption>{t('questionnaires.judgmentOf')}</caption>
              <thead>
                <tr>
                  <td />
                  {names.map((n) => (
                    <th key={n} scope="col">
                      {n}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {names.map((ni, i) => (
                  <tr key={ni}>
                    <th scope="row">{ni}</th>
                    {names.map((nj, j) => {
                      const v = upper[c.node]?.[`${i},${j}`] ?? '1';
                      if (i === j) return <td key={nj}>1</td>;
                      if (i > j)
                        return (
                          <td key={nj} className="muted">
                            {scaleText(1 / value(upper[c.node]?.[`${j},${i}`] ?? '1'))}
                          </td>
                        );
                      return (
                        <td key={nj}>
                          <select
                            aria-label={`${ni} : ${nj}`}
                            data-cell={`${i},${j}`}
                            value={v}
                            onChange={(e) => setUpper({ ...upper, [c.node]: { ...upper[c.node], [`${i},${j}`]: e.target.value } })}
                          >
                            {SAATY.map((s) => (
                              <option key={s} value={s}>
                                {s}
                              </option>
                            ))}
                          </select>
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
            {live && (
              <div className="live" data-testid={`live-${c.node}`}>
                <p className={live.consistent ? 'ok' : 'bad'}>{t('questionnaires.liveCr', { cr: num(live.cr) })}</p>
                {live.hints.length > 0 && (
                  <ul className="hints">
                    {live.hints.slice(0, 3).map((h) => (
                      <li key={`${h.i},${h.j}`}>
                        {t('questionnaires.hint', {
                          row: names[h.i] ?? h.row,
                          column: names[h.j] ?? h.column,
                          now: scaleText(h.value),
                          suggested: scaleText(h.suggested),
                          after: num(h.crAfter),
                        })}
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            )}
          </section>
        );
      })}
      <button type="submit" disabled={submit.isPending}>
        {t('questionnaires.submit')}
      </button>
      <ErrorNote error={submit.error ?? check.error} />
    </form>
  );
}

function DelphiForm({ base, view }: { base: string; view: ExpertView }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const q = view.questionnaire;
  const options = SCALES[q.scale ?? '1-3-5'] ?? [];
  const [scores, setScores] = useState<Record<string, string>>({});
  const [ca, setCa] = useState('');
  const [cs, setCs] = useState('');
  const submit = useMutation({
    mutationFn: () =>
      post(`${base}/answers`, {
        scores: Object.fromEntries(q.indicators.map((x) => [x.code, Number(scores[x.code] ?? NaN)])),
        ...(ca !== '' && cs !== '' ? { authority: { ca: Number(ca), cs: Number(cs) } } : {}),
      }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: [base] }),
  });
  const stats = new Map(view.feedback?.indicators.map((s) => [s.indicator, s]));
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        submit.mutate();
      }}
    >
      <table>
        {view.feedback && <caption>{t('questionnaires.previous', { round: view.feedback.round })}</caption>}
        <thead>
          <tr>
            <th scope="col">{t('questionnaires.indicator')}</th>
            {view.feedback && (
              <>
                <th scope="col" className="num">
                  {t('questionnaires.mean')}
                </th>
                <th scope="col" className="num">
                  {t('questionnaires.sd')}
                </th>
                <th scope="col" className="num">
                  {t('questionnaires.fullScore')}
                </th>
              </>
            )}
            <th scope="col">{t('questionnaires.yourScore')}</th>
          </tr>
        </thead>
        <tbody>
          {q.indicators.map((x) => {
            const s = stats.get(x.code);
            const name = label(x.name, i18n.language);
            return (
              <tr key={x.code} data-indicator={x.code}>
                <td>
                  <code>{x.code}</code> {name}
                </td>
                {view.feedback && (
                  <>
                    <td className="num">{num(s?.mean, 2)}</td>
                    <td className="num">{num(s?.sd, 2)}</td>
                    <td className="num">{num(s?.fullScoreFrequency, 2)}</td>
                  </>
                )}
                <td>
                  <select
                    aria-label={`${t('questionnaires.yourScore')} ${name}`}
                    value={scores[x.code] ?? ''}
                    onChange={(e) => setScores({ ...scores, [x.code]: e.target.value })}
                    required
                  >
                    <option value="">—</option>
                    {options.map((o) => (
                      <option key={o} value={o}>
                        {o}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <fieldset className="panel">
        <legend>{t('questionnaires.authority')}</legend>
        <label>
          {t('questionnaires.ca')}
          <input name="ca" type="number" min="0" max="1" step="0.1" value={ca} onChange={(e) => setCa(e.target.value)} />
        </label>
        <label>
          {t('questionnaires.cs')}
          <input name="cs" type="number" min="0" max="1" step="0.1" value={cs} onChange={(e) => setCs(e.target.value)} />
        </label>
      </fieldset>
      <button type="submit" disabled={submit.isPending}>
        {t('questionnaires.submit')}
      </button>
      <ErrorNote error={submit.error} />
    </form>
  );
}

export function ExpertQuestionnairePage() {
  const { t } = useTranslation();
  const { token, id } = useParams();
  const base = token ? `/q/${encodeURIComponent(token)}` : `/my/invitations/${id}`;
  const view = useGet<ExpertView>(base);
  const v = view.data;
  return (
    <section>
      <h1>{v ? v.questionnaire.title : t('questionnaires.answer')}</h1>
      <ErrorNote error={view.error} />
      {v && (
        <>
          {v.questionnaire.description && <p>{v.questionnaire.description}</p>}
          <p className="muted">
            {t('questionnaires.round')} {v.questionnaire.round} · {t(`questionnaires.kinds.${v.questionnaire.kind}`)}
          </p>
          {v.answered ? (
            <p role="status" className="ok" data-testid="thanks">
              {t('questionnaires.thanks', { round: v.questionnaire.round })}
            </p>
          ) : v.questionnaire.status === 'closed' ? (
            <p role="status">{t('questionnaires.closedNote')}</p>
          ) : v.questionnaire.kind === 'pairwise' ? (
            <PairwiseForm key={v.questionnaire.round} base={base} view={v} />
          ) : (
            <DelphiForm key={v.questionnaire.round} base={base} view={v} />
          )}
        </>
      )}
    </section>
  );
}
