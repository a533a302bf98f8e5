import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type {
  AttendanceHistoryResponse,
  AttendanceRequest,
  AttendanceResponse,
  MeetingCreateRequest,
  MeetingDetailResponse,
  MeetingResponse,
  MeetingSeriesUpdateRequest,
  MeetingUpdateRequest,
  MeResponse,
  RsvpPreviewResponse,
  RsvpRequest,
  SetDetailResponse,
} from '@als/shared';
import { api, apiRequest } from '@web/api/client';
import { authKeys } from '@web/features/auth/api/auth';
import { setKeys } from '@web/features/sets/api/sets';

/** A set's meetings and attendance sit under the set's key; a meeting's own page under `['meeting', id]`. */
export const meetingKeys = {
  list: (setId: string) => [...setKeys.set(setId), 'meetings'] as const,
  /** Under the set's meetings key: whatever refreshes those refreshes this. */
  past: (setId: string) => [...setKeys.set(setId), 'meetings', 'past'] as const,
  attendance: (setId: string) => [...setKeys.set(setId), 'attendance'] as const,
  meeting: (meetingId: string) => ['meeting', meetingId] as const,
  detail: (meetingId: string) => ['meeting', meetingId, 'detail'] as const,
  rsvp: (token: string) => ['rsvp', token] as const,
};

/** After a change to one meeting: its page, its set's list and its set's attendance; no other set. */
export function refreshMeeting(client: QueryClient, setId: string, meetingId?: string) {
  return Promise.all([
    client.invalidateQueries({ queryKey: meetingKeys.list(setId) }),
    client.invalidateQueries({ queryKey: meetingKeys.attendance(setId) }),
    meetingId ? client.invalidateQueries({ queryKey: meetingKeys.detail(meetingId) }) : undefined,
  ]);
}

/** After a change to a series: as for a meeting, and the page of every occurrence of that series in the cache. */
function refreshSeries(client: QueryClient, setId: string, seriesId: string) {
  return Promise.all([
    refreshMeeting(client, setId),
    client.invalidateQueries({
      queryKey: ['meeting'],
      predicate: (query) => query.queryKey[2] === 'detail' && (query.state.data as MeetingDetailResponse | undefined)?.seriesId === seriesId,
    }),
  ]);
}

export function useMeetings(setId: string) {
  return useQuery({
    queryKey: meetingKeys.list(setId),
    queryFn: () => {
      // From yesterday (a meeting in progress stays listed) to three years ahead: the longest series.
      const from = new Date(Date.now() - 86_400_000);
      const to = new Date(from.getTime() + 3 * 365 * 86_400_000);
      return api.get<MeetingResponse[]>(`/sets/${setId}/meetings?from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}`);
    },
  });
}

/** The meetings a set held, newest first: from a year before the set was made (meetings recorded after the fact) until it closed. */
export function usePastMeetings(set: Pick<SetDetailResponse, 'id' | 'createdAt' | 'closedAt'>, enabled: boolean) {
  return useQuery({
    queryKey: meetingKeys.past(set.id),
    enabled,
    queryFn: async () => {
      const from = new Date(Date.parse(set.createdAt) - 366 * 86_400_000).toISOString();
      const to = set.closedAt ?? new Date().toISOString();
      const meetings = await api.get<MeetingResponse[]>(`/sets/${set.id}/meetings?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
      return meetings.filter((m) => m.status !== 'cancelled').reverse();
    },
  });
}

export function useMeeting(meetingId: string) {
  return useQuery({ queryKey: meetingKeys.detail(meetingId), queryFn: () => api.get<MeetingDetailResponse>(`/meetings/${meetingId}`), retry: false });
}

export function useScheduleMeeting(setId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: MeetingCreateRequest) => api.post<MeetingResponse>(`/sets/${setId}/meetings`, body),
    onSuccess: () => refreshMeeting(client, setId),
  });
}

/** The caller's own reply to a meeting of the set. */
export function useReply(setId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ meetingId, ...body }: AttendanceRequest & { meetingId: string }) => apiRequest<AttendanceResponse>('PUT', `/meetings/${meetingId}/attendance`, body),
    onSuccess: (_answer, { meetingId }) => refreshMeeting(client, setId, meetingId),
  });
}

/** A facilitator records someone's reply (meetings in person). */
export function useReplyOnBehalf(meetingId: string, setId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, ...body }: AttendanceRequest & { userId: string }) => apiRequest<AttendanceResponse>('PUT', `/meetings/${meetingId}/attendance/${userId}`, body),
    onSuccess: () => refreshMeeting(client, setId, meetingId),
  });
}

export function useUpdateMeeting(meetingId: string, setId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: MeetingUpdateRequest) => api.patch<MeetingResponse>(`/meetings/${meetingId}`, body),
    onSuccess: () => refreshMeeting(client, setId, meetingId),
  });
}

export function useUpdateSeries(seriesId: string, setId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: MeetingSeriesUpdateRequest) => api.patch<MeetingResponse[]>(`/meeting-series/${seriesId}`, body),
    onSuccess: () => refreshSeries(client, setId, seriesId),
  });
}

export function useCancelMeeting(setId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (meetingId: string) => api.delete(`/meetings/${meetingId}`),
    onSuccess: (_answer, meetingId) => refreshMeeting(client, setId, meetingId),
  });
}

export function useCancelSeries(setId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (seriesId: string) => api.delete(`/meeting-series/${seriesId}`),
    onSuccess: (_answer, seriesId) => refreshSeries(client, setId, seriesId),
  });
}

/** The set's attendance so far (figures per meeting; people's records for facilitators). */
export function useAttendanceHistory(setId: string, enabled: boolean) {
  return useQuery({ queryKey: meetingKeys.attendance(setId), queryFn: () => api.get<AttendanceHistoryResponse>(`/sets/${setId}/attendance`), enabled });
}

/** A one-click reply link from an e-mail (no sign-in). */
export function useRsvpPreview(token: string) {
  return useQuery({ queryKey: meetingKeys.rsvp(token), queryFn: () => api.get<RsvpPreviewResponse>(`/rsvp/${token}`), retry: false });
}

export function useRsvp(token: string) {
  return useMutation({ mutationFn: (body: RsvpRequest) => api.post<AttendanceResponse>(`/rsvp/${token}`, body) });
}

/** A new secret address for the person's calendar feed: the answer replaces the cached person. */
export function useResetCalendarFeed() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<MeResponse>('/me/calendar-feed/reset'),
    onSuccess: (me) => client.setQueryData(authKeys.me, me),
  });
}
