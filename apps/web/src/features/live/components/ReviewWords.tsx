import { useId, useState } from 'react';
import { METHOD_LIMITS, REVIEW_PROMPT_LABELS, REVIEW_PROMPTS, type LiveSessionState, type ReviewPrompt } from '@als/shared';
import { nameOf, Problem, useCommand, type Send } from './common';

/**
 * The process review's substance, before the ratings: what helped, what hindered, how the
 * questioning went. Everyone's words are shown to the set; anonymous ones without a name.
 */
export function ReviewWords({ state, me, who, send }: { state: LiveSessionState; me: string; who: string; send: Send }) {
  const words = state.reviewWords ?? [];
  return (
    <div className="review-words">
      <h3>How did we work today?</h3>
      {REVIEW_PROMPTS.map((prompt) => (
        <div key={prompt} className="review-prompt">
          <h4>{REVIEW_PROMPT_LABELS[prompt]}</h4>
          {words.some((w) => w.prompt === prompt) && (
            <ul aria-label={REVIEW_PROMPT_LABELS[prompt]}>
              {words
                .filter((w) => w.prompt === prompt)
                .map((w) => (
                  <li key={w.id}>
                    {w.text} <span className="muted">— {w.authorId ? nameOf(state, w.authorId) : 'anonymous'}</span>
                  </li>
                ))}
            </ul>
          )}
          <WordForm key={`${prompt}-${who}`} state={state} me={me} who={who} prompt={prompt} send={send} />
        </div>
      ))}
    </div>
  );
}

function WordForm({ state, me, who, prompt, send }: { state: LiveSessionState; me: string; who: string; prompt: ReviewPrompt; send: Send }) {
  const { run, pending, error } = useCommand(send);
  const [text, setText] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const id = useId();
  const forMe = who === me;
  return (
    <form
      className="form"
      onSubmit={(e) => {
        e.preventDefault();
        void run('reviewComment', { prompt, text, ...(anonymous ? { anonymous: true } : {}), ...(forMe ? {} : { onBehalfOf: who }) }).then((ok) => ok && setText(''));
      }}
    >
      <Problem error={error} />
      <div className="field">
        <label htmlFor={id}>
          {forMe ? 'Your words' : `${nameOf(state, who)}’s words`}
          <span className="visually-hidden">: {REVIEW_PROMPT_LABELS[prompt]}</span>
        </label>
        <textarea id={id} rows={2} maxLength={METHOD_LIMITS.reviewWord} value={text} onChange={(e) => setText(e.target.value)} />
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} /> {forMe ? 'Without my name' : 'Without their name'}
      </label>
      <div className="form__buttons">
        <button type="submit" className="button button--quiet" aria-label={`Add: ${REVIEW_PROMPT_LABELS[prompt]}`} disabled={pending || !text.trim()}>
          Add
        </button>
      </div>
    </form>
  );
}
