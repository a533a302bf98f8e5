import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { mockApi, renderPage } from '@web/test/render';
import { SignInPage } from './SignInPage';

describe(SignInPage.name, () => {
  it('says why sign-in failed and stays on the page', async () => {
    mockApi({ 'POST /api/auth/login': { status: 401, body: { statusCode: 401, error: 'Unauthorized', message: 'Wrong e-mail address or password.' } } });
    renderPage(<SignInPage />, { path: '/sign-in', url: '/sign-in' });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('E-mail address'), 'sam@example.org');
    await user.type(screen.getByLabelText('Password'), 'wrong password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong e-mail address or password.');
    expect(screen.getByTestId('location')).toHaveTextContent('/sign-in');
  });

  it('words a refusal by its code: the database unreachable reads as the service, not the database', async () => {
    mockApi({ 'POST /api/auth/login': { status: 503, body: { statusCode: 503, error: 'Service Unavailable', code: 'service.unavailable', message: 'The database is not reachable.' } } });
    renderPage(<SignInPage />, { path: '/sign-in', url: '/sign-in' });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('E-mail address'), 'sam@example.org');
    await user.type(screen.getByLabelText('Password'), 'a password!');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The service cannot be reached just now. Try again in a minute.');
  });

  it('says so when the server cannot be reached', async () => {
    mockApi({ 'POST /api/auth/login': () => { throw new TypeError('Failed to fetch'); } });
    renderPage(<SignInPage />, { path: '/sign-in', url: '/sign-in' });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('E-mail address'), 'sam@example.org');
    await user.type(screen.getByLabelText('Password'), 'a password!');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The server cannot be reached');
  });

  it('signs in and goes to My sets', async () => {
    const me = { id: 'u1', email: 'sam@example.org', displayName: 'Sam', timeZone: 'Europe/London', calendarFeedUrl: '', meetingReminders: true, roundEmails: 'immediate' };
    const api = mockApi({ 'POST /api/auth/login': { status: 200, body: { user: me, accessToken: 't' } }, 'GET /api/me': { status: 200, body: me } });
    renderPage(<SignInPage />, { path: '/sign-in', url: '/sign-in' });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('E-mail address'), 'sam@example.org');
    await user.type(screen.getByLabelText('Password'), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(/^\/$/));
    expect(api.callsTo('POST', '/api/auth/login')[0].body).toEqual({ email: 'sam@example.org', password: 'correct horse battery' });
  });

  it('offers "Forgot your password?", carrying the address typed so far', async () => {
    mockApi({});
    renderPage(<SignInPage />, { path: '/sign-in', url: '/sign-in' });
    const user = userEvent.setup();
    expect(screen.getByRole('link', { name: 'Forgot your password?' })).toHaveAttribute('href', '/forgot-password');
    await user.type(screen.getByLabelText('E-mail address'), 'sam@example.org');
    expect(screen.getByRole('link', { name: 'Forgot your password?' })).toHaveAttribute('href', '/forgot-password?email=sam%40example.org');
  });
});
