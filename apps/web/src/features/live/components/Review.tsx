import { useId, useState } from 'react';
import { airtimeSummary, type LiveSessionState } from '@als/shared';
import { formatRemaining } from '@web/features/live/Timer';
import { nameOf, Problem, useCommand, type Send } from './common';

/** The process review (airtime, ratings) and the check-out word. */
export function Review({ state, me, send }: { state: LiveSessionState; me: string; send: Send }) {
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
