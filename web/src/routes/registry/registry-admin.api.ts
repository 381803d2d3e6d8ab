import type {
  ApprovalRule,
  ChangeRequest,
  CreateApprovalRule,
  DuplicateCandidate,
  Identifier,
  IdentifierType,
} from '@mlob/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, apiGet, apiPost } from '../../api/client';

export type DuplicateStatus = DuplicateCandidate['status'];

export const DUPLICATES_PAGE = 10;

/** One page of the duplicate review queue (pairs in scope, best first); one more row tells if more follow. */
export function useDuplicates(status: DuplicateStatus, offset: number) {
  return useQuery({
    queryKey: ['registry', 'duplicates', status, offset],
    queryFn: async ({ signal }) => {
      const page = await apiGet<{ items: DuplicateCandidate[] }>(
        '/api/registry/duplicates',
        { status, limit: DUPLICATES_PAGE + 1, offset },
        signal,
      );
      return { items: page.items.slice(0, DUPLICATES_PAGE), hasMore: page.items.length > DUPLICATES_PAGE };
    },
  });
}

export function useDecideDuplicate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: {
      id: number;
      decision: 'merge' | 'dismiss' | 'unmerge';
      reason: string;
      survivor?: 'a' | 'b';
    }) =>
      apiPost<DuplicateCandidate>(`/api/registry/duplicates/${v.id}/decision`, {
        decision: v.decision,
        reason: v.reason,
        survivor: v.survivor,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['registry'] }),
  });
}

export function useApprovalRules() {
  return useQuery({
    queryKey: ['registry', 'approval-rules'],
    queryFn: ({ signal }) =>
      apiGet<{ items: ApprovalRule[] }>('/api/registry/approval-rules', undefined, signal),
  });
}

export function useAddApprovalRule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (rule: CreateApprovalRule) => apiPost<ApprovalRule>('/api/registry/approval-rules', rule),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['registry', 'approval-rules'] }),
  });
}

export function useIdentifierTypes() {
  return useQuery({
    queryKey: ['registry', 'identifier-types'],
    queryFn: ({ signal }) =>
      apiGet<{ items: IdentifierType[] }>('/api/registry/identifier-types', undefined, signal),
    staleTime: 10 * 60_000,
  });
}

export function useHouseholdIdentifiers(householdId: string) {
  return useQuery({
    queryKey: ['registry', 'identifiers', householdId],
    queryFn: ({ signal }) =>
      apiGet<{ items: Identifier[] }>(
        `/api/registry/households/${householdId}/identifiers`,
        undefined,
        signal,
      ),
  });
}

/** Proposes one change request (any kind); refreshes queues and households once accepted. */
export function useProposeAny() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { change: Record<string, unknown>; reason: string }) =>
      apiPost<ChangeRequest>('/api/registry/change-requests', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['registry'] }),
  });
}

/**
 * The id of the household with this reference (any case), within scope. Throws an ApiError
 * naming `field` when there is none, to show on that field.
 */
export async function householdIdOfRef(ref: string, field: string): Promise<string> {
  const text = ref.trim();
  const found = text
    ? await apiGet<{ items: { id: string; householdRef: string }[] }>('/api/registry/households', {
        ref: text,
      })
    : { items: [] };
  const hit = found.items[0];
  if (!hit)
    throw new ApiError(404, 'not_found', `No household ${text} in your area.`, [
      { path: field.split('.'), message: 'no household with this reference in your area' },
    ]);
  return hit.id;
}

/** The URL that downloads members (a search result or an area) as CSV or XLSX. */
export function exportUrl(params: { q: string; area: string; format: 'csv' | 'xlsx' }): string {
  const query = new URLSearchParams();
  if (params.q.trim()) query.set('q', params.q.trim());
  if (params.area.trim()) query.set('area', params.area.trim());
  query.set('format', params.format);
  return `/api/registry/export/members?${query.toString()}`;
}

/** Field errors of a failed mutation (field path without `body.` → message). */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  return error instanceof ApiError ? error.fieldErrors() : {};
}
