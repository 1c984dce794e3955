/**
 * A whole study (SPEC §7): the study document (JSON, data inline) run as a `study-run` job with its
 * progress followed, then its HTML report downloaded (GET /reports/study-runs/:id, in Chinese or
 * English).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNote } from '../components/ErrorNote.tsx';
import { JobProgress } from '../components/JobProgress.tsx';
import { useJob, useSubmitJob } from '../jobs.ts';

/** [000]'s ZTMG risk factors by grey relational degree (examples/studies/ztmg-gra.yaml, as JSON). */
const EXAMPLE = {
  title: { zh: '中铁物贸互联网供应链金融风险因素灰色关联分析', en: 'ZTMG supply-chain finance risk factors: grey relational analysis' },
  source: '[000]',
  hierarchy: { template: 'ztmg' },
  evaluation: [
    {
      method: 'gra-factors',
      normalisation: 'initial',
      rho: 0.5,
      levels: 4,
      reference: [3.2, 3.5, 4.1, 3.8, 4.4],
      series: {
        Z21: [60.0, 67.59, 74.57, 72.53, 80.52],
        Z22: [2.4, 2.76, 2.92, 2.94, 3.17],
        Z23: [75.0, 85.31, 92.25, 91.2, 99.82],
        Z31: [48.0, 59.85, 52.89, 61.79, 58.61],
        Z32: [0.8, 1.01, 0.87, 1.04, 0.97],
        Z41: [3.0, 3.81, 3.23, 3.9, 3.6],
        Z42: [2.1, 2.69, 2.23, 2.75, 2.49],
        Z12: [8.0, 11.38, 7.17, 11.21, 8.36],
        Z11: [5.2, 8.82, 3.0, 8.21, 4.0],
        Z24: [9.0, 15.75, 4.61, 14.53, 6.44],
        Z43: [7.4, 13.35, 3.32, 12.21, 4.88],
      },
    },
  ],
};

export function ReportsPage() {
  const { t, i18n } = useTranslation();
  const [text, setText] = useState(JSON.stringify(EXAMPLE, null, 2));
  const [parseError, setParseError] = useState('');
  const submit = useSubmitJob('study-run');
  const job = useJob(submit.data?.id);
  const run = () => {
    try {
      const study = JSON.parse(text) as unknown;
      setParseError('');
      submit.mutate({ study });
    } catch (e) {
      setParseError(t('reports.parseError', { message: (e as Error).message }));
    }
  };
  const lang = i18n.language === 'zh' ? 'zh' : 'en';
  return (
    <section>
      <h1>{t('reports.title')}</h1>
      <label>
        {t('reports.study')}
        <textarea name="study" rows={16} value={text} onChange={(e) => setText(e.target.value)} spellCheck={false} />
      </label>
      <label>
        {t('reports.upload')}{' '}
        <input
          type="file"
          accept=".json,application/json"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) void f.text().then(setText);
          }}
        />
      </label>
      <button type="button" className="primary" onClick={run} disabled={submit.isPending}>
        {t('reports.run')}
      </button>
      {parseError && (
        <p role="alert" className="error">
          {parseError}
        </p>
      )}
      <ErrorNote error={submit.error ?? job.error} />
      <JobProgress job={job.data} />
      {job.data?.status === 'succeeded' && (
        <p>
          <a href={`/reports/study-runs/${job.data.id}?lang=${lang}`} download={`study-${job.data.id}.html`} data-testid="report-link">
            {t('reports.download')}
          </a>
        </p>
      )}
    </section>
  );
}
