import { useId, useState } from 'react';
import { absentees, type LiveCommandType, type LiveSessionState } from '@als/shared';
import type { LiveSession } from '@web/features/live/useLiveSession';

/* What the live page's panels share: sending a command and showing its refusal, names, whom a contribution is for. */

export type Send = LiveSession['send'];

export function useCommand(send: Send) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (type: LiveCommandType, payload: Record<string, unknown> = {}) => {
    setPending(true);
    setError(null);
    const ack = await send(type, payload);
    setPending(false);
    if (!ack.ok) setError(ack.error);
    return ack.ok;
  };
  return { run, pending, error };
}

export function Problem({ error }: { error: string | null }) {
  return error ? (
    <p className="alert alert--error" role="alert">
      {error}
    </p>
  ) : null;
}

export const nameOf = (state: LiveSessionState, userId: string | null | undefined) => state.roster.find((p) => p.userId === userId)?.displayName ?? 'Someone';

/** The people the facilitator may record something for: the roster less those who sent an apology and have not arrived. */
export const recordable = (state: LiveSessionState) => state.roster.filter((p) => !absentees(state).includes(p.userId));

/** Who a contribution is for: oneself, or (the facilitator in the room) someone else who is at the meeting. */
export function ForWhom({ state, me, value, onChange }: { state: LiveSessionState; me: string; value: string; onChange: (id: string) => void }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>Recording for</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {recordable(state).map((p) => (
          <option key={p.userId} value={p.userId}>
            {p.userId === me ? `${p.displayName} (me)` : p.displayName}
          </option>
        ))}
      </select>
    </div>
  );
}
