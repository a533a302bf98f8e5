import { useState } from 'react';
import { LIVE_PHASE_LABELS, nextStep, previousStep, PRESENTER_ROUND, questionCounts, type LiveSessionState } from '@als/shared';
import { ConfirmButton } from '@web/ui/ConfirmButton';
import { Arrivals } from './Arrivals';
import { nameOf, Problem, useCommand, type Send } from './common';

/** The facilitator's controls: start, move through the template, time-outs, order, hand-over, end. */
export function FacilitatorConsole({ state, send, me }: { state: LiveSessionState; send: Send; me?: string }) {
  const { run, pending, error } = useCommand(send);
  const [handTo, setHandTo] = useState('');
  // Only the one facilitating hands over (the reducer refuses the co-facilitator): their console does not offer it.
  const coFacilitating = me !== undefined && state.coFacilitatorId === me && state.facilitatorId !== me;
  const next = state.phase === 'lobby' ? null : nextStep(state);
  const previous = previousStep(state);
  // Leaving bidding with no order agreed would skip every presenter: that is asked for, never one click.
  const skipsPresenters = state.phase === 'bidding' && next?.phase === 'process-review';
  const bidders = Object.entries(state.bids)
    .filter(([, b]) => b.wantsTime)
    .sort((a, b) => b[1].urgency - a[1].urgency)
    .map(([id]) => id);
  const [order, setOrder] = useState<string[] | null>(null);
  // Once an order is agreed it shows as agreed; editing it is a choice (the panel is for bidding).
  const [editingOrder, setEditingOrder] = useState(false);
  const orderPhase = state.phase === 'bidding' || PRESENTER_ROUND.includes(state.phase);
  const orderAgreed = state.order.length > 0;
  const showOrderPanel = orderPhase && (editingOrder || (state.phase === 'bidding' && !orderAgreed));
  const shownOrder = order ?? (state.order.length ? state.order : bidders);
  const move = (id: string, by: number) => {
    const list = [...shownOrder];
    const i = list.indexOf(id);
    const j = i + by;
    if (j < 0 || j >= list.length) return;
    [list[i], list[j]] = [list[j], list[i]];
    setOrder(list);
  };
  return (
    <section className="panel console" aria-labelledby="console-title">
      <h2 id="console-title">Facilitator</h2>
      <Problem error={error} />
      <Arrivals state={state} send={send} />
      {skipsPresenters && (
        <p id="no-order" className="muted">
          No presenter order is agreed yet: agree one below, or go on to the process review with no presenters.
        </p>
      )}
      <div className="form__buttons">
        {state.phase === 'lobby' && (
          <button type="button" className="button" disabled={pending} onClick={() => void run('start')}>
            Start the session
          </button>
        )}
        {next && state.phase !== 'ended' && !skipsPresenters && (
          <button type="button" className="button" disabled={pending} onClick={() => void run('advance')}>
            Next: {LIVE_PHASE_LABELS[next.phase]}
            {next.presenterId ? ` (${nameOf(state, next.presenterId)})` : ''}
          </button>
        )}
        {skipsPresenters && (
          <ConfirmButton label="Next: Process review (no presenters)" confirmLabel="Yes, no presenters today" disabled={pending} describedBy="no-order" onConfirm={() => void run('advance')} />
        )}
        {previous && (
          <button type="button" className="button button--quiet" disabled={pending} onClick={() => void run('goTo', { phase: previous.phase, ...(previous.presenterId ? { presenterId: previous.presenterId } : {}) })}>
            Back: {LIVE_PHASE_LABELS[previous.phase]}
            {previous.presenterId ? ` (${nameOf(state, previous.presenterId)})` : ''}
          </button>
        )}
        {state.phase !== 'lobby' && state.phase !== 'ended' && (
          <>
            <button type="button" className="button button--quiet" disabled={pending} onClick={() => void run(state.paused ? 'resume' : 'pause')}>
              {state.paused ? 'Resume' : 'Time-out (pause)'}
            </button>
            <button type="button" className="button button--quiet" disabled={pending || !state.timer} onClick={() => void run('extendTimer', { seconds: 60 })}>
              +1 minute
            </button>
            <button type="button" className="button button--quiet" disabled={pending || !state.timer} onClick={() => void run('extendTimer', { seconds: 300 })}>
              +5 minutes
            </button>
            <ConfirmButton label="End the session" confirmLabel="Yes, end it for everyone" disabled={pending} onConfirm={() => void run('end')} />
          </>
        )}
      </div>
      {orderPhase && orderAgreed && !showOrderPanel && (
        <div className="order order--agreed">
          <h3>Order agreed</h3>
          <ol>
            {state.order.map((id) => (
              <li key={id} aria-current={state.presenterId === id ? 'step' : undefined}>
                {nameOf(state, id)}
                {state.presenterId === id && <span className="muted"> (presenting now)</span>}
              </li>
            ))}
          </ol>
          <button type="button" className="button button--quiet button--small" onClick={() => setEditingOrder(true)}>
            Edit the order
          </button>
        </div>
      )}
      {showOrderPanel && (
        <div className="order">
          <h3>Presenter order</h3>
          {shownOrder.length === 0 && <p className="muted">Nobody has asked for time yet. Add people below.</p>}
          <ol>
            {shownOrder.map((id, i) => (
              <li key={id}>
                {nameOf(state, id)}
                {state.bids[id] && <span className="muted"> (urgency {state.bids[id].urgency})</span>}{' '}
                <button type="button" className="button button--quiet button--small" aria-label={`Move ${nameOf(state, id)} up`} disabled={i === 0} onClick={() => move(id, -1)}>
                  ↑
                </button>
                <button type="button" className="button button--quiet button--small" aria-label={`Move ${nameOf(state, id)} down`} disabled={i === shownOrder.length - 1} onClick={() => move(id, 1)}>
                  ↓
                </button>
                <button type="button" className="button button--quiet button--small" aria-label={`Take ${nameOf(state, id)} out of the order`} onClick={() => setOrder(shownOrder.filter((x) => x !== id))}>
                  Remove
                </button>
              </li>
            ))}
          </ol>
          <div className="form__buttons">
            {state.roster
              .filter((p) => !shownOrder.includes(p.userId))
              .map((p) => (
                <button key={p.userId} type="button" className="button button--quiet button--small" onClick={() => setOrder([...shownOrder, p.userId])}>
                  Add {p.displayName}
                </button>
              ))}
            <button
              type="button"
              className="button"
              disabled={pending}
              onClick={() =>
                void run('setOrder', { presenterIds: shownOrder }).then((ok) => {
                  if (!ok) return;
                  setOrder(null);
                  setEditingOrder(false);
                })
              }
            >
              Agree this order
            </button>
            {editingOrder && (
              <button
                type="button"
                className="button button--quiet"
                onClick={() => {
                  setOrder(null);
                  setEditingOrder(false);
                }}
              >
                Keep the agreed order
              </button>
            )}
          </div>
        </div>
      )}
      {coFacilitating && state.phase !== 'lobby' && state.phase !== 'ended' && (
        <p className="muted">You co-facilitate: {nameOf(state, state.facilitatorId)} can hand facilitation over (to you, or to someone else).</p>
      )}
      {!coFacilitating && state.phase !== 'lobby' && state.phase !== 'ended' && (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (handTo) void run('handOver', { userId: handTo });
          }}
        >
          <label htmlFor="hand-over">Hand facilitation to</label>
          <select id="hand-over" value={handTo} onChange={(e) => setHandTo(e.target.value)}>
            <option value="">Choose someone</option>
            {state.roster
              .filter((p) => p.userId !== state.facilitatorId)
              .map((p) => (
                <option key={p.userId} value={p.userId}>
                  {p.displayName}
                </option>
              ))}
          </select>
          <button type="submit" className="button button--quiet button--small" disabled={!handTo || pending}>
            Hand over
          </button>
        </form>
      )}
      {state.questions.length > 0 && (
        <p className="muted">
          Questions so far: {Object.entries(questionCounts(state.questions.map((q) => q.kind)))
            .map(([kind, n]) => `${n} ${kind}`)
            .join(' · ')}
        </p>
      )}
    </section>
  );
}
