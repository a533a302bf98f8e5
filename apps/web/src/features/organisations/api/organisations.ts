import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  MyOrganisationResponse,
  OrganisationCreateRequest,
  OrganisationDetailResponse,
  OrganisationEvaluationResponse,
  OrganisationInvitationCreatedResponse,
  OrganisationInvitationPreviewResponse,
  OrganisationMembershipResponse,
  OrganisationPeopleResponse,
  OrganisationPersonAddRequest,
  OrganisationResponse,
  OrganisationUpdateRequest,
  PoolFacilitator,
  ProgrammeCreateRequest,
  ProgrammeDetailResponse,
  ProgrammeEvaluationResponse,
  ProgrammeResponse,
} from '@als/shared';
import { api } from '@web/api/client';

export const organisationKeys = {
  mine: ['organisations'] as const,
  detail: (orgId: string) => ['organisations', orgId] as const,
  evaluation: (orgId: string) => ['organisations', orgId, 'evaluation'] as const,
  people: (orgId: string) => ['organisations', orgId, 'people'] as const,
  invitation: (token: string) => ['organisation-invitation', token] as const,
};

export function useMyOrganisations() {
  return useQuery({ queryKey: organisationKeys.mine, queryFn: () => api.get<MyOrganisationResponse[]>('/organisations') });
}

export function useCreateOrganisation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: OrganisationCreateRequest) => api.post<OrganisationResponse>('/organisations', body),
    onSuccess: () => client.invalidateQueries({ queryKey: organisationKeys.mine, exact: true }),
  });
}

export function useOrganisation(orgId: string) {
  return useQuery({ queryKey: organisationKeys.detail(orgId), queryFn: () => api.get<OrganisationDetailResponse>(`/organisations/${orgId}`) });
}

export function useOrganisationEvaluation(orgId: string) {
  return useQuery({ queryKey: organisationKeys.evaluation(orgId), queryFn: () => api.get<OrganisationEvaluationResponse>(`/organisations/${orgId}/evaluation`) });
}

export function useOrganisationPeople(orgId: string) {
  return useQuery({ queryKey: organisationKeys.people(orgId), queryFn: () => api.get<OrganisationPeopleResponse>(`/organisations/${orgId}/people`) });
}

export function useInvitePerson(orgId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: OrganisationPersonAddRequest) => api.post<OrganisationInvitationCreatedResponse>(`/organisations/${orgId}/people`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: organisationKeys.people(orgId) }),
  });
}

/** Disable, enable or remove a person: the people list is read again. */
export function usePersonAction(orgId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, action }: { userId: string; action: 'disable' | 'enable' | 'remove' }) =>
      action === 'remove' ? api.delete(`/organisations/${orgId}/people/${userId}`) : api.post<void>(`/organisations/${orgId}/people/${userId}/${action}`),
    onSuccess: () => client.invalidateQueries({ queryKey: organisationKeys.people(orgId) }),
  });
}

export function useOrganisationInvitationPreview(token: string) {
  return useQuery({ queryKey: organisationKeys.invitation(token), queryFn: () => api.get<OrganisationInvitationPreviewResponse>(`/organisation-invitations/${token}`) });
}

export function useAcceptOrganisationInvitation(token: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<OrganisationMembershipResponse>(`/organisation-invitations/${token}/accept`),
    onSuccess: () => client.invalidateQueries({ queryKey: organisationKeys.mine, exact: true }),
  });
}

export const programmeKeys = {
  list: (orgId: string) => ['organisations', orgId, 'programmes'] as const,
  evaluation: (orgId: string, programmeId: string) => ['organisations', orgId, 'programmes', programmeId, 'evaluation'] as const,
  pool: (orgId: string) => ['organisations', orgId, 'facilitators'] as const,
};

export function useProgrammes(orgId: string) {
  return useQuery({ queryKey: programmeKeys.list(orgId), queryFn: () => api.get<ProgrammeResponse[]>(`/organisations/${orgId}/programmes`) });
}

export function useCreateProgramme(orgId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ProgrammeCreateRequest) => api.post<ProgrammeResponse>(`/organisations/${orgId}/programmes`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: programmeKeys.list(orgId), exact: true }),
  });
}

export function useProgrammeSets(orgId: string, programmeId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (setIds: string[]) => api.put<ProgrammeDetailResponse>(`/organisations/${orgId}/programmes/${programmeId}/sets`, { setIds }),
    onSuccess: () => client.invalidateQueries({ queryKey: programmeKeys.list(orgId) }),
  });
}

export function useProgrammeEvaluation(orgId: string, programmeId: string) {
  return useQuery({ queryKey: programmeKeys.evaluation(orgId, programmeId), queryFn: () => api.get<ProgrammeEvaluationResponse>(`/organisations/${orgId}/programmes/${programmeId}/evaluation`) });
}

export function useFacilitatorPool(orgId: string) {
  return useQuery({ queryKey: programmeKeys.pool(orgId), queryFn: () => api.get<PoolFacilitator[]>(`/organisations/${orgId}/facilitators`) });
}

export function useAssignFacilitator(orgId: string) {
  return useMutation({ mutationFn: ({ setId, userId }: { setId: string; userId: string }) => api.post<{ email: string }>(`/organisations/${orgId}/sets/${setId}/facilitators`, { userId }) });
}

export function useUpdateOrganisation(orgId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: OrganisationUpdateRequest) => api.patch<OrganisationResponse>(`/organisations/${orgId}`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: organisationKeys.detail(orgId), exact: true }),
  });
}
