import { useId, useState } from 'react';
import type { AttendanceStatus } from '@als/shared';
import { useReply } from '@web/features/meetings/api/meetings';
import { FormError } from '@web/ui/FormError';

/** Whether an apology now would be late under the set's rules. */
export function apologyWouldBeLate(startsAt: string, noticeHours: number, now = Date.now()): boolean {
  return now > new Date(startsAt).getTime() - noticeHours * 3_600_000;
}

/** "I will attend" and "Send an apology" (with its reason) for the person's own reply. */
export function ReplyControls({ meetingId, setId, mine, startsAt, noticeHours }: { meetingId: string; setId: string; mine: AttendanceStatus | null; startsAt: string; noticeHours?: number }) {
  const reply = useReply(setId);
  const [apologising, setApologising] = useState(false);
  const [reason, setReason] = useState('');
  const reasonId = useId();
  const late = noticeHours !== undefined && apologyWouldBeLate(startsAt, noticeHours);
  return (
    <>
      <FormError error={reply.error} />
      <div className="form__buttons">
        <button type="button" className="button" aria-pressed={mine === 'attending'} disabled={reply.isPending} onClick={() => reply.mutate({ meetingId, status: 'attending' })}>
          I will attend
        </button>
        <button type="button" className="button button--quiet" aria-pressed={mine === 'apology'} aria-expanded={apologising} onClick={() => setApologising((v) => !v)}>
          Send an apology
        </button>
      </div>
      {apologising && (
        <form
          className="form"
          onSubmit={(event) => {
            event.preventDefault();
            reply.mutate({ meetingId, status: 'apology', reason }, { onSuccess: () => setApologising(false) });
          }}
        >
          {late && (
            <p className="alert alert--warning">
              The set asks for {noticeHours} hours' notice of an apology: this one will be marked late. Sending it still helps the set plan.
            </p>
          )}
          <div className="field">
            <label htmlFor={reasonId}>Reason (the facilitators see it)</label>
            <textarea id={reasonId} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
          </div>
          <div className="form__buttons">
            <button type="submit" className="button" disabled={reply.isPending}>
              Send apology
            </button>
          </div>
        </form>
      )}
    </>
  );
}
