import type { LiveEventAt } from './events';
import { accept, needFacilitator, needRunning, reject, type DecideContext, type LiveDecision } from './decision';
import { turnsWithFacilitator } from './dialogue';
import type { LiveSessionState } from './state';

/*
 * A facilitator running a face-to-face meeting from the room's one device (the console, beside the
 * projector) may not take part themselves ("I take part" unticked). Then they are not one of the
 * participants: out of the check-in round, the open questions' turn order, the ratings' and
 * check-out's "of N" and "still to", and the airtime list. Kept in the log like every command, so
 * every device and the projector count the same people.
 */

/** Who runs the meeting without taking part (none in states stored before this was kept). */
export function observers(state: { observers?: string[] }): readonly string[] {
  return state.observers ?? [];
}

export function isObserver(state: { observers?: string[] }, userId: string): boolean {
  return observers(state).includes(userId);
}

export function decideTakePart(ctx: DecideContext): LiveDecision {
  const problem = needRunning(ctx.state) ?? needFacilitator(ctx);
  if (problem) return reject(problem);
  const takes = ctx.payload.takes;
  if (typeof takes !== 'boolean') return reject('takes must be true or false.');
  if (isObserver(ctx.state, ctx.actor.userId) !== takes) return reject(takes ? 'You take part already.' : 'You are not taking part already.');
  return accept({ type: 'takingPartSet', payload: { userId: ctx.actor.userId, takes } });
}

/** The check-in round once someone left or rejoined the participants: those who spoke keep their place; someone rejoining speaks last. */
function roundWith(state: LiveSessionState, userId: string, takes: boolean): LiveSessionState['checkIn'] {
  const round = state.checkIn;
  if (!round) return round;
  const at = round.order.indexOf(userId);
  if (!takes) {
    if (at < round.index || at < 0) return round;
    return { ...round, order: round.order.filter((id) => id !== userId) };
  }
  return state.phase === 'check-in' && at < 0 ? { ...round, order: [...round.order, userId] } : round;
}

export function evolveTakingPart(state: LiveSessionState, event: LiveEventAt<'takingPartSet'>): LiveSessionState {
  const { userId, takes } = event.payload;
  const next = { ...state, observers: takes ? observers(state).filter((id) => id !== userId) : [...observers(state), userId] };
  const checkIn = roundWith(state, userId, takes);
  const out = !takes || Boolean(state.facilitatorOutOfTurns && userId === state.facilitatorId);
  return { ...next, turn: turnsWithFacilitator(next, userId, out), ...(checkIn !== undefined ? { checkIn } : {}) };
}
