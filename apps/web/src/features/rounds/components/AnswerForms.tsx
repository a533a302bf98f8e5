import { useId, useState } from 'react';
import { contributionConfirmation, ROUND_LIMITS, type RoundContributionResponse, type RoundDetailResponse } from '@als/shared';
import { useContribute } from '@web/features/rounds/api/rounds';
import { formatDeadline } from '@web/features/rounds/format';
import { FormError } from '@web/ui/FormError';

/** One clarifying question, what the presenter answered so far, and the box to answer it: the question first, then where to write. */
function AnswerForm({ round, question, answers, zone, number }: { round: RoundDetailResponse; question: RoundContributionResponse; answers: RoundContributionResponse[]; zone: string; number: number }) {
  const contribute = useContribute(round.id);
  const [body, setBody] = useState('');
  const [clientId, setClientId] = useState(() => crypto.randomUUID());
  const id = useId();
  return (
    <li className="answer">
      <p className="answer__question" id={`${id}-q`}>
        <span className="visually-hidden">Question {number}: </span>
        {question.body}
      </p>
      <p className="muted">
        {question.authorName} · {formatDeadline(question.createdAt, zone)}
      </p>
      {answers.map((a) => (
        <blockquote key={a.id} className="answer__given" aria-label={`Your answer to question ${number}`}>
          {a.body}
        </blockquote>
      ))}
      <form
        className="form"
        aria-labelledby={`${id}-q`}
        onSubmit={(event) => {
          event.preventDefault();
          contribute.mutate(
            { body, clientId, replyToId: question.id },
            {
              onSuccess: () => {
                setBody('');
                setClientId(crypto.randomUUID());
              },
            },
          );
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-a`}>{answers.length ? `Add to your answer to question ${number}` : `Your answer to question ${number}`}</label>
          <textarea id={`${id}-a`} rows={3} maxLength={ROUND_LIMITS.body} value={body} onChange={(e) => setBody(e.target.value)} />
        </div>
        <FormError error={contribute.error} />
        {contribute.isSuccess && (
          <p role="status" className="alert alert--ok">
            {contributionConfirmation('answers', { presenterName: round.presenterName, byPresenter: true })}
          </p>
        )}
        <div className="form__buttons">
          <button type="submit" className="button" disabled={!body.trim() || contribute.isPending}>
            {contribute.isPending ? 'Sending…' : `Answer question ${number}`}
          </button>
        </div>
      </form>
    </li>
  );
}

/** The answers phase for its presenter: each clarifying question answered on its own, kept with it in the record. */
export function AnswerForms({ round, zone }: { round: RoundDetailResponse; zone: string }) {
  const questions = round.contributions.filter((c) => c.phase === 'clarifying');
  const answered = questions.filter((q) => round.contributions.some((a) => a.replyToId === q.id)).length;
  return (
    <section className="panel" aria-labelledby="answers-title">
      <h2 id="answers-title">Answer each clarifying question</h2>
      <p className="muted">
        {answered} of {questions.length} answered. The phase moves on once each question has its answer, or at its deadline.
      </p>
      <ol className="answers">
        {questions.map((q, i) => (
          <AnswerForm key={q.id} round={round} question={q} answers={round.contributions.filter((a) => a.replyToId === q.id)} zone={zone} number={i + 1} />
        ))}
      </ol>
    </section>
  );
}
