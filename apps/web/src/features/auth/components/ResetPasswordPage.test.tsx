import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { mockApi, renderPage, validationError } from '@web/test/render';
import { ResetPasswordPage } from './ResetPasswordPage';

const me = { id: 'u1', email: 'sam@example.org', displayName: 'Sam', timeZone: 'Europe/London', calendarFeedUrl: '', meetingReminders: true, roundEmails: 'immediate' };
const TOKEN = 'tok_abcdefghijklmnopqrstuvwxyz0123456789ABCD';

describe(ResetPasswordPage.name, () => {
  it('hints at the rules while typing: too short, too common, then accepted', async () => {
    mockApi({});
    renderPage(<ResetPasswordPage />, { path: '/reset-password/:token', url: `/reset-password/${TOKEN}` });
    const user = userEvent.setup();
    const field = screen.getByLabelText('New password');
    expect(field).toHaveAccessibleDescription(expect.stringContaining('At least 10 characters'));
    await user.type(field, 'pass');
    expect(field).toHaveAccessibleDescription(expect.stringContaining('Too short'));
    await user.type(field, 'word123');
    await waitFor(() => expect(field).toHaveAccessibleDescription(expect.stringContaining('Too common')));
    await user.type(field, ' and a kettle');
    expect(field).toHaveAccessibleDescription(expect.stringContaining('Accepted'));
  });

  it('sets the new password with the token of the link and goes into the app, signed in', async () => {
    const api = mockApi({ 'POST /api/auth/password-reset/complete': { status: 204 }, 'GET /api/me': { status: 200, body: me } });
    renderPage(<ResetPasswordPage />, { path: '/reset-password/:token', url: `/reset-password/${TOKEN}` });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('New password'), 'violet kettle marching');
    await user.type(screen.getByLabelText('Type it again'), 'violet kettle marching');
    await user.click(screen.getByRole('button', { name: 'Save and sign in' }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(/^\/$/));
    expect(api.callsTo('POST', '/api/auth/password-reset/complete')[0].body).toEqual({ token: TOKEN, password: 'violet kettle marching' });
  });

  it('takes the token from ?token= too', async () => {
    const api = mockApi({ 'POST /api/auth/password-reset/complete': { status: 204 }, 'GET /api/me': { status: 200, body: me } });
    renderPage(<ResetPasswordPage />, { path: '/reset-password', url: `/reset-password?token=${TOKEN}` });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('New password'), 'violet kettle marching');
    await user.type(screen.getByLabelText('Type it again'), 'violet kettle marching');
    await user.click(screen.getByRole('button', { name: 'Save and sign in' }));
    await waitFor(() => expect(api.callsTo('POST', '/api/auth/password-reset/complete')[0]?.body).toEqual({ token: TOKEN, password: 'violet kettle marching' }));
  });

  it('says when the two passwords differ, sending nothing', async () => {
    const api = mockApi({});
    renderPage(<ResetPasswordPage />, { path: '/reset-password/:token', url: `/reset-password/${TOKEN}` });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('New password'), 'violet kettle marching');
    await user.type(screen.getByLabelText('Type it again'), 'violet kettle marchin');
    await user.click(screen.getByRole('button', { name: 'Save and sign in' }));
    expect(screen.getByLabelText('Type it again')).toHaveAccessibleDescription(expect.stringContaining('not the same'));
    expect(api.calls).toHaveLength(0);
  });

  it('shows the API’s refusal of the password next to it', async () => {
    mockApi({ 'POST /api/auth/password-reset/complete': validationError([{ field: 'password', message: 'password is one of the most commonly used passwords, which are guessed first: choose another' }]) });
    renderPage(<ResetPasswordPage />, { path: '/reset-password/:token', url: `/reset-password/${TOKEN}` });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('New password'), 'violet kettle marching');
    await user.type(screen.getByLabelText('Type it again'), 'violet kettle marching');
    await user.click(screen.getByRole('button', { name: 'Save and sign in' }));
    await waitFor(() => expect(screen.getByLabelText('New password')).toHaveAttribute('aria-invalid', 'true'));
    expect(screen.getByLabelText('New password')).toHaveAccessibleDescription(expect.stringContaining('most commonly used'));
  });

  it('offers a new link when this one is spent or expired', async () => {
    mockApi({ 'POST /api/auth/password-reset/complete': validationError([{ field: 'token', message: 'token is not valid any more' }]) });
    renderPage(<ResetPasswordPage />, { path: '/reset-password/:token', url: `/reset-password/${TOKEN}` });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('New password'), 'violet kettle marching');
    await user.type(screen.getByLabelText('Type it again'), 'violet kettle marching');
    await user.click(screen.getByRole('button', { name: 'Save and sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('This link does not work any more');
    expect(screen.getByRole('link', { name: 'Ask for a new link' })).toHaveAttribute('href', '/forgot-password');
  });
});
