import { useState } from 'react';
import { Link } from 'react-router';
import type { SetDetailResponse } from '@als/shared';
import { usePastMeetings } from '@web/features/meetings/api/meetings';
import { formatDay } from '@web/features/meetings/format';
import { LoadError, Loading } from '@web/ui/Page';
import { facilitatedText } from './FacilitatorPicker';

/** Who facilitated each meeting the set has held, newest first, loaded when opened. */
export function FacilitationHistory({ set, zone }: { set: SetDetailResponse; zone: string }) {
  const [open, setOpen] = useState(false);
  const past = usePastMeetings(set, open);
  const held = (past.data ?? []).filter((m) => m.facilitatedBy && m.facilitatedBy.length > 0);
  return (
    <details className="feed" onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>Who facilitated</summary>
      {past.isPending && open && <Loading what="who facilitated" />}
      {past.isError && <LoadError error={past.error} />}
      {past.data && held.length === 0 && <p className="muted">No meeting held yet has a record of who facilitated it.</p>}
      {held.length > 0 && (
        <ul>
          {held.map((m) => (
            <li key={m.id}>
              <Link to={`/meetings/${m.id}`}>{formatDay(m.startsAt, zone)}</Link>: {facilitatedText(m.facilitatedBy!)}
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}
