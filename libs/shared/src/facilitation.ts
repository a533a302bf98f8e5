/**
 * Who facilitates a meeting (the rota, CONTRACT.md "Who facilitates a meeting"), who did, and the
 * facilitator's own notes. A person the rota names holds the facilitator's controls in that
 * meeting's live session without becoming a facilitator of the set.
 */

/** PUT /api/meetings/:meetingId/facilitator and /co-facilitator: a current facilitator or member of the set; null resets. */
export interface MeetingFacilitatorRequest {
  userId: string | null;
}

/** Who held the facilitator's controls in a meeting that was held, in the order they took them. */
export interface FacilitatedBy {
  userId: string;
  displayName: string;
  /** `facilitator`: ran the session (started it, or was handed it); `co-facilitator`: held the controls beside them. */
  as: 'facilitator' | 'co-facilitator';
}

/**
 * The facilitator's private note on a meeting or on the set: theirs alone (never in records, CPD
 * or exports of others, never to sponsors or organisation admins). On a meeting, the reflection
 * after its session ("for their own supervision") is kept with it.
 */
export interface FacilitatorNote {
  /** Null on the set's note. */
  meetingId: string | null;
  setId: string;
  body: string;
  wentWell: string;
  doDifferently: string;
  forSupervision: string;
  /** Null when nothing was written yet. */
  updatedAt: string | null;
}

/** PUT a note: each field replaces the one kept (absent: left as it is). */
export interface FacilitatorNoteRequest {
  body?: string;
  wentWell?: string;
  doDifferently?: string;
  forSupervision?: string;
}

/** The reflection prompts offered after a session ends, in the note's fields. */
export const REFLECTION_PROMPTS = {
  wentWell: 'What went well?',
  doDifferently: 'What would I do differently?',
  forSupervision: 'What do I take to supervision?',
} as const;

/** The longest a note's field may be, in characters. */
export const FACILITATOR_NOTE_MAX = 20_000;

/** A rota: the meetings to come given in turn to the people chosen, in their order (the web client's). */
export function rota<T>(meetingIds: readonly string[], people: readonly T[]): { meetingId: string; person: T }[] {
  if (people.length === 0) return [];
  return meetingIds.map((meetingId, i) => ({ meetingId, person: people[i % people.length] }));
}
