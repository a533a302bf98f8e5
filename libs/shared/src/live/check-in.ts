import type { LiveEventAt } from './events';
import { accept, isText, nameOf, needFacilitator, needRunning, reject, subject, type DecideContext, type LiveDecision } from './decision';
import { DEFAULT_CHECK_IN_PROMPT, METHOD_LIMITS, type LiveCheckIn } from './method-state';
import { attendees, isAbsent } from './presence';
import { LIVE_LIMITS, REPORT_BACK_STATUSES, timerRemainingMs, type LiveSessionState, type LiveTimer } from './state';

/* Check-in: each member reports back on the actions they committed to last time. */

export function decideReportBack(ctx: DecideContext): LiveDecision {
  const { state, now, payload } = ctx;
  if (state.phase !== 'check-in') return reject('Report-back on earlier actions happens at check-in.');
  const who = subject(ctx);
  if ('error' in who) return reject(who.error);
  const action = state.openActions.find((a) => a.id === payload.actionId);
  if (!action) return reject('There is no such open action.');
  if (action.ownerId !== who.userId) return reject('Only the owner of an action reports back on it.');
  const status = REPORT_BACK_STATUSES.find((s) => s === payload.status);
  if (!status) return reject(`status must be one of ${REPORT_BACK_STATUSES.join(', ')}.`);
  const note = payload.note;
  if (note !== undefined && (typeof note !== 'string' || note.length > LIVE_LIMITS.text)) return reject(`note must be at most ${LIVE_LIMITS.text} characters.`);
  return accept({ type: 'reportedBack', payload: { actionId: action.id, userId: who.userId, status, note: (note ?? '').trim(), at: now.toISOString() } });
}

export function evolveCheckIn(state: LiveSessionState, event: LiveEventAt<'reportedBack'>): LiveSessionState {
  const { actionId, userId, status, note, at } = event.payload;
  return { ...state, reportBacks: [...state.reportBacks.filter((r) => r.actionId !== actionId), { actionId, userId, status, note, at }] };
}

/*
 * Check-in as a round: each person at the meeting in turn (those who sent an apology are not in
 * it; someone arriving late joins at the end), with a prompt the facilitator can change, and the
 * time shared out among those still to speak. The speaker reports back on their actions in their
 * turn (reportBack above; the owner may report at any point of the check-in).
 */

/** The check-in round as it begins at `at`: everyone at the meeting, the default prompt, the phase's time shared equally. */
export function checkInRound(state: Pick<LiveSessionState, 'roster' | 'absent'>, timer: LiveTimer | null, at: string, prompt: string = DEFAULT_CHECK_IN_PROMPT): LiveCheckIn {
  const order = attendees(state).map((p) => p.userId);
  return { order, index: 0, prompt, turnStartedAt: at, shareMs: timer && order.length ? Math.floor(timer.durationMs / order.length) : 0 };
}

/** Whose turn it is at check-in, or null (not at check-in, or everyone has checked in). */
export function checkInSpeaker(state: Pick<LiveSessionState, 'phase' | 'checkIn'>): string | null {
  if (state.phase !== 'check-in' || !state.checkIn) return null;
  return state.checkIn.order[state.checkIn.index] ?? null;
}

export function decideSetCheckInPrompt(ctx: DecideContext): LiveDecision {
  const problem = needRunning(ctx.state) ?? needFacilitator(ctx);
  if (problem) return reject(problem);
  if (ctx.state.phase !== 'check-in') return reject('The check-in prompt is set at check-in.');
  if (!isText(ctx.payload.text, METHOD_LIMITS.prompt)) return reject(`text must be 1 to ${METHOD_LIMITS.prompt} characters.`);
  return accept({ type: 'checkInPromptSet', payload: { text: ctx.payload.text.trim() } });
}

/** The next person checks in: the facilitator moves the round on, or the speaker says they are done. */
export function decideNextSpeaker(ctx: DecideContext): LiveDecision {
  const { state, actor, now } = ctx;
  const problem = needRunning(state);
  if (problem) return reject(problem);
  const round = state.checkIn;
  if (state.phase !== 'check-in' || !round) return reject('Speakers take turns at check-in.');
  const speaker = checkInSpeaker(state);
  if (!speaker) return reject('Everyone has checked in.');
  if (!ctx.facilitating && actor.userId !== speaker) return reject(`It is ${nameOf(state, speaker)}'s turn to check in; they or the facilitator move on.`);
  let index = round.index + 1;
  while (index < round.order.length && isAbsent(state, round.order[index])) index++;
  const still = round.order.slice(index).filter((id) => !isAbsent(state, id)).length;
  const left = timerRemainingMs(state.timer, now.getTime());
  return accept({ type: 'speakerChanged', payload: { index, shareMs: still ? Math.floor(left / still) : 0 } });
}

export function evolveCheckInRound(state: LiveSessionState, event: LiveEventAt<'checkInPromptSet' | 'speakerChanged'>): LiveSessionState {
  const round = state.checkIn ?? checkInRound(state, state.timer, event.at);
  switch (event.type) {
    case 'checkInPromptSet':
      return { ...state, checkIn: { ...round, prompt: event.payload.text } };
    case 'speakerChanged':
      return { ...state, checkIn: { ...round, index: event.payload.index, shareMs: event.payload.shareMs, turnStartedAt: event.at } };
  }
}
