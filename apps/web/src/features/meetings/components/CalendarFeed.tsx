import { useState } from 'react';
import type { MeResponse } from '@als/shared';
import { useResetCalendarFeed } from '@web/features/meetings/api/meetings';
import { ConfirmButton } from '@web/ui/ConfirmButton';
import { FormError } from '@web/ui/FormError';

/** The personal feed address (secret) to subscribe to once in Google, Outlook or Apple Calendar. */
export function CalendarFeed({ me }: { me: MeResponse }) {
  const reset = useResetCalendarFeed();
  const [copied, setCopied] = useState(false);
  return (
    <details className="feed">
      <summary>Subscribe in your calendar app</summary>
      <p>Add this address to Google Calendar, Outlook or Apple Calendar once: meetings of all your sets appear and stay up to date. Keep it to yourself; reset it if it gets out.</p>
      <div className="inline-form">
        <label htmlFor="feed-url" className="visually-hidden">
          Your calendar feed address
        </label>
        <input id="feed-url" className="feed__url" readOnly value={me.calendarFeedUrl} onFocus={(e) => e.target.select()} />
        <button
          type="button"
          className="button button--small"
          onClick={() => {
            void navigator.clipboard?.writeText(me.calendarFeedUrl).then(() => setCopied(true));
          }}
        >
          Copy
        </button>
        <ConfirmButton label="Reset link" confirmLabel="Yes, make a new link" disabled={reset.isPending} onConfirm={() => reset.mutate(undefined, { onSuccess: () => setCopied(false) })} />
      </div>
      <p role="status" className="notice-line">
        {copied ? 'Copied.' : reset.isSuccess ? 'A new address was made: the old one no longer works.' : ''}
      </p>
      <FormError error={reset.error} />
    </details>
  );
}
