import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_AGENDA, REVIEW_PROMPTS, REVIEW_PROMPT_LABELS, decide, evolve, initialLiveState, type LiveActor, type LiveSessionState, type LiveSetup, type MeetingDetailResponse, type MeetingResponse } from '@als/shared';
import { mockApi, renderPage } from '@web/test/render';
import { FRAN, PAT, serverLog } from './liveTesting';
import type { LiveSession } from './useLiveSession';
import { projectorPhaseLabel } from './projector/phases';

let shown: LiveSessionState | null = null;
vi.mock('./useLiveSession', () => ({
  useLiveSession: (): LiveSession => ({ state: shown, seq: 0, present: [], connected: true, error: null, offsetMs: 0, role: null, send: vi.fn() }),
}));
const { ProjectorPage } = await import('./ProjectorPage');

/** Pat presenting, with their ask (and, when `withheld`, their case withheld from the record). */
function presenting(withheld: boolean): LiveSessionState {
  const commands: Parameters<typeof serverLog>[0] = [
    [FRAN, 'start', {}],
    [FRAN, 'advance', {}],
    [FRAN, 'setOrder', { presenterIds: ['pat'] }],
    [FRAN, 'advance', {}],
    [PAT, 'setAsk', { text: 'Help me see what I am missing.' }],
  ];
  if (withheld) commands.push([PAT, 'withholdCase', { withheld: true }]);
  const log = serverLog(commands, Date.parse('2030-03-05T09:30:00.000Z'));
  return log.reduce((s, e) => evolve(s, e), initialLiveState('m1'));
}

const SETUP: LiveSetup = {
  roster: [
    { userId: 'fran', displayName: 'Fran' },
    { userId: 'pat', displayName: 'Pat' },
    { userId: 'sam', displayName: 'Sam' },
  ],
  agenda: DEFAULT_AGENDA,
  openActions: [
    { id: 'a1', ownerId: 'pat', text: 'Call the duty team', dueAt: null },
    { id: 'a2', ownerId: 'sam', text: 'Share the checklist', dueAt: null },
  ],
  defaultDueAt: '2030-04-02',
};

/** A session run by these commands from the start (the shared reducer, as the server runs it). */
function run(commands: [LiveActor, string, Record<string, unknown>][]): LiveSessionState {
  let state = initialLiveState('m1');
  const at = new Date('2030-03-05T10:00:00.000Z');
  for (const [actor, type, payload] of [[FRAN, 'start', {}] as [LiveActor, string, Record<string, unknown>], ...commands]) {
    const decision = decide(state, { type, payload }, actor, at, SETUP);
    if (!decision.ok) throw new Error(`${type}: ${decision.error}`);
    state = evolve(state, { ...decision.event, at: at.toISOString() });
  }
  return state;
}

const meeting: Partial<MeetingDetailResponse> = { id: 'm1', setId: 's1', setName: 'Northfield practice leads', startsAt: '2030-03-05T09:30:00.000Z', endsAt: '2030-03-05T12:30:00.000Z', timeZone: 'Europe/London', format: 'in-person', location: 'Room 2', videoUrl: '', status: 'scheduled' };
const nextMeeting: Partial<MeetingResponse> = { ...meeting, id: 'm2', startsAt: '2030-04-02T08:30:00.000Z', endsAt: '2030-04-02T11:30:00.000Z', location: 'Room 4, Civic Centre' };

function show(state: LiveSessionState, meetings: Partial<MeetingResponse>[] = [meeting, nextMeeting]) {
  shown = state;
  mockApi({ 'GET /api/meetings/m1': { status: 200, body: meeting }, 'GET /api/sets/s1/meetings': { status: 200, body: meetings } });
  return renderPage(<ProjectorPage />, { path: '/meetings/:meetingId/projector', url: '/meetings/m1/projector' });
}

describe('ProjectorPage', () => {
  it('shows the presenter’s ask on the room’s screen', async () => {
    show(presenting(false));
    expect(await screen.findByLabelText('The presenter’s ask')).toHaveTextContent('Help me see what I am missing.');
  });

  it('asks the room to listen while the presenter presents', async () => {
    show(presenting(false));
    expect(await screen.findByLabelText('How we listen')).toHaveTextContent('Listen without interrupting.');
  });

  it('does not show the ask of a case its presenter withheld', async () => {
    show(presenting(true));
    await screen.findByRole('heading', { level: 1, name: 'Presenting' });
    expect(screen.queryByLabelText('The presenter’s ask')).toBeNull();
  });

  it('names the set and the meeting, and offers the join link as a QR code', async () => {
    show(run([]));
    expect(await screen.findByText('Northfield practice leads')).toBeInTheDocument();
    expect(screen.getByText(/5 March 2030, 09:30 – 12:30/)).toBeInTheDocument();
    const code = screen.getByRole('img', { name: /^QR code for / });
    expect(code).toHaveAccessibleName(`QR code for ${window.location.host}/meetings/m1/live`);
    expect(code.querySelector('path')?.getAttribute('d')).toMatch(/^M4 4h1v1h-1z/); // the finder pattern's corner, after the quiet zone
  });

  it('keeps each word of the phase whole, so "Check-in" never breaks at its hyphen', async () => {
    show(run([]));
    const heading = await screen.findByRole('heading', { level: 1, name: 'Check-in and report-back' });
    expect(Array.from(heading.querySelectorAll('.projector__word')).map((w) => w.textContent)).toEqual(['Check-in', 'and', 'report-back']);
  });

  it('shows at check-in who has reported back', async () => {
    show(run([[FRAN, 'reportBack', { actionId: 'a1', status: 'done', onBehalfOf: 'pat' }]]));
    const panel = await screen.findByLabelText('Who has reported back');
    expect(within(panel).getByText('Reported back: 1 of 2')).toBeInTheDocument();
    expect(within(panel).getByText('Pat').nextSibling).toHaveTextContent('reported back');
    expect(within(panel).getByText('Sam').nextSibling).toHaveTextContent('0 of 1 reported');
    expect(within(panel).getByText('Fran').nextSibling).toHaveTextContent('no actions to report on');
  });

  it('shows the bids in bidding, most urgent first', async () => {
    show(run([[FRAN, 'advance', {}], [FRAN, 'bid', { wantsTime: true, urgency: 2, onBehalfOf: 'sam' }], [FRAN, 'bid', { wantsTime: true, urgency: 5, onBehalfOf: 'pat' }], [FRAN, 'bid', { wantsTime: false, urgency: 1 }]]));
    const rows = within(await screen.findByLabelText('Bids')).getAllByRole('listitem');
    expect(rows.map((r) => r.textContent)).toEqual(['Paturgency 5 of 5', 'Samurgency 2 of 5', 'Frannot today']);
  });

  it('shows the actions as they are committed, with owner and due day', async () => {
    show(run([[FRAN, 'goTo', { phase: 'actions', presenterId: 'pat' }], [PAT, 'addAction', { text: 'Draft a first-call protocol' }]]));
    const panel = await screen.findByLabelText('Actions');
    expect(within(panel).getByText('Actions committed: 1')).toBeInTheDocument();
    expect(within(panel).getByText('Draft a first-call protocol')).toBeInTheDocument();
    expect(within(panel).getByText(/Pat · by Tue 2 Apr/)).toBeInTheDocument();
  });

  it('shows the process review’s prompts and how many have rated', async () => {
    show(run([[FRAN, 'goTo', { phase: 'process-review' }], [FRAN, 'rate', { rating: 4, onBehalfOf: 'sam' }]]));
    const panel = await screen.findByLabelText('Process review prompts');
    // The same prompts, worded the same, as on the console's and members' screens (one source in @als/shared).
    expect(within(panel).getAllByRole('listitem').map((li) => li.textContent)).toEqual(REVIEW_PROMPTS.map((prompt) => REVIEW_PROMPT_LABELS[prompt]));
    expect(within(panel).getByText('Ratings given: 1 of 3')).toBeInTheDocument();
  });

  it('shows the words the set gives in the process review, anonymous ones without a name', async () => {
    show(
      run([
        [FRAN, 'goTo', { phase: 'process-review' }],
        [FRAN, 'reviewComment', { prompt: 'helped', text: 'Questions that stayed open', onBehalfOf: 'sam' }],
        [FRAN, 'reviewComment', { prompt: 'hindered', text: 'We drifted into advice once', anonymous: true, onBehalfOf: 'pat' }],
      ]),
    );
    const words = within(await screen.findByLabelText('What we said')).getAllByRole('listitem');
    expect(words.map((w) => w.textContent)).toEqual(['What helped us today? Questions that stayed open — Sam', 'What hindered us? We drifted into advice once — anonymous']);
    expect(screen.queryByText(/— Pat/)).not.toBeInTheDocument();
  });

  it('shows the check-out words and who is still to give one', async () => {
    show(run([[FRAN, 'goTo', { phase: 'check-out' }], [FRAN, 'checkOut', { text: 'Clearer', onBehalfOf: 'pat' }]]));
    const panel = await screen.findByLabelText('Check-out words');
    expect(within(panel).getByText('Clearer')).toBeInTheDocument();
    expect(within(panel).getByText('Still to check out: Fran, Sam')).toBeInTheDocument();
  });

  it('thanks the room at the end and gives the next meeting’s date and place', async () => {
    show(run([[FRAN, 'end', {}]]));
    expect(await screen.findByText('Thank you, everyone.')).toBeInTheDocument();
    expect(await screen.findByText(/2 April 2030, 09:30 – 12:30/)).toBeInTheDocument();
    expect(screen.getByText('Room 4, Civic Centre')).toBeInTheDocument();
    expect(screen.queryByRole('img', { name: /QR code/ })).toBeNull();
  });

  it('says so at the end when no next meeting is scheduled', async () => {
    show(run([[FRAN, 'end', {}]]), [meeting]);
    expect(await screen.findByText('The next meeting is not scheduled yet.')).toBeInTheDocument();
  });

  it('shows a phase it does not know by its name, with the timer and join code, instead of failing', async () => {
    const state = { ...run([]), phase: 'dialogue-mode' } as unknown as LiveSessionState;
    show(state);
    expect(await screen.findByRole('heading', { level: 1, name: 'Dialogue mode' })).toBeInTheDocument();
    expect(screen.getByRole('timer')).toBeInTheDocument();
    expect(screen.getByRole('img', { name: /^QR code for / })).toBeInTheDocument();
  });
});

describe(projectorPhaseLabel.name, () => {
  it('names known phases as the live room does and makes a name for new ones', () => {
    expect(projectorPhaseLabel('check-in')).toBe('Check-in and report-back');
    expect(projectorPhaseLabel('raised_hands')).toBe('Raised hands');
  });
});
