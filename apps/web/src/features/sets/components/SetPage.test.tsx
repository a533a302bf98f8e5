import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { MeResponse, SetDetailResponse, SetMemberResponse } from '@als/shared';
import { mockApi, renderPage } from '@web/test/render';
import { SetPage } from './SetPage';

const person = (userId: string, displayName: string, role: SetMemberResponse['role']): SetMemberResponse => ({ userId, displayName, role, joinedAt: '2026-11-01T10:00:00.000Z', email: `${userId}@example.org` });
const SIZE_NOTE = 'This set has 2 participants. Action learning sets usually have 4 to 8: invite more people so there are enough questioners for each presenter.';

function aSet(overrides: Partial<SetDetailResponse> = {}): SetDetailResponse {
  return {
    id: 'set-1', name: 'Hard cases', purpose: 'Thinking together', mode: 'blended', timeZone: 'Europe/London', groundRules: 'Be kind', apologyNoticeHours: 48, quorum: 3,
    status: 'active', closedAt: null, retentionDays: 90, roundPhaseDays: { clarifying: 2, answers: 2, questions: 3, reflection: 2, actions: 2 }, purgeAfter: null, purgedAt: null,
    role: 'facilitator', createdAt: '2026-11-01T10:00:00.000Z', updatedAt: '2026-11-01T10:00:00.000Z',
    members: [person('fran', 'Fran', 'facilitator'), person('pat', 'Pat', 'member'), person('sue', 'Sue', 'sponsor')], participantCount: 2, sizeNote: SIZE_NOTE,
    ...overrides,
  };
}

const me = { id: 'fran', email: 'fran@example.org', displayName: 'Fran', timeZone: 'Europe/London' } as MeResponse;

function open(url: string, set: SetDetailResponse) {
  mockApi({
    'GET /api/sets/set-1': { status: 200, body: set },
    'GET /api/sets/set-1/meetings': { status: 200, body: [] },
    'GET /api/sets/set-1/rounds': { status: 200, body: [] },
    'GET /api/sets/set-1/actions': { status: 200, body: [] },
    'GET /api/sets/set-1/invitations': { status: 200, body: [] },
  });
  renderPage(<SetPage me={me} />, { path: url.split('/').length > 3 ? '/sets/:setId/:section' : '/sets/:setId', url });
}

const sectionNames = () => within(screen.getByRole('navigation', { name: 'Sections of the set' })).getAllByRole('link').map((l) => l.textContent);

describe(SetPage.name, () => {
  it('shows a facilitator six sections, the overview first, with the size note and a way to invite', async () => {
    open('/sets/set-1', aSet());
    await screen.findByRole('heading', { level: 1, name: 'Hard cases' });
    expect(sectionNames()).toEqual(['Overview', 'Meetings', 'Rounds', 'Actions', 'People', 'Evaluation']);
    expect(screen.getByRole('link', { name: 'Overview' })).toHaveAttribute('aria-current', 'page');
    expect(screen.getByRole('note')).toHaveTextContent('invite more people');
    expect(screen.getByRole('link', { name: 'Invite people' })).toHaveAttribute('href', '/sets/set-1/people');
    // One section at a time: no meetings or members on the overview.
    expect(screen.queryByRole('heading', { name: 'Members' })).not.toBeInTheDocument();
  });

  it('shows the next meeting on the overview, with the call and the dial-in, and the member’s reply', async () => {
    const meeting = {
      id: 'm-1', setId: 'set-1', seriesId: null, startsAt: '2099-02-02T09:30:00.000Z', endsAt: '2099-02-02T12:30:00.000Z', timeZone: 'Europe/London', format: 'online', location: '',
      videoUrl: 'https://meet.example.org/set', dialInNumbers: ['+44 20 3481 5237'], dialInPasscode: '4821', status: 'scheduled', sequence: 0, recurrence: null, overridden: false,
      attendance: { attending: 2, apologies: 1, lateApologies: 0, mine: null },
    };
    mockApi({ 'GET /api/sets/set-1': { status: 200, body: aSet({ role: 'member' }) }, 'GET /api/sets/set-1/meetings': { status: 200, body: [meeting] } });
    renderPage(<SetPage me={me} />, { path: '/sets/:setId', url: '/sets/set-1' });
    const panel = await screen.findByRole('region', { name: 'Next meeting' });
    expect(within(panel).getByRole('link', { name: /2 February 2099/ })).toHaveAttribute('href', '/meetings/m-1');
    expect(within(panel).getByRole('link', { name: /Video call link/ })).toHaveAttribute('href', 'https://meet.example.org/set');
    expect(panel).toHaveTextContent('Dial in: +44 20 3481 5237, passcode 4821');
    expect(panel).toHaveTextContent('2 attending, 1 apology · your reply: not sent yet');
  });

  it('never tells a member to invite people', async () => {
    open('/sets/set-1', aSet({ role: 'member' }));
    await screen.findByRole('heading', { level: 1, name: 'Hard cases' });
    expect(screen.queryByText(/invite/i)).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Edit set' })).not.toBeInTheDocument();
  });

  it('gives a sponsor no rounds or actions section, and nothing about inviting', async () => {
    open('/sets/set-1', aSet({ role: 'sponsor' }));
    await screen.findByRole('heading', { level: 1, name: 'Hard cases' });
    expect(sectionNames()).toEqual(['Overview', 'Meetings', 'People', 'Evaluation']);
    expect(screen.queryByText(/invite/i)).not.toBeInTheDocument();
  });

  it('refuses a section the role cannot use', async () => {
    open('/sets/set-1/rounds', aSet({ role: 'sponsor' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeInTheDocument();
  });

  it('shows the people section with the invitation form to a facilitator only', async () => {
    open('/sets/set-1/people', aSet());
    expect(await screen.findByRole('link', { name: 'People' })).toHaveAttribute('aria-current', 'page');
    expect(await screen.findByRole('button', { name: 'Send invitation' })).toBeInTheDocument();
  });

  it('shows the people section to a member without the invitation form', async () => {
    open('/sets/set-1/people', aSet({ role: 'member' }));
    await screen.findByRole('link', { name: 'People' });
    expect(await screen.findByRole('rowheader', { name: /Pat/ })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Send invitation' })).not.toBeInTheDocument();
  });
});
