import { useState } from 'react';
import type { LiveSessionState } from '@als/shared';
import { ForWhom, Problem, useCommand, type Send } from './common';

/** Bidding for airtime: who wants time today, and how urgent it is. */
export function Bidding({ state, me, facilitating, send }: { state: LiveSessionState; me: string; facilitating: boolean; send: Send }) {
  const { run, pending, error } = useCommand(send);
  const [who, setWho] = useState(me);
  const [urgency, setUrgency] = useState(3);
  const mine = state.bids[who];
  return (
    <section className="panel" aria-labelledby="bid-title">
      <h2 id="bid-title">Do you want time today?</h2>
      <Problem error={error} />
      {facilitating && <ForWhom state={state} me={me} value={who} onChange={setWho} />}
      <fieldset className="urgency">
        <legend>How urgent or important is it? (1 low – 5 high)</legend>
        {[1, 2, 3, 4, 5].map((n) => (
          <label key={n} className="urgency__choice">
            <input type="radio" name="urgency" value={n} checked={urgency === n} onChange={() => setUrgency(n)} /> {n}
          </label>
        ))}
      </fieldset>
      <div className="form__buttons">
        <button type="button" className="button" disabled={pending} onClick={() => void run('bid', { wantsTime: true, urgency, ...(who !== me ? { onBehalfOf: who } : {}) })}>
          I would like time
        </button>
        <button type="button" className="button button--quiet" disabled={pending} onClick={() => void run('bid', { wantsTime: false, urgency: 1, ...(who !== me ? { onBehalfOf: who } : {}) })}>
          Not today
        </button>
      </div>
      {mine && <p role="status">{mine.wantsTime ? `Bid made, urgency ${mine.urgency}.` : 'Not presenting today.'}</p>}
      <ul className="bids">
        {state.roster.map((p) => (
          <li key={p.userId}>
            {p.displayName}: {state.bids[p.userId] ? (state.bids[p.userId].wantsTime ? `wants time (urgency ${state.bids[p.userId].urgency})` : 'not today') : 'not yet'}
          </li>
        ))}
      </ul>
    </section>
  );
}
