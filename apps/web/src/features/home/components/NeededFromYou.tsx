import { Link } from 'react-router';
import { LIVE_PHASE_LABELS, ROUND_PHASE_ASK, ROUND_PHASE_LABELS, type AgendaMeeting, type AgendaResponse, type AgendaRound } from '@als/shared';
import { useAgenda, useAttendFromHome } from '@web/features/home/api/agenda';
import { formatMeetingTime } from '@web/features/meetings/format';
import { FormError } from '@web/ui/FormError';
import { LoadError, Loading } from '@web/ui/Page';

/** "Thursday 4 March, 09:00" in the person's zone. */
function formatDeadline(at: string, zone: string): string {
  return new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', timeZone: zone }).format(new Date(at));
}

function Place({ meeting }: { meeting: AgendaMeeting }) {
  if (meeting.format === 'online') {
    return meeting.videoUrl ? (
      <a href={meeting.videoUrl} rel="noreferrer" target="_blank" aria-label={`Video call link for ${meeting.setName} (opens in a new tab)`}>
        Video call link
      </a>
    ) : (
      <span>Online (link to follow)</span>
    );
  }
  return <span>{meeting.location || 'In person (venue to follow)'}</span>;
}

function StartingNow({ meetings, zone }: { meetings: AgendaMeeting[]; zone: string }) {
  return (
    <section className="panel panel--now" aria-labelledby="now-title">
      <h2 id="now-title">Starting now</h2>
      <ul className="agenda">
        {meetings.map((m) => (
          <li key={m.meetingId}>
            <p>
              <strong>{m.setName}</strong> · {formatMeetingTime(m.startsAt, m.endsAt, zone)}
              {m.livePhase && m.livePhase !== 'lobby' && <> · under way: {LIVE_PHASE_LABELS[m.livePhase]}</>}
            </p>
            <p className="agenda__actions">
              {m.role !== 'sponsor' && (
                <Link className="button" to={`/meetings/${m.meetingId}/live`} aria-label={`Join the session of ${m.setName}`}>
                  Join the session
                </Link>
              )}
              <Place meeting={m} />
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

function RoundsOwed({ rounds, zone }: { rounds: AgendaRound[]; zone: string }) {
  return (
    <section className="panel" aria-labelledby="rounds-owed-title">
      <h2 id="rounds-owed-title">Rounds waiting for you</h2>
      <ul className="agenda">
        {rounds.map((r) => (
          <li key={r.roundId}>
            <p>
              <Link to={`/rounds/${r.roundId}`}>{r.title}</Link> · {r.setName} · {ROUND_PHASE_LABELS[r.phase]}
            </p>
            <p className="muted">
              {r.phase !== 'case' && r.phase !== 'closed' && ROUND_PHASE_ASK[r.phase][r.presenting ? 'presenter' : 'members']}
              {r.phaseEndsAt && <> Due by {formatDeadline(r.phaseEndsAt, zone)} (your time).</>}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

function RepliesToSend({ meetings, zone }: { meetings: AgendaMeeting[]; zone: string }) {
  const attend = useAttendFromHome();
  return (
    <section className="panel" aria-labelledby="replies-title">
      <h2 id="replies-title">Replies to send</h2>
      <p className="muted">Will you be there? Your set plans around who comes.</p>
      <ul className="agenda">
        {meetings.map((m) => (
          <li key={m.meetingId}>
            <p>
              <Link to={`/meetings/${m.meetingId}`}>{formatMeetingTime(m.startsAt, m.endsAt, zone)}</Link> · {m.setName}
            </p>
            <p className="agenda__actions">
              <button type="button" className="button button--small" disabled={attend.isPending} onClick={() => attend.mutate({ meetingId: m.meetingId, setId: m.setId })} aria-label={`I will attend on ${formatMeetingTime(m.startsAt, m.endsAt, zone)}`}>
                I will attend
              </button>
              <Link className="button button--quiet button--small" to={`/meetings/${m.meetingId}`} aria-label={`Send an apology for ${formatMeetingTime(m.startsAt, m.endsAt, zone)}`}>
                Send an apology
              </Link>
            </p>
            {attend.isError && attend.variables?.meetingId === m.meetingId && <FormError error={attend.error} />}
          </li>
        ))}
      </ul>
    </section>
  );
}

function NextMeetings({ meetings, zone }: { meetings: AgendaMeeting[]; zone: string }) {
  return (
    <section className="panel" aria-labelledby="next-title">
      <h2 id="next-title">Next meetings</h2>
      <ul className="agenda">
        {meetings.map((m) => (
          <li key={m.meetingId}>
            <p>
              <Link to={`/meetings/${m.meetingId}`}>{formatMeetingTime(m.startsAt, m.endsAt, zone)}</Link> · <strong>{m.setName}</strong>
            </p>
            <p className="muted">
              <Place meeting={m} />
              {m.myReply && <> · your reply: {m.myReply === 'attending' ? 'attending' : 'apology sent'}</>}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

function isEmpty(agenda: AgendaResponse): boolean {
  return agenda.now.length + agenda.roundsOwed.length + agenda.repliesToSend.length + agenda.nextMeetings.length === 0;
}

/**
 * The home page's first part: what is needed from the person across all their sets, most urgent
 * first (a session starting now, rounds waiting, replies), then the next meeting of each set.
 * Every time is shown in the person's own zone. Actions to report on are the page's next panel.
 */
export function NeededFromYou() {
  const agenda = useAgenda();
  if (agenda.isPending) return <Loading what="what is needed from you" />;
  if (agenda.isError) return <LoadError error={agenda.error} />;
  const a = agenda.data;
  if (isEmpty(a)) return null;
  return (
    <>
      {a.now.length > 0 && <StartingNow meetings={a.now} zone={a.timeZone} />}
      {a.roundsOwed.length > 0 && <RoundsOwed rounds={a.roundsOwed} zone={a.timeZone} />}
      {a.repliesToSend.length > 0 && <RepliesToSend meetings={a.repliesToSend} zone={a.timeZone} />}
      {a.nextMeetings.length > 0 && <NextMeetings meetings={a.nextMeetings} zone={a.timeZone} />}
    </>
  );
}
