import { Link, useParams } from 'react-router';
import type { BadgeProgressResponse } from '@als/shared';
import { useBadgeProgress } from '@web/features/badges/api/badges';
import { LoadError, Loading, Page } from '@web/ui/Page';
import { ApplicationForm } from './ApplicationForm';

/** The badge's criteria with what the member has met so far. */
function Criteria({ progress }: { progress: BadgeProgressResponse }) {
  const { criteria } = progress.badge;
  return (
    <ul className="rules" aria-label="Criteria">
      <li>
        Meetings attended: {progress.meetingsAttended} of {criteria.minMeetings} {progress.meetingsAttended >= criteria.minMeetings ? '✓' : '(not yet)'}
      </li>
      {criteria.presented && <li>Presented a problem at least once: {progress.presented ? 'yes ✓' : 'not yet'}</li>}
      <li>A reflective statement of at least {criteria.minWords} words</li>
    </ul>
  );
}

/** A member's page for the set's badge: what they have done, what is missing, and their application. */
export function BadgeApplicationPage() {
  const { setId = '' } = useParams();
  const progress = useBadgeProgress(setId);
  if (progress.isPending) return <Loading what="your progress" />;
  if (progress.isError) return <LoadError error={progress.error} />;
  const data = progress.data;
  const application = data.application;
  const eligible = data.unmet.length === 0;
  return (
    <Page title={`Badge: ${data.badge.name}`}>
      <p>
        <Link to={`/sets/${setId}/evaluate`}>Back to the set</Link>
      </p>
      <div className="columns">
        <div>
          <img src={data.badge.imageUrl} alt={`The badge: ${data.badge.name}`} width={120} height={120} />
        </div>
        <div>
          <p className="prose">{data.badge.description}</p>
          <Criteria progress={data} />
        </div>
      </div>
      {data.credentialId ? (
        <p className="alert alert--ok" role="status">
          You hold this badge. <Link to="/credentials">See it in My credentials</Link> · <a href={`/credentials/${data.credentialId}`}>its public page</a>
        </p>
      ) : application?.status === 'submitted' ? (
        <section className="panel" aria-label="Your application">
          <p className="alert alert--ok" role="status">
            Your application is waiting for the facilitator (sent {new Date(application.submittedAt).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' })}, {application.wordCount} words).
          </p>
          <p className="prose">{application.statement}</p>
        </section>
      ) : !eligible ? (
        <section className="panel" aria-label="What is missing">
          <p className="alert alert--warning" role="note">
            Not yet: {data.unmet.map((u) => u.message).join('; ')}.
          </p>
        </section>
      ) : (
        <section className="panel" aria-label="Your application">
          {application?.status === 'returned' && (
            <p className="alert alert--warning" role="note">
              The facilitator returned your application: “{application.feedback}”. Change your statement and send it again.
            </p>
          )}
          <ApplicationForm key={application ? `${application.id}:${application.status}` : 'new'} setId={setId} progress={data} initial={application?.status === 'returned' ? application.statement : ''} />
        </section>
      )}
    </Page>
  );
}
