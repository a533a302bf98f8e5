import { useState } from 'react';
import { Link } from 'react-router';
import type { SetDetailResponse } from '@als/shared';
import { useAttendanceHistory } from '@web/features/meetings/api/meetings';
import { LoadError, Loading } from '@web/ui/Page';
import { count, formatDay } from '@web/features/meetings/format';

/** The set's attendance so far, loaded when opened: per person (facilitators; members see their own) and per meeting. */
export function AttendanceHistory({ set, zone }: { set: SetDetailResponse; zone: string }) {
  const [open, setOpen] = useState(false);
  const history = useAttendanceHistory(set.id, open);
  return (
    <details className="feed" onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>Attendance so far</summary>
      {history.isPending && open && <Loading what="attendance" />}
      {history.isError && <LoadError error={history.error} />}
      {history.data && history.data.meetings.length === 0 && <p className="muted">No meeting has taken place yet.</p>}
      {history.data && history.data.meetings.length > 0 && (
        <>
          {history.data.people && (
            <table className="table">
              <caption className="visually-hidden">Attendance per person</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Attended</th>
                  <th scope="col">Apologies</th>
                  <th scope="col">No reply</th>
                </tr>
              </thead>
              <tbody>
                {history.data.people.map((p) => (
                  <tr key={p.userId}>
                    <th scope="row">{p.displayName}</th>
                    <td>{p.attending}</td>
                    <td>
                      {p.apologies}
                      {p.lateApologies > 0 && <span className="muted"> ({p.lateApologies} late)</span>}
                    </td>
                    <td>{p.noReply}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <ul className="history">
            {history.data.meetings.map((m) => (
              <li key={m.id}>
                <Link to={`/meetings/${m.id}`}>{formatDay(m.startsAt, zone)}</Link>:{' '}
                {m.status === 'cancelled' ? 'cancelled' : `${m.attending} attended, ${count(m.apologies, 'apology', 'apologies')}${m.lateApologies ? ` (${m.lateApologies} late)` : ''}`}
              </li>
            ))}
          </ul>
        </>
      )}
    </details>
  );
}
