import { GROUND_RULES_MAX } from '../sets';

/*
 * The parts of the live state that carry the method as practitioners run it (issue 17):
 * contracting, check-in as a round, open dialogue with a queue of raised hands, the presenter's
 * invitation of offers, and the process review's words. All optional in LiveSessionState: states
 * stored before them hold none.
 */

/** How a presenter's open questions go: strict turns (one question and a follow-up each), or open dialogue (anyone, the facilitator keeps the queue of hands). */
export const QUESTION_MODES = ['turns', 'dialogue'] as const;
export type QuestionMode = (typeof QUESTION_MODES)[number];

/** The process review's prompts: what helped, what hindered, how the questioning went. */
export const REVIEW_PROMPTS = ['helped', 'hindered', 'questioning'] as const;
export type ReviewPrompt = (typeof REVIEW_PROMPTS)[number];
export const REVIEW_PROMPT_LABELS: Record<ReviewPrompt, string> = {
  helped: 'What helped us today?',
  hindered: 'What hindered us?',
  questioning: 'How did the questioning go?',
};

export const DEFAULT_CHECK_IN_PROMPT = 'How are you arriving today, and how did your actions from last time go?';
export const METHOD_LIMITS = { prompt: 300, contract: GROUND_RULES_MAX, proposal: 1000, offer: 1000, reviewWord: 1000 } as const;

/** Check-in as a round: each person at the meeting in turn, with their share of the time. */
export interface LiveCheckIn {
  /** Who checks in, in turn: the people at the meeting (someone arriving late joins at the end). */
  order: string[];
  /** Whose turn it is (an index of order); order.length once everyone has checked in. */
  index: number;
  prompt: string;
  /** When the current speaker's turn began. */
  turnStartedAt: string | null;
  /** The current speaker's share of the time: what is left of the check-in, shared among those still to speak. */
  shareMs: number;
}

export interface LiveContractProposal {
  id: string;
  userId: string;
  text: string;
  at: string;
}

/** The contracting step: the set's ground rules as they stand, shown to everyone, changes proposed, the agreed text recorded. */
export interface LiveContracting {
  open: boolean;
  /** The text on the table: the current version, or the one agreed in this session. */
  draft: string;
  proposals: LiveContractProposal[];
  /** When this session agreed a text (and who was at the meeting then). */
  agreed: { text: string; presentIds: string[]; at: string } | null;
}

/** A member's offer of experience or resources to the presenter, made only while they invite offers. */
export interface LiveOffer {
  id: string;
  presenterId: string;
  userId: string;
  text: string;
  recordedBy: string | null;
  at: string;
}

/** A person's words in the process review; authorId is null when they gave them anonymously. */
export interface LiveReviewWord {
  id: string;
  prompt: ReviewPrompt;
  text: string;
  authorId: string | null;
  at: string;
}

/** What the server knows of the set's contract when a session starts. */
export interface LiveContractSetup {
  /** The current text (the latest agreed version, or the set's ground rules as written). */
  text: string;
  /** Whether the set has not yet agreed a contract in a meeting: the contracting step opens with the session. */
  firstMeeting: boolean;
}
