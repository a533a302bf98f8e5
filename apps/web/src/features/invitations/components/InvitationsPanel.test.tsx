import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InvitationResponse } from '@als/shared';
import { mockApi, renderPage, validationError } from '@web/test/render';
import { InvitationsPanel } from './InvitationsPanel';

const pending: InvitationResponse = {
  id: 'inv-1',
  setId: 'set-1',
  email: 'pat@example.org',
  role: 'member',
  status: 'pending',
  expiresAt: '2026-12-08T10:00:00.000Z',
  createdAt: '2026-11-24T10:00:00.000Z',
  lastSentAt: '2026-11-24T10:00:00.000Z',
};

describe(InvitationsPanel.name, () => {
  beforeEach(() => {
    document.cookie = 'als_csrf=csrf-secret; path=/';
  });
  afterEach(() => {
    document.cookie = 'als_csrf=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/';
  });

  it('invites a sponsor by e-mail, with the CSRF token, and says it was sent', async () => {
    const api = mockApi({
      'GET /api/sets/set-1/invitations': { status: 200, body: [] },
      'POST /api/sets/set-1/invitations': { status: 201, body: { ...pending, email: 'sue@example.org', role: 'sponsor', token: 'tok' } },
    });
    renderPage(<InvitationsPanel setId="set-1" />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('E-mail address'), 'sue@example.org');
    await user.selectOptions(screen.getByLabelText(/^Role/), 'sponsor');
    await user.click(screen.getByRole('button', { name: 'Send invitation' }));

    expect(await screen.findByText('Invitation sent to sue@example.org.')).toBeInTheDocument();
    const [call] = api.callsTo('POST', '/api/sets/set-1/invitations');
    expect(call.body).toEqual({ email: 'sue@example.org', role: 'sponsor' });
    expect(call.headers['X-CSRF-Token']).toBe('csrf-secret');
    expect(screen.getByLabelText('E-mail address')).toHaveValue('');
  });

  it('shows a bad address next to the e-mail field', async () => {
    mockApi({
      'GET /api/sets/set-1/invitations': { status: 200, body: [] },
      'POST /api/sets/set-1/invitations': validationError([{ field: 'email', message: 'email must be an email' }]),
    });
    renderPage(<InvitationsPanel setId="set-1" />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('E-mail address'), 'not-an-address');
    await user.click(screen.getByRole('button', { name: 'Send invitation' }));
    await waitFor(() => expect(screen.getByLabelText('E-mail address')).toHaveAccessibleDescription(/email must be an email/));
  });

  it('re-sends and revokes (after confirming) a pending invitation', async () => {
    const api = mockApi({
      'GET /api/sets/set-1/invitations': { status: 200, body: [pending] },
      'POST /api/sets/set-1/invitations/inv-1/resend': { status: 200, body: { ...pending, token: 'new' } },
      'DELETE /api/sets/set-1/invitations/inv-1': { status: 204 },
    });
    renderPage(<InvitationsPanel setId="set-1" />);
    const user = userEvent.setup();
    const row = (await screen.findByRole('rowheader', { name: 'pat@example.org' })).closest('tr')!;
    await user.click(within(row).getByRole('button', { name: 'Re-send' }));
    expect(await screen.findByText('A new link was sent to pat@example.org.')).toBeInTheDocument();

    await user.click(within(row).getByRole('button', { name: 'Revoke' }));
    expect(api.callsTo('DELETE', '/api/sets/set-1/invitations/inv-1')).toHaveLength(0);
    await user.click(within(row).getByRole('button', { name: 'Yes, revoke' }));
    expect(await screen.findByText('The invitation to pat@example.org was revoked.')).toBeInTheDocument();
    expect(api.callsTo('DELETE', '/api/sets/set-1/invitations/inv-1')).toHaveLength(1);
  });
});
