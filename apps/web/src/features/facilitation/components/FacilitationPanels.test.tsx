import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { FacilitatorNote, MeetingResponse } from '@als/shared';
import { mockApi, renderPage, validationError } from '@web/test/render';
import { FacilitatorNotesPanel } from './FacilitatorNotesPanel';
import { FacilitatorPicker } from './FacilitatorPicker';
import { ReflectionOffer } from './ReflectionOffer';
import { RotaPanel } from './RotaPanel';

const people = [
  { userId: 'fran', displayName: 'Fran' },
  { userId: 'pat', displayName: 'Pat' },
  { userId: 'sam', displayName: 'Sam' },
];
const meeting = (id: string, startsAt: string, extra: Partial<MeetingResponse> = {}): MeetingResponse => ({
  id, setId: 'set-1', seriesId: 's', startsAt, endsAt: startsAt.replace('T09', 'T12'), timeZone: 'Europe/London', format: 'online', location: '', videoUrl: '', dialInNumbers: [], dialInPasscode: '',
  status: 'scheduled', sequence: 0, recurrence: null, overridden: false, facilitatorId: null, coFacilitatorId: null, ...extra,
});
const empty: FacilitatorNote = { meetingId: 'm-1', setId: 'set-1', body: '', wentWell: '', doDifferently: '', forSupervision: '', updatedAt: null };

describe(FacilitatorPicker.name, () => {
  it('lets a facilitator choose who facilitates and a co-facilitator beside them, and sends each choice', async () => {
    const api = mockApi({
      'PUT /api/meetings/m-1/facilitator': { status: 200, body: meeting('m-1', '2031-03-04T09:00:00.000Z', { facilitatorId: 'pat' }) },
      'PUT /api/meetings/m-1/co-facilitator': { status: 200, body: meeting('m-1', '2031-03-04T09:00:00.000Z', { facilitatorId: 'pat', coFacilitatorId: 'sam' }) },
    });
    const view = renderPage(<FacilitatorPicker meeting={meeting('m-1', '2031-03-04T09:00:00.000Z')} people={people} canChoose />);
    const user = userEvent.setup();
    expect(screen.queryByLabelText('Co-facilitator')).not.toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText('Who facilitates'), 'Pat');
    await waitFor(() => expect(api.callsTo('PUT', '/api/meetings/m-1/facilitator')[0]?.body).toEqual({ userId: 'pat' }));
    view.unmount();
    renderPage(<FacilitatorPicker meeting={meeting('m-1', '2031-03-04T09:00:00.000Z', { facilitatorId: 'pat' })} people={people} canChoose />);
    const co = screen.getByLabelText('Co-facilitator');
    expect(within(co).queryByRole('option', { name: 'Pat' })).not.toBeInTheDocument();
    await user.selectOptions(co, 'Sam');
    await waitFor(() => expect(api.callsTo('PUT', '/api/meetings/m-1/co-facilitator')[0]?.body).toEqual({ userId: 'sam' }));
  });

  it('shows the API’s refusal', async () => {
    mockApi({ 'PUT /api/meetings/m-1/facilitator': { status: 409, body: { statusCode: 409, error: 'Conflict', message: 'This meeting has been held: who facilitated it is part of its history.', code: 'facilitation.meeting-held' } } });
    renderPage(<FacilitatorPicker meeting={meeting('m-1', '2031-03-04T09:00:00.000Z')} people={people} canChoose />);
    await userEvent.setup().selectOptions(screen.getByLabelText('Who facilitates'), 'Sam');
    expect(await screen.findByText(/has been held/)).toBeInTheDocument();
  });

  it('shows members who facilitates, and the history of a meeting held, without controls', () => {
    mockApi({});
    const view = renderPage(<FacilitatorPicker meeting={meeting('m-1', '2031-03-04T09:00:00.000Z', { facilitatorId: 'pat', coFacilitatorId: 'sam' })} people={people} canChoose={false} />);
    expect(screen.getByText('Facilitates: Pat, with Sam co-facilitating')).toBeInTheDocument();
    expect(screen.queryByRole('combobox')).not.toBeInTheDocument();
    view.unmount();
    renderPage(
      <FacilitatorPicker
        meeting={meeting('m-2', '2026-01-04T09:00:00.000Z', { facilitatedBy: [{ userId: 'pat', displayName: 'Pat', as: 'facilitator' }, { userId: 'sam', displayName: 'Sam', as: 'co-facilitator' }] })}
        people={people}
        canChoose
      />,
    );
    expect(screen.getByText('Facilitated by Pat, with Sam co-facilitating')).toBeInTheDocument();
    expect(screen.queryByRole('combobox')).not.toBeInTheDocument();
  });
});

describe(RotaPanel.name, () => {
  it('gives the meetings to come in turn to the people ticked, in the order ticked', async () => {
    const api = mockApi({ 'PUT /api/meetings/a/facilitator': { status: 200, body: {} }, 'PUT /api/meetings/b/facilitator': { status: 200, body: {} }, 'PUT /api/meetings/c/facilitator': { status: 200, body: {} } });
    const meetings = [meeting('past', '2020-01-01T09:00:00.000Z'), meeting('a', '2031-01-07T09:00:00.000Z'), meeting('b', '2031-02-04T09:00:00.000Z'), meeting('c', '2031-03-04T09:00:00.000Z'), meeting('x', '2031-04-01T09:00:00.000Z', { status: 'cancelled' })];
    let done = false;
    renderPage(<RotaPanel meetings={meetings} people={people} zone="Europe/London" onDone={() => (done = true)} />);
    const user = userEvent.setup();
    const give = screen.getByRole('button', { name: 'Give the 3 meetings to come in turn' });
    expect(give).toBeDisabled();
    await user.click(screen.getByLabelText('Sam'));
    await user.click(screen.getByLabelText('Pat'));
    expect(within(screen.getByRole('list', { name: 'The rota' })).getAllByRole('listitem').map((li) => li.textContent)).toEqual([expect.stringMatching(/Sam$/), expect.stringMatching(/Pat$/), expect.stringMatching(/Sam$/)]);
    await user.click(give);
    await waitFor(() => expect(done).toBe(true));
    expect(api.calls.filter((c) => c.method === 'PUT').map((c) => [c.path, c.body])).toEqual([
      ['/api/meetings/a/facilitator', { userId: 'sam' }],
      ['/api/meetings/b/facilitator', { userId: 'pat' }],
      ['/api/meetings/c/facilitator', { userId: 'sam' }],
    ]);
  });
});

describe(FacilitatorNotesPanel.name, () => {
  it('shows the person’s own note, says it is private, and saves it with the reflection', async () => {
    const api = mockApi({
      'GET /api/meetings/m-1/facilitator-notes': { status: 200, body: { ...empty, body: 'Watch the time' } },
      'PUT /api/meetings/m-1/facilitator-notes': (call) => ({ status: 200, body: { ...empty, ...(call.body as object), updatedAt: '2031-01-01T00:00:00.000Z' } }),
    });
    renderPage(<FacilitatorNotesPanel target={{ meetingId: 'm-1' }} reflection />);
    const user = userEvent.setup();
    expect(await screen.findByLabelText('Your notes')).toHaveValue('Watch the time');
    expect(screen.getByText(/Only you can see these/)).toBeInTheDocument();
    await user.type(screen.getByLabelText('What went well?'), 'Turns held');
    await user.type(screen.getByLabelText('What do I take to supervision?'), 'My silence');
    await user.click(screen.getByRole('button', { name: 'Save my notes' }));
    await waitFor(() => expect(api.callsTo('PUT', '/api/meetings/m-1/facilitator-notes')).toHaveLength(1));
    expect(api.callsTo('PUT', '/api/meetings/m-1/facilitator-notes')[0].body).toEqual({ body: 'Watch the time', wentWell: 'Turns held', doDifferently: '', forSupervision: 'My silence' });
    expect(await screen.findByText('Saved.')).toBeInTheDocument();
  });

  it('keeps a set’s note without the reflection, and shows a field’s error beside it', async () => {
    mockApi({
      'GET /api/sets/set-1/facilitator-notes': { status: 200, body: { ...empty, meetingId: null } },
      'PUT /api/sets/set-1/facilitator-notes': validationError([{ field: 'body', message: 'body must not contain control characters' }]),
    });
    renderPage(<FacilitatorNotesPanel target={{ setId: 'set-1' }} />);
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Your notes'), 'x');
    expect(screen.queryByLabelText('What went well?')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Save my notes' }));
    expect(await screen.findByText('body must not contain control characters')).toBeInTheDocument();
  });
});

describe(ReflectionOffer.name, () => {
  it('offers the three prompts after the session and keeps the answers as the meeting’s private note', async () => {
    const api = mockApi({
      'GET /api/meetings/m-1/facilitator-notes': { status: 200, body: empty },
      'PUT /api/meetings/m-1/facilitator-notes': (call) => ({ status: 200, body: { ...empty, ...(call.body as object), updatedAt: '2031-01-01T00:00:00.000Z' } }),
    });
    renderPage(<ReflectionOffer meetingId="m-1" />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Reflect on this session' }));
    await user.type(await screen.findByLabelText('What would I do differently?'), 'Slow down');
    await user.click(screen.getByRole('button', { name: 'Keep my reflection' }));
    await waitFor(() => expect(api.callsTo('PUT', '/api/meetings/m-1/facilitator-notes')[0]?.body).toEqual({ wentWell: '', doDifferently: 'Slow down', forSupervision: '' }));
  });
});
