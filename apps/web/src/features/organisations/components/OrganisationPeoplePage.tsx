import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { ORGANISATION_ROLES, type OrganisationRole } from '@als/shared';
import { ConfirmButton } from '@web/ui/ConfirmButton';
import { SelectField, TextField } from '@web/ui/Field';
import { fieldError, FormError } from '@web/ui/FormError';
import { LoadError, Loading, Page } from '@web/ui/Page';
import { useInvitePerson, useOrganisationPeople, usePersonAction } from '@web/features/organisations/api/organisations';
import { OrganisationNav } from './OrganisationNav';

const ROLE_OPTIONS = ORGANISATION_ROLES.map((role) => ({ value: role, label: role === 'admin' ? 'Admin' : 'Member' }));
const day = (iso: string) => new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });

/** The organisation's people: invite, see who has not yet accepted, disable, enable, remove. */
export function OrganisationPeoplePage() {
  const { orgId = '' } = useParams();
  const people = useOrganisationPeople(orgId);
  const invite = useInvitePerson(orgId);
  const act = usePersonAction(orgId);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<OrganisationRole>('member');
  const [sent, setSent] = useState<string | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    setSent(null);
    invite.mutate(
      { email, role },
      {
        onSuccess: (invitation) => {
          setSent(invitation.email);
          setEmail('');
        },
      },
    );
  }

  return (
    <Page title="People">
      <OrganisationNav orgId={orgId} />
      {people.isPending && <Loading what="the people" />}
      {people.isError && <LoadError error={people.error} />}
      <FormError error={act.error} />
      {people.data && (
        <>
          <table className="table">
            <caption>People in the organisation</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">E-mail</th>
                <th scope="col">Role</th>
                <th scope="col">Account</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {people.data.people.map((p) => (
                <tr key={p.userId}>
                  <th scope="row">{p.displayName}</th>
                  <td>{p.email}</td>
                  <td>{p.role === 'admin' ? 'Admin' : 'Member'}</td>
                  <td>{p.disabledAt ? `Disabled since ${day(p.disabledAt)}` : 'Active'}</td>
                  <td>
                    {p.disabledAt ? (
                      <button type="button" className="button button--quiet" disabled={act.isPending} onClick={() => act.mutate({ userId: p.userId, action: 'enable' })}>
                        Enable {p.displayName}
                      </button>
                    ) : (
                      <ConfirmButton label={`Disable ${p.displayName}`} confirmLabel={`Yes, disable and sign out ${p.displayName}`} disabled={act.isPending} onConfirm={() => act.mutate({ userId: p.userId, action: 'disable' })} />
                    )}{' '}
                    <ConfirmButton label={`Remove ${p.displayName}`} confirmLabel={`Yes, remove ${p.displayName}`} disabled={act.isPending} onConfirm={() => act.mutate({ userId: p.userId, action: 'remove' })} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted">Disabling signs the person out everywhere at once; they cannot sign in until enabled. Removing someone takes only their place in the organisation: their learning log, CPD records and credentials stay theirs.</p>
          <section aria-labelledby="pending-title">
            <h2 id="pending-title">Not yet accepted</h2>
            {people.data.notYetAccepted.length === 0 ? (
              <p>Everyone invited has joined.</p>
            ) : (
              <ul className="list">
                {people.data.notYetAccepted.map((i) => (
                  <li key={i.id}>
                    {i.email} ({i.role}) — {i.status === 'expired' ? 'the invitation expired' : `invited, the link expires ${day(i.expiresAt)}`}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
      <section className="panel" aria-labelledby="invite-title">
        <h2 id="invite-title">Invite someone</h2>
        <form className="form" onSubmit={submit} noValidate>
          {sent && (
            <p className="alert alert--success" role="status">
              An invitation was sent to {sent}.
            </p>
          )}
          <FormError error={invite.error} />
          <TextField label="E-mail address" name="email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} error={fieldError(invite.error, 'email')} />
          <SelectField label="Role" name="role" options={ROLE_OPTIONS} value={role} onChange={(e) => setRole(e.target.value as OrganisationRole)} error={fieldError(invite.error, 'role')} />
          <button type="submit" className="button" disabled={invite.isPending}>
            {invite.isPending ? 'Sending…' : 'Send the invitation'}
          </button>
        </form>
      </section>
    </Page>
  );
}
