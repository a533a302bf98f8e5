import { useState, type ReactNode } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { mayFacilitate, PRESENTER_ROUND, type LiveSessionState, type MeResponse } from '@als/shared';
import { Page } from '@web/ui/Page';
import { CallPanel } from './call/CallPanel';
import { Bidding } from './components/Bidding';
import { CheckIn } from './components/CheckIn';
import { Contracting } from './components/Contracting';
import { DialogueControls } from './components/Dialogue';
import { Offers } from './components/Offers';
import { FacilitatorConsole } from './components/FacilitatorConsole';
import { PresenterAsk } from './components/PresenterAsk';
import { PresenterWork } from './components/PresenterWork';
import { QuestionList, Questions } from './components/Questions';
import { ReportBackFor } from './components/ReportBackFor';
import { Review } from './components/Review';
import { SessionHeader } from './components/SessionHeader';
import { LiveAnnouncer } from './components/LiveAnnouncer';
import { LiveMeetingInfo } from './components/LiveMeetingInfo';
import { useTakingPart } from './components/TakingPart';
import { useMeeting } from '@web/features/meetings/api/meetings';
import { ReflectionOffer } from '@web/features/facilitation/components/ReflectionOffer';
import { useLiveSession, type LiveSession } from './useLiveSession';

function Shell({ title, children, session }: { title: string; children: ReactNode; session: Pick<LiveSession, 'connected' | 'error'> }) {
  return (
    <Page title={title}>
      {!session.connected && !session.error && (
        <p className="alert alert--warning" role="status">
          Reconnecting… what you see may be a moment behind.
        </p>
      )}
      {session.error && (
        <p className="alert alert--error" role="alert">
          {session.error}
        </p>
      )}
      {children}
    </Page>
  );
}

/** The session's panels for this person: the facilitator's console if they run it (mayFacilitate, the reducer's own rule), and the current phase's work. */
export function LiveSessionView({ meetingId, me, session, countMe = true, inRoom = false }: { meetingId: string; me: string; session: LiveSession & { state: LiveSessionState }; countMe?: boolean; inRoom?: boolean }) {
  const { state, send } = session;
  const facilitating = session.role !== null && mayFacilitate(state, { userId: me, role: session.role, facilitates: session.facilitates });
  useTakingPart({ state, send, takes: countMe, facilitating, inRoom, me });
  return (
    <>
      <p>
        <Link to={`/meetings/${meetingId}`}>Meeting page</Link> · <Link to={`/meetings/${meetingId}/projector`}>Projector view</Link>
      </p>
      <SessionHeader session={session} />
      <LiveAnnouncer state={state} offsetMs={session.offsetMs} />
      <p className="muted" aria-live="polite">
        Here: {session.present.map((p) => `${p.displayName}${p.inRoom ? ' (in the room)' : ''}`).join(', ') || (countMe ? 'just you' : 'nobody counted yet')}
      </p>
      {session.channel && <CallPanel meetingId={meetingId} me={me} state={state} session={session} facilitating={facilitating} />}
      {facilitating && <FacilitatorConsole state={state} send={send} me={me} />}
      {state.phase === 'lobby' && !facilitating && <p className="panel">Waiting for the facilitator to start.</p>}
      {state.phase !== 'lobby' && state.phase !== 'ended' && <Contracting state={state} me={me} facilitating={facilitating} send={send} />}
      {state.phase === 'check-in' && <CheckIn state={state} me={me} send={send} facilitating={facilitating} />}
      {state.phase === 'check-in' && facilitating && <ReportBackFor state={state} me={me} send={send} />}
      {state.phase === 'bidding' && <Bidding state={state} me={me} facilitating={facilitating} send={send} />}
      {PRESENTER_ROUND.includes(state.phase) && <PresenterAsk state={state} me={me} facilitating={facilitating} send={send} />}
      {facilitating && ['present', 'clarifying', 'questions'].includes(state.phase) && <DialogueControls state={state} send={send} />}
      {(state.phase === 'clarifying' || state.phase === 'questions') && <Questions state={state} me={me} facilitating={facilitating} send={send} />}
      {PRESENTER_ROUND.includes(state.phase) && <QuestionList state={state} me={me} facilitating={facilitating} send={send} />}
      <Offers state={state} me={me} facilitating={facilitating} send={send} />
      {(state.phase === 'reflection' || state.phase === 'actions') && <PresenterWork state={state} me={me} facilitating={facilitating} send={send} />}
      {(state.phase === 'process-review' || state.phase === 'check-out') && <Review state={state} me={me} facilitating={facilitating} send={send} />}
      {state.phase === 'ended' && (
        <section className="panel">
          <h2>The session has ended</h2>
          <p>
            Thank you. {state.actions.length} action{state.actions.length === 1 ? '' : 's'} agreed. The record is on the <Link to={`/meetings/${meetingId}`}>meeting page</Link>.
          </p>
        </section>
      )}
      {state.phase === 'ended' && facilitating && <ReflectionOffer meetingId={meetingId} />}
    </>
  );
}

/** The live meeting for facilitators and members, remote or in the room. */
export function LivePage({ me }: { me: MeResponse }) {
  const { meetingId = '' } = useParams();
  const [params] = useSearchParams();
  const inRoom = params.get('room') === '1';
  // A console in the room counts its own account at the meeting only when its person chooses so.
  const [countMe, setCountMe] = useState(!inRoom);
  const session = useLiveSession(meetingId, { inRoom, present: countMe, userId: me.id });
  const { state } = session;
  const meeting = useMeeting(meetingId);
  return (
    <Shell title={meeting.data ? `${meeting.data.setName}: live session` : 'Live session'} session={session}>
      {meeting.data && <LiveMeetingInfo meeting={meeting.data} zone={me.timeZone} />}
      {inRoom && (
        <label className="checkbox">
          <input type="checkbox" checked={countMe} onChange={(e) => setCountMe(e.target.checked)} /> I take part in this meeting (count me as present, not only this screen)
        </label>
      )}
      {state ? <LiveSessionView meetingId={meetingId} me={me.id} session={{ ...session, state }} countMe={countMe} inRoom={inRoom} /> : !session.error && <p className="muted">Joining the session…</p>}
    </Shell>
  );
}
