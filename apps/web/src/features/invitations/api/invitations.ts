import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { InvitationCreatedResponse, InvitationCreateRequest, InvitationPreviewResponse, InvitationResponse, MembershipResponse } from '@als/shared';
import { api } from '@web/api/client';
import { setKeys } from '@web/features/sets/api/sets';

export const invitationKeys = {
  list: (setId: string) => [...setKeys.set(setId), 'invitations'] as const,
  preview: (token: string) => ['invitation', token] as const,
};

export function useInvitations(setId: string, enabled: boolean) {
  return useQuery({ queryKey: invitationKeys.list(setId), queryFn: () => api.get<InvitationResponse[]>(`/sets/${setId}/invitations`), enabled });
}

export function useInvite(setId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: InvitationCreateRequest) => api.post<InvitationCreatedResponse>(`/sets/${setId}/invitations`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: invitationKeys.list(setId) }),
  });
}

export function useResendInvitation(setId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (invitationId: string) => api.post<InvitationCreatedResponse>(`/sets/${setId}/invitations/${invitationId}/resend`),
    onSuccess: () => client.invalidateQueries({ queryKey: invitationKeys.list(setId) }),
  });
}

export function useRevokeInvitation(setId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (invitationId: string) => api.delete(`/sets/${setId}/invitations/${invitationId}`),
    onSuccess: () => client.invalidateQueries({ queryKey: invitationKeys.list(setId) }),
  });
}

/** The invitation link's page (the person may not be signed in yet). */
export function useInvitationPreview(token: string) {
  return useQuery({ queryKey: invitationKeys.preview(token), queryFn: () => api.get<InvitationPreviewResponse>(`/invitations/${token}`), retry: false });
}

/** Joining adds a set to the person's list; no other set changes. */
export function useAcceptInvitation(token: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<MembershipResponse>(`/invitations/${token}/accept`, { acceptGroundRules: true }),
    onSuccess: () => client.invalidateQueries({ queryKey: setKeys.list }),
  });
}
