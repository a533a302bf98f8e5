import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ContractAcceptRequest, SetContractResponse } from '@als/shared';
import { api } from '@web/api/client';
import { setKeys } from '@web/features/sets/api/sets';

/** The set's contract lives under the set's queries: a change to the set refetches it. */
export const contractKey = (setId: string) => [...setKeys.set(setId), 'contract'] as const;

export function useSetContract(setId: string) {
  return useQuery({ queryKey: contractKey(setId), queryFn: () => api.get<SetContractResponse>(`/sets/${setId}/contract`) });
}

export function useAcceptContract(setId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ContractAcceptRequest) => api.post<SetContractResponse>(`/sets/${setId}/contract/accept`, body),
    onSuccess: (contract) => client.setQueryData(contractKey(setId), contract),
  });
}
