import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  BadgeApplicationCreated,
  BadgeApplicationRequest,
  BadgeApplicationResponse,
  BadgeDecisionRequest,
  BadgeDecisionResponse,
  BadgeProgressResponse,
  BadgeResponse,
  BadgeUpdateRequest,
  ConfidentialityCountsResponse,
  CredentialSummaryResponse,
  CredentialVerificationResponse,
} from '@als/shared';
import { api, ApiError } from '@web/api/client';
import { setKeys } from '@web/features/sets/api/sets';

export const badgeKeys = {
  badge: (setId: string) => [...setKeys.set(setId), 'badge'] as const,
  progress: (setId: string) => [...setKeys.set(setId), 'badge', 'progress'] as const,
  applications: (setId: string) => [...setKeys.set(setId), 'badge', 'applications'] as const,
  confidentiality: (setId: string) => [...setKeys.set(setId), 'badge', 'confidentiality'] as const,
  mine: ['me', 'credentials'] as const,
  verification: (credentialId: string) => ['credential', credentialId, 'verification'] as const,
};

/** The set's badge, or null when it has none yet. */
export function useBadge(setId: string) {
  return useQuery({
    queryKey: badgeKeys.badge(setId),
    queryFn: async (): Promise<BadgeResponse | null> => {
      try {
        return await api.get<BadgeResponse>(`/sets/${setId}/badge`);
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
  });
}

export function useSaveBadge(setId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: BadgeUpdateRequest) => api.put<BadgeResponse>(`/sets/${setId}/badge`, body),
    onSuccess: (badge) => client.setQueryData(badgeKeys.badge(setId), badge),
  });
}

export function useBadgeImage(setId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (dataUrl: string | null) => (dataUrl ? api.put<BadgeResponse>(`/sets/${setId}/badge/image`, { dataUrl }) : api.delete(`/sets/${setId}/badge/image`).then(() => null)),
    onSuccess: () => client.invalidateQueries({ queryKey: badgeKeys.badge(setId) }),
  });
}

export function useBadgeProgress(setId: string) {
  return useQuery({ queryKey: badgeKeys.progress(setId), queryFn: () => api.get<BadgeProgressResponse>(`/sets/${setId}/badge/progress`) });
}

export function useApplyForBadge(setId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: BadgeApplicationRequest) => api.post<BadgeApplicationCreated>(`/sets/${setId}/badge/applications`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: badgeKeys.progress(setId) }),
  });
}

export function useBadgeApplications(setId: string) {
  return useQuery({ queryKey: badgeKeys.applications(setId), queryFn: () => api.get<BadgeApplicationResponse[]>(`/sets/${setId}/badge/applications`) });
}

export function useDecideApplication(setId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ applicationId, ...body }: BadgeDecisionRequest & { applicationId: string }) => api.post<BadgeDecisionResponse>(`/badge-applications/${applicationId}/decision`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: badgeKeys.applications(setId) }),
  });
}

export function useRevokeCredential(setId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ credentialId, reason }: { credentialId: string; reason: string }) => api.post<void>(`/credentials/${credentialId}/revoke`, { reason }),
    onSuccess: () => client.invalidateQueries({ queryKey: badgeKeys.applications(setId) }),
  });
}

export function useConfidentialityCounts(setId: string, enabled: boolean) {
  return useQuery({ queryKey: badgeKeys.confidentiality(setId), queryFn: () => api.get<ConfidentialityCountsResponse>(`/sets/${setId}/badge/confidentiality`), enabled });
}

export function useMyCredentials() {
  return useQuery({ queryKey: badgeKeys.mine, queryFn: () => api.get<CredentialSummaryResponse[]>('/me/credentials') });
}

/** The credential verified by the server when the page opens (no sign-in). */
export function useCredentialVerification(credentialId: string) {
  return useQuery({ queryKey: badgeKeys.verification(credentialId), queryFn: () => api.get<CredentialVerificationResponse>(`/credentials/${credentialId}/verification`), staleTime: 0 });
}
