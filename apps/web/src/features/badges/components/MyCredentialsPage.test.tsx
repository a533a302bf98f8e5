import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi, renderPage } from '@web/test/render';
import { MyCredentialsPage } from './MyCredentialsPage';

describe(MyCredentialsPage.name, () => {
  it('offers each credential as JSON, as a baked badge and as a share link, and marks a revoked one', async () => {
    mockApi({
      'GET /api/me/credentials': {
        status: 200,
        body: [
          { id: 'c-1', badgeName: 'Reflective practitioner', setName: 'Practice set', issuedAt: '2031-03-04T12:00:00.000Z', url: 'http://app.test/credentials/c-1', jsonUrl: 'http://app.test/api/credentials/c-1', bakedUrl: 'http://app.test/api/credentials/c-1/badge.svg', revokedAt: null },
          { id: 'c-2', badgeName: 'Older badge', setName: 'Old set', issuedAt: '2030-03-04T12:00:00.000Z', url: 'http://app.test/credentials/c-2', jsonUrl: 'http://app.test/api/credentials/c-2', bakedUrl: 'http://app.test/api/credentials/c-2/badge.svg', revokedAt: '2031-01-01T00:00:00.000Z' },
        ],
      },
    });
    renderPage(<MyCredentialsPage />, { path: '/credentials', url: '/credentials' });
    expect(await screen.findByRole('heading', { name: 'Reflective practitioner' })).toBeInTheDocument();
    expect(screen.getByText(/Practice set · issued 4 March 2031/)).toBeInTheDocument();
    expect(screen.getAllByRole('link', { name: 'Download the credential (JSON)' })[0]).toHaveAttribute('href', 'http://app.test/api/credentials/c-1');
    expect(screen.getAllByRole('link', { name: /Download the badge image/ })[0]).toHaveAttribute('href', 'http://app.test/api/credentials/c-1/badge.svg');
    expect(screen.getAllByRole('link', { name: 'Public page' })[0]).toHaveAttribute('href', 'http://app.test/credentials/c-1');
    expect(screen.getByText('revoked')).toBeInTheDocument();
  });

  it('says when there are none yet', async () => {
    mockApi({ 'GET /api/me/credentials': { status: 200, body: [] } });
    renderPage(<MyCredentialsPage />, { path: '/credentials', url: '/credentials' });
    expect(await screen.findByText(/No credentials yet/)).toBeInTheDocument();
  });
});
