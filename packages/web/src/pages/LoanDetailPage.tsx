/** One loan (GET /loans/:id): its terms, repayment schedule, repayments received and collateral. */
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorNote } from '../components/ErrorNote.tsx';
import { money, percent } from '../format.ts';
import { useGet } from '../queries.ts';
import type { Enterprise, LoanDetail } from '../types.ts';

export function LoanDetailPage() {
  const { t, i18n } = useTranslation();
  const { id } = useParams();
  const loan = useGet<LoanDetail>(`/loans/${id}`);
  const borrower = useGet<Enterprise>(loan.data ? `/enterprises/${loan.data.enterpriseId}` : null);
  const l = loan.data;
  const lang = i18n.language;
  return (
    <section>
      <p>
        <Link to="/loans">← {t('common.back')}</Link>
      </p>
      <h1>{t('loans.detail', { id: borrower.data?.name ?? id })}</h1>
      <ErrorNote error={loan.error} />
      {l && (
        <>
          <dl className="facts">
            <dt>{t('loans.principal')}</dt>
            <dd>{money(l.principal, lang)}</dd>
            <dt>{t('loans.rate')}</dt>
            <dd>{percent(l.annualRate)}</dd>
            <dt>{t('loans.term')}</dt>
            <dd>{l.termMonths}</dd>
            <dt>{t('loans.disbursed')}</dt>
            <dd>{l.disbursedOn}</dd>
            <dt>{t('loans.maturity')}</dt>
            <dd>{l.maturityOn}</dd>
            <dt>{t('common.status')}</dt>
            <dd>{t(`loans.statuses.${l.status}`)}</dd>
          </dl>
          <h2>{t('loans.schedule')}</h2>
          {l.schedule.length === 0 ? (
            <p>{t('common.none')}</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('loans.seq')}</th>
                  <th scope="col">{t('loans.due')}</th>
                  <th scope="col" className="num">
                    {t('loans.principal')}
                  </th>
                  <th scope="col" className="num">
                    {t('loans.interest')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {l.schedule.map((s) => (
                  <tr key={s.seq}>
                    <td>{s.seq}</td>
                    <td>{s.dueOn}</td>
                    <td className="num">{money(s.principal, lang)}</td>
                    <td className="num">{money(s.interest, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h2>{t('loans.repayments')}</h2>
          {l.repayments.length === 0 ? (
            <p>{t('common.none')}</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('loans.paidOn')}</th>
                  <th scope="col" className="num">
                    {t('loans.amount')}
                  </th>
                  <th scope="col">{t('loans.source')}</th>
                </tr>
              </thead>
              <tbody>
                {l.repayments.map((r) => (
                  <tr key={r.id}>
                    <td>{r.paidOn}</td>
                    <td className="num">{money(r.amount, lang)}</td>
                    <td>{r.source}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h2>{t('loans.collateral')}</h2>
          {l.collateral.length === 0 ? (
            <p>{t('common.none')}</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('loans.commodity')}</th>
                  <th scope="col" className="num">
                    {t('loans.quantity')}
                  </th>
                  <th scope="col" className="num">
                    {t('loans.haircut')}
                  </th>
                  <th scope="col">{t('loans.receipt')}</th>
                </tr>
              </thead>
              <tbody>
                {l.collateral.map((c) => (
                  <tr key={c.id}>
                    <td>{c.commodity}</td>
                    <td className="num">
                      {c.quantity} {c.unit}
                    </td>
                    <td className="num">{percent(c.haircut, 1)}</td>
                    <td>{c.warehouseReceipt ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
