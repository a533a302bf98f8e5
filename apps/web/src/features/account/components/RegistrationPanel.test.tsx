import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { MeResponse } from '@als/shared';
import { mockApi, renderPage, validationError } from '@web/test/render';
import { RegistrationPanel } from './RegistrationPanel';

const me: MeResponse = { id: 'pat', email: 'pat@example.org', displayName: 'Pat', timeZone: 'Europe/London', calendarFeedUrl: '', meetingReminders: true, roundEmails: 'immediate', registration: null };

describe(RegistrationPanel.name, () => {
  it('saves a regulator and number, and shows the refusal of a number that is not one', async () => {
    let tries = 0;
    const api = mockApi({
      'PATCH /api/me': () =>
        ++tries === 1
          ? validationError([{ field: 'registration.number', message: 'registration.number is not a Social Work England registration number (such as SW123456)' }])
          : { status: 200, body: { ...me, registration: { regulator: 'swe', number: 'SW123456' } } },
    });
    renderPage(<RegistrationPanel me={me} />);
    const user = userEvent.setup();
    expect(screen.getByRole('button', { name: 'Save registration' })).toBeDisabled();
    await user.selectOptions(screen.getByLabelText('Regulator'), 'Social Work England');
    await user.type(screen.getByLabelText(/Registration number/), '123456');
    await user.click(screen.getByRole('button', { name: 'Save registration' }));
    expect((await screen.findAllByText(/is not a Social Work England registration number/)).length).toBeGreaterThan(0);
    await user.clear(screen.getByLabelText(/Registration number/));
    await user.type(screen.getByLabelText(/Registration number/), 'sw 123456');
    await user.click(screen.getByRole('button', { name: 'Save registration' }));
    await waitFor(() => expect(api.callsTo('PATCH', '/api/me')).toHaveLength(2));
    expect(api.callsTo('PATCH', '/api/me')[1].body).toEqual({ registration: { regulator: 'swe', number: 'sw 123456' } });
  });

  it('shows the one on the account and removes it', async () => {
    const api = mockApi({ 'PATCH /api/me': { status: 200, body: { ...me, registration: null } } });
    renderPage(<RegistrationPanel me={{ ...me, registration: { regulator: 'niscc', number: '6012345' } }} />);
    expect(screen.getByText(/^On your CPD export/)).toHaveTextContent('On your CPD export: Northern Ireland Social Care Council (NISCC) registration 6012345.');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Remove it' }));
    await waitFor(() => expect(api.callsTo('PATCH', '/api/me')[0]?.body).toEqual({ registration: null }));
  });
});
