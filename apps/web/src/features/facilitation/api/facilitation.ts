import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FacilitatorNote, FacilitatorNoteRequest, MeetingResponse } from '@als/shared';
import { api } from '@web/api/client';
import { meetingKeys } from '@web/features/meetings/api/meetings';
import { setKeys } from '@web/features/sets/api/sets';

export type Seat = 'facilitator' | 'co-facilitator';

/** The caller's own notes: a set's under the set's key, a meeting's under the meeting's. */
export const facilitationKeys = {
  setNote: (setId: string) => [...setKeys.set(setId), 'facilitator-note'] as const,
  meetingNote: (meetingId: string) => ['meeting', meetingId, 'facilitator-note'] as const,
};

/** Who facilitates (or co-facilitates) a meeting; refreshes the set's meetings and that meeting's page. */
export function useAssignFacilitator(setId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ meetingId, seat, userId }: { meetingId: string; seat: Seat; userId: string | null }) => api.put<MeetingResponse>(`/meetings/${meetingId}/${seat}`, { userId }),
    onSuccess: (_m, { meetingId }) =>
      Promise.all([client.invalidateQueries({ queryKey: meetingKeys.list(setId) }), client.invalidateQueries({ queryKey: meetingKeys.detail(meetingId) })]),
  });
}

/** A rota: each meeting given its person, one after the other (each change is the server's to check). */
export function useMakeRota(setId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (assignments: { meetingId: string; userId: string }[]) => {
      for (const a of assignments) await api.put<MeetingResponse>(`/meetings/${a.meetingId}/facilitator`, { userId: a.userId });
    },
    onSettled: () => client.invalidateQueries({ queryKey: meetingKeys.list(setId) }),
  });
}

/** The caller's own note on a set (`meetingId` absent) or on a meeting. */
export function useFacilitatorNote(target: { setId: string } | { meetingId: string }) {
  return useQuery({
    queryKey: 'meetingId' in target ? facilitationKeys.meetingNote(target.meetingId) : facilitationKeys.setNote(target.setId),
    queryFn: () => api.get<FacilitatorNote>('meetingId' in target ? `/meetings/${target.meetingId}/facilitator-notes` : `/sets/${target.setId}/facilitator-notes`),
  });
}

export function useSaveFacilitatorNote(target: { setId: string } | { meetingId: string }) {
  const client = useQueryClient();
  const key = 'meetingId' in target ? facilitationKeys.meetingNote(target.meetingId) : facilitationKeys.setNote(target.setId);
  return useMutation({
    mutationFn: (body: FacilitatorNoteRequest) => api.put<FacilitatorNote>('meetingId' in target ? `/meetings/${target.meetingId}/facilitator-notes` : `/sets/${target.setId}/facilitator-notes`, body),
    onSuccess: (note) => client.setQueryData(key, note),
  });
}
