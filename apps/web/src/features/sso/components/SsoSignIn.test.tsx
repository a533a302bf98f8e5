import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi, renderPage } from '@web/test/render';
import { OrganisationSsoOffer, SsoSignIn } from './SsoSignIn';

describe(SsoSignIn.name, () => {
  it('offers "Sign in with <name>" to the provider, coming back to where the person was going', async () => {
    mockApi({ 'GET /api/auth/oidc': { status: 200, body: { enabled: true, name: 'Northshire account' } } });
    renderPage(<SsoSignIn next="/sets/s-1?tab=people" problem={null} />);
    expect(await screen.findByRole('link', { name: 'Sign in with Northshire account' })).toHaveAttribute('href', '/api/auth/oidc/start?returnTo=%2Fsets%2Fs-1%3Ftab%3Dpeople');
  });

  it('offers nothing when single sign-on is not set up', async () => {
    const api = mockApi({ 'GET /api/auth/oidc': { status: 200, body: { enabled: false, name: null } } });
    renderPage(<SsoSignIn next="/" problem={null} />);
    await screen.findByTestId('location');
    await new Promise((r) => setTimeout(r, 0));
    expect(api.callsTo('GET', '/api/auth/oidc')).toHaveLength(1);
    expect(screen.queryByRole('link')).toBeNull();
  });

  it('says why the last single sign-on signed nobody in', async () => {
    mockApi({ 'GET /api/auth/oidc': { status: 200, body: { enabled: true, name: 'Northshire account' } } });
    renderPage(<SsoSignIn next="/" problem="disabled" />);
    expect(await screen.findByRole('alert')).toHaveTextContent('This account has been disabled by an admin of your organisation');
  });
});

describe(OrganisationSsoOffer.name, () => {
  it('offers the provider of the organisation whose verified domain the typed address is of, and nothing for an unknown domain', async () => {
    const api = mockApi({
      'GET /api/auth/oidc/lookup?email=sam%40northshire.gov.uk': { status: 200, body: { provider: { organisationId: 'org-1', name: 'Northshire account' } } },
      'GET /api/auth/oidc/lookup': { status: 200, body: { provider: null } },
    });
    const view = renderPage(<OrganisationSsoOffer email="sam@northshire.gov.uk" next="/sets" />);
    expect(await screen.findByRole('link', { name: 'Sign in with Northshire account' })).toHaveAttribute('href', '/api/auth/oidc/start?organisationId=org-1&returnTo=%2Fsets');
    view.unmount();
    renderPage(<OrganisationSsoOffer email="kim@elsewhere.example" next="/" />);
    await waitFor(() => expect(api.calls.some((c) => c.path.includes('kim%40elsewhere.example'))).toBe(true));
    expect(screen.queryByRole('link')).toBeNull();
  });

  it('asks nothing before the address is complete', async () => {
    const api = mockApi({});
    renderPage(<OrganisationSsoOffer email="sam@north" next="/" />);
    await new Promise((r) => setTimeout(r, 400));
    expect(api.calls).toHaveLength(0);
  });
});
