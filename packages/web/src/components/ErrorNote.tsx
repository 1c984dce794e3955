/** An error as a risk officer reads it: the message, then each issue with where and what is allowed. */
import { ApiError } from '../api.ts';

export function ErrorNote({ error }: { error: unknown }) {
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  const issues = error instanceof ApiError ? error.issues : [];
  return (
    <div role="alert" className="error">
      <p>{message}</p>
      {issues.length > 0 && (
        <ul>
          {issues.map((i) => (
            <li key={`${i.path}:${i.message}`}>
              {i.path ? <code>{i.path}</code> : null} {i.message}
              {i.allowed ? ` — ${i.allowed}` : ''}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
