import { questionMode, type LiveSessionState } from '@als/shared';
import { nameOf, Problem, useCommand, type Send } from './common';

/**
 * The facilitator's controls of the questioning: strict turns or open dialogue for this
 * presenter, stepping out of the turn order, and the queue of raised hands (call the next one,
 * or a named one; lower a hand).
 */
export function DialogueControls({ state, send }: { state: LiveSessionState; send: Send }) {
  const { run, pending, error } = useCommand(send);
  const mode = questionMode(state, state.presenterId);
  const canChoose = ['present', 'clarifying', 'questions'].includes(state.phase) && state.presenterId;
  const queue = state.phase === 'clarifying' || (state.phase === 'questions' && mode === 'dialogue');
  return (
    <section className="panel" aria-labelledby="dialogue-title">
      <h2 id="dialogue-title">Questioning</h2>
      <Problem error={error} />
      {canChoose && (
        <fieldset className="urgency">
          <legend>How {nameOf(state, state.presenterId)}’s open questions go</legend>
          <label className="choice">
            <input type="radio" name="question-mode" checked={mode === 'turns'} disabled={pending} onChange={() => void run('setQuestionMode', { mode: 'turns' })} /> Strict turns (a question and a follow-up each)
          </label>
          <label className="choice">
            <input type="radio" name="question-mode" checked={mode === 'dialogue'} disabled={pending} onChange={() => void run('setQuestionMode', { mode: 'dialogue' })} /> Open dialogue (anyone asks; I call raised hands)
          </label>
        </fieldset>
      )}
      <label className="checkbox">
        <input type="checkbox" checked={Boolean(state.facilitatorOutOfTurns)} disabled={pending} onChange={(e) => void run('stepOutOfTurns', { out: e.target.checked })} /> Leave me out of the turn order
      </label>
      {queue && (
        <>
          <h3>Raised hands</h3>
          {state.floor && <p role="status">{nameOf(state, state.floor)} has the floor.</p>}
          {state.hands.length === 0 ? (
            <p className="muted">No hands raised.</p>
          ) : (
            <ol aria-label="Raised hands">
              {state.hands.map((id) => (
                <li key={id}>
                  {nameOf(state, id)}{' '}
                  <button type="button" className="button button--quiet button--small" disabled={pending} onClick={() => void run('callNext', { userId: id })}>
                    Call {nameOf(state, id)}
                  </button>
                  <button type="button" className="button button--quiet button--small" disabled={pending} onClick={() => void run('lowerHand', { userId: id })}>
                    Lower {nameOf(state, id)}’s hand
                  </button>
                </li>
              ))}
            </ol>
          )}
          <button type="button" className="button button--small" disabled={pending || state.hands.length === 0} onClick={() => void run('callNext')}>
            Call the next hand
          </button>
        </>
      )}
    </section>
  );
}
