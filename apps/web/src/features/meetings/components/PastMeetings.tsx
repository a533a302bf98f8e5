import { Link } from 'react-router';
import type { MeResponse, SetDetailResponse } from '@als/shared';
import { usePastMeetings } from '@web/features/meetings/api/meetings';
import { LoadError, Loading } from '@web/ui/Page';
import { formatMeetingTime, placeText } from '@web/features/meetings/format';
import { facilitatedText } from '@web/features/facilitation/components/FacilitatorPicker';

/** A closed set's record of its meetings: each one held, with its page (agenda, attendance, the session record). */
export function PastMeetings({ set, me }: { set: SetDetailResponse; me: MeResponse }) {
  const past = usePastMeetings(set, set.status === 'closed');
  if (set.status !== 'closed') return null;
  return (
    <section aria-labelledby="past-meetings-title">
      <h3 id="past-meetings-title">Meetings held</h3>
      {past.isPending && <Loading what="past meetings" />}
      {past.isError && <LoadError error={past.error} />}
      {past.data?.length === 0 && <p className="muted">The set held no meetings.</p>}
      {past.data && past.data.length > 0 && (
        <ul className="meetings">
          {past.data.map((m) => (
            <li key={m.id} className="meeting">
              <Link to={`/meetings/${m.id}`}>{formatMeetingTime(m.startsAt, m.endsAt, me.timeZone)}</Link> <span className="muted">· {placeText(m)} · {m.attendance?.attending ?? 0} attending{m.facilitatedBy && m.facilitatedBy.length > 0 && ` · ${facilitatedText(m.facilitatedBy)}`}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
