import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { mockApi, renderPage, validationError } from '@web/test/render';
import { ConfirmEmailPage } from './ConfirmEmailPage';

const TOKEN = 'tok_abcdefghijklmnopqrstuvwxyz0123456789ABCD';

describe(ConfirmEmailPage.name, () => {
  it('changes nothing on opening, and confirms with the button', async () => {
    const api = mockApi({ 'POST /api/auth/email-change/confirm': { status: 200, body: { email: 'sam.new@example.org' } } });
    renderPage(<ConfirmEmailPage />, { path: '/confirm-email/:token', url: `/confirm-email/${TOKEN}` });
    expect(api.calls).toHaveLength(0);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Confirm my new address' }));
    expect(await screen.findByText(/your account now uses/)).toHaveTextContent('Done: your account now uses sam.new@example.org');
    await waitFor(() => expect(api.callsTo('POST', '/api/auth/email-change/confirm')[0]?.body).toEqual({ token: TOKEN }));
  });

  it('says when the link no longer works', async () => {
    mockApi({ 'POST /api/auth/email-change/confirm': validationError([{ field: 'token', message: 'token is not valid any more' }]) });
    renderPage(<ConfirmEmailPage />, { path: '/confirm-email/:token', url: `/confirm-email/${TOKEN}` });
    await userEvent.setup().click(screen.getByRole('button', { name: 'Confirm my new address' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('This link does not work any more');
  });

  it('says when another account took the address meanwhile', async () => {
    mockApi({ 'POST /api/auth/email-change/confirm': { status: 409, body: { statusCode: 409, error: 'Conflict', message: 'An account with this e-mail address already exists.' } } });
    renderPage(<ConfirmEmailPage />, { path: '/confirm-email/:token', url: `/confirm-email/${TOKEN}` });
    await userEvent.setup().click(screen.getByRole('button', { name: 'Confirm my new address' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('already exists');
  });
});
