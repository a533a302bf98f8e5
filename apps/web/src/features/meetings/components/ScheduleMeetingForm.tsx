import { useState, type FormEvent } from 'react';
import { MEETING_DURATION, type MeetingFormat } from '@als/shared';
import { useScheduleMeeting } from '@web/features/meetings/api/meetings';
import { SelectField, TextField } from '@web/ui/Field';
import { fieldError, FormError } from '@web/ui/FormError';
import { weeklyRule } from '@web/features/meetings/format';
import { DialInFields, parseDialInNumbers } from './DialIn';

const FORMATS = [
  { value: 'in-person', label: 'In person' },
  { value: 'online', label: 'Online (video call)' },
];
const REPEATS = [
  { value: '0', label: 'Does not repeat' },
  { value: '1', label: 'Every week' },
  { value: '2', label: 'Every 2 weeks' },
  { value: '4', label: 'Every 4 weeks' },
  { value: '5', label: 'Every 5 weeks' },
  { value: '6', label: 'Every 6 weeks' },
];

/** Facilitators schedule one meeting or a series, at wall time in the set's zone. */
export function ScheduleMeetingForm({ setId, timeZone, onDone }: { setId: string; timeZone: string; onDone: () => void }) {
  const schedule = useScheduleMeeting(setId);
  const [date, setDate] = useState('');
  const [time, setTime] = useState('09:30');
  const [duration, setDuration] = useState('210');
  const [format, setFormat] = useState<MeetingFormat>('in-person');
  const [location, setLocation] = useState('');
  const [videoUrl, setVideoUrl] = useState('');
  const [dialInNumbers, setDialInNumbers] = useState('');
  const [dialInPasscode, setDialInPasscode] = useState('');
  const [repeatWeeks, setRepeatWeeks] = useState('0');
  const [count, setCount] = useState('6');

  function submit(event: FormEvent) {
    event.preventDefault();
    const weeks = Number(repeatWeeks);
    schedule.mutate(
      {
        startsAt: date ? `${date}T${time}` : '',
        timeZone,
        durationMinutes: Number(duration),
        format,
        ...(format === 'in-person' ? { location } : { videoUrl, dialInNumbers: parseDialInNumbers(dialInNumbers), dialInPasscode }),
        ...(weeks > 0 ? { recurrence: weeklyRule(weeks, Number(count)) } : {}),
      },
      { onSuccess: onDone },
    );
  }

  const error = schedule.error;
  return (
    <form className="form" onSubmit={submit} noValidate aria-label="Schedule a meeting">
      <FormError error={error} />
      <div className="form--row form">
        <TextField label="Date" type="date" name="date" required value={date} onChange={(e) => setDate(e.target.value)} error={fieldError(error, 'startsAt')} />
        <TextField label="Start time" hint={`In the set's time zone, ${timeZone.replace(/_/g, ' ')}.`} type="time" name="time" required value={time} onChange={(e) => setTime(e.target.value)} />
        <TextField label="Length in minutes" type="number" name="duration" min={MEETING_DURATION.min} max={MEETING_DURATION.max} step={15} value={duration} onChange={(e) => setDuration(e.target.value)} error={fieldError(error, 'durationMinutes')} />
      </div>
      <SelectField label="Where" name="format" value={format} onChange={(e) => setFormat(e.target.value as MeetingFormat)} options={FORMATS} error={fieldError(error, 'format')} />
      {format === 'in-person' ? (
        <TextField label="Venue and room" hint="Travel notes too, if they help." name="location" value={location} onChange={(e) => setLocation(e.target.value)} error={fieldError(error, 'location')} />
      ) : (
        <>
          <TextField label="Video link" type="url" name="videoUrl" placeholder="https://" value={videoUrl} onChange={(e) => setVideoUrl(e.target.value)} error={fieldError(error, 'videoUrl')} />
          <DialInFields numbers={dialInNumbers} passcode={dialInPasscode} onNumbers={setDialInNumbers} onPasscode={setDialInPasscode} errors={{ numbers: fieldError(error, 'dialInNumbers'), passcode: fieldError(error, 'dialInPasscode') }} />
        </>
      )}
      <div className="form--row form">
        <SelectField label="Repeat" name="repeat" value={repeatWeeks} onChange={(e) => setRepeatWeeks(e.target.value)} options={REPEATS} error={fieldError(error, 'recurrence')} />
        {repeatWeeks !== '0' && <TextField label="Number of meetings" type="number" name="count" min={2} max={52} value={count} onChange={(e) => setCount(e.target.value)} />}
      </div>
      <div className="form__buttons">
        <button type="submit" className="button" disabled={schedule.isPending}>
          {schedule.isPending ? 'Scheduling…' : 'Schedule'}
        </button>
        <button type="button" className="button button--quiet" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
