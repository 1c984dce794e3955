/**
 * An error as a risk officer reads it: the message (in the workbench's language when the server
 * sent it as a catalogue text), then each issue with where and what is allowed.
 */
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api.ts';
import { serverText } from '../server-text.ts';

export function ErrorNote({ error }: { error: unknown }) {
  const { i18n } = useTranslation();
  if (!error) return null;
  const message =
    error instanceof ApiError
      ? serverText(error.message, error.text, i18n.language)
      : error instanceof Error
        ? error.message
        : String(error);
  const issues = error instanceof ApiError ? error.issues : [];
  return (
    <div role="alert" className="error">
      <p>{message}</p>
      {issues.length > 0 && (
        <ul>
          {issues.map((i) => (
            <li key={`${i.path}:${i.message}`}>
              {i.path ? <code>{i.path}</code> : null} {serverText(i.message, i.text, i18n.language)}
              {i.allowed ? ` — ${i.allowed}` : ''}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
