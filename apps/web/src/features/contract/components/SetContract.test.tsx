import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { SetContractResponse, SetContractVersion } from '@als/shared';
import { mockApi, renderPage } from '@web/test/render';
import { SetContract } from './SetContract';

const v1: SetContractVersion = { version: 1, text: 'Confidential.', agreedAt: '2030-03-05T10:00:00.000Z', meetingId: 'm1', present: [{ userId: 'fran', displayName: 'Fran' }, { userId: 'pat', displayName: 'Pat' }], acceptedBy: [{ userId: 'kim', displayName: 'Kim' }] };
const v2: SetContractVersion = { version: 2, text: 'Confidential.\nStart on time.', agreedAt: '2030-04-02T10:00:00.000Z', meetingId: 'm2', present: [{ userId: 'fran', displayName: 'Fran' }, { userId: 'kim', displayName: 'Kim' }], acceptedBy: [] };
const contract = (mine: SetContractResponse['mine']): SetContractResponse => ({ setId: 's1', text: v2.text, current: v2, versions: [v2, v1], mine });

describe(SetContract.name, () => {
  it('shows the ground rules in force, when and by whom they were agreed, and the earlier versions', async () => {
    mockApi({ 'GET /api/sets/s1/contract': { status: 200, body: contract({ acceptedVersion: 2, needsAcceptance: false }) } });
    renderPage(<SetContract setId="s1" fallback="" />);
    expect(await screen.findByText('Version 2, agreed 02/04/2030 by Fran, Kim.')).toBeInTheDocument();
    expect(screen.getByText('Start on time.')).toBeInTheDocument();
    expect(screen.getByText('Earlier versions (1)')).toBeInTheDocument();
    expect(screen.getByText('Version 1, agreed 05/03/2030 by Fran, Pat; accepted later by Kim.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /I accept/ })).not.toBeInTheDocument();
  });

  it('asks someone who was not at the meeting to accept the current version, and sends that version', async () => {
    const api = mockApi({
      'GET /api/sets/s1/contract': { status: 200, body: contract({ acceptedVersion: 1, needsAcceptance: true }) },
      'POST /api/sets/s1/contract/accept': { status: 200, body: contract({ acceptedVersion: 2, needsAcceptance: false }) },
    });
    renderPage(<SetContract setId="s1" fallback="" />);
    await userEvent.setup().click(await screen.findByRole('button', { name: 'I accept version 2' }));
    expect(api.callsTo('POST', '/api/sets/s1/contract/accept')[0].body).toEqual({ version: 2 });
    await waitFor(() => expect(screen.queryByRole('button', { name: 'I accept version 2' })).not.toBeInTheDocument());
  });

  it('says the set has yet to agree them while no version exists', async () => {
    mockApi({ 'GET /api/sets/s1/contract': { status: 200, body: { setId: 's1', text: 'Draft rule', current: null, versions: [], mine: { acceptedVersion: null, needsAcceptance: false } } } });
    renderPage(<SetContract setId="s1" fallback="Draft rule" />);
    expect(await screen.findByText(/Not yet agreed in a meeting/)).toBeInTheDocument();
    expect(screen.getByText('Draft rule')).toBeInTheDocument();
  });
});
