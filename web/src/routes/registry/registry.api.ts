import type {
  AreaDetail,
  ChangeRequest,
  HistoryEntry,
  Household,
  ImportIssuePage,
  ImportRun,
  Job,
  Member,
} from '@mlob/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiPost } from '../../api/client';

export type SearchItem = Member & { householdRef: string; villageCode: string; matchedBy: string };

/** Member search (name in either script, ID, phone, reference, area). */
export function useMemberSearch(params: { q: string; area: string; offset: number }) {
  const enabled = params.q.trim() !== '' || params.area.trim() !== '';
  return useQuery({
    queryKey: ['registry', 'search', params],
    queryFn: ({ signal }) =>
      apiGet<{ items: SearchItem[]; hasMore: boolean }>(
        '/api/registry/members',
        { q: params.q, area: params.area, limit: 25, offset: params.offset },
        signal,
      ),
    enabled,
  });
}

/** What a household reference looks like (letters, digits and . _ / -, with a digit). */
export function looksLikeReference(text: string): boolean {
  const ref = text.trim();
  return /[0-9]/.test(ref) && /^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/.test(ref);
}

/**
 * Households with this reference (any case) in scope, whatever their status: a merged household
 * has no members left for the member search to find.
 */
export function useHouseholdsByRef(ref: string) {
  return useQuery({
    queryKey: ['registry', 'households-by-ref', ref],
    queryFn: ({ signal }) =>
      apiGet<{ items: { id: string; householdRef: string; villageCode: string; status: string }[] }>(
        '/api/registry/households',
        { ref: ref.trim() },
        signal,
      ),
    enabled: looksLikeReference(ref),
  });
}

export function useHousehold(id: string, asOf: string) {
  return useQuery({
    queryKey: ['registry', 'household', id, asOf],
    queryFn: ({ signal }) =>
      asOf
        ? apiGet<Household>(`/api/registry/households/${id}/as-of`, { asOf }, signal)
        : apiGet<Household>(`/api/registry/households/${id}`, undefined, signal),
  });
}

/** A village's names, to show a village code as a place (shares the area browser's cache). */
export function useVillage(code: string) {
  return useQuery({
    queryKey: ['geography', 'area', code],
    queryFn: ({ signal }) => apiGet<AreaDetail>(`/api/geography/areas/${code}`, undefined, signal),
    enabled: code !== '',
    staleTime: 10 * 60_000,
  });
}

export function useHouseholdHistory(id: string) {
  return useQuery({
    queryKey: ['registry', 'history', id],
    queryFn: ({ signal }) =>
      apiGet<{ items: HistoryEntry[] }>(`/api/registry/households/${id}/history`, undefined, signal),
  });
}

export function useProposeChange() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { change: Record<string, unknown>; reason: string }) =>
      apiPost<ChangeRequest>('/api/registry/change-requests', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['registry', 'queue'] }),
  });
}

export function useChangeQueue(view: 'to-decide' | 'all') {
  return useQuery({
    queryKey: ['registry', 'queue', view],
    queryFn: ({ signal }) =>
      apiGet<{ items: ChangeRequest[] }>('/api/registry/change-requests', { view }, signal),
  });
}

export function useDecide() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; decision: 'approve' | 'reject'; comment?: string }) =>
      apiPost<ChangeRequest>(`/api/registry/change-requests/${v.id}/decision`, {
        decision: v.decision,
        comment: v.comment,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['registry'] }),
  });
}

export function useUpload() {
  return useMutation({
    mutationFn: (body: {
      householdsCsv?: string;
      membersCsv?: string;
      xlsxBase64?: string;
      fileName: string;
    }) => apiPost<ImportRun>('/api/registry/imports', body),
  });
}

/** The import run and its job, polled every second until the job ends. */
export function useImportProgress(run: ImportRun | undefined) {
  const job = useQuery({
    queryKey: ['registry', 'import-job', run?.jobId],
    queryFn: ({ signal }) => apiGet<Job>(`/api/jobs/${run?.jobId}`, undefined, signal),
    enabled: Boolean(run?.jobId),
    refetchInterval: (q) =>
      q.state.data && ['succeeded', 'failed', 'cancelled'].includes(q.state.data.status) ? false : 1000,
  });
  const isDone = job.data ? ['succeeded', 'failed', 'cancelled'].includes(job.data.status) : false;
  // The run too: its phase while the job runs, its counts once it is done.
  const latest = useQuery({
    queryKey: ['registry', 'import-run', run?.id, isDone],
    queryFn: ({ signal }) => apiGet<ImportRun>(`/api/registry/imports/${run?.id}`, undefined, signal),
    enabled: Boolean(run?.id),
    refetchInterval: isDone ? false : 1000,
  });
  return { job: job.data, run: latest.data ?? run, error: job.error ?? latest.error };
}

export const IMPORT_ISSUES_PAGE = 50;

/** A page of a finished run's problems, in the report's order. */
export function useImportIssues(runId: string | undefined, offset: number) {
  return useQuery({
    queryKey: ['registry', 'import-issues', runId, offset],
    queryFn: ({ signal }) =>
      apiGet<ImportIssuePage>(
        `/api/registry/imports/${runId}/issues`,
        { limit: IMPORT_ISSUES_PAGE, offset },
        signal,
      ),
    enabled: Boolean(runId),
  });
}
