import type { LiveEventAt } from './events';
import { accept, needFacilitator, needRunning, reject, type DecideContext, type LiveDecision } from './decision';
import { LIVE_LIMITS, PRESENTER_ROUND, timerRemainingMs, type LiveSessionState } from './state';

/*
 * Time: the phase timer (extend, expire), time-outs (pause, resume) and airtime, which is the
 * time a presenter held the floor less the time-outs taken meanwhile.
 */

export function decideExtendTimer(ctx: DecideContext): LiveDecision {
  const { state, now } = ctx;
  const problem = needRunning(state) ?? needFacilitator(ctx);
  if (problem) return reject(problem);
  const seconds = ctx.payload.seconds;
  if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds === 0 || Math.abs(seconds) > LIVE_LIMITS.extendSeconds) return reject(`seconds must be a whole number from -${LIVE_LIMITS.extendSeconds} to ${LIVE_LIMITS.extendSeconds}, not 0.`);
  if (!state.timer) return reject('This phase has no timer.');
  const remaining = timerRemainingMs(state.timer, now.getTime());
  const next = Math.max(0, remaining + seconds * 1000);
  return accept({
    type: 'timerExtended',
    payload: {
      seconds,
      timer: { ...state.timer, durationMs: state.timer.durationMs + seconds * 1000, expired: next === 0, ...(state.paused ? { remainingMs: next } : { endsAt: new Date(now.getTime() + next).toISOString() }) },
    },
  });
}

export function decidePause(ctx: DecideContext): LiveDecision {
  const problem = needRunning(ctx.state) ?? needFacilitator(ctx);
  if (problem) return reject(problem);
  if (ctx.state.paused) return reject('The session is already paused.');
  return accept({ type: 'paused', payload: { remainingMs: timerRemainingMs(ctx.state.timer, ctx.now.getTime()) } });
}

export function decideResume(ctx: DecideContext): LiveDecision {
  const { state, now } = ctx;
  const problem = needRunning(state) ?? needFacilitator(ctx);
  if (problem) return reject(problem);
  if (!state.paused) return reject('The session is not paused.');
  const remaining = state.timer?.remainingMs ?? 0;
  return accept({ type: 'resumed', payload: { endsAt: state.timer ? new Date(now.getTime() + remaining).toISOString() : null } });
}

export function decideExpireTimer({ state, actor, now, payload }: DecideContext): LiveDecision {
  if (actor.role !== 'system') return reject('Timers expire by themselves.');
  const running = state.phase !== 'lobby' && state.phase !== 'ended';
  if (!running || !state.timer || state.timer.id !== payload.timerId || state.timer.expired || state.paused) return reject('That timer is no longer running.');
  if (timerRemainingMs(state.timer, now.getTime()) > 0) return reject('That timer has not run out yet.');
  return accept({ type: 'timerExpired', payload: { timerId: state.timer.id } });
}

/** Time-out taken in the current phase up to `at`, in ms: the ones that ended, and one still running. */
function pausedUntil(state: LiveSessionState, at: string): number {
  const running = state.paused && state.pausedAt ? Math.max(0, Date.parse(at) - Date.parse(state.pausedAt)) : 0;
  return (state.pausedMs ?? 0) + running;
}

/** Adds the time the current presenter held the floor, less the time-outs, when a presenter round phase is left. */
export function withAirtime(state: LiveSessionState, at: string): LiveSessionState {
  if (!state.presenterId || !PRESENTER_ROUND.includes(state.phase) || !state.phaseStartedAt) return state;
  const held = Math.max(0, Date.parse(at) - Date.parse(state.phaseStartedAt) - pausedUntil(state, at));
  return { ...state, airtimeMs: { ...state.airtimeMs, [state.presenterId]: (state.airtimeMs[state.presenterId] ?? 0) + held } };
}

export function evolveTiming(state: LiveSessionState, event: LiveEventAt<'timerExtended' | 'paused' | 'resumed' | 'timerExpired'>): LiveSessionState {
  switch (event.type) {
    case 'timerExtended':
      return { ...state, timer: event.payload.timer };
    case 'paused':
      return { ...state, paused: true, pausedAt: event.at, timer: state.timer ? { ...state.timer, endsAt: null, remainingMs: event.payload.remainingMs } : null };
    case 'resumed':
      return { ...state, paused: false, pausedAt: null, pausedMs: pausedUntil(state, event.at), timer: state.timer ? { ...state.timer, endsAt: event.payload.endsAt, remainingMs: null } : null };
    case 'timerExpired':
      return { ...state, timer: state.timer ? { ...state.timer, expired: true } : null };
  }
}

/** Each member's share of the questions asked, and the airtime each presenter held (process review, statistics). */
export function airtimeSummary(state: LiveSessionState): { presenters: { userId: string; ms: number }[]; questions: { userId: string; count: number; share: number }[] } {
  const total = state.questions.length;
  return {
    presenters: Object.entries(state.airtimeMs).map(([userId, ms]) => ({ userId, ms })),
    // Those who ran the meeting without taking part are listed only if they asked (./taking-part.ts).
    questions: state.roster.filter((p) => !(state.observers ?? []).includes(p.userId) || state.questions.some((q) => q.askerId === p.userId)).map((p) => {
      const count = state.questions.filter((q) => q.askerId === p.userId).length;
      return { userId: p.userId, count, share: total ? count / total : 0 };
    }),
  };
}
