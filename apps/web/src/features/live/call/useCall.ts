import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { LiveSession } from '@web/features/live/useLiveSession';
import { browserCallEnvironment } from './browserCall';
import { CallMesh, type CallEnvironment } from './callMesh';
import { socketSignalling, type CallSignalling } from './callSignalling';

/** The set's own call for a component: one CallMesh per meeting and person, rejoined when the live connection comes back. */
export function useCall(meetingId: string, me: string, session: Pick<LiveSession, 'connected' | 'offsetMs' | 'channel'>, make?: { signalling?: CallSignalling; env?: CallEnvironment }) {
  const offset = useRef(session.offsetMs);
  offset.current = session.offsetMs;
  const [mesh] = useState(() => new CallMesh(me, make?.signalling ?? socketSignalling(() => session.channel?.() ?? null, meetingId), make?.env ?? browserCallEnvironment(() => offset.current)));
  const view = useSyncExternalStore(mesh.subscribe, mesh.getSnapshot);
  const wasConnected = useRef(session.connected);
  useEffect(() => {
    // Back after a dropped connection or a server restart: in the call again, ICE restarted.
    if (session.connected && !wasConnected.current) void mesh.rejoin();
    wasConnected.current = session.connected;
  }, [session.connected, mesh]);
  useEffect(() => () => mesh.close(), [mesh]);
  return { mesh, view };
}
