import { calendarDay } from '../time';
import type { LiveEventAt } from './events';
import { accept, inRoster, isText, reject, type DecideContext, type LiveDecision } from './decision';
import { LIVE_LIMITS, type LiveSessionState } from './state';

/* The end of a presenter round: the actions the presenter commits to, and keeping a case out of the record. */

export function decideAddAction({ state, actor, now, payload, facilitating }: DecideContext): LiveDecision {
  if (state.phase !== 'actions' && state.phase !== 'reflection') return reject('Actions are agreed at the end of a presenter round.');
  if (actor.userId !== state.presenterId && !facilitating) return reject('The presenter commits to actions; the facilitator can write them down.');
  if (!isText(payload.text, LIVE_LIMITS.text)) return reject(`text must be 1 to ${LIVE_LIMITS.text} characters.`);
  const presenterId = state.presenterId;
  const ownerId = payload.ownerId ?? presenterId;
  if (!inRoster(state, ownerId)) return reject('ownerId must be someone in this session.');
  if (!presenterId) return reject('There is no presenter in this phase.');
  // A due date is a calendar day (as typed, in the person's own calendar), never an instant moved between zones.
  let dueAt = state.defaultDueAt;
  if (payload.dueAt !== undefined) {
    dueAt = typeof payload.dueAt === 'string' ? calendarDay(payload.dueAt) : null;
    if (!dueAt) return reject('dueAt must be an ISO 8601 date.');
  }
  return accept({ type: 'actionAdded', payload: { action: { id: `a${state.actions.length + 1}`, presenterId, ownerId, text: payload.text.trim(), dueAt, at: now.toISOString() } } });
}

export function decideWithholdCase({ state, actor, payload }: DecideContext): LiveDecision {
  if (state.phase === 'lobby') return reject('The session has not started yet.');
  const withheld = payload.withheld;
  if (typeof withheld !== 'boolean') return reject('withheld must be true or false.');
  if (!state.presented.includes(actor.userId)) return reject('Only a presenter can withhold their own case from the record.');
  return accept({ type: 'caseWithheld', payload: { presenterId: actor.userId, withheld } });
}

export function evolveActions(state: LiveSessionState, event: LiveEventAt<'actionAdded' | 'caseWithheld'>): LiveSessionState {
  switch (event.type) {
    case 'actionAdded':
      return { ...state, actions: [...state.actions, event.payload.action] };
    case 'caseWithheld': {
      const { presenterId, withheld } = event.payload;
      const others = state.withheld.filter((id) => id !== presenterId);
      return { ...state, withheld: withheld ? [...others, presenterId] : others };
    }
  }
}
