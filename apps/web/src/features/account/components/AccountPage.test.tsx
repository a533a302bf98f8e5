import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { MeResponse } from '@als/shared';
import { mockApi, renderPage } from '@web/test/render';
import { AccountPage } from './AccountPage';

const me: MeResponse = { id: 'pat', email: 'pat@example.org', displayName: 'Pat', timeZone: 'Europe/London', calendarFeedUrl: 'http://app.test/api/calendar/t.ics', meetingReminders: true, roundEmails: 'immediate' };

describe(AccountPage.name, () => {
  it('turns reminders off and saves', async () => {
    const api = mockApi({ 'PATCH /api/me': { status: 200, body: { ...me, meetingReminders: false, roundEmails: 'immediate' } } });
    renderPage(<AccountPage me={me} />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('checkbox', { name: /reminder 7 days and 1 day before/ }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(api.callsTo('PATCH', '/api/me')[0]?.body).toEqual({ displayName: 'Pat', timeZone: 'Europe/London', meetingReminders: false, roundEmails: 'immediate' }));
    expect(await screen.findByText('Saved.')).toBeInTheDocument();
  });

  it('offers the data download, and deletes the account only with the password, showing a refusal', async () => {
    const api = mockApi({ 'DELETE /api/me': { status: 409, body: { statusCode: 409, error: 'Conflict', message: 'You are the only facilitator of "Hard cases": hand the role to someone else first.' } } });
    renderPage(<AccountPage me={me} />);
    expect(screen.getByRole('link', { name: 'Download all my data (JSON)' })).toHaveAttribute('href', '/api/me/data');
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Delete my account' }));
    expect(screen.getByRole('button', { name: 'Delete my account for good' })).toBeDisabled();
    await user.type(screen.getByLabelText('Your password, to confirm'), 'my password');
    await user.click(screen.getByRole('button', { name: 'Delete my account for good' }));
    await waitFor(() => expect(api.callsTo('DELETE', '/api/me')[0]?.body).toEqual({ password: 'my password' }));
    expect(await screen.findByText(/only facilitator of "Hard cases"/)).toBeInTheDocument();
  });
});
