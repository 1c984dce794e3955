/**
 * The overview: what the workbench is for and the size of the book (for the roles that read it) —
 * the real counts of enterprises and loans and, from the latest monitoring run, the outstanding
 * balance and the NPL ratio (GET /book/summary), and the model versions.
 */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { can, useMe } from '../auth.ts';
import { amount, compactAmount, percent } from '../format.ts';
import { useGet } from '../queries.ts';
import type { BookSummary, ModelVersion } from '../types.ts';

const MODELS_LIMIT = 500;

export function HomePage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const book = can(me.data, 'readBook');
  const summary = useGet<BookSummary>(book ? '/book/summary' : null);
  const models = useGet<ModelVersion[]>(book ? `/model-versions?limit=${MODELS_LIMIT}` : null);
  const run = summary.data?.latestRun;
  const count = (n: number | undefined, cap?: number) =>
    n === undefined ? '…' : cap !== undefined && n >= cap ? `${cap}+` : n.toLocaleString(i18n.language === 'zh' ? 'zh-CN' : 'en-US');
  const tiles = [
    { to: '/enterprises', label: t('home.enterprises'), value: count(summary.data?.enterprises) },
    { to: '/loans', label: t('home.loans'), value: count(summary.data?.loans) },
    ...(run
      ? [
          {
            to: '/monitoring',
            label: t('home.balance', { date: run.asOf }),
            value: compactAmount(run.balanceMinor, i18n.language),
            title: amount(run.balanceMinor, i18n.language),
          },
          {
            to: '/monitoring',
            label: t('home.nplRatio', { date: run.asOf }),
            value: run.nplRatio === null ? '—' : percent(run.nplRatio),
          },
        ]
      : []),
    { to: '/models', label: t('home.models'), value: count(models.data?.length, MODELS_LIMIT) },
  ];
  return (
    <section>
      <h1>{t('home.title')}</h1>
      <p>{t('home.intro')}</p>
      {book && (
        <ul className="tiles" aria-label={t('home.title')}>
          {tiles.map((x) => (
            <li key={x.label}>
              <Link to={x.to}>
                <span className="tile-n" title={'title' in x ? x.title : undefined}>
                  {x.value}
                </span>
                <span>{x.label}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {book && summary.data && !run && <p className="muted">{t('home.noRun')}</p>}
    </section>
  );
}
