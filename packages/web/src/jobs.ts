/**
 * Long work through the job queue: submit (POST /jobs) and follow a job (GET /jobs/:id, polled
 * every half second until it succeeds, fails or is cancelled).
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { api, post } from './api.ts';
import type { Job } from './types.ts';

const DONE = new Set(['succeeded', 'failed', 'cancelled']);

export function useSubmitJob(kind: string) {
  return useMutation({ mutationFn: (input: unknown) => post<Job>('/jobs', { kind, input }) });
}

export function useJob<R>(id: string | undefined) {
  return useQuery({
    queryKey: ['/jobs', id],
    queryFn: () => api<Job<R>>(`/jobs/${id}`),
    enabled: id !== undefined,
    refetchInterval: (q) => (q.state.data && DONE.has(q.state.data.status) ? false : 500),
  });
}
