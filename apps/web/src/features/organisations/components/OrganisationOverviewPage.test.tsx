import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { mockApi, renderPage } from '@web/test/render';
import { OrganisationOverviewPage } from './OrganisationOverviewPage';

describe(OrganisationOverviewPage.name, () => {
  it('shows the figures across its sets, and saves its settings (single sign-on required)', async () => {
    const api = mockApi({
      'GET /api/organisations/org-1': { status: 200, body: { id: 'org-1', name: 'Northshire', emailDomains: ['northshire.gov.uk'], requireSso: false, sets: [] } },
      'GET /api/organisations/org-1/evaluation': { status: 200, body: { organisationId: 'org-1', setCount: 3, attendance: { meetings: 9, attending: 40, apologies: 5, lateApologies: 1, present: 38 }, questionKinds: { open: 30, closed: 8, leading: 1, advice: 1 }, equity: { airtime: 0.18, questions: 0.2 }, ratings: { count: 30, average: 4.1, distribution: [0, 1, 3, 15, 11] }, actions: { total: 10, open: 2, done: 6, partly: 1, notDone: 1, completionRate: 0.6 }, sets: [] } },
      'PATCH /api/organisations/org-1': { status: 200, body: { id: 'org-1', name: 'Northshire', emailDomains: ['northshire.gov.uk'], requireSso: true } },
    });
    renderPage(<OrganisationOverviewPage />, { path: '/organisations/:orgId', url: '/organisations/org-1' });
    expect(await screen.findByText('60%')).toBeInTheDocument();
    expect(screen.getByText('75%')).toBeInTheDocument();
    expect(screen.getByText('4.1 of 5 (30 ratings)')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('checkbox', { name: /Require single sign-on/ }));
    await userEvent.type(screen.getByLabelText(/Days a closed set keeps/), '30');
    await userEvent.click(screen.getByRole('button', { name: 'Save the settings' }));
    await waitFor(() => expect(api.callsTo('PATCH', '/api/organisations/org-1').map((c) => c.body)).toEqual([{ name: 'Northshire', emailDomains: ['northshire.gov.uk'], requireSso: true, defaultGroundRules: null, defaultRetentionDays: 30 }]));
  });
});
