import { useState, type FormEvent } from 'react';
import { MEETING_DURATION, type MeetingDetailResponse, type MeetingFormat } from '@als/shared';
import { useUpdateMeeting, useUpdateSeries } from '@web/features/meetings/api/meetings';
import { SelectField, TextField } from '@web/ui/Field';
import { fieldError, FormError } from '@web/ui/FormError';
import { wallTime } from '@web/features/meetings/format';
import { DialInFields, parseDialInNumbers } from './DialIn';

const FORMATS = [
  { value: 'in-person', label: 'In person' },
  { value: 'online', label: 'Online (video call)' },
];

/**
 * Moves (postpones) this meeting or changes its place; or, for a series, changes every meeting
 * to come that was not changed on its own. Everyone is e-mailed and their calendars follow.
 */
export function ChangeMeetingForm({ meeting, scope, onDone }: { meeting: MeetingDetailResponse; scope: 'meeting' | 'series'; onDone: () => void }) {
  const one = useUpdateMeeting(meeting.id, meeting.setId);
  const all = useUpdateSeries(meeting.seriesId ?? '', meeting.setId);
  const start = wallTime(meeting.startsAt, meeting.timeZone);
  const [date, setDate] = useState(start.date);
  const [time, setTime] = useState(start.time);
  const [duration, setDuration] = useState(String((new Date(meeting.endsAt).getTime() - new Date(meeting.startsAt).getTime()) / 60_000));
  const [format, setFormat] = useState<MeetingFormat>(meeting.format);
  const [location, setLocation] = useState(meeting.location);
  const [videoUrl, setVideoUrl] = useState(meeting.videoUrl);
  const [dialInNumbers, setDialInNumbers] = useState(meeting.dialInNumbers.join(', '));
  const [dialInPasscode, setDialInPasscode] = useState(meeting.dialInPasscode);
  const error = scope === 'meeting' ? one.error : all.error;
  function submit(event: FormEvent) {
    event.preventDefault();
    const place = format === 'in-person' ? { format, location } : { format, videoUrl, dialInNumbers: parseDialInNumbers(dialInNumbers), dialInPasscode };
    if (scope === 'meeting') one.mutate({ startsAt: `${date}T${time}`, timeZone: meeting.timeZone, durationMinutes: Number(duration), ...place }, { onSuccess: onDone });
    else all.mutate({ startTime: time, durationMinutes: Number(duration), ...place }, { onSuccess: onDone });
  }
  const zone = meeting.timeZone.replace(/_/g, ' ');
  return (
    <form className="form" onSubmit={submit} noValidate aria-label={scope === 'meeting' ? 'Move or change this meeting' : 'Change the whole series'}>
      <FormError error={error} />
      <p className="muted">
        {scope === 'meeting'
          ? 'Everyone is e-mailed the change and their calendars update. Moving the meeting to another day clears the replies: people reply again for the new date.'
          : 'Applies to every meeting to come in this series, except those moved or changed on their own. Everyone is e-mailed and their calendars update.'}
      </p>
      <div className="form--row form">
        {scope === 'meeting' && <TextField label="Date" type="date" name="date" required value={date} onChange={(e) => setDate(e.target.value)} error={fieldError(error, 'startsAt')} />}
        <TextField label="Start time" hint={`In ${zone}.`} type="time" name="time" required value={time} onChange={(e) => setTime(e.target.value)} error={fieldError(error, scope === 'meeting' ? 'startsAt' : 'startTime')} />
        <TextField label="Length in minutes" type="number" name="duration" min={MEETING_DURATION.min} max={MEETING_DURATION.max} step={15} value={duration} onChange={(e) => setDuration(e.target.value)} error={fieldError(error, 'durationMinutes')} />
      </div>
      <SelectField label="Where" name="format" value={format} onChange={(e) => setFormat(e.target.value as MeetingFormat)} options={FORMATS} error={fieldError(error, 'format')} />
      {format === 'in-person' ? (
        <TextField label="Venue and room" name="location" value={location} onChange={(e) => setLocation(e.target.value)} error={fieldError(error, 'location')} />
      ) : (
        <>
          <TextField label="Video link" type="url" name="videoUrl" placeholder="https://" value={videoUrl} onChange={(e) => setVideoUrl(e.target.value)} error={fieldError(error, 'videoUrl')} />
          <DialInFields numbers={dialInNumbers} passcode={dialInPasscode} onNumbers={setDialInNumbers} onPasscode={setDialInPasscode} errors={{ numbers: fieldError(error, 'dialInNumbers'), passcode: fieldError(error, 'dialInPasscode') }} />
        </>
      )}
      <div className="form__buttons">
        <button type="submit" className="button" disabled={one.isPending || all.isPending}>
          {scope === 'meeting' ? 'Save and tell everyone' : 'Change the series and tell everyone'}
        </button>
        <button type="button" className="button button--quiet" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
