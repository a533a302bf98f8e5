import { useParams } from 'react-router';
import { ApiError } from '@web/api/client';
import { LoadError, Loading, Page } from '@web/ui/Page';
import { useCredentialVerification } from '@web/features/badges/api/badges';

const STATUS_TEXT = {
  valid: 'Valid: the signature checks out and the issuer has not revoked it.',
  revoked: 'Revoked: the issuer has withdrawn this credential.',
  invalid: 'Not valid: the signature does not check out. The credential may have been altered.',
} as const;

/** The public page of a credential (no sign-in): the badge, its criteria, the issuer, and the verification done on the server now. */
export function CredentialPage() {
  const { credentialId = '' } = useParams();
  const verification = useCredentialVerification(credentialId);
  if (verification.isPending) return <Loading what="the credential" />;
  if (verification.isError) {
    if (verification.error instanceof ApiError && verification.error.status === 404) {
      return (
        <Page title="Credential not found">
          <p>There is no credential at this address.</p>
        </Page>
      );
    }
    return <LoadError error={verification.error} />;
  }
  const v = verification.data;
  return (
    <Page title={v.badge.name || 'Credential'}>
      <p className={v.status === 'valid' ? 'alert alert--ok' : 'alert alert--error'} role="status" aria-label="Verification">
        <strong>{STATUS_TEXT[v.status]}</strong> Checked {new Date(v.checkedAt).toLocaleString('en-GB')}.
      </p>
      <div className="columns">
        <div>{v.badge.imageUrl && <img src={v.badge.imageUrl} alt={`The badge: ${v.badge.name}`} width={160} height={160} />}</div>
        <div>
          <dl className="stats">
            <dt>Awarded to</dt>
            <dd>{v.recipientName ?? 'The holder of the e-mail address it was issued to (kept private)'}</dd>
            <dt>Issued by</dt>
            <dd>
              {v.issuer.url ? <a href={v.issuer.url}>{v.issuer.name}</a> : v.issuer.name} <span className="muted break-anywhere">({v.issuer.id})</span>
            </dd>
            <dt>Issued</dt>
            <dd>{new Date(v.issuedAt).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' })}</dd>
          </dl>
          <h2>What it certifies</h2>
          <p className="prose">{v.badge.description}</p>
          <h2>Criteria</h2>
          <p className="prose">{v.badge.narrative}</p>
          {v.evidence && (
            <>
              <h2>Evidence: the reflective statement</h2>
              <p className="prose">{v.evidence}</p>
            </>
          )}
          <p>
            <a href={`/api/credentials/${v.credentialId}`}>The signed credential (JSON)</a>
          </p>
        </div>
      </div>
    </Page>
  );
}
