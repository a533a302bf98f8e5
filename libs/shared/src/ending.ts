/**
 * The set's ending: a final learning review each member writes about their learning over the
 * whole set, kept as theirs (and in their CPD export) unless they share it with the set.
 */
export const ENDING_PROMPTS = [
  { id: 'cameWith', label: 'What I came with', hint: 'What you brought to the set: the problems, hopes and habits of practice you started with.' },
  { id: 'changed', label: 'What changed in my practice', hint: 'What you now do, see or ask differently, with an example from your work.' },
  { id: 'takeForward', label: 'What I take forward', hint: 'What you will keep doing once the set has ended, and what support you will look for.' },
] as const;
export type EndingPromptId = (typeof ENDING_PROMPTS)[number]['id'];
/** Characters each answer may have. */
export const ENDING_ANSWER_MAX = 5000;

/** PUT /api/sets/:setId/ending/review: the caller's own review (again: replaces it). */
export interface EndingReviewRequest {
  cameWith: string;
  changed: string;
  takeForward: string;
  /** Shared with the set (its facilitators and members read it); otherwise the author's alone. */
  shared: boolean;
}

export interface EndingReviewResponse extends EndingReviewRequest {
  updatedAt: string;
}

/** A review a member shared with the set. */
export interface SharedEndingReview {
  displayName: string;
  cameWith: string;
  changed: string;
  takeForward: string;
  updatedAt: string;
}

/** GET /api/sets/:setId/ending (facilitators and members). */
export interface EndingResponse {
  /** When a facilitator opened the ending review; null: not yet. */
  openedAt: string | null;
  /** Whether reviews can still be written (opened, and the set not closed). */
  open: boolean;
  prompts: { id: EndingPromptId; label: string; hint: string }[];
  mine: EndingReviewResponse | null;
  /** Reviews shared with the set, the caller's own included. */
  shared: SharedEndingReview[];
  /** Figures only: how many participants wrote a review, of how many. */
  submitted: number;
  participants: number;
}
