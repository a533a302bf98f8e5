import { useId, useState } from 'react';
import { checkInSpeaker, METHOD_LIMITS, type LiveSessionState } from '@als/shared';
import { formatRemaining } from '@web/features/live/Timer';
import { nameOf, Problem, useCommand, type Send } from './common';

/**
 * Check-in as a round: each person at the meeting in turn answers the prompt and reports back on
 * the actions they committed to last time, with their share of the time. The speaker (or the
 * facilitator) moves it on; the facilitator can change the prompt.
 */
export function CheckIn({ state, me, send, facilitating = false }: { state: LiveSessionState; me: string; send: Send; facilitating?: boolean }) {
  const { run, pending, error } = useCommand(send);
  const round = state.checkIn;
  const speaker = checkInSpeaker(state);
  const mine = state.openActions.filter((a) => a.ownerId === me);
  const speakersActions = speaker && speaker !== me ? state.openActions.filter((a) => a.ownerId === speaker) : [];
  return (
    <section className="panel" aria-labelledby="checkin-title">
      <h2 id="checkin-title">Check-in</h2>
      <p className="prompt">{round?.prompt ?? 'Each person says how they are, and reports back on the actions they committed to last time.'}</p>
      {round && (
        <>
          <p className="turn" aria-live="polite">
            {speaker ? (speaker === me ? 'Your turn to check in' : `${nameOf(state, speaker)} is checking in`) : 'Everyone has checked in.'}
            {speaker && round.shareMs > 0 && <span className="muted"> · about {formatRemaining(round.shareMs)} each</span>}
          </p>
          <ol className="turn-order" aria-label="Check-in order">
            {round.order.map((id, i) => (
              <li key={id} aria-current={i === round.index ? 'step' : undefined} className={i < round.index ? 'muted' : undefined}>
                {nameOf(state, id)}
              </li>
            ))}
          </ol>
          {speaker && (speaker === me || facilitating) && (
            <button type="button" className="button button--small" disabled={pending} onClick={() => void run('nextSpeaker')}>
              {speaker === me ? 'I’m done: next person' : 'Next person'}
            </button>
          )}
        </>
      )}
      <Problem error={error} />
      {speakersActions.length > 0 && (
        <>
          <h3>{nameOf(state, speaker)}’s actions from last time</h3>
          <ul>
            {speakersActions.map((a) => (
              <li key={a.id}>
                {a.text}: <strong>{state.reportBacks.find((r) => r.actionId === a.id)?.status ?? 'not reported yet'}</strong>
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>Your actions from last time</h3>
      {mine.length === 0 ? (
        <p className="muted">You have no open actions to report on.</p>
      ) : (
        <ul>
          {mine.map((a) => {
            const done = state.reportBacks.find((r) => r.actionId === a.id);
            return (
              <li key={a.id}>
                {a.text}: {done ? <strong>{done.status}</strong> : null}{' '}
                {(['done', 'partly', 'not-done'] as const).map((status) => (
                  <button key={status} type="button" className="button button--quiet button--small" aria-pressed={done?.status === status} onClick={() => void run('reportBack', { actionId: a.id, status })}>
                    {status === 'not-done' ? 'Not done' : status === 'partly' ? 'Partly' : 'Done'}
                  </button>
                ))}
              </li>
            );
          })}
        </ul>
      )}
      {facilitating && round && <PromptForm key={round.prompt} prompt={round.prompt} send={send} />}
    </section>
  );
}

function PromptForm({ prompt, send }: { prompt: string; send: Send }) {
  const { run, pending, error } = useCommand(send);
  const [text, setText] = useState(prompt);
  const id = useId();
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        void run('setCheckInPrompt', { text });
      }}
    >
      <Problem error={error} />
      <label htmlFor={id}>Check-in prompt</label>
      <input id={id} value={text} maxLength={METHOD_LIMITS.prompt} onChange={(e) => setText(e.target.value)} />
      <button type="submit" className="button button--small" disabled={pending || !text.trim() || text.trim() === prompt}>
        Change the prompt
      </button>
    </form>
  );
}
