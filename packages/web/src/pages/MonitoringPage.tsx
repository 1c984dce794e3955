/**
 * The post-loan monitoring dashboard: run the daily monitoring for a date (POST /monitoring/runs),
 * NPL by category and its history, margin calls, stop-loss pools with their state, early-warning
 * alerts with their lifecycle, the contagion graph, reconciliation mismatches and stress scenarios.
 */
import type { MessageText } from '@scf-risk/report';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../api.ts';
import { can, useMe } from '../auth.ts';
import { ErrorNote } from '../components/ErrorNote.tsx';
import { amount, percent } from '../format.ts';
import { useAll, useGet } from '../queries.ts';
import { serverText } from '../server-text.ts';
import type { Enterprise, Loan, MonitoringRun, Product } from '../types.ts';
import { AlertsSection } from './monitoring/AlertsSection.tsx';
import { ContagionSection } from './monitoring/ContagionSection.tsx';
import { NplSection } from './monitoring/NplSection.tsx';
import { StressSection } from './monitoring/StressSection.tsx';

interface MarginCall {
  id: string;
  loanId: string;
  issuedOn: string;
  deadline: string;
  amountMinor: string;
  status: 'open' | 'met' | 'frozen' | 'defaulted';
}
interface Pool {
  id: string;
  name: string;
  maxNplRatio: number;
  members: string[];
  status: 'open' | 'stopped' | 'recovering';
  asOf: string | null;
}
interface Mismatch {
  tradeId: string;
  type: string;
  /** What was found, in English, and as a catalogue text. */
  message?: string;
  text?: MessageText;
  finding?: unknown;
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

export function MonitoringPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const me = useMe();
  const qc = useQueryClient();
  const runs = useGet<MonitoringRun[]>('/monitoring/runs?limit=5');
  const enterprises = useAll<Enterprise>('/enterprises');
  const products = useGet<Product[]>('/products');
  const loans = useAll<Loan>('/loans');
  const calls = useGet<{ asOf: string | null; calls: MarginCall[] }>('/monitoring/margin-calls?limit=100');
  const pools = useGet<Pool[]>('/pools');
  const mismatches = useGet<{ mismatches: Mismatch[] }>('/reconciliation/mismatches?limit=100');
  // The server's daily-run schedule (null when off).
  const schedule = useGet<{ schedule: { timeZone: string; next: string } | null }>('/monitoring/settings').data?.schedule;
  const [asOf, setAsOf] = useState('');
  const last = runs.data?.[0];
  // the latest run's date; today only when there is no run yet (empty while the runs load)
  const date = asOf || last?.asOf || (runs.data ? today() : '');
  const run = useMutation({
    mutationFn: () => post('/monitoring/runs', { asOf: date }),
    // Every figure on the page follows the run.
    onSuccess: () => void qc.invalidateQueries(),
  });
  const names = new Map<string, string>([
    ...(enterprises.data ?? []).map((e) => [e.id, e.name] as [string, string]),
    ...(products.data ?? []).flatMap((p) => [[p.id, p.name] as [string, string], [p.code, p.name] as [string, string]]),
    ...(pools.data ?? []).map((p) => [p.id, p.name] as [string, string]),
  ]);
  const borrowerOf = new Map(loans.data?.map((l) => [l.id, names.get(l.enterpriseId) ?? l.enterpriseId]));
  const nameOf = (id: string) => names.get(id) ?? borrowerOf.get(id) ?? id;
  return (
    <section>
      <h1>{t('monitoring.title')}</h1>
      <section aria-labelledby="run-title" className="panel">
        <h2 id="run-title">{t('monitoring.run')}</h2>
        <p data-testid="last-run">
          {last
            ? t('monitoring.lastRun', {
                date: last.asOf,
                by: last.runBy,
                loans: last.counts.loans ?? 0,
                npl: last.counts.nonPerforming ?? 0,
                alerts: last.counts.alertsOpened ?? 0,
              })
            : t('monitoring.noRun')}
          {last && (
            <>
              {' '}
              <span data-testid="run-mode">
                {last.mode === 'incremental'
                  ? t('monitoring.runMode.incremental', { recomputed: last.recomputedLoans ?? 0, loans: last.counts.loans ?? 0 })
                  : t('monitoring.runMode.full')}
              </span>
            </>
          )}
        </p>
        {schedule && (
          <p data-testid="next-run">
            {t('monitoring.nextRun', {
              at: new Date(schedule.next).toLocaleString(lang, { timeZone: schedule.timeZone, dateStyle: 'medium', timeStyle: 'short' }),
              zone: schedule.timeZone,
            })}
          </p>
        )}
        {can(me.data, 'writeModels') && (
          <form
            className="inline"
            onSubmit={(e) => {
              e.preventDefault();
              run.mutate();
            }}
          >
            <label>
              {t('monitoring.asOf')} <input name="asOf" type="date" value={date} onChange={(e) => setAsOf(e.target.value)} />
            </label>{' '}
            <button type="submit" disabled={run.isPending}>
              {t('monitoring.runNow')}
            </button>
          </form>
        )}
        <ErrorNote error={run.error ?? runs.error} />
      </section>

      <NplSection nameOf={(g) => names.get(g) ?? g} />

      <AlertsSection nameOf={nameOf} />

      <section aria-labelledby="calls-title">
        <h2 id="calls-title">{t('monitoring.marginCalls')}</h2>
        <ErrorNote error={calls.error} />
        {calls.data?.calls.length === 0 && <p>{t('common.none')}</p>}
        {calls.data && calls.data.calls.length > 0 && (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('monitoring.loan')}</th>
                <th scope="col">{t('monitoring.issued')}</th>
                <th scope="col">{t('monitoring.deadline')}</th>
                <th scope="col" className="num">
                  {t('monitoring.amount')}
                </th>
                <th scope="col">{t('common.status')}</th>
              </tr>
            </thead>
            <tbody>
              {calls.data.calls.map((c) => (
                <tr key={c.id}>
                  <td>{nameOf(c.loanId)}</td>
                  <td>{c.issuedOn}</td>
                  <td>{c.deadline}</td>
                  <td className="num">{amount(c.amountMinor, lang)}</td>
                  <td>{t(`monitoring.callStatuses.${c.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="pools-title">
        <h2 id="pools-title">{t('monitoring.pools')}</h2>
        <ErrorNote error={pools.error} />
        {pools.data?.length === 0 && <p>{t('common.none')}</p>}
        {pools.data && pools.data.length > 0 && (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('common.name')}</th>
                <th scope="col" className="num">
                  {t('monitoring.maxNpl')}
                </th>
                <th scope="col" className="num">
                  {t('monitoring.members')}
                </th>
                <th scope="col">{t('common.status')}</th>
                <th scope="col">{t('monitoring.asOf')}</th>
              </tr>
            </thead>
            <tbody>
              {pools.data.map((p) => (
                <tr key={p.id}>
                  <td>{p.name}</td>
                  <td className="num">{percent(p.maxNplRatio)}</td>
                  <td className="num">{p.members.length}</td>
                  <td className={p.status === 'stopped' ? 'bad' : ''}>{t(`monitoring.poolStatuses.${p.status}`)}</td>
                  <td>{p.asOf ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      {enterprises.data && <ContagionSection enterprises={enterprises.data} />}

      <section aria-labelledby="recon-title">
        <h2 id="recon-title">{t('monitoring.reconciliation')}</h2>
        <ErrorNote error={mismatches.error} />
        {mismatches.data?.mismatches.length === 0 && <p>{t('common.none')}</p>}
        {mismatches.data && mismatches.data.mismatches.length > 0 && (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('monitoring.trade')}</th>
                <th scope="col">{t('monitoring.type')}</th>
                <th scope="col">{t('monitoring.finding')}</th>
              </tr>
            </thead>
            <tbody>
              {mismatches.data.mismatches.map((m) => (
                <tr key={`${m.tradeId}-${m.type}`}>
                  <td>
                    <code>{m.tradeId}</code>
                  </td>
                  <td>{serverText(m.type, { code: `reconciliation.${m.type}`, params: {} }, lang)}</td>
                  <td>{m.message ? serverText(m.message, m.text, lang) : JSON.stringify(m.finding)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      {can(me.data, 'writeModels') && enterprises.data && <StressSection enterprises={enterprises.data} asOf={date} />}
    </section>
  );
}
