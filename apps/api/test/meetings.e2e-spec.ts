import { DateTime } from 'luxon';
import type { MeetingResponse } from '@als/shared';
import { request, startTestApp, TestApp } from './app';
import { createSet, registerUser, setWithRoles } from './factories';

describe('meetings', () => {
  let t: TestApp;
  let world: Awaited<ReturnType<typeof setWithRoles>>;
  beforeAll(async () => {
    t = await startTestApp();
    world = await setWithRoles(t);
  });
  afterAll(() => t.close());

  const schedule = (body: object, auth = world.facilitator.auth, setId = world.set.id) => request(t.http).post(`/api/sets/${setId}/meetings`).set(auth).send(body);
  const list = async (query: string, auth = world.member.auth) => (await request(t.http).get(`/api/sets/${world.set.id}/meetings?${query}`).set(auth).expect(200)).body as MeetingResponse[];
  const count = async () => Number((await t.db.query('SELECT count(*)::int AS n FROM meetings'))[0].n);

  describe('POST /api/sets/:setId/meetings', () => {
    it('schedules a single in-person meeting at wall time in the set\'s zone', async () => {
      const response = await schedule({ startsAt: '2027-07-06T09:30', durationMinutes: 210, format: 'in-person', location: 'Room 4, Civic Centre' }).expect(201);
      expect(response.body).toMatchObject({ id: expect.any(String), seriesId: null, startsAt: '2027-07-06T08:30:00.000Z', endsAt: '2027-07-06T12:00:00.000Z', timeZone: 'Europe/London', format: 'in-person', location: 'Room 4, Civic Centre', status: 'scheduled', sequence: 0 });
    });

    it('reads a start with an offset as that instant', async () => {
      const response = await schedule({ startsAt: '2027-07-07T10:00:00-04:00', timeZone: 'America/New_York', durationMinutes: 60, format: 'online', videoUrl: 'https://meet.example.org/x' }).expect(201);
      expect(response.body).toMatchObject({ startsAt: '2027-07-07T14:00:00.000Z', timeZone: 'America/New_York', videoUrl: 'https://meet.example.org/x' });
    });

    it('stores every occurrence of a series at 09:30 London across both daylight-saving changes', async () => {
      const created = await schedule({ startsAt: '2028-02-01T09:30', durationMinutes: 210, format: 'in-person', recurrence: 'RRULE:FREQ=WEEKLY;INTERVAL=5;COUNT=8' }).expect(201);
      const first = created.body as MeetingResponse;
      expect(first).toMatchObject({ seriesId: expect.any(String), recurrence: 'FREQ=WEEKLY;INTERVAL=5;COUNT=8', startsAt: '2028-02-01T09:30:00.000Z' });
      const series = (await list('from=2028-01-01&to=2028-12-31')).filter((m) => m.seriesId === first.seriesId);
      expect(series).toHaveLength(8);
      expect(new Set(series.map((m) => m.id)).size).toBe(8);
      expect(series.map((m) => DateTime.fromISO(m.startsAt).setZone('Europe/London').toFormat('HH:mm'))).toEqual(Array(8).fill('09:30'));
      expect(series.map((m) => DateTime.fromISO(m.startsAt).setZone('Europe/London').offset)).toEqual([0, 0, 60, 60, 60, 60, 60, 60]);
      // Members elsewhere: the same instants, their own wall time.
      expect(DateTime.fromISO(series[2].startsAt).setZone('America/New_York').toFormat('HH:mm')).toBe('04:30');
      expect(DateTime.fromISO(series[2].startsAt).setZone('Asia/Kolkata').toFormat('HH:mm')).toBe('14:00');
    });

    it.each([
      ['an unknown time zone', { timeZone: 'Mars/Olympus' }, 'timeZone'],
      ['a date that is not ISO', { startsAt: '02/01/2028 09:30' }, 'startsAt'],
      ['a date with no time', { startsAt: '2028-02-01' }, 'startsAt'],
      ['an impossible date', { startsAt: '2028-02-30T09:30' }, 'startsAt'],
      ['a duration under 15 minutes (end before or at start)', { durationMinutes: 0 }, 'durationMinutes'],
      ['a negative duration', { durationMinutes: -60 }, 'durationMinutes'],
      ['a duration that is not a number', { durationMinutes: 'long' }, 'durationMinutes'],
      ['an unknown format', { format: 'hybrid' }, 'format'],
      ['a video link that is not http(s)', { videoUrl: 'javascript:alert(1)' }, 'videoUrl'],
      ['an RRULE syntax error', { recurrence: 'FREQ=WEEKLY;COUNT=abc' }, 'recurrence'],
      ['an endless rule', { recurrence: 'FREQ=WEEKLY' }, 'recurrence'],
      ['an hourly rule', { recurrence: 'FREQ=HOURLY;COUNT=3' }, 'recurrence'],
      ['too many meetings', { recurrence: 'FREQ=DAILY;COUNT=400' }, 'recurrence'],
      ['an unknown field', { room: 'A' }, 'room'],
    ])('answers 400 for %s, naming the field, writing nothing', async (_, change, field) => {
      const before = await count();
      const response = await schedule({ startsAt: '2028-03-01T09:30', durationMinutes: 120, format: 'in-person', ...change }).expect(400);
      expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(response.body.message).toContain(field);
      expect(await count()).toBe(before);
    });

    it.each([
      ['member', 403],
      ['sponsor', 403],
      ['removed', 404],
      ['outsider', 404],
    ] as const)('answers %s with %i', async (who, status) => {
      await schedule({ startsAt: '2028-03-01T09:30', durationMinutes: 120, format: 'in-person' }, world[who].auth).expect(status);
    });

    it('answers 401 without credentials', async () => {
      await request(t.http).post(`/api/sets/${world.set.id}/meetings`).send({ startsAt: '2028-03-01T09:30', durationMinutes: 120, format: 'in-person' }).expect(401);
    });
  });

  describe('GET /api/sets/:setId/meetings', () => {
    it('lists only the range asked for, in order, for members and sponsors', async () => {
      const fran = await registerUser(t);
      const set = await createSet(t, fran, { timeZone: 'Asia/Kolkata' });
      for (const startsAt of ['2029-03-10T10:00', '2029-01-10T10:00', '2029-06-10T10:00']) await schedule({ startsAt, durationMinutes: 60, format: 'online' }, fran.auth, set.id).expect(201);
      const response = await request(t.http).get(`/api/sets/${set.id}/meetings?from=2029-01-01&to=2029-04-01`).set(fran.auth).expect(200);
      expect((response.body as MeetingResponse[]).map((m) => m.startsAt)).toEqual(['2029-01-10T04:30:00.000Z', '2029-03-10T04:30:00.000Z']);
      expect((await list('from=2027-01-01&to=2030-01-01', world.sponsor.auth)).length).toBeGreaterThan(0);
    });

    it.each([
      ['from=yesterday', 'from'],
      ['to=2028-13-01', 'to'],
      ['from=2028-05-01&to=2028-01-01', 'to'],
      ['limit=5', 'limit'],
    ])('answers 400 for ?%s', async (query, field) => {
      const response = await request(t.http).get(`/api/sets/${world.set.id}/meetings?${query}`).set(world.member.auth).expect(400);
      expect(response.body.message).toContain(field);
    });

    it.each([['removed', 404], ['outsider', 404]] as const)('answers %s with %i', async (who, status) => {
      await request(t.http).get(`/api/sets/${world.set.id}/meetings`).set(world[who].auth).expect(status);
    });
  });

  describe('PATCH and DELETE /api/meetings/:meetingId', () => {
    it('moves one occurrence of a series and leaves the others', async () => {
      const first = await schedule({ startsAt: '2031-01-07T09:30', durationMinutes: 120, format: 'in-person', recurrence: 'FREQ=WEEKLY;COUNT=3' }).expect(201);
      const moved = await request(t.http).patch(`/api/meetings/${first.body.id}`).set(world.facilitator.auth).send({ startsAt: '2031-01-08T10:00', durationMinutes: 60 }).expect(200);
      expect(moved.body).toMatchObject({ startsAt: '2031-01-08T10:00:00.000Z', endsAt: '2031-01-08T11:00:00.000Z', sequence: 1, seriesId: first.body.seriesId });
      const series = (await list('from=2031-01-01&to=2031-02-01')).filter((m) => m.seriesId === first.body.seriesId);
      expect(series.map((m) => m.startsAt)).toEqual(['2031-01-08T10:00:00.000Z', '2031-01-14T09:30:00.000Z', '2031-01-21T09:30:00.000Z']);
    });

    it('cancels a meeting: listed as cancelled, replies closed, cancelling again changes nothing', async () => {
      const meeting = (await schedule({ startsAt: '2031-03-04T09:30', durationMinutes: 120, format: 'online' }).expect(201)).body as MeetingResponse;
      await request(t.http).delete(`/api/meetings/${meeting.id}`).set(world.facilitator.auth).expect(204);
      await request(t.http).delete(`/api/meetings/${meeting.id}`).set(world.facilitator.auth).expect(204);
      const listed = (await list('from=2031-03-01&to=2031-03-31')).find((m) => m.id === meeting.id);
      expect(listed).toMatchObject({ status: 'cancelled', sequence: 1 });
      await request(t.http).put(`/api/meetings/${meeting.id}/attendance`).set(world.member.auth).send({ status: 'attending' }).expect(409);
      await request(t.http).patch(`/api/meetings/${meeting.id}`).set(world.facilitator.auth).send({ location: 'x' }).expect(409);
    });

    it.each([
      ['member', 403],
      ['sponsor', 403],
      ['removed', 404],
      ['outsider', 404],
    ] as const)('refuses %s with %i and changes nothing', async (who, status) => {
      const meeting = (await schedule({ startsAt: '2031-04-01T09:30', durationMinutes: 120, format: 'in-person' }).expect(201)).body as MeetingResponse;
      await request(t.http).patch(`/api/meetings/${meeting.id}`).set(world[who].auth).send({ location: 'Elsewhere' }).expect(status);
      await request(t.http).delete(`/api/meetings/${meeting.id}`).set(world[who].auth).expect(status);
      const [row] = await t.db.query('SELECT status, location, sequence FROM meetings WHERE id = $1', [meeting.id]);
      expect(row).toEqual({ status: 'scheduled', location: '', sequence: 0 });
    });

    it.each([
      ['a duration under 15 minutes', { durationMinutes: 5 }, 'durationMinutes'],
      ['an unknown format', { format: 'hybrid' }, 'format'],
      ['a bad date', { startsAt: 'next tuesday' }, 'startsAt'],
      ['a rule (series are not re-ruled here)', { recurrence: 'FREQ=DAILY;COUNT=2' }, 'recurrence'],
    ])('answers 400 for %s', async (_, body, field) => {
      const meeting = (await schedule({ startsAt: '2031-05-06T09:30', durationMinutes: 120, format: 'in-person' }).expect(201)).body as MeetingResponse;
      const response = await request(t.http).patch(`/api/meetings/${meeting.id}`).set(world.facilitator.auth).send(body).expect(400);
      expect(response.body.message).toContain(field);
    });
  });

  describe('DELETE /api/meeting-series/:seriesId', () => {
    it('cancels the occurrences to come and keeps the past ones', async () => {
      const past = (await schedule({ startsAt: '2020-06-02T09:30', durationMinutes: 60, format: 'online', recurrence: 'FREQ=YEARLY;COUNT=12' }).expect(201)).body as MeetingResponse;
      for (const who of ['member', 'sponsor'] as const) await request(t.http).delete(`/api/meeting-series/${past.seriesId}`).set(world[who].auth).expect(403);
      for (const who of ['removed', 'outsider'] as const) await request(t.http).delete(`/api/meeting-series/${past.seriesId}`).set(world[who].auth).expect(404);
      await request(t.http).delete('/api/meeting-series/not-a-uuid').set(world.facilitator.auth).expect(404);
      await request(t.http).delete(`/api/meeting-series/${past.seriesId}`).set(world.facilitator.auth).expect(204);
      const rows: { status: string; past: boolean; sequence: number }[] = await t.db.query('SELECT status, "startsAt" < now() AS past, sequence FROM meetings WHERE "seriesId" = $1', [past.seriesId]);
      expect(rows).toHaveLength(12);
      for (const row of rows) expect(row).toEqual(row.past ? { status: 'scheduled', past: true, sequence: 0 } : { status: 'cancelled', past: false, sequence: 1 });
      expect(rows.some((r) => r.past) && rows.some((r) => !r.past)).toBe(true);
    });
  });

  describe('PUT /api/meetings/:meetingId/attendance', () => {
    let meetingId: string;
    beforeAll(async () => {
      meetingId = (await schedule({ startsAt: '2030-05-07T09:30', durationMinutes: 120, format: 'in-person' }).expect(201)).body.id;
    });
    const reply = (body: object, auth: Record<string, string>, id = meetingId) => request(t.http).put(`/api/meetings/${id}/attendance`).set(auth).send(body);

    it('records a reply and lets the person change it, one record each', async () => {
      const first = await reply({ status: 'attending' }, world.member.auth).expect(200);
      expect(first.body).toMatchObject({ meetingId, userId: world.member.id, status: 'attending', reason: '' });
      const second = await reply({ status: 'apology', reason: 'Court hearing' }, world.member.auth).expect(200);
      expect(second.body).toMatchObject({ status: 'apology', reason: 'Court hearing' });
      const rows = await t.db.query('SELECT status FROM meeting_attendance WHERE "meetingId" = $1 AND "userId" = $2', [meetingId, world.member.id]);
      expect(rows).toEqual([{ status: 'apology' }]);
      await reply({ status: 'attending' }, world.facilitator.auth).expect(200);
      const listed = (await list('from=2030-05-07&to=2030-05-08')).find((m) => m.id === meetingId);
      expect(listed?.attendance).toEqual({ attending: 1, apologies: 1, lateApologies: 0, mine: 'apology' });
    });

    it.each([
      ['sponsor', 403],
      ['removed', 404],
      ['outsider', 404],
    ] as const)('answers %s with %i and writes nothing', async (who, status) => {
      await reply({ status: 'attending' }, world[who].auth).expect(status);
      const rows = await t.db.query('SELECT 1 FROM meeting_attendance WHERE "userId" = $1', [world[who].id]);
      expect(rows).toHaveLength(0);
    });

    it.each([
      ['an unknown status', { status: 'maybe' }, 'status'],
      ['no status', { reason: 'x' }, 'status'],
      ['a reason that is not text', { status: 'apology', reason: 5 }, 'reason'],
      ['an unknown field', { status: 'attending', userId: 'someone' }, 'userId'],
    ])('answers 400 for %s', async (_, body, field) => {
      const response = await reply(body, world.member.auth).expect(400);
      expect(response.body.message).toContain(field);
    });

    it('answers 404 for an unknown or malformed meeting id, 401 without credentials', async () => {
      await reply({ status: 'attending' }, world.member.auth, '00000000-0000-4000-8000-000000000000').expect(404);
      await reply({ status: 'attending' }, world.member.auth, 'nope').expect(404);
      await request(t.http).put(`/api/meetings/${meetingId}/attendance`).send({ status: 'attending' }).expect(401);
    });

    it('closes replies once the meeting has started (409)', async () => {
      const past = (await schedule({ startsAt: '2020-01-07T09:30', durationMinutes: 60, format: 'online' }).expect(201)).body.id as string;
      expect((await reply({ status: 'apology' }, world.member.auth, past).expect(409)).body.message).toContain('already started');
    });
  });
});
