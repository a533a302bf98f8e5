import { useId, useMemo, useState, type FormEvent } from 'react';
import { classifyQuestion, questionMode, type LiveSessionState } from '@als/shared';
import { ConfidentialityHint } from '@web/features/badges/components/ConfidentialityHint';
import { ForWhom, nameOf, Problem, useCommand, type Send } from './common';

/** Asking: clarifying questions, then open questions in turn (one and a follow-up, or pass), with the coaching hint. */
export function Questions({ state, me, facilitating, send }: { state: LiveSessionState; me: string; facilitating: boolean; send: Send }) {
  const { run, pending, error } = useCommand(send);
  const [text, setText] = useState('');
  const dialogue = state.phase === 'questions' && questionMode(state, state.presenterId) === 'dialogue';
  const turnOf = state.phase === 'questions' && !dialogue && state.turn ? state.turn.order[state.turn.index] : null;
  const [who, setWho] = useState(turnOf ?? (me === state.presenterId ? (state.roster.find((p) => p.userId !== state.presenterId)?.userId ?? me) : me));
  // In the room, the facilitator records for whoever has the turn: the choice follows the turn as it moves (and can still be changed).
  const [followed, setFollowed] = useState(turnOf);
  if (turnOf !== followed) {
    setFollowed(turnOf);
    if (turnOf) setWho(turnOf);
  }
  const textId = useId();
  const hintId = useId();
  const coaching = useMemo(() => (text.trim().length > 8 ? classifyQuestion(text) : null), [text]);
  const asker = facilitating ? who : me;
  const myTurn = state.phase === 'clarifying' || dialogue || turnOf === asker;
  const presenting = me === state.presenterId;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run('ask', { text, ...(asker !== me ? { onBehalfOf: asker } : {}) }).then((ok) => ok && setText(''));
  };
  return (
    <section className="panel" aria-labelledby="ask-title">
      <h2 id="ask-title">{state.phase === 'clarifying' ? 'Clarifying questions: facts only' : dialogue ? 'Open dialogue' : 'Open questions, in turn'}</h2>
      {(state.phase === 'clarifying' || dialogue) && (
        <p className="turn" aria-live="polite">
          {state.floor ? `${nameOf(state, state.floor)} has the floor.` : dialogue ? 'Anyone may ask; raise a hand to queue.' : ''}{' '}
          {state.hands.length > 0 && <span className="muted">Hands: {state.hands.map((id) => nameOf(state, id)).join(', ')}</span>}
        </p>
      )}
      {state.phase === 'questions' && !dialogue && (
        <p className="turn" aria-live="polite">
          {turnOf ? `${nameOf(state, turnOf)}'s turn${state.turn && state.turn.asked === 1 ? ' (follow-up or pass)' : ''}.` : ''}{' '}
          <span className="muted">Order: {state.turn?.order.map((id) => nameOf(state, id)).join(' → ')}</span>
        </p>
      )}
      <Problem error={error} />
      {(!presenting || facilitating) && (
        <form className="form" onSubmit={submit}>
          {facilitating && <ForWhom state={{ ...state, roster: state.roster.filter((p) => p.userId !== state.presenterId) }} me={me} value={who} onChange={setWho} />}
          <div className="field">
            <label htmlFor={textId}>Your question to {nameOf(state, state.presenterId)}</label>
            <textarea id={textId} rows={2} value={text} onChange={(e) => setText(e.target.value)} aria-describedby={coaching?.reason ? hintId : undefined} />
            <ConfidentialityHint text={text} />
            {coaching && (
              <p id={hintId} className={coaching.kind === 'open' ? 'hint hint--good' : 'hint'} aria-live="polite">
                {coaching.kind === 'open' ? 'An open question: good.' : `Hint (${coaching.kind === 'advice' ? 'advice in disguise' : coaching.kind}): ${coaching.reason}`}
              </p>
            )}
          </div>
          <div className="form__buttons">
            <button type="submit" className="button" disabled={pending || !myTurn || !text.trim()}>
              Ask
            </button>
            {state.phase === 'questions' && !dialogue && (
              <button type="button" className="button button--quiet" disabled={pending || !myTurn} onClick={() => void run('pass', asker !== me ? { onBehalfOf: asker } : {})}>
                Pass
              </button>
            )}
            <button type="button" className="button button--quiet" disabled={pending} aria-pressed={state.hands.includes(me)} onClick={() => void run('raiseHand')}>
              {state.hands.includes(me) ? 'Lower hand' : 'Raise hand'}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

/** The questions asked of the presenter; they (or the facilitator) mark those that helped. */
export function QuestionList({ state, me, facilitating, send }: { state: LiveSessionState; me: string; facilitating: boolean; send: Send }) {
  const { run, error } = useCommand(send);
  const mine = state.questions.filter((q) => q.presenterId === state.presenterId);
  const canMark = me === state.presenterId || facilitating;
  if (!state.presenterId) return null;
  return (
    <section className="panel" aria-labelledby="questions-title">
      <h2 id="questions-title">Questions for {nameOf(state, state.presenterId)}</h2>
      <Problem error={error} />
      {mine.length === 0 ? (
        <p className="muted">No questions yet.</p>
      ) : (
        <ol className="questions">
          {mine.map((q) => (
            <li key={q.id} className={q.helpful ? 'question question--helpful' : 'question'}>
              <span>{q.text}</span> <span className="muted">— {nameOf(state, q.askerId)}</span>
              {facilitating && q.kind !== 'open' && <span className="badge">{q.kind === 'advice' ? 'advice?' : q.kind}</span>}
              {canMark && (
                <button type="button" className="button button--quiet button--small" aria-pressed={q.helpful} onClick={() => void run('markHelpful', { questionId: q.id })}>
                  Helpful
                </button>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
