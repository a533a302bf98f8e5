import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { mockApi, renderPage } from '@web/test/render';
import { FacilitatorsPage } from './FacilitatorsPage';
import { ProgrammesPage } from './ProgrammesPage';

const organisation = {
  id: 'org-1',
  name: 'Northshire',
  emailDomains: [],
  sets: [
    { id: 's-1', name: 'Leaders one', mode: 'blended', status: 'active', facilitators: [], memberCount: 5, nextMeetingAt: null, meetingsHeld: 0 },
    { id: 's-2', name: 'Leaders two', mode: 'virtual', status: 'active', facilitators: [], memberCount: 6, nextMeetingAt: null, meetingsHeld: 0 },
  ],
};

describe(ProgrammesPage.name, () => {
  it('shows a programme with its figures and CSV, and saves the sets ticked', async () => {
    const api = mockApi({
      'GET /api/organisations/org-1': { status: 200, body: organisation },
      'GET /api/organisations/org-1/programmes': { status: 200, body: [{ id: 'p-1', organisationId: 'org-1', name: 'Leadership 2031', startsOn: '2031-01-06', endsOn: null, setIds: ['s-1'] }] },
      'GET /api/organisations/org-1/programmes/p-1/evaluation': { status: 200, body: { programmeId: 'p-1', setCount: 1, attendance: { meetings: 3, attending: 14, apologies: 2, lateApologies: 0, present: 13 }, questionKinds: { open: 20, closed: 4, leading: 1, advice: 1 }, equity: { airtime: 0.2, questions: 0.1 }, ratings: { count: 12, average: 4.2, distribution: [0, 0, 1, 7, 4] }, actions: { total: 5, open: 1, done: 3, partly: 1, notDone: 0, completionRate: 0.75 }, sets: [] } },
      'PUT /api/organisations/org-1/programmes/p-1/sets': { status: 200, body: {} },
    });
    renderPage(<ProgrammesPage />, { path: '/organisations/:orgId/programmes', url: '/organisations/org-1/programmes' });
    expect(await screen.findByRole('heading', { name: 'Leadership 2031' })).toBeInTheDocument();
    expect(await screen.findByText(/3 meetings held · 14 attending, 2 apologies · 20 open questions of 26 · average rating 4.2/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Download the figures (CSV)' })).toHaveAttribute('href', '/api/organisations/org-1/programmes/p-1/evaluation.csv');
    expect(screen.getByRole('link', { name: 'Download the report for commissioners (PDF)' })).toHaveAttribute('href', '/api/organisations/org-1/programmes/p-1/evaluation.pdf');
    await userEvent.click(screen.getByRole('checkbox', { name: 'Leaders two' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save the sets of Leadership 2031' }));
    await waitFor(() => expect(api.callsTo('PUT', '/api/organisations/org-1/programmes/p-1/sets').map((c) => c.body)).toEqual([{ setIds: ['s-1', 's-2'] }]));
  });
});

describe(FacilitatorsPage.name, () => {
  it('shows each facilitator’s sets and load, and invites a person to facilitate a set', async () => {
    const api = mockApi({
      'GET /api/organisations/org-1': { status: 200, body: organisation },
      'GET /api/organisations/org-1/facilitators': { status: 200, body: [{ userId: 'u-1', displayName: 'Fran Facilitator', sets: [{ id: 's-1', name: 'Leaders one', status: 'active' }], activeSets: 1, upcomingMeetings: 4 }] },
      'POST /api/organisations/org-1/sets/s-2/facilitators': { status: 201, body: { email: 'fran@northshire.gov.uk', role: 'facilitator' } },
    });
    renderPage(<FacilitatorsPage />, { path: '/organisations/:orgId/facilitators', url: '/organisations/org-1/facilitators' });
    const row = (await screen.findByRole('rowheader', { name: 'Fran Facilitator' })).closest('tr')!;
    expect(row).toHaveTextContent('Leaders one');
    expect(row).toHaveTextContent('4');
    await userEvent.selectOptions(screen.getByLabelText('Person'), 'u-1');
    await userEvent.selectOptions(screen.getByLabelText('Set'), 's-2');
    await userEvent.click(screen.getByRole('button', { name: 'Invite to facilitate' }));
    expect(await screen.findByText('An invitation to facilitate was sent to fran@northshire.gov.uk.')).toBeInTheDocument();
    expect(api.callsTo('POST', '/api/organisations/org-1/sets/s-2/facilitators').map((c) => c.body)).toEqual([{ userId: 'u-1' }]);
  });
});
