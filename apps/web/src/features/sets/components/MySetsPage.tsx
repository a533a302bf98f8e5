import { Link } from 'react-router';
import { NeededFromYou } from '@web/features/home/components/NeededFromYou';
import { useMyActions, useReportBack } from '@web/features/actions/api/actions';
import { useMySets } from '@web/features/sets/api/sets';
import { ReportBackList } from '@web/features/actions/components/ReportBackForm';
import { LoadError, Loading, Page } from '@web/ui/Page';
import { MODE_LABELS, ROLE_LABELS } from '@web/features/sets/labels';
import { PracticeBadge } from './PracticeBadge';

/** Home: what is needed from the person across their sets, their actions, then their sets. */
export function MySetsPage() {
  const sets = useMySets();
  const actions = useMyActions();
  const reportBack = useReportBack();
  return (
    <Page
      title="Home"
      actions={
        <Link className="button" to="/sets/new">
          Create a set
        </Link>
      }
    >
      <NeededFromYou />
      {actions.data && actions.data.length > 0 && (
        <section className="panel" aria-labelledby="my-actions-title">
          <h2 id="my-actions-title">Your actions to report back on</h2>
          <p className="muted">Tell your set how each went, now or at the next check-in: answers given here open the meeting's check-in.</p>
          <ReportBackList
            actions={actions.data}
            showSet
            pendingId={reportBack.isPending ? (reportBack.variables?.actionId ?? null) : null}
            error={reportBack.isError && reportBack.variables ? { actionId: reportBack.variables.actionId, error: reportBack.error } : null}
            onReport={(actionId, body) => reportBack.mutate({ actionId, ...body })}
          />
        </section>
      )}
      <h2 id="my-sets-title">My sets</h2>
      {sets.isPending && <Loading what="your sets" />}
      {sets.isError && <LoadError error={sets.error} />}
      {sets.data?.length === 0 && (
        <div className="empty">
          <p>You are not in any set yet.</p>
          <p>Create one to facilitate it, or follow the link in an invitation e-mail to join one.</p>
        </div>
      )}
      {sets.data && sets.data.length > 0 && (
        <ul className="cards" aria-labelledby="my-sets-title">
          {sets.data.map((set) => (
            <li key={set.id} className="card">
              <h3>
                <Link to={`/sets/${set.id}`}>{set.name}</Link>
              </h3>
              {set.purpose && <p className="card__purpose">{set.purpose}</p>}
              <p className="muted">
                {set.practice && <PracticeBadge />}
                {MODE_LABELS[set.mode]} · {set.memberCount} {set.memberCount === 1 ? 'person' : 'people'} · you are {ROLE_LABELS[set.role].toLowerCase()}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}
