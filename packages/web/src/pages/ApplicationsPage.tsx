/** Financing applications (GET /applications) and recording one (POST /applications). */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { post } from '../api.ts';
import { can, useMe } from '../auth.ts';
import { ErrorNote } from '../components/ErrorNote.tsx';
import { money, toMinor } from '../format.ts';
import { useAll, useGet } from '../queries.ts';
import type { Application, Enterprise, Product } from '../types.ts';

const LIST = '/applications?limit=200';

/** "code = value" lines → {code: value}; a malformed line is kept as NaN for the server to name. */
function parseIndicators(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const [code, value] = line.split('=').map((s) => s.trim());
    if (code) out[code] = Number(value);
  }
  return out;
}

export function ApplicationsPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const list = useGet<Application[]>(LIST);
  const enterprises = useAll<Enterprise>('/enterprises');
  const products = useGet<Product[]>('/products');
  const nameOf = new Map(enterprises.data?.map((e) => [e.id, e.name]));
  const productOf = new Map(products.data?.map((p) => [p.id, p]));
  const [form, setForm] = useState({ enterpriseId: '', productId: '', amount: '', term: '6', indicators: '' });
  const create = useMutation({
    mutationFn: () => {
      const productId = form.productId || products.data?.[0]?.id || '';
      return post<Application>('/applications', {
        enterpriseId: form.enterpriseId || enterprises.data?.[0]?.id,
        productId,
        amount: { minor: toMinor(form.amount) ?? form.amount, currency: productOf.get(productId)?.currency ?? 'CNY' },
        termMonths: Number(form.term),
        indicators: parseIndicators(form.indicators),
      });
    },
    onSuccess: (a) => {
      void qc.invalidateQueries({ queryKey: [LIST] });
      void navigate(`/applications/${a.id}`);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <section>
      <h1>{t('applications.title')}</h1>
      <ErrorNote error={list.error} />
      {list.data && list.data.length === 0 && <p>{t('common.none')}</p>}
      {list.data && list.data.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('applications.applicant')}</th>
              <th scope="col">{t('applications.product')}</th>
              <th scope="col" className="num">
                {t('applications.amount')}
              </th>
              <th scope="col" className="num">
                {t('applications.term')}
              </th>
              <th scope="col">{t('applications.submitted')}</th>
              <th scope="col">{t('common.status')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((a) => (
              <tr key={a.id}>
                <td>
                  <Link to={`/applications/${a.id}`}>{nameOf.get(a.enterpriseId) ?? a.enterpriseId}</Link>
                </td>
                <td>{productOf.get(a.productId)?.name ?? a.productId}</td>
                <td className="num">{money(a.amount, i18n.language)}</td>
                <td className="num">{a.termMonths}</td>
                <td>{a.submittedOn}</td>
                <td>{t(`applications.statuses.${a.status}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {can(me.data, 'writeBook') && (
        <form className="panel" onSubmit={submit} aria-labelledby="new-application">
          <h2 id="new-application">{t('applications.new')}</h2>
          <label>
            {t('applications.applicant')}
            <select name="enterprise" value={form.enterpriseId} onChange={(e) => setForm({ ...form, enterpriseId: e.target.value })}>
              {enterprises.data?.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('applications.product')}
            <select name="product" value={form.productId} onChange={(e) => setForm({ ...form, productId: e.target.value })}>
              {products.data?.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('applications.amount')}
            <input
              name="amount"
              inputMode="decimal"
              value={form.amount}
              onChange={(e) => setForm({ ...form, amount: e.target.value })}
              required
            />
          </label>
          <label>
            {t('applications.term')}
            <input
              name="term"
              type="number"
              min="1"
              max="360"
              value={form.term}
              onChange={(e) => setForm({ ...form, term: e.target.value })}
            />
          </label>
          <label>
            {t('applications.indicators')}
            <textarea
              name="indicators"
              rows={5}
              value={form.indicators}
              onChange={(e) => setForm({ ...form, indicators: e.target.value })}
            />
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
