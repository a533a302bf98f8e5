import { useState } from 'react';
import type { MeetingResponse, MeResponse, SetDetailResponse } from '@als/shared';
import { useCancelMeeting, useMeetings, useReply } from '@web/api/queries';
import { ConfirmButton } from '@web/ui/ConfirmButton';
import { FormError } from '@web/ui/FormError';
import { LoadError, Loading } from '@web/ui/Page';
import { CalendarFeed } from './CalendarFeed';
import { formatMeetingTime, zonesDiffer } from './format';
import { ScheduleMeetingForm } from './ScheduleMeetingForm';

function MeetingItem({ meeting, me, setId, canReply, canManage }: { meeting: MeetingResponse; me: MeResponse; setId: string; canReply: boolean; canManage: boolean }) {
  const reply = useReply(setId);
  const cancel = useCancelMeeting(setId);
  const [apologising, setApologising] = useState(false);
  const [reason, setReason] = useState('');
  const mine = meeting.attendance?.mine ?? null;
  const cancelled = meeting.status === 'cancelled';
  const reasonId = `reason-${meeting.id}`;
  return (
    <li className={cancelled ? 'meeting meeting--cancelled' : 'meeting'}>
      <h3>
        {cancelled && <span className="badge badge--danger">Cancelled</span>} {formatMeetingTime(meeting.startsAt, meeting.endsAt, me.timeZone)}
      </h3>
      {zonesDiffer(meeting.startsAt, me.timeZone, meeting.timeZone) && (
        <p className="muted">Set's time: {formatMeetingTime(meeting.startsAt, meeting.endsAt, meeting.timeZone)} ({meeting.timeZone.replace(/_/g, ' ')})</p>
      )}
      <p>
        {meeting.format === 'online' ? (
          meeting.videoUrl ? (
            <>
              Online: <a href={meeting.videoUrl}>{meeting.videoUrl}</a>
            </>
          ) : (
            'Online'
          )
        ) : (
          meeting.location || 'In person'
        )}
        {meeting.seriesId && <span className="muted"> · part of a series</span>}
      </p>
      <p className="muted">
        {meeting.attendance?.attending ?? 0} attending · {meeting.attendance?.apologies ?? 0} apologies
        {mine && <strong> · your reply: {mine === 'attending' ? 'attending' : 'apology sent'}</strong>}
      </p>
      <FormError error={reply.error ?? cancel.error} />
      <div className="form__buttons">
        {canReply && !cancelled && (
          <>
            <button type="button" className="button" aria-pressed={mine === 'attending'} disabled={reply.isPending} onClick={() => reply.mutate({ meetingId: meeting.id, status: 'attending' })}>
              I will attend
            </button>
            <button type="button" className="button button--quiet" aria-expanded={apologising} onClick={() => setApologising((v) => !v)}>
              Send an apology
            </button>
          </>
        )}
        <a className="button button--quiet" href={`/api/meetings/${meeting.id}/ics`} download>
          Add to calendar
        </a>
        {canManage && !cancelled && <ConfirmButton label="Cancel meeting" confirmLabel="Yes, cancel this meeting" disabled={cancel.isPending} onConfirm={() => cancel.mutate(meeting.id)} />}
      </div>
      {apologising && (
        <form
          className="form"
          onSubmit={(event) => {
            event.preventDefault();
            reply.mutate({ meetingId: meeting.id, status: 'apology', reason }, { onSuccess: () => setApologising(false) });
          }}
        >
          <div className="field">
            <label htmlFor={reasonId}>Reason (the set sees it)</label>
            <textarea id={reasonId} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
          </div>
          <div className="form__buttons">
            <button type="submit" className="button" disabled={reply.isPending}>
              Send apology
            </button>
          </div>
        </form>
      )}
    </li>
  );
}

/** The set's coming meetings in the viewer's own time, replies, calendar links; facilitators schedule. */
export function MeetingsPanel({ set, me }: { set: SetDetailResponse; me: MeResponse }) {
  const meetings = useMeetings(set.id);
  const [scheduling, setScheduling] = useState(false);
  const facilitating = set.role === 'facilitator';
  return (
    <section className="panel" aria-labelledby="meetings-title">
      <div className="page__header">
        <h2 id="meetings-title">Meetings</h2>
        {facilitating && !scheduling && (
          <button type="button" className="button" onClick={() => setScheduling(true)}>
            Schedule a meeting
          </button>
        )}
      </div>
      {scheduling && <ScheduleMeetingForm setId={set.id} timeZone={set.timeZone} onDone={() => setScheduling(false)} />}
      {meetings.isPending && <Loading what="meetings" />}
      {meetings.isError && <LoadError error={meetings.error} />}
      {meetings.data?.length === 0 && <p className="muted">No meetings are scheduled yet.</p>}
      {meetings.data && meetings.data.length > 0 && (
        <ul className="meetings">
          {meetings.data.map((meeting) => (
            <MeetingItem key={meeting.id} meeting={meeting} me={me} setId={set.id} canReply={set.role !== 'sponsor'} canManage={facilitating} />
          ))}
        </ul>
      )}
      <CalendarFeed me={me} />
    </section>
  );
}
