/**
 * One questionnaire, the organiser's view: invite experts (each link shown once), the progress by
 * expert label (never their answers), the results — pairwise: group weights and CR per comparison,
 * the experts to ask again, the global weights; Delphi: per round Kendall's W and each indicator's
 * mean, full-score frequency, CV and keep / discuss / delete — and the rounds (close, open next).
 */
import { weightBars } from '@scf-risk/report';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { post } from '../api.ts';
import { can, useMe } from '../auth.ts';
import { Chart } from '../components/Chart.tsx';
import { ErrorNote } from '../components/ErrorNote.tsx';
import { num } from '../format.ts';
import { label } from '../i18n.ts';
import { useGet } from '../queries.ts';
import type { DelphiStatistics, Questionnaire, QuestionnaireProgress, QuestionnaireResults } from '../types.ts';

function DelphiRound({ stats }: { stats: DelphiStatistics }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <p data-testid="kendall">
        {t('questionnaires.kendall', { w: num(stats.kendallW, 3), chi: num(stats.chiSquare, 2), df: stats.df, p: num(stats.p, 4) })}
      </p>
      <p>{t('questionnaires.counts', stats.counts)}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('questionnaires.indicator')}</th>
            <th scope="col" className="num">
              {t('questionnaires.mean')}
            </th>
            <th scope="col" className="num">
              {t('questionnaires.fullScore')}
            </th>
            <th scope="col" className="num">
              {t('questionnaires.cv')}
            </th>
            <th scope="col">{t('questionnaires.decision')}</th>
          </tr>
        </thead>
        <tbody>
          {stats.indicators.map((x) => (
            <tr key={x.indicator} className={`decision-${x.decision}`}>
              <td>
                <code>{x.indicator}</code> {label(x.label, i18n.language)}
              </td>
              <td className="num">{num(x.mean, 2)}</td>
              <td className="num">{num(x.fullScoreFrequency, 2)}</td>
              <td className="num">{num(x.cv, 3)}</td>
              <td>{t(`questionnaires.decisions.${x.decision}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export function QuestionnaireDetailPage() {
  const { t, i18n } = useTranslation();
  const { id } = useParams();
  const me = useMe();
  const qc = useQueryClient();
  const base = `/questionnaires/${id}`;
  const q = useGet<Questionnaire>(base);
  const progress = useGet<QuestionnaireProgress>(`${base}/progress`);
  const results = useGet<QuestionnaireResults>(`${base}/results`);
  const refresh = () => {
    for (const k of [base, `${base}/progress`, `${base}/results`]) void qc.invalidateQueries({ queryKey: [k] });
  };
  const [labels, setLabels] = useState('');
  const invite = useMutation({
    mutationFn: () =>
      post<{ invitations: { label: string; token: string }[] }>(`${base}/invitations`, {
        experts: labels
          .split('\n')
          .map((l) => l.trim())
          .filter(Boolean)
          .map((l) => ({ label: l })),
      }),
    onSuccess: () => {
      setLabels('');
      refresh();
    },
  });
  const close = useMutation({ mutationFn: () => post(`${base}/close-round`, {}), onSuccess: refresh });
  const next = useMutation({ mutationFn: () => post(`${base}/rounds`, {}), onSuccess: refresh });
  const write = can(me.data, 'writeModels');
  const r = results.data;
  const p = progress.data;
  return (
    <section>
      <h1>{q.data?.title ?? t('questionnaires.title')}</h1>
      <ErrorNote error={q.error} />
      {q.data && (
        <p className="muted">
          {t(`questionnaires.kinds.${q.data.kind}`)} · {t('questionnaires.round')} {q.data.round} ·{' '}
          <span data-testid="q-status">{t(`questionnaires.statuses.${q.data.status}`)}</span>
        </p>
      )}
      {write && (
        <form
          className="panel"
          aria-labelledby="invite"
          onSubmit={(e) => {
            e.preventDefault();
            invite.mutate();
          }}
        >
          <h2 id="invite">{t('questionnaires.invite')}</h2>
          <label>
            {t('questionnaires.labels')}
            <textarea name="labels" rows={3} value={labels} onChange={(e) => setLabels(e.target.value)} required />
          </label>
          <button type="submit" disabled={invite.isPending}>
            {t('questionnaires.invite')}
          </button>
          <ErrorNote error={invite.error} />
          {invite.data && (
            <>
              <p>{t('questionnaires.links')}</p>
              <ul data-testid="links">
                {invite.data.invitations.map((x) => (
                  <li key={x.token}>
                    {x.label}: <code data-label={x.label}>{`${window.location.origin}/app/q/${x.token}`}</code>
                  </li>
                ))}
              </ul>
            </>
          )}
        </form>
      )}
      <h2>{t('questionnaires.progress')}</h2>
      <ErrorNote error={progress.error} />
      {p && (
        <>
          <p data-testid="progress">{t('questionnaires.invited', { answered: p.answered, invited: p.invited, round: p.round })}</p>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('questionnaires.expert')}</th>
                <th scope="col">{t('questionnaires.answered')}</th>
                <th scope="col">{t('questionnaires.rounds')}</th>
              </tr>
            </thead>
            <tbody>
              {p.invitations.map((x) => (
                <tr key={x.id}>
                  <td>{x.label}</td>
                  <td>{x.answered ? t('common.yes') : t('common.no')}</td>
                  <td>{x.roundsAnswered.join(', ') || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {write && q.data && (
        <div className="buttons">
          {q.data.status === 'open' && (
            <button type="button" onClick={() => close.mutate()} disabled={close.isPending}>
              {t('questionnaires.closeRound')}
            </button>
          )}
          {q.data.status === 'closed' && q.data.kind === 'delphi' && (
            <button type="button" onClick={() => next.mutate()} disabled={next.isPending}>
              {t('questionnaires.nextRound')}
            </button>
          )}
        </div>
      )}
      <ErrorNote error={close.error ?? next.error} />
      <h2>{t('questionnaires.results')}</h2>
      <ErrorNote error={results.error} />
      {r?.kind === 'pairwise' && (
        <div data-testid="results">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('questionnaires.node')}</th>
                <th scope="col">{t('questionnaires.groupWeights')}</th>
                <th scope="col" className="num">
                  {t('questionnaires.cr')}
                </th>
                <th scope="col">{t('questionnaires.inconsistentExperts')}</th>
              </tr>
            </thead>
            <tbody>
              {r.nodes.map((n) => (
                <tr key={n.node}>
                  <td>
                    <code>{n.node}</code>
                  </td>
                  <td>{n.elements.map((e, k) => `${e} ${num(n.weights[k], 3)}`).join(' · ')}</td>
                  <td className={`num ${n.consistent ? '' : 'bad'}`}>{num(n.cr)}</td>
                  <td>{n.inconsistentExperts.join(', ') || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {r.leaves.some((l) => l.globalWeight !== null) && (
            <Chart
              spec={weightBars(
                t('questionnaires.globalWeights'),
                r.leaves.map((l) => label(l.name, i18n.language)),
                r.leaves.map((l) => l.globalWeight ?? 0),
              )}
            />
          )}
        </div>
      )}
      {r?.kind === 'delphi' && (
        <div data-testid="results">
          {r.rounds.map((round) => (
            <section key={round.round} aria-label={`${t('questionnaires.round')} ${round.round}`}>
              <h3>
                {t('questionnaires.round')} {round.round} ({t(`questionnaires.statuses.${round.closed ? 'closed' : 'open'}`)})
              </h3>
              {round.statistics ? <DelphiRound stats={round.statistics} /> : <p>{t('questionnaires.notYet')}</p>}
            </section>
          ))}
        </div>
      )}
    </section>
  );
}
