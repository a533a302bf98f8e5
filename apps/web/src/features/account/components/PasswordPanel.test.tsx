import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { mockApi, renderPage, validationError } from '@web/test/render';
import { PasswordPanel } from './PasswordPanel';

async function fill(current: string, next: string, repeat = next) {
  const user = userEvent.setup();
  await user.type(screen.getByLabelText('Current password'), current);
  await user.type(screen.getByLabelText('New password'), next);
  await user.type(screen.getByLabelText('Type it again'), repeat);
  await user.click(screen.getByRole('button', { name: 'Change password' }));
}

describe(PasswordPanel.name, () => {
  it('changes the password and says the other devices are signed out', async () => {
    const api = mockApi({ 'PUT /api/me/password': { status: 204 }, 'GET /api/me/sessions': { status: 200, body: [] } });
    renderPage(<PasswordPanel />);
    await fill('my old password', 'violet kettle marching');
    expect(await screen.findByText('Your password is changed. Other devices are signed out.')).toBeInTheDocument();
    expect(api.callsTo('PUT', '/api/me/password')[0].body).toEqual({ currentPassword: 'my old password', newPassword: 'violet kettle marching' });
    expect(screen.getByLabelText('Current password')).toHaveValue('');
  });

  it('shows a wrong current password next to that field', async () => {
    mockApi({ 'PUT /api/me/password': validationError([{ field: 'currentPassword', message: 'currentPassword is not your current password.' }]) });
    renderPage(<PasswordPanel />);
    await fill('not it at all', 'violet kettle marching');
    const current = screen.getByLabelText('Current password');
    await waitFor(() => expect(current).toHaveAttribute('aria-invalid', 'true'));
    expect(current).toHaveAccessibleDescription(expect.stringContaining('not your current password'));
    expect(screen.getByLabelText('New password')).not.toHaveAttribute('aria-invalid');
  });

  it('refuses two different new passwords before sending anything', async () => {
    const api = mockApi({});
    renderPage(<PasswordPanel />);
    await fill('my old password', 'violet kettle marching', 'something else entirely');
    expect(screen.getByLabelText('Type it again')).toHaveAccessibleDescription(expect.stringContaining('not the same'));
    expect(api.calls).toHaveLength(0);
  });

  it('can be used with the keyboard alone', async () => {
    const api = mockApi({ 'PUT /api/me/password': { status: 204 }, 'GET /api/me/sessions': { status: 200, body: [] } });
    renderPage(<PasswordPanel />);
    const user = userEvent.setup();
    await user.tab();
    expect(screen.getByLabelText('Current password')).toHaveFocus();
    await user.keyboard('my old password');
    await user.tab();
    await user.keyboard('violet kettle marching');
    await user.tab();
    await user.keyboard('violet kettle marching{Enter}');
    await waitFor(() => expect(api.callsTo('PUT', '/api/me/password')).toHaveLength(1));
  });
});
