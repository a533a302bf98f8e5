import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AcceptedResponse, EmailChangeRequest, MeResponse, MeUpdateRequest, PasswordChangeRequest, SessionResponse } from '@als/shared';
import { api, apiRequest } from '@web/api/client';
import { authKeys, signedOut } from '@web/features/auth/api/auth';

export const accountKeys = {
  sessions: ['me', 'sessions'] as const,
};

/** Where the person is signed in. */
export function useSessions() {
  return useQuery({ queryKey: accountKeys.sessions, queryFn: () => api.get<SessionResponse[]>('/me/sessions') });
}

/** Signs one of the person's other devices out. */
export function useEndSession() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (sessionId: string) => api.delete(`/me/sessions/${sessionId}`),
    onSettled: () => client.invalidateQueries({ queryKey: accountKeys.sessions }),
  });
}

/** Signs out everywhere, this browser too. */
export function useSignOutEverywhere() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<void>('/auth/logout-all'),
    onSuccess: () => signedOut(client),
  });
}

/** Changes the password; the person's other sessions end. */
export function useChangePassword() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: PasswordChangeRequest) => apiRequest<void>('PUT', '/me/password', body),
    onSuccess: () => client.invalidateQueries({ queryKey: accountKeys.sessions }),
  });
}

/** Asks to use another e-mail address: a link goes to it. */
export function useRequestEmailChange() {
  return useMutation({ mutationFn: (body: EmailChangeRequest) => api.post<AcceptedResponse>('/me/email', body) });
}

/** Name, time zone and reminders: the answer replaces the cached person. */
export function useUpdateMe() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: MeUpdateRequest) => api.patch<MeResponse>('/me', body),
    onSuccess: (me) => client.setQueryData(authKeys.me, me),
  });
}

/** Deletes the caller's account (password to confirm); everything cached goes with it. */
export function useDeleteAccount() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (password: string) => apiRequest<void>('DELETE', '/me', { password }),
    onSuccess: () => signedOut(client),
  });
}

/** The one-click "no more reminders" link from an e-mail (no sign-in). */
export function useRemindersOff(token: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ meetingReminders: false }>(`/email-preferences/${token}/reminders-off`),
    onSuccess: () => client.invalidateQueries({ queryKey: authKeys.me }),
  });
}
