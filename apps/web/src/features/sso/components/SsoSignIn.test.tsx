import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi, renderPage } from '@web/test/render';
import { SsoSignIn } from './SsoSignIn';

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
