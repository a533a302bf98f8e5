import { useEffect } from 'react';
import { useParams } from 'react-router';
import { LIVE_PHASE_LABELS, type LiveSessionState } from '@als/shared';
import { Timer } from './Timer';
import { useLiveSession, type LiveSession } from './useLiveSession';

const nameOf = (state: LiveSessionState, userId: string | null | undefined) => state.roster.find((p) => p.userId === userId)?.displayName ?? '';

/**
 * The room's shared screen: large timer, phase, presenter, turn order and the questions as they
 * are recorded. Read-only, high contrast, legible from the back of a room.
 */
export function ProjectorPage() {
  const { meetingId = '' } = useParams();
  const session: LiveSession = useLiveSession(meetingId, { inRoom: true, present: false });
  const { state } = session;
  useEffect(() => {
    document.title = 'Projector · Action learning sets';
    document.body.classList.add('projector-body');
    return () => document.body.classList.remove('projector-body');
  }, []);
  if (!state) return <main className="projector"><p className="projector__phase">{session.error ?? 'Joining…'}</p></main>;
  const questions = state.questions.filter((q) => q.presenterId === state.presenterId && !state.withheld.includes(q.presenterId));
  return (
    <main className="projector" aria-label="Projector view">
      {!session.connected && <p className="projector__banner">Reconnecting…</p>}
      <div className="projector__top">
        <div>
          <p className="projector__phase">{LIVE_PHASE_LABELS[state.phase]}</p>
          {state.presenterId && <p className="projector__presenter">{nameOf(state, state.presenterId)}</p>}
        </div>
        <Timer timer={state.timer} paused={state.paused} offsetMs={session.offsetMs} large />
      </div>
      {state.turn && (
        <ol className="projector__turns" aria-label="Turn order">
          {state.turn.order.map((id, i) => (
            <li key={id} className={i === state.turn!.index ? 'projector__turn projector__turn--now' : 'projector__turn'}>
              {nameOf(state, id)}
            </li>
          ))}
        </ol>
      )}
      {questions.length > 0 && (
        <ol className="projector__questions" aria-label="Questions">
          {questions.slice(-6).map((q) => (
            <li key={q.id}>{q.text}</li>
          ))}
        </ol>
      )}
      {state.phase === 'bidding' && (
        <ul className="projector__questions" aria-label="Bids">
          {state.roster.map((p) => (
            <li key={p.userId}>
              {p.displayName}: {state.bids[p.userId] ? (state.bids[p.userId].wantsTime ? `wants time · ${state.bids[p.userId].urgency}` : 'not today') : '…'}
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
