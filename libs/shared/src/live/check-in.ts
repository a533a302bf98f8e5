import type { LiveEventAt } from './events';
import { accept, reject, subject, type DecideContext, type LiveDecision } from './decision';
import { LIVE_LIMITS, REPORT_BACK_STATUSES, type LiveSessionState } from './state';

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
