import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { io } from 'socket.io-client';
import { LIVE_NAMESPACE, type LiveCommandAck, type LiveCommandType } from '@als/shared';
import { LiveSessionStore, type LiveSessionSnapshot, type LiveSocket } from './liveSessionStore';

export interface LiveSession extends LiveSessionSnapshot {
  send(type: LiveCommandType, payload?: Record<string, unknown>): Promise<LiveCommandAck>;
  /** The live connection (the call signals over it); absent in tests that show panels only. */
  channel?: () => LiveSocket | null;
}

const connect = (): LiveSocket => io(LIVE_NAMESPACE, { path: '/socket.io', transports: ['websocket'], withCredentials: true });

/** A meeting's live session for a component: the store (liveSessionStore.ts) of this meeting, read through useSyncExternalStore. */
export function useLiveSession(meetingId: string, options: { inRoom?: boolean; present?: boolean; userId?: string } = {}): LiveSession {
  const { inRoom = false, present = true, userId } = options;
  const [store, setStore] = useState(() => new LiveSessionStore({ meetingId, inRoom, present, userId, connect }));
  const [key, setKey] = useState({ meetingId, inRoom, present, userId });
  // Another meeting (or person, or place, or counting): a store of its own.
  if (key.meetingId !== meetingId || key.inRoom !== inRoom || key.present !== present || key.userId !== userId) {
    setKey({ meetingId, inRoom, present, userId });
    setStore(new LiveSessionStore({ meetingId, inRoom, present, userId, connect }));
  }
  useEffect(() => {
    store.start();
    return () => store.stop();
  }, [store]);
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot);
  return useMemo(() => ({ ...snapshot, send: store.send, channel: store.channel }), [snapshot, store]);
}
