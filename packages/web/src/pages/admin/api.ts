// The admin pages' requests (ADR 0021: one hook per endpoint per feature): accounts of the centre and what an
// administrator does to them (issue 14), and the HLA reference data release (issue 16).
import {
  DonorRegistryStatusSchema,
  DoneSchema,
  RecentAccountsSchema,
  ReleaseUploadResultSchema,
  type Role,
  type UserCreate,
  UserCreatedSchema,
  UserListSchema,
  type UserSummary,
} from '@engraft/domain';
import { apiSend } from '../../api';
import { useApiQuery } from '../../data/useApiQuery';
import { useSubmit } from '../../data/useSubmit';

export const adminKeys = {
  users: ['users'] as const,
  list: ['users', 'list'] as const,
  recent: ['users', 'created-recently'] as const,
  registry: ['donor-registry'] as const,
};

export function useUsers() {
  return useApiQuery(adminKeys.list, '/users', UserListSchema);
}

export function useRecentAccounts() {
  return useApiQuery(adminKeys.recent, '/users/created-recently', RecentAccountsSchema);
}

export function useCreateUser(opts: { onFieldErrors: (e: Record<string, string>) => void; onSaved: () => void }) {
  return useSubmit({
    send: (v: UserCreate) => apiSend('POST', '/users', v, UserCreatedSchema),
    invalidate: [adminKeys.users],
    success: (u) => `${u.username} can sign in now`,
    ...opts,
  });
}

/** What an administrator does to an account; every action carries a reason (audited). */
export type UserAction =
  | { kind: 'disable' | 'enable' | 'unlock' | 'sign-out'; user: UserSummary }
  | { kind: 'roles'; user: UserSummary; roles: Role[] }
  | { kind: 'password-reset'; user: UserSummary; password: string };

export function useUserAction() {
  return useSubmit({
    send: ({ action: a, reason }: { action: UserAction; reason: string }) => {
      const base = `/users/${a.user.id}`;
      if (a.kind === 'roles') return apiSend('PUT', `${base}/roles`, { roles: a.roles, reason }, DoneSchema);
      if (a.kind === 'password-reset') {
        return apiSend('POST', `${base}/password-reset`, { password: a.password, reason }, DoneSchema);
      }
      return apiSend('POST', `${base}/${a.kind}`, { reason }, DoneSchema);
    },
    invalidate: [adminKeys.users],
  });
}

export function useDonorRegistryStatus() {
  return useApiQuery(adminKeys.registry, '/donor-registry', DonorRegistryStatusSchema);
}

export function useUploadRelease() {
  return useSubmit({
    send: (v: { fileName: string; contentBase64: string }) =>
      apiSend('POST', '/reference-data/release', v, ReleaseUploadResultSchema),
    invalidate: [adminKeys.registry],
  });
}
