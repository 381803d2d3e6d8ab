import type {
  AuditDetail,
  AuditSummary,
  ChecklistVersionDetail,
  ChecklistVersionSummary,
  Dashboard,
  DueAction,
  EqaScheme,
  EquipmentEventView,
  Lab,
  NcDetail,
  NcSummary,
} from '@mlob/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiPost } from '../../api/client';

export function useLabDirectory() {
  return useQuery({
    queryKey: ['labs', 'directory'],
    queryFn: ({ signal }) =>
      apiGet<{ items: { code: string; nameEn: string; nameKm: string }[] }>(
        '/api/labs/directory',
        undefined,
        signal,
      ),
    staleTime: 300_000,
  });
}

export function useLabs() {
  return useQuery({
    queryKey: ['labs', 'list'],
    queryFn: ({ signal }) => apiGet<{ items: Lab[] }>('/api/labs', undefined, signal),
  });
}

export function useDashboard() {
  return useQuery({
    queryKey: ['labs', 'dashboard'],
    queryFn: ({ signal }) => apiGet<Dashboard>('/api/labs/dashboard', undefined, signal),
  });
}

export function useChecklists() {
  return useQuery({
    queryKey: ['labs', 'checklists'],
    queryFn: ({ signal }) =>
      apiGet<{ items: ChecklistVersionSummary[] }>('/api/labs/checklists', undefined, signal),
    staleTime: 300_000,
  });
}

/** A checklist version never changes once loaded: cached for the session. */
export function useChecklist(versionId: string | undefined) {
  return useQuery({
    queryKey: ['labs', 'checklist', versionId],
    queryFn: ({ signal }) =>
      apiGet<ChecklistVersionDetail>(`/api/labs/checklists/${versionId}`, undefined, signal),
    enabled: Boolean(versionId),
    // Offline, the service worker answers from its copy: try once rather than pause.
    networkMode: 'offlineFirst',
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useAudits() {
  return useQuery({
    queryKey: ['labs', 'audits'],
    queryFn: ({ signal }) => apiGet<{ items: AuditSummary[] }>('/api/labs/audits', { limit: 200 }, signal),
  });
}

export function useAudit(id: string) {
  return useQuery({
    queryKey: ['labs', 'audit', id],
    queryFn: ({ signal }) => apiGet<AuditDetail>(`/api/labs/audits/${id}`, undefined, signal),
    networkMode: 'offlineFirst',
  });
}

export function useCreateAudit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { labCode: string; checklistVersionId: string; kind: string; auditDate: string }) =>
      apiPost<AuditDetail>('/api/labs/audits', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['labs'] }),
  });
}

export function useAuditStep(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { step: 'submit' | 'approve' | 'publish' | 'reopen'; reason?: string }) =>
      apiPost<AuditDetail>(
        `/api/labs/audits/${id}/${input.step}`,
        input.reason ? { reason: input.reason } : {},
      ),
    onSuccess: (audit) => {
      queryClient.setQueryData(['labs', 'audit', id], audit);
      void queryClient.invalidateQueries({ queryKey: ['labs'] });
    },
  });
}

export function useRaiseNc(auditId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (itemId: string) => apiPost<NcDetail>(`/api/labs/audits/${auditId}/findings/${itemId}/nc`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['labs', 'ncs'] }),
  });
}

export function useNcBoard() {
  return useQuery({
    queryKey: ['labs', 'ncs', 'board'],
    queryFn: ({ signal }) =>
      apiGet<{ columns: { stage: NcSummary['stage']; items: NcSummary[] }[] }>(
        '/api/labs/ncs/board',
        undefined,
        signal,
      ),
  });
}

export function useNc(id: string) {
  return useQuery({
    queryKey: ['labs', 'ncs', id],
    queryFn: ({ signal }) => apiGet<NcDetail>(`/api/labs/ncs/${id}`, undefined, signal),
  });
}

/** One step on a nonconformity: correction, risk, root-cause, actions, actions/<id>/complete, effectiveness. */
export function useNcStep(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { path: string; body: unknown }) =>
      apiPost<NcDetail>(`/api/labs/ncs/${id}/${input.path}`, input.body),
    onSuccess: (nc) => {
      queryClient.setQueryData(['labs', 'ncs', id], nc);
      void queryClient.invalidateQueries({ queryKey: ['labs', 'ncs', 'board'] });
    },
  });
}

export function useLabList<T>(path: string, labCode: string | undefined) {
  return useQuery({
    queryKey: ['labs', path, labCode],
    queryFn: ({ signal }) => apiGet<{ items: T[] }>(`/api/labs/${path}`, { labCode }, signal),
  });
}

export function useDueActions() {
  return useQuery({
    queryKey: ['labs', 'actions', 'due'],
    queryFn: ({ signal }) =>
      apiGet<{ today: string; items: DueAction[] }>('/api/labs/actions/due', { withinDays: 14 }, signal),
  });
}

export function useAcknowledge() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (documentId: string) => apiPost(`/api/labs/documents/${documentId}/acknowledge`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['labs', 'documents'] }),
  });
}

/** A quality-system change (equipment, documents, staff, EQA): POST to /api/labs/<path>, then refresh. */
export function useLabPost() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { path: string; body: unknown }) =>
      apiPost<unknown>(`/api/labs/${input.path}`, input.body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['labs'] }),
  });
}

export function useEqaSchemes() {
  return useQuery({
    queryKey: ['labs', 'eqa', 'schemes'],
    queryFn: ({ signal }) => apiGet<{ items: EqaScheme[] }>('/api/labs/eqa/schemes', undefined, signal),
  });
}

export function useEquipmentEvents(equipmentId: string) {
  return useQuery({
    queryKey: ['labs', 'equipment', 'events', equipmentId],
    queryFn: ({ signal }) =>
      apiGet<{ items: EquipmentEventView[] }>(`/api/labs/equipment/${equipmentId}/events`, undefined, signal),
  });
}
