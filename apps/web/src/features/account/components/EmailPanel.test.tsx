import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { MeResponse } from '@als/shared';
import { mockApi, renderPage, validationError } from '@web/test/render';
import { EmailPanel } from './EmailPanel';

const me: MeResponse = { id: 'pat', email: 'pat@example.org', displayName: 'Pat', timeZone: 'Europe/London', calendarFeedUrl: '', meetingReminders: true, roundEmails: 'immediate' };

async function ask(newEmail: string, password: string) {
  const user = userEvent.setup();
  await user.type(screen.getByLabelText('New e-mail address'), newEmail);
  await user.type(screen.getByLabelText('Your password'), password);
  await user.click(screen.getByRole('button', { name: 'Send the link' }));
}

describe(EmailPanel.name, () => {
  it('sends a link to the new address and says so', async () => {
    const api = mockApi({ 'POST /api/me/email': { status: 202, body: { message: 'We have sent a link to pat.new@example.org.' } } });
    renderPage(<EmailPanel me={me} />);
    expect(screen.getByText('pat@example.org')).toBeInTheDocument();
    await ask('pat.new@example.org', 'my password');
    expect(await screen.findByText('We have sent a link to pat.new@example.org.')).toBeInTheDocument();
    expect(api.callsTo('POST', '/api/me/email')[0].body).toEqual({ newEmail: 'pat.new@example.org', password: 'my password' });
  });

  it('shows a wrong password next to it, and an address in use as one message', async () => {
    mockApi({ 'POST /api/me/email': validationError([{ field: 'password', message: 'password is not your password.' }]) });
    renderPage(<EmailPanel me={me} />);
    await ask('pat.new@example.org', 'wrong');
    const password = screen.getByLabelText('Your password');
    await waitFor(() => expect(password).toHaveAttribute('aria-invalid', 'true'));
    expect(password).toHaveAccessibleDescription(expect.stringContaining('not your password'));
  });

  it('shows a conflict that no field owns', async () => {
    mockApi({ 'POST /api/me/email': { status: 409, body: { statusCode: 409, error: 'Conflict', message: 'An account with this e-mail address already exists.' } } });
    renderPage(<EmailPanel me={me} />);
    await ask('taken@example.org', 'my password');
    expect(await screen.findByRole('alert')).toHaveTextContent('already exists');
  });
});
