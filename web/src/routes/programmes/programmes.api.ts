import type { Programme } from '@mlob/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiPost } from '../../api/client';

export interface Cycle {
  id: string;
  programmeCode: string;
  period: string;
  status: 'prepared' | 'approved' | 'rejected';
  householdCount: number;
  memberCount: number;
  totalRiel: number;
  unconfirmedCount: number;
  unpricedCount: number;
  approvalRoles: string[];
  approvals: { stepNo: number; role: string; decision: string; decidedBy: string; at: string }[];
}
export interface Payroll {
  id: string;
  cycleId: string;
  withdrawalUntil: string;
  paymentCount: number;
  totalRiel: number;
  batches: {
    id: string;
    providerCode: string;
    batchNo: number;
    kind: string;
    paymentCount: number;
    totalRiel: number;
  }[];
}
export interface Amount {
  count: number;
  riel: number;
}
export interface Report {
  approved: Amount;
  paid: Amount;
  failed: Amount;
  unclaimed: Amount;
  expired: Amount;
  pending: Amount;
  isBalanced: boolean;
}
export interface ImportReport {
  isRepeat: boolean;
  lineCount: number;
  appliedCount: number;
  problems: { line: number; ref: string; problem: string }[];
}

export function useProgrammes() {
  return useQuery({
    queryKey: ['programmes'],
    queryFn: ({ signal }) => apiGet<Programme[]>('/api/programmes', undefined, signal),
  });
}

export function useProgramme(code: string) {
  return useQuery({
    queryKey: ['programmes', code],
    queryFn: ({ signal }) => apiGet<Programme>(`/api/programmes/${code}`, undefined, signal),
  });
}

export function useEnrolments(code: string) {
  return useQuery({
    queryKey: ['programmes', code, 'enrolments'],
    queryFn: ({ signal }) =>
      apiGet<{
        counts: Record<string, number>;
        items: { householdRef: string; state: string; reason: string }[];
      }>(`/api/programmes/${code}/enrolments`, { limit: 20 }, signal),
  });
}

export function useCycles(code: string) {
  return useQuery({
    queryKey: ['programmes', code, 'cycles'],
    queryFn: ({ signal }) => apiGet<Cycle[]>(`/api/programmes/${code}/cycles`, undefined, signal),
  });
}

export function useCycle(id: string) {
  return useQuery({
    queryKey: ['cycles', id],
    queryFn: ({ signal }) => apiGet<Cycle>(`/api/cycles/${id}`, undefined, signal),
  });
}

// A job the page started is followed with the jobs module's hook.
export { useJob } from '../jobs/jobs.api';

export function useReport(payrollId: string | undefined) {
  return useQuery({
    queryKey: ['payrolls', payrollId, 'report'],
    queryFn: ({ signal }) => apiGet<Report>(`/api/payrolls/${payrollId}/report`, undefined, signal),
    enabled: payrollId !== undefined,
  });
}

/** A POST that refreshes everything under the given keys when it succeeds. */
export function usePost<T>(keys: unknown[][], path: (input: unknown) => string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { body?: unknown; target?: unknown }) =>
      apiPost<T>(path(input.target), input.body ?? {}),
    onSuccess: async () => {
      for (const key of keys) await queryClient.invalidateQueries({ queryKey: key });
    },
  });
}

export function formatRiel(value: number, language: string): string {
  return new Intl.NumberFormat(language === 'km' ? 'km-KH' : 'en-US').format(value);
}
