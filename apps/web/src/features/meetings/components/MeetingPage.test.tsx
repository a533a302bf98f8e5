import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { DEFAULT_AGENDA, type MeetingDetailResponse, type MeResponse } from '@als/shared';
import { mockApi, renderPage } from '@web/test/render';
import { MeetingPage } from './MeetingPage';

const me: MeResponse = { id: 'fran', email: 'fran@example.org', displayName: 'Fran', timeZone: 'Europe/London', calendarFeedUrl: '', meetingReminders: true, roundEmails: 'immediate' };
const meeting: MeetingDetailResponse = {
  id: 'm-1', setId: 'set-1', seriesId: 's-1', startsAt: '2030-03-05T09:30:00.000Z', endsAt: '2030-03-05T13:00:00.000Z', timeZone: 'Europe/London',
  format: 'in-person', location: 'Room 4, Civic Centre', videoUrl: '', dialInNumbers: [], dialInPasscode: '', status: 'scheduled', sequence: 0, recurrence: 'FREQ=WEEKLY;INTERVAL=5;COUNT=6', overridden: false,
  attendance: { attending: 1, apologies: 2, lateApologies: 1, mine: 'attending' },
  quorum: { required: 3, expected: 2, met: false },
  setName: 'Hard cases', setTimeZone: 'Europe/London', agenda: DEFAULT_AGENDA, apologyNoticeHours: 48, role: 'facilitator',
  replies: [
    { userId: 'fran', displayName: 'Fran', role: 'facilitator', status: 'attending', late: false, recordedBy: null, updatedAt: '2030-03-01T10:00:00.000Z' },
    { userId: 'pat', displayName: 'Pat', role: 'member', status: 'apology', reason: 'Court hearing', late: true, recordedBy: null, updatedAt: '2030-03-04T10:00:00.000Z' },
    { userId: 'sam', displayName: 'Sam', role: 'member', status: 'apology', reason: 'Phoned in', late: false, recordedBy: 'Fran', updatedAt: '2030-03-01T10:00:00.000Z' },
    { userId: 'kim', displayName: 'Kim', role: 'member', status: null, late: false, recordedBy: null, updatedAt: null },
  ],
};
const at = { path: '/meetings/:meetingId', url: '/meetings/m-1' };
const mock = (m: MeetingDetailResponse = meeting, extra: Parameters<typeof mockApi>[0] = {}) => mockApi({ 'GET /api/meetings/m-1': { status: 200, body: m }, ...extra });

describe(MeetingPage.name, () => {
  it('shows a facilitator when and where, who is coming with reasons and late apologies, and whether the agenda fits', async () => {
    mock();
    renderPage(<MeetingPage me={me} />, at);
    expect(await screen.findByRole('heading', { level: 1 })).toHaveTextContent('Hard cases: Tuesday');
    expect(screen.getByText('Room 4, Civic Centre', { exact: false })).toBeInTheDocument();
    const table = screen.getByRole('table', { name: 'Replies' });
    const pat = within(table).getByRole('row', { name: /Pat/ });
    expect(pat).toHaveTextContent('Apology (late)');
    expect(pat).toHaveTextContent('Court hearing');
    expect(within(table).getByRole('row', { name: /Sam/ })).toHaveTextContent('Recorded by Fran.');
    expect(within(table).getByRole('row', { name: /Kim/ })).toHaveTextContent('No reply yet');
    expect(screen.getByText(/Quorum at risk: 2 of the 3 people/)).toBeInTheDocument();
    // 4 people × 5 + 10 + 15 + 10 = 55 fixed; rounds of 40; 210 minutes: 3 presenters, 35 spare.
    expect(screen.getByText(/time for/)).toHaveTextContent('In 210 minutes there is time for 3 presenters, with 35 minutes to spare.');
  });

  it('shows the dial-in numbers as telephone links, with the passcode', async () => {
    mock({ ...meeting, format: 'online', videoUrl: 'https://meet.example.org/set', dialInNumbers: ['+44 20 3481 5237'], dialInPasscode: '482193#' });
    renderPage(<MeetingPage me={me} />, at);
    expect(await screen.findByRole('link', { name: 'Join the video call' })).toHaveAttribute('href', 'https://meet.example.org/set');
    expect(screen.getByRole('link', { name: '+44 20 3481 5237' })).toHaveAttribute('href', 'tel:+442034815237');
    expect(screen.getByText(/Dial in:/).closest('.dial-in')).toHaveTextContent('Dial in: +44 20 3481 5237, passcode 482193#');
  });

  it('records a reply for someone in the room', async () => {
    const api = mock(meeting, { 'PUT /api/meetings/m-1/attendance/kim': { status: 200, body: {} } });
    renderPage(<MeetingPage me={me} />, at);
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Record Kim as attending' }));
    await waitFor(() => expect(api.callsTo('PUT', '/api/meetings/m-1/attendance/kim')[0]?.body).toEqual({ status: 'attending' }));
  });

  it('postpones a meeting below quorum to a new date in the meeting\'s zone', async () => {
    const api = mock(meeting, { 'PATCH /api/meetings/m-1': { status: 200, body: meeting } });
    renderPage(<MeetingPage me={me} />, at);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Postpone' }));
    const form = screen.getByRole('form', { name: 'Move or change this meeting' });
    const date = within(form).getByLabelText('Date');
    expect(date).toHaveValue('2030-03-05');
    expect(within(form).getByLabelText('Start time')).toHaveValue('09:30');
    await user.clear(date);
    await user.type(date, '2030-03-19');
    await user.click(within(form).getByRole('button', { name: 'Save and tell everyone' }));
    await waitFor(() =>
      expect(api.callsTo('PATCH', '/api/meetings/m-1')[0]?.body).toEqual({ startsAt: '2030-03-19T09:30', timeZone: 'Europe/London', durationMinutes: 210, format: 'in-person', location: 'Room 4, Civic Centre' }),
    );
  });

  it('changes agenda timings for the whole series', async () => {
    const api = mock(meeting, { 'PATCH /api/meeting-series/s-1': { status: 200, body: [] } });
    renderPage(<MeetingPage me={me} />, at);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Edit timings' }));
    const questions = screen.getByLabelText('Open questions');
    await user.clear(questions);
    await user.type(questions, '20');
    await user.click(screen.getByLabelText(/every meeting to come in this series/));
    await user.click(screen.getByRole('button', { name: 'Save timings' }));
    await waitFor(() => expect(api.callsTo('PATCH', '/api/meeting-series/s-1')[0]?.body).toEqual({ agenda: { ...DEFAULT_AGENDA, questions: 20 } }));
  });

  it('cancels the meeting only after confirming', async () => {
    const api = mock(meeting, { 'DELETE /api/meetings/m-1': { status: 204 } });
    renderPage(<MeetingPage me={me} />, at);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Cancel this meeting' }));
    expect(api.callsTo('DELETE', '/api/meetings/m-1')).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: 'Yes, cancel it and tell everyone' }));
    await waitFor(() => expect(api.callsTo('DELETE', '/api/meetings/m-1')).toHaveLength(1));
  });

  it('shows a sponsor the figures only: no names, no replies, no agenda, no controls', async () => {
    const { replies: _omitted, ...figures } = meeting;
    mock({ ...figures, role: 'sponsor' });
    renderPage(<MeetingPage me={me} />, at);
    expect(await screen.findByText(/1 attending · 2 apologies/)).toBeInTheDocument();
    expect(screen.queryByText('Pat')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'I will attend' })).not.toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Agenda' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Cancel this meeting/ })).not.toBeInTheDocument();
  });

  it('warns a member that an apology now will be marked late', async () => {
    const soon = new Date(Date.now() + 3_600_000).toISOString();
    mock({ ...meeting, role: 'member', startsAt: soon, endsAt: new Date(Date.now() + 7_200_000).toISOString(), attendance: { ...meeting.attendance!, mine: null } });
    renderPage(<MeetingPage me={me} />, at);
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Send an apology' }));
    expect(screen.getByText(/48 hours' notice of an apology: this one will be marked late/)).toBeInTheDocument();
  });
});
