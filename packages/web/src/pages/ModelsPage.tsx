/**
 * Indicator systems as versioned models: the versions (who and when, which is active), a new tree
 * from a shipped template (GET /templates/:name) or from a stored version, the tree editor,
 * validation by the API (POST /methods/hierarchy: the same rules as the command line, issues shown
 * on their nodes), and saving the tree as a new immutable version (POST /model-versions).
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, post } from '../api.ts';
import { can, useMe } from '../auth.ts';
import { ErrorNote } from '../components/ErrorNote.tsx';
import { TreeEditor } from '../components/TreeEditor.tsx';
import { dateTime } from '../format.ts';
import { label } from '../i18n.ts';
import { useActors, useGet } from '../queries.ts';
import { issuesByNode, leafCount, type NodePath } from '../tree-edit.ts';
import type { HierarchyResult, ModelVersion, Product, TemplateSummary, TreeNode } from '../types.ts';

const VERSIONS = '/model-versions?kind=indicator-system&limit=200';

export function ModelsPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const me = useMe();
  const write = can(me.data, 'writeModels');
  const qc = useQueryClient();
  const versions = useGet<ModelVersion[]>(VERSIONS);
  const products = useGet<Product[]>('/products');
  const templates = useGet<TemplateSummary[]>('/templates');
  const [templateName, setTemplateName] = useState('');
  const [tree, setTree] = useState<TreeNode | null>(null);
  const [selected, setSelected] = useState<NodePath>([]);
  const [productId, setProductId] = useState('');
  const [note, setNote] = useState('');
  const [checked, setChecked] = useState<{ ok: boolean; count: number } | null>(null);
  const [issues, setIssues] = useState(new Map<string, string[]>());

  const actor = useActors('model-version');
  const productName = new Map(products.data?.map((p) => [p.id, p.name]));
  const edit = (next: TreeNode) => {
    setTree(next);
    setChecked(null);
  };
  const open = (next: TreeNode) => {
    edit(next);
    setSelected([]);
    setIssues(new Map());
  };

  const start = useMutation({
    mutationFn: (name: string) => api<TreeNode>(`/templates/${encodeURIComponent(name)}`),
    onSuccess: open,
  });
  const validate = useMutation({
    mutationFn: (input: TreeNode) => post<HierarchyResult>('/methods/hierarchy', { input }),
    onSuccess: (r) => {
      setIssues(new Map());
      setChecked({ ok: true, count: r.nodes.filter((n) => n.leaf).length });
    },
    onError: (e) => {
      if (e instanceof ApiError && e.issues.length > 0) {
        setIssues(issuesByNode(e.issues));
        setChecked({ ok: false, count: e.issues.length });
      }
    },
  });
  const save = useMutation({
    mutationFn: () =>
      post<ModelVersion>('/model-versions', {
        kind: 'indicator-system',
        productId: productId || products.data?.[0]?.id,
        content: tree,
        ...(note ? { note } : {}),
      }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: [VERSIONS] });
      void qc.invalidateQueries({ queryKey: ['/audit?entity=model-version&limit=500'] }); // the author's name
    },
  });
  const activate = useMutation({
    mutationFn: (id: string) => post<ModelVersion>(`/model-versions/${id}/activate`, {}),
    onSuccess: () => void qc.invalidateQueries({ queryKey: [VERSIONS] }),
  });

  return (
    <section>
      <h1>{t('models.title')}</h1>
      <h2>{t('models.versions')}</h2>
      <ErrorNote error={versions.error ?? activate.error} />
      {versions.data && versions.data.length === 0 && <p>{t('common.none')}</p>}
      {versions.data && versions.data.length > 0 && (
        <table data-testid="versions">
          <thead>
            <tr>
              <th scope="col">{t('models.product')}</th>
              <th scope="col">{t('models.version')}</th>
              <th scope="col">{t('common.note')}</th>
              <th scope="col">{t('common.by')}</th>
              <th scope="col">{t('common.at')}</th>
              <th scope="col">{t('models.active')}</th>
              <th scope="col">{t('common.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {versions.data.map((v) => (
              <tr key={v.id}>
                <td>{productName.get(v.productId) ?? v.productId}</td>
                <td className="num">v{v.version}</td>
                <td>{v.note ?? '—'}</td>
                <td>{actor(v.id, 'create') ?? v.createdBy}</td>
                <td>{dateTime(v.createdAt, lang)}</td>
                <td>{v.active ? t('common.yes') : t('common.no')}</td>
                <td>
                  <button type="button" onClick={() => open(v.content as TreeNode)}>
                    {t('models.edit')}
                  </button>{' '}
                  {write && !v.active && (
                    <button type="button" onClick={() => activate.mutate(v.id)}>
                      {t('models.activate')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>{t('models.fromTemplate')}</h2>
      <form
        className="inline"
        onSubmit={(e) => {
          e.preventDefault();
          const name = templateName || templates.data?.[0]?.name;
          if (name) start.mutate(name);
        }}
      >
        <label>
          {t('models.template')}{' '}
          <select name="template" value={templateName} onChange={(e) => setTemplateName(e.target.value)}>
            {templates.data?.map((x) => (
              <option key={x.name} value={x.name}>
                {label(x.title, lang)} — {t('models.leaves', { count: x.leaves })}
                {x.source ? ` ${x.source}` : ''}
              </option>
            ))}
          </select>
        </label>{' '}
        <button type="submit">{t('models.start')}</button>
      </form>
      <ErrorNote error={start.error ?? templates.error} />

      {tree && (
        <>
          <h2>{t('models.editor')}</h2>
          <TreeEditor tree={tree} onChange={edit} selected={selected} onSelect={setSelected} issues={issues} />
          <div className="buttons">
            <button type="button" onClick={() => validate.mutate(tree)} disabled={validate.isPending}>
              {t('models.validate')}
            </button>
          </div>
          {checked && (
            <p role="status" className={checked.ok ? 'ok' : 'bad'}>
              {checked.ok ? t('models.valid', { count: checked.count }) : t('models.invalid', { count: checked.count })}
            </p>
          )}
          {validate.error && !(validate.error instanceof ApiError && validate.error.issues.length > 0) && (
            <ErrorNote error={validate.error} />
          )}
          {write && (
            <form
              className="panel"
              onSubmit={(e) => {
                e.preventDefault();
                save.mutate();
              }}
            >
              <h3>{t('models.saveVersion')}</h3>
              {products.data?.length === 0 && <p>{t('models.noProduct')}</p>}
              <label>
                {t('models.product')}{' '}
                <select name="product" value={productId} onChange={(e) => setProductId(e.target.value)}>
                  {products.data?.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t('common.note')} <input name="note" value={note} onChange={(e) => setNote(e.target.value)} />
              </label>
              <button type="submit" disabled={save.isPending}>
                {t('models.saveVersion')}
              </button>
              {save.data && <p role="status">{t('models.saved', { version: save.data.version })}</p>}
              <ErrorNote error={save.error} />
            </form>
          )}
          <p className="muted">{t('models.leaves', { count: leafCount(tree) })}</p>
        </>
      )}
    </section>
  );
}
