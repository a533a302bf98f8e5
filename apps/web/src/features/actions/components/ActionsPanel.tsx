import { formatDay, type SetDetailResponse } from '@als/shared';
import { useActions } from '@web/features/actions/api/actions';
import { LoadError, Loading } from '@web/ui/Page';

const STATUS: Record<string, string> = { open: 'Open', done: 'Done', partly: 'Partly done', 'not-done': 'Not done' };

/** The set's actions: open ones to report on at the next check-in (a closed set has none: they stay as they were left), then the history. */
export function ActionsPanel({ set, myId }: { set: SetDetailResponse; myId: string }) {
  const actions = useActions(set.id, set.role !== 'sponsor');
  if (set.role === 'sponsor') return null;
  const open = actions.data?.filter((a) => a.status === 'open') ?? [];
  const reported = actions.data?.filter((a) => a.status !== 'open') ?? [];
  return (
    <section className="panel" aria-labelledby="actions-title">
      <h2 id="actions-title">Actions</h2>
      {actions.isPending && <Loading what="actions" />}
      {actions.isError && <LoadError error={actions.error} />}
      {actions.data && actions.data.length === 0 && <p className="muted">No actions yet: presenters commit to them at the end of their round.</p>}
      {open.length > 0 && (
        <>
          <h3>{set.status === 'closed' ? 'Still open when the set closed' : 'To report back on at the next check-in'}</h3>
          <ul>
            {open.map((a) => (
              <li key={a.id}>
                {a.text} <span className="muted">— {a.ownerId === myId ? 'you' : a.ownerName}{a.dueAt ? `, by ${formatDay(a.dueAt)}` : ''}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {reported.length > 0 && (
        <details>
          <summary>Reported back ({reported.length})</summary>
          <ul>
            {reported.map((a) => (
              <li key={a.id}>
                {a.text} <span className="muted">— {a.ownerName}: {STATUS[a.status]}{a.reportNote ? ` (“${a.reportNote}”)` : ''}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
