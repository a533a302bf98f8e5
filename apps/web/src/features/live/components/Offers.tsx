import { useId, useState } from 'react';
import { METHOD_LIMITS, type LiveSessionState } from '@als/shared';
import { ForWhom, nameOf, Problem, useCommand, type Send } from './common';

/**
 * Offers of experience or resources to the presenter: only when they invite them (after the
 * questioning). The presenter (or the facilitator for them) opens and closes the step.
 */
export function Offers({ state, me, facilitating, send }: { state: LiveSessionState; me: string; facilitating: boolean; send: Send }) {
  const { run, pending, error } = useCommand(send);
  const presenterId = state.presenterId;
  if (!presenterId || !['questions', 'reflection', 'actions'].includes(state.phase)) return null;
  const presenting = me === presenterId;
  const open = Boolean(state.offersOpen);
  const offers = (state.offers ?? []).filter((o) => o.presenterId === presenterId);
  if (!open && !presenting && !facilitating && offers.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="offers-title">
      <h2 id="offers-title">Offers to {presenting ? 'you' : nameOf(state, presenterId)}</h2>
      <p className="muted">{open ? `${presenting ? 'You invite' : `${nameOf(state, presenterId)} invites`} offers of experience or resources.` : 'Offers are made only when the presenter invites them.'}</p>
      <Problem error={error} />
      {(presenting || facilitating) && (
        <button type="button" className="button button--quiet button--small" disabled={pending} onClick={() => void run('inviteOffers', { open: !open })}>
          {open ? 'Close offers' : presenting ? 'Invite offers' : `Invite offers for ${nameOf(state, presenterId)}`}
        </button>
      )}
      {offers.length > 0 && (
        <ul aria-label="Offers">
          {offers.map((o) => (
            <li key={o.id}>
              {o.text} <span className="muted">— {nameOf(state, o.userId)}</span>
            </li>
          ))}
        </ul>
      )}
      {open && (!presenting || facilitating) && <OfferForm state={state} me={me} facilitating={facilitating} send={send} />}
    </section>
  );
}

function OfferForm({ state, me, facilitating, send }: { state: LiveSessionState; me: string; facilitating: boolean; send: Send }) {
  const { run, pending, error } = useCommand(send);
  const others = { ...state, roster: state.roster.filter((p) => p.userId !== state.presenterId) };
  const [who, setWho] = useState(me === state.presenterId ? (others.roster[0]?.userId ?? me) : me);
  const [text, setText] = useState('');
  const id = useId();
  return (
    <form
      className="form"
      onSubmit={(e) => {
        e.preventDefault();
        void run('offer', { text, ...(who !== me ? { onBehalfOf: who } : {}) }).then((ok) => ok && setText(''));
      }}
    >
      <Problem error={error} />
      {facilitating && <ForWhom state={others} me={me} value={who} onChange={setWho} />}
      <div className="field">
        <label htmlFor={id}>An offer of experience or a resource</label>
        <textarea id={id} rows={2} maxLength={METHOD_LIMITS.offer} value={text} onChange={(e) => setText(e.target.value)} />
      </div>
      <div className="form__buttons">
        <button type="submit" className="button" disabled={pending || !text.trim()}>
          {who === me ? 'Offer' : `Offer for ${nameOf(state, who)}`}
        </button>
      </div>
    </form>
  );
}
