import { useState, type FormEvent } from 'react';
import type { OrganisationSsoResponse } from '@als/shared';
import { ConfirmButton } from '@web/ui/ConfirmButton';
import { TextField } from '@web/ui/Field';
import { fieldError, FormError } from '@web/ui/FormError';
import { LoadError, Loading } from '@web/ui/Page';
import { useDeleteOrganisationSso, useOrganisationSso, usePutOrganisationSso } from '@web/features/organisations/api/organisation-settings';

/** The organisation's own OpenID Connect provider: issuer, client, button label; the client secret is write-only. */
export function OrganisationSsoSettings({ orgId }: { orgId: string }) {
  const sso = useOrganisationSso(orgId);
  return (
    <section className="panel" aria-labelledby="sso-title">
      <h2 id="sso-title">Single sign-on</h2>
      {sso.isPending && <Loading what="the single sign-on settings" />}
      {sso.isError && <LoadError error={sso.error} />}
      {sso.data && <SsoForm key={sso.data.updatedAt ?? 'new'} orgId={orgId} sso={sso.data} />}
    </section>
  );
}

function SsoForm({ orgId, sso }: { orgId: string; sso: OrganisationSsoResponse }) {
  const put = usePutOrganisationSso(orgId);
  const remove = useDeleteOrganisationSso(orgId);
  const [name, setName] = useState(sso.name ?? '');
  const [issuer, setIssuer] = useState(sso.issuer ?? '');
  const [clientId, setClientId] = useState(sso.clientId ?? '');
  const [clientSecret, setClientSecret] = useState('');

  if (!sso.available) {
    return <p className="muted">Your organisation’s own sign-in cannot be set up on this platform yet: its operator must first set SSO_SECRET_KEY, which keeps client secrets encrypted.</p>;
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    put.mutate({ name, issuer, clientId, ...(clientSecret ? { clientSecret } : {}) }, { onSuccess: () => setClientSecret('') });
  }

  return (
    <form className="form" onSubmit={submit} noValidate>
      <p className="muted">
        Your people sign in with your organisation’s account (Microsoft Entra ID, Google Workspace, Okta, Keycloak or any OpenID Connect provider). Register this platform there as a web client with the redirect URI <code>{sso.redirectUri}</code>. Only addresses of your verified domains can sign in through it.
      </p>
      {put.isSuccess && (
        <p className="alert alert--success" role="status">
          Saved. The sign-in page now offers “Sign in with {put.data.name}” to addresses of your verified domains.
        </p>
      )}
      <FormError error={put.error ?? remove.error} />
      <TextField label="Button label" name="ssoName" hint={`The sign-in page says “Sign in with ${name || '…'}”.`} value={name} onChange={(e) => setName(e.target.value)} error={fieldError(put.error, 'name')} />
      <TextField label="Issuer" name="issuer" type="url" hint="The provider’s https address, for example https://login.microsoftonline.com/<tenant>/v2.0" value={issuer} onChange={(e) => setIssuer(e.target.value)} error={fieldError(put.error, 'issuer')} />
      <TextField label="Client id" name="clientId" autoComplete="off" value={clientId} onChange={(e) => setClientId(e.target.value)} error={fieldError(put.error, 'clientId')} />
      <TextField
        label="Client secret"
        name="clientSecret"
        type="password"
        autoComplete="new-password"
        hint={sso.clientSecretSet ? 'A secret is stored (encrypted; it is never shown). Leave this empty to keep it.' : 'Stored encrypted; it is never shown again.'}
        value={clientSecret}
        onChange={(e) => setClientSecret(e.target.value)}
        error={fieldError(put.error, 'clientSecret')}
      />
      <div className="inline-form">
        <button type="submit" className="button" disabled={put.isPending}>
          Save single sign-on
        </button>
        {sso.configured && (
          <ConfirmButton label="Remove single sign-on" confirmLabel="Remove it: people sign in with passwords" onConfirm={() => remove.mutate()} disabled={remove.isPending} />
        )}
      </div>
    </form>
  );
}
