import { useId, useState } from 'react';
import { formatDay, type LiveSessionState } from '@als/shared';
import { nameOf, Problem, useCommand, type Send } from './common';

/**
 * The presenter's reflection and actions. A due date is a calendar day: the date input's day is
 * sent as typed (YYYY-MM-DD) and shown as that day, never as an instant in the browser's zone.
 */
export function PresenterWork({ state, me, facilitating, send }: { state: LiveSessionState; me: string; facilitating: boolean; send: Send }) {
  const { run, pending, error } = useCommand(send);
  const [text, setText] = useState('');
  const [dueAt, setDueAt] = useState('');
  const id = useId();
  const dueId = useId();
  const canWrite = me === state.presenterId || facilitating;
  const reflecting = state.phase === 'reflection';
  const reflections = state.reflections.filter((r) => r.presenterId === state.presenterId);
  const actions = state.actions.filter((a) => a.presenterId === state.presenterId);
  return (
    <section className="panel" aria-labelledby="work-title">
      <h2 id="work-title">{reflecting ? 'Reflection' : 'Actions'}</h2>
      <Problem error={error} />
      {reflections.map((r) => (
        <blockquote key={r.at}>{r.text}</blockquote>
      ))}
      {actions.length > 0 && (
        <ul>
          {actions.map((a) => (
            <li key={a.id}>
              {a.text} <span className="muted">— {nameOf(state, a.ownerId)}{a.dueAt ? `, by ${formatDay(a.dueAt)}` : ''}</span>
            </li>
          ))}
        </ul>
      )}
      {canWrite && (
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            const payload = reflecting ? { text } : { text, ...(dueAt ? { dueAt } : {}) };
            void run(reflecting ? 'reflect' : 'addAction', payload).then((ok) => ok && setText(''));
          }}
        >
          <div className="field">
            <label htmlFor={id}>{reflecting ? 'What do you see now?' : 'An action you commit to'}</label>
            <textarea id={id} rows={2} value={text} onChange={(e) => setText(e.target.value)} />
          </div>
          {!reflecting && (
            <div className="field">
              <label htmlFor={dueId}>Due (default: the next meeting)</label>
              <input id={dueId} type="date" value={dueAt} onChange={(e) => setDueAt(e.target.value)} />
            </div>
          )}
          <div className="form__buttons">
            <button type="submit" className="button" disabled={pending || !text.trim()}>
              {reflecting ? 'Add reflection' : 'Add action'}
            </button>
          </div>
        </form>
      )}
      {me === state.presenterId && (
        <label className="checkbox">
          <input type="checkbox" checked={state.withheld.includes(me)} onChange={(e) => void run('withholdCase', { withheld: e.target.checked })} /> Do not keep my case in the session record
        </label>
      )}
    </section>
  );
}
