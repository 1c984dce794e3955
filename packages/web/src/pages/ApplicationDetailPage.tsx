/**
 * One application (GET /applications/:id): evaluate it with the product's active models (POST
 * …/evaluate) and read the result — score, grade, recommendation, credit limit, the model versions
 * used, each indicator's contribution (table and bars), the credit-tree path and the reasons (in the
 * workbench's language, from their catalogue texts) — then
 * decide (POST …/decision: approve or decline with a reason; one decision per application).
 */
import { weightBars } from '@scf-risk/report';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { post } from '../api.ts';
import { can, useMe } from '../auth.ts';
import { Chart } from '../components/Chart.tsx';
import { ErrorNote } from '../components/ErrorNote.tsx';
import { dateTime, money, num, toMinor } from '../format.ts';
import { useActors, useGet } from '../queries.ts';
import { serverText } from '../server-text.ts';
import type { ApplicationDetail, Enterprise, ModelVersion, TreeCondition } from '../types.ts';

function conditionText(c: TreeCondition): string {
  if (c.op === '=') return `= ${c.value}`;
  if (c.op === 'in') return `∈ {${c.values.join(', ')}}`;
  return `${c.op} ${c.threshold}`;
}

function VersionCell({ id }: { id: string | null }) {
  const v = useGet<ModelVersion>(id ? `/model-versions/${id}` : null);
  if (!id) return <>—</>;
  return <>{v.data ? `v${v.data.version}` : id.slice(0, 8)}</>;
}

export function ApplicationDetailPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { id } = useParams();
  const me = useMe();
  const qc = useQueryClient();
  const path = `/applications/${id}`;
  const app = useGet<ApplicationDetail>(path);
  const applicant = useGet<Enterprise>(app.data ? `/enterprises/${app.data.enterpriseId}` : null);
  const actor = useActors('application', id);
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: [path] });
    void qc.invalidateQueries({ queryKey: ['/applications?limit=200'] });
    void qc.invalidateQueries({ queryKey: [`/audit?entity=application&entityId=${id}&limit=500`] });
  };
  const evaluate = useMutation({ mutationFn: () => post(`${path}/evaluate`, {}), onSuccess: refresh });
  const [reason, setReason] = useState('');
  const [limit, setLimit] = useState('');
  const decide = useMutation({
    mutationFn: (decision: 'approve' | 'decline') =>
      post(`${path}/decision`, {
        decision,
        reason,
        ...(decision === 'approve' && limit && app.data
          ? { limit: { minor: toMinor(limit) ?? limit, currency: app.data.amount.currency } }
          : {}),
      }),
    onSuccess: refresh,
  });
  const a = app.data;
  const ev = a?.evaluations.reduce<ApplicationDetail['evaluations'][number] | undefined>(
    (latest, e) => (!latest || e.createdAt > latest.createdAt ? e : latest),
    undefined,
  );
  const write = can(me.data, 'writeBook');
  return (
    <section>
      <p>
        <Link to="/applications">← {t('common.back')}</Link>
      </p>
      <h1>{t('applications.detail', { name: applicant.data?.name ?? '…' })}</h1>
      <ErrorNote error={app.error} />
      {a && (
        <>
          <dl className="facts">
            <dt>{t('applications.amount')}</dt>
            <dd>{money(a.amount, lang)}</dd>
            <dt>{t('applications.term')}</dt>
            <dd>{a.termMonths}</dd>
            <dt>{t('applications.submitted')}</dt>
            <dd>{a.submittedOn}</dd>
            <dt>{t('common.status')}</dt>
            <dd data-testid="status">{t(`applications.statuses.${a.status}`)}</dd>
          </dl>
          {write && !a.decision && (
            <button type="button" className="primary" onClick={() => evaluate.mutate()} disabled={evaluate.isPending}>
              {t('applications.evaluate')}
            </button>
          )}
          <ErrorNote error={evaluate.error} />
          {ev && (
            <div className="result" data-testid="evaluation">
              <h2>{t('applications.evaluation')}</h2>
              <dl className="facts">
                <dt>{t('applications.score')}</dt>
                <dd data-testid="score">{num(ev.score, 2)}</dd>
                <dt>{t('applications.grade')}</dt>
                <dd>{ev.explanation.grade}</dd>
                <dt>{t('applications.recommendation')}</dt>
                <dd data-testid="recommendation">{t(`applications.recommendations.${ev.recommendation}`)}</dd>
                <dt>{t('applications.limit')}</dt>
                <dd>{money(ev.creditLimit, lang)}</dd>
                <dt>{t('applications.models')}</dt>
                <dd>
                  {t('applications.scoringRule')} <VersionCell id={ev.models.scoringRule} /> · {t('applications.weights')}{' '}
                  <VersionCell id={ev.models.weights} /> · {t('applications.creditTree')} <VersionCell id={ev.models.creditTree} />
                </dd>
                <dt>{t('common.at')}</dt>
                <dd>{dateTime(ev.createdAt, lang)}</dd>
              </dl>
              {ev.explanation.reasons.length > 0 && (
                <>
                  <h3>{t('applications.reasons')}</h3>
                  <ul data-testid="reasons">
                    {ev.explanation.reasons.map((r, k) => (
                      <li key={r}>{serverText(r, ev.explanation.texts?.[k], lang)}</li>
                    ))}
                  </ul>
                </>
              )}
              <h3>{t('applications.contributions')}</h3>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('applications.indicator')}</th>
                    <th scope="col" className="num">
                      {t('applications.value')}
                    </th>
                    <th scope="col" className="num">
                      {t('applications.indicatorScore')}
                    </th>
                    <th scope="col" className="num">
                      {t('applications.weight')}
                    </th>
                    <th scope="col" className="num">
                      {t('applications.contribution')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {ev.explanation.contributions.map((c) => (
                    <tr key={c.code}>
                      <td>
                        <code>{c.code}</code>
                      </td>
                      <td className="num">{c.value}</td>
                      <td className="num">{num(c.score, 2)}</td>
                      <td className="num">{num(c.weight, 3)}</td>
                      <td className="num">{num(c.contribution, 3)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <Chart
                spec={weightBars(
                  t('applications.contributions'),
                  ev.explanation.contributions.map((c) => c.code),
                  ev.explanation.contributions.map((c) => c.contribution),
                )}
              />
              {ev.explanation.tree && (
                <>
                  <h3>{t('applications.treePath', { cls: ev.explanation.tree.class })}</h3>
                  <ol>
                    {ev.explanation.tree.path.map((s) => (
                      <li key={`${s.attribute}${conditionText(s.condition)}`}>
                        <code>{s.attribute}</code> = {s.value ?? '—'} ({conditionText(s.condition)})
                      </li>
                    ))}
                  </ol>
                </>
              )}
            </div>
          )}
          {a.decision && (
            <p role="status" className={a.decision.decision === 'approve' ? 'ok' : 'bad'} data-testid="decision">
              {t('applications.decided', {
                decision: t(`applications.${a.decision.decision}`),
                by: actor(a.id, 'decide') ?? a.decision.decidedBy,
                at: dateTime(a.decision.decidedAt, lang),
                limit: money(a.decision.creditLimit, lang),
              })}
              {a.decision.reason ? ` — ${a.decision.reason}` : ''}
            </p>
          )}
          {write && ev && !a.decision && (
            <form className="panel" onSubmit={(e) => e.preventDefault()} aria-labelledby="decide">
              <h2 id="decide">{t('applications.decide')}</h2>
              <label>
                {t('applications.reason')}
                <textarea name="reason" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
              </label>
              <label>
                {t('applications.limit')}
                <input
                  name="limit"
                  inputMode="decimal"
                  placeholder={money(ev.creditLimit, lang)}
                  value={limit}
                  onChange={(e) => setLimit(e.target.value)}
                />
              </label>
              <div className="buttons">
                <button type="button" className="primary" onClick={() => decide.mutate('approve')} disabled={decide.isPending}>
                  {t('applications.approve')}
                </button>
                <button type="button" className="danger" onClick={() => decide.mutate('decline')} disabled={decide.isPending}>
                  {t('applications.decline')}
                </button>
              </div>
              <ErrorNote error={decide.error} />
            </form>
          )}
        </>
      )}
    </section>
  );
}
