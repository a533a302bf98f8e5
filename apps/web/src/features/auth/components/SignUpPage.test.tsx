import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { mockApi, renderPage, validationError } from '@web/test/render';
import { SignUpPage } from './SignUpPage';

const me = { id: 'u1', email: 'sam@example.org', displayName: 'Sam', timeZone: 'Europe/London', calendarFeedUrl: 'http://x/api/calendar/t.ics', meetingReminders: true, roundEmails: 'immediate' };

async function fillIn() {
  const user = userEvent.setup();
  await user.type(screen.getByLabelText('Your name'), 'Sam');
  await user.clear(screen.getByLabelText(/E-mail address/));
  await user.type(screen.getByLabelText(/E-mail address/), 'sam@example.org');
  await user.type(screen.getByLabelText(/Password/), 'short');
  await user.click(screen.getByRole('button', { name: 'Create account' }));
}

describe(SignUpPage.name, () => {
  it('shows each API validation message next to the field it concerns', async () => {
    mockApi({ 'POST /api/auth/register': validationError([{ field: 'password', message: 'password must be at least 10 characters' }]) });
    renderPage(<SignUpPage />, { path: '/sign-up', url: '/sign-up' });
    await fillIn();

    const password = screen.getByLabelText(/Password/);
    await waitFor(() => expect(password).toHaveAttribute('aria-invalid', 'true'));
    expect(password).toHaveAccessibleDescription(expect.stringContaining('password must be at least 10 characters'));
    expect(screen.getByLabelText('Your name')).not.toHaveAttribute('aria-invalid');
    expect(screen.getByRole('alert')).toHaveTextContent('see the messages next to the fields');
    expect(screen.getByTestId('location')).toHaveTextContent('/sign-up');
  });

  it('shows a conflict that no field owns as one message', async () => {
    mockApi({ 'POST /api/auth/register': { status: 409, body: { statusCode: 409, error: 'Conflict', message: 'An account with this e-mail address already exists.' } } });
    renderPage(<SignUpPage />, { path: '/sign-up', url: '/sign-up' });
    await fillIn();
    expect(await screen.findByRole('alert')).toHaveTextContent('An account with this e-mail address already exists.');
  });

  it('sends the form with the chosen time zone and goes on to the page it was opened for', async () => {
    const api = mockApi({
      'POST /api/auth/register': { status: 201, body: { user: me, accessToken: 't' } },
      'GET /api/me': { status: 200, body: me },
    });
    renderPage(<SignUpPage />, { path: '/sign-up', url: '/sign-up?next=%2Finvitations%2Fabc&email=sam%40example.org' });
    expect(screen.getByLabelText(/E-mail address/)).toHaveValue('sam@example.org');
    await userEvent.setup().selectOptions(screen.getByLabelText('Your time zone'), 'America/New_York');
    await fillIn();

    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/invitations/abc'));
    expect(api.callsTo('POST', '/api/auth/register')[0].body).toEqual({ email: 'sam@example.org', password: 'short', displayName: 'Sam', timeZone: 'America/New_York' });
  });

  it('never follows a next address to another site', async () => {
    mockApi({ 'POST /api/auth/register': { status: 201, body: { user: me, accessToken: 't' } }, 'GET /api/me': { status: 200, body: me } });
    renderPage(<SignUpPage />, { path: '/sign-up', url: '/sign-up?next=%2F%2Fevil.example' });
    await fillIn();
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(/^\/$/));
  });
});
