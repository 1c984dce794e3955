/**
 * The indicator-tree editor: the tree as a nested list (select a node), and the selected node's
 * fields (code, Chinese and English names, local weight, direction and scorer of a leaf) with the
 * structural operations (add, move, indent, outdent, remove). Validation issues from the API are
 * shown on the nodes they concern.
 */
import { useTranslation } from 'react-i18next';
import { label } from '../i18n.ts';
import { addChild, freshCode, indentAt, moveAt, type NodePath, nodeAt, outdentAt, pathKey, removeAt, updateAt } from '../tree-edit.ts';
import type { TreeNode } from '../types.ts';

interface Props {
  tree: TreeNode;
  onChange: (tree: TreeNode) => void;
  selected: NodePath;
  onSelect: (path: NodePath) => void;
  issues: Map<string, string[]>;
}

function nameOf(n: TreeNode): { zh: string; en: string } {
  return typeof n.name === 'string' ? { zh: n.name, en: n.name } : { zh: n.name.zh ?? '', en: n.name.en ?? '' };
}

function NodeItem({ node, path, props }: { node: TreeNode; path: NodePath; props: Props }) {
  const { i18n } = useTranslation();
  const key = pathKey(path);
  const problems = props.issues.get(key);
  const isSelected = pathKey(props.selected) === key;
  return (
    <li>
      <button
        type="button"
        className={`node${isSelected ? ' selected' : ''}${problems ? ' invalid' : ''}`}
        aria-current={isSelected ? 'true' : undefined}
        data-code={node.code}
        onClick={() => props.onSelect(path)}
      >
        <code>{node.code}</code> {label(node.name, i18n.language)}
        {node.weight !== undefined ? <span className="w"> {node.weight}</span> : null}
      </button>
      {problems && (
        <ul className="node-issues" data-issues-for={node.code}>
          {problems.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
      {node.children && node.children.length > 0 && (
        <ul>
          {node.children.map((c, i) => (
            <NodeItem key={`${c.code}-${i}`} node={c} path={[...path, i]} props={props} />
          ))}
        </ul>
      )}
    </li>
  );
}

export function TreeEditor(props: Props) {
  const { t } = useTranslation();
  const { tree, selected, onChange, onSelect } = props;
  const node = nodeAt(tree, selected) ?? tree;
  const names = nameOf(node);
  const isRoot = selected.length === 0;
  const isLeaf = !node.children?.length;
  const set = (patch: Partial<TreeNode>) => onChange(updateAt(tree, selected, (n) => ({ ...n, ...patch })));
  const unset = (k: 'weight' | 'direction' | 'scorer') =>
    onChange(
      updateAt(tree, selected, (n) => {
        const { [k]: _drop, ...rest } = n;
        return rest as TreeNode;
      }),
    );
  const apply = ([next, path]: [TreeNode, NodePath]) => {
    onChange(next);
    onSelect(path);
  };
  const newNode = (parentCode: string): TreeNode => ({ code: freshCode(tree, parentCode), name: { zh: '新指标', en: 'New indicator' } });
  const parentPath = selected.slice(0, -1);

  return (
    <div className="tree-editor">
      <ul className="tree" aria-label={t('models.editor')}>
        <NodeItem node={tree} path={[]} props={props} />
      </ul>
      <fieldset className="node-form">
        <legend>
          {t('models.selected')}: <code>{node.code}</code>
        </legend>
        <label>
          {t('common.code')}
          <input name="code" value={node.code} onChange={(e) => set({ code: e.target.value })} />
        </label>
        <label>
          {t('models.nameZh')}
          <input name="nameZh" lang="zh-CN" value={names.zh} onChange={(e) => set({ name: { ...names, zh: e.target.value } })} />
        </label>
        <label>
          {t('models.nameEn')}
          <input name="nameEn" lang="en" value={names.en} onChange={(e) => set({ name: { ...names, en: e.target.value } })} />
        </label>
        {!isRoot && (
          <label>
            {t('models.weight')}
            <input
              name="weight"
              type="number"
              step="any"
              min="0"
              max="1"
              value={node.weight ?? ''}
              onChange={(e) => (e.target.value === '' ? unset('weight') : set({ weight: Number(e.target.value) }))}
            />
          </label>
        )}
        {isLeaf && !isRoot && (
          <>
            <label>
              {t('models.direction')}
              <select
                name="direction"
                value={node.direction ?? ''}
                onChange={(e) => (e.target.value ? set({ direction: e.target.value as 'benefit' | 'cost' }) : unset('direction'))}
              >
                <option value="">{t('models.unset')}</option>
                <option value="benefit">{t('models.directions.benefit')}</option>
                <option value="cost">{t('models.directions.cost')}</option>
              </select>
            </label>
            <label>
              {t('models.scorer')}
              <select
                name="scorer"
                value={node.scorer ?? ''}
                onChange={(e) => (e.target.value ? set({ scorer: e.target.value as 'expert' | 'officer' }) : unset('scorer'))}
              >
                <option value="">{t('models.unset')}</option>
                <option value="expert">{t('models.scorers.expert')}</option>
                <option value="officer">{t('models.scorers.officer')}</option>
              </select>
            </label>
          </>
        )}
        <div className="buttons">
          <button type="button" onClick={() => apply(addChild(tree, selected, newNode(node.code)))}>
            {t('models.addChild')}
          </button>
          {!isRoot && (
            <>
              <button type="button" onClick={() => apply(addChild(tree, parentPath, newNode(nodeAt(tree, parentPath).code)))}>
                {t('models.addSibling')}
              </button>
              <button type="button" onClick={() => apply(moveAt(tree, selected, -1))}>
                {t('models.moveUp')}
              </button>
              <button type="button" onClick={() => apply(moveAt(tree, selected, 1))}>
                {t('models.moveDown')}
              </button>
              <button type="button" onClick={() => apply(indentAt(tree, selected))}>
                {t('models.indent')}
              </button>
              <button type="button" onClick={() => apply(outdentAt(tree, selected))}>
                {t('models.outdent')}
              </button>
              <button
                type="button"
                className="danger"
                onClick={() => {
                  onChange(removeAt(tree, selected));
                  onSelect(parentPath);
                }}
              >
                {t('models.remove')}
              </button>
            </>
          )}
        </div>
      </fieldset>
    </div>
  );
}
