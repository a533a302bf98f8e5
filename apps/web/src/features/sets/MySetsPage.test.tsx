import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { MyActionResponse, SetSummaryResponse } from '@als/shared';
import { mockApi, renderPage } from '@web/test/render';
import { MySetsPage } from './MySetsPage';

const set: SetSummaryResponse = {
  id: 'set-1', name: 'Hard cases', purpose: 'Thinking together', mode: 'blended', timeZone: 'Europe/London', groundRules: '', apologyNoticeHours: 48, quorum: 3,
  role: 'member', createdAt: '2026-11-01T10:00:00.000Z', updatedAt: '2026-11-01T10:00:00.000Z', memberCount: 5,
};
const action: MyActionResponse = {
  id: 'a-1', setId: 'set-1', setName: 'Hard cases', ownerId: 'pat', ownerName: 'Pat', text: 'Meet the father', dueAt: '2027-01-12T09:30:00.000Z', status: 'open',
  meetingId: 'm-1', reportNote: '', reportedAt: null, createdAt: '2026-11-24T10:00:00.000Z',
};

describe(MySetsPage.name, () => {
  it("lists the person's sets and their open actions across them", async () => {
    mockApi({ 'GET /api/sets': { status: 200, body: [set] }, 'GET /api/me/actions': { status: 200, body: [action] } });
    renderPage(<MySetsPage />);
    expect(await screen.findByRole('heading', { level: 2, name: 'Hard cases' })).toBeInTheDocument();
    const item = (await screen.findByText(/Meet the father/)).closest('li')!;
    expect(item).toHaveTextContent('Meet the father — Hard cases, due 12 January 2027');
  });

  it('shows no actions panel when there are none', async () => {
    mockApi({ 'GET /api/sets': { status: 200, body: [set] }, 'GET /api/me/actions': { status: 200, body: [] } });
    renderPage(<MySetsPage />);
    await screen.findByText('Thinking together');
    expect(screen.queryByRole('heading', { name: 'Your open actions' })).not.toBeInTheDocument();
  });
});
