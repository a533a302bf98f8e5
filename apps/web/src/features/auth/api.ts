import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AcceptedResponse, EmailChangeConfirmRequest, MeResponse, PasswordResetCompleteRequest, PasswordResetRequest } from '@als/shared';
import { api } from '@web/api/client';
import { keys } from '@web/api/queries';

/** "Forgot your password?": the answer is the same whether or not an account has the address. */
export function useRequestPasswordReset() {
  return useMutation({ mutationFn: (body: PasswordResetRequest) => api.post<AcceptedResponse>('/auth/password-reset', body) });
}

/** Sets the new password from the e-mail's link; the API signs this browser in (cookies), so the person is loaded afresh. */
export function useCompletePasswordReset() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: PasswordResetCompleteRequest) => api.post<void>('/auth/password-reset/complete', body),
    onSuccess: async () => {
      client.clear();
      await client.fetchQuery({ queryKey: keys.me, queryFn: () => api.get<MeResponse>('/me') });
    },
  });
}

/** Confirms a new e-mail address from the link sent to it (signed in or not). */
export function useConfirmEmailChange() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: EmailChangeConfirmRequest) => api.post<{ email: string }>('/auth/email-change/confirm', body),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.me }),
  });
}
