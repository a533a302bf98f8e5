import { DateTime } from 'luxon';
import ICAL from 'ical.js';
import { DEFAULT_AGENDA, type AttendanceResponse, type MeetingDetailResponse, type MeetingResponse, type SetResponse } from '@als/shared';
import { JobsService } from '@api/jobs/jobs.service';
import { OutboxService, retryDelayMinutes } from '@api/mail/outbox.service';
import { request, startTestApp, TestApp } from './app';
import { addMember, createSet, registerUser, setWithRoles } from './factories';

const inDays = (days: number, time = { hour: 9, minute: 30 }) => DateTime.now().setZone('Europe/London').plus({ days }).set({ ...time, second: 0, millisecond: 0 });

describe('meeting page, set rules, series edits, replies on behalf, jobs and the outbox', () => {
  let t: TestApp;
  let world: Awaited<ReturnType<typeof setWithRoles>>;
  const schedule = (body: object, setId = world.set.id) => request(t.http).post(`/api/sets/${setId}/meetings`).set(world.facilitator.auth).send(body);
  const detail = (id: string, auth: Record<string, string>) => request(t.http).get(`/api/meetings/${id}`).set(auth);

  beforeAll(async () => {
    t = await startTestApp();
    world = await setWithRoles(t);
  });
  afterAll(() => t.close());

  describe('set rules', () => {
    it('defaults to 48 hours of notice and a quorum of 3, and takes other values or no quorum', async () => {
      expect(world.set).toMatchObject({ apologyNoticeHours: 48, quorum: 3 });
      const set = await createSet(t, world.facilitator, { apologyNoticeHours: 72, quorum: null });
      expect(set).toMatchObject({ apologyNoticeHours: 72, quorum: null });
      const updated = (await request(t.http).patch(`/api/sets/${set.id}`).set(world.facilitator.auth).send({ quorum: 4, apologyNoticeHours: 24 }).expect(200)).body as SetResponse;
      expect(updated).toMatchObject({ quorum: 4, apologyNoticeHours: 24 });
    });

    it.each([
      [{ apologyNoticeHours: -1 }, 'apologyNoticeHours'],
      [{ apologyNoticeHours: 2.5 }, 'apologyNoticeHours'],
      [{ apologyNoticeHours: null }, 'apologyNoticeHours'],
      [{ quorum: 0 }, 'quorum'],
      [{ quorum: 'three' }, 'quorum'],
      [{ quorum: 21 }, 'quorum'],
    ])('answers 400 for %j and changes nothing', async (body, field) => {
      expect((await request(t.http).patch(`/api/sets/${world.set.id}`).set(world.facilitator.auth).send(body).expect(400)).body.message).toContain(field);
      expect((await request(t.http).get(`/api/sets/${world.set.id}`).set(world.facilitator.auth).expect(200)).body).toMatchObject({ apologyNoticeHours: 48, quorum: 3 });
    });
  });

  describe('GET /api/meetings/:meetingId', () => {
    let meeting: MeetingResponse;
    beforeAll(async () => {
      meeting = (await schedule({ startsAt: inDays(20).toISO(), durationMinutes: 210, format: 'in-person', location: 'Room 2' }).expect(201)).body;
      await request(t.http).put(`/api/meetings/${meeting.id}/attendance`).set(world.member.auth).send({ status: 'apology', reason: 'Annual leave' }).expect(200);
      await request(t.http).put(`/api/meetings/${meeting.id}/attendance`).set(world.facilitator.auth).send({ status: 'attending' }).expect(200);
    });

    it('gives facilitators every reply with apology reasons, the agenda, the figures and quorum', async () => {
      const body = (await detail(meeting.id, world.facilitator.auth).expect(200)).body as MeetingDetailResponse;
      expect(body).toMatchObject({ id: meeting.id, setName: 'Practice set', setTimeZone: 'Europe/London', role: 'facilitator', agenda: DEFAULT_AGENDA, apologyNoticeHours: 48 });
      expect(body.attendance).toEqual({ attending: 1, apologies: 1, lateApologies: 0, mine: 'attending' });
      expect(body.quorum).toEqual({ required: 3, expected: 1, met: false });
      expect(body.replies).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ userId: world.member.id, status: 'apology', reason: 'Annual leave', late: false }),
          expect.objectContaining({ userId: world.facilitator.id, status: 'attending' }),
        ]),
      );
      expect(body.replies?.map((r) => r.userId)).not.toContain(world.sponsor.id);
      expect(body.replies?.map((r) => r.userId)).not.toContain(world.removed.id);
    });

    it("shows members who is coming but not other people's reasons, and sponsors the figures only", async () => {
      const asMember = (await detail(meeting.id, world.member.auth).expect(200)).body as MeetingDetailResponse;
      expect(asMember.replies?.find((r) => r.userId === world.member.id)?.reason).toBe('Annual leave');
      const other = await addMember(t, world.facilitator, world.set.id);
      const asOther = (await detail(meeting.id, other.auth).expect(200)).body as MeetingDetailResponse;
      expect(asOther.replies?.find((r) => r.userId === world.member.id)).toMatchObject({ status: 'apology' });
      expect(asOther.replies?.find((r) => r.userId === world.member.id)).not.toHaveProperty('reason');
      await request(t.http).delete(`/api/sets/${world.set.id}/members/${other.id}`).set(world.facilitator.auth).expect(204);
      const asSponsor = (await detail(meeting.id, world.sponsor.auth).expect(200)).body as MeetingDetailResponse;
      expect(asSponsor.replies).toBeUndefined();
      expect(asSponsor.attendance).toMatchObject({ attending: 1, apologies: 1 });
      expect(JSON.stringify(asSponsor)).not.toContain('Annual leave');
    });

    it('answers 404 to outsiders, removed members and unknown ids', async () => {
      for (const who of [world.outsider, world.removed]) await detail(meeting.id, who.auth).expect(404);
      await detail('00000000-0000-4000-8000-000000000000', world.facilitator.auth).expect(404);
      await detail('nope', world.facilitator.auth).expect(404);
    });
  });

  describe('late apologies', () => {
    it("marks an apology late when it comes with less notice than the set's rules ask", async () => {
      const soon = (await schedule({ startsAt: inDays(1).toISO(), durationMinutes: 60, format: 'online' }).expect(201)).body as MeetingResponse;
      const later = (await schedule({ startsAt: inDays(9).toISO(), durationMinutes: 60, format: 'online' }).expect(201)).body as MeetingResponse;
      const late = (await request(t.http).put(`/api/meetings/${soon.id}/attendance`).set(world.member.auth).send({ status: 'apology', reason: 'Ill' }).expect(200)).body as AttendanceResponse;
      expect(late.late).toBe(true);
      expect((await request(t.http).put(`/api/meetings/${later.id}/attendance`).set(world.member.auth).send({ status: 'apology' }).expect(200)).body.late).toBe(false);
      // Changing one's mind to attending clears the mark.
      expect((await request(t.http).put(`/api/meetings/${soon.id}/attendance`).set(world.member.auth).send({ status: 'attending' }).expect(200)).body.late).toBe(false);
      await request(t.http).put(`/api/meetings/${soon.id}/attendance`).set(world.member.auth).send({ status: 'apology' }).expect(200);
      expect((await detail(soon.id, world.facilitator.auth).expect(200)).body.attendance.lateApologies).toBe(1);
    });
  });

  describe('PUT /api/meetings/:meetingId/attendance/:userId (facilitator, on behalf)', () => {
    let inPerson: MeetingResponse;
    let online: MeetingResponse;
    beforeAll(async () => {
      inPerson = (await schedule({ startsAt: inDays(14).toISO(), durationMinutes: 180, format: 'in-person', location: 'Hall' }).expect(201)).body;
      online = (await schedule({ startsAt: inDays(15).toISO(), durationMinutes: 180, format: 'online' }).expect(201)).body;
    });
    const onBehalf = (meetingId: string, userId: string, auth: Record<string, string>, body: object = { status: 'attending' }) => request(t.http).put(`/api/meetings/${meetingId}/attendance/${userId}`).set(auth).send(body);

    it('records a reply for a member at a meeting in person, and says who recorded it', async () => {
      const reply = (await onBehalf(inPerson.id, world.member.id, world.facilitator.auth, { status: 'apology', reason: 'Phoned in sick' }).expect(200)).body as AttendanceResponse;
      expect(reply).toMatchObject({ userId: world.member.id, status: 'apology', reason: 'Phoned in sick', recordedBy: world.facilitator.id });
      const page = (await detail(inPerson.id, world.facilitator.auth).expect(200)).body as MeetingDetailResponse;
      expect(page.replies?.find((r) => r.userId === world.member.id)?.recordedBy).toBe(world.facilitator.displayName);
      // The person's own reply afterwards is theirs again.
      expect((await request(t.http).put(`/api/meetings/${inPerson.id}/attendance`).set(world.member.auth).send({ status: 'attending' }).expect(200)).body.recordedBy).toBeNull();
    });

    it('is refused to members (403), for online meetings (409), for people outside the set and sponsors (404), with bad bodies (400)', async () => {
      await onBehalf(inPerson.id, world.facilitator.id, world.member.auth).expect(403);
      await onBehalf(inPerson.id, world.member.id, world.sponsor.auth).expect(403);
      await onBehalf(inPerson.id, world.member.id, world.outsider.auth).expect(404);
      expect((await onBehalf(online.id, world.member.id, world.facilitator.auth).expect(409)).body.message).toContain('in person');
      for (const who of [world.outsider, world.removed, world.sponsor]) await onBehalf(inPerson.id, who.id, world.facilitator.auth).expect(404);
      await onBehalf(inPerson.id, 'nope', world.facilitator.auth).expect(404);
      expect((await onBehalf(inPerson.id, world.member.id, world.facilitator.auth, { status: 'present' }).expect(400)).body.message).toContain('status');
      const rows = await t.db.query('SELECT "userId" FROM meeting_attendance WHERE "meetingId" = $1', [online.id]);
      expect(rows).toEqual([]);
    });
  });

  describe('PATCH /api/meeting-series/:seriesId', () => {
    it('moves every meeting to come to the new time, keeps past ones and those changed on their own, and calendars agree', async () => {
      const first = (await schedule({ startsAt: '2020-03-03T09:30', durationMinutes: 180, format: 'in-person', location: 'Room A', recurrence: 'FREQ=YEARLY;COUNT=12' }).expect(201)).body as MeetingResponse;
      const all = async () => (await t.db.query('SELECT id, "startsAt", "endsAt", location, sequence, overridden FROM meetings WHERE "seriesId" = $1 ORDER BY "recurrenceId"', [first.seriesId])) as { id: string; startsAt: Date; endsAt: Date; location: string; sequence: number; overridden: boolean }[];
      const rows = await all();
      const future = rows.filter((r) => r.startsAt > new Date());
      const own = future[1];
      await request(t.http).patch(`/api/meetings/${own.id}`).set(world.facilitator.auth).send({ location: 'Library' }).expect(200);
      const changed = (await request(t.http).patch(`/api/meeting-series/${first.seriesId}`).set(world.facilitator.auth).send({ startTime: '10:00', durationMinutes: 150, location: 'Room B' }).expect(200)).body as MeetingResponse[];
      expect(changed.map((m) => m.id)).toEqual(future.filter((r) => r.id !== own.id).map((r) => r.id));
      const after = await all();
      for (const row of after) {
        const local = DateTime.fromJSDate(row.startsAt, { zone: 'Europe/London' });
        if (row.startsAt < new Date()) expect([local.toFormat('HH:mm'), row.location, row.sequence]).toEqual(['09:30', 'Room A', 0]);
        else if (row.id === own.id) expect([local.toFormat('HH:mm'), row.location]).toEqual(['09:30', 'Library']);
        else expect([local.toFormat('HH:mm'), (row.endsAt.getTime() - row.startsAt.getTime()) / 60_000, row.location, row.sequence]).toEqual(['10:00', 150, 'Room B', 1]);
      }
      const ics = (await request(t.http).get(`/api/meetings/${first.id}/ics`).set(world.member.auth).expect(200)).text;
      const events = new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
      const master = events.find((e) => !e.isRecurrenceException())!;
      expect(master.startDate.toString()).toContain('T10:00:00');
      expect(master.location).toBe('Room B');
      expect(master.sequence).toBe(1);
      const ownEvent = events.find((e) => e.isRecurrenceException() && e.location === 'Library');
      expect(ownEvent?.recurrenceId.toString()).toContain('T10:00:00');
      expect(ownEvent?.startDate.toString()).toContain('T09:30:00');
      // Past meetings stay at 09:30 as exceptions of the series at 10:00.
      expect(events.filter((e) => e.isRecurrenceException() && e.startDate.toString().includes('T09:30:00') && e.location === 'Room A').length).toBe(rows.length - future.length);
    });

    it('changes the agenda of the meetings to come without telling calendars', async () => {
      const first = (await schedule({ startsAt: inDays(40).toISO(), durationMinutes: 180, format: 'online', recurrence: 'FREQ=WEEKLY;INTERVAL=4;COUNT=3' }).expect(201)).body as MeetingResponse;
      // An agenda change of one occurrence does not take it out of the series.
      const own = (await request(t.http).patch(`/api/meetings/${first.id}`).set(world.facilitator.auth).send({ agenda: { ...DEFAULT_AGENDA, bidding: 20 } }).expect(200)).body as MeetingResponse;
      expect(own).toMatchObject({ overridden: false, sequence: 0 });
      const agenda = { ...DEFAULT_AGENDA, questions: 20, 'check-in': 3 };
      await request(t.http).patch(`/api/meeting-series/${first.seriesId}`).set(world.facilitator.auth).send({ agenda }).expect(200);
      const rows = await t.db.query('SELECT agenda, sequence FROM meetings WHERE "seriesId" = $1', [first.seriesId]);
      expect(rows).toEqual([{ agenda, sequence: 0 }, { agenda, sequence: 0 }, { agenda, sequence: 0 }]);
    });

    it.each([
      [{ startTime: '25:00' }, 'startTime'],
      [{ startTime: '9.30' }, 'startTime'],
      [{ durationMinutes: 5 }, 'durationMinutes'],
      [{ recurrence: 'FREQ=DAILY;COUNT=2' }, 'recurrence'],
      [{ agenda: { ...DEFAULT_AGENDA, questions: -1 } }, 'agenda'],
      [{ agenda: { ...DEFAULT_AGENDA, chat: 5 } }, 'chat'],
      [{}, 'Nothing to change'],
    ])('answers 400 for %j', async (body, text) => {
      const first = (await schedule({ startsAt: inDays(50).toISO(), durationMinutes: 60, format: 'online', recurrence: 'FREQ=WEEKLY;COUNT=2' }).expect(201)).body as MeetingResponse;
      expect(JSON.stringify((await request(t.http).patch(`/api/meeting-series/${first.seriesId}`).set(world.facilitator.auth).send(body).expect(400)).body.message)).toContain(text);
    });

    it('is for facilitators of the set only', async () => {
      const first = (await schedule({ startsAt: inDays(60).toISO(), durationMinutes: 60, format: 'online', recurrence: 'FREQ=WEEKLY;COUNT=2' }).expect(201)).body as MeetingResponse;
      for (const who of [world.member, world.sponsor]) await request(t.http).patch(`/api/meeting-series/${first.seriesId}`).set(who.auth).send({ startTime: '11:00' }).expect(403);
      for (const who of [world.outsider, world.removed]) await request(t.http).patch(`/api/meeting-series/${first.seriesId}`).set(who.auth).send({ startTime: '11:00' }).expect(404);
      await request(t.http).patch('/api/meeting-series/nope').set(world.facilitator.auth).send({ startTime: '11:00' }).expect(404);
      await request(t.http).delete(`/api/meeting-series/${first.seriesId}`).set(world.facilitator.auth).expect(204);
      expect((await request(t.http).patch(`/api/meeting-series/${first.seriesId}`).set(world.facilitator.auth).send({ startTime: '11:00' }).expect(409)).body.message).toContain('No meeting');
    });
  });

  describe('GET /api/sets/:setId/attendance', () => {
    it("gives the set's attendance so far: figures per meeting to all, each person's record to facilitators, one's own to members", async () => {
      const set = await createSet(t, world.facilitator, { name: 'History set' });
      const member = await addMember(t, world.facilitator, set.id);
      const sponsor = await addMember(t, world.facilitator, set.id, 'sponsor');
      const held = async (startsAt: string) => (await schedule({ startsAt, durationMinutes: 120, format: 'in-person', location: 'Room' }, set.id).expect(201)).body as MeetingResponse;
      const first = await held('2021-01-12T09:30');
      const second = await held('2021-02-16T09:30');
      const cancelled = await held('2021-03-16T09:30');
      await held(inDays(30).toISO()!); // to come: not in the history
      const record = (meetingId: string, userId: string, status: string) => request(t.http).put(`/api/meetings/${meetingId}/attendance/${userId}`).set(world.facilitator.auth).send({ status }).expect(200);
      await record(first.id, member.id, 'attending');
      await record(first.id, world.facilitator.id, 'attending');
      await record(second.id, member.id, 'apology');
      await request(t.http).delete(`/api/meetings/${cancelled.id}`).set(world.facilitator.auth).expect(204);

      const asFacilitator = (await request(t.http).get(`/api/sets/${set.id}/attendance`).set(world.facilitator.auth).expect(200)).body;
      expect(asFacilitator.meetings.map((m: { id: string; status: string; attending: number; apologies: number }) => [m.id, m.status, m.attending, m.apologies])).toEqual([
        [first.id, 'scheduled', 2, 0],
        [second.id, 'scheduled', 0, 1],
        [cancelled.id, 'cancelled', 0, 0],
      ]);
      expect(asFacilitator.people).toEqual([
        { userId: world.facilitator.id, displayName: world.facilitator.displayName, role: 'facilitator', attending: 1, apologies: 0, lateApologies: 0, noReply: 1 },
        { userId: member.id, displayName: member.displayName, role: 'member', attending: 1, apologies: 1, lateApologies: 1, noReply: 0 },
      ]);
      const asMember = (await request(t.http).get(`/api/sets/${set.id}/attendance`).set(member.auth).expect(200)).body;
      expect(asMember.people.map((p: { userId: string }) => p.userId)).toEqual([member.id]);
      const asSponsor = (await request(t.http).get(`/api/sets/${set.id}/attendance`).set(sponsor.auth).expect(200)).body;
      expect(asSponsor.people).toBeUndefined();
      expect(asSponsor.meetings).toHaveLength(3);
      await request(t.http).get(`/api/sets/${set.id}/attendance`).set(world.outsider.auth).expect(404);
      await request(t.http).get(`/api/sets/${set.id}/attendance`).expect(401);
    });
  });

  describe('PATCH /api/me', () => {
    it('changes name, zone and reminders, and refuses bad values', async () => {
      const person = await registerUser(t);
      const me = (await request(t.http).patch('/api/me').set(person.auth).send({ displayName: 'Renamed', timeZone: 'Asia/Kolkata', meetingReminders: false }).expect(200)).body;
      expect(me).toMatchObject({ displayName: 'Renamed', timeZone: 'Asia/Kolkata', meetingReminders: false });
      expect((await request(t.http).get('/api/me').set(person.auth).expect(200)).body).toMatchObject({ displayName: 'Renamed', timeZone: 'Asia/Kolkata', meetingReminders: false });
      for (const [body, field] of [[{ timeZone: 'Mars/Olympus' }, 'timeZone'], [{ meetingReminders: 'no' }, 'meetingReminders'], [{ displayName: '' }, 'displayName'], [{ email: 'x@y.z' }, 'email']] as const) {
        expect((await request(t.http).patch('/api/me').set(person.auth).send(body).expect(400)).body.message).toContain(field);
      }
      await request(t.http).patch('/api/me').send({ meetingReminders: true }).expect(401);
    });
  });

  describe('jobs on pg-boss', () => {
    it('runs the meeting-notices job in a process with jobs on: a reminder due now goes out', async () => {
      const jobs = await startTestApp({ JOBS_ENABLED: 'true' });
      try {
        const set = await createSet(t, world.facilitator, { name: 'Jobs set' });
        const member = await addMember(t, world.facilitator, set.id);
        const meeting = (await schedule({ startsAt: DateTime.now().plus({ days: 9 }).toISO(), durationMinutes: 60, format: 'online' }, set.id).expect(201)).body as MeetingResponse;
        // Make the meeting due for its 1-day reminder now, as if created long ago.
        await t.db.query(`UPDATE meetings SET "startsAt" = now() + interval '20 hours', "endsAt" = now() + interval '21 hours', "createdAt" = now() - interval '9 days' WHERE id = $1`, [meeting.id]);
        expect(await jobs.app.get(JobsService).runNow('meeting-notices')).toEqual(expect.any(String));
        let rows: unknown[] = [];
        for (let i = 0; i < 60 && rows.length === 0; i++) {
          await new Promise((r) => setTimeout(r, 250));
          rows = await t.db.query(`SELECT kind FROM meeting_notifications WHERE "meetingId" = $1 AND "userId" = $2`, [meeting.id, member.id]);
        }
        expect(rows).toEqual([{ kind: expect.stringMatching(/^reminder-1d@/) }]);
        const schedules = await t.db.query(`SELECT name FROM pgboss.schedule ORDER BY name`);
        expect(schedules).toEqual([{ name: 'account-cleanup' }, { name: 'badge-reminders' }, { name: 'facilitation-notices' }, { name: 'mail-outbox' }, { name: 'meeting-notices' }, { name: 'round-deadlines' }, { name: 'round-digest' }, { name: 'set-retention' }]);
      } finally {
        await jobs.close();
      }
    });
  });

  describe('the e-mail outbox', () => {
    it('keeps a message it could not send, with the error, and retries it later with back-off; gives up after 8 attempts', async () => {
      // The other app on this database may still be draining what earlier tests queued: once it is done it sends nothing more here.
      await t.app.get(OutboxService).drain();
      const failing = await startTestApp({ SMTP_URL: 'smtp://127.0.0.1:9' });
      try {
        const outbox = failing.app.get(OutboxService);
        await outbox.enqueue([{ to: 'nobody@example.org', subject: 'Outbox test', text: 'Hello', html: '<p>Hello</p>' }]);
        await outbox.drain();
        const [row] = await t.db.query(`SELECT status, attempts, "lastError", "nextAttemptAt" > now() AS later FROM mail_outbox WHERE subject = 'Outbox test'`);
        expect(row).toMatchObject({ status: 'pending', attempts: 1, later: true });
        expect(row.lastError).toMatch(/ECONNREFUSED|connect/i);
        expect(await outbox.drain()).toBe(0); // not due yet: nothing tried
        expect((await t.db.query(`SELECT attempts FROM mail_outbox WHERE subject = 'Outbox test'`))[0].attempts).toBe(1);
        // Due a second ago: PostgreSQL's now() has microseconds and the API's clock milliseconds, so "due now" could be a fraction of a millisecond in the future.
        await t.db.query(`UPDATE mail_outbox SET attempts = 7, "nextAttemptAt" = now() - interval '1 second' WHERE subject = 'Outbox test'`);
        // A claim skips rows another connection holds (SKIP LOCKED): drain again until this one was tried, then it was tried once.
        let after: { status: string; attempts: number } = { status: 'pending', attempts: 7 };
        for (let i = 0; i < 20 && after.status === 'pending'; i++) {
          await outbox.drain();
          [after] = await t.db.query(`SELECT status, attempts FROM mail_outbox WHERE subject = 'Outbox test'`);
          if (after.status === 'pending') await new Promise((r) => setTimeout(r, 100));
        }
        expect(after).toEqual({ status: 'failed', attempts: 8 });
        expect([1, 2, 3, 4, 7, 9].map(retryDelayMinutes)).toEqual([1, 2, 4, 8, 60, 60]);
      } finally {
        await failing.close();
      }
    });
  });
});
