import type { LiveEventAt } from './events';
import { accept, inRoster, isText, needFacilitator, needRunning, reject, subject, type DecideContext, type LiveDecision } from './decision';
import { METHOD_LIMITS, type LiveContracting, type LiveContractSetup } from './method-state';
import { absentRefusal, attendees } from './presence';
import type { LiveSessionState } from './state';

/*
 * Contracting: the set agrees its ground rules in a meeting. The step opens with the session
 * until the set has agreed a contract in a meeting (its first session), and the facilitator can
 * open it at any meeting to revisit it. Everyone sees the text on the table; people at the
 * meeting propose changes; the facilitator records the agreed text, which the API keeps as a new
 * version of the set's contract with the date and who was present.
 */

/** The contracting step as a session starts with the set's contract (none for a server that did not send it). */
export function contractingAtStart(contract: LiveContractSetup | undefined): LiveContracting | null {
  return contract ? { open: contract.firstMeeting, draft: contract.text, proposals: [], agreed: null } : null;
}

export function decideSetContracting(ctx: DecideContext): LiveDecision {
  const problem = needRunning(ctx.state) ?? needFacilitator(ctx);
  if (problem) return reject(problem);
  const open = ctx.payload.open;
  if (typeof open !== 'boolean') return reject('open must be true or false.');
  const contracting = ctx.state.contracting;
  if (!contracting) return reject('This session has no ground rules to revisit.');
  if (contracting.open === open) return reject(open ? 'The contracting step is already open.' : 'The contracting step is not open.');
  return accept({ type: 'contractingSet', payload: { open } });
}

export function decideProposeChange(ctx: DecideContext): LiveDecision {
  const { state, now, payload } = ctx;
  const problem = needRunning(state);
  if (problem) return reject(problem);
  if (!state.contracting?.open) return reject('Changes to the ground rules are proposed while the contracting step is open.');
  const who = subject(ctx);
  if ('error' in who) return reject(who.error);
  if (!inRoster(state, who.userId)) return reject('Only people in the session can propose a change.');
  const away = absentRefusal(state, who.userId, 'propose a change');
  if (away) return reject(away);
  if (!isText(payload.text, METHOD_LIMITS.proposal)) return reject(`text must be 1 to ${METHOD_LIMITS.proposal} characters.`);
  const id = `p${state.contracting.proposals.length + 1}`;
  return accept({ type: 'changeProposed', payload: { proposal: { id, userId: who.userId, text: payload.text.trim(), at: now.toISOString() } } });
}

export function decideAgreeContract(ctx: DecideContext): LiveDecision {
  const { state, now, payload } = ctx;
  const problem = needRunning(state) ?? needFacilitator(ctx);
  if (problem) return reject(problem);
  if (!state.contracting?.open) return reject('The agreed ground rules are recorded while the contracting step is open.');
  if (!isText(payload.text, METHOD_LIMITS.contract)) return reject(`text must be 1 to ${METHOD_LIMITS.contract} characters.`);
  return accept({ type: 'contractAgreed', payload: { text: payload.text.trim(), presentIds: attendees(state).map((p) => p.userId), at: now.toISOString() } });
}

export function evolveContracting(state: LiveSessionState, event: LiveEventAt<'contractingSet' | 'changeProposed' | 'contractAgreed'>): LiveSessionState {
  const contracting: LiveContracting = state.contracting ?? { open: false, draft: '', proposals: [], agreed: null };
  switch (event.type) {
    case 'contractingSet':
      return { ...state, contracting: { ...contracting, open: event.payload.open } };
    case 'changeProposed':
      return { ...state, contracting: { ...contracting, proposals: [...contracting.proposals, event.payload.proposal] } };
    case 'contractAgreed': {
      const { text, presentIds, at } = event.payload;
      return { ...state, contracting: { open: false, draft: text, proposals: [], agreed: { text, presentIds, at } } };
    }
  }
}
