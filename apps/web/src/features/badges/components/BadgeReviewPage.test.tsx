import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { BadgeApplicationResponse } from '@als/shared';
import { mockApi, renderPage } from '@web/test/render';
import { BadgeReviewPage } from './BadgeReviewPage';
import { badge } from '@web/features/badges/fixtures';

const application = (overrides: Partial<BadgeApplicationResponse> = {}): BadgeApplicationResponse => ({ id: 'a-1', setId: 's-1', userId: 'u-1', displayName: 'Pat Member', status: 'submitted', statement: 'What I learned in the set.', wordCount: 6, publicEvidence: true, showName: false, feedback: '', submittedAt: '2031-03-04T12:00:00.000Z', decidedAt: null, credentialId: null, ...overrides });
const render = () => renderPage(<BadgeReviewPage />, { path: '/sets/:setId/badge/review', url: '/sets/s-1/badge/review' });

describe(BadgeReviewPage.name, () => {
  it('shows each waiting statement and approves one', async () => {
    const api = mockApi({ 'GET /api/sets/s-1/badge': { status: 200, body: badge }, 'GET /api/sets/s-1/badge/applications': { status: 200, body: [application()] }, 'POST /api/badge-applications/a-1/decision': { status: 200, body: { id: 'a-1', status: 'approved', credentialId: 'c-1' } } });
    render();
    expect(await screen.findByRole('heading', { name: 'Pat Member' })).toBeInTheDocument();
    expect(screen.getByText('What I learned in the set.')).toBeInTheDocument();
    expect(screen.getByText(/6 words \(at least 10\) · public evidence/)).toBeInTheDocument();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Approve and issue the badge' }));
    await waitFor(() => expect(api.callsTo('POST', '/api/badge-applications/a-1/decision')[0]?.body).toEqual({ decision: 'approve' }));
  });

  it('returns an application with feedback', async () => {
    const api = mockApi({ 'GET /api/sets/s-1/badge': { status: 200, body: badge }, 'GET /api/sets/s-1/badge/applications': { status: 200, body: [application()] }, 'POST /api/badge-applications/a-1/decision': { status: 200, body: { id: 'a-1', status: 'returned' } } });
    render();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Return with feedback' }));
    await user.type(screen.getByLabelText('Feedback: what to change'), 'Say more about the impact.');
    await user.click(screen.getByRole('button', { name: 'Return with feedback' }));
    await waitFor(() => expect(api.callsTo('POST', '/api/badge-applications/a-1/decision')[0]?.body).toEqual({ decision: 'return', feedback: 'Say more about the impact.' }));
  });

  it('revokes an issued credential with a reason', async () => {
    const api = mockApi({ 'GET /api/sets/s-1/badge': { status: 200, body: badge }, 'GET /api/sets/s-1/badge/applications': { status: 200, body: [application({ status: 'approved', decidedAt: '2031-03-05T12:00:00.000Z', credentialId: 'c-1' })] }, 'POST /api/credentials/c-1/revoke': { status: 204 } });
    render();
    const user = userEvent.setup();
    expect(await screen.findByText('No application is waiting.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'the credential' })).toHaveAttribute('href', '/credentials/c-1');
    await user.click(screen.getByRole('button', { name: 'Revoke…' }));
    await user.type(screen.getByLabelText('Reason for revoking'), 'Not their own work');
    await user.click(screen.getByRole('button', { name: 'Revoke the credential' }));
    await waitFor(() => expect(api.callsTo('POST', '/api/credentials/c-1/revoke')[0]?.body).toEqual({ reason: 'Not their own work' }));
  });
});
