import { useQuery } from '@tanstack/react-query';
import { emailDomainOf, type SsoProviderLookupResponse, type SsoSettingsResponse } from '@als/shared';
import { api } from '@web/api/client';

export const ssoKeys = { settings: ['auth', 'oidc'] as const, lookup: (domain: string) => ['auth', 'oidc', 'lookup', domain] as const };

/** Whether the platform offers single sign-on, and the provider's name for the button (fixed for the process's life). */
export function useSsoSettings() {
  return useQuery({ queryKey: ssoKeys.settings, queryFn: () => api.get<SsoSettingsResponse>('/auth/oidc'), staleTime: Infinity });
}

/** The organisation's own provider for an address (by its domain); off while there is no address. */
export function useSsoLookup(email: string | null) {
  const domain = email ? emailDomainOf(email) : '';
  return useQuery({ queryKey: ssoKeys.lookup(domain), queryFn: () => api.get<SsoProviderLookupResponse>(`/auth/oidc/lookup?email=${encodeURIComponent(email ?? '')}`), enabled: Boolean(email), staleTime: 5 * 60_000 });
}
