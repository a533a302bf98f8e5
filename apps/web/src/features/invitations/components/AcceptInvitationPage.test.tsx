import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { InvitationPreviewResponse, MeResponse } from '@als/shared';
import { mockApi, renderPage } from '@web/test/render';
import { AcceptInvitationPage } from './AcceptInvitationPage';

const preview: InvitationPreviewResponse = {
  email: 'pat@example.org',
  role: 'member',
  status: 'pending',
  expiresAt: '2026-12-08T10:00:00.000Z',
  setName: 'Hard cases',
  invitedBy: 'Fran',
  groundRules: 'What is said in the set stays in the set.\nQuestions, not advice.',
};
const pat: MeResponse = { id: 'pat', email: 'Pat@Example.org', displayName: 'Pat', timeZone: 'Europe/London', calendarFeedUrl: '', meetingReminders: true, roundEmails: 'immediate' };
const at = { path: '/invitations/:token', url: '/invitations/tok' };

describe(AcceptInvitationPage.name, () => {
  it('shows the ground rules and asks a visitor to sign up or in with the invited address', async () => {
    mockApi({ 'GET /api/invitations/tok': { status: 200, body: preview } });
    renderPage(<AcceptInvitationPage me={null} />, at);
    expect(await screen.findByText('Questions, not advice.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Create an account' })).toHaveAttribute('href', '/sign-up?next=%2Finvitations%2Ftok&email=pat%40example.org');
    expect(screen.queryByRole('button', { name: /Accept/ })).not.toBeInTheDocument();
  });

  it('will not accept until the ground rules are ticked, then joins and opens the set', async () => {
    const api = mockApi({
      'GET /api/invitations/tok': { status: 200, body: preview },
      'POST /api/invitations/tok/accept': { status: 200, body: { setId: 'set-1', userId: 'pat', role: 'member' } },
    });
    renderPage(<AcceptInvitationPage me={pat} />, at);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Accept and join the set' }));
    expect(screen.getByRole('checkbox')).toHaveAccessibleDescription(expect.stringContaining('Tick the box'));
    expect(api.callsTo('POST', '/api/invitations/tok/accept')).toHaveLength(0);

    await user.click(screen.getByRole('checkbox', { name: /I have read the ground rules/ }));
    await user.click(screen.getByRole('button', { name: 'Accept and join the set' }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/sets/set-1'));
    expect(api.callsTo('POST', '/api/invitations/tok/accept')[0].body).toEqual({ acceptGroundRules: true });
  });

  it('tells someone signed in with another address to switch accounts', async () => {
    mockApi({ 'GET /api/invitations/tok': { status: 200, body: preview } });
    renderPage(<AcceptInvitationPage me={{ ...pat, email: 'other@example.org' }} />, at);
    expect(await screen.findByText(/You are signed in as other@example.org/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Accept and join the set' })).not.toBeInTheDocument();
  });

  it('explains a link that was already used', async () => {
    mockApi({ 'GET /api/invitations/tok': { status: 200, body: { ...preview, status: 'accepted' } } });
    renderPage(<AcceptInvitationPage me={pat} />, at);
    expect(await screen.findByText(/has already been used/)).toBeInTheDocument();
  });

  it('explains an unknown link', async () => {
    mockApi({});
    renderPage(<AcceptInvitationPage me={pat} />, at);
    expect(await screen.findByText(/This invitation link is not valid/)).toBeInTheDocument();
  });
});
