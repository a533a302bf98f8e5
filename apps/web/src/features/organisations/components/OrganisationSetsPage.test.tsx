import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi, renderPage } from '@web/test/render';
import { OrganisationSetsPage } from './OrganisationSetsPage';

describe(OrganisationSetsPage.name, () => {
  it('shows each set with its facilitators, members and next meeting', async () => {
    mockApi({
      'GET /api/organisations/org-1': {
        status: 200,
        body: {
          id: 'org-1',
          name: 'Northshire',
          emailDomains: ['northshire.gov.uk'],
          sets: [{ id: 's-1', name: 'Leaders one', mode: 'blended', status: 'active', facilitators: [{ userId: 'u-1', displayName: 'Fran Facilitator' }], memberCount: 6, nextMeetingAt: '2031-03-04T09:30:00.000Z', meetingsHeld: 2 },
            { id: 's-2', name: 'Demo', mode: 'virtual', status: 'active', facilitators: [], memberCount: 2, nextMeetingAt: null, meetingsHeld: 0, practice: true },
          ],
        },
      },
    });
    renderPage(<OrganisationSetsPage />, { path: '/organisations/:orgId/sets', url: '/organisations/org-1/sets' });
    const row = (await screen.findByRole('rowheader', { name: 'Leaders one' })).closest('tr')!;
    expect(row).toHaveTextContent('Fran Facilitator');
    expect(row).toHaveTextContent('6');
    expect(row).toHaveTextContent('4 Mar 2031');
    expect(row).not.toHaveTextContent('Practice set');
    expect(screen.getByRole('rowheader', { name: /Demo/ })).toHaveTextContent('Demo Practice set');
  });

  it('says when a person may not see the organisation', async () => {
    mockApi({ 'GET /api/organisations/org-1': { status: 404, body: { statusCode: 404, error: 'Not Found', message: 'Organisation not found.' } } });
    renderPage(<OrganisationSetsPage />, { path: '/organisations/:orgId/sets', url: '/organisations/org-1/sets' });
    expect(await screen.findByRole('alert')).toHaveTextContent('Organisation not found.');
  });
});
