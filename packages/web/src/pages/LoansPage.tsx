/** The loan book (GET /loans) with each borrower's name and product; a row opens the loan's detail. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorNote } from '../components/ErrorNote.tsx';
import { Pager } from '../components/Pager.tsx';
import { money, percent } from '../format.ts';
import { useAll, useGet } from '../queries.ts';
import type { Enterprise, Loan, Product } from '../types.ts';

const PAGE = 100;

export function LoansPage() {
  const { t, i18n } = useTranslation();
  const [offset, setOffset] = useState(0);
  const loans = useGet<Loan[]>(`/loans?limit=${PAGE}&offset=${offset}`);
  const enterprises = useAll<Enterprise>('/enterprises');
  const products = useGet<Product[]>('/products');
  const nameOf = new Map(enterprises.data?.map((e) => [e.id, e.name]));
  const productOf = new Map(products.data?.map((p) => [p.id, p.name]));
  return (
    <section>
      <h1>{t('loans.title')}</h1>
      <ErrorNote error={loans.error} />
      {loans.data && loans.data.length === 0 && <p>{t('common.none')}</p>}
      {loans.data && loans.data.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('loans.enterprise')}</th>
              <th scope="col">{t('loans.product')}</th>
              <th scope="col" className="num">
                {t('loans.principal')}
              </th>
              <th scope="col" className="num">
                {t('loans.rate')}
              </th>
              <th scope="col" className="num">
                {t('loans.term')}
              </th>
              <th scope="col">{t('loans.disbursed')}</th>
              <th scope="col">{t('loans.maturity')}</th>
              <th scope="col">{t('common.status')}</th>
            </tr>
          </thead>
          <tbody>
            {loans.data.map((l) => (
              <tr key={l.id}>
                <td>
                  <Link to={`/loans/${l.id}`}>{nameOf.get(l.enterpriseId) ?? l.enterpriseId}</Link>
                </td>
                <td>{productOf.get(l.productId) ?? l.productId}</td>
                <td className="num">{money(l.principal, i18n.language)}</td>
                <td className="num">{percent(l.annualRate)}</td>
                <td className="num">{l.termMonths}</td>
                <td className="nowrap">{l.disbursedOn}</td>
                <td className="nowrap">{l.maturityOn}</td>
                <td className="nowrap">{t(`loans.statuses.${l.status}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {loans.data && <Pager offset={offset} limit={PAGE} count={loans.data.length} onChange={setOffset} />}
    </section>
  );
}
