import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ENDING_PROMPTS, type EndingResponse, type SetDetailResponse } from '@als/shared';
import { mockApi, renderPage } from '@web/test/render';
import { CloseSetPanel } from '@web/features/sets/components/CloseSetPanel';
import { EndingPanel } from './EndingPanel';

const set = (role: SetDetailResponse['role'], overrides: Partial<SetDetailResponse> = {}): SetDetailResponse => ({
  id: 'set-1', name: 'Hard cases', purpose: '', mode: 'blended', timeZone: 'Europe/London', groundRules: '', apologyNoticeHours: 48, quorum: 3,
  status: 'active', closedAt: null, retentionDays: 90, roundPhaseDays: { clarifying: 2, answers: 2, questions: 3, reflection: 2, actions: 2 }, purgeAfter: null, purgedAt: null, role,
  createdAt: '2026-06-01T10:00:00.000Z', updatedAt: '2026-06-01T10:00:00.000Z', members: [], participantCount: 4, sizeNote: null, ...overrides,
});

const ending = (overrides: Partial<EndingResponse> = {}): EndingResponse => ({
  openedAt: '2026-11-20T10:00:00.000Z', open: true, prompts: ENDING_PROMPTS.map((p) => ({ ...p })), mine: null, shared: [], submitted: 1, participants: 4, ...overrides,
});

describe(EndingPanel.name, () => {
  it('lets a facilitator open the ending review', async () => {
    const api = mockApi({
      'GET /api/sets/set-1/ending': { status: 200, body: ending({ openedAt: null, open: false, submitted: 0 }) },
      'POST /api/sets/set-1/ending/open': { status: 200, body: ending({ submitted: 0 }) },
    });
    renderPage(<EndingPanel set={set('facilitator')} />);
    await userEvent.click(await screen.findByRole('button', { name: 'Open the ending review' }));
    expect(api.callsTo('POST', '/api/sets/set-1/ending/open')).toHaveLength(1);
    expect(await screen.findByText(/The ending review was opened on 20 November 2026\. 0 of 4 participants have written one/)).toBeInTheDocument();
  });

  it('tells a member it is not open yet, with no form', async () => {
    mockApi({ 'GET /api/sets/set-1/ending': { status: 200, body: ending({ openedAt: null, open: false }) } });
    renderPage(<EndingPanel set={set('member')} />);
    expect(await screen.findByText(/the facilitator opens a final learning review/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Open the ending review/ })).not.toBeInTheDocument();
    expect(screen.queryByLabelText('What I came with')).not.toBeInTheDocument();
  });

  it('lets a member write their review against the three prompts and choose to share it', async () => {
    const api = mockApi({
      'GET /api/sets/set-1/ending': { status: 200, body: ending() },
      'PUT /api/sets/set-1/ending/review': (call) => ({ status: 200, body: { ...(call.body as object), updatedAt: '2026-11-21T10:00:00.000Z' } }),
    });
    renderPage(<EndingPanel set={set('member')} />);
    const save = await screen.findByRole('button', { name: 'Save my review' });
    expect(save).toBeDisabled();
    const user = userEvent.setup();
    for (const [label, text] of [[/What I came with/, 'Fixing'], [/What changed in my practice/, 'I ask'], [/What I take forward/, 'Waiting']] as const) {
      await user.click(screen.getByLabelText(label));
      await user.paste(text);
    }
    await userEvent.click(screen.getByRole('checkbox', { name: /Share my review with the set/ }));
    await userEvent.click(save);
    await waitFor(() => expect(api.callsTo('PUT', '/api/sets/set-1/ending/review')).toHaveLength(1));
    expect(api.callsTo('PUT', '/api/sets/set-1/ending/review')[0].body).toEqual({ cameWith: 'Fixing', changed: 'I ask', takeForward: 'Waiting', shared: true });
    expect(await screen.findByText(/Saved and shared with the set\. It is in your CPD export/)).toHaveAttribute('role', 'status');
  });

  it('shows the reviews shared with the set, and shows the API’s refusal', async () => {
    mockApi({
      'GET /api/sets/set-1/ending': { status: 200, body: ending({ shared: [{ displayName: 'Ann', cameWith: '', changed: 'I listen longer', takeForward: 'Supervision', updatedAt: '2026-11-21T10:00:00.000Z' }] }) },
      'PUT /api/sets/set-1/ending/review': { status: 409, body: { statusCode: 409, error: 'Conflict', code: 'set.closed', message: 'The set is closed: its ending review can no longer be written.' } },
    });
    renderPage(<EndingPanel set={set('member')} />);
    const review = await screen.findByRole('article', { name: 'Ann’s review' });
    expect(within(review).getByText('I listen longer')).toBeInTheDocument();
    expect(within(review).queryByText('What I came with')).not.toBeInTheDocument();
    await userEvent.type(screen.getByLabelText(/What changed in my practice/), 'x');
    await userEvent.click(screen.getByRole('button', { name: 'Save my review' }));
    expect(await screen.findByText('The set is closed: its ending review can no longer be written.')).toBeInTheDocument();
  });

  it('is not shown to sponsors, who never read content', () => {
    const api = mockApi({});
    renderPage(<EndingPanel set={set('sponsor')} />);
    expect(screen.queryByRole('heading', { name: 'The set’s ending' })).not.toBeInTheDocument();
    expect(api.calls).toHaveLength(0);
  });
});

describe('closing offers the ending review', () => {
  it('offers to open the ending review before closing', async () => {
    const api = mockApi({
      'GET /api/sets/set-1/ending': { status: 200, body: ending({ openedAt: null, open: false, submitted: 0 }) },
      'POST /api/sets/set-1/ending/open': { status: 200, body: ending({ submitted: 0 }) },
    });
    renderPage(<CloseSetPanel set={set('facilitator')} />);
    await userEvent.click(await screen.findByRole('button', { name: 'Open the ending review first' }));
    expect(api.callsTo('POST', '/api/sets/set-1/ending/open')).toHaveLength(1);
    expect(await screen.findByText(/4 of 4 participants have not written an ending review yet/)).toBeInTheDocument();
  });
});
