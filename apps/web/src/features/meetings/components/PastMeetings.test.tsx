import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ActionResponse, MeetingResponse, MeResponse, SetDetailResponse } from '@als/shared';
import { mockApi, renderPage } from '@web/test/render';
import { ActionsPanel } from '@web/features/actions/components/ActionsPanel';
import { MeetingsPanel } from './MeetingsPanel';

const me: MeResponse = { id: 'fran', email: 'fran@example.org', displayName: 'Fran', timeZone: 'Europe/London', calendarFeedUrl: 'http://app.test/api/calendar/secret.ics', meetingReminders: true, roundEmails: 'immediate' };
const set = (overrides: Partial<SetDetailResponse> = {}): SetDetailResponse => ({
  id: 'set-1', name: 'Hard cases', purpose: '', mode: 'blended', timeZone: 'Europe/London', groundRules: '', apologyNoticeHours: 48, quorum: 3, role: 'facilitator',
  status: 'closed', closedAt: '2027-03-01T10:00:00.000Z', retentionDays: 90, roundPhaseDays: { clarifying: 2, answers: 2, questions: 3, reflection: 2, actions: 2 }, purgeAfter: '2027-05-30T10:00:00.000Z', purgedAt: null,
  createdAt: '2026-09-01T10:00:00.000Z', updatedAt: '2027-03-01T10:00:00.000Z', members: [], participantCount: 4, sizeNote: null, ...overrides,
});
const meeting = (id: string, startsAt: string, status: MeetingResponse['status'] = 'scheduled'): MeetingResponse => ({
  id, setId: 'set-1', seriesId: null, startsAt, endsAt: startsAt.replace('T08:30', 'T12:00'), timeZone: 'Europe/London',
  format: 'in-person', location: 'Room 4', videoUrl: '', dialInNumbers: [], dialInPasscode: '', status, sequence: 0, recurrence: null, overridden: false,
  attendance: { attending: 3, apologies: 1, lateApologies: 0, mine: null },
  quorum: { required: 3, expected: 3, met: true },
});
const action = (id: string, status: ActionResponse['status']): ActionResponse => ({
  id, ownerId: 'pat', ownerName: 'Pat', text: `Action ${id}`, dueAt: '2027-03-10', status, meetingId: 'm-1', reportNote: '', reportedAt: null, reportedVia: null, reportedInMeetingId: null, createdAt: '2026-10-06T11:00:00.000Z',
});

describe('a closed set', () => {
  it('offers no "Schedule a meeting" and lists the meetings it held, newest first, without the cancelled ones', async () => {
    const api = mockApi({
      'GET /api/sets/set-1/meetings': (call) =>
        call.path.includes('from=2025-08-31')
          ? { status: 200, body: [meeting('m-1', '2026-10-06T08:30:00.000Z'), meeting('m-x', '2026-11-03T08:30:00.000Z', 'cancelled'), meeting('m-2', '2026-12-01T08:30:00.000Z')] }
          : { status: 200, body: [] },
    });
    renderPage(<MeetingsPanel set={set()} me={me} />);
    const held = await screen.findByRole('region', { name: 'Meetings held' });
    const links = await within(held).findAllByRole('link');
    expect(links.map((l) => l.getAttribute('href'))).toEqual(['/meetings/m-2', '/meetings/m-1']);
    expect(screen.queryByRole('button', { name: 'Schedule a meeting' })).not.toBeInTheDocument();
    expect(screen.getByText('The set is closed: no meetings are to come.')).toBeInTheDocument();
    // The range runs from a year before the set was made until it closed.
    expect(api.calls.some((c) => c.path.includes(`to=${encodeURIComponent('2027-03-01T10:00:00.000Z')}`))).toBe(true);
  });

  it('still offers "Schedule a meeting" and no past list while the set is open', async () => {
    mockApi({ 'GET /api/sets/set-1/meetings': { status: 200, body: [] } });
    renderPage(<MeetingsPanel set={set({ status: 'active', closedAt: null, purgeAfter: null })} me={me} />);
    expect(await screen.findByRole('button', { name: 'Schedule a meeting' })).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Meetings held' })).not.toBeInTheDocument();
  });

  it('no longer tells its open actions to report back at the next check-in', async () => {
    mockApi({ 'GET /api/sets/set-1/actions': { status: 200, body: [action('a1', 'open'), action('a2', 'done')] } });
    renderPage(<ActionsPanel set={set()} myId="fran" />);
    expect(await screen.findByRole('heading', { name: 'Still open when the set closed' })).toBeInTheDocument();
    expect(screen.queryByText(/next check-in/)).not.toBeInTheDocument();
  });
});
