import { Fragment, useEffect } from 'react';
import { useParams } from 'react-router';
import { presenterAsk, type LiveSessionState } from '@als/shared';
import { useMeeting } from '@web/features/meetings/api/meetings';
import { formatMeetingTime } from '@web/features/meetings/format';
import { Timer } from './Timer';
import { JoinCode } from './projector/JoinCode';
import { joinUrl, projectorPhaseLabel } from './projector/phases';
import { ProjectorPanel } from './projector/ProjectorPanels';
import { useNextMeeting } from './projector/useNextMeeting';
import './projector/projector.css';
import { useLiveSession, type LiveSession } from './useLiveSession';

const nameOf = (state: LiveSessionState, userId: string | null | undefined) => state.roster.find((p) => p.userId === userId)?.displayName ?? '';

/** The phase's name: each word kept whole on its line ("Check-in" never breaks at its hyphen). */
function PhaseTitle({ label }: { label: string }) {
  const words = label.split(' ');
  return (
    <h1 className="projector__phase">
      {words.map((word, i) => (
        <Fragment key={i}>
          {i > 0 && ' '}
          <span className="projector__word">{word}</span>
        </Fragment>
      ))}
    </h1>
  );
}

/** Whose turn it is: the open questions' turn order, or else the agreed presenter order. */
function TurnOrder({ state }: { state: LiveSessionState }) {
  if (state.turn) {
    const { order, index } = state.turn;
    return (
      <section className="projector-turns" aria-label="Turn order">
        <h2 className="projector-side__title">Asking in turn</h2>
        <ol>
          {order.map((id, i) => (
            <li key={id} className={i === index ? 'projector-turns__now' : i < index ? 'projector-turns__done' : undefined} aria-current={i === index ? 'step' : undefined}>
              {nameOf(state, id)}
            </li>
          ))}
        </ol>
      </section>
    );
  }
  if (!state.order.length || state.phase === 'lobby' || state.phase === 'check-in') return null;
  return (
    <section className="projector-turns" aria-label="Presenters">
      <h2 className="projector-side__title">{state.phase === 'bidding' ? 'Order so far' : 'Presenters'}</h2>
      <ol>
        {state.order.map((id) => (
          <li key={id} className={id === state.presenterId ? 'projector-turns__now' : state.presented.includes(id) ? 'projector-turns__done' : undefined} aria-current={id === state.presenterId ? 'step' : undefined}>
            {nameOf(state, id)}
          </li>
        ))}
      </ol>
    </section>
  );
}

/**
 * The room's shared screen, read from 4 m: the set and meeting, the phase, the presenter and their
 * ask, a large timer, whose turn it is, what the phase needs the room to see, and a QR code for
 * people joining from their phones. Read-only; any phase it does not know shows its name.
 */
export function ProjectorPage() {
  const { meetingId = '' } = useParams();
  const session: LiveSession = useLiveSession(meetingId, { inRoom: true, present: false });
  const meeting = useMeeting(meetingId).data;
  const next = useNextMeeting(meeting);
  const { state } = session;
  useEffect(() => {
    document.title = meeting ? `Projector · ${meeting.setName}` : 'Projector · Action learning sets';
    document.body.classList.add('projector-body');
    return () => document.body.classList.remove('projector-body');
  }, [meeting]);
  const join = joinUrl(window.location.origin, meetingId);
  if (!state) {
    return (
      <main className="projector projector--waiting">
        <p className="projector__phase">{session.error ?? 'Joining…'}</p>
      </main>
    );
  }
  const ask = presenterAsk(state);
  const shownAsk = ask && !state.withheld.includes(ask.presenterId) ? ask : null;
  const presenter = state.presenterId ? nameOf(state, state.presenterId) : '';
  const ended = state.phase === 'ended';
  return (
    <main className={`projector projector--${ended ? 'ended' : 'live'}`} aria-label="Projector view">
      <header className="projector__head">
        <p className="projector__set">{meeting?.setName ?? ''}</p>
        {meeting && <p className="projector__when">{formatMeetingTime(meeting.startsAt, meeting.endsAt, meeting.timeZone)}</p>}
        {!session.connected && <p className="projector__banner">Reconnecting…</p>}
      </header>
      <div className="projector__main">
        <PhaseTitle label={projectorPhaseLabel(state.phase)} />
        {presenter && !ended && (
          <p className="projector__presenter">
            <span className="projector__presenter-label">Presenter</span> {presenter}
          </p>
        )}
        {shownAsk && !ended && (
          <blockquote className="projector__ask" aria-label="The presenter’s ask">
            {shownAsk.text}
          </blockquote>
        )}
        <ProjectorPanel state={state} present={session.present.map((p) => p.displayName)} next={next} join={join} />
      </div>
      <aside className="projector__side" aria-label="Time and turns">
        {!ended && <Timer timer={state.timer} paused={state.paused} offsetMs={session.offsetMs} large />}
        <TurnOrder state={state} />
        {!ended && state.phase !== 'lobby' && <JoinCode url={join} />}
      </aside>
    </main>
  );
}
