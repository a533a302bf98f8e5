import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { MembershipResponse, SetCloseRequest, SetCreateRequest, SetDetailResponse, SetResponse, SetRole, SetSummaryResponse, SetUpdateRequest } from '@als/shared';
import { api } from '@web/api/client';

/**
 * Every query about one set lives under `set(setId)` (`['sets', setId, …]`), so a change to a set
 * can refetch that set's queries and nothing of another set; the list of the person's sets is apart.
 */
export const setKeys = {
  list: ['my-sets'] as const,
  set: (setId: string) => ['sets', setId] as const,
  detail: (setId: string) => ['sets', setId, 'detail'] as const,
};

/** A change to who is in the set or what it is: that set's queries and the person's list. */
export function refreshSet(client: QueryClient, setId: string) {
  return Promise.all([client.invalidateQueries({ queryKey: setKeys.set(setId) }), client.invalidateQueries({ queryKey: setKeys.list })]);
}

export function useMySets() {
  return useQuery({ queryKey: setKeys.list, queryFn: () => api.get<SetSummaryResponse[]>('/sets') });
}

export function useSet(setId: string) {
  return useQuery({ queryKey: setKeys.detail(setId), queryFn: () => api.get<SetDetailResponse>(`/sets/${setId}`), retry: false });
}

export function useCreateSet() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: SetCreateRequest) => api.post<SetResponse>('/sets', body),
    onSuccess: () => client.invalidateQueries({ queryKey: setKeys.list }),
  });
}

/** Name, purpose, zone, ground rules, notice and quorum: the set's page and the list (its name). */
export function useUpdateSet(setId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: SetUpdateRequest) => api.patch<SetResponse>(`/sets/${setId}`, body),
    onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: setKeys.detail(setId) }), client.invalidateQueries({ queryKey: setKeys.list })]),
  });
}

/** Removing someone else, or leaving (the caller's own id): places in the set's rounds and meetings go too. */
export function useRemoveMember(setId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => api.delete(`/sets/${setId}/members/${userId}`),
    onSuccess: () => refreshSet(client, setId),
  });
}

export function useChangeRole(setId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: SetRole }) => api.patch<MembershipResponse>(`/sets/${setId}/members/${userId}`, { role }),
    onSuccess: () => client.invalidateQueries({ queryKey: setKeys.detail(setId) }),
  });
}

/** The caller's own role changes with a hand-over, so everything they see of the set is read again. */
export function useHandOver(setId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => api.post<MembershipResponse[]>(`/sets/${setId}/facilitator-handover`, { userId }),
    onSuccess: () => refreshSet(client, setId),
  });
}

/** Closing (archiving) the set at its end, with how long its content is kept. */
export function useCloseSet(setId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: SetCloseRequest) => api.post<SetResponse>(`/sets/${setId}/close`, body),
    onSuccess: () => refreshSet(client, setId),
  });
}

export function useReopenSet(setId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<SetResponse>(`/sets/${setId}/reopen`),
    onSuccess: () => refreshSet(client, setId),
  });
}
