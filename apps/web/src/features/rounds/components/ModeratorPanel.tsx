import { useState } from 'react';
import { ROUND_PHASE_LABELS, type RoundDetailResponse } from '@als/shared';
import { useModerateRound } from '@web/features/rounds/api/rounds';
import { formatDeadline, localInputValue } from '@web/features/rounds/format';
import { ConfirmButton } from '@web/ui/ConfirmButton';
import { SelectField, TextField } from '@web/ui/Field';
import { FormError } from '@web/ui/FormError';
import { Deliveries } from './Deliveries';

type Member = { userId: string; displayName: string };
/** One mutation for the panel, so its one error line shows a refusal of any of its controls. */
type Moderation = ReturnType<typeof useModerateRound>;

/**
 * A later deadline for the current phase, offered as a day after its deadline now. Keyed by the phase
 * and its deadline, so a round that moved on (advanced, extended, by a deadline) offers afresh.
 */
function ExtendDeadlineForm({ round, deadline, zone, moderate }: { round: RoundDetailResponse; deadline: string; zone: string; moderate: Moderation }) {
  const [endsAt, setEndsAt] = useState(() => {
    // A day later, at the same time of day.
    const later = new Date(deadline);
    later.setDate(later.getDate() + 1);
    return localInputValue(later);
  });
  return (
    <form
      className="form form--inline"
      aria-label="Extend the deadline"
      onSubmit={(event) => {
        event.preventDefault();
        moderate.mutate({ kind: 'extend', endsAt: new Date(endsAt).toISOString() });
      }}
    >
      <TextField label={`New deadline for ${ROUND_PHASE_LABELS[round.phase]} (your time)`} hint={`Now ${formatDeadline(deadline, zone)}; later deadlines move by as much.`} type="datetime-local" value={endsAt} onChange={(e) => setEndsAt(e.target.value)} />
      <button type="submit" className="button button--quiet" disabled={!endsAt || moderate.isPending}>
        Extend
      </button>
    </form>
  );
}

/** Hands moderation to another member; keyed by the moderator, so a hand-over elsewhere shows the new one. */
function HandOverForm({ round, members, moderate }: { round: RoundDetailResponse; members: Member[]; moderate: Moderation }) {
  const [moderatorId, setModeratorId] = useState(round.moderatorId ?? members[0]?.userId ?? '');
  return (
    <form
      className="form form--inline"
      aria-label="Hand over moderation"
      onSubmit={(event) => {
        event.preventDefault();
        moderate.mutate({ kind: 'moderator', userId: moderatorId });
      }}
    >
      <SelectField label="Moderator" value={moderatorId} onChange={(e) => setModeratorId(e.target.value)} options={members.map((m) => ({ value: m.userId, label: m.displayName }))} />
      <button type="submit" className="button button--quiet" disabled={moderatorId === round.moderatorId || moderate.isPending}>
        Hand over
      </button>
    </form>
  );
}

/** For the moderator (and facilitators): who still owes what, and the round's controls. */
export function ModeratorPanel({ round, members, zone }: { round: RoundDetailResponse; members: Member[]; zone: string }) {
  const moderate = useModerateRound(round.id);
  const current = round.phases.find((p) => p.name === round.phase);
  if (round.phase === 'closed') return null;
  return (
    <section className="panel" aria-labelledby="moderator-title">
      <h2 id="moderator-title">Moderating</h2>
      <h3>Who owes what in {ROUND_PHASE_LABELS[round.phase]}</h3>
      {round.owed.length === 0 ? (
        <p className="muted">Nothing is owed in this phase: members may add a closing word.</p>
      ) : (
        <ul>
          {round.owed.map((o) => (
            <li key={o.userId}>
              {o.displayName}: {o.done ? <span className="badge badge--ok">Done</span> : <span className="badge">Still to write</span>}
            </li>
          ))}
        </ul>
      )}
      <FormError error={moderate.error} />
      <div className="form__buttons">
        {round.paused ? (
          <button type="button" className="button" disabled={moderate.isPending} onClick={() => moderate.mutate({ kind: 'resume' })}>
            Resume
          </button>
        ) : (
          <>
            <button type="button" className="button button--quiet" disabled={moderate.isPending} onClick={() => moderate.mutate({ kind: 'advance' })}>
              End this phase now
            </button>
            <button type="button" className="button button--quiet" disabled={moderate.isPending} onClick={() => moderate.mutate({ kind: 'pause' })}>
              Pause
            </button>
          </>
        )}
        <ConfirmButton label="Close the round" confirmLabel="Yes, close the round" disabled={moderate.isPending} onConfirm={() => moderate.mutate({ kind: 'close' })} />
      </div>
      <Deliveries roundId={round.id} zone={zone} />
      {current && <ExtendDeadlineForm key={`${round.phase}@${current.endsAt}`} round={round} deadline={current.endsAt} zone={zone} moderate={moderate} />}
      <HandOverForm key={round.moderatorId ?? ''} round={round} members={members} moderate={moderate} />
    </section>
  );
}
