import type { LiveEventAt } from './events';
import { accept, nameOf, needFacilitator, needRunning, reject, type DecideContext, type LiveDecision } from './decision';
import { QUESTION_MODES, type QuestionMode } from './method-state';
import { isAbsent, questionTurnOrder } from './presence';
import type { LiveSessionState } from './state';

/*
 * Reflective dialogue as well as turns. Per presenter the facilitator chooses strict turns (one
 * question and a follow-up each, in order) or open dialogue (anyone at the meeting may ask; those
 * who raise a hand queue, and the facilitator calls the next one, giving them the floor). The
 * facilitator may take themselves out of the turn order.
 */

type Turn = NonNullable<LiveSessionState['turn']>;

/** The question mode of a presenter's round: turns unless the facilitator chose open dialogue. */
export function questionMode(state: Pick<LiveSessionState, 'questionModes'>, presenterId: string | null): QuestionMode {
  return (presenterId && state.questionModes?.[presenterId]) || 'turns';
}

/** The turn order of open questions for this presenter: everyone at the meeting but the presenter (and the facilitator, if they stepped out). */
export function turnOrder(state: LiveSessionState, presenterId: string | null): string[] {
  const order = questionTurnOrder(state, presenterId);
  return state.facilitatorOutOfTurns ? order.filter((id) => id !== state.facilitatorId) : order;
}

/** The turns of open questions as they begin: null in open dialogue. */
export function questionTurns(state: LiveSessionState, presenterId: string | null): Turn | null {
  return questionMode(state, presenterId) === 'dialogue' ? null : { order: turnOrder(state, presenterId), index: 0, asked: 0 };
}

const QUESTION_PHASES = ['present', 'clarifying', 'questions'];

export function decideSetQuestionMode(ctx: DecideContext): LiveDecision {
  const { state, payload } = ctx;
  const problem = needRunning(state) ?? needFacilitator(ctx);
  if (problem) return reject(problem);
  if (!QUESTION_PHASES.includes(state.phase) || !state.presenterId) return reject('The question mode is chosen for a presenter, before or during their questions.');
  const mode = QUESTION_MODES.find((m) => m === payload.mode);
  if (!mode) return reject(`mode must be one of ${QUESTION_MODES.join(', ')}.`);
  if (questionMode(state, state.presenterId) === mode) return reject(mode === 'dialogue' ? 'This round is in open dialogue already.' : 'This round is in turns already.');
  return accept({ type: 'questionModeSet', payload: { presenterId: state.presenterId, mode } });
}

/** The facilitator calls the next person from the queue of raised hands (the first, or the one named). */
export function decideCallNext(ctx: DecideContext): LiveDecision {
  const { state, payload } = ctx;
  const problem = needRunning(state) ?? needFacilitator(ctx);
  if (problem) return reject(problem);
  const dialogue = state.phase === 'clarifying' || (state.phase === 'questions' && questionMode(state, state.presenterId) === 'dialogue');
  if (!dialogue) return reject('The facilitator calls on raised hands in clarifying questions and in open dialogue.');
  if (!state.hands.length) return reject('No hands are raised.');
  const userId = payload.userId ?? state.hands[0];
  if (typeof userId !== 'string' || !state.hands.includes(userId)) return reject(`${nameOf(state, typeof userId === 'string' ? userId : null)} has not raised a hand.`);
  return accept({ type: 'floorGiven', payload: { userId } });
}

/** A raised hand is lowered: by its owner, or by the facilitator managing the queue. */
export function decideLowerHand(ctx: DecideContext): LiveDecision {
  const { state, actor, payload } = ctx;
  const problem = needRunning(state);
  if (problem) return reject(problem);
  const userId = payload.userId;
  if (userId !== actor.userId && !ctx.facilitating) return reject('Only the facilitator lowers someone else’s hand.');
  if (typeof userId !== 'string' || !state.hands.includes(userId)) return reject(`${nameOf(state, typeof userId === 'string' ? userId : null)} has not raised a hand.`);
  return accept({ type: 'handRaised', payload: { userId, raised: false } });
}

export function decideStepOutOfTurns(ctx: DecideContext): LiveDecision {
  const problem = needRunning(ctx.state) ?? needFacilitator(ctx);
  if (problem) return reject(problem);
  const out = ctx.payload.out;
  if (typeof out !== 'boolean') return reject('out must be true or false.');
  if (Boolean(ctx.state.facilitatorOutOfTurns) === out) return reject(out ? 'You are out of the turn order already.' : 'You are in the turn order already.');
  return accept({ type: 'facilitatorTurnsSet', payload: { userId: ctx.actor.userId, out } });
}

/** The turns under way once the facilitator left or rejoined them: the current speaker keeps their turn (or it passes on, if it was the facilitator's). */
export function turnsWithFacilitator(state: LiveSessionState, userId: string, out: boolean): Turn | null {
  const turn = state.turn;
  if (!turn) return null;
  if (out) {
    const at = turn.order.indexOf(userId);
    if (at < 0) return turn;
    const order = turn.order.filter((id) => id !== userId);
    const index = at < turn.index ? turn.index - 1 : turn.index;
    return { order, index: order.length ? index % order.length : 0, asked: at === turn.index ? 0 : turn.asked };
  }
  if (turn.order.includes(userId) || userId === state.presenterId || isAbsent(state, userId) || (state.observers ?? []).includes(userId)) return turn;
  return { ...turn, order: [...turn.order, userId] };
}

export function evolveDialogue(state: LiveSessionState, event: LiveEventAt<'questionModeSet' | 'floorGiven' | 'facilitatorTurnsSet'>): LiveSessionState {
  switch (event.type) {
    case 'questionModeSet': {
      const { presenterId, mode } = event.payload;
      const next = { ...state, questionModes: { ...state.questionModes, [presenterId]: mode }, floor: null };
      return state.phase === 'questions' ? { ...next, turn: questionTurns(next, presenterId) } : next;
    }
    case 'floorGiven': {
      const { userId } = event.payload;
      return { ...state, floor: userId, hands: state.hands.filter((id) => id !== userId) };
    }
    case 'facilitatorTurnsSet': {
      const { userId, out } = event.payload;
      return { ...state, facilitatorOutOfTurns: out, turn: turnsWithFacilitator(state, userId, out) };
    }
  }
}
