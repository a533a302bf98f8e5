import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { MeResponse } from '@als/shared';
import { useCancelMeeting, useCancelSeries, useMeeting } from '@web/features/meetings/api/meetings';
import { ConfirmButton } from '@web/ui/ConfirmButton';
import { FormError } from '@web/ui/FormError';
import { LoadError, Loading, Page } from '@web/ui/Page';
import { SessionRecord } from '@web/features/live/SessionRecord';
import { AgendaPanel } from './AgendaPanel';
import { ChangeMeetingForm } from './ChangeMeetingForm';
import { count, describeRule, formatDay, formatMeetingTime, placeText, zonesDiffer } from '@web/features/meetings/format';
import { RepliesTable } from './RepliesTable';
import { ReplyControls } from './ReplyControls';
import { DialInDetails } from './DialIn';
import { FacilitatorPicker } from '@web/features/facilitation/components/FacilitatorPicker';
import { FacilitatorNotesPanel } from '@web/features/facilitation/components/FacilitatorNotesPanel';

/** One meeting: when and where, the agenda, who is coming, the person's reply; facilitators move, postpone or cancel it. */
export function MeetingPage({ me }: { me: MeResponse }) {
  const { meetingId = '' } = useParams();
  const meeting = useMeeting(meetingId);
  const cancel = useCancelMeeting(meeting.data?.setId ?? '');
  const cancelSeries = useCancelSeries(meeting.data?.setId ?? '');
  const navigate = useNavigate();
  const [changing, setChanging] = useState<'meeting' | 'series' | null>(() => (window.location.hash === '#move' ? 'meeting' : null));
  useEffect(() => {
    if (changing) document.getElementById('change')?.scrollIntoView?.({ block: 'start' });
  }, [changing]);

  if (meeting.isPending) return <Loading what="the meeting" />;
  if (meeting.isError) return <LoadError error={meeting.error} />;
  const m = meeting.data;
  const cancelled = m.status === 'cancelled';
  const started = new Date(m.startsAt).getTime() <= Date.now();
  const facilitating = m.role === 'facilitator';
  const participants = m.replies?.length ?? (m.quorum?.expected ?? 0) + (m.attendance?.apologies ?? 0);
  const duration = (new Date(m.endsAt).getTime() - new Date(m.startsAt).getTime()) / 60_000;
  const title = `${m.setName}: ${formatDay(m.startsAt, me.timeZone)}`;
  return (
    <Page title={title} actions={<Link to={`/sets/${m.setId}/meetings`}>Back to the set</Link>}>
      <section className="panel" aria-labelledby="when-title">
        <h2 id="when-title" className="visually-hidden">
          When and where
        </h2>
        {cancelled && <p className="alert alert--error">This meeting is cancelled.</p>}
        <p className="lead">
          <strong>{formatMeetingTime(m.startsAt, m.endsAt, me.timeZone)}</strong>
          {zonesDiffer(m.startsAt, me.timeZone, m.timeZone) && (
            <span className="muted">
              {' '}
              (your time, {me.timeZone.replace(/_/g, ' ')}; the set's time is {formatMeetingTime(m.startsAt, m.endsAt, m.timeZone)}, {m.timeZone.replace(/_/g, ' ')})
            </span>
          )}
        </p>
        <p>
          {m.format === 'online' && m.videoUrl ? (
            <a className="button" href={m.videoUrl} target="_blank" rel="noreferrer">
              Join the video call
            </a>
          ) : (
            placeText(m)
          )}
          {m.dialInNumbers.length > 0 && (
            <>
              {' '}
              <DialInDetails meeting={m} />
            </>
          )}
          {m.seriesId && m.recurrence && <span className="muted"> · one of a series, {describeRule(m.recurrence)}</span>}
          {m.overridden && <span className="muted"> · changed on its own</span>}
        </p>
        <FacilitatorPicker meeting={m} people={(m.replies ?? []).map((r) => ({ userId: r.userId, displayName: r.displayName }))} canChoose={facilitating} />
        {!cancelled && m.quorum && !m.quorum.met && (
          <p className={facilitating ? 'alert alert--warning' : 'muted'}>
            Quorum at risk: {m.quorum.expected} of the {m.quorum.required} people the set needs can come.
            {facilitating && !started && (
              <>
                {' '}
                The set agreed to postpone below quorum.{' '}
                <button type="button" className="button button--small" onClick={() => setChanging('meeting')}>
                  Postpone
                </button>
              </>
            )}
          </p>
        )}
        {m.role !== 'sponsor' && !cancelled && !started && (
          <>
            <h3>Your reply</h3>
            <ReplyControls meetingId={m.id} setId={m.setId} mine={m.attendance?.mine ?? null} startsAt={m.startsAt} noticeHours={m.apologyNoticeHours} />
          </>
        )}
        {m.role !== 'sponsor' && !cancelled && (
          <p className="form__buttons">
            <Link className="button" to={`/meetings/${m.id}/live`}>
              Open the live session
            </Link>
            {m.format === 'in-person' && (
              <>
                <Link className="button button--quiet" to={`/meetings/${m.id}/live?room=1`}>
                  Join in the room
                </Link>
                <Link className="button button--quiet" to={`/meetings/${m.id}/projector`}>
                  Projector view
                </Link>
              </>
            )}
          </p>
        )}
        <p className="meeting__links">
          <a href={`/api/meetings/${m.id}/ics`} download>
            Add to calendar
          </a>
          {m.role !== 'sponsor' && (
            <>
              {' · '}
              <Link to={`/learning-log?meetingId=${m.id}`}>Write about it in your learning log</Link>
            </>
          )}
        </p>
      </section>

      {m.replies ? (
        <RepliesTable meeting={m} />
      ) : (
        <section className="panel" aria-labelledby="figures-title">
          <h2 id="figures-title">Attendance</h2>
          <p>
            {m.attendance?.attending ?? 0} attending · {count(m.attendance?.apologies ?? 0, 'apology', 'apologies')}
          </p>
        </section>
      )}

      {m.role !== 'sponsor' && <SessionRecord meetingId={m.id} />}

      {(facilitating || (m.role === 'member' && (m.facilitatorId === me.id || m.coFacilitatorId === me.id))) && <FacilitatorNotesPanel target={{ meetingId: m.id }} reflection />}

      {m.role !== 'sponsor' && <AgendaPanel meetingId={m.id} setId={m.setId} seriesId={m.seriesId} agenda={m.agenda} durationMinutes={duration} participants={participants} canEdit={facilitating && !cancelled} />}

      {facilitating && !cancelled && (
        <section className="panel" id="change" aria-labelledby="change-title">
          <h2 id="change-title">Change or cancel</h2>
          {changing ? (
            <ChangeMeetingForm key={m.sequence} meeting={m} scope={changing} onDone={() => setChanging(null)} />
          ) : (
            <div className="form__buttons">
              {!started && (
                <button type="button" className="button" onClick={() => setChanging('meeting')}>
                  Move or change this meeting
                </button>
              )}
              {m.seriesId && (
                <button type="button" className="button button--quiet" onClick={() => setChanging('series')}>
                  Change the whole series
                </button>
              )}
              <ConfirmButton label="Cancel this meeting" confirmLabel="Yes, cancel it and tell everyone" disabled={cancel.isPending} onConfirm={() => cancel.mutate(m.id)} />
              {m.seriesId && (
                <ConfirmButton label="Cancel the rest of the series" confirmLabel="Yes, cancel every meeting to come" disabled={cancelSeries.isPending} onConfirm={() => cancelSeries.mutate(m.seriesId!, { onSuccess: () => navigate(`/sets/${m.setId}`) })} />
              )}
            </div>
          )}
          <FormError error={cancel.error ?? cancelSeries.error} />
        </section>
      )}
    </Page>
  );
}
