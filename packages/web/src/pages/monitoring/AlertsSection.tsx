/**
 * Early-warning alerts (GET /alerts, newest first), a page at a time (Pager) and filtered by status,
 * severity and owner, each message in the workbench's language (its catalogue text, else the
 * server's English), and their lifecycle: open → acknowledged (owned) → resolved with a note.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post, withQuery } from '../../api.ts';
import { can, useMe } from '../../auth.ts';
import { ErrorNote } from '../../components/ErrorNote.tsx';
import { Pager } from '../../components/Pager.tsx';
import { useGet } from '../../queries.ts';
import { serverText } from '../../server-text.ts';
import type { Alert } from '../../types.ts';

const PAGE = 20;
const STATUSES: Alert['status'][] = ['open', 'acknowledged', 'resolved'];
const SEVERITIES: Alert['severity'][] = ['critical', 'high', 'medium', 'low', 'info'];

interface Filters {
  status: string;
  severity: string;
  owner: string;
}

export function AlertsSection({ nameOf }: { nameOf: (id: string) => string }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const [filters, setFilters] = useState<Filters>({ status: '', severity: '', owner: '' });
  const [offset, setOffset] = useState(0);
  const path = withQuery('/alerts', {
    limit: PAGE,
    offset,
    status: filters.status,
    severity: filters.severity,
    owner: filters.owner.trim(),
  });
  const alerts = useGet<Alert[]>(path);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const refresh = () => void qc.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('/alerts') });
  const ack = useMutation({ mutationFn: (id: string) => post(`/alerts/${encodeURIComponent(id)}/acknowledge`, {}), onSuccess: refresh });
  const resolve = useMutation({
    mutationFn: (id: string) => post(`/alerts/${encodeURIComponent(id)}/resolve`, { note: notes[id] ?? '' }),
    onSuccess: refresh,
  });
  const filter = (change: Partial<Filters>) => {
    setFilters({ ...filters, ...change });
    setOffset(0);
  };
  const mayAck = can(me.data, 'writeBook');
  const mayResolve = can(me.data, 'writeModels');
  return (
    <section aria-labelledby="alerts-title">
      <h2 id="alerts-title">{t('monitoring.alerts')}</h2>
      <form className="inline" onSubmit={(e) => e.preventDefault()} aria-label={t('monitoring.alertFilters')}>
        <label>
          {t('common.status')}{' '}
          <select name="alert-status" value={filters.status} onChange={(e) => filter({ status: e.target.value })}>
            <option value="">{t('monitoring.anyStatus')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`monitoring.alertStatuses.${s}`)}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          {t('monitoring.severity')}{' '}
          <select name="alert-severity" value={filters.severity} onChange={(e) => filter({ severity: e.target.value })}>
            <option value="">{t('monitoring.anySeverity')}</option>
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {t(`monitoring.severities.${s}`)}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          {t('monitoring.owner')}{' '}
          <input
            name="alert-owner"
            value={filters.owner}
            placeholder={t('monitoring.ownerHint')}
            onChange={(e) => filter({ owner: e.target.value })}
          />
        </label>
      </form>
      <ErrorNote error={alerts.error ?? ack.error ?? resolve.error} />
      {alerts.data?.length === 0 && <p>{t('common.none')}</p>}
      {alerts.data && alerts.data.length > 0 && (
        <table data-testid="alerts">
          <thead>
            <tr>
              <th scope="col">{t('common.at')}</th>
              <th scope="col">{t('monitoring.severity')}</th>
              <th scope="col">{t('monitoring.message')}</th>
              <th scope="col">{t('common.status')}</th>
              <th scope="col">{t('monitoring.owner')}</th>
              <th scope="col">{t('common.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {alerts.data.map((a) => (
              <tr key={a.id} data-alert={a.id}>
                <td>{a.date}</td>
                <td className={`sev-${a.severity}`}>{t(`monitoring.severities.${a.severity}`)}</td>
                <td>
                  {nameOf(a.subjectId)} · <code>{a.ruleId}</code>{' '}
                  <span data-testid="alert-message">{serverText(a.message, a.text, i18n.language)}</span>
                </td>
                <td>{t(`monitoring.alertStatuses.${a.status}`)}</td>
                <td>{a.owner ?? '—'}</td>
                <td>
                  {a.status === 'open' && mayAck && (
                    <button type="button" onClick={() => ack.mutate(a.id)}>
                      {t('monitoring.acknowledge')}
                    </button>
                  )}
                  {a.status === 'acknowledged' && mayResolve && (
                    <span className="inline-form">
                      <input
                        aria-label={t('monitoring.resolveNote')}
                        placeholder={t('monitoring.resolveNote')}
                        value={notes[a.id] ?? ''}
                        onChange={(e) => setNotes({ ...notes, [a.id]: e.target.value })}
                      />{' '}
                      <button type="button" onClick={() => resolve.mutate(a.id)}>
                        {t('monitoring.resolve')}
                      </button>
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {alerts.data && <Pager offset={offset} limit={PAGE} count={alerts.data.length} onChange={setOffset} />}
    </section>
  );
}
