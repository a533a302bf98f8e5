import type { QuestionKind } from './live/questions';
import type { SetStatus } from './evaluation';

/** One held meeting's figures, for the set's trends over time (never content, never names). */
export interface EvaluationTrendMeeting {
  meetingId: string;
  /** 1 for the set's first meeting held, and so on. */
  number: number;
  startsAt: string;
  attending: number;
  apologies: number;
  /** People present (in the live session or recorded in the room), when a session was held. */
  present: number | null;
  /** Questions asked in its session, by kind; null when no session was held. */
  questionKinds: Record<QuestionKind, number> | null;
  /** Open questions over all questions asked (0 to 1); null without questions. */
  openShare: number | null;
  ratings: { count: number; average: number | null };
}

/** GET /api/sets/:setId/evaluation/trends (facilitators and sponsors). */
export interface EvaluationTrendsResponse {
  set: { id: string; name: string; status: SetStatus };
  meetings: EvaluationTrendMeeting[];
  /** Change over the set: its first and last meeting held, and the before/after self-assessment. */
  change: {
    first: EvaluationTrendMeeting | null;
    last: EvaluationTrendMeeting | null;
    selfAssessment: { id: string; text: string; start: number | null; end: number | null; change: number | null }[];
  };
}

/** The commissioner's export of a set's evaluation: figures only. */
export const EVALUATION_EXPORT_FORMATS = ['csv', 'pdf'] as const;
export type EvaluationExportFormat = (typeof EVALUATION_EXPORT_FORMATS)[number];
