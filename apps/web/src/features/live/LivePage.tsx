import { useId, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import {
  airtimeSummary,
  classifyQuestion,
  formatDay,
  LIVE_PHASE_LABELS,
  nextStep,
  previousStep,
  PRESENTER_ROUND,
  questionCounts,
  type LiveCommandType,
  type LiveSessionState,
  type MeResponse,
} from '@als/shared';
import { Page } from '@web/ui/Page';
import { formatRemaining, Timer } from './Timer';
import { Arrivals } from './Arrivals';
import { useLiveSession, type LiveSession } from './useLiveSession';
import { ConfidentialityHint } from '@web/features/badges/components/ConfidentialityHint';

type Send = LiveSession['send'];

function useCommand(send: Send) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (type: LiveCommandType, payload: Record<string, unknown> = {}) => {
    setPending(true);
    setError(null);
    const ack = await send(type, payload);
    setPending(false);
    if (!ack.ok) setError(ack.error);
    return ack.ok;
  };
  return { run, pending, error };
}

function Problem({ error }: { error: string | null }) {
  return error ? (
    <p className="alert alert--error" role="alert">
      {error}
    </p>
  ) : null;
}

const nameOf = (state: LiveSessionState, userId: string | null | undefined) => state.roster.find((p) => p.userId === userId)?.displayName ?? 'Someone';

/** The facilitator's controls: start, move through the template, time-outs, order, hand-over, end. */
function FacilitatorConsole({ state, send }: { state: LiveSessionState; send: Send }) {
  const { run, pending, error } = useCommand(send);
  const [handTo, setHandTo] = useState('');
  const next = state.phase === 'lobby' ? null : nextStep(state);
  const previous = previousStep(state);
  const bidders = Object.entries(state.bids)
    .filter(([, b]) => b.wantsTime)
    .sort((a, b) => b[1].urgency - a[1].urgency)
    .map(([id]) => id);
  const [order, setOrder] = useState<string[] | null>(null);
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
      <div className="form__buttons">
        {state.phase === 'lobby' && (
          <button type="button" className="button" disabled={pending} onClick={() => void run('start')}>
            Start the session
          </button>
        )}
        {next && state.phase !== 'ended' && (
          <button type="button" className="button" disabled={pending} onClick={() => void run('advance')}>
            Next: {LIVE_PHASE_LABELS[next.phase]}
            {next.presenterId ? ` (${nameOf(state, next.presenterId)})` : ''}
          </button>
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
            <button type="button" className="button button--danger" disabled={pending} onClick={() => void run('end')}>
              End the session
            </button>
          </>
        )}
      </div>
      {(state.phase === 'bidding' || PRESENTER_ROUND.includes(state.phase)) && (
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
            <button type="button" className="button" disabled={pending} onClick={() => void run('setOrder', { presenterIds: shownOrder }).then((ok) => ok && setOrder(null))}>
              Agree this order
            </button>
          </div>
        </div>
      )}
      {state.phase !== 'lobby' && state.phase !== 'ended' && (
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

/** Who a contribution is for: oneself, or (the facilitator in the room) someone else. */
function ForWhom({ state, me, value, onChange }: { state: LiveSessionState; me: string; value: string; onChange: (id: string) => void }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>Recording for</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {state.roster.map((p) => (
          <option key={p.userId} value={p.userId}>
            {p.userId === me ? `${p.displayName} (me)` : p.displayName}
          </option>
        ))}
      </select>
    </div>
  );
}

function Bidding({ state, me, facilitating, send }: { state: LiveSessionState; me: string; facilitating: boolean; send: Send }) {
  const { run, pending, error } = useCommand(send);
  const [who, setWho] = useState(me);
  const [urgency, setUrgency] = useState(3);
  const mine = state.bids[who];
  return (
    <section className="panel" aria-labelledby="bid-title">
      <h2 id="bid-title">Do you want time today?</h2>
      <Problem error={error} />
      {facilitating && <ForWhom state={state} me={me} value={who} onChange={setWho} />}
      <fieldset className="urgency">
        <legend>How urgent or important is it? (1 low – 5 high)</legend>
        {[1, 2, 3, 4, 5].map((n) => (
          <label key={n} className="urgency__choice">
            <input type="radio" name="urgency" value={n} checked={urgency === n} onChange={() => setUrgency(n)} /> {n}
          </label>
        ))}
      </fieldset>
      <div className="form__buttons">
        <button type="button" className="button" disabled={pending} onClick={() => void run('bid', { wantsTime: true, urgency, ...(who !== me ? { onBehalfOf: who } : {}) })}>
          I would like time
        </button>
        <button type="button" className="button button--quiet" disabled={pending} onClick={() => void run('bid', { wantsTime: false, urgency: 1, ...(who !== me ? { onBehalfOf: who } : {}) })}>
          Not today
        </button>
      </div>
      {mine && <p role="status">{mine.wantsTime ? `Bid made, urgency ${mine.urgency}.` : 'Not presenting today.'}</p>}
      <ul className="bids">
        {state.roster.map((p) => (
          <li key={p.userId}>
            {p.displayName}: {state.bids[p.userId] ? (state.bids[p.userId].wantsTime ? `wants time (urgency ${state.bids[p.userId].urgency})` : 'not today') : 'not yet'}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Questions({ state, me, facilitating, send }: { state: LiveSessionState; me: string; facilitating: boolean; send: Send }) {
  const { run, pending, error } = useCommand(send);
  const [text, setText] = useState('');
  const [who, setWho] = useState(me === state.presenterId ? (state.roster.find((p) => p.userId !== state.presenterId)?.userId ?? me) : me);
  const textId = useId();
  const hintId = useId();
  const coaching = useMemo(() => (text.trim().length > 8 ? classifyQuestion(text) : null), [text]);
  const turnOf = state.turn ? state.turn.order[state.turn.index] : null;
  const asker = facilitating ? who : me;
  const myTurn = state.phase === 'clarifying' || turnOf === asker;
  const presenting = me === state.presenterId;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run('ask', { text, ...(asker !== me ? { onBehalfOf: asker } : {}) }).then((ok) => ok && setText(''));
  };
  return (
    <section className="panel" aria-labelledby="ask-title">
      <h2 id="ask-title">{state.phase === 'clarifying' ? 'Clarifying questions: facts only' : 'Open questions, in turn'}</h2>
      {state.phase === 'questions' && (
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
            {state.phase === 'questions' && (
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

function QuestionList({ state, me, facilitating, send }: { state: LiveSessionState; me: string; facilitating: boolean; send: Send }) {
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

function Review({ state, me, send }: { state: LiveSessionState; me: string; send: Send }) {
  const { run, pending, error } = useCommand(send);
  const [rating, setRating] = useState(4);
  const [comment, setComment] = useState('');
  const [word, setWord] = useState('');
  const summary = airtimeSummary(state);
  const commentId = useId();
  const wordId = useId();
  if (state.phase === 'check-out') {
    return (
      <section className="panel" aria-labelledby="out-title">
        <h2 id="out-title">Check-out: one word or line</h2>
        <Problem error={error} />
        <form className="inline-form" onSubmit={(e) => (e.preventDefault(), void run('checkOut', { text: word }).then((ok) => ok && setWord('')))}>
          <label htmlFor={wordId}>Your word</label>
          <input id={wordId} value={word} maxLength={200} onChange={(e) => setWord(e.target.value)} />
          <button type="submit" className="button" disabled={pending || !word.trim()}>
            Check out
          </button>
        </form>
        <ul>
          {state.checkOuts.map((c) => (
            <li key={c.userId}>
              {nameOf(state, c.userId)}: {c.text}
            </li>
          ))}
        </ul>
      </section>
    );
  }
  return (
    <section className="panel" aria-labelledby="review-title">
      <h2 id="review-title">Process review</h2>
      <Problem error={error} />
      <h3>Airtime</h3>
      <ul>
        {summary.presenters.map((p) => (
          <li key={p.userId}>
            {nameOf(state, p.userId)} presented for {formatRemaining(p.ms)}
          </li>
        ))}
        {summary.questions.map((q) => (
          <li key={q.userId}>
            {nameOf(state, q.userId)} asked {q.count} ({Math.round(q.share * 100)}%)
          </li>
        ))}
      </ul>
      <form className="form" onSubmit={(e) => (e.preventDefault(), void run('rate', { rating, comment }))}>
        <fieldset className="urgency">
          <legend>How well did the session work for you? (1 – 5)</legend>
          {[1, 2, 3, 4, 5].map((n) => (
            <label key={n} className="urgency__choice">
              <input type="radio" name="rating" checked={rating === n} onChange={() => setRating(n)} /> {n}
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor={commentId}>What helped, what hindered?</label>
          <textarea id={commentId} rows={2} maxLength={500} value={comment} onChange={(e) => setComment(e.target.value)} />
        </div>
        <div className="form__buttons">
          <button type="submit" className="button" disabled={pending}>
            Send rating
          </button>
        </div>
        {state.ratings.some((r) => r.userId === me) && <p role="status">Thank you: your rating is in.</p>}
      </form>
    </section>
  );
}

function CheckIn({ state, me, send }: { state: LiveSessionState; me: string; send: Send }) {
  const { run, error } = useCommand(send);
  const mine = state.openActions.filter((a) => a.ownerId === me);
  return (
    <section className="panel" aria-labelledby="checkin-title">
      <h2 id="checkin-title">Check-in</h2>
      <p>Each person says how they are, and reports back on the actions they committed to last time.</p>
      <Problem error={error} />
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
    </section>
  );
}

/** Phase, presenter, timer and who is here: the same on every screen. */
export function SessionHeader({ session, large = false }: { session: LiveSession & { state: LiveSessionState }; large?: boolean }) {
  const { state } = session;
  return (
    <div className={large ? 'live-header live-header--large' : 'live-header'}>
      <div>
        <p className="live-header__phase">{LIVE_PHASE_LABELS[state.phase]}</p>
        {state.presenterId && <p className="live-header__presenter">Presenter: {nameOf(state, state.presenterId)}</p>}
        {state.phase === 'questions' && state.turn && <p className="live-header__turn">Turn: {nameOf(state, state.turn.order[state.turn.index])}</p>}
      </div>
      <Timer timer={state.timer} paused={state.paused} offsetMs={session.offsetMs} large={large} />
    </div>
  );
}

function Shell({ title, children, session }: { title: string; children: ReactNode; session: LiveSession }) {
  return (
    <Page title={title}>
      {!session.connected && !session.error && (
        <p className="alert alert--warning" role="status">
          Reconnecting… what you see may be a moment behind.
        </p>
      )}
      {session.error && (
        <p className="alert alert--error" role="alert">
          {session.error}
        </p>
      )}
      {children}
    </Page>
  );
}

/** The live meeting for facilitators and members, remote or in the room. */
export function LivePage({ me }: { me: MeResponse }) {
  const { meetingId = '' } = useParams();
  const [params] = useSearchParams();
  const inRoom = params.get('room') === '1';
  // A console in the room counts its own account at the meeting only when its person chooses so.
  const [countMe, setCountMe] = useState(!inRoom);
  const session = useLiveSession(meetingId, { inRoom, present: countMe, userId: me.id });
  const { state } = session;
  if (!state) {
    return (
      <Shell title="Live session" session={session}>
        {!session.error && <p className="muted">Joining the session…</p>}
      </Shell>
    );
  }
  const facilitating = state.phase === 'lobby' ? true : state.facilitatorId === me.id;
  const ready = session as LiveSession & { state: LiveSessionState };
  return (
    <Shell title="Live session" session={session}>
      <p>
        <Link to={`/meetings/${meetingId}`}>Meeting page</Link> · <Link to={`/meetings/${meetingId}/projector`}>Projector view</Link>
      </p>
      <SessionHeader session={ready} />
      <p className="muted" aria-live="polite">
        Here: {session.present.map((p) => `${p.displayName}${p.inRoom ? ' (in the room)' : ''}`).join(', ') || (countMe ? 'just you' : 'nobody counted yet')}
      </p>
      {inRoom && (
        <label className="checkbox">
          <input type="checkbox" checked={countMe} onChange={(e) => setCountMe(e.target.checked)} /> I take part in this meeting (count me as present, not only this screen)
        </label>
      )}
      {facilitating && <FacilitatorConsole state={state} send={session.send} />}
      {state.phase === 'lobby' && !facilitating && <p className="panel">Waiting for the facilitator to start.</p>}
      {state.phase === 'check-in' && <CheckIn state={state} me={me.id} send={session.send} />}
      {state.phase === 'bidding' && <Bidding state={state} me={me.id} facilitating={facilitating} send={session.send} />}
      {(state.phase === 'clarifying' || state.phase === 'questions') && <Questions state={state} me={me.id} facilitating={facilitating} send={session.send} />}
      {PRESENTER_ROUND.includes(state.phase) && <QuestionList state={state} me={me.id} facilitating={facilitating} send={session.send} />}
      {(state.phase === 'reflection' || state.phase === 'actions') && <PresenterWork state={state} me={me.id} facilitating={facilitating} send={session.send} />}
      {(state.phase === 'process-review' || state.phase === 'check-out') && <Review state={state} me={me.id} send={session.send} />}
      {state.phase === 'ended' && (
        <section className="panel">
          <h2>The session has ended</h2>
          <p>
            Thank you. {state.actions.length} action{state.actions.length === 1 ? '' : 's'} agreed. The record is on the <Link to={`/meetings/${meetingId}`}>meeting page</Link>.
          </p>
        </section>
      )}
    </Shell>
  );
}
