import type { LiveEventAt } from './events';
import { accept, inRoster, isText, isWholeIn, nameOf, needFacilitator, needRunning, reject, subject, type DecideContext, type LiveDecision } from './decision';
import { questionMode } from './dialogue';
import { absentRefusal } from './presence';
import { classifyQuestion } from './questions';
import { LIVE_LIMITS, PRESENTER_ROUND, type LivePresenterAsk, type LiveSessionState } from './state';

/*
 * Bidding for airtime and the presenter rounds: bids and the agreed order, questions (clarifying,
 * then open questions in turns of one question and a follow-up), hands, the presenter marking
 * what helped, and the presenter's reflection.
 */

const NO_PRESENTER = 'There is no presenter in this phase.';

export function decideBid(ctx: DecideContext): LiveDecision {
  const { state, actor, payload } = ctx;
  if (state.phase !== 'bidding') return reject('Bids are made in the bidding phase.');
  const who = subject(ctx);
  if ('error' in who) return reject(who.error);
  const { wantsTime, urgency } = payload;
  if (typeof wantsTime !== 'boolean') return reject('wantsTime must be true or false.');
  if (!isWholeIn(urgency, LIVE_LIMITS.urgencyMin, LIVE_LIMITS.urgencyMax)) return reject('urgency must be a whole number from 1 to 5.');
  if (!inRoster(state, who.userId)) return reject('Only people in the session can bid.');
  const away = absentRefusal(state, who.userId, 'bid for time');
  if (away) return reject(away);
  return accept({ type: 'bid', payload: { userId: who.userId, wantsTime, urgency, recordedBy: who.userId === actor.userId ? null : actor.userId } });
}

export function decideSetOrder(ctx: DecideContext): LiveDecision {
  const { state } = ctx;
  const problem = needRunning(state) ?? needFacilitator(ctx);
  if (problem) return reject(problem);
  if (['process-review', 'check-out', 'check-in'].includes(state.phase)) return reject('The presenter order is agreed in bidding and can change during presenter rounds.');
  const ids: unknown = ctx.payload.presenterIds;
  if (!Array.isArray(ids)) return reject('presenterIds must list people in this session.');
  const presenterIds = ids.filter((id) => inRoster(state, id));
  if (presenterIds.length !== ids.length) return reject('presenterIds must list people in this session.');
  if (new Set(presenterIds).size !== presenterIds.length) return reject('Each presenter can appear once in the order.');
  const awayPresenter = presenterIds.map((id) => absentRefusal(state, id, 'present')).find(Boolean);
  if (awayPresenter) return reject(awayPresenter);
  return accept({ type: 'orderSet', payload: { presenterIds } });
}

export function decideAsk(ctx: DecideContext): LiveDecision {
  const { state, actor, now, payload } = ctx;
  const phase = state.phase;
  if (phase !== 'clarifying' && phase !== 'questions') return reject('Questions are asked in the clarifying and open question phases.');
  if (state.paused) return reject('The session is paused (time-out).');
  const who = subject(ctx);
  if ('error' in who) return reject(who.error);
  const presenterId = state.presenterId;
  if (!presenterId) return reject(NO_PRESENTER);
  if (who.userId === presenterId) return reject('The presenter answers the questions; they do not ask them.');
  if (!inRoster(state, who.userId)) return reject('Only people in the session can ask.');
  if (!isText(payload.text, LIVE_LIMITS.text)) return reject(`text must be a question of 1 to ${LIVE_LIMITS.text} characters.`);
  let followUp = false;
  if (phase === 'questions' && questionMode(state, presenterId) === 'dialogue') {
    // Open dialogue: anyone at the meeting asks (the facilitator keeps the queue of hands).
    const away = absentRefusal(state, who.userId, 'ask');
    if (away) return reject(away);
  } else if (phase === 'questions') {
    const turn = state.turn;
    if (!turn || turn.order[turn.index] !== who.userId) return reject(`It is ${nameOf(state, turn?.order[turn.index] ?? null)}'s turn.`);
    followUp = turn.asked === 1;
  }
  const text = payload.text.trim();
  const coaching = classifyQuestion(text);
  return accept({
    type: 'asked',
    payload: {
      question: { id: `q${state.questions.length + 1}`, presenterId, phase, askerId: who.userId, text, kind: coaching.kind, reason: coaching.reason, helpful: false, followUp, recordedBy: who.userId === actor.userId ? null : actor.userId, at: now.toISOString() },
    },
  });
}

export function decidePass(ctx: DecideContext): LiveDecision {
  const { state } = ctx;
  if (state.phase !== 'questions') return reject('Passing is for your turn in open questions.');
  if (questionMode(state, state.presenterId) === 'dialogue') return reject('This round is in open dialogue: there are no turns to pass.');
  const who = subject(ctx);
  if ('error' in who) return reject(who.error);
  const turn = state.turn;
  if (!turn || turn.order[turn.index] !== who.userId) return reject(`It is ${nameOf(state, turn?.order[turn.index] ?? null)}'s turn.`);
  return accept({ type: 'passed', payload: { userId: who.userId } });
}

export function decideRaiseHand({ state, actor }: DecideContext): LiveDecision {
  const problem = needRunning(state);
  if (problem) return reject(problem);
  if (!inRoster(state, actor.userId)) return reject('Only people in the session can raise a hand.');
  if (state.floor === actor.userId && !state.hands.includes(actor.userId)) return reject('You have the floor: ask your question.');
  return accept({ type: 'handRaised', payload: { userId: actor.userId, raised: !state.hands.includes(actor.userId) } });
}

export function decideMarkHelpful({ state, actor, payload, facilitating }: DecideContext): LiveDecision {
  const question = state.questions.find((q) => q.id === payload.questionId);
  if (!question) return reject('There is no such question.');
  if (actor.userId !== question.presenterId && !facilitating) return reject('Only the presenter marks the questions that helped them.');
  return accept({ type: 'markedHelpful', payload: { questionId: question.id, helpful: !question.helpful } });
}

/** The presenter says what they want from the set today (the facilitator can write it down for them); any time in their round, replacing the last one. */
export function decideSetAsk({ state, actor, now, payload, facilitating }: DecideContext): LiveDecision {
  if (!PRESENTER_ROUND.includes(state.phase) || !state.presenterId) return reject('The presenter’s ask is set in their round.');
  if (actor.userId !== state.presenterId && !facilitating) return reject('The presenter says what they want from the set; the facilitator can write it down for them.');
  if (!isText(payload.text, LIVE_LIMITS.text)) return reject(`text must be 1 to ${LIVE_LIMITS.text} characters.`);
  return accept({ type: 'askSet', payload: { presenterId: state.presenterId, text: payload.text.trim(), at: now.toISOString() } });
}

/** The presenter's ask in the current round, if they gave one. */
export function presenterAsk(state: Pick<LiveSessionState, 'asks' | 'presenterId'>): LivePresenterAsk | null {
  return state.asks?.find((a) => a.presenterId === state.presenterId) ?? null;
}

export function decideReflect({ state, actor, now, payload, facilitating }: DecideContext): LiveDecision {
  if (state.phase !== 'reflection') return reject('Reflections are written in the reflection phase.');
  if (actor.userId !== state.presenterId && !facilitating) return reject('The presenter reflects; the facilitator can write it down for them.');
  if (!isText(payload.text, LIVE_LIMITS.text)) return reject(`text must be 1 to ${LIVE_LIMITS.text} characters.`);
  if (!state.presenterId) return reject(NO_PRESENTER);
  return accept({ type: 'reflected', payload: { presenterId: state.presenterId, text: payload.text.trim(), at: now.toISOString() } });
}

function nextTurn(turn: NonNullable<LiveSessionState['turn']>) {
  return { ...turn, index: turn.order.length ? (turn.index + 1) % turn.order.length : 0, asked: 0 };
}

export function evolveRound(state: LiveSessionState, event: LiveEventAt<'bid' | 'orderSet' | 'asked' | 'passed' | 'handRaised' | 'markedHelpful' | 'askSet' | 'reflected'>): LiveSessionState {
  switch (event.type) {
    case 'bid': {
      const { userId, wantsTime, urgency } = event.payload;
      return { ...state, bids: { ...state.bids, [userId]: { wantsTime, urgency } } };
    }
    case 'orderSet':
      return { ...state, order: event.payload.presenterIds };
    case 'asked': {
      const { question } = event.payload;
      let turn = state.turn;
      if (question.phase === 'questions' && turn) turn = turn.asked + 1 >= 2 ? nextTurn(turn) : { ...turn, asked: turn.asked + 1 };
      const floor = state.floor === question.askerId ? null : state.floor;
      return { ...state, questions: [...state.questions, question], turn, hands: state.hands.filter((id) => id !== question.askerId), ...(floor !== undefined ? { floor } : {}) };
    }
    case 'passed':
      return { ...state, turn: state.turn ? nextTurn(state.turn) : null };
    case 'handRaised': {
      const { userId, raised } = event.payload;
      const others = state.hands.filter((id) => id !== userId);
      return { ...state, hands: raised ? [...others, userId] : others };
    }
    case 'markedHelpful': {
      const { questionId, helpful } = event.payload;
      return { ...state, questions: state.questions.map((q) => (q.id === questionId ? { ...q, helpful } : q)) };
    }
    case 'askSet': {
      const ask = event.payload;
      return { ...state, asks: [...(state.asks ?? []).filter((a) => a.presenterId !== ask.presenterId), ask] };
    }
    case 'reflected': {
      const { presenterId, text, at } = event.payload;
      return { ...state, reflections: [...state.reflections, { presenterId, text, at }] };
    }
  }
}
