import { useState, type FormEvent } from 'react';
import { SET_ROLES, type SetRole } from '@als/shared';
import { useInvitations, useInvite, useResendInvitation, useRevokeInvitation } from '@web/features/invitations/api/invitations';
import { ConfirmButton } from '@web/ui/ConfirmButton';
import { SelectField, TextField } from '@web/ui/Field';
import { fieldError, FormError } from '@web/ui/FormError';
import { LoadError, Loading } from '@web/ui/Page';
import { INVITATION_STATUS_LABELS, ROLE_LABELS } from '@web/features/sets/labels';

const ROLE_OPTIONS = SET_ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));
const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });

/** Facilitators invite people by e-mail and look after the invitations still waiting for a reply. */
export function InvitationsPanel({ setId }: { setId: string }) {
  const invitations = useInvitations(setId, true);
  const invite = useInvite(setId);
  const resend = useResendInvitation(setId);
  const revoke = useRevokeInvitation(setId);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<SetRole>('member');
  const [notice, setNotice] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    setNotice(null);
    invite.mutate(
      { email, role },
      {
        onSuccess: (created) => {
          setNotice(`Invitation sent to ${created.email}.`);
          setEmail('');
        },
      },
    );
  }

  const open = invitations.data?.filter((i) => i.status === 'pending' || i.status === 'expired') ?? [];

  return (
    <section className="panel" aria-labelledby="invitations-title">
      <h2 id="invitations-title">Invite people</h2>
      <form className="form form--row" onSubmit={submit} noValidate>
        <FormError error={invite.error} />
        <TextField label="E-mail address" type="email" name="inviteEmail" autoComplete="off" required value={email} onChange={(e) => setEmail(e.target.value)} error={fieldError(invite.error, 'email')} />
        <SelectField label="Role" name="inviteRole" value={role} onChange={(e) => setRole(e.target.value as SetRole)} options={ROLE_OPTIONS} error={fieldError(invite.error, 'role')} />
        <div className="form__buttons">
          <button type="submit" className="button" disabled={invite.isPending}>
            {invite.isPending ? 'Sending…' : 'Send invitation'}
          </button>
        </div>
      </form>
      <p className="muted">Members and facilitators take part in the set. Sponsors see the schedule and attendance, never what is discussed.</p>
      <p role="status" className="notice-line">
        {notice}
      </p>

      <h3>Pending invitations</h3>
      <FormError error={actionError} />
      {invitations.isPending && <Loading what="invitations" />}
      {invitations.isError && <LoadError error={invitations.error} />}
      {invitations.data && open.length === 0 && <p className="muted">No invitations are waiting for a reply.</p>}
      {open.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">E-mail</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
              <th scope="col">Manage</th>
            </tr>
          </thead>
          <tbody>
            {open.map((invitation) => (
              <tr key={invitation.id}>
                <th scope="row">{invitation.email}</th>
                <td>{ROLE_LABELS[invitation.role]}</td>
                <td>
                  {INVITATION_STATUS_LABELS[invitation.status]}
                  <br />
                  <span className="muted">
                    {invitation.status === 'expired' ? 'expired' : 'link valid until'} {dateFormat.format(new Date(invitation.expiresAt))}
                  </span>
                </td>
                <td>
                    <div className="actions">
                  <button
                    type="button"
                    className="button button--quiet"
                    disabled={resend.isPending}
                    onClick={() => {
                      setActionError(null);
                      resend.mutate(invitation.id, { onSuccess: () => setNotice(`A new link was sent to ${invitation.email}.`), onError: setActionError });
                    }}
                  >
                    Re-send
                  </button>
                  <ConfirmButton
                    label="Revoke"
                    confirmLabel="Yes, revoke"
                    disabled={revoke.isPending}
                    onConfirm={() => {
                      setActionError(null);
                      revoke.mutate(invitation.id, { onSuccess: () => setNotice(`The invitation to ${invitation.email} was revoked.`), onError: setActionError });
                    }}
                  />
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
