import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi, renderPage } from '@web/test/render';
import { CredentialPage } from './CredentialPage';
import { verification } from '@web/features/badges/fixtures';

const render = () => renderPage(<CredentialPage />, { path: '/credentials/:credentialId', url: '/credentials/c-1' });

describe(CredentialPage.name, () => {
  it('shows a valid credential: the badge, criteria, issuer, the holder kept private unless named, and the evidence when public', async () => {
    mockApi({ 'GET /api/credentials/c-1/verification': { status: 200, body: verification({ evidence: 'What I learned.' }) } });
    render();
    expect(await screen.findByRole('status', { name: 'Verification' })).toHaveTextContent('Valid: the signature checks out');
    expect(screen.getByRole('heading', { name: 'Reflective practitioner', level: 1 })).toBeInTheDocument();
    expect(screen.getByText('Took part in at least 2 meetings.')).toBeInTheDocument();
    expect(screen.getByText(/kept private/)).toBeInTheDocument();
    expect(screen.getByText('What I learned.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Action learning sets' })).toHaveAttribute('href', 'http://app.test');
  });

  it('says revoked, with the recipient’s name when they chose to show it', async () => {
    mockApi({ 'GET /api/credentials/c-1/verification': { status: 200, body: verification({ status: 'revoked', revoked: true, recipientName: 'Pat Member' }) } });
    render();
    expect(await screen.findByRole('status', { name: 'Verification' })).toHaveTextContent('Revoked: the issuer has withdrawn this credential.');
    expect(screen.getByText('Pat Member')).toBeInTheDocument();
  });

  it('says when there is no such credential', async () => {
    mockApi({});
    render();
    expect(await screen.findByRole('heading', { name: 'Credential not found' })).toBeInTheDocument();
  });
});
