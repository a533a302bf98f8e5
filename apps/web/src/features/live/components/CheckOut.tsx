import { useId, useState, type FormEvent } from 'react';
import { LIVE_LIMITS, type LiveSessionState } from '@als/shared';
import { ForWhom, nameOf, Problem, useCommand, type Send } from './common';

/** Check-out: each person's word or line; the facilitator records it for people in the room. */
export function CheckOut({ state, me, facilitating, send }: { state: LiveSessionState; me: string; facilitating: boolean; send: Send }) {
  const { run, pending, error } = useCommand(send);
  const [who, setWho] = useState(me);
  const [word, setWord] = useState('');
  const wordId = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run('checkOut', { text: word, ...(who !== me ? { onBehalfOf: who } : {}) }).then((ok) => ok && setWord(''));
  };
  return (
    <section className="panel" aria-labelledby="out-title">
      <h2 id="out-title">Check-out: one word or line</h2>
      <Problem error={error} />
      <form className="inline-form" onSubmit={submit}>
        {facilitating && <ForWhom state={state} me={me} value={who} onChange={setWho} />}
        <label htmlFor={wordId}>{who === me ? 'Your word' : `${nameOf(state, who)}’s word`}</label>
        <input id={wordId} value={word} maxLength={LIVE_LIMITS.checkOut} onChange={(e) => setWord(e.target.value)} />
        <button type="submit" className="button" disabled={pending || !word.trim()}>
          {who === me ? 'Check out' : `Check out ${nameOf(state, who)}`}
        </button>
      </form>
      <ul>
        {state.checkOuts.map((c) => (
          <li key={c.userId}>
            {nameOf(state, c.userId)}: {c.text}
          </li>
        ))}
      </ul>
    </section>
  );
}
