import type { QuestionKind } from './live/questions';

/**
 * An asynchronous round: a case worked through over days, by web and e-mail (DOMAIN.md, "The
 * shape of an asynchronous round"). The case is posted as the round opens, in `clarifying`.
 */
export const ROUND_PHASES = ['case', 'clarifying', 'answers', 'questions', 'reflection', 'actions'] as const;
export type RoundPhaseName = (typeof ROUND_PHASES)[number];
export type RoundPhase = RoundPhaseName | 'closed';
/** Phases that have a deadline (the case is posted with the round). */
export const TIMED_PHASES = ['clarifying', 'answers', 'questions', 'reflection', 'actions'] as const;
export type TimedPhase = (typeof TIMED_PHASES)[number];
export const ROUND_DEFAULT_DAYS: Record<TimedPhase, number> = { clarifying: 2, answers: 2, questions: 3, reflection: 2, actions: 2 };
/** Days a phase may last, in a set's rhythm. */
export const ROUND_DAYS_LIMITS = { min: 1, max: 30 } as const;
export type RoundPhaseDays = Record<TimedPhase, number>;

export const ROUND_PHASE_LABELS: Record<RoundPhase, string> = {
  case: 'Case posted',
  clarifying: 'Clarifying questions',
  answers: 'Answers',
  questions: 'Open questions',
  reflection: 'Reflection',
  actions: 'Actions and close',
  closed: 'Closed',
};

/** What a phase asks of whom: members (everyone but the presenter) or the presenter. */
export const ROUND_PHASE_DUE: Record<TimedPhase, 'members' | 'presenter'> = { clarifying: 'members', answers: 'presenter', questions: 'members', reflection: 'presenter', actions: 'presenter' };

/** What a phase asks for, in a sentence for its e-mails and page. */
export const ROUND_PHASE_ASK: Record<TimedPhase, { presenter: string; members: string }> = {
  clarifying: { presenter: 'Members ask clarifying questions about your case: nothing is needed from you yet.', members: 'Ask clarifying questions about the case: facts you need to understand it.' },
  answers: { presenter: 'Answer the clarifying questions.', members: 'The presenter answers the clarifying questions: nothing is needed from you yet.' },
  questions: { presenter: 'Members ask open questions: nothing is needed from you yet.', members: 'Ask one or two open questions that help the presenter think (questions, not advice).' },
  reflection: { presenter: 'Reflect on the questions: what do you see now?', members: 'The presenter reflects on the questions: nothing is needed from you yet.' },
  actions: { presenter: 'Commit to your actions, one per line.', members: 'You may add a closing word for the presenter.' },
};

export const ROUND_LIMITS = { title: 200, caseText: 20_000, body: 10_000, clientId: 100, actions: 10 } as const;

/** Whether someone may write in a phase: the one it is due from, and in the last phase members too (a closing word). */
export function mayContribute(phase: RoundPhase, isPresenter: boolean): boolean {
  if (phase === 'case' || phase === 'closed') return false;
  if (phase === 'actions') return true;
  return ROUND_PHASE_DUE[phase] === (isPresenter ? 'presenter' : 'members');
}

/** Whether a contribution in this phase is owed by this person (the early close waits for everyone who owes). */
export function owes(phase: RoundPhase, isPresenter: boolean): boolean {
  if (phase === 'case' || phase === 'closed') return false;
  return ROUND_PHASE_DUE[phase] === (isPresenter ? 'presenter' : 'members');
}

export function isQuestionPhase(phase: RoundPhase): phase is 'clarifying' | 'questions' {
  return phase === 'clarifying' || phase === 'questions';
}

export function nextRoundPhase(phase: RoundPhase): RoundPhase {
  if (phase === 'closed') return 'closed';
  const i = ROUND_PHASES.indexOf(phase);
  return i === ROUND_PHASES.length - 1 ? 'closed' : ROUND_PHASES[i + 1];
}

/** The presenter's actions from their last-phase text: one per line, list markers removed. */
export function actionsFromText(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/^\s*(?:[-*•]|\d+[.)]|\[\s?\])\s*/, '').trim())
    .filter((line) => line.length > 0)
    .slice(0, ROUND_LIMITS.actions);
}

export const ROUND_EMAIL_MODES = ['immediate', 'daily'] as const;
export type RoundEmailMode = (typeof ROUND_EMAIL_MODES)[number];

export interface RoundCreateRequest {
  title: string;
  caseText: string;
  presenterId?: string;
  /** Deadlines of the timed phases (ISO 8601), each after the one before; defaults from the set's rhythm. */
  phaseDeadlines?: Partial<Record<TimedPhase, string>>;
}

export interface RoundPhaseResponse {
  name: RoundPhaseName;
  endsAt: string;
  openedAt: string | null;
  closedAt: string | null;
}

export interface RoundContributionResponse {
  id: string;
  phase: RoundPhaseName;
  authorId: string;
  authorName: string;
  body: string;
  createdAt: string;
  via: 'web' | 'email';
  /** For questions: how the coaching read it. */
  kind: QuestionKind | null;
  /** In the answers phase: the clarifying question this answers; null for a general answer (and every other contribution). */
  replyToId: string | null;
}

export interface RoundResponse {
  id: string;
  setId: string;
  title: string;
  phase: RoundPhase;
  phases: RoundPhaseResponse[];
  presenterId: string;
  presenterName: string;
  /** Null when the moderator left: the set's facilitators moderate. */
  moderatorId: string | null;
  paused: boolean;
  createdAt: string;
  closedAt: string | null;
}

export interface RoundDetailResponse extends RoundResponse {
  caseText: string;
  contributions: RoundContributionResponse[];
  /** People who owe a contribution in the current phase, and whether they gave it (moderators see all; others themselves). */
  owed: { userId: string; displayName: string; done: boolean }[];
  /** Whether the caller may write in the current phase. */
  canContribute: boolean;
  /** The address the caller's replies go to. */
  replyAddress: string | null;
}

/** POST /api/rounds/:roundId/contributions */
export interface ContributionCreated extends RoundContributionResponse {
  /** A coaching hint when a question reads as closed, leading or advice (stored all the same). */
  hint: string | null;
}

/** Where an e-mail stands in the outbox. */
export const MAIL_DELIVERY_STATUSES = ['pending', 'sending', 'sent', 'failed'] as const;
export type MailDeliveryStatus = (typeof MAIL_DELIVERY_STATUSES)[number];

/** GET /api/rounds/:roundId/deliveries: one of the round's e-mails and where it stands (moderators). */
export interface RoundDelivery {
  to: string;
  subject: string;
  status: MailDeliveryStatus;
  attempts: number;
  /** The last SMTP error, when a try failed. */
  lastError: string;
  createdAt: string;
  sentAt: string | null;
  /** What the e-mail is: a phase opening, a reminder, the confirmation of a reply, the round's close. */
  kind: RoundDeliveryKind;
  /** The phase it belongs to (for a confirmation: the phase of the reply); null for the close. */
  phase: RoundPhaseName | null;
}

export const ROUND_DELIVERY_KINDS = ['phase', 'reminder', 'confirmation', 'closed', 'other'] as const;
export type RoundDeliveryKind = (typeof ROUND_DELIVERY_KINDS)[number];
