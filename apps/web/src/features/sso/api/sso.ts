import { useQuery } from '@tanstack/react-query';
import type { SsoSettingsResponse } from '@als/shared';
import { api } from '@web/api/client';

export const ssoKeys = { settings: ['auth', 'oidc'] as const };

/** Whether the platform offers single sign-on, and the provider's name for the button (fixed for the process's life). */
export function useSsoSettings() {
  return useQuery({ queryKey: ssoKeys.settings, queryFn: () => api.get<SsoSettingsResponse>('/auth/oidc'), staleTime: Infinity });
}
