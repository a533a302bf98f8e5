import { useEffect, useRef } from 'react';
import { isObserver, type LiveSessionState } from '@als/shared';
import type { LiveSession } from '../useLiveSession';

/**
 * The console's "I take part" choice, told to the session (`takePart`): a facilitator running a
 * face-to-face meeting from this device without taking part is then not counted among the
 * participants on any screen or the projector (the check-in round, the turns, the ratings' and
 * check-out's counts, the airtime list). Sent once the session runs and whenever the choice and
 * the session's state differ; the state (optimistic at once) keeps it from being sent twice.
 */
export function useTakingPart({ state, send, takes, facilitating, inRoom, me }: { state: LiveSessionState; send: LiveSession['send']; takes: boolean; facilitating: boolean; inRoom: boolean; me: string }) {
  const sent = useRef<boolean | null>(null);
  const running = state.phase !== 'lobby' && state.phase !== 'ended';
  const differs = isObserver(state, me) === takes;
  useEffect(() => {
    if (!inRoom || !facilitating || !running || !differs) {
      sent.current = null;
      return;
    }
    if (sent.current === takes) return;
    sent.current = takes;
    void send('takePart', { takes }).catch(() => {
      sent.current = null;
    });
  }, [inRoom, facilitating, running, differs, takes, send]);
}
