import { QUESTION_KINDS, type QuestionKind } from './live/questions';
import type { LiveSessionState, ReportBackStatus } from './live/state';
import type { MyActionResponse } from './live/protocol';

/**
 * Evaluation of a set over its life: figures only, never what was said. A session's statistics
 * are taken from its state (and kept after the set's retention period, when the state is gone).
 */

/** What one live session leaves for statistics and CPD records: who, how long, how many, how it was rated. No text. */
export interface SessionStatistics {
  /** Everyone in the session's roster. */
  roster: string[];
  presented: string[];
  airtimeMs: Record<string, number>;
  /** Speaking time in the set's own call, per person (ms); absent in statistics kept before it was measured. */
  voiceMs?: Record<string, number>;
  /** Questions asked, per asker, per kind. */
  questions: Record<string, Partial<Record<QuestionKind, number>>>;
  /** Actions committed to, per owner. */
  actions: Record<string, number>;
  ratings: number[];
  startedAt: string | null;
  endedAt: string | null;
}

/** The figures of a session, from its state (who joined is kept apart, in the session's attendance). */
export function sessionStatistics(state: LiveSessionState): SessionStatistics {
  const questions: SessionStatistics['questions'] = {};
  for (const q of state.questions) {
    const mine = (questions[q.askerId] ??= {});
    mine[q.kind] = (mine[q.kind] ?? 0) + 1;
  }
  const actions: Record<string, number> = {};
  for (const a of state.actions) actions[a.ownerId] = (actions[a.ownerId] ?? 0) + 1;
  return {
    roster: state.roster.map((p) => p.userId),
    presented: [...state.presented],
    airtimeMs: { ...state.airtimeMs },
    voiceMs: { ...(state.voiceMs ?? {}) },
    questions,
    actions,
    ratings: state.ratings.map((r) => r.rating),
    startedAt: state.startedAt,
    endedAt: state.endedAt,
  };
}

/**
 * The Gini coefficient of shares (0: everyone had the same, towards 1: one person had it all).
 * Mean absolute difference over twice the mean; 0 when there is nothing to share.
 */
export function gini(values: readonly number[]): number {
  const n = values.length;
  const total = values.reduce((a, b) => a + b, 0);
  if (n === 0 || total === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  // Σ (2i − n − 1)·x_i over the sorted values, i from 1: the same as Σ_i Σ_j |x_i − x_j| / 2.
  const weighted = sorted.reduce((sum, x, i) => sum + (2 * (i + 1) - n - 1) * x, 0);
  return weighted / (n * total);
}

/** The before/after self-assessment members fill in at the start and at the end of a set. */
export const SELF_ASSESSMENT_STAGES = ['start', 'end'] as const;
export type SelfAssessmentStage = (typeof SELF_ASSESSMENT_STAGES)[number];
export const SELF_ASSESSMENT_SCALE = { min: 1, max: 5, labels: ['Not at all', 'A little', 'Somewhat', 'Mostly', 'Very much'] } as const;
export const SELF_ASSESSMENT_STATEMENTS: readonly { id: string; text: string }[] = [
  { id: 'questions', text: 'I ask open questions that help a colleague think for themselves, rather than giving advice.' },
  { id: 'reflection', text: 'I make time to reflect on my practice and what I learn from it.' },
  { id: 'problems', text: 'I feel able to bring a difficult problem from my work to colleagues.' },
  { id: 'actions', text: 'I turn what I learn into concrete actions and follow them through.' },
  { id: 'confidence', text: 'I feel confident handling complex situations in my practice.' },
];

export interface SelfAssessmentResponse {
  stage: SelfAssessmentStage;
  /** One score per statement, in the order of SELF_ASSESSMENT_STATEMENTS. */
  answers: number[];
  updatedAt: string;
}

export interface EvaluationMeeting {
  meetingId: string;
  startsAt: string;
  attending: number;
  apologies: number;
  lateApologies: number;
  /** People in the live session, when one was held. */
  present: number | null;
}

export interface EvaluationMember {
  /** The member's id; `former-1`, `former-2`… for people who have left the set. */
  userId: string;
  /** "A former member" for people who have left the set (never their name). */
  displayName: string;
  /** Took part, and has since left the set: their figures stay, their name does not. */
  former: boolean;
  meetingsPresent: number;
  presented: number;
  airtimeMinutes: number;
  /** Minutes they spoke in the set's own call (voice activity measured in their browser). */
  voiceMinutes: number;
  questions: number;
}

export interface EvaluationResponse {
  set: { id: string; name: string; status: SetStatus; closedAt: string | null; purgeAfter: string | null };
  meetings: EvaluationMeeting[];
  /** Per member: left out for sponsors, who see the set's figures only. */
  members: EvaluationMember[] | null;
  questionKinds: Record<QuestionKind, number>;
  /** Equity of airtime and of questions among the set's members (Gini, 0 = equal). */
  equity: { airtime: number; questions: number };
  ratings: { count: number; average: number | null; distribution: number[] };
  actions: { total: number; open: number; done: number; partly: number; notDone: number; completionRate: number | null };
  selfAssessment: {
    statements: { id: string; text: string; start: number | null; end: number | null }[];
    responses: { start: number; end: number };
  };
}

export const SET_STATUSES = ['active', 'closed'] as const;
export type SetStatus = (typeof SET_STATUSES)[number];
/** Days after a set is closed before its case content is deleted for good. */
export const DEFAULT_RETENTION_DAYS = 90;
export const RETENTION_LIMITS = { min: 0, max: 3650 } as const;

export const REPORT_BACK_VIA = ['live', 'web', 'email'] as const;
export type ReportBackVia = (typeof REPORT_BACK_VIA)[number];
export interface ReportBackRequest {
  status: ReportBackStatus;
  note?: string;
}

/** Every question kind at zero, then the counts added. */
export function countKinds(perAsker: Iterable<Partial<Record<QuestionKind, number>>>): Record<QuestionKind, number> {
  const total = Object.fromEntries(QUESTION_KINDS.map((k) => [k, 0])) as Record<QuestionKind, number>;
  for (const counts of perAsker) for (const k of QUESTION_KINDS) total[k] += counts[k] ?? 0;
  return total;
}

/** An audit line: who viewed or exported what in a set, or changed who may see it. */
export const AUDIT_ACTIONS = ['session-record.viewed', 'evaluation.viewed', 'evaluation.exported', 'member.removed', 'member.role-changed', 'set.closed', 'set.reopened', 'set.purged'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
export interface AuditEntryResponse {
  id: string;
  action: AuditAction;
  actorId: string | null;
  actorName: string | null;
  detail: Record<string, unknown>;
  at: string;
}

/** GET /api/report-back/:token: what the link from the e-mail before a meeting asks about. */
export interface ReportBackLinkResponse {
  displayName: string;
  setName: string;
  meeting: { id: string; startsAt: string; timeZone: string };
  actions: MyActionResponse[];
}

/** GET /api/sets/:setId/self-assessment */
export interface MySelfAssessmentResponse {
  statements: { id: string; text: string }[];
  scale: string[];
  mine: SelfAssessmentResponse[];
}
