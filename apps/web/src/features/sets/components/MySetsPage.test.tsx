import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { MyActionResponse, SetSummaryResponse } from '@als/shared';
import { mockApi, renderPage } from '@web/test/render';
import { MySetsPage } from './MySetsPage';

const set: SetSummaryResponse = {
  id: 'set-1', name: 'Hard cases', purpose: 'Thinking together', mode: 'blended', timeZone: 'Europe/London', groundRules: '', apologyNoticeHours: 48, quorum: 3,
  role: 'member', createdAt: '2026-11-01T10:00:00.000Z', updatedAt: '2026-11-01T10:00:00.000Z', memberCount: 5,
  status: 'active', closedAt: null, retentionDays: 90, roundPhaseDays: { clarifying: 2, answers: 2, questions: 3, reflection: 2, actions: 2 }, purgeAfter: null, purgedAt: null,
};
const action: MyActionResponse = {
  id: 'a-1', setId: 'set-1', setName: 'Hard cases', ownerId: 'pat', ownerName: 'Pat', text: 'Meet the father', dueAt: '2027-01-12', status: 'open',
  meetingId: 'm-1', reportNote: '', reportedAt: null, reportedVia: null, reportedInMeetingId: null, createdAt: '2026-11-24T10:00:00.000Z',
};

describe(MySetsPage.name, () => {
  it("lists the person's sets and their open actions across them", async () => {
    mockApi({ 'GET /api/sets': { status: 200, body: [set] }, 'GET /api/me/actions': { status: 200, body: [action] } });
    renderPage(<MySetsPage />);
    expect(await screen.findByRole('heading', { level: 2, name: 'Hard cases' })).toBeInTheDocument();
    const item = (await screen.findByText('Meet the father')).closest('p')!;
    expect(item).toHaveTextContent('Meet the father — Hard cases, due 12 January 2027');
  });

  it('reports back on an action ahead of the meeting, and shows the answer it got', async () => {
    let reported = false;
    const api = mockApi({
      'GET /api/sets': { status: 200, body: [set] },
      'GET /api/me/actions': () => ({ status: 200, body: [reported ? { ...action, status: 'partly', reportNote: 'Met once', reportedVia: 'web', reportedInMeetingId: 'm-2' } : action] }),
      'POST /api/me/actions/a-1/report-back': () => {
        reported = true;
        return { status: 200, body: { ...action, status: 'partly', reportNote: 'Met once', reportedVia: 'web', reportedInMeetingId: 'm-2' } };
      },
    });
    const user = userEvent.setup();
    renderPage(<MySetsPage />);
    await user.click(await screen.findByText('Report back now'));
    const save = screen.getByRole('button', { name: 'Report back' });
    expect(save).toBeDisabled();
    await user.click(screen.getByRole('radio', { name: 'Partly done' }));
    await user.type(screen.getByLabelText(/What happened, and what did you learn/), 'Met once');
    await user.click(save);
    await waitFor(() => expect(api.callsTo('POST', '/api/me/actions/a-1/report-back')).toHaveLength(1));
    expect(api.callsTo('POST', '/api/me/actions/a-1/report-back')[0].body).toEqual({ status: 'partly', note: 'Met once' });
    expect(await screen.findByText('Reported: Partly done')).toBeInTheDocument();
  });

  it('shows why a report-back was refused next to that action', async () => {
    mockApi({
      'GET /api/sets': { status: 200, body: [set] },
      'GET /api/me/actions': { status: 200, body: [action] },
      'POST /api/me/actions/a-1/report-back': { status: 409, body: { statusCode: 409, error: 'Conflict', message: 'The set is meeting now: report back at the check-in of the live session.' } },
    });
    const user = userEvent.setup();
    renderPage(<MySetsPage />);
    await user.click(await screen.findByText('Report back now'));
    await user.click(screen.getByRole('radio', { name: 'Done' }));
    await user.click(screen.getByRole('button', { name: 'Report back' }));
    expect(await screen.findByText('The set is meeting now: report back at the check-in of the live session.')).toBeInTheDocument();
  });

  it('shows no actions panel when there are none', async () => {
    mockApi({ 'GET /api/sets': { status: 200, body: [set] }, 'GET /api/me/actions': { status: 200, body: [] } });
    renderPage(<MySetsPage />);
    await screen.findByText('Thinking together');
    expect(screen.queryByRole('heading', { name: 'Your actions to report back on' })).not.toBeInTheDocument();
  });
});
