import { useEffect, useId, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useRsvp, useRsvpPreview } from '@web/features/meetings/api/meetings';
import { FormError } from '@web/ui/FormError';
import { LoadError, Loading, Page } from '@web/ui/Page';
import { formatMeetingTime, placeText } from '@web/features/meetings/format';
import { DialInDetails } from './DialIn';

/**
 * A one-click reply from an e-mail, without signing in. "I'll be there" is recorded as the page
 * opens; an apology asks for its reason first.
 */
export function RsvpPage() {
  const { token = '' } = useParams();
  const preview = useRsvpPreview(token);
  const rsvp = useRsvp(token);
  const [reason, setReason] = useState('');
  const reasonId = useId();
  const sent = useRef(false);
  const attending = preview.data?.status === 'attending';
  useEffect(() => {
    if (attending && preview.data?.meeting.status === 'scheduled' && !sent.current) {
      sent.current = true;
      rsvp.mutate({});
    }
  }, [attending, preview.data, rsvp]);

  if (preview.isPending) return <Loading what="the meeting" />;
  if (preview.isError) {
    return (
      <Page title="This link does not work">
        <LoadError error={preview.error} />
        <p>
          <Link to="/">Sign in</Link> to reply on the meeting's page.
        </p>
      </Page>
    );
  }
  const { meeting, setName, displayName } = preview.data;
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || meeting.timeZone;
  const when = formatMeetingTime(meeting.startsAt, meeting.endsAt, zone);
  const done = rsvp.isSuccess;
  return (
    <Page title={attending ? 'You are coming' : 'Send an apology'}>
      <p className="lead">
        {displayName}, for the meeting of <strong>{setName}</strong>: {when} ({zone.replace(/_/g, ' ')}). {placeText(meeting)}. <DialInDetails meeting={meeting} />
      </p>
      <FormError error={rsvp.error} />
      {attending ? (
        <p role="status" className={done ? 'alert alert--ok' : 'muted'}>
          {done ? 'Thank you: your reply "attending" is recorded.' : rsvp.isPending ? 'Recording your reply…' : ''}
        </p>
      ) : done ? (
        <p role="status" className="alert alert--ok">
          Your apology is recorded{rsvp.data.late ? ", and marked late: it came with less notice than the set asks" : ''}. Thank you for letting the set know.
        </p>
      ) : (
        <form
          className="form"
          onSubmit={(event) => {
            event.preventDefault();
            rsvp.mutate({ reason });
          }}
        >
          <div className="field">
            <label htmlFor={reasonId}>Reason (optional; the facilitators see it)</label>
            <textarea id={reasonId} rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
          </div>
          <div className="form__buttons">
            <button type="submit" className="button" disabled={rsvp.isPending}>
              Send apology
            </button>
          </div>
        </form>
      )}
      <p className="muted">
        You can change your reply on the <Link to={`/meetings/${meeting.id}`}>meeting's page</Link> (sign-in needed).
      </p>
    </Page>
  );
}
