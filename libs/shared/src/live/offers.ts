import type { LiveEventAt } from './events';
import { accept, inRoster, isText, reject, subject, type DecideContext, type LiveDecision } from './decision';
import { METHOD_LIMITS } from './method-state';
import { absentRefusal } from './presence';
import type { LiveSessionState } from './state';

/*
 * Offers: members offer experience or resources to the presenter only when the presenter invites
 * them (a short step after the questioning: open questions, reflection or actions). Outside it an
 * offer is refused, so the questioning is not turned into advice.
 */

const OFFER_PHASES = ['questions', 'reflection', 'actions'];

export function decideInviteOffers(ctx: DecideContext): LiveDecision {
  const { state, actor, payload, facilitating } = ctx;
  if (!OFFER_PHASES.includes(state.phase) || !state.presenterId) return reject('The presenter invites offers after the questioning of their round.');
  if (actor.userId !== state.presenterId && !facilitating) return reject('Only the presenter invites offers; the facilitator can record it for them.');
  const open = payload.open;
  if (typeof open !== 'boolean') return reject('open must be true or false.');
  if (Boolean(state.offersOpen) === open) return reject(open ? 'Offers are invited already.' : 'Offers are not invited.');
  return accept({ type: 'offersInvited', payload: { presenterId: state.presenterId, open } });
}

export function decideOffer(ctx: DecideContext): LiveDecision {
  const { state, actor, now, payload } = ctx;
  const presenterId = state.presenterId;
  if (!state.offersOpen || !presenterId || !OFFER_PHASES.includes(state.phase)) return reject('Offers of experience or resources are made only when the presenter invites them.');
  const who = subject(ctx);
  if ('error' in who) return reject(who.error);
  if (who.userId === presenterId) return reject('The presenter receives offers; they do not make them.');
  if (!inRoster(state, who.userId)) return reject('Only people in the session can make an offer.');
  const away = absentRefusal(state, who.userId, 'make an offer');
  if (away) return reject(away);
  if (!isText(payload.text, METHOD_LIMITS.offer)) return reject(`text must be 1 to ${METHOD_LIMITS.offer} characters.`);
  const id = `o${(state.offers ?? []).length + 1}`;
  return accept({ type: 'offered', payload: { offer: { id, presenterId, userId: who.userId, text: payload.text.trim(), recordedBy: who.userId === actor.userId ? null : actor.userId, at: now.toISOString() } } });
}

export function evolveOffers(state: LiveSessionState, event: LiveEventAt<'offersInvited' | 'offered'>): LiveSessionState {
  switch (event.type) {
    case 'offersInvited':
      return { ...state, offersOpen: event.payload.open };
    case 'offered':
      return { ...state, offers: [...(state.offers ?? []), event.payload.offer] };
  }
}
