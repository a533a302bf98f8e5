import { useId, useState } from 'react';
import type { LiveSessionState } from '@als/shared';
import { ForWhom, nameOf, Problem, useCommand, type Send } from './common';

/**
 * One line a person puts to the set (a proposed change to the ground rules, an offer to the
 * presenter): by themselves, or by the facilitator for someone in the room (`onBehalfOf`). The
 * box empties once the command is in.
 */
export function SayForForm({ state, me, facilitating, send, command, label, verb, maxLength, firstWho = me, quiet = false }: {
  /** The people the facilitator may choose from are this state's roster. */
  state: LiveSessionState;
  me: string;
  facilitating: boolean;
  send: Send;
  command: 'proposeChange' | 'offer';
  label: string;
  /** The button: "<verb>", or "<verb> for <name>". */
  verb: string;
  maxLength: number;
  firstWho?: string;
  quiet?: boolean;
}) {
  const { run, pending, error } = useCommand(send);
  const [text, setText] = useState('');
  const [who, setWho] = useState(firstWho);
  const id = useId();
  return (
    <form
      className="form"
      onSubmit={(e) => {
        e.preventDefault();
        void run(command, { text, ...(who !== me ? { onBehalfOf: who } : {}) }).then((ok) => ok && setText(''));
      }}
    >
      <Problem error={error} />
      {facilitating && <ForWhom state={state} me={me} value={who} onChange={setWho} />}
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <textarea id={id} rows={2} maxLength={maxLength} value={text} onChange={(e) => setText(e.target.value)} />
      </div>
      <div className="form__buttons">
        <button type="submit" className={quiet ? 'button button--quiet' : 'button'} disabled={pending || !text.trim()}>
          {who === me ? verb : `${verb} for ${nameOf(state, who)}`}
        </button>
      </div>
    </form>
  );
}
