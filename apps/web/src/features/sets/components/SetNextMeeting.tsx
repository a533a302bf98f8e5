import { Link } from 'react-router';
import type { MeResponse, SetDetailResponse } from '@als/shared';
import { useMeetings } from '@web/features/meetings/api/meetings';
import { DialInDetails } from '@web/features/meetings/components/DialIn';
import { formatMeetingTime, placeText } from '@web/features/meetings/format';

/** The overview's first panel: when and where the set meets next, and the way to the live room once it has begun or is about to. */
export function SetNextMeeting({ set, me }: { set: SetDetailResponse; me: MeResponse }) {
  const meetings = useMeetings(set.id);
  if (!meetings.data) return null;
  const now = Date.now();
  const next = meetings.data.find((m) => m.status === 'scheduled' && new Date(m.endsAt).getTime() > now);
  return (
    <section className="panel" aria-labelledby="next-meeting-title">
      <h2 id="next-meeting-title">Next meeting</h2>
      {next ? (
        <>
          <p>
            <Link to={`/meetings/${next.id}`}>{formatMeetingTime(next.startsAt, next.endsAt, me.timeZone)}</Link>
          </p>
          <p>
            {next.format === 'online' && next.videoUrl ? (
              <a href={next.videoUrl} target="_blank" rel="noreferrer">
                Video call link<span className="visually-hidden"> (opens in a new tab)</span>
              </a>
            ) : (
              placeText(next)
            )}{' '}
            <DialInDetails meeting={next} />
          </p>
          {set.role !== 'sponsor' && new Date(next.startsAt).getTime() - now < 15 * 60_000 && (
            <p>
              <Link className="button" to={`/meetings/${next.id}/live`}>
                Join the session
              </Link>
            </p>
          )}
          {next.attendance && (
            <p className="muted">
              {next.attendance.attending} attending, {next.attendance.apologies} {next.attendance.apologies === 1 ? 'apology' : 'apologies'}
              {set.role !== 'sponsor' && ` · your reply: ${next.attendance.mine === null ? 'not sent yet' : next.attendance.mine === 'attending' ? 'attending' : 'apology sent'}`}
            </p>
          )}
        </>
      ) : (
        <p className="muted">No meeting is scheduled.{set.role === 'facilitator' && <> <Link to={`/sets/${set.id}/meetings`}>Schedule one</Link>.</>}</p>
      )}
    </section>
  );
}
