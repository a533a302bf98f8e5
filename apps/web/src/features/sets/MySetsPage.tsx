import { Link } from 'react-router';
import { useMyActions, useMySets } from '@web/api/queries';
import { LoadError, Loading, Page } from '@web/ui/Page';
import { MODE_LABELS, ROLE_LABELS } from './labels';

export function MySetsPage() {
  const sets = useMySets();
  const actions = useMyActions();
  return (
    <Page
      title="My sets"
      actions={
        <Link className="button" to="/sets/new">
          Create a set
        </Link>
      }
    >
      {actions.data && actions.data.length > 0 && (
        <section className="panel" aria-labelledby="my-actions-title">
          <h2 id="my-actions-title">Your open actions</h2>
          <p className="muted">You report back on each at your set's next check-in.</p>
          <ul>
            {actions.data.map((a) => (
              <li key={a.id}>
                {a.text}{' '}
                <span className="muted">
                  — <Link to={`/sets/${a.setId}`}>{a.setName}</Link>
                  {a.dueAt ? `, due ${new Date(a.dueAt).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' })}` : ''}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {sets.isPending && <Loading what="your sets" />}
      {sets.isError && <LoadError error={sets.error} />}
      {sets.data?.length === 0 && (
        <div className="empty">
          <p>You are not in any set yet.</p>
          <p>Create one to facilitate it, or follow the link in an invitation e-mail to join one.</p>
        </div>
      )}
      {sets.data && sets.data.length > 0 && (
        <ul className="cards">
          {sets.data.map((set) => (
            <li key={set.id} className="card">
              <h2>
                <Link to={`/sets/${set.id}`}>{set.name}</Link>
              </h2>
              {set.purpose && <p className="card__purpose">{set.purpose}</p>}
              <p className="muted">
                {MODE_LABELS[set.mode]} · {set.memberCount} {set.memberCount === 1 ? 'person' : 'people'} · you are {ROLE_LABELS[set.role].toLowerCase()}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}
