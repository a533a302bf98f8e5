import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ContributionCreated,
  RoundCreateRequest,
  RoundDetailResponse,
  RoundResponse,
  AuditEntryResponse,
  EvaluationResponse,
  MySelfAssessmentResponse,
  ReportBackLinkResponse,
  ReportBackRequest,
  SelfAssessmentResponse,
  SelfAssessmentStage,
  MyActionResponse,
  LearningLogEntryRequest,
  LearningLogEntryResponse,
  ActionResponse,
  SessionRecordResponse,
  AttendanceHistoryResponse,
  AttendanceRequest,
  AttendanceResponse,
  AuthResponse,
  InvitationCreatedResponse,
  InvitationCreateRequest,
  InvitationPreviewResponse,
  InvitationResponse,
  MeetingCreateRequest,
  MeetingDetailResponse,
  MeetingResponse,
  MeetingSeriesUpdateRequest,
  MeetingUpdateRequest,
  MeResponse,
  MeUpdateRequest,
  RsvpPreviewResponse,
  RsvpRequest,
  MembershipResponse,
  SetCreateRequest,
  SetDetailResponse,
  SetCloseRequest,
  SetResponse,
  SetRole,
  SetSummaryResponse,
  SetUpdateRequest,
  UserLoginRequest,
  UserRegisterRequest,
} from '@als/shared';
import { api, ApiError, apiRequest } from './client';

export const keys = {
  me: ['me'] as const,
  sets: ['sets'] as const,
  set: (setId: string) => ['sets', setId] as const,
  invitations: (setId: string) => ['sets', setId, 'invitations'] as const,
  invitationPreview: (token: string) => ['invitation', token] as const,
  meetings: (setId: string) => ['sets', setId, 'meetings'] as const,
  meeting: (meetingId: string) => ['meeting', meetingId] as const,
  attendance: (setId: string) => ['sets', setId, 'meetings', 'attendance'] as const,
  rsvp: (token: string) => ['rsvp', token] as const,
  record: (meetingId: string) => ['meeting', meetingId, 'record'] as const,
  actions: (setId: string) => ['sets', setId, 'actions'] as const,
  learningLog: ['learning-log'] as const,
  myActions: ['me', 'actions'] as const,
  reportBackLink: (token: string) => ['report-back', token] as const,
  evaluation: (setId: string) => ['sets', setId, 'evaluation'] as const,
  audit: (setId: string) => ['sets', setId, 'audit'] as const,
  selfAssessment: (setId: string) => ['sets', setId, 'self-assessment'] as const,
  rounds: (setId: string) => ['sets', setId, 'rounds'] as const,
  round: (roundId: string) => ['round', roundId] as const,
};

/** After any change to meetings: every set's list and every meeting page are refetched. */
function refreshMeetings(client: ReturnType<typeof useQueryClient>) {
  return Promise.all([
    client.invalidateQueries({ queryKey: ['meeting'] }),
    client.invalidateQueries({ predicate: (query) => query.queryKey[0] === 'sets' && query.queryKey[2] === 'meetings' }),
  ]);
}

/** The signed-in person, or null when nobody is signed in. */
export function useMe() {
  return useQuery({
    queryKey: keys.me,
    queryFn: async (): Promise<MeResponse | null> => {
      try {
        return await api.get<MeResponse>('/me');
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
}

function useSignedIn() {
  const client = useQueryClient();
  return async () => {
    client.clear();
    await client.fetchQuery({ queryKey: keys.me, queryFn: () => api.get<MeResponse>('/me') });
  };
}

export function useSignIn() {
  const signedIn = useSignedIn();
  return useMutation({
    mutationFn: (body: UserLoginRequest) => api.post<AuthResponse>('/auth/login', body),
    onSuccess: signedIn,
  });
}

export function useSignUp() {
  const signedIn = useSignedIn();
  return useMutation({
    mutationFn: (body: UserRegisterRequest) => api.post<AuthResponse>('/auth/register', body),
    onSuccess: signedIn,
  });
}

export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<void>('/auth/logout'),
    onSettled: () => {
      client.clear();
      client.setQueryData(keys.me, null);
    },
  });
}

export function useMySets() {
  return useQuery({ queryKey: keys.sets, queryFn: () => api.get<SetSummaryResponse[]>('/sets') });
}

export function useSet(setId: string) {
  return useQuery({ queryKey: keys.set(setId), queryFn: () => api.get<SetDetailResponse>(`/sets/${setId}`), retry: false });
}

export function useCreateSet() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: SetCreateRequest) => api.post<SetResponse>('/sets', body),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.sets }),
  });
}

export function useUpdateSet(setId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: SetUpdateRequest) => api.patch<SetResponse>(`/sets/${setId}`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.sets }),
  });
}

/** Removing someone else, or leaving (the caller's own id). */
export function useRemoveMember(setId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => api.delete(`/sets/${setId}/members/${userId}`),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.sets }),
  });
}

export function useChangeRole(setId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: SetRole }) => api.patch<MembershipResponse>(`/sets/${setId}/members/${userId}`, { role }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.set(setId) }),
  });
}

export function useHandOver(setId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => api.post<MembershipResponse[]>(`/sets/${setId}/facilitator-handover`, { userId }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.sets }),
  });
}

export function useInvitations(setId: string, enabled: boolean) {
  return useQuery({ queryKey: keys.invitations(setId), queryFn: () => api.get<InvitationResponse[]>(`/sets/${setId}/invitations`), enabled });
}

export function useInvite(setId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: InvitationCreateRequest) => api.post<InvitationCreatedResponse>(`/sets/${setId}/invitations`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.invitations(setId) }),
  });
}

export function useResendInvitation(setId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (invitationId: string) => api.post<InvitationCreatedResponse>(`/sets/${setId}/invitations/${invitationId}/resend`),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.invitations(setId) }),
  });
}

export function useRevokeInvitation(setId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (invitationId: string) => api.delete(`/sets/${setId}/invitations/${invitationId}`),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.invitations(setId) }),
  });
}

export function useInvitationPreview(token: string) {
  return useQuery({ queryKey: keys.invitationPreview(token), queryFn: () => api.get<InvitationPreviewResponse>(`/invitations/${token}`), retry: false });
}

export function useAcceptInvitation(token: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<MembershipResponse>(`/invitations/${token}/accept`, { acceptGroundRules: true }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.sets }),
  });
}

export function useMeetings(setId: string) {
  return useQuery({
    queryKey: keys.meetings(setId),
    queryFn: () => {
      // From yesterday (a meeting in progress stays listed) to three years ahead: the longest series.
      const from = new Date(Date.now() - 86_400_000);
      const to = new Date(from.getTime() + 3 * 365 * 86_400_000);
      return api.get<MeetingResponse[]>(`/sets/${setId}/meetings?from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}`);
    },
  });
}

export function useScheduleMeeting(setId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: MeetingCreateRequest) => api.post<MeetingResponse>(`/sets/${setId}/meetings`, body),
    onSuccess: () => refreshMeetings(client),
  });
}

export function useReply() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ meetingId, ...body }: AttendanceRequest & { meetingId: string }) => apiRequest<AttendanceResponse>('PUT', `/meetings/${meetingId}/attendance`, body),
    onSuccess: () => refreshMeetings(client),
  });
}

/** A facilitator records someone's reply (meetings in person). */
export function useReplyOnBehalf(meetingId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, ...body }: AttendanceRequest & { userId: string }) => apiRequest<AttendanceResponse>('PUT', `/meetings/${meetingId}/attendance/${userId}`, body),
    onSuccess: () => refreshMeetings(client),
  });
}

export function useMeeting(meetingId: string) {
  return useQuery({ queryKey: keys.meeting(meetingId), queryFn: () => api.get<MeetingDetailResponse>(`/meetings/${meetingId}`), retry: false });
}

export function useUpdateMeeting(meetingId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: MeetingUpdateRequest) => api.patch<MeetingResponse>(`/meetings/${meetingId}`, body),
    onSuccess: () => refreshMeetings(client),
  });
}

export function useUpdateSeries(seriesId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: MeetingSeriesUpdateRequest) => api.patch<MeetingResponse[]>(`/meeting-series/${seriesId}`, body),
    onSuccess: () => refreshMeetings(client),
  });
}

export function useCancelSeries() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (seriesId: string) => api.delete(`/meeting-series/${seriesId}`),
    onSuccess: () => refreshMeetings(client),
  });
}

export function useUpdateMe() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: MeUpdateRequest) => api.patch<MeResponse>('/me', body),
    onSuccess: (me) => client.setQueryData(keys.me, me),
  });
}

/** A one-click reply link from an e-mail (no sign-in). */
export function useRsvpPreview(token: string) {
  return useQuery({ queryKey: keys.rsvp(token), queryFn: () => api.get<RsvpPreviewResponse>(`/rsvp/${token}`), retry: false });
}

export function useRsvp(token: string) {
  return useMutation({ mutationFn: (body: RsvpRequest) => api.post<AttendanceResponse>(`/rsvp/${token}`, body) });
}

export function useRemindersOff(token: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ meetingReminders: false }>(`/email-preferences/${token}/reminders-off`),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.me }),
  });
}

export function useResetCalendarFeed() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<MeResponse>('/me/calendar-feed/reset'),
    onSuccess: (me) => client.setQueryData(keys.me, me),
  });
}

export function useCancelMeeting() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (meetingId: string) => api.delete(`/meetings/${meetingId}`),
    onSuccess: () => refreshMeetings(client),
  });
}

/** The set's attendance so far (figures per meeting; people's records for facilitators). */
export function useAttendanceHistory(setId: string, enabled: boolean) {
  return useQuery({ queryKey: keys.attendance(setId), queryFn: () => api.get<AttendanceHistoryResponse>(`/sets/${setId}/attendance`), enabled });
}

/** A live session's record; null when no session was held. */
export function useSessionRecord(meetingId: string, enabled: boolean) {
  return useQuery({
    queryKey: keys.record(meetingId),
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

export function useActions(setId: string, enabled: boolean) {
  return useQuery({ queryKey: keys.actions(setId), queryFn: () => api.get<ActionResponse[]>(`/sets/${setId}/actions`), enabled });
}

/** The caller's own learning log. */
export function useLearningLog() {
  return useQuery({ queryKey: keys.learningLog, queryFn: () => api.get<LearningLogEntryResponse[]>('/me/learning-log') });
}

export function useSaveLogEntry(entryId?: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: LearningLogEntryRequest) => (entryId ? api.patch<LearningLogEntryResponse>(`/me/learning-log/${entryId}`, body) : api.post<LearningLogEntryResponse>('/me/learning-log', body)),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.learningLog }),
  });
}

export function useDeleteLogEntry() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (entryId: string) => api.delete(`/me/learning-log/${entryId}`),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.learningLog }),
  });
}

/** The person's own open actions across all their sets. */
export function useMyActions() {
  return useQuery({ queryKey: keys.myActions, queryFn: () => api.get<MyActionResponse[]>('/me/actions') });
}

/** Deletes the caller's account (password to confirm); everything cached goes with it. */
export function useDeleteAccount() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (password: string) => apiRequest<void>('DELETE', '/me', { password }),
    onSuccess: () => {
      client.clear();
      client.setQueryData(keys.me, null);
    },
  });
}

/** Reports back on one of the caller's own actions ahead of the set's next meeting. */
export function useReportBack() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ actionId, ...body }: ReportBackRequest & { actionId: string }) => api.post<MyActionResponse>(`/me/actions/${actionId}/report-back`, body),
    onSuccess: (action) => Promise.all([client.invalidateQueries({ queryKey: keys.myActions }), client.invalidateQueries({ queryKey: keys.actions(action.setId) })]),
  });
}

/** The report-back link from the e-mail before a meeting (no sign-in). */
export function useReportBackLink(token: string) {
  return useQuery({ queryKey: keys.reportBackLink(token), queryFn: () => api.get<ReportBackLinkResponse>(`/report-back/${token}`), retry: false });
}

export function useReportBackViaLink(token: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ReportBackRequest & { actionId: string }) => api.post<MyActionResponse>(`/report-back/${token}`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.reportBackLink(token) }),
  });
}

export function useCloseSet(setId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: SetCloseRequest) => api.post<SetResponse>(`/sets/${setId}/close`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.sets }),
  });
}

export function useReopenSet(setId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<SetResponse>(`/sets/${setId}/reopen`),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.sets }),
  });
}

/** The set's evaluation in figures (facilitators and sponsors). */
export function useEvaluation(setId: string) {
  return useQuery({ queryKey: keys.evaluation(setId), queryFn: () => api.get<EvaluationResponse>(`/sets/${setId}/evaluation`), retry: false });
}

/** Who viewed or exported what in the set (facilitators). */
export function useAuditLog(setId: string, enabled: boolean) {
  return useQuery({ queryKey: keys.audit(setId), queryFn: () => api.get<AuditEntryResponse[]>(`/sets/${setId}/audit?limit=100`), enabled });
}

export function useSelfAssessment(setId: string, enabled: boolean) {
  return useQuery({ queryKey: keys.selfAssessment(setId), queryFn: () => api.get<MySelfAssessmentResponse>(`/sets/${setId}/self-assessment`), enabled });
}

export function useAnswerSelfAssessment(setId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ stage, answers }: { stage: SelfAssessmentStage; answers: number[] }) => api.put<SelfAssessmentResponse>(`/sets/${setId}/self-assessment/${stage}`, { answers }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.selfAssessment(setId) }),
  });
}

/** The set's asynchronous rounds. */
export function useRounds(setId: string, enabled: boolean) {
  return useQuery({ queryKey: keys.rounds(setId), queryFn: () => api.get<RoundResponse[]>(`/sets/${setId}/rounds`), enabled });
}

export function useOpenRound(setId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: RoundCreateRequest) => api.post<RoundDetailResponse>(`/sets/${setId}/rounds`, body),
    onSuccess: (round) => {
      client.setQueryData(keys.round(round.id), round);
      return client.invalidateQueries({ queryKey: keys.rounds(setId) });
    },
  });
}

/** A round, refreshed every half minute: phases move on with deadlines and other people's replies. */
export function useRound(roundId: string) {
  return useQuery({ queryKey: keys.round(roundId), queryFn: () => api.get<RoundDetailResponse>(`/rounds/${roundId}`), refetchInterval: 30_000, retry: false });
}

export function useContribute(roundId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { body: string; clientId: string }) => api.post<ContributionCreated>(`/rounds/${roundId}/contributions`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.round(roundId) }),
  });
}

export type RoundModeration = { kind: 'advance' | 'pause' | 'resume' | 'close' } | { kind: 'extend'; endsAt: string } | { kind: 'moderator'; userId: string };

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
      client.setQueryData(keys.round(roundId), round);
      return client.invalidateQueries({ queryKey: keys.rounds(round.setId) });
    },
  });
}

export interface RoundDelivery {
  to: string;
  subject: string;
  status: 'pending' | 'sending' | 'sent' | 'failed';
  attempts: number;
  lastError: string;
  createdAt: string;
  sentAt: string | null;
}

/** Where each of a round's e-mails stands (moderators). */
export function useRoundDeliveries(roundId: string, enabled: boolean) {
  return useQuery({ queryKey: [...keys.round(roundId), 'deliveries'], queryFn: () => api.get<RoundDelivery[]>(`/rounds/${roundId}/deliveries`), enabled });
}
