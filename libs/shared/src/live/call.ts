import type { LiveRefusal } from './protocol';

/*
 * The set's own call (CONTRACT.md, "The set's own call"): peer-to-peer WebRTC between the people
 * of a meeting's live session, signalled over the same /live connection. The server relays
 * descriptions and ICE candidates between people in the call and nothing else; the audio never
 * reaches it. The call is not part of the event log; the speaking totals are (`voiceRecorded`).
 */
export const CALL_MESSAGES = {
  /** Client → server: enter the meeting's call (after session:join); the answer carries the ICE servers and who is in it. */
  join: 'call:join',
  /** Client → server: leave the call (closing the connection leaves it too). */
  leave: 'call:leave',
  /** Both ways: an offer, an answer or an ICE candidate, to or from one person in the call. */
  signal: 'call:signal',
  /** Client → server: speaking intervals measured in the browser (never audio). */
  speaking: 'call:speaking',
  /** Client → server, the session's facilitator: mute everyone (each unmutes themselves). */
  muteAll: 'call:mute-all',
  /** Server → the call: someone came in. */
  joined: 'call:joined',
  /** Server → the call: someone left (or was disconnected). */
  left: 'call:left',
  /** Server → the call: the facilitator muted everyone. */
  muted: 'call:muted',
} as const;

export const CALL_LIMITS = {
  /** People in one call (a mesh: each sends their audio to every other). */
  people: 8,
  /** Characters of one session description. */
  sdpChars: 30_000,
  /** Characters of one ICE candidate line. */
  candidateChars: 1_000,
  /** Intervals in one speaking report. */
  intervals: 120,
  /** Longest single interval of a report, ms. */
  intervalMs: 60_000,
  /** TURN credentials are valid at most this long (seconds). */
  turnTtlSeconds: 24 * 60 * 60,
} as const;

/** An RTCIceServer as the browser takes it. */
export interface CallIceServer {
  urls: string | string[];
  username?: string;
  credential?: string;
}

export interface CallJoinRequest {
  meetingId: string;
}
export type CallJoinAck =
  | {
      ok: true;
      iceServers: CallIceServer[];
      /** When TURN credentials in iceServers stop working (null: none are signed). */
      credentialsExpireAt: string | null;
      /** Who else is in the call now (user ids): the newcomer offers to each (perfect negotiation settles collisions). */
      peers: string[];
    }
  | LiveRefusal;

export interface CallLeaveRequest {
  meetingId: string;
}
export type CallAck = { ok: true } | LiveRefusal;

export interface CallSessionDescription {
  type: 'offer' | 'answer' | 'pranswer' | 'rollback';
  sdp?: string;
}
export interface CallIceCandidate {
  candidate: string;
  sdpMid?: string | null;
  sdpMLineIndex?: number | null;
  usernameFragment?: string | null;
}

/** A description or a candidate for one person (`to`) in the call. */
export interface CallSignalRequest {
  meetingId: string;
  to: string;
  description?: CallSessionDescription;
  candidate?: CallIceCandidate;
}
/** What the person it was for receives: who it is from. */
export interface CallSignal {
  meetingId: string;
  from: string;
  description?: CallSessionDescription;
  candidate?: CallIceCandidate;
}

/** One stretch of speech: when it began (ISO) and how long it lasted (ms). */
export interface CallSpeakingInterval {
  startedAt: string;
  ms: number;
}
export interface CallSpeakingRequest {
  meetingId: string;
  intervals: CallSpeakingInterval[];
}

export interface CallMuteAllRequest {
  meetingId: string;
}

export interface CallPeerMessage {
  meetingId: string;
  userId: string;
}
export interface CallMuted {
  meetingId: string;
  by: string;
}

export interface CallServerToClientEvents {
  'call:signal': (signal: CallSignal) => void;
  'call:joined': (peer: CallPeerMessage) => void;
  'call:left': (peer: CallPeerMessage) => void;
  'call:muted': (muted: CallMuted) => void;
}

export interface CallClientToServerEvents {
  'call:join': (request: CallJoinRequest, ack: (answer: CallJoinAck) => void) => void;
  'call:leave': (request: CallLeaveRequest, ack: (answer: CallAck) => void) => void;
  'call:signal': (request: CallSignalRequest, ack: (answer: CallAck) => void) => void;
  'call:speaking': (request: CallSpeakingRequest, ack: (answer: CallAck) => void) => void;
  'call:mute-all': (request: CallMuteAllRequest, ack: (answer: CallAck) => void) => void;
}

/**
 * Perfect negotiation: of two people, the one whose user id sorts first is polite (gives way
 * when both offer at once), the other impolite (ignores the colliding offer).
 */
export function isPolitePeer(selfId: string, peerId: string): boolean {
  return selfId < peerId;
}

/**
 * Merges speaking intervals and clips them to [from, to] (ms since the epoch): the speech they
 * hold, in ms, counted once however the intervals overlap.
 */
export function speechWithin(intervals: readonly { start: number; end: number }[], from: number, to: number): number {
  const clipped = intervals
    .map(({ start, end }) => ({ start: Math.max(start, from), end: Math.min(end, to) }))
    .filter(({ start, end }) => end > start)
    .sort((a, b) => a.start - b.start);
  let total = 0;
  let reach = -Infinity;
  for (const { start, end } of clipped) {
    const begin = Math.max(start, reach);
    if (end > begin) total += end - begin;
    reach = Math.max(reach, end);
  }
  return total;
}
