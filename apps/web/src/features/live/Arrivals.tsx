import { useState } from 'react';
import { absentees, type LiveCommandAck, type LiveCommandType, type LiveSessionState } from '@als/shared';

/**
 * For the facilitator: who sent an apology and is not here (out of the turn order, bids and
 * ratings), with a button to record that one of them arrived after all (in the room, say): they
 * then join the turn order. Someone who joins the session on their own device arrives by itself.
 */
export function Arrivals({ state, send }: { state: LiveSessionState; send: (type: LiveCommandType, payload?: Record<string, unknown>) => Promise<LiveCommandAck> }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const away = absentees(state);
  if (state.phase === 'lobby' || state.phase === 'ended' || away.length === 0) return null;
  const arrive = async (userId: string) => {
    setPending(true);
    setError(null);
    const ack = await send('arrive', { userId });
    setPending(false);
    if (!ack.ok) setError(ack.error);
  };
  return (
    <div className="arrivals" role="group" aria-label="Sent an apology">
      <p className="muted">Sent an apology (out of the turn order until they arrive):</p>
      <ul className="arrivals__list">
        {away.map((id) => {
          const name = state.roster.find((p) => p.userId === id)?.displayName ?? 'Someone';
          return (
            <li key={id}>
              {name}{' '}
              <button type="button" className="button button--quiet button--small" disabled={pending} onClick={() => void arrive(id)}>
                {name} is here
              </button>
            </li>
          );
        })}
      </ul>
      {error && (
        <p className="alert alert--error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
