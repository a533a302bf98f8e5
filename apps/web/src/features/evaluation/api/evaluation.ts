import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AuditEntryResponse, EvaluationResponse, EvaluationTrendsResponse, MySelfAssessmentResponse, SelfAssessmentResponse, SelfAssessmentStage } from '@als/shared';
import { api } from '@web/api/client';
import { setKeys } from '@web/features/sets/api/sets';

export const evaluationKeys = {
  evaluation: (setId: string) => [...setKeys.set(setId), 'evaluation'] as const,
  trends: (setId: string) => [...setKeys.set(setId), 'evaluation', 'trends'] as const,
  audit: (setId: string) => [...setKeys.set(setId), 'audit'] as const,
  selfAssessment: (setId: string) => [...setKeys.set(setId), 'self-assessment'] as const,
};

/** The set's evaluation in figures (facilitators and sponsors). */
export function useEvaluation(setId: string) {
  return useQuery({ queryKey: evaluationKeys.evaluation(setId), queryFn: () => api.get<EvaluationResponse>(`/sets/${setId}/evaluation`), retry: false });
}

/** Each meeting's figures in order, and the change over the set (facilitators and sponsors). */
export function useEvaluationTrends(setId: string, enabled = true) {
  return useQuery({ queryKey: evaluationKeys.trends(setId), queryFn: () => api.get<EvaluationTrendsResponse>(`/sets/${setId}/evaluation/trends`), enabled, retry: false });
}

/** Who viewed or exported what in the set (facilitators). */
export function useAuditLog(setId: string, enabled: boolean) {
  return useQuery({ queryKey: evaluationKeys.audit(setId), queryFn: () => api.get<AuditEntryResponse[]>(`/sets/${setId}/audit?limit=100`), enabled });
}

export function useSelfAssessment(setId: string, enabled: boolean) {
  return useQuery({ queryKey: evaluationKeys.selfAssessment(setId), queryFn: () => api.get<MySelfAssessmentResponse>(`/sets/${setId}/self-assessment`), enabled });
}

export function useAnswerSelfAssessment(setId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ stage, answers }: { stage: SelfAssessmentStage; answers: number[] }) => api.put<SelfAssessmentResponse>(`/sets/${setId}/self-assessment/${stage}`, { answers }),
    onSuccess: () => client.invalidateQueries({ queryKey: evaluationKeys.selfAssessment(setId) }),
  });
}
