import ICAL from 'ical.js';
import type { Response } from 'supertest';
import type { MeetingResponse } from '@als/shared';
import { request, startTestApp, TestApp } from './app';
import { createSet, registerUser, TestUser } from './factories';
import { holdLocks } from './locks';

/** The VEVENTs of a calendar, read by an independent parser. */
function vevents(text: string): ICAL.Component[] {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  return calendar.getAllSubcomponents('vevent');
}

/**
 * Edits of one meeting, or of one series, at the same moment (each request on its own
 * connection): each must raise SEQUENCE, or calendar clients keep the first and drop the second.
 * A third connection holds the rows until both requests stand at them, then lets them go.
 */
describe('meeting and series edits are serialised', () => {
  let t: TestApp;
  let fran: TestUser;
  let setId: string;
  beforeAll(async () => {
    t = await startTestApp();
    fran = await registerUser(t, { displayName: 'Fran' });
    setId = (await createSet(t, fran, { name: 'Calendar set', timeZone: 'Europe/London' })).id;
  });
  afterAll(() => t.close());

  const start = (test: { then: Promise<Response>['then'] }): Promise<Response> => new Promise<Response>((resolve, reject) => void test.then(resolve, reject));
  const schedule = async (body: object) => (await request(t.http).post(`/api/sets/${setId}/meetings`).set(fran.auth).send({ durationMinutes: 120, format: 'in-person', location: 'Room 1', ...body }).expect(201)).body as MeetingResponse;
  const sequences = async (where: string, id: string) => ((await t.db.query(`SELECT "sequence" FROM "meetings" WHERE "${where}" = $1 ORDER BY "startsAt"`, [id])) as { sequence: number }[]).map((r) => r.sequence);
  const calendar = async (meetingId: string) => vevents((await request(t.http).get(`/api/meetings/${meetingId}/ics`).set(fran.auth).expect(200)).text);

  /** Starts `first`, waits until it stands at the held rows, then `second`, then lets both go (first in line goes first). */
  async function race(rows: [string, unknown[]], first: () => Promise<Response>, second: () => Promise<Response>): Promise<[Response, Response]> {
    const held = await holdLocks(t.db, [rows]);
    const a = first();
    await held.waitFor(1, [a]);
    const b = second();
    await held.waitFor(2, [b]);
    await held.release();
    return Promise.all([a, b]);
  }

  it('two changes of one meeting at once: SEQUENCE rises twice and the calendar shows both', async () => {
    const meeting = await schedule({ startsAt: '2031-03-04T09:30' });
    const edit = (body: object) => () => start(request(t.http).patch(`/api/meetings/${meeting.id}`).set(fran.auth).send(body));
    const [moved, relocated] = await race([`SELECT 1 FROM "meetings" WHERE "id" = $1 FOR UPDATE`, [meeting.id]], edit({ startsAt: '2031-03-04T10:00' }), edit({ location: 'Room 9' }));
    expect([moved.status, relocated.status]).toEqual([200, 200]);
    expect(await sequences('id', meeting.id)).toEqual([2]);
    const [event] = await calendar(meeting.id);
    expect(event.getFirstPropertyValue('sequence')).toBe(2);
    const parsed = new ICAL.Event(event);
    expect(parsed.startDate.toString()).toBe('2031-03-04T10:00:00');
    expect(parsed.location).toBe('Room 9');
  });

  it('a meeting cancelled while a move of it waited: the move is refused and the calendar keeps it cancelled, where it was', async () => {
    const meeting = await schedule({ startsAt: '2031-03-11T09:30' });
    const [cancelled, moved] = await race(
      [`SELECT 1 FROM "meetings" WHERE "id" = $1 FOR UPDATE`, [meeting.id]],
      () => start(request(t.http).delete(`/api/meetings/${meeting.id}`).set(fran.auth)),
      () => start(request(t.http).patch(`/api/meetings/${meeting.id}`).set(fran.auth).send({ startsAt: '2031-03-12T09:30' })),
    );
    expect(cancelled.status).toBe(204);
    expect(moved.status).toBe(409);
    const [event] = await calendar(meeting.id);
    expect(event.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(event.getFirstPropertyValue('sequence')).toBe(1);
    expect(new ICAL.Event(event).startDate.toString()).toBe('2031-03-11T09:30:00');
  });

  it('two edits of a series at once: every occurrence to come takes both, SEQUENCE rising twice', async () => {
    const first = await schedule({ startsAt: '2031-05-06T09:30', recurrence: 'FREQ=WEEKLY;COUNT=4' });
    const edit = (body: object) => () => start(request(t.http).patch(`/api/meeting-series/${first.seriesId}`).set(fran.auth).send(body));
    const [retimed, relocated] = await race([`SELECT 1 FROM "meetings" WHERE "seriesId" = $1 FOR UPDATE`, [first.seriesId]], edit({ startTime: '10:00' }), edit({ location: 'Room 2' }));
    expect([retimed.status, relocated.status]).toEqual([200, 200]);
    expect(await sequences('seriesId', first.seriesId!)).toEqual([2, 2, 2, 2]);
    const events = await calendar(first.id);
    expect(events).toHaveLength(1);
    expect(events[0].getFirstPropertyValue('sequence')).toBe(2);
    const master = new ICAL.Event(events[0]);
    expect(master.startDate.toString()).toBe('2031-05-06T10:00:00');
    expect(master.location).toBe('Room 2');
  });

  it('a series cancelled while an edit of it waited: the edit finds nothing left to change', async () => {
    const first = await schedule({ startsAt: '2031-07-01T09:30', recurrence: 'FREQ=WEEKLY;COUNT=3' });
    const [cancelled, edited] = await race(
      [`SELECT 1 FROM "meetings" WHERE "seriesId" = $1 FOR UPDATE`, [first.seriesId]],
      () => start(request(t.http).delete(`/api/meeting-series/${first.seriesId}`).set(fran.auth)),
      () => start(request(t.http).patch(`/api/meeting-series/${first.seriesId}`).set(fran.auth).send({ location: 'Room 3' })),
    );
    expect(cancelled.status).toBe(204);
    expect(edited.status).toBe(409);
    const rows = (await t.db.query(`SELECT "status", "sequence", "location" FROM "meetings" WHERE "seriesId" = $1`, [first.seriesId])) as { status: string; sequence: number; location: string }[];
    expect(rows).toEqual(Array(3).fill({ status: 'cancelled', sequence: 1, location: 'Room 1' }));
  });
});
