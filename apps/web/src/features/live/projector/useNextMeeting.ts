import { useQuery } from '@tanstack/react-query';
import type { MeetingResponse } from '@als/shared';
import { api } from '@web/api/client';
import { formatMeetingTime, placeText } from '@web/features/meetings/format';
import { meetingKeys } from '@web/features/meetings/api/meetings';

export interface NextMeeting {
  /** "Tuesday 3 March 2031, 09:30 – 12:30" in the meeting's zone. */
  when: string;
  where: string;
}

/** How far ahead the end screen looks for the next meeting: a set meets every 4 to 6 weeks, a year covers any gap. */
const LOOK_AHEAD_MS = 400 * 24 * 60 * 60 * 1000;

/** The set's first meeting after this one that is not cancelled: null when none is scheduled, undefined while loading. */
export function useNextMeeting(meeting: Pick<MeetingResponse, 'id' | 'setId' | 'startsAt'> | undefined): NextMeeting | null | undefined {
  const query = useQuery({
    queryKey: [...meetingKeys.list(meeting?.setId ?? ''), 'after', meeting?.id ?? ''],
    enabled: Boolean(meeting),
    queryFn: () => {
      const from = meeting!.startsAt;
      const to = new Date(Date.parse(from) + LOOK_AHEAD_MS).toISOString();
      return api.get<MeetingResponse[]>(`/sets/${meeting!.setId}/meetings?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
    },
  });
  if (!meeting || !query.data) return query.isError ? null : undefined;
  const next = query.data
    .filter((m) => m.id !== meeting.id && m.status !== 'cancelled' && Date.parse(m.startsAt) > Date.parse(meeting.startsAt))
    .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt))[0];
  return next ? { when: formatMeetingTime(next.startsAt, next.endsAt, next.timeZone), where: placeText(next) } : null;
}
