import { useState } from 'react';
import { Link } from 'react-router';
import type { MeetingResponse, MeResponse, SetDetailResponse } from '@als/shared';
import { useMeetings } from '@web/features/meetings/api/meetings';
import { LoadError, Loading } from '@web/ui/Page';
import { AttendanceHistory } from './AttendanceHistory';
import { CalendarFeed } from './CalendarFeed';
import { count, formatMeetingTime, placeText, zonesDiffer } from '@web/features/meetings/format';
import { MonthView } from './MonthView';
import { PastMeetings } from './PastMeetings';
import { ReplyControls } from './ReplyControls';
import { ScheduleMeetingForm } from './ScheduleMeetingForm';
import { FacilitatorPicker } from '@web/features/facilitation/components/FacilitatorPicker';
import { RotaPanel } from '@web/features/facilitation/components/RotaPanel';
import { FacilitationHistory } from '@web/features/facilitation/components/FacilitationHistory';

function MeetingItem({ meeting, me, set }: { meeting: MeetingResponse; me: MeResponse; set: SetDetailResponse }) {
  const mine = meeting.attendance?.mine ?? null;
  const cancelled = meeting.status === 'cancelled';
  const facilitating = set.role === 'facilitator';
  const short = !cancelled && meeting.quorum && !meeting.quorum.met;
  return (
    <li className={cancelled ? 'meeting meeting--cancelled' : 'meeting'}>
      <h3>
        {cancelled && <span className="badge badge--danger">Cancelled</span>}{' '}
        <Link to={`/meetings/${meeting.id}`}>{formatMeetingTime(meeting.startsAt, meeting.endsAt, me.timeZone)}</Link>
      </h3>
      {zonesDiffer(meeting.startsAt, me.timeZone, meeting.timeZone) && (
        <p className="muted">
          Set's time: {formatMeetingTime(meeting.startsAt, meeting.endsAt, meeting.timeZone)} ({meeting.timeZone.replace(/_/g, ' ')})
        </p>
      )}
      <p>
        {meeting.format === 'online' && meeting.videoUrl ? (
          <>
            Online: <a href={meeting.videoUrl}>{meeting.videoUrl}</a>
          </>
        ) : (
          placeText(meeting)
        )}
        {meeting.seriesId && <span className="muted"> · part of a series</span>}
      </p>
      <p className="muted">
        {meeting.attendance?.attending ?? 0} attending · {count(meeting.attendance?.apologies ?? 0, 'apology', 'apologies')}
        {(meeting.attendance?.lateApologies ?? 0) > 0 && ` (${meeting.attendance?.lateApologies} late)`}
        {mine && <strong> · your reply: {mine === 'attending' ? 'attending' : 'apology sent'}</strong>}
      </p>
      {short && (
        <p className={facilitating ? 'alert alert--warning' : 'muted'}>
          Quorum at risk: {meeting.quorum!.expected} of the {meeting.quorum!.required} needed can come.
          {facilitating && (
            <>
              {' '}
              <Link to={`/meetings/${meeting.id}#move`}>Postpone it</Link>
            </>
          )}
        </p>
      )}
      <FacilitatorPicker meeting={meeting} people={set.members.filter((p) => p.role !== 'sponsor')} canChoose={facilitating && set.status !== 'closed'} />
      {set.role !== 'sponsor' && !cancelled && set.status !== 'closed' && <ReplyControls meetingId={meeting.id} setId={meeting.setId} mine={mine} startsAt={meeting.startsAt} noticeHours={set.apologyNoticeHours} />}
      <p className="meeting__links">
        <Link to={`/meetings/${meeting.id}`}>Meeting page (agenda, who is coming)</Link> · <a href={`/api/meetings/${meeting.id}/ics`} download>Add to calendar</a>
      </p>
    </li>
  );
}

/** The set's coming meetings in the viewer's own time, as a list or a month; replies, calendar links; facilitators schedule. */
export function MeetingsPanel({ set, me }: { set: SetDetailResponse; me: MeResponse }) {
  const meetings = useMeetings(set.id);
  const [scheduling, setScheduling] = useState(false);
  const [rota, setRota] = useState(false);
  const [view, setView] = useState<'list' | 'month'>('list');
  const facilitating = set.role === 'facilitator';
  // A closed set takes no new meetings.
  const closed = set.status === 'closed';
  return (
    <section className="panel" aria-labelledby="meetings-title">
      <div className="page__header">
        <h2 id="meetings-title">Meetings</h2>
        <div className="form__buttons">
          <div role="group" aria-label="Show meetings as" className="toggle">
            <button type="button" className="button button--quiet button--small" aria-pressed={view === 'list'} onClick={() => setView('list')}>
              List
            </button>
            <button type="button" className="button button--quiet button--small" aria-pressed={view === 'month'} onClick={() => setView('month')}>
              Month
            </button>
          </div>
          {facilitating && !closed && !scheduling && (
            <button type="button" className="button" onClick={() => setScheduling(true)}>
              Schedule a meeting
            </button>
          )}
          {facilitating && !closed && !rota && (meetings.data?.length ?? 0) > 0 && (
            <button type="button" className="button button--quiet" onClick={() => setRota(true)}>
              Make a rota
            </button>
          )}
        </div>
      </div>
      {scheduling && !closed && <ScheduleMeetingForm setId={set.id} timeZone={set.timeZone} onDone={() => setScheduling(false)} />}
      {rota && meetings.data && <RotaPanel meetings={meetings.data} people={set.members.filter((p) => p.role !== 'sponsor')} zone={me.timeZone} onDone={() => setRota(false)} />}
      {meetings.isPending && <Loading what="meetings" />}
      {meetings.isError && <LoadError error={meetings.error} />}
      {meetings.data?.length === 0 && <p className="muted">{closed ? 'The set is closed: no meetings are to come.' : 'No meetings are scheduled yet.'}</p>}
      {meetings.data && meetings.data.length > 0 && view === 'list' && (
        <ul className="meetings">
          {meetings.data.map((meeting) => (
            <MeetingItem key={meeting.id} meeting={meeting} me={me} set={set} />
          ))}
        </ul>
      )}
      {meetings.data && meetings.data.length > 0 && view === 'month' && <MonthView meetings={meetings.data} zone={me.timeZone} />}
      <PastMeetings set={set} me={me} />
      <AttendanceHistory set={set} zone={me.timeZone} />
      <FacilitationHistory set={set} zone={me.timeZone} />
      <CalendarFeed me={me} />
    </section>
  );
}
