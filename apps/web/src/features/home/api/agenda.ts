import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AgendaResponse, AttendanceResponse } from '@als/shared';
import { api, apiRequest } from '@web/api/client';
import { refreshMeeting } from '@web/features/meetings/api/meetings';

export const agendaKeys = {
  agenda: ['me', 'agenda'] as const,
};

/** What is needed from the signed-in person across their sets (GET /api/me/agenda). */
export function useAgenda() {
  // A session starting soon must show without a reload: asked again every minute while the page is open.
  return useQuery({ queryKey: agendaKeys.agenda, queryFn: () => api.get<AgendaResponse>('/me/agenda'), refetchInterval: 60_000 });
}

/** "I will attend" from the home page: the reply, then the agenda and the set's meetings refreshed. */
export function useAttendFromHome() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ meetingId }: { meetingId: string; setId: string }) => apiRequest<AttendanceResponse>('PUT', `/meetings/${meetingId}/attendance`, { status: 'attending' }),
    onSuccess: (_answer, { meetingId, setId }) => Promise.all([client.invalidateQueries({ queryKey: agendaKeys.agenda }), refreshMeeting(client, setId, meetingId)]),
  });
}
