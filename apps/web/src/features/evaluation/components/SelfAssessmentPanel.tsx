import { useState } from 'react';
import { SELF_ASSESSMENT_STAGES, type MySelfAssessmentResponse, type SelfAssessmentStage } from '@als/shared';
import { useAnswerSelfAssessment, useSelfAssessment } from '@web/features/evaluation/api/evaluation';
import { FormError } from '@web/ui/FormError';
import { LoadError, Loading } from '@web/ui/Page';

const STAGE_LABELS: Record<SelfAssessmentStage, string> = { start: 'At the start of the set', end: 'At the end of the set' };

function StageForm({ setId, stage, questionnaire }: { setId: string; stage: SelfAssessmentStage; questionnaire: MySelfAssessmentResponse }) {
  const saved = questionnaire.mine.find((m) => m.stage === stage);
  const [answers, setAnswers] = useState<(number | null)[]>(saved?.answers ?? questionnaire.statements.map(() => null));
  const answer = useAnswerSelfAssessment(setId);
  const complete = answers.every((a) => a !== null);
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (complete) answer.mutate({ stage, answers: answers as number[] });
      }}
    >
      {questionnaire.statements.map((statement, i) => (
        <fieldset key={statement.id} className="form self-assessment__statement">
          <legend>{statement.text}</legend>
          <div className="choices">
            {questionnaire.scale.map((label, score) => (
              <label key={label} className="choice">
                <input
                  type="radio"
                  name={`${stage}-${statement.id}`}
                  value={score + 1}
                  checked={answers[i] === score + 1}
                  onChange={() => setAnswers((current) => current.map((a, j) => (j === i ? score + 1 : a)))}
                />{' '}
                {score + 1} {label}
              </label>
            ))}
          </div>
        </fieldset>
      ))}
      <FormError error={answer.error} />
      {answer.isSuccess && (
        <p role="status" className="alert alert--ok">
          Saved. Only averages over the set ever reach the evaluation.
        </p>
      )}
      <div className="form__buttons">
        <button type="submit" className="button" disabled={!complete || answer.isPending}>
          {answer.isPending ? 'Saving…' : saved ? 'Save changes' : 'Save my answers'}
        </button>
      </div>
    </form>
  );
}

/** The member's own before/after self-assessment: five statements scored from 1 to 5. */
export function SelfAssessmentPanel({ setId }: { setId: string }) {
  const questionnaire = useSelfAssessment(setId, true);
  return (
    <section className="panel" aria-labelledby="self-assessment-title">
      <h2 id="self-assessment-title">Your self-assessment</h2>
      <p className="muted">A short questionnaire at the start of the set and again at the end, so the set can see what changed. Your answers are yours: only averages over the set are shown, never who said what.</p>
      {questionnaire.isPending && <Loading what="the questionnaire" />}
      {questionnaire.isError && <LoadError error={questionnaire.error} />}
      {questionnaire.data &&
        SELF_ASSESSMENT_STAGES.map((stage) => {
          const done = questionnaire.data.mine.some((m) => m.stage === stage);
          return (
            <details key={stage}>
              <summary>
                {STAGE_LABELS[stage]} {done ? <span className="badge badge--ok">Answered</span> : <span className="badge">Not yet</span>}
              </summary>
              <StageForm setId={setId} stage={stage} questionnaire={questionnaire.data} />
            </details>
          );
        })}
    </section>
  );
}
