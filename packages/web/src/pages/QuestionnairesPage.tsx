/**
 * Expert questionnaires, the organiser's list (GET /questionnaires) and a new one (POST
 * /questionnaires): pairwise (group AHP) over a stored indicator system's tree or over criteria,
 * or a Delphi screening of indicators on a scale. A signed-in expert sees their own invitations
 * (GET /my/questionnaires) instead.
 */
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { post } from '../api.ts';
import { can, useMe } from '../auth.ts';
import { ErrorNote } from '../components/ErrorNote.tsx';
import { dateTime } from '../format.ts';
import { useGet } from '../queries.ts';
import type { ModelVersion, Questionnaire } from '../types.ts';

/** "code name" lines → items (the name in both languages as typed). */
function parseItems(text: string) {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [code, ...rest] = l.split(/\s+/);
      const name = rest.join(' ') || (code as string);
      return { code: code as string, name: { zh: name, en: name } };
    });
}

function MyQuestionnaires() {
  const { t } = useTranslation();
  const mine = useGet<{ invitationId: string; answered: boolean; questionnaire: Questionnaire }[]>('/my/questionnaires');
  return (
    <section>
      <h1>{t('questionnaires.mine')}</h1>
      <ErrorNote error={mine.error} />
      {mine.data?.length === 0 && <p>{t('common.none')}</p>}
      <ul>
        {mine.data?.map((m) => (
          <li key={m.invitationId}>
            <Link to={`/my/${m.invitationId}`}>{m.questionnaire.title}</Link> — {t('questionnaires.round')} {m.questionnaire.round}
            {m.answered ? ` · ${t('questionnaires.answered')}` : ''}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function QuestionnairesPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const organiser = can(me.data, 'readAudit');
  const navigate = useNavigate();
  const list = useGet<Questionnaire[]>(organiser ? '/questionnaires?limit=200' : null);
  const versions = useGet<ModelVersion[]>(organiser ? '/model-versions?kind=indicator-system&limit=200' : null);
  const [form, setForm] = useState({ kind: 'pairwise', title: '', description: '', versionId: '', items: '', scale: '1-3-5' });
  const create = useMutation({
    mutationFn: () => {
      const version = versions.data?.find((v) => v.id === form.versionId);
      const items = parseItems(form.items);
      const source = version ? { hierarchy: version.content } : form.kind === 'pairwise' ? { criteria: items } : { indicators: items };
      return post<Questionnaire>('/questionnaires', {
        kind: form.kind,
        title: form.title,
        ...(form.description ? { description: form.description } : {}),
        ...source,
        ...(form.kind === 'delphi' ? { scale: form.scale } : {}),
      });
    },
    onSuccess: (q) => void navigate(`/questionnaires/${q.id}`),
  });
  if (me.data?.role === 'expert') return <MyQuestionnaires />;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <section>
      <h1>{t('questionnaires.title')}</h1>
      <ErrorNote error={list.error} />
      {list.data?.length === 0 && <p>{t('common.none')}</p>}
      {list.data && list.data.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('questionnaires.qTitle')}</th>
              <th scope="col">{t('questionnaires.kind')}</th>
              <th scope="col">{t('questionnaires.round')}</th>
              <th scope="col">{t('questionnaires.status')}</th>
              <th scope="col">{t('common.created')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((q) => (
              <tr key={q.id}>
                <td>
                  <Link to={`/questionnaires/${q.id}`}>{q.title}</Link>
                </td>
                <td>{t(`questionnaires.kinds.${q.kind}`)}</td>
                <td className="num">{q.round}</td>
                <td>{t(`questionnaires.statuses.${q.status}`)}</td>
                <td>{dateTime(q.createdAt, i18n.language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {can(me.data, 'writeModels') && (
        <form className="panel" onSubmit={submit} aria-labelledby="new-questionnaire">
          <h2 id="new-questionnaire">{t('questionnaires.new')}</h2>
          <label>
            {t('questionnaires.kind')}
            <select name="kind" value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value })}>
              <option value="pairwise">{t('questionnaires.kinds.pairwise')}</option>
              <option value="delphi">{t('questionnaires.kinds.delphi')}</option>
            </select>
          </label>
          <label>
            {t('questionnaires.qTitle')}
            <input name="title" value={form.title} onChange={(e) => setForm({ ...form, title: e.target.value })} required />
          </label>
          <label>
            {t('questionnaires.description')}
            <textarea
              name="description"
              rows={2}
              value={form.description}
              onChange={(e) => setForm({ ...form, description: e.target.value })}
            />
          </label>
          <label>
            {t('questionnaires.fromVersion')}
            <select name="version" value={form.versionId} onChange={(e) => setForm({ ...form, versionId: e.target.value })}>
              <option value="">—</option>
              {versions.data?.map((v) => (
                <option key={v.id} value={v.id}>
                  v{v.version} {v.note ?? ''}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('questionnaires.orItems')}
            <textarea name="items" rows={5} value={form.items} onChange={(e) => setForm({ ...form, items: e.target.value })} />
          </label>
          {form.kind === 'delphi' && (
            <label>
              {t('questionnaires.scale')}
              <select name="scale" value={form.scale} onChange={(e) => setForm({ ...form, scale: e.target.value })}>
                <option value="1-3-5">1-3-5</option>
                <option value="1-5">1–5</option>
                <option value="1-10">1–10</option>
              </select>
            </label>
          )}
          <button type="submit" disabled={create.isPending}>
            {t('questionnaires.create')}
          </button>
          <ErrorNote error={create.error} />
        </form>
      )}
    </section>
  );
}
