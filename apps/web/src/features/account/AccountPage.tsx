import { useMemo, useState, type FormEvent } from 'react';
import type { MeResponse } from '@als/shared';
import { useUpdateMe } from '@web/api/queries';
import { CalendarFeed } from '@web/features/meetings/CalendarFeed';
import { SelectField, TextField } from '@web/ui/Field';
import { fieldError, FormError } from '@web/ui/FormError';
import { Page } from '@web/ui/Page';
import { timeZoneOptions } from '@web/ui/timeZones';

/** The person's name, time zone (meetings are shown and e-mailed in it), reminders and calendar feed. */
export function AccountPage({ me }: { me: MeResponse }) {
  const update = useUpdateMe();
  const [displayName, setDisplayName] = useState(me.displayName);
  const [timeZone, setTimeZone] = useState(me.timeZone);
  const [reminders, setReminders] = useState(me.meetingReminders);
  const zones = useMemo(() => timeZoneOptions(timeZone), [timeZone]);
  function submit(event: FormEvent) {
    event.preventDefault();
    update.mutate({ displayName, timeZone, meetingReminders: reminders });
  }
  const error = update.error;
  return (
    <Page title="Your account">
      <section className="panel" aria-labelledby="details-title">
        <h2 id="details-title">Details and e-mails</h2>
        <form className="form" onSubmit={submit} noValidate>
          <FormError error={error} />
          <p className="muted">Signed in as {me.email}.</p>
          <TextField label="Your name" name="displayName" value={displayName} onChange={(e) => setDisplayName(e.target.value)} error={fieldError(error, 'displayName')} />
          <SelectField label="Your time zone" hint="Meetings are shown and e-mailed to you in this zone." name="timeZone" value={timeZone} onChange={(e) => setTimeZone(e.target.value)} options={zones} error={fieldError(error, 'timeZone')} />
          <label className="checkbox">
            <input type="checkbox" name="meetingReminders" checked={reminders} onChange={(e) => setReminders(e.target.checked)} /> E-mail me a reminder 7 days and 1 day before each meeting
          </label>
          <div className="form__buttons">
            <button type="submit" className="button" disabled={update.isPending}>
              Save
            </button>
          </div>
          <p role="status" className="notice-line">
            {update.isSuccess ? 'Saved.' : ''}
          </p>
        </form>
      </section>
      <section className="panel" aria-labelledby="calendar-title">
        <h2 id="calendar-title">Calendar</h2>
        <CalendarFeed me={me} />
      </section>
    </Page>
  );
}
