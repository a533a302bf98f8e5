import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ActionResponse, MyActionResponse, ReportBackLinkResponse, ReportBackRequest } from '@als/shared';
import { api } from '@web/api/client';
import { setKeys } from '@web/features/sets/api/sets';

export const actionKeys = {
  list: (setId: string) => [...setKeys.set(setId), 'actions'] as const,
  mine: ['me', 'actions'] as const,
  reportBackLink: (token: string) => ['report-back', token] as const,
};

/** The set's action list (facilitators and members). */
export function useActions(setId: string, enabled: boolean) {
  return useQuery({ queryKey: actionKeys.list(setId), queryFn: () => api.get<ActionResponse[]>(`/sets/${setId}/actions`), enabled });
}

/** The person's own open actions across all their sets. */
export function useMyActions() {
  return useQuery({ queryKey: actionKeys.mine, queryFn: () => api.get<MyActionResponse[]>('/me/actions') });
}

/** Reports back on one of the caller's own actions ahead of the set's next meeting: their list and that set's. */
export function useReportBack() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ actionId, ...body }: ReportBackRequest & { actionId: string }) => api.post<MyActionResponse>(`/me/actions/${actionId}/report-back`, body),
    onSuccess: (action) => Promise.all([client.invalidateQueries({ queryKey: actionKeys.mine }), client.invalidateQueries({ queryKey: actionKeys.list(action.setId) })]),
  });
}

/** The report-back link from the e-mail before a meeting (no sign-in). */
export function useReportBackLink(token: string) {
  return useQuery({ queryKey: actionKeys.reportBackLink(token), queryFn: () => api.get<ReportBackLinkResponse>(`/report-back/${token}`), retry: false });
}

export function useReportBackViaLink(token: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ReportBackRequest & { actionId: string }) => api.post<MyActionResponse>(`/report-back/${token}`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: actionKeys.reportBackLink(token) }),
  });
}
