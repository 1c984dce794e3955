/** The overview: what the workbench is for and the size of the book (for the roles that read it). */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { can, useMe } from '../auth.ts';
import { useGet } from '../queries.ts';
import type { Enterprise, Loan, ModelVersion } from '../types.ts';

export function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  const book = can(me.data, 'readBook');
  const enterprises = useGet<Enterprise[]>(book ? '/enterprises?limit=500' : null);
  const loans = useGet<Loan[]>(book ? '/loans?limit=500' : null);
  const models = useGet<ModelVersion[]>(book ? '/model-versions?limit=500' : null);
  const tiles = [
    { to: '/enterprises', label: t('home.enterprises'), n: enterprises.data?.length },
    { to: '/loans', label: t('home.loans'), n: loans.data?.length },
    { to: '/models', label: t('home.models'), n: models.data?.length },
  ];
  return (
    <section>
      <h1>{t('home.title')}</h1>
      <p>{t('home.intro')}</p>
      {book && (
        <ul className="tiles">
          {tiles.map((x) => (
            <li key={x.to}>
              <Link to={x.to}>
                <span className="tile-n">{x.n === undefined ? '…' : x.n >= 500 ? '500+' : x.n}</span>
                <span>{x.label}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
