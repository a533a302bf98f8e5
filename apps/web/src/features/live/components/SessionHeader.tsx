import { LIVE_PHASE_LABELS, type LiveSessionState } from '@als/shared';
import { Timer } from '@web/features/live/Timer';
import type { LiveSession } from '@web/features/live/useLiveSession';
import { nameOf } from './common';

/** Phase, presenter, timer and who is here: the same on every screen. */
export function SessionHeader({ session, large = false }: { session: LiveSession & { state: LiveSessionState }; large?: boolean }) {
  const { state } = session;
  return (
    <div className={large ? 'live-header live-header--large' : 'live-header'}>
      <div>
        <p className="live-header__phase">{LIVE_PHASE_LABELS[state.phase]}</p>
        {state.presenterId && <p className="live-header__presenter">Presenter: {nameOf(state, state.presenterId)}</p>}
        {state.phase === 'questions' && state.turn && <p className="live-header__turn">Turn: {nameOf(state, state.turn.order[state.turn.index])}</p>}
      </div>
      <Timer timer={state.timer} paused={state.paused} offsetMs={session.offsetMs} large={large} />
    </div>
  );
}
