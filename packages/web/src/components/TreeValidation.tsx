/**
 * Validating a credit tree (SPEC §5.4) through a `tree-validation` job — the tree just trained
 * (inline) or a stored credit-tree model version (by id): on a hold-out CSV of loans with known
 * outcomes, or, for a tree just trained, on the training history itself (in-sample, said so). Shows
 * AUC, KS and Gini of the first (highest-risk) class against the rest, the accuracy and the
 * confusion matrix (rows actual, columns predicted), as the job computes them (core's validateTreeOn).
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { num, percent } from '../format.ts';
import { useJob, useSubmitJob } from '../jobs.ts';
import type { TreeValidationResult } from '../types.ts';
import { ErrorNote } from './ErrorNote.tsx';
import { JobProgress } from './JobProgress.tsx';

/** Which tree: inline (`model`) or a stored version (`modelVersionId`), as the job takes it. */
export type TreeToValidate = { model: unknown } | { modelVersionId: string };

export function TreeValidation({ tree, trainingCsv }: { tree: TreeToValidate; trainingCsv?: string }) {
  const { t } = useTranslation();
  const titleId = useId();
  const [holdout, setHoldout] = useState<{ name: string; csv: string } | null>(null);
  const submit = useSubmitJob('tree-validation');
  const job = useJob<TreeValidationResult>(submit.data?.id);
  const v = job.data?.status === 'succeeded' ? job.data.result : undefined;
  return (
    <section className="panel" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('credit.validation')}</h2>
      <form
        className="inline"
        onSubmit={(e) => {
          e.preventDefault();
          submit.mutate({ ...tree, csv: holdout?.csv ?? trainingCsv });
        }}
      >
        <label>
          {trainingCsv === undefined ? t('credit.holdoutRequired') : t('credit.holdout')}{' '}
          <input
            type="file"
            accept=".csv,text/csv"
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) void f.text().then((csv) => setHoldout({ name: f.name, csv }));
            }}
          />
        </label>{' '}
        <button type="submit" disabled={submit.isPending || (holdout ?? trainingCsv) === undefined}>
          {'modelVersionId' in tree ? t('credit.validateVersion') : t('credit.validate')}
        </button>
        <ErrorNote error={submit.error ?? job.error} />
        <JobProgress job={job.data} />
      </form>
      {v && (
        <div data-testid="tree-validation">
          <p>{holdout ? t('credit.onHoldout', { name: holdout.name, rows: v.rows }) : t('credit.inSample', { rows: v.rows })}</p>
          <table>
            <caption>{t('credit.discrimination', { class: v.positiveClass })}</caption>
            <thead>
              <tr>
                <th scope="col">AUC</th>
                <th scope="col">KS</th>
                <th scope="col">Gini</th>
                <th scope="col">{t('credit.accuracy')}</th>
                <th scope="col">Macro-F1</th>
              </tr>
            </thead>
            <tbody>
              <tr data-testid="tree-figures">
                <td>{num(v.auc)}</td>
                <td>{num(v.ks)}</td>
                <td>{num(v.gini)}</td>
                <td>{percent(v.report.accuracy)}</td>
                <td>{num(v.report.macroF1)}</td>
              </tr>
            </tbody>
          </table>
          <table data-testid="confusion">
            <caption>{t('credit.confusion')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('credit.actualPredicted')}</th>
                {v.report.classes.map((c) => (
                  <th key={c} scope="col">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {v.report.confusion.map((row, i) => (
                <tr key={v.report.classes[i]}>
                  <th scope="row">{v.report.classes[i]}</th>
                  {row.map((n, j) => (
                    <td key={v.report.classes[j]}>{n}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
