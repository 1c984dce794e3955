/** The append-only audit log (GET /audit): who changed what and when, newest first, by entity. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { withQuery } from '../api.ts';
import { ErrorNote } from '../components/ErrorNote.tsx';
import { dateTime } from '../format.ts';
import { useGet } from '../queries.ts';
import type { AuditEntry } from '../types.ts';

export function AuditPage() {
  const { t, i18n } = useTranslation();
  const [entity, setEntity] = useState('');
  const entries = useGet<AuditEntry[]>(withQuery('/audit', { entity, limit: 200 }));
  // The entities to filter by: those of the latest entries.
  const recent = useGet<AuditEntry[]>('/audit?limit=500');
  const entities = [...new Set(recent.data?.map((a) => a.entity))].sort();
  return (
    <section>
      <h1>{t('audit.title')}</h1>
      <label>
        {t('audit.filter')}{' '}
        <select value={entity} onChange={(e) => setEntity(e.target.value)}>
          <option value="">{t('audit.all')}</option>
          {entities.map((x) => (
            <option key={x} value={x}>
              {t(`audit.entities.${x}`, { defaultValue: x })}
            </option>
          ))}
        </select>
      </label>
      <ErrorNote error={entries.error} />
      {entries.data && entries.data.length === 0 && <p>{t('common.none')}</p>}
      {entries.data && entries.data.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('common.at')}</th>
              <th scope="col">{t('audit.actor')}</th>
              <th scope="col">{t('audit.action')}</th>
              <th scope="col">{t('audit.entity')}</th>
              <th scope="col">{t('audit.entityId')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.data.map((a) => (
              <tr key={a.id}>
                <td>{dateTime(a.at, i18n.language)}</td>
                <td>{a.actor}</td>
                <td>{t(`audit.actions.${a.action}`, { defaultValue: a.action })}</td>
                <td>{t(`audit.entities.${a.entity}`, { defaultValue: a.entity })}</td>
                <td>
                  <code>{a.entityId}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
