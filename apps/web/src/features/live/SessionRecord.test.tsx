import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { SessionRecordResponse } from '@als/shared';
import { mockApi, renderPage } from '@web/test/render';
import { SessionRecord } from './SessionRecord';
import { Timer } from './Timer';

const record: SessionRecordResponse = {
  meetingId: 'm-1', phase: 'ended', startedAt: '2030-03-05T09:30:00.000Z', endedAt: '2030-03-05T12:30:00.000Z',
  participants: [{ userId: 'pat', displayName: 'Pat' }, { userId: 'sam', displayName: 'Sam' }, { userId: 'kim', displayName: 'Kim' }],
  attendance: { present: [{ userId: 'pat', inRoom: true }, { userId: 'sam', inRoom: false }], apologies: ['kim'] },
  questions: [{ presenterId: 'pat', askerId: 'sam', text: 'What would help most?', kind: 'open', helpful: true, phase: 'questions' }],
  reflections: [{ presenterId: 'pat', text: 'I was avoiding the father.' }],
  actions: [{ ownerId: 'pat', presenterId: 'pat', text: 'Meet the father', dueAt: '2030-04-01' }],
  withheld: [], airtime: { presenters: [{ userId: 'pat', ms: 35 * 60_000 }], questions: [{ userId: 'sam', count: 1, share: 1 }, { userId: 'pat', count: 0, share: 0 }], voice: [{ userId: 'sam', ms: 4 * 60_000 }] },
  questionCounts: { open: 1, closed: 0, leading: 0, advice: 0 }, ratings: { count: 2, average: 4.5, comments: [] }, checkOuts: [{ userId: 'sam', text: 'Hopeful' }],
};

describe(SessionRecord.name, () => {
  it("shows each case's questions (helpful ones marked), reflections and actions, airtime and the review", async () => {
    mockApi({ 'GET /api/meetings/m-1/record': { status: 200, body: record } });
    renderPage(<SessionRecord meetingId="m-1" />);
    expect(await screen.findByRole('heading', { name: "Pat's case" })).toBeInTheDocument();
    expect(screen.getByText('What would help most?').closest('li')).toHaveTextContent('Sam, marked helpful');
    expect(screen.getByText('I was avoiding the father.')).toBeInTheDocument();
    expect(screen.getByText(/Action: Meet the father/)).toHaveTextContent('by 01/04/2030');
    expect(screen.getByText('Pat presented for 35:00')).toBeInTheDocument();
    expect(screen.getByText('Sam spoke for 4:00 in the call')).toBeInTheDocument();
    expect(screen.getByText(/4.5 out of 5 from 2/)).toBeInTheDocument();
    expect(screen.getByText(/Present: Pat \(in the room\), Sam\. Apologies: Kim\./)).toBeInTheDocument();
  });

  it('shows the process review’s words (no name where anonymous), the offers to each presenter and the ground rules agreed', async () => {
    mockApi({
      'GET /api/meetings/m-1/record': {
        status: 200,
        body: {
          ...record,
          reviewWords: [{ prompt: 'helped', text: 'The silence.', authorId: 'sam' }, { prompt: 'hindered', text: 'Advice crept in.', authorId: null }],
          offers: [{ presenterId: 'pat', userId: 'sam', text: 'I know a mediator.' }],
          contractAgreed: { text: 'Confidential.', presentIds: ['pat', 'sam'], at: '2030-03-05T10:00:00.000Z' },
        },
      },
    });
    renderPage(<SessionRecord meetingId="m-1" />);
    expect(await screen.findByText('The silence.')).toBeInTheDocument();
    expect(screen.getByText('The silence.').closest('li')).toHaveTextContent('The silence. — Sam');
    expect(screen.getByText('Advice crept in.').closest('li')).toHaveTextContent('Advice crept in. — anonymous');
    expect(screen.getByRole('list', { name: 'Offers to Pat' })).toHaveTextContent('Offer: I know a mediator. — Sam');
    expect(screen.getByRole('heading', { name: 'Ground rules agreed' })).toBeInTheDocument();
    expect(screen.getByText('Agreed by Pat, Sam.')).toBeInTheDocument();
  });

  it('shows nothing when no session was held', async () => {
    const api = mockApi({ 'GET /api/meetings/m-1/record': { status: 404, body: { statusCode: 404, error: 'Not Found', message: 'No live session was held for this meeting.' } } });
    const { container } = renderPage(<SessionRecord meetingId="m-1" />);
    await new Promise((r) => setTimeout(r, 50));
    expect(api.callsTo('GET', '/api/meetings/m-1/record')).toHaveLength(1);
    expect(container.querySelector('#record-title')).toBeNull();
  });
});

describe(Timer.name, () => {
  it('counts down from the server deadline corrected by the server time offset, so a wrong device clock does not matter', () => {
    const serverNow = Date.now() + 5 * 60_000; // this device is 5 minutes slow
    const timer = { id: 1, durationMs: 600_000, endsAt: new Date(serverNow + 90_000).toISOString(), remainingMs: null, expired: false };
    render(<Timer timer={timer} paused={false} offsetMs={5 * 60_000} />);
    expect(screen.getByRole('timer')).toHaveTextContent(/^1:(30|29)/);
    expect(screen.getByRole('timer')).toHaveAccessibleName('2 minutes left');
  });

  it('shows a time-out with what was left, and time up at zero', () => {
    const { rerender } = render(<Timer timer={{ id: 1, durationMs: 600_000, endsAt: null, remainingMs: 125_000, expired: false }} paused offsetMs={0} />);
    expect(screen.getByRole('timer')).toHaveTextContent('2:05Time-out');
    rerender(<Timer timer={{ id: 1, durationMs: 600_000, endsAt: new Date(Date.now() - 1000).toISOString(), remainingMs: null, expired: true }} paused={false} offsetMs={0} />);
    expect(screen.getByRole('timer')).toHaveAccessibleName('Time is up');
  });
});
