/** Enterprises of the supply chains: the list (GET /enterprises) and registering one (POST /enterprises). */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../api.ts';
import { can, useMe } from '../auth.ts';
import { ErrorNote } from '../components/ErrorNote.tsx';
import { dateTime } from '../format.ts';
import { useAll } from '../queries.ts';
import { ENTERPRISE_KINDS, type Enterprise } from '../types.ts';

const EMPTY = { name: '', kind: 'sme-supplier' as Enterprise['kind'], industry: '', region: '', creditCode: '' };

export function EnterprisesPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const list = useAll<Enterprise>('/enterprises');
  const [form, setForm] = useState(EMPTY);
  const create = useMutation({
    mutationFn: () =>
      post<Enterprise>('/enterprises', {
        name: form.name,
        kind: form.kind,
        industry: form.industry,
        ...(form.region ? { region: form.region } : {}),
        ...(form.creditCode ? { creditCode: form.creditCode } : {}),
      }),
    onSuccess: () => {
      setForm(EMPTY);
      void qc.invalidateQueries({ queryKey: ['/enterprises'] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <section>
      <h1>{t('enterprises.title')}</h1>
      <ErrorNote error={list.error} />
      {list.data && list.data.length === 0 && <p>{t('common.none')}</p>}
      {list.data && list.data.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('common.name')}</th>
              <th scope="col">{t('enterprises.kind')}</th>
              <th scope="col">{t('enterprises.industry')}</th>
              <th scope="col">{t('enterprises.region')}</th>
              <th scope="col">{t('enterprises.creditCode')}</th>
              <th scope="col">{t('common.created')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((e) => (
              <tr key={e.id}>
                <td>{e.name}</td>
                <td>{t(`enterprises.kinds.${e.kind}`)}</td>
                <td>{e.industry}</td>
                <td>{e.region ?? '—'}</td>
                <td>{e.creditCode ?? '—'}</td>
                <td>{dateTime(e.createdAt, i18n.language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {can(me.data, 'writeBook') && (
        <form className="panel" onSubmit={submit} aria-labelledby="new-enterprise">
          <h2 id="new-enterprise">{t('enterprises.new')}</h2>
          <label>
            {t('common.name')}
            <input name="name" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} required />
          </label>
          <label>
            {t('enterprises.kind')}
            <select name="kind" value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value as Enterprise['kind'] })}>
              {ENTERPRISE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`enterprises.kinds.${k}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('enterprises.industry')}
            <input name="industry" value={form.industry} onChange={(e) => setForm({ ...form, industry: e.target.value })} required />
          </label>
          <label>
            {t('enterprises.region')}
            <input name="region" value={form.region} onChange={(e) => setForm({ ...form, region: e.target.value })} />
          </label>
          <label>
            {t('enterprises.creditCode')}
            <input name="creditCode" value={form.creditCode} onChange={(e) => setForm({ ...form, creditCode: e.target.value })} />
          </label>
          <button type="submit" disabled={create.isPending}>
            {t('common.add')}
          </button>
          <ErrorNote error={create.error} />
        </form>
      )}
    </section>
  );
}
