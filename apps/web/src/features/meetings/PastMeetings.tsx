import { Link } from 'react-router';
import type { MeetingResponse, MeResponse, SetDetailResponse } from '@als/shared';
import { useQuery } from '@tanstack/react-query';
import { api } from '@web/api/client';
import { LoadError, Loading } from '@web/ui/Page';
import { formatMeetingTime, placeText } from './format';

/** The meetings a set held, newest first: from a year before the set was made (meetings recorded after the fact) until it closed. */
export function usePastMeetings(set: Pick<SetDetailResponse, 'id' | 'createdAt' | 'closedAt'>, enabled: boolean) {
  return useQuery({
    // Under the set's meetings key: whatever refreshes those refreshes this.
    queryKey: ['sets', set.id, 'meetings', 'past'] as const,
    enabled,
    queryFn: async () => {
      const from = new Date(Date.parse(set.createdAt) - 366 * 86_400_000).toISOString();
      const to = set.closedAt ?? new Date().toISOString();
      const meetings = await api.get<MeetingResponse[]>(`/sets/${set.id}/meetings?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
      return meetings.filter((m) => m.status !== 'cancelled').reverse();
    },
  });
}

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
              <Link to={`/meetings/${m.id}`}>{formatMeetingTime(m.startsAt, m.endsAt, me.timeZone)}</Link> <span className="muted">· {placeText(m)} · {m.attendance?.attending ?? 0} attending</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
