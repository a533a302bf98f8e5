import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { OrganisationPeopleResponse } from '@als/shared';
import { mockApi, renderPage, validationError } from '@web/test/render';
import { OrganisationPeoplePage } from './OrganisationPeoplePage';

const ORG = 'org-1';
const people: OrganisationPeopleResponse = {
  people: [
    { userId: 'u-1', displayName: 'Ada Admin', email: 'ada@northshire.gov.uk', role: 'admin', disabledAt: null, joinedAt: '2031-01-01T00:00:00.000Z' },
    { userId: 'u-2', displayName: 'Leo Leaver', email: 'leo@northshire.gov.uk', role: 'member', disabledAt: '2031-02-03T10:00:00.000Z', joinedAt: '2031-01-02T00:00:00.000Z' },
  ],
  notYetAccepted: [{ id: 'i-1', organisationId: ORG, email: 'new@northshire.gov.uk', role: 'member', status: 'pending', expiresAt: '2031-03-01T00:00:00.000Z', createdAt: '2031-02-15T00:00:00.000Z' }],
};

describe(OrganisationPeoplePage.name, () => {
  it('lists the people, who is disabled and who has not yet accepted', async () => {
    mockApi({ [`GET /api/organisations/${ORG}/people`]: { status: 200, body: people } });
    renderPage(<OrganisationPeoplePage />, { path: '/organisations/:orgId/people', url: `/organisations/${ORG}/people` });
    expect(await screen.findByRole('rowheader', { name: 'Ada Admin' })).toBeInTheDocument();
    expect(screen.getByText('Disabled since 3 February 2031')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Enable Leo Leaver' })).toBeInTheDocument();
    expect(screen.getByText(/new@northshire\.gov\.uk \(member\) — invited, the link expires 1 March 2031/)).toBeInTheDocument();
  });

  it('disables a person after asking once more', async () => {
    const api = mockApi({ [`GET /api/organisations/${ORG}/people`]: { status: 200, body: people }, [`POST /api/organisations/${ORG}/people/u-1/disable`]: { status: 204 } });
    renderPage(<OrganisationPeoplePage />, { path: '/organisations/:orgId/people', url: `/organisations/${ORG}/people` });
    await userEvent.click(await screen.findByRole('button', { name: 'Disable Ada Admin' }));
    await userEvent.click(screen.getByRole('button', { name: 'Yes, disable and sign out Ada Admin' }));
    await waitFor(() => expect(api.callsTo('POST', `/api/organisations/${ORG}/people/u-1/disable`)).toHaveLength(1));
  });

  it('invites by e-mail with a role, and shows the API’s message beside the field', async () => {
    let attempt = 0;
    const api = mockApi({
      [`GET /api/organisations/${ORG}/people`]: { status: 200, body: people },
      [`POST /api/organisations/${ORG}/people`]: () => (++attempt === 1 ? validationError([{ field: 'email', message: 'email must be a valid e-mail address' }]) : { status: 201, body: { ...people.notYetAccepted[0], email: 'bo@northshire.gov.uk', role: 'admin', token: 't' } }),
    });
    renderPage(<OrganisationPeoplePage />, { path: '/organisations/:orgId/people', url: `/organisations/${ORG}/people` });
    await userEvent.type(await screen.findByLabelText('E-mail address'), 'bo');
    await userEvent.selectOptions(screen.getByLabelText('Role'), 'admin');
    await userEvent.click(screen.getByRole('button', { name: 'Send the invitation' }));
    expect(await screen.findByText('email must be a valid e-mail address')).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText(/E-mail address/), '@northshire.gov.uk');
    await userEvent.click(screen.getByRole('button', { name: 'Send the invitation' }));
    expect(await screen.findByText('An invitation was sent to bo@northshire.gov.uk.')).toBeInTheDocument();
    expect(api.callsTo('POST', `/api/organisations/${ORG}/people`).map((c) => c.body)).toEqual([{ email: 'bo', role: 'admin' }, { email: 'bo@northshire.gov.uk', role: 'admin' }]);
  });
});
