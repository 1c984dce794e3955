/** TanStack Query over the API: `useGet(path)` caches GET answers by path; writes invalidate by prefix. */
import { useQuery } from '@tanstack/react-query';
import { api } from './api.ts';

/** GET `path` (null: not yet; the query waits). */
export function useGet<T>(path: string | null) {
  return useQuery({ queryKey: [path], queryFn: () => api<T>(path as string), enabled: path !== null });
}
