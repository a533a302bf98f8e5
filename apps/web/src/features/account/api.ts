import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AcceptedResponse, EmailChangeRequest, PasswordChangeRequest, SessionResponse } from '@als/shared';
import { api, apiRequest } from '@web/api/client';
import { keys } from '@web/api/queries';

const sessionsKey = [...keys.me, 'sessions'] as const;

/** Where the person is signed in. */
export function useSessions() {
  return useQuery({ queryKey: sessionsKey, queryFn: () => api.get<SessionResponse[]>('/me/sessions') });
}

/** Signs one of the person's other devices out. */
export function useEndSession() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (sessionId: string) => api.delete(`/me/sessions/${sessionId}`),
    onSettled: () => client.invalidateQueries({ queryKey: sessionsKey }),
  });
}

/** Signs out everywhere, this browser too. */
export function useSignOutEverywhere() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<void>('/auth/logout-all'),
    onSuccess: () => {
      client.clear();
      client.setQueryData(keys.me, null);
    },
  });
}

/** Changes the password; the person's other sessions end. */
export function useChangePassword() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: PasswordChangeRequest) => apiRequest<void>('PUT', '/me/password', body),
    onSuccess: () => client.invalidateQueries({ queryKey: sessionsKey }),
  });
}

/** Asks to use another e-mail address: a link goes to it. */
export function useRequestEmailChange() {
  return useMutation({ mutationFn: (body: EmailChangeRequest) => api.post<AcceptedResponse>('/me/email', body) });
}
