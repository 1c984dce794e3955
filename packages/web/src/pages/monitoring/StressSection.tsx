/**
 * A stress scenario on a copy of the book (POST /monitoring/stress): a commodity price shock and
 * optionally a core enterprise's default; the NPL ratio, calls, liquidations and exposure at risk
 * beside the baseline.
 */
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api.ts';
import { ErrorNote } from '../../components/ErrorNote.tsx';
import { amount, percent } from '../../format.ts';
import type { Enterprise, StressSide } from '../../types.ts';

export function StressSection({ enterprises, asOf }: { enterprises: Enterprise[]; asOf: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [commodity, setCommodity] = useState('');
  const [shock, setShock] = useState('-30');
  const [core, setCore] = useState('');
  const run = useMutation({
    mutationFn: () =>
      post<{ baseline: StressSide; stressed: StressSide }>('/monitoring/stress', {
        asOf,
        scenario: {
          name: [commodity && `${commodity} ${shock} %`, core && 'core default'].filter(Boolean).join(', ') || 'baseline',
          ...(commodity ? { commodityShocks: { [commodity]: Number(shock) } } : {}),
          ...(core ? { coreDefaults: [core] } : {}),
        },
      }),
  });
  const r = run.data;
  const rows: { key: string; of: (s: StressSide) => string }[] = [
    { key: 'monitoring.ratio', of: (s) => (s.nplRatio === null ? '—' : percent(s.nplRatio)) },
    { key: 'monitoring.nplBalance', of: (s) => amount(s.nplBalanceMinor, lang) },
    { key: 'monitoring.exposureAtRisk', of: (s) => amount(s.exposureAtRiskMinor, lang) },
    { key: 'monitoring.expectedLoss', of: (s) => amount(s.expectedLossMinor, lang) },
    { key: 'monitoring.marginCalls', of: (s) => String(s.marginCalls) },
    { key: 'monitoring.collateralCalls', of: (s) => String(s.collateralCalls) },
    { key: 'monitoring.liquidations', of: (s) => String(s.liquidations) },
  ];
  return (
    <section aria-labelledby="stress-title">
      <h2 id="stress-title">{t('monitoring.stress')}</h2>
      <form
        className="inline"
        onSubmit={(e) => {
          e.preventDefault();
          run.mutate();
        }}
      >
        <label>
          {t('monitoring.commodity')} <input name="commodity" value={commodity} onChange={(e) => setCommodity(e.target.value)} size={14} />
        </label>{' '}
        <label>
          {t('monitoring.shock')} <input name="shock" type="number" value={shock} onChange={(e) => setShock(e.target.value)} />
        </label>{' '}
        <label>
          {t('monitoring.coreDefault')}{' '}
          <select name="core" value={core} onChange={(e) => setCore(e.target.value)}>
            <option value="">{t('monitoring.none')}</option>
            {enterprises
              .filter((x) => x.kind === 'core')
              .map((x) => (
                <option key={x.id} value={x.id}>
                  {x.name}
                </option>
              ))}
          </select>
        </label>{' '}
        <button type="submit" disabled={run.isPending || !asOf}>
          {t('monitoring.runStress')}
        </button>
      </form>
      <ErrorNote error={run.error} />
      {r && (
        <table data-testid="stress">
          <thead>
            <tr>
              <th scope="col">{t('monitoring.figure')}</th>
              <th scope="col" className="num">
                {t('monitoring.baseline')}
              </th>
              <th scope="col" className="num">
                {t('monitoring.stressed')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                <th scope="row">{t(row.key)}</th>
                <td className="num">{row.of(r.baseline)}</td>
                <td className="num">{row.of(r.stressed)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
