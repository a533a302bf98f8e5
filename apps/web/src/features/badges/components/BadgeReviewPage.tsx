import { Link, useParams } from 'react-router';
import { useBadge, useBadgeApplications } from '@web/features/badges/api/badges';
import { LoadError, Loading, Page } from '@web/ui/Page';
import { Decided, Waiting } from './ApplicationReview';

/** The facilitator's review of the set's badge applications: approve, or return with feedback; revoke an issued credential. */
export function BadgeReviewPage() {
  const { setId = '' } = useParams();
  const badge = useBadge(setId);
  const applications = useBadgeApplications(setId);
  if (applications.isPending || badge.isPending) return <Loading what="the applications" />;
  if (applications.isError) return <LoadError error={applications.error} />;
  if (badge.isError) return <LoadError error={badge.error} />;
  const waiting = applications.data.filter((a) => a.status === 'submitted');
  const decided = applications.data.filter((a) => a.status !== 'submitted');
  return (
    <Page title={`Badge applications${badge.data ? `: ${badge.data.name}` : ''}`}>
      <p>
        <Link to={`/sets/${setId}/evaluate`}>Back to the set</Link>
      </p>
      {waiting.length === 0 && <p className="muted">No application is waiting.</p>}
      {waiting.map((a) => (
        <Waiting key={a.id} setId={setId} application={a} minWords={badge.data?.criteria.minWords ?? 0} />
      ))}
      {decided.length > 0 && (
        <section className="panel" aria-labelledby="decided-title">
          <h2 id="decided-title">Decided</h2>
          <ul>
            {decided.map((a) => (
              <Decided key={a.id} setId={setId} application={a} />
            ))}
          </ul>
        </section>
      )}
    </Page>
  );
}
