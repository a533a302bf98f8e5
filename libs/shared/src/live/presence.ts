import type { LiveParticipant, LiveSessionState } from './state';

/**
 * Who is at the meeting, for the reducer's rules. Everyone in the roster takes part, except those
 * who sent an apology for the meeting and have not arrived: they are out of the open questions'
 * turn order, the presenter order, bidding and the ratings. Someone who arrives late (joins the
 * session, or the facilitator records that they are in the room) is at the meeting from then on,
 * and joins the turn order of the open questions under way at its end.
 */

type Presence = Pick<LiveSessionState, 'roster'> & { absent?: string[]; observers?: string[] };

/** The people who sent an apology and have not arrived (none in states stored before this was kept). */
export function absentees(state: { absent?: string[] }): readonly string[] {
  return state.absent ?? [];
}

export function isAbsent(state: { absent?: string[] }, userId: string): boolean {
  return absentees(state).includes(userId);
}

/** The people at the meeting, in roster order. */
export function attendees(state: Presence): LiveParticipant[] {
  // A facilitator running the meeting without taking part (./taking-part.ts) is not one of them either.
  return state.roster.filter((p) => !isAbsent(state, p.userId) && !(state.observers ?? []).includes(p.userId));
}

/** Those of the roster who sent an apology (the server's list at start): absent until they arrive. */
export function absentAtStart(roster: readonly LiveParticipant[], apologies: readonly string[] | undefined): string[] {
  return roster.map((p) => p.userId).filter((id) => (apologies ?? []).includes(id));
}

/** The refusal of a command by or for someone who sent an apology and has not arrived, or null. */
export function absentRefusal(state: Presence, userId: string, what: string): string | null {
  if (!isAbsent(state, userId)) return null;
  const name = state.roster.find((p) => p.userId === userId)?.displayName ?? 'This person';
  return `${name} sent an apology for this meeting and has not arrived, so cannot ${what}. If they are here, record their arrival first.`;
}

/** The turn order of open questions: everyone at the meeting but the presenter, in roster order. */
export function questionTurnOrder(state: Presence, presenterId: string | null): string[] {
  return attendees(state)
    .map((p) => p.userId)
    .filter((id) => id !== presenterId);
}

/** The state once someone who sent an apology has arrived: at the meeting, and last in the turn order under way. */
export function withArrival(state: LiveSessionState, userId: string): LiveSessionState {
  const absent = absentees(state).filter((id) => id !== userId);
  const turn = state.turn && userId !== state.presenterId && !state.turn.order.includes(userId) ? { ...state.turn, order: [...state.turn.order, userId] } : state.turn;
  const round = state.checkIn;
  const checkIn = state.phase === 'check-in' && round && !round.order.includes(userId) ? { ...round, order: [...round.order, userId] } : round;
  return { ...state, absent, turn, ...(checkIn !== undefined ? { checkIn } : {}) };
}
