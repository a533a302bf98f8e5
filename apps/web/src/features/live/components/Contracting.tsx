import { useId, useState } from 'react';
import { METHOD_LIMITS, type LiveSessionState } from '@als/shared';
import { GroundRulesList } from '@web/ui/GroundRulesList';
import { nameOf, Problem, useCommand, type Send } from './common';
import { SayForForm } from './SayForForm';

/**
 * Contracting: the set's ground rules on the table for everyone while the step is open (at the
 * set's first session by itself, or when the facilitator opens it to revisit them); people
 * propose changes; the facilitator records the agreed text, which becomes the set's next version.
 */
export function Contracting({ state, me, facilitating, send }: { state: LiveSessionState; me: string; facilitating: boolean; send: Send }) {
  const contracting = state.contracting;
  const { run, pending, error } = useCommand(send);
  if (!contracting) return null;
  if (!contracting.open) {
    if (!facilitating) return null;
    return (
      <section className="panel" aria-labelledby="contract-closed-title">
        <h2 id="contract-closed-title">Ground rules</h2>
        {contracting.agreed && <p role="status">Agreed in this session by {contracting.agreed.presentIds.map((id) => nameOf(state, id)).join(', ')}.</p>}
        <Problem error={error} />
        <button type="button" className="button button--quiet" disabled={pending} onClick={() => void run('setContracting', { open: true })}>
          Revisit the ground rules
        </button>
      </section>
    );
  }
  return (
    <section className="panel" aria-labelledby="contract-title">
      <h2 id="contract-title">Contracting: our ground rules</h2>
      <p>The ground rules as they stand. Propose a change; the facilitator records what the set agrees.</p>
      {contracting.draft ? <GroundRulesList rules={contracting.draft} /> : <p className="muted">No ground rules written yet.</p>}
      <h3>Proposed changes</h3>
      {contracting.proposals.length === 0 ? (
        <p className="muted">None yet.</p>
      ) : (
        <ul aria-label="Proposed changes">
          {contracting.proposals.map((p) => (
            <li key={p.id}>
              {p.text} <span className="muted">— {nameOf(state, p.userId)}</span>
            </li>
          ))}
        </ul>
      )}
      <SayForForm state={state} me={me} facilitating={facilitating} send={send} command="proposeChange" label="Propose a change" verb="Propose" maxLength={METHOD_LIMITS.proposal} quiet />
      {facilitating && <AgreeForm key={contracting.draft} draft={contracting.draft} send={send} />}
    </section>
  );
}

function AgreeForm({ draft, send }: { draft: string; send: Send }) {
  const { run, pending, error } = useCommand(send);
  const [text, setText] = useState(draft);
  const id = useId();
  return (
    <form
      className="form"
      onSubmit={(e) => {
        e.preventDefault();
        void run('agreeContract', { text });
      }}
    >
      <Problem error={error} />
      <div className="field">
        <label htmlFor={id}>The ground rules the set agrees</label>
        <textarea id={id} rows={6} maxLength={METHOD_LIMITS.contract} value={text} onChange={(e) => setText(e.target.value)} />
      </div>
      <div className="form__buttons">
        <button type="submit" className="button" disabled={pending || !text.trim()}>
          Record as agreed
        </button>
        <button type="button" className="button button--quiet" disabled={pending} onClick={() => void run('setContracting', { open: false })}>
          Close without a new version
        </button>
      </div>
    </form>
  );
}
