/** The signed-in user (GET /auth/me; 401 = nobody), sign-in and sign-out, and what a role may open. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, post } from './api.ts';
import type { Role, User } from './types.ts';

export function useMe() {
  return useQuery({
    queryKey: ['me'],
    queryFn: async () => {
      try {
        return await api<User>('/auth/me');
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return null;
        throw e;
      }
    },
    staleTime: 60_000,
  });
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { username: string; password: string }) => post<User>('/auth/login', body),
    onSuccess: (user) => {
      // Another user's answers must not show: drop every cached answer but the session itself
      // (clearing it too would detach the observers of ['me'] from the new value).
      qc.setQueryData(['me'], user);
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
    },
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => post<void>('/auth/logout', {}),
    onSuccess: () => {
      qc.setQueryData(['me'], null);
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
    },
  });
}

const BOOK_READ: Role[] = ['admin', 'risk-officer', 'credit-officer', 'auditor'];
const BOOK_WRITE: Role[] = ['admin', 'risk-officer', 'credit-officer'];
const MODEL_WRITE: Role[] = ['admin', 'risk-officer'];
const AUDIT_READ: Role[] = ['admin', 'risk-officer', 'auditor'];
const ALL: Role[] = ['admin', 'risk-officer', 'credit-officer', 'expert', 'auditor'];

/** The server's permission matrix, as far as the pages need it (the server decides; this hides links). */
export const CAN = {
  readBook: BOOK_READ,
  writeBook: BOOK_WRITE,
  writeModels: MODEL_WRITE,
  readAudit: AUDIT_READ,
  methods: ALL,
  questionnaires: ['admin', 'risk-officer', 'expert', 'auditor'] as Role[],
} as const;

export function can(user: User | null | undefined, what: keyof typeof CAN): boolean {
  return !!user && CAN[what].includes(user.role);
}
