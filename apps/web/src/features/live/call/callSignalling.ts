import { CALL_MESSAGES, type CallAck, type CallJoinAck, type CallMuted, type CallPeerMessage, type CallSignal, type CallSignalRequest, type CallSpeakingInterval } from '@als/shared';
import type { LiveSocket } from '@web/features/live/liveSessionStore';

/** What the call needs of the live connection (a fake in tests). */
export interface CallSignalling {
  join(): Promise<CallJoinAck>;
  leave(): Promise<CallAck>;
  signal(request: Omit<CallSignalRequest, 'meetingId'>): Promise<CallAck>;
  speaking(intervals: CallSpeakingInterval[]): Promise<CallAck>;
  muteAll(): Promise<CallAck>;
  /** The call's messages from the server; answers a function that stops listening. */
  listen(handlers: { signal(s: CallSignal): void; joined(p: CallPeerMessage): void; left(p: CallPeerMessage): void; muted(m: CallMuted): void }): () => void;
}

const ACK_MS = 10_000;
const offline = { ok: false as const, error: 'Not connected: reconnecting…' };

/** The call's messages over the live session's socket.io connection (/live). */
export function socketSignalling(socket: () => LiveSocket | null, meetingId: string): CallSignalling {
  const send = async <A>(run: (s: LiveSocket) => Promise<A>): Promise<A | typeof offline> => {
    const s = socket();
    if (!s?.connected) return offline;
    try {
      return await run(s);
    } catch {
      return offline;
    }
  };
  return {
    join: () => send((s) => s.timeout(ACK_MS).emitWithAck(CALL_MESSAGES.join, { meetingId })),
    leave: () => send((s) => s.timeout(ACK_MS).emitWithAck(CALL_MESSAGES.leave, { meetingId })),
    signal: (request) => send((s) => s.timeout(ACK_MS).emitWithAck(CALL_MESSAGES.signal, { meetingId, ...request })),
    speaking: (intervals) => send((s) => s.timeout(ACK_MS).emitWithAck(CALL_MESSAGES.speaking, { meetingId, intervals })),
    muteAll: () => send((s) => s.timeout(ACK_MS).emitWithAck(CALL_MESSAGES.muteAll, { meetingId })),
    listen(handlers) {
      const s = socket();
      if (!s) return () => undefined;
      const mine = <T extends { meetingId: string }>(handler: (m: T) => void) => (m: T) => {
        if (m.meetingId === meetingId) handler(m);
      };
      const signal = mine(handlers.signal);
      const joined = mine(handlers.joined);
      const left = mine(handlers.left);
      const muted = mine(handlers.muted);
      s.on(CALL_MESSAGES.signal, signal);
      s.on(CALL_MESSAGES.joined, joined);
      s.on(CALL_MESSAGES.left, left);
      s.on(CALL_MESSAGES.muted, muted);
      return () => {
        s.off(CALL_MESSAGES.signal, signal);
        s.off(CALL_MESSAGES.joined, joined);
        s.off(CALL_MESSAGES.left, left);
        s.off(CALL_MESSAGES.muted, muted);
      };
    },
  };
}
