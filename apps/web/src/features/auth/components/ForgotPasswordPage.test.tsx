import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { mockApi, renderPage, validationError } from '@web/test/render';
import { ForgotPasswordPage } from './ForgotPasswordPage';

describe(ForgotPasswordPage.name, () => {
  it('sends the address and shows the answer, the same for every address', async () => {
    const api = mockApi({ 'POST /api/auth/password-reset': { status: 202, body: { message: 'If an account uses this address, we have sent it a link to choose a new password.' } } });
    renderPage(<ForgotPasswordPage />, { path: '/forgot-password', url: '/forgot-password?email=sam%40example.org' });
    const user = userEvent.setup();
    expect(screen.getByLabelText('E-mail address')).toHaveValue('sam@example.org');
    await user.click(screen.getByRole('button', { name: 'Send me a link' }));
    expect(await screen.findByText(/If an account uses this address/)).toBeInTheDocument();
    expect(api.callsTo('POST', '/api/auth/password-reset')[0].body).toEqual({ email: 'sam@example.org' });
  });

  it('shows what is wrong with the address next to it', async () => {
    mockApi({ 'POST /api/auth/password-reset': validationError([{ field: 'email', message: 'email must be a valid e-mail address' }]) });
    renderPage(<ForgotPasswordPage />, { path: '/forgot-password', url: '/forgot-password' });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('E-mail address'), 'sam');
    await user.keyboard('{Enter}');
    const field = screen.getByLabelText('E-mail address');
    await waitFor(() => expect(field).toHaveAttribute('aria-invalid', 'true'));
    expect(field).toHaveAccessibleDescription(expect.stringContaining('email must be a valid e-mail address'));
  });

  it('says so when too many requests were made', async () => {
    mockApi({ 'POST /api/auth/password-reset': { status: 429, body: { statusCode: 429, error: 'Too Many Requests', message: 'Too many attempts. Try again in 15 minutes.' } } });
    renderPage(<ForgotPasswordPage />, { path: '/forgot-password', url: '/forgot-password' });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('E-mail address'), 'sam@example.org');
    await user.click(screen.getByRole('button', { name: 'Send me a link' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Try again in 15 minutes');
  });
});
