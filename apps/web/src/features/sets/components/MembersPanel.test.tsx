import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { SetDetailResponse, SetMemberResponse } from '@als/shared';
import { mockApi, renderPage } from '@web/test/render';
import { MembersPanel } from './MembersPanel';

const person = (userId: string, displayName: string, role: SetMemberResponse['role']): SetMemberResponse => ({ userId, displayName, role, joinedAt: '2026-11-01T10:00:00.000Z', email: `${userId}@example.org` });

function aSet(overrides: Partial<SetDetailResponse> = {}): SetDetailResponse {
  return {
    id: 'set-1',
    name: 'Hard cases',
    purpose: '',
    mode: 'blended',
    timeZone: 'Europe/London',
    groundRules: 'Be kind',
    apologyNoticeHours: 48,
    quorum: 3,
    status: 'active',
    closedAt: null,
    retentionDays: 90,
    roundPhaseDays: { clarifying: 2, answers: 2, questions: 3, reflection: 2, actions: 2 },
    purgeAfter: null,
    purgedAt: null,
    role: 'facilitator',
    createdAt: '2026-11-01T10:00:00.000Z',
    updatedAt: '2026-11-01T10:00:00.000Z',
    members: [person('fran', 'Fran', 'facilitator'), person('pat', 'Pat', 'member')],
    participantCount: 2,
    sizeNote: null,
    ...overrides,
  };
}

describe(MembersPanel.name, () => {
  it('tells the only facilitator how to leave instead of offering a leave button', () => {
    mockApi({});
    renderPage(<MembersPanel set={aSet()} myId="fran" />);
    expect(screen.getByText(/You are the only facilitator/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Leave this set' })).not.toBeInTheDocument();
  });

  it('removes a member only after the facilitator confirms', async () => {
    const api = mockApi({ 'DELETE /api/sets/set-1/members/pat': { status: 204 } });
    renderPage(<MembersPanel set={aSet()} myId="fran" />);
    const user = userEvent.setup();
    const row = screen.getByRole('rowheader', { name: 'Pat' }).closest('tr')!;
    await user.click(within(row).getByRole('button', { name: 'Remove' }));
    await user.click(within(row).getByRole('button', { name: 'Cancel' }));
    expect(api.calls).toHaveLength(0);
    await user.click(within(row).getByRole('button', { name: 'Remove' }));
    await user.click(within(row).getByRole('button', { name: 'Yes, remove Pat' }));
    await waitFor(() => expect(api.callsTo('DELETE', '/api/sets/set-1/members/pat')).toHaveLength(1));
  });

  it('changes a role and shows the API\'s refusal', async () => {
    const api = mockApi({ 'PATCH /api/sets/set-1/members/pat': { status: 409, body: { statusCode: 409, error: 'Conflict', message: 'Something the API refused.' } } });
    renderPage(<MembersPanel set={aSet()} myId="fran" />);
    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText('Role of Pat'), 'sponsor');
    await user.click(screen.getByRole('button', { name: 'Change role' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Something the API refused.');
    expect(api.callsTo('PATCH', '/api/sets/set-1/members/pat')[0].body).toEqual({ role: 'sponsor' });
  });

  it('lets a member leave and shows them no management controls or e-mail addresses', async () => {
    const api = mockApi({ 'DELETE /api/sets/set-1/members/pat': { status: 204 } });
    const members = [
      { ...person('fran', 'Fran', 'facilitator'), email: undefined },
      { ...person('pat', 'Pat', 'member'), email: undefined },
    ];
    renderPage(<MembersPanel set={aSet({ role: 'member', members })} myId="pat" />, { path: '/sets/:setId', url: '/sets/set-1' });
    expect(screen.queryByRole('button', { name: 'Remove' })).not.toBeInTheDocument();
    expect(screen.queryByRole('columnheader', { name: 'E-mail' })).not.toBeInTheDocument();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Leave this set' }));
    await user.click(screen.getByRole('button', { name: 'Yes, leave the set' }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(/^\/$/));
    expect(api.callsTo('DELETE', '/api/sets/set-1/members/pat')).toHaveLength(1);
  });
});
