/** Early-warning alerts (GET /alerts) and their lifecycle: open → acknowledged (owned) → resolved with a note. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api.ts';
import { can, useMe } from '../../auth.ts';
import { ErrorNote } from '../../components/ErrorNote.tsx';
import { useGet } from '../../queries.ts';
import type { Alert } from '../../types.ts';

const ALERTS = '/alerts?limit=100';

export function AlertsSection({ nameOf }: { nameOf: (id: string) => string }) {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const alerts = useGet<Alert[]>(ALERTS);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const refresh = () => void qc.invalidateQueries({ queryKey: [ALERTS] });
  const ack = useMutation({ mutationFn: (id: string) => post(`/alerts/${encodeURIComponent(id)}/acknowledge`, {}), onSuccess: refresh });
  const resolve = useMutation({
    mutationFn: (id: string) => post(`/alerts/${encodeURIComponent(id)}/resolve`, { note: notes[id] ?? '' }),
    onSuccess: refresh,
  });
  const mayAck = can(me.data, 'writeBook');
  const mayResolve = can(me.data, 'writeModels');
  return (
    <section aria-labelledby="alerts-title">
      <h2 id="alerts-title">{t('monitoring.alerts')}</h2>
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
                  {nameOf(a.subjectId)} · <code>{a.ruleId}</code> {a.message}
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
    </section>
  );
}
