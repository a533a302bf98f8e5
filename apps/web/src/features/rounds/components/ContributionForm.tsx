import { useMemo, useState } from 'react';
import { classifyQuestion, contributionConfirmation, isQuestionPhase, ROUND_LIMITS, type RoundDetailResponse } from '@als/shared';
import { ConfidentialityHint } from '@web/features/badges/components/ConfidentialityHint';
import { useContribute } from '@web/features/rounds/api/rounds';
import { KIND_LABELS } from '@web/features/rounds/labels';
import { FormError } from '@web/ui/FormError';

/** Writing in the current phase, with a coaching hint for questions as they are typed (it never blocks). */
export function ContributionForm({ round, isPresenter }: { round: RoundDetailResponse; isPresenter: boolean }) {
  const contribute = useContribute(round.id);
  const [body, setBody] = useState('');
  const [clientId, setClientId] = useState(() => crypto.randomUUID());
  const coaching = useMemo(() => (isQuestionPhase(round.phase) && body.trim().length > 8 ? classifyQuestion(body) : null), [body, round.phase]);
  const label = round.phase === 'actions' && isPresenter ? 'Your actions, one per line' : isQuestionPhase(round.phase) ? 'Your question' : round.phase === 'actions' ? 'A closing word (optional)' : 'What you write';
  return (
    <form
      className="form"
      aria-label="Write in this phase"
      onSubmit={(event) => {
        event.preventDefault();
        // The same clientId on a retry: the contribution is stored once.
        contribute.mutate(
          { body, clientId },
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
        <label htmlFor="contribution">{label}</label>
        <textarea id="contribution" rows={5} maxLength={ROUND_LIMITS.body} value={body} onChange={(e) => setBody(e.target.value)} aria-describedby={coaching?.reason ? 'coaching' : undefined} />
        <ConfidentialityHint text={body} />
      </div>
      {coaching && coaching.kind !== 'open' && (
        <p id="coaching" className="alert alert--warning" role="status">
          This reads as {KIND_LABELS[coaching.kind]}: {coaching.reason} You can still send it.
        </p>
      )}
      <FormError error={contribute.error} />
      {contribute.isSuccess && (
        <p role="status" className="alert alert--ok">
          {contributionConfirmation(contribute.data?.phase ?? round.phase, { presenterName: round.presenterName, byPresenter: isPresenter })}
        </p>
      )}
      <div className="form__buttons">
        <button type="submit" className="button" disabled={!body.trim() || contribute.isPending}>
          {contribute.isPending ? 'Sending…' : 'Add to the round'}
        </button>
      </div>
    </form>
  );
}
