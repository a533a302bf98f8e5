import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { AuditEntryResponse, EvaluationResponse, SetDetailResponse } from '@als/shared';
import { mockApi, renderPage } from '@web/test/render';
import { CloseSetPanel, ClosedSetNotice } from '@web/features/sets/components/CloseSetPanel';
import { describeEquity } from '@web/features/evaluation/equity';
import { EvaluationPage } from './EvaluationPage';
import { SelfAssessmentPanel } from './SelfAssessmentPanel';

const set = (role: SetDetailResponse['role'], overrides: Partial<SetDetailResponse> = {}): SetDetailResponse => ({
  id: 'set-1', name: 'Hard cases', purpose: '', mode: 'blended', timeZone: 'Europe/London', groundRules: '', apologyNoticeHours: 48, quorum: 3,
  status: 'active', closedAt: null, retentionDays: 90, roundPhaseDays: { clarifying: 2, answers: 2, questions: 3, reflection: 2, actions: 2 }, purgeAfter: null, purgedAt: null, role,
  createdAt: '2026-06-01T10:00:00.000Z', updatedAt: '2026-06-01T10:00:00.000Z', members: [], participantCount: 4, sizeNote: null, ...overrides,
});

const evaluation = (members: EvaluationResponse['members']): EvaluationResponse => ({
  set: { id: 'set-1', name: 'Hard cases', status: 'active', closedAt: null, purgeAfter: null },
  meetings: [
    { meetingId: 'm-1', startsAt: '2026-09-01T08:30:00.000Z', attending: 4, apologies: 1, lateApologies: 1, present: 5 },
    { meetingId: 'm-2', startsAt: '2026-10-06T08:30:00.000Z', attending: 3, apologies: 2, lateApologies: 0, present: null },
  ],
  members,
  questionKinds: { open: 12, closed: 4, leading: 2, advice: 2 },
  equity: { airtime: 0.12, questions: 0.5 },
  ratings: { count: 8, average: 4.25, distribution: [0, 0, 2, 2, 4] },
  actions: { total: 6, open: 1, done: 3, partly: 1, notDone: 1, completionRate: 0.6 },
  selfAssessment: {
    statements: [{ id: 'questions', text: 'I ask open questions', start: 2.5, end: 4 }],
    responses: { start: 4, end: 3 },
  },
});

const audit: AuditEntryResponse[] = [{ id: '7', action: 'session-record.viewed', actorId: 'bo', actorName: 'Bo', detail: { meetingId: 'm-1' }, at: '2026-10-07T09:00:00.000Z' }];

describe('the evaluation dashboard', () => {
  it('shows a facilitator the key figures, each chart’s figures as a table, equity in words and the audit log', async () => {
    mockApi({
      'GET /api/sets/set-1': { status: 200, body: set('facilitator') },
      'GET /api/sets/set-1/evaluation': { status: 200, body: evaluation([{ userId: 'ann', displayName: 'Ann', former: false, meetingsPresent: 2, presented: 1, airtimeMinutes: 30, voiceMinutes: 12.5, questions: 4 }]) },
      'GET /api/sets/set-1/audit': { status: 200, body: audit },
    });
    renderPage(<EvaluationPage />, { path: '/sets/:setId/evaluation', url: '/sets/set-1/evaluation' });
    const figures = await screen.findByRole('list', { name: 'Key figures' });
    expect(figures).toHaveTextContent('2 meetings held');
    expect(figures).toHaveTextContent('60% of questions open');
    expect(figures).toHaveTextContent('4.25 average process rating');
    expect(figures).toHaveTextContent('60% of actions reported done');
    const attendance = screen.getByRole('region', { name: 'Attendance per meeting' });
    expect(within(attendance).getByRole('row', { name: /1 Sept 26/ })).toHaveTextContent('1 Sept 2641 (1)5');
    expect(within(attendance).getByRole('row', { name: /6 Oct 26/ })).toHaveTextContent('no live session');
    const members = screen.getByRole('region', { name: 'Airtime and questions per member' });
    expect(members).toHaveTextContent('Airtime was very evenly shared (Gini 0.12');
    expect(members).toHaveTextContent('questions were held by a few (Gini 0.50');
    expect(within(members).getByRole('row', { name: /Ann/ })).toHaveTextContent('Ann213012.54');
    expect(screen.getByRole('region', { name: 'Self-assessment, before and after' })).toHaveTextContent('I ask open questions2.54');
    expect(await screen.findByRole('cell', { name: 'read a session record' })).toBeInTheDocument();
    expect(screen.getByRole('cell', { name: 'Bo' })).toBeInTheDocument();
  });

  it('shows a sponsor the set’s figures without anyone’s, and no audit log', async () => {
    const api = mockApi({
      'GET /api/sets/set-1': { status: 200, body: set('sponsor') },
      'GET /api/sets/set-1/evaluation': { status: 200, body: evaluation(null) },
    });
    renderPage(<EvaluationPage />, { path: '/sets/:setId/evaluation', url: '/sets/set-1/evaluation' });
    expect(await screen.findByText(/Figures per member are for the set's facilitators/)).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Airtime and questions per member' })).not.toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Who viewed or changed what' })).not.toBeInTheDocument();
    expect(api.callsTo('GET', '/api/sets/set-1/audit?limit=100')).toHaveLength(0);
  });

  it('tells a member the evaluation is not for them', async () => {
    mockApi({
      'GET /api/sets/set-1': { status: 200, body: set('member') },
      'GET /api/sets/set-1/evaluation': { status: 403, body: { statusCode: 403, error: 'Forbidden', message: 'The evaluation is for the set’s facilitators and sponsors.' } },
    });
    renderPage(<EvaluationPage />, { path: '/sets/:setId/evaluation', url: '/sets/set-1/evaluation' });
    expect(await screen.findByText("The evaluation is for the set's facilitators and sponsors.")).toBeInTheDocument();
  });

  it('words the Gini coefficient by its size', () => {
    expect(describeEquity(0)).toMatch(/^very evenly shared/);
    expect(describeEquity(0.2)).toMatch(/^fairly evenly shared/);
    expect(describeEquity(0.35)).toMatch(/^unevenly shared/);
    expect(describeEquity(0.8)).toMatch(/^held by a few \(Gini 0.80/);
  });
});

describe('the self-assessment', () => {
  it('saves one score per statement once every statement has one', async () => {
    const api = mockApi({
      'GET /api/sets/set-1/self-assessment': { status: 200, body: { statements: [{ id: 'a', text: 'I ask open questions' }, { id: 'b', text: 'I reflect' }], scale: ['Not at all', 'A little', 'Somewhat', 'Mostly', 'Very much'], mine: [] } },
      'PUT /api/sets/set-1/self-assessment/start': { status: 200, body: { stage: 'start', answers: [2, 5], updatedAt: '2026-11-25T10:00:00.000Z' } },
    });
    const user = userEvent.setup();
    renderPage(<SelfAssessmentPanel setId="set-1" />);
    await user.click(await screen.findByText('At the start of the set'));
    const [first] = screen.getAllByRole('group', { name: 'I ask open questions' });
    const save = screen.getAllByRole('button', { name: 'Save my answers' })[0];
    await user.click(within(first).getByRole('radio', { name: '2 A little' }));
    expect(save).toBeDisabled();
    await user.click(within(screen.getAllByRole('group', { name: 'I reflect' })[0]).getByRole('radio', { name: '5 Very much' }));
    await user.click(save);
    await waitFor(() => expect(api.callsTo('PUT', '/api/sets/set-1/self-assessment/start')).toHaveLength(1));
    expect(api.callsTo('PUT', '/api/sets/set-1/self-assessment/start')[0].body).toEqual({ answers: [2, 5] });
    expect(await screen.findByText(/Only averages over the set ever reach the evaluation/)).toBeInTheDocument();
  });
});

describe('closing a set', () => {
  it('closes with the chosen retention period after asking once more, and shows why it was refused', async () => {
    const api = mockApi({ 'POST /api/sets/set-1/close': { status: 409, body: { statusCode: 409, error: 'Conflict', message: 'The set still has a meeting to come: cancel it first, or close with cancelUpcoming: true to cancel it and close.', code: 'set.has-meetings-to-come' } } });
    const user = userEvent.setup();
    renderPage(<CloseSetPanel set={set('facilitator')} />);
    const days = screen.getByLabelText('Keep the case content for (days)');
    await user.clear(days);
    await user.type(days, '30');
    await user.click(screen.getByRole('button', { name: 'Close the set' }));
    await user.click(screen.getByRole('button', { name: 'Yes, close the set' }));
    await waitFor(() => expect(api.callsTo('POST', '/api/sets/set-1/close')).toHaveLength(1));
    expect(api.callsTo('POST', '/api/sets/set-1/close')[0].body).toEqual({ retentionDays: 30 });
    // Refused for a meeting to come: the offer to cancel it and close.
    const offer = await screen.findByRole('alert');
    expect(offer).toHaveTextContent('The set still has a meeting to come. Closing the set can cancel it first: everyone invited is told');
    await user.click(within(offer).getByRole('button', { name: 'Cancel the meetings to come and close' }));
    await user.click(within(offer).getByRole('button', { name: 'Yes, cancel them and close the set' }));
    await waitFor(() => expect(api.callsTo('POST', '/api/sets/set-1/close')).toHaveLength(2));
    expect(api.callsTo('POST', '/api/sets/set-1/close')[1].body).toEqual({ retentionDays: 30, cancelUpcoming: true });
  });

  it('shows any other refusal as it is, with no offer to cancel meetings', async () => {
    mockApi({ 'POST /api/sets/set-1/close': { status: 409, body: { statusCode: 409, error: 'Conflict', message: 'The set still has a round under way: close it first.', code: 'set.has-rounds-under-way' } } });
    const user = userEvent.setup();
    renderPage(<CloseSetPanel set={set('facilitator')} />);
    await user.click(screen.getByRole('button', { name: 'Close the set' }));
    await user.click(screen.getByRole('button', { name: 'Yes, close the set' }));
    expect(await screen.findByText('The set still has a round under way: close it first.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Cancel the meetings to come and close' })).not.toBeInTheDocument();
  });

  it('refuses a retention period that is not a whole number of days before sending anything', async () => {
    const api = mockApi({});
    const user = userEvent.setup();
    renderPage(<CloseSetPanel set={set('facilitator')} />);
    const days = screen.getByLabelText(/Keep the case content for/);
    await user.clear(days);
    await user.type(days, '-3');
    expect(screen.getByText(/A whole number of days from 0 to 3650/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Close the set' })).toBeDisabled();
    // Nothing sent (the closing panel only reads whether the ending review is open).
    expect(api.calls.filter((c) => c.method !== 'GET')).toHaveLength(0);
  });

  it('tells everyone in a closed set when its content goes, and lets a facilitator reopen it', async () => {
    const api = mockApi({ 'POST /api/sets/set-1/reopen': { status: 200, body: set('facilitator') } });
    const user = userEvent.setup();
    renderPage(<ClosedSetNotice set={set('facilitator', { status: 'closed', closedAt: '2026-11-01T10:00:00.000Z', purgeAfter: '2027-01-30T10:00:00.000Z' })} />);
    expect(screen.getByRole('note')).toHaveTextContent('This set was closed on 1 November 2026. Its case texts, questions and session records will be deleted for good on 30 January 2027.');
    await user.click(screen.getByRole('button', { name: 'Reopen the set' }));
    await waitFor(() => expect(api.callsTo('POST', '/api/sets/set-1/reopen')).toHaveLength(1));
  });
});
