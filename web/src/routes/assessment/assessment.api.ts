import type {
  Answers,
  Assessment,
  CardVerification,
  EquityCard,
  Job,
  ModelDetail,
  ModelSummary,
  Round,
  VillageHousehold,
  VillageList,
} from '@mlob/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiPost } from '../../api/client';

export interface ListSummary extends Omit<VillageList, 'entries' | 'objections'> {
  entryCount: number;
}

export function useModels() {
  return useQuery({
    queryKey: ['assessment', 'models'],
    queryFn: ({ signal }) => apiGet<{ items: ModelSummary[] }>('/api/assessment/models', undefined, signal),
    staleTime: 10 * 60_000,
  });
}

export function useModel(id: number | undefined) {
  return useQuery({
    queryKey: ['assessment', 'model', id],
    queryFn: ({ signal }) => apiGet<ModelDetail>(`/api/assessment/models/${id}`, undefined, signal),
    enabled: id !== undefined,
    staleTime: 10 * 60_000,
  });
}

export function useVillageHouseholds(villageCode: string | undefined) {
  return useQuery({
    queryKey: ['assessment', 'households', villageCode],
    queryFn: ({ signal }) =>
      apiGet<{ items: VillageHousehold[] }>('/api/assessment/households', { villageCode }, signal),
    enabled: Boolean(villageCode && /^\d{8}$/.test(villageCode)),
  });
}

export function useLists(villageCode: string | undefined) {
  return useQuery({
    queryKey: ['assessment', 'lists', villageCode],
    queryFn: ({ signal }) =>
      apiGet<{ items: ListSummary[] }>('/api/assessment/lists', { villageCode }, signal),
  });
}

export function useList(id: string | undefined) {
  return useQuery({
    queryKey: ['assessment', 'list', id],
    queryFn: ({ signal }) => apiGet<VillageList>(`/api/assessment/lists/${id}`, undefined, signal),
    enabled: Boolean(id),
  });
}

export function useAssessment(id: string | undefined) {
  return useQuery({
    queryKey: ['assessment', 'assessment', id],
    queryFn: ({ signal }) => apiGet<Assessment>(`/api/assessment/assessments/${id}`, undefined, signal),
    enabled: Boolean(id),
  });
}

export function useCard(id: string | undefined) {
  return useQuery({
    queryKey: ['assessment', 'card', id],
    queryFn: ({ signal }) => apiGet<EquityCard>(`/api/assessment/cards/${id}`, undefined, signal),
    enabled: Boolean(id),
  });
}

export function useListCards(listId: string | undefined, isPublished: boolean) {
  return useQuery({
    queryKey: ['assessment', 'cards', listId],
    queryFn: ({ signal }) => apiGet<{ items: EquityCard[] }>('/api/assessment/cards', { listId }, signal),
    enabled: Boolean(listId) && isPublished,
  });
}

export interface OnDemandInput {
  householdId: string;
  requestedVia: 'village_chief' | 'commune_councillor' | 'officer';
  requesterName: string;
  reason: string;
  modelVersionId: number;
  interviewerName: string;
  interviewedOn: string;
  answers: Answers;
}

/** An on-demand request and its interview, in that order. */
export function useRecordOnDemand() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: OnDemandInput) => {
      const request = await apiPost<{ id: string }>('/api/assessment/requests', {
        householdId: input.householdId,
        requestedVia: input.requestedVia,
        requesterName: input.requesterName,
        reason: input.reason,
      });
      return apiPost<Assessment>('/api/assessment/assessments', {
        householdId: input.householdId,
        requestId: request.id,
        modelVersionId: input.modelVersionId,
        interviewerName: input.interviewerName,
        interviewedOn: input.interviewedOn,
        answers: input.answers,
      });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['assessment'] }),
  });
}

/** Any step of the list workflow: POST to `path`, then refresh the list and its cards. */
export function useListAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ path, body }: { path: string; body?: unknown }) => apiPost<unknown>(path, body ?? {}),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['assessment'] }),
  });
}

export function useVerifyCard(code: string | undefined) {
  return useQuery({
    queryKey: ['assessment', 'verify', code],
    queryFn: ({ signal }) => apiGet<CardVerification>('/api/equity-cards/verify', { code }, signal),
    enabled: Boolean(code),
  });
}

export function useRounds() {
  return useQuery({
    queryKey: ['assessment', 'rounds'],
    queryFn: ({ signal }) => apiGet<{ items: Round[] }>('/api/assessment/rounds', undefined, signal),
  });
}

export interface NewRound {
  setting: 'rural' | 'urban';
  title: string;
  startsOn: string;
  endsOn: string;
  modelVersionId: number;
  cardValidMonths: number;
  /** Villages (8 digits) and communes (6 digits); a commune stands for all its villages. */
  areaCodes: string[];
}

/** Expands communes to their villages through the gazetteer, then creates the round. */
export function useCreateRound() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ areaCodes, ...round }: NewRound) => {
      const villages = await Promise.all(
        areaCodes.map(async (code) =>
          code.length === 8
            ? [code]
            : (
                await apiGet<{ items: { code: string }[] }>('/api/geography/areas', { parent: code })
              ).items.map((a) => a.code),
        ),
      );
      return apiPost<Round>('/api/assessment/rounds', { ...round, villageCodes: villages.flat() });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['assessment', 'rounds'] }),
  });
}

export function useStartRescore() {
  return useMutation({
    mutationFn: (body: { modelVersionId: number; roundId: string | null }) =>
      apiPost<Job>('/api/assessment/rescore', body),
  });
}
