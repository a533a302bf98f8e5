import { useId, useState, type FormEvent } from 'react';
import { LIVE_LIMITS, REPORT_BACK_STATUSES, type LiveOpenAction, type LiveSessionState, type ReportBackStatus } from '@als/shared';
import { nameOf, Problem, recordable, useCommand, type Send } from './common';

const STATUS_LABELS: Record<ReportBackStatus, string> = { done: 'Done', partly: 'Partly', 'not-done': 'Not done' };

/** For the facilitator at check-in: each open action of each person at the meeting, reported back for them (in the room). */
export function ReportBackFor({ state, me, send }: { state: LiveSessionState; me: string; send: Send }) {
  const people = recordable(state).filter((p) => p.userId !== me && state.openActions.some((a) => a.ownerId === p.userId));
  if (people.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="report-for-title">
      <h2 id="report-for-title">Report-backs for people in the room</h2>
      {people.map((p) => (
        <div key={p.userId} role="group" aria-label={`${p.displayName}’s actions`}>
          <h3>{p.displayName}</h3>
          <ul>
            {state.openActions
              .filter((a) => a.ownerId === p.userId)
              .map((a) => (
                <li key={a.id}>
                  <ReportBackForm state={state} action={a} send={send} />
                </li>
              ))}
          </ul>
        </div>
      ))}
    </section>
  );
}

/** One action's report-back, recorded for its owner: a status (none chosen until someone chooses) and a note. */
function ReportBackForm({ state, action, send }: { state: LiveSessionState; action: LiveOpenAction; send: Send }) {
  const { run, pending, error } = useCommand(send);
  const given = state.reportBacks.find((r) => r.actionId === action.id);
  const [status, setStatus] = useState<ReportBackStatus | null>(given?.status ?? null);
  const [note, setNote] = useState(given?.note ?? '');
  const noteId = useId();
  const name = nameOf(state, action.ownerId);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (status) void run('reportBack', { actionId: action.id, status, note, onBehalfOf: action.ownerId });
  };
  return (
    <form className="form" onSubmit={submit}>
      <fieldset className="urgency">
        <legend>{action.text}</legend>
        {REPORT_BACK_STATUSES.map((s) => (
          <label key={s} className="urgency__choice">
            <input type="radio" name={`report-${action.id}`} value={s} checked={status === s} onChange={() => setStatus(s)} /> {STATUS_LABELS[s]}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={noteId}>Note on “{action.text}” (optional)</label>
        <input id={noteId} value={note} maxLength={LIVE_LIMITS.text} onChange={(e) => setNote(e.target.value)} />
      </div>
      <Problem error={error} />
      <button type="submit" className="button button--small" disabled={pending || !status}>
        Record for {name}
      </button>
      {given && <p role="status">Recorded: {STATUS_LABELS[given.status]}{given.note ? ` — ${given.note}` : ''}.</p>}
    </form>
  );
}
