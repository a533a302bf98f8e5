import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { DEFAULT_AGENDA, type FacilitatorNote, type MeetingDetailResponse, type MeResponse } from '@als/shared';
import { MeetingPage } from '@web/features/meetings/components/MeetingPage';
import { mockApi, renderPage } from '@web/test/render';

const person = (id: string): MeResponse => ({ id, email: `${id}@example.org`, displayName: id, timeZone: 'Europe/London', calendarFeedUrl: '', meetingReminders: true, roundEmails: 'immediate' });
const meeting: MeetingDetailResponse = {
  id: 'm-1', setId: 'set-1', seriesId: null, startsAt: '2031-03-05T09:30:00.000Z', endsAt: '2031-03-05T13:00:00.000Z', timeZone: 'Europe/London',
  format: 'online', location: '', videoUrl: '', dialInNumbers: [], dialInPasscode: '', status: 'scheduled', sequence: 0, recurrence: null, overridden: false, facilitatorId: 'pat', coFacilitatorId: null,
  attendance: { attending: 0, apologies: 0, lateApologies: 0, mine: null }, quorum: { required: 3, expected: 3, met: true },
  setName: 'Hard cases', setTimeZone: 'Europe/London', agenda: DEFAULT_AGENDA, apologyNoticeHours: 48, role: 'member',
  replies: ['fran', 'pat', 'sam'].map((userId) => ({ userId, displayName: userId.toUpperCase(), role: userId === 'fran' ? 'facilitator' : 'member', status: null, late: false, recordedBy: null, updatedAt: null })),
};
const note: FacilitatorNote = { meetingId: 'm-1', setId: 'set-1', body: 'My own prep', wentWell: '', doDifferently: '', forSupervision: '', updatedAt: '2031-03-01T10:00:00.000Z' };
const at = { path: '/meetings/:meetingId', url: '/meetings/m-1' };

describe('MeetingPage: who facilitates, and the facilitator’s notes', () => {
  it('shows the named member who facilitates, and their own notes panel; no choice of who facilitates', async () => {
    mockApi({ 'GET /api/meetings/m-1': { status: 200, body: meeting }, 'GET /api/meetings/m-1/facilitator-notes': { status: 200, body: note } });
    renderPage(<MeetingPage me={person('pat')} />, at);
    expect(await screen.findByText('Facilitates: PAT')).toBeInTheDocument();
    expect(await screen.findByLabelText('Your notes')).toHaveValue('My own prep');
    expect(screen.getByLabelText('What do I take to supervision?')).toBeInTheDocument();
    expect(screen.queryByLabelText('Who facilitates')).not.toBeInTheDocument();
  });

  it('shows another member neither the notes nor the choice', async () => {
    const api = mockApi({ 'GET /api/meetings/m-1': { status: 200, body: meeting } });
    renderPage(<MeetingPage me={person('sam')} />, at);
    expect(await screen.findByText('Facilitates: PAT')).toBeInTheDocument();
    expect(screen.queryByText('Your facilitator’s notes')).not.toBeInTheDocument();
    expect(api.callsTo('GET', '/api/meetings/m-1/facilitator-notes')).toHaveLength(0);
  });

  it('lets a facilitator of the set choose who facilitates from the set’s participants', async () => {
    const api = mockApi({
      'GET /api/meetings/m-1': { status: 200, body: { ...meeting, role: 'facilitator' } },
      'GET /api/meetings/m-1/facilitator-notes': { status: 200, body: { ...note, body: '' } },
      'PUT /api/meetings/m-1/facilitator': { status: 200, body: { ...meeting, facilitatorId: 'sam' } },
    });
    renderPage(<MeetingPage me={person('fran')} />, at);
    await userEvent.setup().selectOptions(await screen.findByLabelText('Who facilitates'), 'SAM');
    await waitFor(() => expect(api.callsTo('PUT', '/api/meetings/m-1/facilitator')[0]?.body).toEqual({ userId: 'sam' }));
  });
});
