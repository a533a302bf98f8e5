import { useParams } from 'react-router';
import { LoadError, Loading, Page } from '@web/ui/Page';
import { useOrganisation } from '@web/features/organisations/api/organisations';
import { PracticeBadge } from '@web/features/sets/components/PracticeBadge';
import { OrganisationNav } from './OrganisationNav';

/** The organisation's sets: facilitators, members, next meeting (the admin sees no content). */
export function OrganisationSetsPage() {
  const { orgId = '' } = useParams();
  const organisation = useOrganisation(orgId);
  if (organisation.isPending) return <Loading what="the sets" />;
  if (organisation.isError) return <LoadError error={organisation.error} />;
  const o = organisation.data;
  return (
    <Page title={`${o.name}: sets`}>
      <OrganisationNav orgId={orgId} />
      {o.sets.length === 0 ? (
        <p>No sets yet. Its admins and members choose the organisation when they create a set.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Set</th>
              <th scope="col">Facilitators</th>
              <th scope="col">Members</th>
              <th scope="col">Meetings held</th>
              <th scope="col">Next meeting</th>
            </tr>
          </thead>
          <tbody>
            {o.sets.map((s) => (
              <tr key={s.id}>
                <th scope="row">
                  {s.name}
                  {s.status === 'closed' && <span className="muted"> (closed)</span>}
                  {s.practice && (
                    <>
                      {' '}
                      <PracticeBadge />
                    </>
                  )}
                </th>
                <td>{s.facilitators.map((f) => f.displayName).join(', ') || '—'}</td>
                <td>{s.memberCount}</td>
                <td>{s.meetingsHeld}</td>
                <td>{s.nextMeetingAt ? new Date(s.nextMeetingAt).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' }) : 'none planned'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Page>
  );
}
