import type { Job } from '@mlob/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiPost } from '../../api/client';

const JOBS_KEY = ['jobs'] as const;

/** Whether a job may still change (and so is worth polling). */
export function isJobActive(job: Job): boolean {
  return job.status === 'queued' || job.status === 'running';
}

/** The caller's jobs (admins: all), polled every second while any of them is queued or running. */
export function useJobs() {
  return useQuery({
    queryKey: JOBS_KEY,
    queryFn: ({ signal }) => apiGet<{ items: Job[] }>('/api/jobs', { limit: 50 }, signal),
    refetchInterval: (query) => (query.state.data?.items.some(isJobActive) ? 1000 : false),
    staleTime: 0,
  });
}

export function useStartAuditVerify() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiPost<Job>('/api/audit/verify'),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: JOBS_KEY }),
  });
}

export function useCancelJob() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiPost<Job>(`/api/jobs/${id}/cancel`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: JOBS_KEY }),
  });
}

/** One job, polled every second until it ends (for a page that started it). */
export function useJob(id: string | null) {
  return useQuery({
    queryKey: [...JOBS_KEY, id],
    queryFn: ({ signal }) => apiGet<Job>(`/api/jobs/${id}`, undefined, signal),
    enabled: id !== null,
    refetchInterval: (query) => (query.state.data && !isJobActive(query.state.data) ? false : 1000),
  });
}
