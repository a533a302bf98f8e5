import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { MeetingResponse, MeResponse, SetDetailResponse } from '@als/shared';
import { mockApi, renderPage, validationError } from '@web/test/render';
import { MeetingsPanel } from './MeetingsPanel';

const me: MeResponse = { id: 'pat', email: 'pat@example.org', displayName: 'Pat', timeZone: 'America/New_York', calendarFeedUrl: 'http://app.test/api/calendar/secret.ics', meetingReminders: true, roundEmails: 'immediate' };
const set: SetDetailResponse = {
  id: 'set-1', name: 'Hard cases', purpose: '', mode: 'blended', timeZone: 'Europe/London', groundRules: '', apologyNoticeHours: 48, quorum: 3, role: 'member',
  status: 'active', closedAt: null, retentionDays: 90, roundPhaseDays: { clarifying: 2, answers: 2, questions: 3, reflection: 2, actions: 2 }, purgeAfter: null, purgedAt: null,
  createdAt: '2026-11-01T10:00:00.000Z', updatedAt: '2026-11-01T10:00:00.000Z', members: [], participantCount: 4, sizeNote: null,
};
const meeting: MeetingResponse = {
  id: 'm-1', setId: 'set-1', seriesId: null, startsAt: '2027-07-06T08:30:00.000Z', endsAt: '2027-07-06T12:00:00.000Z', timeZone: 'Europe/London',
  format: 'in-person', location: 'Room 4, Civic Centre', videoUrl: '', dialInNumbers: [], dialInPasscode: '', status: 'scheduled', sequence: 0, recurrence: null,
  overridden: false,
  attendance: { attending: 2, apologies: 1, lateApologies: 0, mine: null },
  quorum: { required: 3, expected: 3, met: true },
};
function mockWithList(list: MeetingResponse[], extra: Parameters<typeof mockApi>[0] = {}) {
  return mockApi({ 'GET /api/sets/set-1/meetings': { status: 200, body: list }, ...extra });
}

describe(MeetingsPanel.name, () => {
  it('shows a meeting in the member\'s own time, with the set\'s time beside it', async () => {
    mockWithList([meeting]);
    renderPage(<MeetingsPanel set={set} me={me} />);
    expect(await screen.findByRole('heading', { level: 3 })).toHaveTextContent(/Tuesday,? 6 July 2027, 04:30 – 08:00/);
    expect(screen.getByText(/Set's time: Tuesday,? 6 July 2027, 09:30 – 13:00 \(Europe\/London\)/)).toBeInTheDocument();
    expect(screen.getByText('Room 4, Civic Centre')).toBeInTheDocument();
    expect(screen.getByText(/2 attending · 1 apology\b/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Add to calendar' })).toHaveAttribute('href', '/api/meetings/m-1/ics');
    expect(screen.queryByRole('button', { name: 'Schedule a meeting' })).not.toBeInTheDocument();
  });

  it('sends an apology with its reason', async () => {
    const api = mockWithList([meeting], { 'PUT /api/meetings/m-1/attendance': { status: 200, body: { meetingId: 'm-1', userId: 'pat', status: 'apology', reason: 'Court', updatedAt: '' } } });
    renderPage(<MeetingsPanel set={set} me={me} />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Send an apology' }));
    await user.type(screen.getByLabelText(/Reason/), 'Court');
    await user.click(screen.getByRole('button', { name: 'Send apology' }));
    await waitFor(() => expect(api.callsTo('PUT', '/api/meetings/m-1/attendance')).toHaveLength(1));
    expect(api.callsTo('PUT', '/api/meetings/m-1/attendance')[0].body).toEqual({ status: 'apology', reason: 'Court' });
  });

  it('offers sponsors the schedule but no replies', async () => {
    mockWithList([meeting]);
    renderPage(<MeetingsPanel set={{ ...set, role: 'sponsor' }} me={me} />);
    await screen.findByText('Room 4, Civic Centre');
    expect(screen.queryByRole('button', { name: 'I will attend' })).not.toBeInTheDocument();
  });

  it('lets a facilitator schedule a series at wall time in the set\'s zone, and shows a date error beside the date', async () => {
    const api = mockWithList([], {
      'POST /api/sets/set-1/meetings': (call) =>
        (call.body as { startsAt: string }).startsAt ? { status: 201, body: meeting } : validationError([{ field: 'startsAt', message: 'startsAt must be an ISO 8601 date and time' }]),
    });
    renderPage(<MeetingsPanel set={{ ...set, role: 'facilitator' }} me={me} />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Schedule a meeting' }));
    const form = screen.getByRole('form', { name: 'Schedule a meeting' });
    await user.click(within(form).getByRole('button', { name: 'Schedule' }));
    await waitFor(() => expect(within(form).getByLabelText('Date')).toHaveAccessibleDescription(/startsAt must be an ISO 8601/));

    await user.type(within(form).getByLabelText('Date'), '2027-02-02');
    await user.type(within(form).getByLabelText('Venue and room'), 'Room 4');
    await user.selectOptions(within(form).getByLabelText('Repeat'), '5');
    await user.clear(within(form).getByLabelText('Number of meetings'));
    await user.type(within(form).getByLabelText('Number of meetings'), '6');
    await user.click(within(form).getByRole('button', { name: 'Schedule' }));
    await waitFor(() => expect(screen.queryByRole('form', { name: 'Schedule a meeting' })).not.toBeInTheDocument());
    expect(api.callsTo('POST', '/api/sets/set-1/meetings')[1].body).toEqual({
      startsAt: '2027-02-02T09:30', timeZone: 'Europe/London', durationMinutes: 210, format: 'in-person', location: 'Room 4', recurrence: 'FREQ=WEEKLY;INTERVAL=5;COUNT=6',
    });
  });

  it('schedules an online meeting with its video link and dial-in numbers and passcode, showing a number refused beside its field', async () => {
    const api = mockWithList([], {
      'POST /api/sets/set-1/meetings': (call) =>
        (call.body as { dialInNumbers: string[] }).dialInNumbers.includes('call me')
          ? validationError([{ field: 'dialInNumbers', message: 'dialInNumbers must be telephone numbers such as +44 20 3481 5237' }])
          : { status: 201, body: meeting },
    });
    renderPage(<MeetingsPanel set={{ ...set, role: 'facilitator' }} me={me} />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Schedule a meeting' }));
    const form = screen.getByRole('form', { name: 'Schedule a meeting' });
    await user.type(within(form).getByLabelText('Date'), '2027-02-02');
    await user.selectOptions(within(form).getByLabelText('Where'), 'online');
    await user.type(within(form).getByLabelText('Video link'), 'https://meet.example.org/set');
    await user.type(within(form).getByLabelText(/Dial-in numbers/), 'call me');
    await user.type(within(form).getByLabelText(/Dial-in passcode/), '482193#');
    await user.click(within(form).getByRole('button', { name: 'Schedule' }));
    await waitFor(() => expect(within(form).getByLabelText(/Dial-in numbers/)).toHaveAccessibleDescription(/telephone numbers such as/));
    await user.clear(within(form).getByLabelText(/Dial-in numbers/));
    await user.type(within(form).getByLabelText(/Dial-in numbers/), '+44 20 3481 5237, 0800 123 4567');
    await user.click(within(form).getByRole('button', { name: 'Schedule' }));
    await waitFor(() => expect(screen.queryByRole('form', { name: 'Schedule a meeting' })).not.toBeInTheDocument());
    expect(api.callsTo('POST', '/api/sets/set-1/meetings')[1].body).toMatchObject({
      format: 'online', videoUrl: 'https://meet.example.org/set', dialInNumbers: ['+44 20 3481 5237', '0800 123 4567'], dialInPasscode: '482193#',
    });
  });

  it('warns a facilitator of a meeting below quorum and links to postponing it', async () => {
    mockWithList([{ ...meeting, quorum: { required: 3, expected: 2, met: false } }]);
    renderPage(<MeetingsPanel set={{ ...set, role: 'facilitator' }} me={me} />);
    expect(await screen.findByText(/Quorum at risk: 2 of the 3 needed can come/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Postpone it' })).toHaveAttribute('href', '/meetings/m-1#move');
  });

  it('shows the meetings of a month on their days, in the viewer\'s zone, linking to each meeting', async () => {
    mockWithList([meeting, { ...meeting, id: 'm-2', startsAt: '2027-07-20T08:30:00.000Z', endsAt: '2027-07-20T12:00:00.000Z', status: 'cancelled' }]);
    renderPage(<MeetingsPanel set={set} me={me} />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Month' }));
    expect(screen.getByRole('heading', { name: 'July 2027' })).toBeInTheDocument();
    const grid = screen.getByRole('table', { name: /Meetings in July 2027/ });
    const cell = within(grid).getByRole('link', { name: '04:30 in person' }).closest('td')!;
    expect(within(cell).getByText('6')).toBeInTheDocument();
    expect(within(grid).getByRole('link', { name: '04:30 cancelled' })).toHaveAttribute('href', '/meetings/m-2');
    await user.click(screen.getByRole('button', { name: 'Next month' }));
    expect(screen.getByRole('heading', { name: 'August 2027' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /04:30/ })).not.toBeInTheDocument();
  });

  it("opens the set's attendance so far on demand, per person and per meeting", async () => {
    const api = mockWithList([], {
      'GET /api/sets/set-1/attendance': {
        status: 200,
        body: {
          meetings: [{ id: 'm-0', startsAt: '2026-10-06T08:30:00.000Z', endsAt: '2026-10-06T12:00:00.000Z', status: 'scheduled', attending: 3, apologies: 1, lateApologies: 1 }],
          people: [{ userId: 'pat', displayName: 'Pat', role: 'member', attending: 0, apologies: 1, lateApologies: 1, noReply: 0 }],
        },
      },
    });
    renderPage(<MeetingsPanel set={{ ...set, role: 'facilitator' }} me={me} />);
    await screen.findByText('No meetings are scheduled yet.');
    expect(api.callsTo('GET', '/api/sets/set-1/attendance')).toHaveLength(0);
    await userEvent.setup().click(screen.getByText('Attendance so far'));
    const row = await screen.findByRole('row', { name: /Pat/ });
    expect(row).toHaveTextContent('(1 late)');
    expect(screen.getByText(/3 attended, 1 apology \(1 late\)/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Tuesday 6 October 2026' })).toHaveAttribute('href', '/meetings/m-0');
  });
});
