import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { mockApi, renderPage } from '@web/test/render';
import { OrganisationDomains } from './OrganisationDomains';
import { OrganisationSsoSettings } from './OrganisationSsoSettings';

const CONFIGURED = { available: true, configured: true, name: 'Northshire account', issuer: 'https://login.example.org', clientId: 'als', clientSecretSet: true, redirectUri: 'http://app.test/api/auth/oidc/callback', updatedAt: '2026-12-01T10:00:00.000Z' };

describe(OrganisationSsoSettings.name, () => {
  it('shows the provider without its secret and keeps the stored secret when the field is left empty', async () => {
    const api = mockApi({ 'GET /api/organisations/org-1/sso': { status: 200, body: CONFIGURED }, 'PUT /api/organisations/org-1/sso': (call) => ({ status: 200, body: { ...CONFIGURED, ...(call.body as object) } }) });
    renderPage(<OrganisationSsoSettings orgId="org-1" />);
    expect(await screen.findByLabelText('Issuer')).toHaveValue('https://login.example.org');
    expect(screen.getByLabelText(/^Client secret/)).toHaveValue('');
    expect(screen.getByText(/A secret is stored \(encrypted; it is never shown\)/)).toBeInTheDocument();
    expect(screen.getByText('http://app.test/api/auth/oidc/callback')).toBeInTheDocument();
    await userEvent.clear(screen.getByLabelText('Button label'));
    await userEvent.type(screen.getByLabelText('Button label'), 'Northshire staff');
    await userEvent.click(screen.getByRole('button', { name: 'Save single sign-on' }));
    await waitFor(() => expect(api.callsTo('PUT', '/api/organisations/org-1/sso')).toHaveLength(1));
    expect(api.callsTo('PUT', '/api/organisations/org-1/sso')[0].body).toEqual({ name: 'Northshire staff', issuer: 'https://login.example.org', clientId: 'als' });
    expect(await screen.findByText(/Saved. The sign-in page now offers “Sign in with Northshire staff”/)).toBeInTheDocument();
  });

  it('says the platform cannot keep secrets yet, offering no form', async () => {
    mockApi({ 'GET /api/organisations/org-1/sso': { status: 200, body: { ...CONFIGURED, available: false, configured: false } } });
    renderPage(<OrganisationSsoSettings orgId="org-1" />);
    expect(await screen.findByText(/its operator must first set SSO_SECRET_KEY/)).toBeInTheDocument();
    expect(screen.queryByRole('textbox')).toBeNull();
  });
});

describe(OrganisationDomains.name, () => {
  it('shows pending domains with their TXT record, and verifies one', async () => {
    let verified = false;
    const api = mockApi({
      'GET /api/organisations/org-1/domains': () => ({ status: 200, body: { domains: [{ domain: 'northshire.gov.uk', status: verified ? 'verified' : 'pending', verifiedAt: verified ? '2026-12-01T10:00:00.000Z' : null, txtRecord: 'als-verification=abc' }] } }),
      'POST /api/organisations/org-1/domains/northshire.gov.uk/verify': () => {
        verified = true;
        return { status: 200, body: { domain: 'northshire.gov.uk', status: 'verified', verifiedAt: '2026-12-01T10:00:00.000Z', txtRecord: 'als-verification=abc' } };
      },
    });
    renderPage(<OrganisationDomains orgId="org-1" />);
    expect(await screen.findByText('Pending: not yet in effect')).toBeInTheDocument();
    expect(screen.getByText('als-verification=abc')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Verify northshire.gov.uk' }));
    expect(await screen.findByText('northshire.gov.uk is verified.')).toBeInTheDocument();
    expect(await screen.findByText('Verified')).toBeInTheDocument();
    expect(api.callsTo('POST', '/api/organisations/org-1/domains/northshire.gov.uk/verify')).toHaveLength(1);
  });

  it('says what to publish when the record is not there yet', async () => {
    mockApi({
      'GET /api/organisations/org-1/domains': { status: 200, body: { domains: [{ domain: 'northshire.gov.uk', status: 'pending', verifiedAt: null, txtRecord: 'als-verification=abc' }] } },
      'POST /api/organisations/org-1/domains/northshire.gov.uk/verify': { status: 409, body: { statusCode: 409, error: 'Conflict', message: 'No TXT record "als-verification=abc" was found at northshire.gov.uk: publish it with your DNS provider, then verify again.', code: 'organisation.domain-not-verified' } },
    });
    renderPage(<OrganisationDomains orgId="org-1" />);
    await userEvent.click(await screen.findByRole('button', { name: 'Verify northshire.gov.uk' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('No TXT record "als-verification=abc" was found at northshire.gov.uk');
  });
});
