import { useState } from 'react';
import { useRoundDeliveries } from '@web/features/rounds/api/rounds';
import { LoadError, Loading } from '@web/ui/Page';

const DELIVERY_LABELS = { pending: 'Waiting to go', sending: 'Sending', sent: 'Sent', failed: 'Could not be sent' } as const;

/** The round's e-mails and where each stands, opened on demand. */
export function Deliveries({ roundId }: { roundId: string }) {
  const [open, setOpen] = useState(false);
  const deliveries = useRoundDeliveries(roundId, open);
  return (
    <details onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>E-mails of this round</summary>
      {deliveries.isPending && open && <Loading what="the e-mails" />}
      {deliveries.isError && <LoadError error={deliveries.error} />}
      {deliveries.data && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">To</th>
              <th scope="col">Status</th>
              <th scope="col">Tries</th>
            </tr>
          </thead>
          <tbody>
            {deliveries.data.map((d, i) => (
              <tr key={i}>
                <td>{d.to}</td>
                <td>
                  {DELIVERY_LABELS[d.status]}
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
