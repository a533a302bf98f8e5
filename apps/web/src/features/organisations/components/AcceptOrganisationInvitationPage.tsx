import { Link, useNavigate, useParams } from 'react-router';
import type { MeResponse } from '@als/shared';
import { ApiError } from '@web/api/client';
import { FormError } from '@web/ui/FormError';
import { LoadError, Loading, Page } from '@web/ui/Page';
import { useAcceptOrganisationInvitation, useOrganisationInvitationPreview } from '@web/features/organisations/api/organisations';

/** Where an organisation's invitation link leads: sign in or up with the invited address, then join. */
export function AcceptOrganisationInvitationPage({ me }: { me: MeResponse | null }) {
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const preview = useOrganisationInvitationPreview(token);
  const accept = useAcceptOrganisationInvitation(token);
  if (preview.isPending) return <Loading what="the invitation" />;
  if (preview.isError) {
    const notFound = preview.error instanceof ApiError && preview.error.status === 404;
    return <Page title="Invitation">{notFound ? <p className="alert alert--error">This invitation link is not valid.</p> : <LoadError error={preview.error} />}</Page>;
  }
  const invitation = preview.data;
  const title = `Invitation to ${invitation.organisationName}`;
  if (invitation.status !== 'pending') {
    return (
      <Page title={title}>
        <p className="alert alert--error">This invitation {invitation.status === 'accepted' ? 'has already been used' : 'has expired: ask an admin of the organisation to invite you again'}.</p>
      </Page>
    );
  }
  const query = new URLSearchParams({ next: `/organisation-invitations/${token}`, email: invitation.email }).toString();
  const wrongAccount = me !== null && me.email.toLowerCase() !== invitation.email.toLowerCase();
  return (
    <Page title={title}>
      <p className="lead">
        {invitation.invitedBy} invites <strong>{invitation.email}</strong> to join {invitation.organisationName} as {invitation.role === 'admin' ? 'an admin' : 'a member'}.
      </p>
      {!me && (
        <p className="form__buttons">
          <Link className="button" to={`/sign-up?${query}`}>
            Create an account
          </Link>
          <Link className="button button--quiet" to={`/sign-in?${query}`}>
            Sign in
          </Link>
        </p>
      )}
      {wrongAccount && (
        <p className="alert alert--warning" role="note">
          You are signed in as {me.email}, but this invitation is for {invitation.email}. Sign out, then sign in with {invitation.email}.
        </p>
      )}
      {me && !wrongAccount && (
        <>
          <FormError error={accept.error} />
          <button type="button" className="button" disabled={accept.isPending} onClick={() => accept.mutate(undefined, { onSuccess: (m) => navigate(m.role === 'admin' ? `/organisations/${m.organisationId}` : '/organisations', { replace: true }) })}>
            {accept.isPending ? 'Joining…' : `Join ${invitation.organisationName}`}
          </button>
        </>
      )}
    </Page>
  );
}
