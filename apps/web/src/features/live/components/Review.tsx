import { useId, useState, type FormEvent } from 'react';
import { airtimeSummary, LIVE_LIMITS, voiceAirtime, type LiveSessionState } from '@als/shared';
import { formatRemaining } from '@web/features/live/Timer';
import { CheckOut } from './CheckOut';
import { ReviewWords } from './ReviewWords';
import { ForWhom, nameOf, Problem, useCommand, type Send } from './common';

/** The process review (airtime; everyone's words on its prompts, then ratings, for the same person) and the check-out word. */
export function Review({ state, me, facilitating, send }: { state: LiveSessionState; me: string; facilitating: boolean; send: Send }) {
  const [who, setWho] = useState(me);
  const summary = airtimeSummary(state);
  if (state.phase === 'check-out') return <CheckOut state={state} me={me} facilitating={facilitating} send={send} />;
  return (
    <section className="panel" aria-labelledby="review-title">
      <h2 id="review-title">Process review</h2>
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
        {voiceAirtime(state).map((v) => (
          <li key={`voice-${v.userId}`}>
            {nameOf(state, v.userId)} spoke for {formatRemaining(v.ms)} in the call
          </li>
        ))}
      </ul>
      {facilitating && <ForWhom state={state} me={me} value={who} onChange={setWho} />}
      <ReviewWords state={state} me={me} who={who} send={send} />
      <h3>Ratings</h3>
      <RatingForm key={who} state={state} me={me} who={who} send={send} />
    </section>
  );
}

/** One person's rating and comment; no number is chosen until they choose one (keyed by whom it is for, so switching starts afresh). */
function RatingForm({ state, me, who, send }: { state: LiveSessionState; me: string; who: string; send: Send }) {
  const { run, pending, error } = useCommand(send);
  const [rating, setRating] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const commentId = useId();
  const forMe = who === me;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (rating !== null) void run('rate', { rating, comment, ...(forMe ? {} : { onBehalfOf: who }) });
  };
  return (
    <form className="form" onSubmit={submit}>
      <Problem error={error} />
      <fieldset className="urgency">
        <legend>{forMe ? 'How well did the session work for you? (1 – 5)' : `How well did the session work for ${nameOf(state, who)}? (1 – 5)`}</legend>
        {[1, 2, 3, 4, 5].map((n) => (
          <label key={n} className="urgency__choice">
            <input type="radio" name="rating" value={n} checked={rating === n} onChange={() => setRating(n)} /> {n}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={commentId}>What helped, what hindered?</label>
        <textarea id={commentId} rows={2} maxLength={LIVE_LIMITS.comment} value={comment} onChange={(e) => setComment(e.target.value)} />
      </div>
      <div className="form__buttons">
        <button type="submit" className="button" disabled={pending || rating === null}>
          {forMe ? 'Send rating' : `Record rating for ${nameOf(state, who)}`}
        </button>
      </div>
      {state.ratings.some((r) => r.userId === who) && <p role="status">{forMe ? 'Thank you: your rating is in.' : `${nameOf(state, who)}’s rating is in.`}</p>}
    </form>
  );
}
