import type { Me, RoleName } from '@mlob/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, apiGet, apiPost } from '../api/client';

export const ME_QUERY_KEY = ['auth', 'me'] as const;

/** The signed-in user, or null when nobody is (a 401 is an answer here, not an error). */
export function useMe() {
  return useQuery({
    queryKey: ME_QUERY_KEY,
    queryFn: async ({ signal }): Promise<Me | null> => {
      try {
        return await apiGet<Me>('/api/auth/me', undefined, signal);
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
    retry: false,
    // Offline, the service worker may answer from its copy (the offline audit): try once.
    networkMode: 'offlineFirst',
  });
}

/** The signed-in user; only for components rendered inside the authenticated layout. */
export function useCurrentUser(): Me {
  const { data } = useMe();
  if (!data) throw new Error('useCurrentUser outside the signed-in layout');
  return data;
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { username: string; password: string }) => apiPost<Me>('/api/auth/login', input),
    onSuccess: (me) => queryClient.setQueryData(ME_QUERY_KEY, me),
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiPost<null>('/api/auth/logout'),
    onSettled: () => {
      // Forget everything cached for this user before anyone else signs in on this device.
      queryClient.clear();
      queryClient.setQueryData(ME_QUERY_KEY, null);
    },
  });
}

/** Whether a role may see something declared with `roles` ('all' = every signed-in role). */
export function isRoleAllowed(roles: readonly RoleName[] | 'all', role: RoleName): boolean {
  return roles === 'all' || roles.includes(role);
}
