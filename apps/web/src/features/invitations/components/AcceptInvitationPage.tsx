import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { MeResponse } from '@als/shared';
import { ApiError } from '@web/api/client';
import { useSignOut } from '@web/features/auth/api/auth';
import { useAcceptInvitation, useInvitationPreview } from '@web/features/invitations/api/invitations';
import { FormError } from '@web/ui/FormError';
import { GroundRulesList } from '@web/ui/GroundRulesList';
import { LoadError, Loading, Page } from '@web/ui/Page';
import { ROLE_LABELS } from '@web/features/sets/labels';

/**
 * Where an invitation link leads. The holder sees the set's name and ground rules (no other set
 * content), signs up or in with the invited address, accepts the ground rules and lands in the set.
 */
export function AcceptInvitationPage({ me }: { me: MeResponse | null }) {
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const preview = useInvitationPreview(token);
  const accept = useAcceptInvitation(token);
  const signOut = useSignOut();
  const [agreed, setAgreed] = useState(false);
  const [missingAgreement, setMissingAgreement] = useState(false);

  if (preview.isPending) return <Loading what="the invitation" />;
  if (preview.isError) {
    const notFound = preview.error instanceof ApiError && preview.error.status === 404;
    return (
      <Page title="Invitation">
        {notFound ? <p className="alert alert--error">This invitation link is not valid. It may have been replaced by a newer e-mail: ask the facilitator to send it again.</p> : <LoadError error={preview.error} />}
      </Page>
    );
  }
  const invitation = preview.data;
  const here = `/invitations/${token}`;
  const query = new URLSearchParams({ next: here, email: invitation.email }).toString();

  if (invitation.status !== 'pending') {
    const why = { accepted: 'has already been used', revoked: 'was withdrawn by the facilitator', expired: 'has expired' }[invitation.status];
    return (
      <Page title={`Invitation to ${invitation.setName}`}>
        <p className="alert alert--error">This invitation {why}. Ask the facilitator to send you a new one.</p>
        {me && <Link to="/">Go to my sets</Link>}
      </Page>
    );
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!agreed) {
      setMissingAgreement(true);
      return;
    }
    accept.mutate(undefined, { onSuccess: (membership) => navigate(`/sets/${membership.setId}`, { replace: true }) });
  }

  const wrongAccount = me !== null && me.email.toLowerCase() !== invitation.email.toLowerCase();
  return (
    <Page title={`Invitation to ${invitation.setName}`}>
      <p className="lead">
        {invitation.invitedBy} invites <strong>{invitation.email}</strong> to join as {ROLE_LABELS[invitation.role].toLowerCase()}.
      </p>
      <section className="panel" aria-labelledby="rules-title">
        <h2 id="rules-title">The set's ground rules</h2>
        <GroundRulesList rules={invitation.groundRules} />
      </section>
      {!me && (
        <div className="panel">
          <p>To join, create an account or sign in with {invitation.email}.</p>
          <p className="form__buttons">
            <Link className="button" to={`/sign-up?${query}`}>
              Create an account
            </Link>
            <Link className="button button--quiet" to={`/sign-in?${query}`}>
              Sign in
            </Link>
          </p>
        </div>
      )}
      {wrongAccount && (
        <div className="alert alert--warning" role="note">
          <p>
            You are signed in as {me.email}, but this invitation is for {invitation.email}. Sign out, then sign in or create an account with {invitation.email}.
          </p>
          <button type="button" className="button button--quiet" onClick={() => signOut.mutate(undefined, { onSettled: () => navigate(`/sign-in?${query}`) })}>
            Sign out
          </button>
        </div>
      )}
      {me && !wrongAccount && (
        <form className="form" onSubmit={submit} noValidate>
          <FormError error={accept.error} />
          <div className={missingAgreement ? 'field field--invalid' : 'field'}>
            {missingAgreement && (
              <p id="agree-error" className="field__error">
                <span className="visually-hidden">Error: </span>Tick the box to accept the ground rules: joining the set means keeping them.
              </p>
            )}
            <label className="checkbox">
              <input
                type="checkbox"
                name="acceptGroundRules"
                checked={agreed}
                aria-describedby={missingAgreement ? 'agree-error' : undefined}
                aria-invalid={missingAgreement || undefined}
                onChange={(e) => {
                  setAgreed(e.target.checked);
                  if (e.target.checked) setMissingAgreement(false);
                }}
              />
              I have read the ground rules and I will keep them
            </label>
          </div>
          <button type="submit" className="button" disabled={accept.isPending}>
            {accept.isPending ? 'Joining…' : 'Accept and join the set'}
          </button>
        </form>
      )}
    </Page>
  );
}
