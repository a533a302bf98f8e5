import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { MeResponse, RoundDetailResponse, SetDetailResponse } from '@als/shared';
import { mockApi, renderPage } from '@web/test/render';
import { RoundPage } from './RoundPage';
import { RoundsPanel } from './RoundsPanel';
import { localInputValue } from '@web/features/rounds/format';

const me = (id: string): MeResponse => ({ id, email: `${id}@example.org`, displayName: id, timeZone: 'Europe/London', calendarFeedUrl: '', meetingReminders: true, roundEmails: 'immediate' });
const set = (role: SetDetailResponse['role']): SetDetailResponse => ({
  id: 'set-1', name: 'Hard cases', purpose: '', mode: 'async', timeZone: 'Europe/London', groundRules: '', apologyNoticeHours: 48, quorum: 3,
  status: 'active', closedAt: null, retentionDays: 90, roundPhaseDays: { clarifying: 2, answers: 2, questions: 3, reflection: 2, actions: 2 }, purgeAfter: null, purgedAt: null, role,
  createdAt: '2026-11-01T10:00:00.000Z', updatedAt: '2026-11-01T10:00:00.000Z', participantCount: 3, sizeNote: null,
  members: [
    { userId: 'fran', displayName: 'Fran', role: 'facilitator', joinedAt: '2026-11-01T10:00:00.000Z' },
    { userId: 'pat', displayName: 'Pat', role: 'member', joinedAt: '2026-11-01T10:00:00.000Z' },
    { userId: 'sam', displayName: 'Sam', role: 'member', joinedAt: '2026-11-01T10:00:00.000Z' },
  ],
});
const phase = (name: RoundDetailResponse['phases'][number]['name'], endsAt: string, open: boolean, closed: boolean) => ({ name, endsAt, openedAt: open ? '2026-11-24T09:00:00.000Z' : null, closedAt: closed ? '2026-11-24T09:00:00.000Z' : null });
const round = (overrides: Partial<RoundDetailResponse> = {}): RoundDetailResponse => ({
  id: 'r-1', setId: 'set-1', title: 'Working late', phase: 'clarifying', presenterId: 'pat', presenterName: 'Pat', moderatorId: 'fran', paused: false,
  createdAt: '2026-11-24T09:00:00.000Z', closedAt: null, caseText: 'I never leave on time.',
  phases: [
    phase('case', '2026-11-24T09:00:00.000Z', true, true),
    phase('clarifying', '2026-11-26T09:00:00.000Z', true, false),
    phase('answers', '2026-11-28T09:00:00.000Z', false, false),
    phase('questions', '2026-12-01T09:00:00.000Z', false, false),
    phase('reflection', '2026-12-03T09:00:00.000Z', false, false),
    phase('actions', '2026-12-05T09:00:00.000Z', false, false),
  ],
  contributions: [{ id: 'c-1', phase: 'clarifying', authorId: 'fran', authorName: 'Fran', body: 'What time do you start?', createdAt: '2026-11-24T10:00:00.000Z', via: 'email', kind: 'open', replyToId: null }],
  owed: [{ userId: 'sam', displayName: 'Sam', done: false }],
  canContribute: true,
  replyAddress: 'reply+rabc@mail.example.org',
  ...overrides,
});

describe('the round page', () => {
  it('shows the timeline with deadlines in the reader’s zone, what is needed from them, and what others wrote', async () => {
    mockApi({ 'GET /api/rounds/r-1': { status: 200, body: round() }, 'GET /api/sets/set-1': { status: 200, body: set('member') } });
    renderPage(<RoundPage me={me('sam')} />, { path: '/rounds/:roundId', url: '/rounds/r-1' });
    const timeline = await screen.findByRole('list', { name: 'Phases' });
    expect(within(timeline).getByText('Clarifying questions').closest('li')).toHaveAttribute('aria-current', 'step');
    expect(within(timeline).getByText('Clarifying questions').closest('li')).toHaveTextContent('until Thursday 26 November, 09:00');
    expect(screen.getByRole('note')).toHaveTextContent('Needed from you by Thursday 26 November, 09:00: Ask clarifying questions');
    expect(screen.getByText('What time do you start?').closest('li')).toHaveTextContent('Fran, by e-mail');
    expect(screen.queryByRole('heading', { name: 'Moderating' })).not.toBeInTheDocument();
  });

  it('coaches a question as it is typed, never blocks it, and sends it with a clientId', async () => {
    const api = mockApi({
      'GET /api/rounds/r-1': { status: 200, body: round() },
      'GET /api/sets/set-1': { status: 200, body: set('member') },
      'POST /api/rounds/r-1/contributions': { status: 201, body: { id: 'c-2', phase: 'clarifying', authorId: 'sam', authorName: 'Sam', body: 'x', createdAt: '2026-11-24T11:00:00.000Z', via: 'web', kind: 'advice', hint: 'h' } },
    });
    const user = userEvent.setup();
    renderPage(<RoundPage me={me('sam')} />, { path: '/rounds/:roundId', url: '/rounds/r-1' });
    await user.type(await screen.findByLabelText('Your question'), 'Why don’t you just leave at five?');
    expect(screen.getByText(/This reads as advice in disguise/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Add to the round' }));
    await waitFor(() => expect(api.callsTo('POST', '/api/rounds/r-1/contributions')).toHaveLength(1));
    const sent = api.callsTo('POST', '/api/rounds/r-1/contributions')[0].body as { body: string; clientId: string };
    expect(sent.body).toBe('Why don’t you just leave at five?');
    expect(sent.clientId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await screen.findByText('Thank you: your question to Pat is in the round. Pat answers the clarifying questions next.')).toBeInTheDocument();
  });

  it('gives the moderator who owes what and the controls, and shows a refusal', async () => {
    const api = mockApi({
      'GET /api/rounds/r-1': { status: 200, body: round({ canContribute: false }) },
      'GET /api/sets/set-1': { status: 200, body: set('facilitator') },
      'POST /api/rounds/r-1/pause': { status: 200, body: round({ paused: true, canContribute: false }) },
      'POST /api/rounds/r-1/advance': { status: 409, body: { statusCode: 409, error: 'Conflict', message: 'Resume the round first.' } },
    });
    const user = userEvent.setup();
    renderPage(<RoundPage me={me('fran')} />, { path: '/rounds/:roundId', url: '/rounds/r-1' });
    const panel = await screen.findByRole('region', { name: 'Moderating' });
    expect(within(panel).getByText(/Sam:/).closest('li')).toHaveTextContent('Still to write');
    await user.click(within(panel).getByRole('button', { name: 'Pause' }));
    await waitFor(() => expect(api.callsTo('POST', '/api/rounds/r-1/pause')).toHaveLength(1));
    expect(await within(panel).findByRole('button', { name: 'Resume' })).toBeInTheDocument();
  });

  it('offers to extend the phase the round is in now, not the one it was in when the page opened', async () => {
    const advanced = round({ phase: 'answers', phases: round().phases.map((p) => (p.name === 'clarifying' ? { ...p, closedAt: '2026-11-25T09:00:00.000Z' } : p.name === 'answers' ? { ...p, openedAt: '2026-11-25T09:00:00.000Z' } : p)) });
    const api = mockApi({
      'GET /api/rounds/r-1': { status: 200, body: round() },
      'GET /api/sets/set-1': { status: 200, body: set('facilitator') },
      'POST /api/rounds/r-1/advance': { status: 200, body: advanced },
      'GET /api/sets/set-1/rounds': { status: 200, body: [] },
    });
    const user = userEvent.setup();
    renderPage(<RoundPage me={me('fran')} />, { path: '/rounds/:roundId', url: '/rounds/r-1' });
    const dayAfter = (at: string) => localInputValue(new Date(Date.parse(at) + 86_400_000));
    expect(await screen.findByLabelText(/New deadline for Clarifying questions/)).toHaveValue(dayAfter('2026-11-26T09:00:00.000Z'));
    await user.click(screen.getByRole('button', { name: 'End this phase now' }));
    await waitFor(() => expect(screen.getByLabelText(/New deadline for Answers/)).toHaveValue(dayAfter('2026-11-28T09:00:00.000Z')));
    expect(api.callsTo('POST', '/api/rounds/r-1/advance')).toHaveLength(1);
  });

  describe('answering clarifying questions one by one', () => {
    const questions = [
      { id: 'q-1', phase: 'clarifying' as const, authorId: 'fran', authorName: 'Fran', body: 'What time do you start?', createdAt: '2026-11-24T10:00:00.000Z', via: 'web' as const, kind: 'open' as const, replyToId: null },
      { id: 'q-2', phase: 'clarifying' as const, authorId: 'sam', authorName: 'Sam', body: 'Who else stays late?', createdAt: '2026-11-24T11:00:00.000Z', via: 'email' as const, kind: 'open' as const, replyToId: null },
    ];
    const answer = { id: 'a-1', phase: 'answers' as const, authorId: 'pat', authorName: 'Pat', body: 'At half past seven.', createdAt: '2026-11-26T10:00:00.000Z', via: 'web' as const, kind: null, replyToId: 'q-1' };

    it('gives the presenter each question with its own box, after the question, and sends the question it answers', async () => {
      const api = mockApi({
        'GET /api/rounds/r-1': { status: 200, body: round({ phase: 'answers', contributions: [...questions, answer], owed: [{ userId: 'pat', displayName: 'Pat', done: true }] }) },
        'GET /api/sets/set-1': { status: 200, body: set('member') },
        'POST /api/rounds/r-1/contributions': { status: 201, body: { ...answer, id: 'a-2', body: 'Only me.', replyToId: 'q-2', hint: null } },
      });
      const user = userEvent.setup();
      renderPage(<RoundPage me={me('pat')} />, { path: '/rounds/:roundId', url: '/rounds/r-1' });
      const second = await screen.findByLabelText('Your answer to question 2');
      // What is answered comes before where one writes (on a phone, one reads it first).
      const question = screen.getByText('Who else stays late?');
      expect(question.compareDocumentPosition(second) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
      expect(screen.getByText('The case').compareDocumentPosition(second) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
      expect(screen.getByLabelText('Your answer to question 1')).toHaveTextContent('At half past seven.');
      expect(screen.getByLabelText('Add to your answer to question 1')).toBeInTheDocument();
      expect(screen.getByText('1 of 2 answered.', { exact: false })).toBeInTheDocument();
      // One answer given, one to go: still needed from the presenter.
      expect(screen.getByRole('note')).toHaveTextContent('Needed from you by');
      await user.type(second, 'Only me.');
      await user.click(screen.getByRole('button', { name: 'Answer question 2' }));
      await waitFor(() => expect(api.callsTo('POST', '/api/rounds/r-1/contributions')).toHaveLength(1));
      expect(api.callsTo('POST', '/api/rounds/r-1/contributions')[0].body).toMatchObject({ body: 'Only me.', replyToId: 'q-2' });
      expect(await screen.findByText('Thank you: your answer is in the round. Everyone can read it now; open questions come next.')).toBeInTheDocument();
    });

    it('keeps each answer under its question in the record', async () => {
      mockApi({ 'GET /api/rounds/r-1': { status: 200, body: round({ phase: 'questions', contributions: [...questions, answer] }) }, 'GET /api/sets/set-1': { status: 200, body: set('member') } });
      renderPage(<RoundPage me={me('sam')} />, { path: '/rounds/:roundId', url: '/rounds/r-1' });
      const answers = await screen.findByRole('list', { name: 'Answers to: What time do you start?' });
      expect(answers).toHaveTextContent('At half past seven.');
      expect(answers).toHaveTextContent('Pat answered');
      expect(screen.queryByRole('region', { name: 'Answers' })).not.toBeInTheDocument();
      // A member writing an open question finds the form after the case and the answers.
      expect(answers.compareDocumentPosition(await screen.findByLabelText('Your question')) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    });
  });

  it('shows the moderator each e-mail’s phase and when it was queued and sent, in their zone', async () => {
    mockApi({
      'GET /api/rounds/r-1': { status: 200, body: round({ canContribute: false }) },
      'GET /api/sets/set-1': { status: 200, body: set('facilitator') },
      'GET /api/rounds/r-1/deliveries': {
        status: 200,
        body: [
          { to: 'sam@example.org', subject: 'Working late', status: 'sent', attempts: 1, lastError: '', createdAt: '2026-11-24T09:00:00.000Z', sentAt: '2026-11-24T09:01:00.000Z', kind: 'phase', phase: 'clarifying' },
          { to: 'sam@example.org', subject: 'Working late', status: 'failed', attempts: 3, lastError: '550 mailbox full', createdAt: '2026-11-25T09:00:00.000Z', sentAt: null, kind: 'reminder', phase: 'clarifying' },
          { to: 'fran@example.org', subject: 'Re: Working late', status: 'pending', attempts: 0, lastError: '', createdAt: '2026-11-24T10:00:00.000Z', sentAt: null, kind: 'confirmation', phase: 'clarifying' },
        ],
      },
    });
    const user = userEvent.setup();
    renderPage(<RoundPage me={me('fran')} />, { path: '/rounds/:roundId', url: '/rounds/r-1' });
    await user.click(await screen.findByText('E-mails of this round'));
    const rows = await screen.findAllByRole('row');
    expect(within(rows[0]).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['E-mail', 'To', 'Queued', 'Status', 'Tries']);
    expect(rows[1]).toHaveTextContent('Clarifying questions: the phase opened');
    expect(rows[1]).toHaveTextContent('Tuesday 24 November, 09:00');
    expect(rows[1]).toHaveTextContent('Sent Tuesday 24 November, 09:01');
    expect(rows[2]).toHaveTextContent('Clarifying questions: reminder');
    expect(rows[2]).toHaveTextContent('Could not be sent (550 mailbox full)');
    expect(rows[3]).toHaveTextContent('Clarifying questions: reply confirmed');
  });

  it('tells a sponsor the round is not for them', async () => {
    mockApi({ 'GET /api/rounds/r-1': { status: 403, body: { statusCode: 403, error: 'Forbidden', message: 'no' } } });
    renderPage(<RoundPage me={me('spo')} />, { path: '/rounds/:roundId', url: '/rounds/r-1' });
    expect(await screen.findByText('Sponsors see that a set works, never its cases.')).toBeInTheDocument();
  });
});

describe('the rounds panel', () => {
  it('opens a round on behalf of a member with the prefilled deadlines', async () => {
    const api = mockApi({
      'GET /api/sets/set-1/rounds': { status: 200, body: [] },
      'POST /api/sets/set-1/rounds': { status: 201, body: round() },
    });
    const user = userEvent.setup();
    let opened = '';
    renderPage(<RoundsPanel set={set('facilitator')} me={me('fran')} onOpened={(id) => (opened = id)} />);
    await user.click(await screen.findByRole('button', { name: 'Open a round' }));
    await user.type(screen.getByLabelText('Title'), 'Working late');
    await user.type(screen.getByLabelText(/The case/), 'I never leave on time.');
    await user.selectOptions(screen.getByLabelText(/Presenter/), 'pat');
    await user.click(screen.getByRole('button', { name: 'Open the round' }));
    await waitFor(() => expect(opened).toBe('r-1'));
    const body = api.callsTo('POST', '/api/sets/set-1/rounds')[0].body as { title: string; presenterId: string; phaseDeadlines: Record<string, string> };
    expect(body).toMatchObject({ title: 'Working late', caseText: 'I never leave on time.', presenterId: 'pat' });
    const days = Object.values(body.phaseDeadlines).map((d, i, all) => (i === 0 ? null : Math.round((Date.parse(d) - Date.parse(all[i - 1])) / 86_400_000)));
    expect(days).toEqual([null, 2, 3, 2, 2]);
  });
});
