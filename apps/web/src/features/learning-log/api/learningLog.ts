import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { LearningLogEntryRequest, LearningLogEntryResponse } from '@als/shared';
import { api } from '@web/api/client';

export const learningLogKeys = {
  entries: ['me', 'learning-log'] as const,
};

/** The caller's own learning log. */
export function useLearningLog() {
  return useQuery({ queryKey: learningLogKeys.entries, queryFn: () => api.get<LearningLogEntryResponse[]>('/me/learning-log') });
}

/** Writes a new entry, or changes the entry `entryId`. */
export function useSaveLogEntry(entryId?: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: LearningLogEntryRequest) => (entryId ? api.patch<LearningLogEntryResponse>(`/me/learning-log/${entryId}`, body) : api.post<LearningLogEntryResponse>('/me/learning-log', body)),
    onSuccess: () => client.invalidateQueries({ queryKey: learningLogKeys.entries }),
  });
}

export function useDeleteLogEntry() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (entryId: string) => api.delete(`/me/learning-log/${entryId}`),
    onSuccess: () => client.invalidateQueries({ queryKey: learningLogKeys.entries }),
  });
}
