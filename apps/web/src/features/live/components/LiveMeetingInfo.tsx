import type { MeetingDetailResponse } from '@als/shared';
import { DialInDetails } from '@web/features/meetings/components/DialIn';
import { formatMeetingTime } from '@web/features/meetings/format';

/** The live room's heading: which meeting of which set, when, and how to join the call (video link, dial-in). */
export function LiveMeetingInfo({ meeting, zone }: { meeting: MeetingDetailResponse; zone: string }) {
  const hasCall = meeting.videoUrl || meeting.dialInNumbers.length > 0;
  return (
    <div className="live-meeting">
      <p className="live-meeting__when">
        {formatMeetingTime(meeting.startsAt, meeting.endsAt, zone)}
        {meeting.format === 'in-person' && meeting.location && <> · {meeting.location}</>}
      </p>
      {hasCall && (
        <p className="live-meeting__call">
          {meeting.videoUrl && (
            <a className="button button--quiet button--small" href={meeting.videoUrl} target="_blank" rel="noreferrer">
              Join the video call<span className="visually-hidden"> (opens in a new tab)</span>
            </a>
          )}
          <DialInDetails meeting={meeting} />
        </p>
      )}
    </div>
  );
}
