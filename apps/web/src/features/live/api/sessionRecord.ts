import { useQuery } from '@tanstack/react-query';
import type { SessionRecordResponse } from '@als/shared';
import { api, ApiError } from '@web/api/client';

export const sessionRecordKeys = {
  record: (meetingId: string) => ['meeting', meetingId, 'record'] as const,
};

/** A live session's record; null when no session was held. */
export function useSessionRecord(meetingId: string, enabled: boolean) {
  return useQuery({
    queryKey: sessionRecordKeys.record(meetingId),
    enabled,
    queryFn: async (): Promise<SessionRecordResponse | null> => {
      try {
        return await api.get<SessionRecordResponse>(`/meetings/${meetingId}/record`);
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
  });
}
