import type { LiveSessionState, LiveSetup } from './state';

/**
 * Who holds the controls beside the person who starts the session: the other one the rota names
 * for the meeting (its facilitator when its co-facilitator starts, else its co-facilitator; the
 * assigned facilitator when a facilitator of the set starts in their place), if they take part.
 */
export function coFacilitatorAtStart(setup: Pick<LiveSetup, 'assigned' | 'roster'>, starterId: string): string | null {
  const named = [setup.assigned?.facilitatorId ?? null, setup.assigned?.coFacilitatorId ?? null];
  return named.find((id): id is string => id !== null && id !== starterId && setup.roster.some((p) => p.userId === id)) ?? null;
}

/** Facilitation passes to `userId`; passed to the co-facilitator, the two swap, so two people keep the controls. */
export function handedOver(state: LiveSessionState, userId: string): LiveSessionState {
  const co = state.coFacilitatorId ?? null;
  return { ...state, facilitatorId: userId, coFacilitatorId: co === userId ? state.facilitatorId : co };
}
