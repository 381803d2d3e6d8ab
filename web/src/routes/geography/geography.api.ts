import type { Area, AreaDetail, LocationClass } from '@mlob/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiPost } from '../../api/client';

export interface LocationClassEntry {
  locationClass: LocationClass;
  effectiveFrom: string;
  reason: string;
  setBy: string | null;
}

/** Provinces (within the user's scope). */
export function useProvinces() {
  return useQuery({
    queryKey: ['geography', 'areas', 'root'],
    queryFn: ({ signal }) => apiGet<{ items: Area[] }>('/api/geography/areas', undefined, signal),
    staleTime: 10 * 60_000,
  });
}

/** One area with its ancestors (for the breadcrumb) and children. */
export function useAreaDetail(code: string | undefined) {
  return useQuery({
    queryKey: ['geography', 'area', code],
    queryFn: ({ signal }) => apiGet<AreaDetail>(`/api/geography/areas/${code}`, undefined, signal),
    enabled: Boolean(code),
    staleTime: 10 * 60_000,
  });
}

/** Search by name in either script or by code prefix. */
export function useAreaSearch(q: string) {
  return useQuery({
    queryKey: ['geography', 'search', q],
    queryFn: ({ signal }) => apiGet<{ items: Area[] }>('/api/geography/search', { q, limit: 20 }, signal),
    enabled: q.trim().length > 0,
    placeholderData: keepPreviousData,
  });
}

export function useLocationClassHistory(villageCode: string) {
  return useQuery({
    queryKey: ['geography', 'location-class', villageCode],
    queryFn: ({ signal }) =>
      apiGet<{ items: LocationClassEntry[] }>(
        `/api/geography/villages/${villageCode}/location-class`,
        undefined,
        signal,
      ),
  });
}

export function useSetLocationClass(villageCode: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { locationClass: LocationClass; effectiveFrom: string; reason: string }) =>
      apiPost<LocationClassEntry>(`/api/geography/villages/${villageCode}/location-class`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['geography'] }),
  });
}
