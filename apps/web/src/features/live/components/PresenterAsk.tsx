import { useId, useState } from 'react';
import { LIVE_LIMITS, presenterAsk, type LiveSessionState } from '@als/shared';
import { nameOf, Problem, useCommand, type Send } from './common';

/**
 * The presenter's ask (DOMAIN.md, the presenter round): what they want from the set today, shown
 * to everyone through their round. The presenter says it; the facilitator can write it down.
 */
export function PresenterAsk({ state, me, facilitating, send }: { state: LiveSessionState; me: string; facilitating: boolean; send: Send }) {
  const { run, pending, error } = useCommand(send);
  const [text, setText] = useState('');
  const id = useId();
  if (!state.presenterId) return null;
  const ask = presenterAsk(state);
  const presenting = me === state.presenterId;
  const canWrite = presenting || facilitating;
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{presenting ? 'What you want from the set today' : `What ${nameOf(state, state.presenterId)} wants from the set today`}</h2>
      {ask ? <blockquote>{ask.text}</blockquote> : <p className="muted">{presenting ? 'Say what help you want: it stays in view through your round.' : 'Not said yet.'}</p>}
      <Problem error={error} />
      {canWrite && (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            void run('setAsk', { text }).then((ok) => ok && setText(''));
          }}
        >
          <label htmlFor={id}>{ask ? 'Change the ask' : 'The ask'}</label>
          <input id={id} value={text} maxLength={LIVE_LIMITS.text} onChange={(e) => setText(e.target.value)} />
          <button type="submit" className="button button--small" disabled={pending || !text.trim()}>
            {ask ? 'Change' : 'Set the ask'}
          </button>
        </form>
      )}
    </section>
  );
}
