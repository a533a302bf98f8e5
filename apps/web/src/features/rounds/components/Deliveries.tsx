import { useState } from 'react';
import { ROUND_PHASE_LABELS, type RoundDelivery } from '@als/shared';
import { useRoundDeliveries } from '@web/features/rounds/api/rounds';
import { formatDeadline } from '@web/features/rounds/format';
import { LoadError, Loading } from '@web/ui/Page';

const DELIVERY_LABELS = { pending: 'Waiting to go', sending: 'Sending', sent: 'Sent', failed: 'Could not be sent' } as const;

/** What an e-mail of the round is, in the moderator's words: "Open questions opened", "Reminder: Reflection", … */
export function deliveryWhat(d: Pick<RoundDelivery, 'kind' | 'phase'>): string {
  const phase = d.phase ? ROUND_PHASE_LABELS[d.phase] : null;
  switch (d.kind) {
    case 'phase':
      return phase ? `${phase}: the phase opened` : 'A phase opened';
    case 'reminder':
      return phase ? `${phase}: reminder` : 'Reminder';
    case 'confirmation':
      return phase ? `${phase}: reply confirmed` : 'Reply confirmed';
    case 'closed':
      return 'The round closed';
    case 'other':
      return 'Other';
  }
}

/** The round's e-mails and where each stands, opened on demand: which phase each belongs to, when it was queued and sent. */
export function Deliveries({ roundId, zone }: { roundId: string; zone: string }) {
  const [open, setOpen] = useState(false);
  const deliveries = useRoundDeliveries(roundId, open);
  return (
    <details onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>E-mails of this round</summary>
      {deliveries.isPending && open && <Loading what="the e-mails" />}
      {deliveries.isError && <LoadError error={deliveries.error} />}
      {deliveries.data && (
        <table className="table">
          <caption className="visually-hidden">E-mails of this round, newest first</caption>
          <thead>
            <tr>
              <th scope="col">E-mail</th>
              <th scope="col">To</th>
              <th scope="col">Queued</th>
              <th scope="col">Status</th>
              <th scope="col">Tries</th>
            </tr>
          </thead>
          <tbody>
            {deliveries.data.map((d, i) => (
              <tr key={i}>
                <td>{deliveryWhat(d)}</td>
                <td>{d.to}</td>
                <td>
                  <time dateTime={d.createdAt}>{formatDeadline(d.createdAt, zone)}</time>
                </td>
                <td>
                  {DELIVERY_LABELS[d.status]}
                  {d.sentAt && d.status === 'sent' ? (
                    <>
                      {' '}
                      <time dateTime={d.sentAt}>{formatDeadline(d.sentAt, zone)}</time>
                    </>
                  ) : null}
                  {d.lastError && d.status !== 'sent' ? ` (${d.lastError})` : ''}
                </td>
                <td>{d.attempts}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </details>
  );
}
