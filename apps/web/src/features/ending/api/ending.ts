import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { EndingResponse, EndingReviewRequest, EndingReviewResponse } from '@als/shared';
import { api } from '@web/api/client';
import { setKeys } from '@web/features/sets/api/sets';

export const endingKeys = {
  ending: (setId: string) => [...setKeys.set(setId), 'ending'] as const,
};

/** The set's ending review: prompts, the caller's own review, those shared with the set (facilitators and members). */
export function useEnding(setId: string, enabled: boolean) {
  return useQuery({ queryKey: endingKeys.ending(setId), queryFn: () => api.get<EndingResponse>(`/sets/${setId}/ending`), enabled, retry: false });
}

/** A facilitator opens the ending review. */
export function useOpenEnding(setId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<EndingResponse>(`/sets/${setId}/ending/open`),
    onSuccess: (data) => client.setQueryData(endingKeys.ending(setId), data),
  });
}

/** The caller's review, written or replaced. */
export function useSubmitEndingReview(setId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (review: EndingReviewRequest) => api.put<EndingReviewResponse>(`/sets/${setId}/ending/review`, review),
    onSuccess: () => client.invalidateQueries({ queryKey: endingKeys.ending(setId) }),
  });
}
