import { METHOD_LIMITS, type LiveSessionState } from '@als/shared';
import { nameOf, Problem, useCommand, type Send } from './common';
import { SayForForm } from './SayForForm';

/**
 * Offers of experience or resources to the presenter: only when they invite them (after the
 * questioning). The presenter (or the facilitator for them) opens and closes the step.
 */
export function Offers({ state, me, facilitating, send }: { state: LiveSessionState; me: string; facilitating: boolean; send: Send }) {
  const { run, pending, error } = useCommand(send);
  const presenterId = state.presenterId;
  if (!presenterId || !['questions', 'reflection', 'actions'].includes(state.phase)) return null;
  const others = { ...state, roster: state.roster.filter((p) => p.userId !== presenterId) };
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
      {open && (!presenting || facilitating) && (
        // Offers come from the others: the facilitator records them for anyone but the presenter.
        <SayForForm state={others} me={me} facilitating={facilitating} send={send} command="offer" label="An offer of experience or a resource" verb="Offer" maxLength={METHOD_LIMITS.offer} firstWho={presenting ? (others.roster[0]?.userId ?? me) : me} />
      )}
    </section>
  );
}
