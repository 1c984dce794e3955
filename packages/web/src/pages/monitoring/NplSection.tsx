/**
 * NPL by five-category classification (GET /monitoring/npl?by=…): each group's balance by
 * category as stacked bars, the table of balances and NPL ratios, and the NPL ratio's history.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { categoryBars, ratioLines } from '../../charts.ts';
import { Chart } from '../../components/Chart.tsx';
import { ErrorNote } from '../../components/ErrorNote.tsx';
import { amount, percent } from '../../format.ts';
import { useGet } from '../../queries.ts';
import type { NplGroup } from '../../types.ts';

const GROUPINGS = ['total', 'product', 'pool', 'core', 'industry'] as const;
const CATEGORIES = ['normal', 'special-mention', 'substandard', 'doubtful', 'loss'] as const;

export function NplSection({ nameOf }: { nameOf: (group: string) => string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [by, setBy] = useState<(typeof GROUPINGS)[number]>('product');
  const npl = useGet<{ asOf: string | null; groups: NplGroup[]; history: (NplGroup & { asOf: string })[] }>(
    `/monitoring/npl?by=${by}&historyDays=180`,
  );
  const d = npl.data;
  const groupName = (g: string) => (by === 'total' ? t('monitoring.groups.total') : by === 'product' ? nameOf(g) : nameOf(g) || g);
  const dates = [...new Set(d?.history.map((h) => h.asOf))].sort();
  return (
    <section aria-labelledby="npl-title">
      <h2 id="npl-title">{t('monitoring.npl')}</h2>
      <label>
        {t('monitoring.groupBy')}{' '}
        <select name="by" value={by} onChange={(e) => setBy(e.target.value as typeof by)}>
          {GROUPINGS.map((g) => (
            <option key={g} value={g}>
              {t(`monitoring.groups.${g}`)}
            </option>
          ))}
        </select>
      </label>
      <ErrorNote error={npl.error} />
      {d && d.groups.length > 0 && (
        <>
          <table data-testid="npl">
            <thead>
              <tr>
                <th scope="col">{t('monitoring.group')}</th>
                <th scope="col" className="num">
                  {t('monitoring.loans')}
                </th>
                {CATEGORIES.map((c) => (
                  <th key={c} scope="col" className="num">
                    {t(`monitoring.categories.${c}`)}
                  </th>
                ))}
                <th scope="col" className="num">
                  {t('monitoring.balance')}
                </th>
                <th scope="col" className="num">
                  {t('monitoring.ratio')}
                </th>
              </tr>
            </thead>
            <tbody>
              {d.groups.map((g) => (
                <tr key={g.group}>
                  <td>{groupName(g.group)}</td>
                  <td className="num">{g.loans}</td>
                  {CATEGORIES.map((c) => (
                    <td key={c} className="num">
                      {amount(g.byCategoryMinor[c] ?? '0', lang)}
                    </td>
                  ))}
                  <td className="num">{amount(g.balanceMinor, lang)}</td>
                  <td className="num">{g.ratio === null ? '—' : percent(g.ratio)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="charts">
            <Chart
              spec={categoryBars(
                t('monitoring.npl'),
                d.groups.map((g) => groupName(g.group)),
                CATEGORIES.map((c) => t(`monitoring.categories.${c}`)),
                d.groups.map((g) => CATEGORIES.map((c) => Number(BigInt(g.byCategoryMinor[c] ?? '0') / 100n))),
              )}
            />
            <Chart
              spec={ratioLines(
                t('monitoring.history'),
                dates,
                d.groups.map((g) => ({
                  name: groupName(g.group),
                  values: dates.map((date) => {
                    const h = d.history.find((x) => x.group === g.group && x.asOf === date);
                    return h?.ratio === null || h === undefined ? null : Number((100 * h.ratio).toFixed(2));
                  }),
                })),
              )}
            />
          </div>
        </>
      )}
    </section>
  );
}
