import type { RoleName, User } from '@mlob/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiPost } from '../../api/client';

export type ScopeKind = User['scope']['kind'];

export interface CreateUserInput {
  username: string;
  displayName: string;
  password: string;
  role: RoleName;
  scopeKind: ScopeKind;
  scopeAreaCodes?: string[];
  scopeUnitId?: string;
  locale?: 'km' | 'en';
}

export function useUsers() {
  return useQuery({
    queryKey: ['users'],
    queryFn: ({ signal }) => apiGet<{ items: User[] }>('/api/users', { limit: 500 }, signal),
  });
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateUserInput) => apiPost<User>('/api/users', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
}
