import { useState } from 'react';
import { ENDING_ANSWER_MAX, type EndingPromptId, type EndingResponse, type SetDetailResponse } from '@als/shared';
import { useEnding, useOpenEnding, useSubmitEndingReview } from '@web/features/ending/api/ending';
import { TextAreaField } from '@web/ui/Field';
import { FormError, fieldError } from '@web/ui/FormError';
import { LoadError, Loading } from '@web/ui/Page';

const day = (iso: string) => new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });

function ReviewForm({ setId, ending }: { setId: string; ending: EndingResponse }) {
  const mine = ending.mine;
  const [answers, setAnswers] = useState<Record<EndingPromptId, string>>({ cameWith: mine?.cameWith ?? '', changed: mine?.changed ?? '', takeForward: mine?.takeForward ?? '' });
  const [shared, setShared] = useState(mine?.shared ?? false);
  const submit = useSubmitEndingReview(setId);
  const empty = Object.values(answers).every((a) => a.trim() === '');
  return (
    <form
      className="form"
      onSubmit={(event) => {
        event.preventDefault();
        submit.mutate({ ...answers, shared });
      }}
    >
      {ending.prompts.map((prompt) => (
        <TextAreaField
          key={prompt.id}
          label={prompt.label}
          hint={prompt.hint}
          rows={4}
          maxLength={ENDING_ANSWER_MAX}
          value={answers[prompt.id]}
          onChange={(e) => setAnswers((current) => ({ ...current, [prompt.id]: e.target.value }))}
          error={fieldError(submit.error, prompt.id)}
        />
      ))}
      <label className="choice">
        <input type="checkbox" checked={shared} onChange={(e) => setShared(e.target.checked)} /> Share my review with the set (its facilitators and members read it). Otherwise it is mine alone; either way it is in my CPD export.
      </label>
      <FormError error={submit.error} />
      {submit.isSuccess && (
        <p role="status" className="alert alert--ok">
          Saved{submit.data.shared ? ' and shared with the set' : ': it is yours alone'}. It is in your CPD export.
        </p>
      )}
      <div className="form__buttons">
        <button type="submit" className="button" disabled={empty || submit.isPending}>
          {submit.isPending ? 'Saving…' : mine ? 'Save changes' : 'Save my review'}
        </button>
      </div>
    </form>
  );
}

/**
 * The set's ending: a facilitator opens the final learning review towards the last meeting; each
 * participant writes theirs (what they came with, what changed, what they take forward), kept as
 * theirs unless they share it; then the last check-out, and closing.
 */
export function EndingPanel({ set }: { set: SetDetailResponse }) {
  const participant = set.role !== 'sponsor';
  const ending = useEnding(set.id, participant);
  const open = useOpenEnding(set.id);
  if (!participant) return null;
  const facilitating = set.role === 'facilitator';
  return (
    <section className="panel" aria-labelledby="ending-title">
      <h2 id="ending-title">The set’s ending</h2>
      {ending.isPending && <Loading what="the ending review" />}
      {ending.isError && <LoadError error={ending.error} />}
      {ending.data && (
        <>
          {!ending.data.openedAt ? (
            facilitating ? (
              <>
                <p className="muted">Towards the set’s last meeting, open the final learning review: each member writes about their learning over the whole set, and may share it with the set. Then hold the last check-out, and close the set.</p>
                <FormError error={open.error} />
                {set.status === 'active' && (
                  <button type="button" className="button" disabled={open.isPending} onClick={() => open.mutate()}>
                    Open the ending review
                  </button>
                )}
              </>
            ) : (
              <p className="muted">Towards the set’s last meeting the facilitator opens a final learning review, for you to look back on your learning over the set.</p>
            )
          ) : (
            <>
              <p>
                The ending review was opened on {day(ending.data.openedAt)}. {ending.data.submitted} of {ending.data.participants} {ending.data.participants === 1 ? 'participant has' : 'participants have'} written one.
                {!ending.data.open && ' The set is closed: reviews can no longer be written.'}
              </p>
              {ending.data.open ? (
                <>
                  <h3>
                    Your review {ending.data.mine ? <span className="badge badge--ok">{ending.data.mine.shared ? 'Written, shared' : 'Written, yours alone'}</span> : <span className="badge">Not yet</span>}
                  </h3>
                  <ReviewForm setId={set.id} ending={ending.data} />
                </>
              ) : (
                ending.data.mine && <p className="muted">Your review is kept in your CPD export.</p>
              )}
              <h3>Shared with the set</h3>
              {ending.data.shared.length === 0 ? (
                <p className="muted">No one has shared their review yet.</p>
              ) : (
                <ul className="list">
                  {ending.data.shared.map((r) => (
                    <li key={`${r.displayName}-${r.updatedAt}`}>
                      <article aria-label={`${r.displayName}’s review`}>
                        <h4>{r.displayName}</h4>
                        <dl>
                          {ending.data.prompts.map((p) => (r[p.id] ? [<dt key={`${p.id}-t`}>{p.label}</dt>, <dd key={`${p.id}-d`}>{r[p.id]}</dd>] : null))}
                        </dl>
                      </article>
                    </li>
                  ))}
                </ul>
              )}
            </>
          )}
        </>
      )}
    </section>
  );
}

/** In the closing panel: the ending review comes before closing (closing ends the writing). */
export function EndingBeforeClosing({ set }: { set: SetDetailResponse }) {
  const ending = useEnding(set.id, set.role === 'facilitator' && set.status === 'active');
  const open = useOpenEnding(set.id);
  if (!ending.data) return null;
  if (!ending.data.openedAt) {
    return (
      <div className="alert" role="note">
        <p>Before closing: open the ending review, so that members can write their final learning review. Closing the set ends the writing.</p>
        <FormError error={open.error} />
        <button type="button" className="button button--quiet" disabled={open.isPending} onClick={() => open.mutate()}>
          Open the ending review first
        </button>
      </div>
    );
  }
  const missing = ending.data.participants - ending.data.submitted;
  return missing > 0 ? (
    <p className="alert" role="note">
      {missing} of {ending.data.participants} {ending.data.participants === 1 ? 'participant has' : 'participants have'} not written an ending review yet: closing the set ends the writing.
    </p>
  ) : null;
}
