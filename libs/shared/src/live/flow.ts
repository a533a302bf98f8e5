import type { LiveEventAt, LivePhaseMove } from './events';
import { accept, inRoster, nameOf, needFacilitator, needRunning, reject, type DecideContext, type LiveDecision } from './decision';
import { checkInRound } from './check-in';
import { contractingAtStart } from './contracting';
import { questionTurns } from './dialogue';
import { absentAtStart, absentRefusal, isAbsent, withArrival } from './presence';
import { withAirtime } from './timing';
import { LIVE_PHASES, phaseMinutes, PRESENTER_ROUND, type LivePhase, type LiveSessionState, type LiveTimer } from './state';
import { coFacilitatorAtStart, handedOver } from './co-facilitation';

/*
 * The session's flow: starting it, moving through the template (advance, back, go to a phase),
 * handing facilitation over, ending it.
 */

/** The phase after this one, and its presenter. */
export function nextStep(state: LiveSessionState): { phase: LivePhase; presenterId: string | null } | null {
  const round = PRESENTER_ROUND.indexOf(state.phase);
  // After the current presenter: the next one in the agreed order (also after going back);
  // a presenter taken out of the order mid-round hands on to the first who has not presented.
  const nextPresenter = () => {
    const at = state.presenterId ? state.order.indexOf(state.presenterId) : -1;
    if (at >= 0) return state.order[at + 1] ?? null;
    return state.order.find((id) => !state.presented.includes(id) && id !== state.presenterId) ?? null;
  };
  switch (state.phase) {
    case 'lobby':
      return { phase: 'check-in', presenterId: null };
    case 'check-in':
      return { phase: 'bidding', presenterId: null };
    case 'bidding': {
      const first = nextPresenter();
      return first ? { phase: 'present', presenterId: first } : { phase: 'process-review', presenterId: null };
    }
    case 'process-review':
      return { phase: 'check-out', presenterId: null };
    case 'check-out':
      return { phase: 'ended', presenterId: null };
    case 'ended':
      return null;
    case 'present':
    case 'clarifying':
    case 'questions':
    case 'reflection':
    case 'actions': {
      if (round < PRESENTER_ROUND.length - 1) return { phase: PRESENTER_ROUND[round + 1], presenterId: state.presenterId };
      const next = nextPresenter();
      return next ? { phase: 'present', presenterId: next } : { phase: 'process-review', presenterId: null };
    }
  }
}

/** The phase before this one (the facilitator's "back"), and its presenter; null in the lobby, at check-in and after the end. */
export function previousStep(state: LiveSessionState): { phase: LivePhase; presenterId: string | null } | null {
  const round = PRESENTER_ROUND.indexOf(state.phase);
  const lastPresenter = () => {
    const before = state.presenterId ? state.presented.slice(0, state.presented.indexOf(state.presenterId)) : state.presented;
    return before[before.length - 1] ?? null;
  };
  switch (state.phase) {
    case 'lobby':
    case 'check-in':
    case 'ended':
      return null;
    case 'bidding':
      return { phase: 'check-in', presenterId: null };
    case 'process-review': {
      const last = state.presented[state.presented.length - 1];
      return last ? { phase: 'actions', presenterId: last } : { phase: 'bidding', presenterId: null };
    }
    case 'check-out':
      return { phase: 'process-review', presenterId: null };
    case 'present': {
      const previous = lastPresenter();
      return previous ? { phase: 'actions', presenterId: previous } : { phase: 'bidding', presenterId: null };
    }
    case 'clarifying':
    case 'questions':
    case 'reflection':
    case 'actions':
      return { phase: PRESENTER_ROUND[round - 1], presenterId: state.presenterId };
  }
}

/** Moving to `phase`: its timer is a deadline computed now. */
function phaseMove(state: LiveSessionState, phase: LivePhase, presenterId: string | null, now: Date): LivePhaseMove {
  const minutes = phaseMinutes(state, phase);
  const timer: LiveTimer | null =
    minutes > 0 && phase !== 'ended' ? { id: state.timerCount + 1, durationMs: minutes * 60_000, endsAt: new Date(now.getTime() + minutes * 60_000).toISOString(), remainingMs: null, expired: false } : null;
  return { phase, presenterId, timer };
}

const moveTo = (state: LiveSessionState, phase: LivePhase, presenterId: string | null, now: Date): LiveDecision =>
  phase === 'ended' ? accept({ type: 'ended', payload: { phase: 'ended' } }) : accept({ type: 'phaseChanged', payload: phaseMove(state, phase, presenterId, now) });

export function decideStart({ state, actor, now, setup, facilitating }: DecideContext): LiveDecision {
  if (state.phase !== 'lobby') return reject('The session has already started.');
  if (!facilitating) return reject('Only a facilitator can start the session.');
  if (!setup) return reject('The session cannot start without its roster.');
  const absent = absentAtStart(setup.roster, setup.apologies);
  const move = phaseMove({ ...state, roster: setup.roster, agenda: setup.agenda, absent }, 'check-in', null, now);
  const checkIn = checkInRound({ roster: setup.roster, absent }, move.timer, now.toISOString());
  const contracting = contractingAtStart(setup.contract);
  return accept({
    type: 'started',
    payload: { ...move, facilitatorId: actor.userId, coFacilitatorId: coFacilitatorAtStart(setup, actor.userId), roster: setup.roster, absent, agenda: setup.agenda, openActions: setup.openActions, reportBacks: setup.reportBacks ?? [], defaultDueAt: setup.defaultDueAt, checkIn, contracting },
  });
}

export function decideAdvance(ctx: DecideContext): LiveDecision {
  const problem = needRunning(ctx.state) ?? needFacilitator(ctx);
  if (problem) return reject(problem);
  const next = nextStep(ctx.state);
  if (!next) return reject('The session has ended.');
  return moveTo(ctx.state, next.phase, next.presenterId, ctx.now);
}

export function decideGoTo(ctx: DecideContext): LiveDecision {
  const { state, payload, now } = ctx;
  const problem = needRunning(state) ?? needFacilitator(ctx);
  if (problem) return reject(problem);
  const phase = LIVE_PHASES.find((p) => p === payload.phase && p !== 'lobby');
  if (!phase) return reject(`phase must be one of ${LIVE_PHASES.filter((p) => p !== 'lobby').join(', ')}.`);
  if (!PRESENTER_ROUND.includes(phase)) return moveTo(state, phase, null, now);
  const presenterId = payload.presenterId ?? state.presenterId;
  if (!inRoster(state, presenterId)) return reject('Choose a presenter for this phase.');
  const away = absentRefusal(state, presenterId, 'present');
  if (away) return reject(away);
  return moveTo(state, phase, presenterId, now);
}

export function decideHandOver(ctx: DecideContext): LiveDecision {
  const problem = needRunning(ctx.state) ?? needFacilitator(ctx);
  if (problem) return reject(problem);
  const userId = ctx.payload.userId;
  if (ctx.actor.userId !== ctx.state.facilitatorId) return reject(`Only ${nameOf(ctx.state, ctx.state.facilitatorId)}, who facilitates, can hand facilitation over.`);
  if (userId === ctx.actor.userId) return reject('You are already facilitating.');
  if (!inRoster(ctx.state, userId)) return reject('Facilitation can pass only to someone in this session.');
  return accept({ type: 'handedOver', payload: { userId } });
}

/** Someone who sent an apology is here: the server notes it when they join, the facilitator records it for someone in the room. */
export function decideArrive(ctx: DecideContext): LiveDecision {
  const { state, payload } = ctx;
  const problem = needRunning(state) ?? (ctx.actor.role === 'system' ? null : needFacilitator(ctx));
  if (problem) return reject(problem);
  const userId = payload.userId;
  if (!inRoster(state, userId)) return reject('userId must be someone in this session.');
  if (!isAbsent(state, userId)) return reject(`${nameOf(state, userId)} is already at the meeting.`);
  return accept({ type: 'arrived', payload: { userId } });
}

export function decideEnd(ctx: DecideContext): LiveDecision {
  const problem = needRunning(ctx.state) ?? needFacilitator(ctx);
  if (problem) return reject(problem);
  return accept({ type: 'ended', payload: { phase: 'ended' } });
}

/** Entering a phase: its presenter, timer and turns; hands down, no time-out. */
function enterPhase(base: LiveSessionState, move: LivePhaseMove, at: string): LiveSessionState {
  const presenterId = move.presenterId ?? null;
  const timer = move.timer ?? null;
  // Check-in is a round (kept when the facilitator comes back to it); offers are invited by each presenter anew.
  const checkIn = move.phase === 'check-in' && !base.checkIn ? { checkIn: checkInRound(base, timer, at) } : {};
  const offers = base.offersOpen && presenterId !== base.presenterId ? { offersOpen: false } : {};
  return {
    ...base,
    ...checkIn,
    ...offers,
    ...(base.floor ? { floor: null } : {}),
    phase: move.phase,
    presenterId,
    presented: presenterId && !base.presented.includes(presenterId) ? [...base.presented, presenterId] : base.presented,
    turn: move.phase === 'questions' ? questionTurns(base, presenterId) : null,
    hands: [],
    timer,
    timerCount: timer ? timer.id : base.timerCount,
    paused: false,
    pausedAt: null,
    pausedMs: 0,
    phaseStartedAt: at,
  };
}

export function evolveFlow(state: LiveSessionState, event: LiveEventAt<'started' | 'phaseChanged' | 'handedOver' | 'arrived' | 'ended'>): LiveSessionState {
  switch (event.type) {
    case 'started': {
      const p = event.payload;
      const method = { ...(p.checkIn !== undefined ? { checkIn: p.checkIn } : {}), ...(p.contracting !== undefined ? { contracting: p.contracting } : {}) };
      const base = { ...state, ...method, facilitatorId: p.facilitatorId, coFacilitatorId: p.coFacilitatorId ?? null, roster: p.roster, absent: p.absent ?? [], agenda: p.agenda, openActions: p.openActions, reportBacks: p.reportBacks ?? [], defaultDueAt: p.defaultDueAt ?? null, startedAt: event.at };
      return enterPhase(base, p, event.at);
    }
    case 'phaseChanged':
      return enterPhase(withAirtime(state, event.at), event.payload, event.at);
    case 'handedOver':
      // Stepping out of the turn order was the previous facilitator's choice.
      return { ...handedOver(state, event.payload.userId), ...(state.facilitatorOutOfTurns ? { facilitatorOutOfTurns: false } : {}) };
    case 'arrived':
      return withArrival(state, event.payload.userId);
    case 'ended': {
      const base = withAirtime(state, event.at);
      return { ...base, phase: 'ended', presenterId: null, turn: null, hands: [], timer: null, paused: false, pausedAt: null, pausedMs: 0, phaseStartedAt: event.at, endedAt: event.at };
    }
  }
}
