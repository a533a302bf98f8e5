import { useState } from 'react';
import { RETENTION_LIMITS, SetErrorCode, type SetDetailResponse } from '@als/shared';
import { ApiError } from '@web/api/client';
import { EndingBeforeClosing } from '@web/features/ending/components/EndingPanel';
import { useCloseSet, useReopenSet } from '@web/features/sets/api/sets';
import { ConfirmButton } from '@web/ui/ConfirmButton';
import { TextField } from '@web/ui/Field';
import { FormError } from '@web/ui/FormError';

const day = (iso: string) => new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });

/** Shown to everyone in a closed set: what happens to its content and when. */
export function ClosedSetNotice({ set }: { set: SetDetailResponse }) {
  const reopen = useReopenSet(set.id);
  if (set.status !== 'closed') return null;
  return (
    <div className="alert alert--warning" role="note">
      <p>
        <strong>This set was closed on {day(set.closedAt!)}.</strong>{' '}
        {set.purgedAt
          ? `Its case texts, questions and session records were deleted for good on ${day(set.purgedAt)}. Members keep their own learning logs and CPD records.`
          : `Its case texts, questions and session records will be deleted for good on ${day(set.purgeAfter!)}. Members keep their own learning logs and CPD records.`}
      </p>
      {set.role === 'facilitator' && !set.purgedAt && (
        <>
          <FormError error={reopen.error} />
          <button type="button" className="button button--quiet" disabled={reopen.isPending} onClick={() => reopen.mutate()}>
            Reopen the set
          </button>
        </>
      )}
    </div>
  );
}

/** For facilitators: close (archive) the set at its end, choosing how long its content is kept. */
export function CloseSetPanel({ set }: { set: SetDetailResponse }) {
  const close = useCloseSet(set.id);
  const [days, setDays] = useState(String(set.retentionDays));
  if (set.role !== 'facilitator' || set.status === 'closed') return null;
  const valid = /^\d+$/.test(days) && Number(days) >= RETENTION_LIMITS.min && Number(days) <= RETENTION_LIMITS.max;
  const done = { onSuccess: () => document.getElementById('main')?.focus() };
  // Refused because meetings are still to come: offer to cancel them and close (everyone is told).
  const toCome = close.error instanceof ApiError && close.error.code === SetErrorCode.HasMeetingsToCome ? close.error.message.split(':')[0] : null;
  return (
    <section className="panel" aria-labelledby="close-set-title">
      <h2 id="close-set-title">Close the set</h2>
      <p className="muted">
        When the set has finished: it stays readable, takes no new meetings or invitations, and after the retention period its case texts, questions and session records are deleted for good. Attendance and the evaluation figures are kept; members keep their learning logs and CPD records.
      </p>
      <EndingBeforeClosing set={set} />
      <TextField label="Keep the case content for (days)" type="number" inputMode="numeric" min={RETENTION_LIMITS.min} max={RETENTION_LIMITS.max} value={days} onChange={(e) => setDays(e.target.value)} error={valid ? undefined : `A whole number of days from ${RETENTION_LIMITS.min} to ${RETENTION_LIMITS.max}`} />
      {toCome ? (
        <div className="alert alert--warning" role="alert">
          <p>
            {toCome}. Closing the set can cancel {/ 1 meeting| a meeting/.test(toCome) ? 'it' : 'them'} first: everyone invited is told, as for any cancellation. Past meetings stay in the set's record.
          </p>
          <ConfirmButton label="Cancel the meetings to come and close" confirmLabel="Yes, cancel them and close the set" disabled={!valid || close.isPending} onConfirm={() => close.mutate({ retentionDays: Number(days), cancelUpcoming: true }, done)} />
        </div>
      ) : (
        <>
          <FormError error={close.error} />
          <ConfirmButton label="Close the set" confirmLabel="Yes, close the set" disabled={!valid || close.isPending} onConfirm={() => close.mutate({ retentionDays: Number(days) }, done)} />
        </>
      )}
    </section>
  );
}
