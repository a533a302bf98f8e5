import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { MeetingResponse, SetDetailResponse } from '@als/shared';
import { mockApi, renderPage } from '@web/test/render';
import { FacilitationHistory } from './FacilitationHistory';

const set = { id: 'set-1', createdAt: '2026-01-01T10:00:00.000Z', closedAt: null } as SetDetailResponse;
const held = (id: string, startsAt: string, facilitatedBy: MeetingResponse['facilitatedBy']): MeetingResponse => ({
  id, setId: 'set-1', seriesId: null, startsAt, endsAt: startsAt, timeZone: 'Europe/London', format: 'online', location: '', videoUrl: '', dialInNumbers: [], dialInPasscode: '', status: 'scheduled', sequence: 0, recurrence: null, overridden: false, facilitatorId: null, coFacilitatorId: null, facilitatedBy,
});

describe(FacilitationHistory.name, () => {
  it('lists, when opened, who facilitated each meeting held, newest first', async () => {
    const api = mockApi({
      'GET /api/sets/set-1/meetings': {
        status: 200,
        body: [
          held('m-1', '2026-02-03T09:30:00.000Z', [{ userId: 'fran', displayName: 'Fran', as: 'facilitator' }]),
          held('m-2', '2026-03-03T09:30:00.000Z', [{ userId: 'pat', displayName: 'Pat', as: 'facilitator' }, { userId: 'sam', displayName: 'Sam', as: 'co-facilitator' }]),
          held('m-3', '2026-04-03T09:30:00.000Z', undefined),
        ],
      },
    });
    renderPage(<FacilitationHistory set={set} zone="Europe/London" />);
    expect(api.calls).toHaveLength(0);
    await userEvent.setup().click(screen.getByText('Who facilitated'));
    const items = await screen.findAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual([expect.stringContaining('Facilitated by Pat, with Sam co-facilitating'), expect.stringContaining('Facilitated by Fran')]);
  });
});
