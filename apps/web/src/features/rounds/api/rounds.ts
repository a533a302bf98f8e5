import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ContributionCreated, RoundCreateRequest, RoundDelivery, RoundDetailResponse, RoundResponse } from '@als/shared';
import { api } from '@web/api/client';
import { setKeys } from '@web/features/sets/api/sets';

/** A set's rounds sit under the set's key; a round's page and its deliveries under `['round', id]`. */
export const roundKeys = {
  list: (setId: string) => [...setKeys.set(setId), 'rounds'] as const,
  round: (roundId: string) => ['round', roundId] as const,
  deliveries: (roundId: string) => ['round', roundId, 'deliveries'] as const,
};

/** The set's asynchronous rounds. */
export function useRounds(setId: string, enabled: boolean) {
  return useQuery({ queryKey: roundKeys.list(setId), queryFn: () => api.get<RoundResponse[]>(`/sets/${setId}/rounds`), enabled });
}

export function useOpenRound(setId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: RoundCreateRequest) => api.post<RoundDetailResponse>(`/sets/${setId}/rounds`, body),
    onSuccess: (round) => {
      client.setQueryData(roundKeys.round(round.id), round);
      return client.invalidateQueries({ queryKey: roundKeys.list(setId) });
    },
  });
}

/** A round, refreshed every half minute: phases move on with deadlines and other people's replies. */
export function useRound(roundId: string) {
  return useQuery({ queryKey: roundKeys.round(roundId), queryFn: () => api.get<RoundDetailResponse>(`/rounds/${roundId}`), refetchInterval: 30_000, retry: false });
}

/** A contribution changes the round (and the e-mails it sends); the set's list of rounds is unchanged. */
export function useContribute(roundId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { body: string; clientId: string; replyToId?: string }) => api.post<ContributionCreated>(`/rounds/${roundId}/contributions`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: roundKeys.round(roundId) }),
  });
}

export type RoundModeration = { kind: 'advance' | 'pause' | 'resume' | 'close' } | { kind: 'extend'; endsAt: string } | { kind: 'moderator'; userId: string };

/** A moderator's change: the answer is the round; the set's list of rounds shows its phase. */
export function useModerateRound(roundId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (change: RoundModeration) =>
      change.kind === 'extend'
        ? api.patch<RoundDetailResponse>(`/rounds/${roundId}/deadline`, { endsAt: change.endsAt })
        : change.kind === 'moderator'
          ? api.post<RoundDetailResponse>(`/rounds/${roundId}/moderator`, { userId: change.userId })
          : api.post<RoundDetailResponse>(`/rounds/${roundId}/${change.kind}`),
    onSuccess: (round) => {
      client.setQueryData(roundKeys.round(roundId), round);
      return client.invalidateQueries({ queryKey: roundKeys.list(round.setId) });
    },
  });
}

/** Where each of a round's e-mails stands (moderators). */
export function useRoundDeliveries(roundId: string, enabled: boolean) {
  return useQuery({ queryKey: roundKeys.deliveries(roundId), queryFn: () => api.get<RoundDelivery[]>(`/rounds/${roundId}/deliveries`), enabled });
}
