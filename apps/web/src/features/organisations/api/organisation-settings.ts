import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { OrganisationBrandResponse, OrganisationDomain, OrganisationDomainsResponse, OrganisationSsoRequest, OrganisationSsoResponse } from '@als/shared';
import { api } from '@web/api/client';

export const organisationSettingsKeys = {
  sso: (orgId: string) => ['organisations', orgId, 'sso'] as const,
  domains: (orgId: string) => ['organisations', orgId, 'domains'] as const,
  brand: (orgId: string) => ['organisations', orgId, 'brand'] as const,
};

export function useOrganisationSso(orgId: string) {
  return useQuery({ queryKey: organisationSettingsKeys.sso(orgId), queryFn: () => api.get<OrganisationSsoResponse>(`/organisations/${orgId}/sso`) });
}

export function usePutOrganisationSso(orgId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: OrganisationSsoRequest) => api.put<OrganisationSsoResponse>(`/organisations/${orgId}/sso`, body),
    onSuccess: (saved) => client.setQueryData(organisationSettingsKeys.sso(orgId), saved),
  });
}

export function useDeleteOrganisationSso(orgId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete(`/organisations/${orgId}/sso`),
    onSuccess: () => client.invalidateQueries({ queryKey: organisationSettingsKeys.sso(orgId) }),
  });
}

export function useOrganisationDomains(orgId: string) {
  return useQuery({ queryKey: organisationSettingsKeys.domains(orgId), queryFn: () => api.get<OrganisationDomainsResponse>(`/organisations/${orgId}/domains`) });
}

export function useVerifyDomain(orgId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (domain: string) => api.post<OrganisationDomain>(`/organisations/${orgId}/domains/${encodeURIComponent(domain)}/verify`),
    onSuccess: () => client.invalidateQueries({ queryKey: organisationSettingsKeys.domains(orgId) }),
  });
}

/** The organisation's name and logo, for its pages and its sets' pages. */
export function useOrganisationBrand(orgId: string | null | undefined) {
  return useQuery({ queryKey: organisationSettingsKeys.brand(orgId ?? ''), queryFn: () => api.get<OrganisationBrandResponse>(`/organisations/${orgId}/brand`), enabled: Boolean(orgId), staleTime: 60_000 });
}

export function useUploadLogo(orgId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => api.put<void>(`/organisations/${orgId}/logo`, file),
    onSuccess: () => client.invalidateQueries({ queryKey: organisationSettingsKeys.brand(orgId) }),
  });
}

export function useDeleteLogo(orgId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete(`/organisations/${orgId}/logo`),
    onSuccess: () => client.invalidateQueries({ queryKey: organisationSettingsKeys.brand(orgId) }),
  });
}
