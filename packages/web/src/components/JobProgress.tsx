/** A job's state as a progress bar with its message (in the workbench's language); a failed job's problem as an error. */
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api.ts';
import { serverText } from '../server-text.ts';
import type { Job } from '../types.ts';
import { ErrorNote } from './ErrorNote.tsx';

export function JobProgress({ job }: { job: Job | undefined }) {
  const { t, i18n } = useTranslation();
  if (!job) return null;
  const pct = Math.round(job.progress.fraction * 100);
  return (
    <div className="job" data-testid="job" data-status={job.status}>
      <label>
        {t(`jobs.statuses.${job.status}`)}{' '}
        {job.progress.message ? `— ${serverText(job.progress.message, job.progress.text, i18n.language)}` : ''}
        <progress max={100} value={pct} aria-label={t('jobs.progress')}>
          {pct} %
        </progress>
      </label>
      {job.status === 'failed' && job.problem && (
        <ErrorNote error={new ApiError(422, job.problem.detail ?? job.problem.title ?? 'failed', job.problem.errors ?? [])} />
      )}
    </div>
  );
}
