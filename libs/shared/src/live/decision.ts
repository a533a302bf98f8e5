import type { LiveEvent } from './events';
import type { LiveActor, LiveSessionState, LiveSetup } from './state';

/** What `decide` answers: the one event a command causes, or why it is refused (a sentence a person can read). */
export type LiveDecision = { ok: true; event: LiveEvent } | { ok: false; error: string };

/** What each command's rule is decided on: the state, who sends it, when, and its payload as it arrived (unchecked). */
export interface DecideContext {
  state: LiveSessionState;
  actor: LiveActor;
  now: Date;
  /** Given for `start`: the roster, agenda and actions the server read. */
  setup?: LiveSetup;
  payload: Readonly<Record<string, unknown>>;
  /** Whether the actor runs the session now (mayFacilitate). */
  facilitating: boolean;
}

/**
 * Whether this person runs the session: before it starts, anyone who is a facilitator of the set
 * or whom the rota names for this meeting (`facilitates`: its facilitator or co-facilitator; one
 * of them starts it); from then on, the one the session names (`facilitatorId`, passed on by
 * `handOver`) and its co-facilitator (`coFacilitatorId`). The reducer decides by it, and the web
 * shows the facilitator's controls by it.
 */
export function mayFacilitate(state: Pick<LiveSessionState, 'phase' | 'facilitatorId'> & { coFacilitatorId?: string | null }, person: LiveActor): boolean {
  if (state.phase === 'lobby') return person.role === 'facilitator' || (person.role === 'member' && person.facilitates === true);
  return person.role !== 'system' && (person.userId === state.facilitatorId || (!!state.coFacilitatorId && person.userId === state.coFacilitatorId));
}

export const reject = (error: string): LiveDecision => ({ ok: false, error });
export const accept = (event: LiveEvent): LiveDecision => ({ ok: true, event });

export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
export const isText = (value: unknown, max: number): value is string => typeof value === 'string' && value.trim().length > 0 && value.length <= max;
export const isWholeIn = (value: unknown, min: number, max: number): value is number => typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
export const inRoster = (state: LiveSessionState, userId: unknown): userId is string => typeof userId === 'string' && state.roster.some((p) => p.userId === userId);
export const nameOf = (state: LiveSessionState, userId: string | null) => state.roster.find((p) => p.userId === userId)?.displayName ?? 'someone';

/** Why a command that needs a running session is refused now, or null. */
export const needRunning = (state: LiveSessionState): string | null => (state.phase === 'lobby' ? 'The session has not started yet.' : state.phase === 'ended' ? 'The session has ended.' : null);
export const needFacilitator = (ctx: DecideContext): string | null => (ctx.facilitating ? null : 'Only the facilitator can do this.');

/** The person a command is for: the sender, or (facilitator only, for people in the room) someone else. */
export function subject(ctx: DecideContext): { userId: string } | { error: string } {
  const behalf = ctx.payload.onBehalfOf;
  if (behalf === undefined || behalf === ctx.actor.userId) return { userId: ctx.actor.userId };
  if (!ctx.facilitating) return { error: 'Only the facilitator can record this for someone else.' };
  if (!inRoster(ctx.state, behalf)) return { error: 'That person is not in this session.' };
  return { userId: behalf };
}
