import { useState } from 'react';
import { Link } from 'react-router';
import type { SetDetailResponse } from '@als/shared';
import { useBadge } from '@web/features/badges/api/badges';
import { LoadError, Loading } from '@web/ui/Page';
import { BadgeForm } from './BadgeForm';
import { BadgeImageControl } from './BadgeImageControl';

/** The set's badge on its page: settings for facilitators, the way to apply for members, what it is for sponsors. */
export function BadgePanel({ set }: { set: SetDetailResponse }) {
  const badge = useBadge(set.id);
  const [editing, setEditing] = useState(false);
  const facilitating = set.role === 'facilitator';
  if (badge.isPending) return <Loading what="the badge" />;
  if (badge.isError) return <LoadError error={badge.error} />;
  const data = badge.data;
  if (!data && !facilitating) return null;
  return (
    <section className="panel" aria-labelledby="badge-title">
      <div className="page__header">
        <h2 id="badge-title">Open Badge</h2>
        {facilitating && data && !editing && (
          <button type="button" className="button button--quiet" onClick={() => setEditing(true)}>
            Edit badge
          </button>
        )}
      </div>
      {facilitating && (editing || !data) ? (
        <>
          {!data && <p className="muted">Give the set a badge: members who meet its criteria apply with a reflective statement, you approve it, and they get a credential anyone can verify.</p>}
          <BadgeForm key={data?.updatedAt ?? 'new'} setId={set.id} badge={data} onDone={() => setEditing(false)} />
        </>
      ) : data ? (
        <div className="columns">
          <div>
            <img src={data.imageUrl} alt={`The badge: ${data.name}`} width={120} height={120} />
          </div>
          <div>
            <h3>{data.name}</h3>
            <p className="prose">{data.description}</p>
            <p className="muted">{data.narrative}</p>
            {facilitating && <BadgeImageControl setId={set.id} badge={data} />}
            <p>
              {set.role !== 'sponsor' && <Link to={`/sets/${set.id}/badge`}>Your progress and application</Link>}
              {facilitating && (
                <>
                  {' · '}
                  <Link to={`/sets/${set.id}/badge/review`}>Review applications</Link>
                </>
              )}
            </p>
          </div>
        </div>
      ) : null}
    </section>
  );
}
