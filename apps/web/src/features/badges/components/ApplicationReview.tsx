import { useState } from 'react';
import { BADGE_LIMITS, type BadgeApplicationResponse } from '@als/shared';
import { useDecideApplication, useRevokeCredential } from '@web/features/badges/api/badges';
import { TextAreaField, TextField } from '@web/ui/Field';
import { fieldError, FormError } from '@web/ui/FormError';

const day = (iso: string) => new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });

/** An application waiting for a decision: approve it, or return it with feedback. */
export function Waiting({ setId, application, minWords }: { setId: string; application: BadgeApplicationResponse; minWords: number }) {
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

/** A decided application: what was decided, and revoking an issued credential. */
export function Decided({ setId, application }: { setId: string; application: BadgeApplicationResponse }) {
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
