import type { LiveEventAt } from './events';
import { accept, isRecord, reject, type DecideContext, type LiveDecision } from './decision';
import type { LiveSessionState } from './state';

/*
 * Voice airtime: how long each person spoke in the set's own call, measured in their own browser
 * (voice activity, never the audio) and summed by the server, which records what it summed once
 * a minute per person (`recordVoice`, the server's own command), so the totals survive a restart.
 */

/** The most one `recordVoice` may add: a minute's speech, with room for a late flush. */
export const VOICE_RECORD_MAX_MS = 5 * 60_000;

export function decideRecordVoice({ state, actor, payload }: DecideContext): LiveDecision {
  if (actor.role !== 'system') return reject('Speaking time is measured in the call.');
  if (state.phase === 'lobby') return reject('The session has not started.');
  const { userId, ms } = payload;
  if (typeof userId !== 'string' || userId.length === 0 || userId.length > 100) return reject('userId must be a person id.');
  if (typeof ms !== 'number' || !Number.isInteger(ms) || ms <= 0 || ms > VOICE_RECORD_MAX_MS) return reject(`ms must be a whole number from 1 to ${VOICE_RECORD_MAX_MS}.`);
  return accept({ type: 'voiceRecorded', payload: { userId, ms } });
}

export function evolveVoice(state: LiveSessionState, event: LiveEventAt<'voiceRecorded'>): LiveSessionState {
  const { userId, ms } = event.payload;
  const voiceMs = state.voiceMs ?? {};
  return { ...state, voiceMs: { ...voiceMs, [userId]: (voiceMs[userId] ?? 0) + ms } };
}

/** Each person's voice airtime, most first (the record's `airtime.voice`). */
export function voiceAirtime(state: Pick<LiveSessionState, 'voiceMs'>): { userId: string; ms: number }[] {
  const voiceMs = isRecord(state.voiceMs) ? state.voiceMs : {};
  return Object.entries(voiceMs)
    .map(([userId, ms]) => ({ userId, ms: Number(ms) }))
    .sort((a, b) => b.ms - a.ms || a.userId.localeCompare(b.userId));
}
