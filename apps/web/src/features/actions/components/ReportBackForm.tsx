import { useId, useState } from 'react';
import { formatDay, LIVE_LIMITS, REPORT_BACK_STATUSES, type MyActionResponse, type ReportBackRequest, type ReportBackStatus } from '@als/shared';
import { FormError } from '@web/ui/FormError';

export const REPORT_BACK_LABELS: Record<ReportBackStatus, string> = { done: 'Done', partly: 'Partly done', 'not-done': 'Not done' };

/** How one action went: done, partly or not done, and what was learned. Answered ahead of the meeting. */
export function ReportBackForm({ action, onSubmit, pending, error }: { action: MyActionResponse; onSubmit: (body: ReportBackRequest) => void; pending: boolean; error: unknown }) {
  const answered = action.status !== 'open' ? (action.status as ReportBackStatus) : null;
  const [status, setStatus] = useState<ReportBackStatus | null>(answered);
  const [note, setNote] = useState(action.reportNote);
  const noteId = useId();
  const legendId = useId();
  return (
    <form
      className="report-back"
      aria-labelledby={legendId}
      onSubmit={(event) => {
        event.preventDefault();
        if (status) onSubmit({ status, note });
      }}
    >
      <fieldset className="form">
        <legend id={legendId}>How did it go? {action.text}</legend>
        <div className="choices" role="radiogroup" aria-label="How it went">
          {REPORT_BACK_STATUSES.map((s) => (
            <label key={s} className="choice">
              <input type="radio" name={`status-${action.id}`} value={s} checked={status === s} onChange={() => setStatus(s)} /> {REPORT_BACK_LABELS[s]}
            </label>
          ))}
        </div>
        <div className="field">
          <label htmlFor={noteId}>What happened, and what did you learn? (optional; the set hears it at check-in)</label>
          <textarea id={noteId} rows={3} maxLength={LIVE_LIMITS.text} value={note} onChange={(e) => setNote(e.target.value)} />
        </div>
        <FormError error={error} />
        <div className="form__buttons">
          <button type="submit" className="button" disabled={!status || pending}>
            {pending ? 'Saving…' : answered ? 'Change my answer' : 'Report back'}
          </button>
        </div>
      </fieldset>
    </form>
  );
}

/** The person's actions to report on, each with its answer so far and the form to give or change it. */
export function ReportBackList({ actions, showSet, onReport, pendingId, error }: { actions: MyActionResponse[]; showSet: boolean; onReport: (actionId: string, body: ReportBackRequest) => void; pendingId: string | null; error: { actionId: string; error: unknown } | null }) {
  return (
    <ul className="report-back-list">
      {actions.map((a) => (
        <li key={a.id}>
          <p>
            <strong>{a.text}</strong>{' '}
            <span className="muted">
              {showSet ? `— ${a.setName}` : ''}
              {a.dueAt ? `${showSet ? ', ' : '— '}due ${formatDay(a.dueAt, { day: 'numeric', month: 'long', year: 'numeric' })}` : ''}
            </span>{' '}
            {a.status !== 'open' && <span className="badge badge--ok">Reported: {REPORT_BACK_LABELS[a.status as ReportBackStatus]}</span>}
          </p>
          <details>
            <summary>{a.status === 'open' ? 'Report back now' : 'Change your answer (until the meeting starts)'}</summary>
            <ReportBackForm key={`${a.status}:${a.reportNote}`} action={a} pending={pendingId === a.id} error={error?.actionId === a.id ? error.error : null} onSubmit={(body) => onReport(a.id, body)} />
          </details>
        </li>
      ))}
    </ul>
  );
}
