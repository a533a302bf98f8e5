import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { BADGE_LIMITS, type BadgeApplicationResponse } from '@als/shared';
import { TextAreaField, TextField } from '@web/ui/Field';
import { fieldError, FormError } from '@web/ui/FormError';
import { LoadError, Loading, Page } from '@web/ui/Page';
import { useBadge, useBadgeApplications, useDecideApplication, useRevokeCredential } from '@web/features/badges/api/badges';

const day = (iso: string) => new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });

function Waiting({ setId, application, minWords }: { setId: string; application: BadgeApplicationResponse; minWords: number }) {
  const decide = useDecideApplication(setId);
  const [feedback, setFeedback] = useState('');
  const [returning, setReturning] = useState(false);
  const error = decide.error;
  return (
    <article className="panel" aria-labelledby={`application-${application.id}`}>
      <h2 id={`application-${application.id}`}>{application.displayName}</h2>
      <p className="meta">
        Sent {day(application.submittedAt)} · {application.wordCount} words (at least {minWords}) · {application.publicEvidence ? 'public evidence' : 'statement kept private'} · {application.showName ? 'name shown' : 'name not shown'}
      </p>
      <p className="prose">{application.statement}</p>
      <FormError error={error} />
      {returning ? (
        <form
          className="form"
          aria-label={`Return ${application.displayName}'s application`}
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            decide.mutate({ applicationId: application.id, decision: 'return', feedback });
          }}
        >
          <TextAreaField label="Feedback: what to change" name="feedback" rows={3} maxLength={BADGE_LIMITS.feedback} value={feedback} onChange={(e) => setFeedback(e.target.value)} error={fieldError(error, 'feedback')} />
          <div className="form__buttons">
            <button type="submit" className="button" disabled={decide.isPending}>
              Return with feedback
            </button>
            <button type="button" className="button button--quiet" onClick={() => setReturning(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <div className="form__buttons">
          <button type="button" className="button" disabled={decide.isPending} onClick={() => decide.mutate({ applicationId: application.id, decision: 'approve' })}>
            Approve and issue the badge
          </button>
          <button type="button" className="button button--quiet" onClick={() => setReturning(true)}>
            Return with feedback
          </button>
        </div>
      )}
    </article>
  );
}

function Decided({ setId, application }: { setId: string; application: BadgeApplicationResponse }) {
  const revoke = useRevokeCredential(setId);
  const [reason, setReason] = useState('');
  const [revoking, setRevoking] = useState(false);
  return (
    <li>
      {application.displayName}: {application.status === 'approved' ? 'approved' : 'returned'} {application.decidedAt ? day(application.decidedAt) : ''}
      {application.credentialId && (
        <>
          {' · '}
          <a href={`/credentials/${application.credentialId}`}>the credential</a>
          {revoke.isSuccess ? (
            ' · revoked'
          ) : revoking ? (
            <form
              className="form form--inline"
              aria-label={`Revoke ${application.displayName}'s credential`}
              noValidate
              onSubmit={(event) => {
                event.preventDefault();
                revoke.mutate({ credentialId: application.credentialId!, reason });
              }}
            >
              <FormError error={revoke.error} />
              <TextField label="Reason for revoking" name="reason" maxLength={BADGE_LIMITS.reason} value={reason} onChange={(e) => setReason(e.target.value)} error={fieldError(revoke.error, 'reason')} />
              <button type="submit" className="button button--danger" disabled={revoke.isPending}>
                Revoke the credential
              </button>
            </form>
          ) : (
            <>
              {' '}
              <button type="button" className="button button--quiet button--small" onClick={() => setRevoking(true)}>
                Revoke…
              </button>
            </>
          )}
        </>
      )}
    </li>
  );
}

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
        <Link to={`/sets/${setId}`}>Back to the set</Link>
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
