import ICAL from 'ical.js';
import type { MeResponse, MeetingResponse } from '@als/shared';
import { request, startTestApp, TestApp } from './app';
import { createSet, registerUser, setWithRoles, TestUser } from './factories';

/** The VEVENTs of a calendar, read by an independent parser. */
function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  return { calendar, events: calendar.getAllSubcomponents('vevent') };
}

describe('calendars', () => {
  let t: TestApp;
  let world: Awaited<ReturnType<typeof setWithRoles>>;
  beforeAll(async () => {
    t = await startTestApp();
    world = await setWithRoles(t);
  });
  afterAll(() => t.close());

  const schedule = async (body: object, who: TestUser = world.facilitator, setId = world.set.id) =>
    (await request(t.http).post(`/api/sets/${setId}/meetings`).set(who.auth).send({ durationMinutes: 210, format: 'in-person', location: 'Room 4; Civic Centre, Leeds', ...body }).expect(201)).body as MeetingResponse;
  const ics = (meetingId: string, who: TestUser = world.member) => request(t.http).get(`/api/meetings/${meetingId}/ics`).set(who.auth);
  const feedPath = (me: MeResponse) => new URL(me.calendarFeedUrl).pathname;

  describe('GET /api/meetings/:meetingId/ics', () => {
    it('gives one VEVENT with a stable UID, its London time zone and the place', async () => {
      const meeting = await schedule({ startsAt: '2027-07-06T09:30' });
      const response = await ics(meeting.id).expect(200);
      expect(response.headers['content-type']).toMatch(/^text\/calendar/);
      const { events } = parse(response.text);
      expect(events).toHaveLength(1);
      const event = new ICAL.Event(events[0]);
      expect(event.uid).toBe(`${meeting.id}@app.test`);
      expect(events[0].getFirstProperty('dtstart')?.getParameter('tzid')).toBe('Europe/London');
      expect(event.startDate.zone?.tzid).toBe('Europe/London');
      expect(event.startDate.toString()).toBe('2027-07-06T09:30:00');
      expect(event.startDate.toJSDate().toISOString()).toBe('2027-07-06T08:30:00.000Z');
      expect(event.endDate.toJSDate().toISOString()).toBe('2027-07-06T12:00:00.000Z');
      expect(event.location).toBe('Room 4; Civic Centre, Leeds');
      expect(events[0].getFirstPropertyValue('sequence')).toBe(0);
      expect((await ics(meeting.id).expect(200)).text).toContain(`UID:${meeting.id}@app.test`);
    });

    it('gives a series as one VEVENT with its RRULE, which a client expands at 09:30 London across daylight saving', async () => {
      const first = await schedule({ startsAt: '2028-02-01T09:30', recurrence: 'FREQ=WEEKLY;INTERVAL=5;COUNT=8' });
      const { events } = parse((await ics(first.id).expect(200)).text);
      expect(events).toHaveLength(1);
      const event = new ICAL.Event(events[0]);
      expect(event.uid).toBe(`${first.seriesId}@app.test`);
      expect(events[0].getFirstPropertyValue('rrule')?.toString()).toBe('FREQ=WEEKLY;COUNT=8;INTERVAL=5');
      const iterator = event.iterator();
      const starts: string[] = [];
      for (let next = iterator.next(); next; next = iterator.next()) starts.push(next.toJSDate().toISOString());
      const listed = ((await request(t.http).get(`/api/sets/${world.set.id}/meetings?from=2028-01-01&to=2028-12-31`).set(world.member.auth).expect(200)).body as MeetingResponse[])
        .filter((m) => m.seriesId === first.seriesId)
        .map((m) => m.startsAt);
      expect(starts).toEqual(listed);
      expect(starts[0]).toBe('2028-02-01T09:30:00.000Z');
      expect(starts[2]).toBe('2028-04-11T08:30:00.000Z');
    });

    it('lists a cancelled occurrence as an EXDATE and raises the SEQUENCE', async () => {
      const first = await schedule({ startsAt: '2029-01-09T09:30', recurrence: 'FREQ=MONTHLY;COUNT=3' });
      await t.db.query(`UPDATE meetings SET status = 'cancelled', sequence = sequence + 1 WHERE "seriesId" = $1 AND "startsAt" = (SELECT max("startsAt") FROM meetings WHERE "seriesId" = $1)`, [first.seriesId]);
      const { events } = parse((await ics(first.id).expect(200)).text);
      const exdate = events[0].getFirstPropertyValue('exdate') as ICAL.Time;
      expect(exdate.toJSDate().toISOString()).toBe('2029-03-09T09:30:00.000Z');
      expect(events[0].getFirstPropertyValue('sequence')).toBe(1);
    });

    it('moves and cancels occurrences through the API: an override with RECURRENCE-ID, an EXDATE, rising SEQUENCE', async () => {
      const first = await schedule({ startsAt: '2029-09-04T09:30', recurrence: 'FREQ=WEEKLY;COUNT=4' });
      const all = ((await request(t.http).get(`/api/sets/${world.set.id}/meetings?from=2029-09-01&to=2029-10-01`).set(world.member.auth).expect(200)).body as MeetingResponse[]).filter((m) => m.seriesId === first.seriesId);
      const moved = await request(t.http).patch(`/api/meetings/${all[1].id}`).set(world.facilitator.auth).send({ startsAt: '2029-09-12T14:00', location: 'Room 9' }).expect(200);
      expect(moved.body).toMatchObject({ id: all[1].id, startsAt: '2029-09-12T13:00:00.000Z', location: 'Room 9', sequence: 1 });
      await request(t.http).delete(`/api/meetings/${all[2].id}`).set(world.facilitator.auth).expect(204);

      const { events } = parse((await ics(first.id).expect(200)).text);
      expect(events).toHaveLength(2);
      const [master, override] = events;
      expect((master.getFirstPropertyValue('exdate') as ICAL.Time).toJSDate().toISOString()).toBe(all[2].startsAt);
      expect(master.getFirstPropertyValue('sequence')).toBe(1);
      expect(new ICAL.Event(override).uid).toBe(`${first.seriesId}@app.test`);
      expect((override.getFirstPropertyValue('recurrence-id') as ICAL.Time).toJSDate().toISOString()).toBe(all[1].startsAt);
      expect(new ICAL.Event(override).startDate.toJSDate().toISOString()).toBe('2029-09-12T13:00:00.000Z');
      expect(new ICAL.Event(override).location).toBe('Room 9');
    });

    it('marks a cancelled single meeting as CANCELLED with a higher SEQUENCE and the same UID', async () => {
      const meeting = await schedule({ startsAt: '2029-05-01T14:00' });
      await t.db.query(`UPDATE meetings SET status = 'cancelled', sequence = 1 WHERE id = $1`, [meeting.id]);
      const { events } = parse((await ics(meeting.id).expect(200)).text);
      expect(events[0].getFirstPropertyValue('status')).toBe('CANCELLED');
      expect(events[0].getFirstPropertyValue('sequence')).toBe(1);
      expect(new ICAL.Event(events[0]).uid).toBe(`${meeting.id}@app.test`);
    });

    it('is there for sponsors (the schedule), not for people outside the set', async () => {
      const meeting = await schedule({ startsAt: '2029-06-01T09:30' });
      await ics(meeting.id, world.sponsor).expect(200);
      await ics(meeting.id, world.removed).expect(404);
      await ics(meeting.id, world.outsider).expect(404);
      await ics('not-a-uuid', world.member).expect(404);
      await request(t.http).get(`/api/meetings/${meeting.id}/ics`).expect(401);
    });
  });

  describe('GET /api/calendar/:feedToken.ics', () => {
    it('carries the meetings of all the person\'s sets and no others, without signing in', async () => {
      const pat = await registerUser(t, { timeZone: 'Asia/Kolkata' });
      const mine = await createSet(t, pat, { name: 'Mine', timeZone: 'America/New_York' });
      const ours = await schedule({ startsAt: '2030-01-15T10:00' }, pat, mine.id);
      const theirs = await schedule({ startsAt: '2030-01-16T10:00' });
      const me = (await request(t.http).get('/api/me').set(pat.auth).expect(200)).body as MeResponse;
      const response = await request(t.http).get(feedPath(me)).expect(200);
      const { events } = parse(response.text);
      const uids = events.map((e) => new ICAL.Event(e).uid);
      expect(uids).toEqual([`${ours.id}@app.test`]);
      expect(uids).not.toContain(`${theirs.id}@app.test`);
      expect(new ICAL.Event(events[0]).startDate.toJSDate().toISOString()).toBe('2030-01-15T15:00:00.000Z');
    });

    it('stops working for the old address once the person resets it', async () => {
      const pat = await registerUser(t);
      const before = (await request(t.http).get('/api/me').set(pat.auth).expect(200)).body as MeResponse;
      await request(t.http).get(feedPath(before)).expect(200);
      const reset = (await request(t.http).post('/api/me/calendar-feed/reset').set(pat.auth).expect(200)).body as MeResponse;
      expect(reset.calendarFeedUrl).not.toBe(before.calendarFeedUrl);
      await request(t.http).get(feedPath(before)).expect(404);
      await request(t.http).get(feedPath(reset)).expect(200);
      expect(((await request(t.http).get('/api/me').set(pat.auth).expect(200)).body as MeResponse).calendarFeedUrl).toBe(reset.calendarFeedUrl);
    });

    it('drops a set\'s meetings from the feed of someone removed from it', async () => {
      const meeting = await schedule({ startsAt: '2030-02-01T09:30' });
      const me = (await request(t.http).get('/api/me').set(world.removed.auth).expect(200)).body as MeResponse;
      expect((await request(t.http).get(feedPath(me)).expect(200)).text).not.toContain(meeting.id);
    });

    it.each(['/api/calendar/unknown-token-0000000000.ics', '/api/calendar/abc.ics', '/api/calendar/token-without-suffix-000000'])('answers 404 for %s', async (path) => {
      await request(t.http).get(path).expect(404);
    });
  });
});
