/** TanStack Query over the API: `useGet(path)` caches GET answers by path; writes invalidate by path. */
import { useQuery } from '@tanstack/react-query';
import { api, withQuery } from './api.ts';
import { can, useMe } from './auth.ts';
import type { AuditEntry } from './types.ts';

/** GET `path` (null: not yet; the query waits). */
export function useGet<T>(path: string | null) {
  return useQuery({ queryKey: [path], queryFn: () => api<T>(path as string), enabled: path !== null });
}

/**
 * Who did something, by user name: the actor of the audit entry (`entity`, `entityId`, `action`).
 * Rows store the user's id; the audit log names the user. Roles that may not read the log get
 * undefined (the page shows the id).
 */
export function useActors(entity: string, entityId?: string): (id: string, action: string) => string | undefined {
  const me = useMe();
  const path = withQuery('/audit', { entity, entityId, limit: 500 });
  const entries = useGet<AuditEntry[]>(can(me.data, 'readAudit') ? path : null);
  return (id, action) => entries.data?.find((a) => a.entityId === id && a.action === action)?.actor;
}

/** Every row of a paged list (`path` without limit/offset), fetched 500 at a time — for names by id. */
export function useAll<T>(path: string | null) {
  return useQuery({
    queryKey: [path, 'all'],
    enabled: path !== null,
    queryFn: async () => {
      const out: T[] = [];
      for (let offset = 0; ; offset += 500) {
        const page = await api<T[]>(withQuery(path as string, { limit: 500, offset }));
        out.push(...page);
        if (page.length < 500) return out;
      }
    },
  });
}
