import { useState } from 'react';
import { rota, type MeetingResponse } from '@als/shared';
import { useMakeRota } from '@web/features/facilitation/api/facilitation';
import { formatDay } from '@web/features/meetings/format';
import { FormError } from '@web/ui/FormError';
import type { Participant } from './FacilitatorPicker';

/**
 * "Make a rota": the facilitator ticks who takes turns (in the order ticked) and the meetings to
 * come are given to them in turn, so a set can come to run itself.
 */
export function RotaPanel({ meetings, people, zone, onDone }: { meetings: readonly MeetingResponse[]; people: readonly Participant[]; zone: string; onDone: () => void }) {
  const [chosen, setChosen] = useState<string[]>([]);
  const make = useMakeRota(meetings[0]?.setId ?? '');
  const coming = meetings.filter((m) => m.status === 'scheduled' && new Date(m.startsAt).getTime() > Date.now());
  const plan = rota(
    coming.map((m) => m.id),
    chosen.map((id) => people.find((p) => p.userId === id)!),
  );
  const toggle = (userId: string) => setChosen((c) => (c.includes(userId) ? c.filter((id) => id !== userId) : [...c, userId]));
  return (
    <section className="panel" aria-labelledby="rota-title">
      <h3 id="rota-title">Make a rota</h3>
      <p className="muted">Tick who takes turns to facilitate, in the order they go. The {coming.length} meetings to come are given to them in turn; you can change any one afterwards.</p>
      <fieldset>
        <legend>Who takes turns</legend>
        {people.map((p) => (
          <label key={p.userId} className="checkbox">
            <input type="checkbox" checked={chosen.includes(p.userId)} onChange={() => toggle(p.userId)} /> {p.displayName}
            {chosen.includes(p.userId) && <span className="muted"> ({chosen.indexOf(p.userId) + 1})</span>}
          </label>
        ))}
      </fieldset>
      {plan.length > 0 && (
        <ol aria-label="The rota">
          {plan.map(({ meetingId, person }) => (
            <li key={meetingId}>
              {formatDay(coming.find((m) => m.id === meetingId)!.startsAt, zone)}: {person.displayName}
            </li>
          ))}
        </ol>
      )}
      <div className="form__buttons">
        <button type="button" className="button" disabled={plan.length === 0 || make.isPending} onClick={() => make.mutate(plan.map((a) => ({ meetingId: a.meetingId, userId: a.person.userId })), { onSuccess: onDone })}>
          Give the {coming.length} meetings to come in turn
        </button>
        <button type="button" className="button button--quiet" onClick={onDone}>
          Cancel
        </button>
      </div>
      <FormError error={make.error} />
    </section>
  );
}
