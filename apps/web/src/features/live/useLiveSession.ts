import { useCallback, useEffect, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import {
  LIVE_MESSAGES,
  LIVE_NAMESPACE,
  type LiveCommandAck,
  type LiveCommandType,
  type LiveEventMessage,
  type LiveJoinAck,
  type LivePresence,
  type LiveResyncAck,
  type LiveSessionState,
} from '@als/shared';
import { emptySync, joined, received, resynced, type LiveSync, type SyncStep } from './liveSync';
import { answeredBy, optimisticView, stillPending, type PendingCommand } from './optimistic';

export interface LiveSession {
  state: LiveSessionState | null;
  seq: number;
  present: LivePresence['present'];
  /** Connected and in sync with the server. */
  connected: boolean;
  /** Why the session cannot be shown (not a member, closed by the server…). */
  error: string | null;
  /** Server time minus this device's time, in ms: timers use it so every screen agrees. */
  offsetMs: number;
  send(type: LiveCommandType, payload?: Record<string, unknown>): Promise<LiveCommandAck>;
}

const newId = () => (globalThis.crypto?.randomUUID ? globalThis.crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`);

/**
 * Joins a meeting's live session and keeps its state: events are applied in seq order with the
 * shared reducer (liveSync.ts); the seq is that of the last event applied, never an ack's; a gap,
 * a reconnection or a restart of the server triggers a resync from it (our own log, not
 * socket.io's in-memory recovery).
 */
export function useLiveSession(meetingId: string, options: { inRoom?: boolean; present?: boolean; userId?: string } = {}): LiveSession {
  const [state, setState] = useState<LiveSessionState | null>(null);
  const [present, setPresent] = useState<LivePresence['present']>([]);
  const [connected, setConnected] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [offsetMs, setOffsetMs] = useState(0);
  const [seq, setSeq] = useState(0);
  const socketRef = useRef<Socket | null>(null);
  const current = useRef<LiveSync>(emptySync);
  const pending = useRef<PendingCommand[]>([]);
  const offset = useRef(0);
  const inRoom = options.inRoom ?? false;
  // false: this device (a projector, a console in the room) does not count its account at the meeting.
  const countMe = options.present ?? true;
  const userId = options.userId;

  /** Shows the confirmed state with this person's commands on their way applied on top (optimistic, when we know who they are). */
  const show = useCallback(() => {
    const { state: confirmed, seq: confirmedSeq } = current.current;
    if (!confirmed) return;
    pending.current = stillPending(pending.current, confirmedSeq);
    setState(userId && pending.current.length ? optimisticView(confirmed, confirmedSeq, pending.current, { userId, role: 'member' }, new Date(Date.now() + offset.current)) : confirmed);
  }, [userId]);

  /** Takes a step of the sync; answers whether events are missing (resync from the last seq applied). */
  const commit = useCallback(
    (step: SyncStep): boolean => {
      current.current = step.sync;
      setSeq(step.sync.seq);
      show();
      return step.resync;
    },
    [show],
  );

  useEffect(() => {
    const socket = io(LIVE_NAMESPACE, { path: '/socket.io', transports: ['websocket'], withCredentials: true });
    socketRef.current = socket;
    let syncing = false;

    const measure = (sentAt: number, serverTime: string) => {
      offset.current = Date.parse(serverTime) - (sentAt + Date.now()) / 2;
      setOffsetMs(offset.current);
    };

    const resync = async (): Promise<void> => {
      if (syncing || !current.current.state) return;
      syncing = true;
      let again = false;
      try {
        const sentAt = Date.now();
        const ack: LiveResyncAck = await socket.timeout(10_000).emitWithAck(LIVE_MESSAGES.resync, { meetingId, sinceSeq: current.current.seq });
        if (!ack.ok) return setError(ack.error);
        measure(sentAt, ack.serverTime);
        if ('events' in ack) pending.current = answeredBy(pending.current, ack.events);
        again = commit(resynced(current.current, ack));
      } catch {
        // The connection dropped again: the next connect resyncs.
      } finally {
        syncing = false;
      }
      if (again) await resync();
    };

    const join = async () => {
      const sentAt = Date.now();
      try {
        const ack: LiveJoinAck = await socket.timeout(10_000).emitWithAck(LIVE_MESSAGES.join, { meetingId, inRoom, present: countMe });
        if (!ack.ok) {
          setError(ack.error);
          return;
        }
        measure(sentAt, ack.serverTime);
        // A fresh join gives the full state; a rejoin after a drop does too (events missed are in it).
        const missing = commit(joined(current.current, ack));
        setError(null);
        setConnected(true);
        if (missing) void resync();
      } catch {
        setConnected(false);
      }
    };

    socket.on('connect', () => void join());
    socket.on('disconnect', () => setConnected(false));
    socket.on('connect_error', (e: Error) => {
      setConnected(false);
      if (/sign in/i.test(e.message)) setError(e.message);
    });
    socket.on(LIVE_MESSAGES.event, (event: LiveEventMessage) => {
      if (event.meetingId !== meetingId) return;
      pending.current = answeredBy(pending.current, [event]);
      if (commit(received(current.current, event))) void resync();
    });
    socket.on(LIVE_MESSAGES.presence, (message: LivePresence) => {
      if (message.meetingId === meetingId) setPresent(message.present);
    });
    socket.on(LIVE_MESSAGES.closed, ({ reason }: { reason: string }) => {
      setError(reason);
      socket.disconnect();
    });
    return () => {
      socket.removeAllListeners();
      socket.disconnect();
      socketRef.current = null;
    };
  }, [meetingId, inRoom, countMe, commit]);


  const send = useCallback(
    async (type: LiveCommandType, payload: Record<string, unknown> = {}): Promise<LiveCommandAck> => {
      const socket = socketRef.current;
      if (!socket?.connected) return { ok: false, error: 'Not connected: reconnecting…' };
      const commandId = newId();
      const mine: PendingCommand = { commandId, type, payload, ackSeq: null };
      pending.current = [...pending.current, mine];
      show();
      const settle = (ack: LiveCommandAck) => {
        // Confirmed: it stays shown until its event arrives. Refused: it disappears, and the screen says why.
        pending.current = ack.ok ? pending.current.map((p) => (p === mine ? { ...p, ackSeq: ack.seq } : p)) : pending.current.filter((p) => p !== mine);
        show();
        return ack;
      };
      // Resent with the same commandId after a timeout: the server applies it once.
      for (let attempt = 0; attempt < 3; attempt++) {
        try {
          return settle(await socket.timeout(5000).emitWithAck(LIVE_MESSAGES.command, { commandId, meetingId, type, payload }));
        } catch {
          if (!socket.connected) break;
        }
      }
      return settle({ ok: false, error: 'No answer from the server: check your connection.' });
    },
    [meetingId, show],
  );

  return { state, seq, present, connected, error, offsetMs, send };
}
