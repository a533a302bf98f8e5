import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { SelectField } from '@web/ui/Field';
import { fieldError, FormError } from '@web/ui/FormError';
import { LoadError, Loading, Page } from '@web/ui/Page';
import { useAssignFacilitator, useFacilitatorPool, useOrganisation } from '@web/features/organisations/api/organisations';
import { OrganisationNav } from './OrganisationNav';

/** The facilitator pool: each person's sets and load, and assigning a person to facilitate a set. */
export function FacilitatorsPage() {
  const { orgId = '' } = useParams();
  const pool = useFacilitatorPool(orgId);
  const organisation = useOrganisation(orgId);
  const assign = useAssignFacilitator(orgId);
  const [userId, setUserId] = useState('');
  const [setId, setSetId] = useState('');
  const [sent, setSent] = useState<string | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    setSent(null);
    assign.mutate({ setId, userId }, { onSuccess: (invitation) => setSent(invitation.email) });
  }

  if (pool.isPending || organisation.isPending) return <Loading what="the facilitators" />;
  if (pool.isError) return <LoadError error={pool.error} />;
  if (organisation.isError) return <LoadError error={organisation.error} />;
  return (
    <Page title="Facilitators">
      <OrganisationNav orgId={orgId} />
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Person</th>
            <th scope="col">Sets they facilitate</th>
            <th scope="col">Open sets</th>
            <th scope="col">Meetings to come</th>
          </tr>
        </thead>
        <tbody>
          {pool.data.map((p) => (
            <tr key={p.userId}>
              <th scope="row">{p.displayName}</th>
              <td>{p.sets.map((s) => s.name).join(', ') || '—'}</td>
              <td>{p.activeSets}</td>
              <td>{p.upcomingMeetings}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <section className="panel" aria-labelledby="assign-title">
        <h2 id="assign-title">Assign a facilitator</h2>
        <p className="muted">They are invited to the set by e-mail and join on accepting its ground rules.</p>
        <form className="form" onSubmit={submit} noValidate>
          {sent && (
            <p className="alert alert--success" role="status">
              An invitation to facilitate was sent to {sent}.
            </p>
          )}
          <FormError error={assign.error} />
          <SelectField label="Person" name="userId" value={userId} onChange={(e) => setUserId(e.target.value)} options={[{ value: '', label: 'Choose a person' }, ...pool.data.map((p) => ({ value: p.userId, label: p.displayName }))]} error={fieldError(assign.error, 'userId')} />
          <SelectField label="Set" name="setId" value={setId} onChange={(e) => setSetId(e.target.value)} options={[{ value: '', label: 'Choose a set' }, ...organisation.data.sets.map((s) => ({ value: s.id, label: s.name }))]} />
          <button type="submit" className="button" disabled={assign.isPending || !userId || !setId}>
            Invite to facilitate
          </button>
        </form>
      </section>
    </Page>
  );
}
