/**
 * A stored credit-tree model version validated on an uploaded loan history (SPEC §5.4): pick the
 * version (GET /model-versions?kind=credit-tree, named by product, version and note), see its tree
 * (the hierarchy chart of its content), then validate it by a `tree-validation` job on the version's
 * id (TreeValidation): AUC, KS, Gini, accuracy and the confusion matrix of that version.
 */
import { hierarchyTree } from '@scf-risk/report';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useGet } from '../queries.ts';
import { chartNode } from '../tree-chart.ts';
import type { CreditTreeNode, ModelVersion, Product } from '../types.ts';
import { Chart } from './Chart.tsx';
import { TreeValidation } from './TreeValidation.tsx';

/** The stored credit trees, newest first (the Credit page refreshes this list when it saves one). */
export const CREDIT_TREE_VERSIONS = '/model-versions?kind=credit-tree&limit=100';

export function StoredTreeValidation() {
  const { t } = useTranslation();
  const versions = useGet<ModelVersion[]>(CREDIT_TREE_VERSIONS);
  const products = useGet<Product[]>('/products');
  const [picked, setPicked] = useState('');
  const list = versions.data ?? [];
  const version = list.find((v) => v.id === picked) ?? list[0];
  const productName = (id: string) => products.data?.find((p) => p.id === id)?.name ?? id;
  const label = (v: ModelVersion) => `${productName(v.productId)} · v${v.version}${v.note ? ` · ${v.note}` : ''}`;
  const root = (version?.content as { root?: CreditTreeNode } | undefined)?.root;
  return (
    <section className="panel" aria-labelledby="stored-tree-title" data-testid="stored-tree">
      <h2 id="stored-tree-title">{t('credit.stored')}</h2>
      {versions.isSuccess && list.length === 0 && <p>{t('credit.noVersions')}</p>}
      {version && (
        <>
          <label>
            {t('credit.version')}{' '}
            <select name="version" value={version.id} onChange={(e) => setPicked(e.target.value)}>
              {list.map((v) => (
                <option key={v.id} value={v.id}>
                  {label(v)}
                </option>
              ))}
            </select>
          </label>
          <p data-testid="stored-version">{t('credit.versionOf', { label: label(version) })}</p>
          {root && <Chart spec={hierarchyTree(t('credit.storedTree', { version: version.version }), chartNode(root, ''), 260)} />}
          <TreeValidation key={version.id} tree={{ modelVersionId: version.id }} />
        </>
      )}
    </section>
  );
}
