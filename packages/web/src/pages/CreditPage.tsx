/**
 * Credit rating with decision trees (SPEC §5): a loan history uploaded as CSV is trained into a
 * tree by a `tree-training` job (POST /jobs, progress followed); the tree is drawn (report's
 * hierarchy chart), with its rules, the root information gains as bars and the diagnostics; the
 * model can be validated (a `tree-validation` job: AUC, KS, Gini, accuracy, confusion matrix) and
 * stored as a product's `credit-tree` version for pre-loan evaluations. A stored credit-tree version can
 * be picked, drawn and validated on an uploaded loan history (StoredTreeValidation).
 */
import { hierarchyTree, weightBars } from '@scf-risk/report';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../api.ts';
import { can, useMe } from '../auth.ts';
import { Chart } from '../components/Chart.tsx';
import { ErrorNote } from '../components/ErrorNote.tsx';
import { JobProgress } from '../components/JobProgress.tsx';
import { CREDIT_TREE_VERSIONS, StoredTreeValidation } from '../components/StoredTreeValidation.tsx';
import { TreeValidation } from '../components/TreeValidation.tsx';
import { useJob, useSubmitJob } from '../jobs.ts';
import { useGet } from '../queries.ts';
import { chartNode } from '../tree-chart.ts';
import type { ModelVersion, Product, TreeTrainingResult } from '../types.ts';

export function CreditPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [csv, setCsv] = useState('');
  const [target, setTarget] = useState('');
  const [algorithm, setAlgorithm] = useState('cart');
  const [maxDepth, setMaxDepth] = useState('3');
  const [productId, setProductId] = useState('');
  const submit = useSubmitJob('tree-training');
  const job = useJob<TreeTrainingResult>(submit.data?.id);
  const products = useGet<Product[]>(can(me.data, 'writeModels') ? '/products' : null);
  const qc = useQueryClient();
  const save = useMutation({
    onSuccess: () => void qc.invalidateQueries({ queryKey: [CREDIT_TREE_VERSIONS] }),
    mutationFn: (model: unknown) =>
      post<ModelVersion>('/model-versions', {
        kind: 'credit-tree',
        productId: productId || products.data?.[0]?.id,
        content: model,
        note: `${algorithm}, depth ≤ ${maxDepth}`,
      }),
  });
  const columns = (csv.split(/\r?\n/, 1)[0] ?? '')
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean);
  const column = target || columns[columns.length - 1] || '';
  const r = job.data?.status === 'succeeded' ? job.data.result : undefined;
  return (
    <section>
      <h1>{t('credit.title')}</h1>
      <form
        className="panel"
        onSubmit={(e) => {
          e.preventDefault();
          submit.mutate({ csv, target: column, algorithm, ...(maxDepth ? { maxDepth: Number(maxDepth) } : {}) });
        }}
      >
        <label>
          {t('credit.history')}{' '}
          <input
            type="file"
            accept=".csv,text/csv"
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) void f.text().then(setCsv);
            }}
          />
        </label>
        {columns.length > 0 && (
          <label>
            {t('credit.target')}
            <select name="target" value={column} onChange={(e) => setTarget(e.target.value)}>
              {columns.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          {t('credit.algorithm')}
          <select name="algorithm" value={algorithm} onChange={(e) => setAlgorithm(e.target.value)}>
            <option value="id3">ID3</option>
            <option value="c45">C4.5</option>
            <option value="cart">CART</option>
          </select>
        </label>
        <label>
          {t('credit.maxDepth')}
          <input name="maxDepth" type="number" min="0" max="20" value={maxDepth} onChange={(e) => setMaxDepth(e.target.value)} />
        </label>
        <button type="submit" disabled={!csv || submit.isPending}>
          {t('credit.train')}
        </button>
        <ErrorNote error={submit.error ?? job.error} />
        <JobProgress job={job.data} />
      </form>
      {r && (
        <div className="result" data-testid="tree-result">
          <p>{t('credit.diagnostics', r.diagnostics)}</p>
          <h2>{t('credit.tree')}</h2>
          <Chart spec={hierarchyTree(t('credit.tree'), chartNode(r.model.root, ''), 260)} />
          <h2>{t('credit.rules')}</h2>
          <ol className="rules">
            {r.rules.map((rule) => (
              <li key={rule}>
                <code>{rule}</code>
              </li>
            ))}
          </ol>
          <Chart
            spec={weightBars(
              t('credit.gains'),
              r.rootGains.map((g) => g.attribute),
              r.rootGains.map((g) => g.gain),
            )}
          />
          <TreeValidation tree={{ model: r.model }} trainingCsv={csv} />
          {products.data && products.data.length > 0 && (
            <form
              className="inline panel"
              onSubmit={(e) => {
                e.preventDefault();
                save.mutate(r.model);
              }}
            >
              <label>
                {t('credit.saveAs')}{' '}
                <select name="product" value={productId} onChange={(e) => setProductId(e.target.value)}>
                  {products.data.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name}
                    </option>
                  ))}
                </select>
              </label>{' '}
              <button type="submit" disabled={save.isPending}>
                {t('common.save')}
              </button>
              {save.data && <p role="status">{t('credit.saved', { version: save.data.version })}</p>}
              <ErrorNote error={save.error} />
            </form>
          )}
        </div>
      )}
      <StoredTreeValidation />
    </section>
  );
}
