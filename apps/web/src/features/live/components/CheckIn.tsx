import type { LiveSessionState } from '@als/shared';
import { Problem, useCommand, type Send } from './common';

/** Check-in: how each person is, and report-back on their actions from last time. */
export function CheckIn({ state, me, send }: { state: LiveSessionState; me: string; send: Send }) {
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
