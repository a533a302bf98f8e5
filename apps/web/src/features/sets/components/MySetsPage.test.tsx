import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { AgendaMeeting, AgendaResponse, MyActionResponse, SetSummaryResponse } from '@als/shared';
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

const emptyAgenda: AgendaResponse = { timeZone: 'Europe/London', now: [], nextMeetings: [], repliesToSend: [], roundsOwed: [], actionsToReport: [] };

const meeting = (over: Partial<AgendaMeeting>): AgendaMeeting => ({
  meetingId: 'm-1', setId: 'set-1', setName: 'Hard cases', role: 'member', startsAt: '2027-03-08T09:30:00.000Z', endsAt: '2027-03-08T12:30:00.000Z',
  format: 'in-person', location: 'Room 4, Civic Centre', videoUrl: '', myReply: null, livePhase: null, ...over,
});

describe(MySetsPage.name, () => {
  describe('what is needed from you', () => {
    const agenda: AgendaResponse = {
      timeZone: 'America/New_York',
      now: [meeting({ meetingId: 'm-now', setName: 'Night shift set', format: 'online', videoUrl: 'https://meet.example.org/now', startsAt: '2027-03-01T14:10:00.000Z', endsAt: '2027-03-01T16:10:00.000Z', livePhase: 'check-in' })],
      nextMeetings: [meeting({})],
      repliesToSend: [meeting({})],
      roundsOwed: [{ roundId: 'r-1', setId: 'set-1', setName: 'Hard cases', title: 'A family, a decision', phase: 'clarifying', phaseEndsAt: '2027-03-04T09:00:00.000Z', presenting: false }],
      actionsToReport: [],
    };

    it('shows a session starting now, rounds owed with the deadline in the person’s zone, replies to send and next meetings, before the sets', async () => {
      mockApi({ 'GET /api/me/agenda': { status: 200, body: agenda }, 'GET /api/sets': { status: 200, body: [set] }, 'GET /api/me/actions': { status: 200, body: [] } });
      renderPage(<MySetsPage />);
      const now = await screen.findByRole('region', { name: 'Starting now' });
      expect(now).toHaveTextContent('Night shift set');
      expect(now).toHaveTextContent('under way: Check-in');
      expect(within(now).getByRole('link', { name: 'Join the session of Night shift set' })).toHaveAttribute('href', '/meetings/m-now/live');
      expect(within(now).getByRole('link', { name: /Video call link/ })).toHaveAttribute('href', 'https://meet.example.org/now');
      const rounds = screen.getByRole('region', { name: 'Rounds waiting for you' });
      expect(within(rounds).getByRole('link', { name: 'A family, a decision' })).toHaveAttribute('href', '/rounds/r-1');
      // 09:00 UTC is 04:00 in New York.
      expect(rounds).toHaveTextContent('Due by Thursday 4 March at 04:00 (your time).');
      const replies = screen.getByRole('region', { name: 'Replies to send' });
      expect(replies).toHaveTextContent('8 March 2027, 04:30 – 07:30 · Hard cases');
      const next = screen.getByRole('region', { name: 'Next meetings' });
      expect(next).toHaveTextContent('Room 4, Civic Centre');
      const headings = screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent);
      expect(headings.indexOf('My sets')).toBeGreaterThan(headings.indexOf('Next meetings'));
    });

    it('sends "I will attend" from the home page and asks for the agenda again', async () => {
      let replied = false;
      const api = mockApi({
        'GET /api/me/agenda': () => ({ status: 200, body: replied ? { ...agenda, repliesToSend: [] } : agenda }),
        'GET /api/sets': { status: 200, body: [set] },
        'GET /api/me/actions': { status: 200, body: [] },
        'PUT /api/meetings/m-1/attendance': () => {
          replied = true;
          return { status: 200, body: {} };
        },
      });
      const user = userEvent.setup();
      renderPage(<MySetsPage />);
      await user.click(await screen.findByRole('button', { name: /^I will attend/ }));
      await waitFor(() => expect(screen.queryByRole('region', { name: 'Replies to send' })).not.toBeInTheDocument());
      expect(api.callsTo('PUT', '/api/meetings/m-1/attendance')[0].body).toEqual({ status: 'attending' });
    });

    it('shows nothing of it when nothing is needed', async () => {
      mockApi({ 'GET /api/me/agenda': { status: 200, body: emptyAgenda }, 'GET /api/sets': { status: 200, body: [set] }, 'GET /api/me/actions': { status: 200, body: [] } });
      renderPage(<MySetsPage />);
      await screen.findByRole('heading', { level: 3, name: 'Hard cases' });
      expect(screen.queryByRole('region', { name: 'Starting now' })).not.toBeInTheDocument();
      expect(screen.queryByRole('region', { name: 'Next meetings' })).not.toBeInTheDocument();
    });
  });

  it("lists the person's sets and their open actions across them", async () => {
    mockApi({ 'GET /api/me/agenda': { status: 200, body: emptyAgenda }, 'GET /api/sets': { status: 200, body: [set] }, 'GET /api/me/actions': { status: 200, body: [action] } });
    renderPage(<MySetsPage />);
    expect(await screen.findByRole('heading', { level: 3, name: 'Hard cases' })).toBeInTheDocument();
    const item = (await screen.findByText('Meet the father')).closest('p')!;
    expect(item).toHaveTextContent('Meet the father — Hard cases, due 12 January 2027');
  });

  it('reports back on an action ahead of the meeting, and shows the answer it got', async () => {
    let reported = false;
    const api = mockApi({
      'GET /api/me/agenda': { status: 200, body: emptyAgenda },
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
      'GET /api/me/agenda': { status: 200, body: emptyAgenda },
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
    mockApi({ 'GET /api/me/agenda': { status: 200, body: emptyAgenda }, 'GET /api/sets': { status: 200, body: [set] }, 'GET /api/me/actions': { status: 200, body: [] } });
    renderPage(<MySetsPage />);
    await screen.findByText('Thinking together');
    expect(screen.queryByRole('heading', { name: 'Your actions to report back on' })).not.toBeInTheDocument();
  });
});
