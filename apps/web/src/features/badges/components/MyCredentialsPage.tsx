import { useState } from 'react';
import { LoadError, Loading, Page } from '@web/ui/Page';
import { useMyCredentials } from '@web/features/badges/api/badges';

function ShareLink({ url }: { url: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <span>
      <a href={url}>Public page</a>{' '}
      <button
        type="button"
        className="button button--quiet button--small"
        onClick={() => {
          void navigator.clipboard?.writeText(url).then(() => setCopied(true), () => setCopied(false));
        }}
      >
        Copy the share link
      </button>
      <span role="status" className="muted">
        {copied ? ' Copied.' : ''}
      </span>
    </span>
  );
}

/** The person's Open Badges: download the credential or the baked badge, share the public page. */
export function MyCredentialsPage() {
  const credentials = useMyCredentials();
  return (
    <Page title="My credentials">
      <p className="lead">Open Badges you earned in your sets. Anyone you share one with can check it is genuine: it is signed, and its page says whether it is still valid.</p>
      {credentials.isPending && <Loading what="your credentials" />}
      {credentials.isError && <LoadError error={credentials.error} />}
      {credentials.data?.length === 0 && <p className="muted">No credentials yet. When a set has a badge, apply for it from the set's page.</p>}
      {credentials.data?.map((c) => (
        <article key={c.id} className="panel" aria-labelledby={`credential-${c.id}`}>
          <h2 id={`credential-${c.id}`}>{c.badgeName}</h2>
          <p className="meta">
            {c.setName} · issued {new Date(c.issuedAt).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' })}
            {c.revokedAt && <span className="badge badge--danger"> revoked</span>}
          </p>
          <p>
            <a href={c.jsonUrl} download={`credential-${c.id}.json`}>
              Download the credential (JSON)
            </a>
            {' · '}
            <a href={c.bakedUrl} download>
              Download the badge image (with the credential inside)
            </a>
            {' · '}
            <ShareLink url={c.url} />
          </p>
        </article>
      ))}
    </Page>
  );
}
