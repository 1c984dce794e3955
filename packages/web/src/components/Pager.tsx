/** Previous / next page over a list the API pages with `limit` and `offset`. */
import { useTranslation } from 'react-i18next';

export function Pager({
  offset,
  limit,
  count,
  onChange,
}: {
  offset: number;
  limit: number;
  count: number;
  onChange: (offset: number) => void;
}) {
  const { t } = useTranslation();
  if (offset === 0 && count < limit) return null;
  return (
    <nav className="pager" aria-label={t('common.pages')}>
      <button type="button" disabled={offset === 0} onClick={() => onChange(Math.max(0, offset - limit))}>
        {t('common.previous')}
      </button>
      <span>{t('common.rows', { from: offset + 1, to: offset + count })}</span>
      <button type="button" disabled={count < limit} onClick={() => onChange(offset + limit)}>
        {t('common.next')}
      </button>
    </nav>
  );
}
