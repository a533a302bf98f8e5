import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type {
  AcceptedResponse,
  AuthResponse,
  EmailChangeConfirmRequest,
  MeResponse,
  PasswordResetCompleteRequest,
  PasswordResetRequest,
  UserLoginRequest,
  UserRegisterRequest,
} from '@als/shared';
import { api, ApiError, CSRF_COOKIE } from '@web/api/client';

/** The signed-in person. Other features keep the person's own lists under `['me', …]` keys of their own. */
export const authKeys = {
  me: ['me', 'profile'] as const,
};

/**
 * Whether the browser holds a session: the API sets the readable CSRF cookie beside the httpOnly
 * session cookie at every sign-in, with the same lifetime, and clears both at sign-out.
 */
export function hasSessionCookie(): boolean {
  return document.cookie.split('; ').some((part) => part.startsWith(`${CSRF_COOKIE}=`));
}

/** The signed-in person, or null when nobody is signed in. */
export function useMe() {
  return useQuery({
    queryKey: authKeys.me,
    queryFn: async (): Promise<MeResponse | null> => {
      // Signed out, the browser has no session cookies: nobody to ask about (and no 401 in the console).
      if (!hasSessionCookie()) return null;
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

/** After a sign-in of any kind: nothing cached for the previous person survives, and the new person is loaded. */
async function signedIn(client: QueryClient) {
  client.clear();
  await client.fetchQuery({ queryKey: authKeys.me, queryFn: () => api.get<MeResponse>('/me') });
}

/** After signing out or deleting the account: everything cached goes, and nobody is signed in. */
export function signedOut(client: QueryClient) {
  client.clear();
  client.setQueryData(authKeys.me, null);
}

export function useSignIn() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: UserLoginRequest) => api.post<AuthResponse>('/auth/login', body),
    onSuccess: () => signedIn(client),
  });
}

export function useSignUp() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: UserRegisterRequest) => api.post<AuthResponse>('/auth/register', body),
    onSuccess: () => signedIn(client),
  });
}

export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<void>('/auth/logout'),
    onSettled: () => signedOut(client),
  });
}

/** "Forgot your password?": the answer is the same whether or not an account has the address. */
export function useRequestPasswordReset() {
  return useMutation({ mutationFn: (body: PasswordResetRequest) => api.post<AcceptedResponse>('/auth/password-reset', body) });
}

/** Sets the new password from the e-mail's link; the API signs this browser in (cookies), so the person is loaded afresh. */
export function useCompletePasswordReset() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: PasswordResetCompleteRequest) => api.post<void>('/auth/password-reset/complete', body),
    onSuccess: () => signedIn(client),
  });
}

/** Confirms a new e-mail address from the link sent to it (signed in or not). */
export function useConfirmEmailChange() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: EmailChangeConfirmRequest) => api.post<{ email: string }>('/auth/email-change/confirm', body),
    onSuccess: () => client.invalidateQueries({ queryKey: authKeys.me }),
  });
}
