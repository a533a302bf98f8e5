import { useState } from 'react';
import { FormError } from '@web/ui/FormError';
import { LoadError, Loading } from '@web/ui/Page';
import { useOrganisationDomains, useVerifyDomain } from '@web/features/organisations/api/organisation-settings';

/**
 * The organisation's e-mail domains and their verification: a domain does nothing (nobody joins by
 * it, single sign-on is not required for it) until its DNS carries the organisation's TXT record.
 */
export function OrganisationDomains({ orgId }: { orgId: string }) {
  const domains = useOrganisationDomains(orgId);
  const verify = useVerifyDomain(orgId);
  const [checking, setChecking] = useState<string | null>(null);
  return (
    <section className="panel" aria-labelledby="domains-title">
      <h2 id="domains-title">E-mail domains</h2>
      {domains.isPending && <Loading what="the e-mail domains" />}
      {domains.isError && <LoadError error={domains.error} />}
      {domains.data && domains.data.domains.length === 0 && <p className="muted">No e-mail domains yet: add them in the settings below.</p>}
      {domains.data && domains.data.domains.length > 0 && (
        <>
          <p className="muted">A domain takes effect (people of it join the organisation when they sign in with single sign-on; single sign-on can be required for it) once you prove your organisation controls it: publish its TXT record at the domain with your DNS provider, then verify.</p>
          <FormError error={verify.error} />
          {verify.isSuccess && (
            <p className="alert alert--success" role="status">
              {verify.data.domain} is verified.
            </p>
          )}
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Domain</th>
                <th scope="col">Status</th>
                <th scope="col">TXT record to publish</th>
                <th scope="col">
                  <span className="visually-hidden">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {domains.data.domains.map((d) => (
                <tr key={d.domain}>
                  <th scope="row">{d.domain}</th>
                  <td>{d.status === 'verified' ? 'Verified' : 'Pending: not yet in effect'}</td>
                  <td>
                    <code>{d.txtRecord}</code>
                  </td>
                  <td>
                    {d.status === 'pending' && (
                      <button
                        type="button"
                        className="button button--quiet"
                        disabled={verify.isPending}
                        aria-label={`Verify ${d.domain}`}
                        onClick={() => {
                          setChecking(d.domain);
                          verify.mutate(d.domain, { onSettled: () => setChecking(null) });
                        }}
                      >
                        {checking === d.domain ? 'Checking…' : 'Verify'}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
