import { useMemo, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import type { MeResponse, RoundEmailMode } from '@als/shared';
import { useDeleteAccount, useUpdateMe } from '@web/features/account/api/account';
import { RegistrationPanel } from './RegistrationPanel';
import { CalendarFeed } from '@web/features/meetings/components/CalendarFeed';
import { SelectField, TextField } from '@web/ui/Field';
import { fieldError, FormError } from '@web/ui/FormError';
import { Page } from '@web/ui/Page';
import { timeZoneOptions } from '@web/ui/timeZones';
import { EmailPanel } from './EmailPanel';
import { PasswordPanel } from './PasswordPanel';
import { SessionsPanel } from './SessionsPanel';

/**
 * Name, time zone, reminders and round e-mails, seeded from the person. Keyed by those values, so
 * the form shows them afresh when the person is read again with other values (changed elsewhere).
 */
function DetailsForm({ me, update }: { me: MeResponse; update: ReturnType<typeof useUpdateMe> }) {
  const [displayName, setDisplayName] = useState(me.displayName);
  const [timeZone, setTimeZone] = useState(me.timeZone);
  const [reminders, setReminders] = useState(me.meetingReminders);
  const [roundEmails, setRoundEmails] = useState<RoundEmailMode>(me.roundEmails);
  const zones = useMemo(() => timeZoneOptions(timeZone), [timeZone]);
  function submit(event: FormEvent) {
    event.preventDefault();
    update.mutate({ displayName, timeZone, meetingReminders: reminders, roundEmails });
  }
  const error = update.error;
  return (
    <form className="form" onSubmit={submit} noValidate>
      <FormError error={error} />
      <p className="muted">Signed in as {me.email}.</p>
      <TextField label="Your name" name="displayName" value={displayName} onChange={(e) => setDisplayName(e.target.value)} error={fieldError(error, 'displayName')} />
      <SelectField label="Your time zone" hint="Meetings are shown and e-mailed to you in this zone." name="timeZone" value={timeZone} onChange={(e) => setTimeZone(e.target.value)} options={zones} error={fieldError(error, 'timeZone')} />
      <label className="checkbox">
        <input type="checkbox" name="meetingReminders" checked={reminders} onChange={(e) => setReminders(e.target.checked)} /> E-mail me a reminder 7 days and 1 day before each meeting
      </label>
      <fieldset className="form">
        <legend>E-mails from asynchronous rounds</legend>
        <div className="choices">
          <label className="choice">
            <input type="radio" name="roundEmails" value="immediate" checked={roundEmails === 'immediate'} onChange={() => setRoundEmails('immediate')} /> As each phase opens (reply to them to take part)
          </label>
          <label className="choice">
            <input type="radio" name="roundEmails" value="daily" checked={roundEmails === 'daily'} onChange={() => setRoundEmails('daily')} /> One digest a day, at 7am
          </label>
        </div>
        <p className="field__hint">Reminders the day before a deadline come either way, only when something is still needed from you.</p>
      </fieldset>
      <div className="form__buttons">
        <button type="submit" className="button" disabled={update.isPending}>
          Save
        </button>
      </div>
      <p role="status" className="notice-line">
        {update.isSuccess ? 'Saved.' : ''}
      </p>
    </form>
  );
}

/** The person's name, time zone (meetings are shown and e-mailed in it), reminders and calendar feed. */
export function AccountPage({ me }: { me: MeResponse }) {
  const update = useUpdateMe();
  return (
    <Page title="Your account">
      <section className="panel" aria-labelledby="details-title">
        <h2 id="details-title">Details and e-mails</h2>
        <DetailsForm key={[me.displayName, me.timeZone, me.meetingReminders, me.roundEmails].join('|')} me={me} update={update} />
      </section>
      <RegistrationPanel me={me} />
      <PasswordPanel />
      <EmailPanel me={me} />
      <SessionsPanel timeZone={me.timeZone} />
      <section className="panel" aria-labelledby="data-title">
        <h2 id="data-title">Your data</h2>
        <p>
          <a className="button button--quiet" href="/api/me/data" download>
            Download all my data (JSON)
          </a>
        </p>
        <DeleteAccount />
      </section>
      <section className="panel" aria-labelledby="calendar-title">
        <h2 id="calendar-title">Calendar</h2>
        <CalendarFeed me={me} />
      </section>
    </Page>
  );
}

/** Deleting the account: the password confirms it; refused while the person is a set's only facilitator. */
function DeleteAccount() {
  const remove = useDeleteAccount();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  if (!open) {
    return (
      <button type="button" className="button button--danger" onClick={() => setOpen(true)}>
        Delete my account
      </button>
    );
  }
  return (
    <form
      className="form"
      aria-label="Delete my account"
      onSubmit={(event) => {
        event.preventDefault();
        remove.mutate(password, { onSuccess: () => navigate('/sign-in', { replace: true }) });
      }}
    >
      <p className="alert alert--warning">This deletes your account, your learning log, your replies and your actions for good. Sets you share keep their records. Download your data first if you want to keep it.</p>
      <FormError error={remove.error} />
      <TextField label="Your password, to confirm" type="password" name="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} error={fieldError(remove.error, 'password')} />
      <div className="form__buttons">
        <button type="submit" className="button button--danger" disabled={remove.isPending || !password}>
          Delete my account for good
        </button>
        <button type="button" className="button button--quiet" onClick={() => setOpen(false)}>
          Keep my account
        </button>
      </div>
    </form>
  );
}
