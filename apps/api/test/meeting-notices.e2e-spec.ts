import { DateTime } from 'luxon';
import type { AttendanceResponse, MeetingResponse, RsvpPreviewResponse } from '@als/shared';
import { TestClock } from '@api/common/clock';
import { OutboxService } from '@api/mail/outbox.service';
import { MeetingNoticesService } from '@api/meetings/meeting-notices.service';
import { request, startTestApp, TestApp } from './app';
import { addMember, createSet, registerUser, setWithRoles, TestUser } from './factories';
import { linkIn, parsedMails } from './mail';

/** A meeting start `days` from now, at 09:30 London time, as ISO with offset. */
const inDays = (days: number, time = { hour: 9, minute: 30 }) => DateTime.now().setZone('Europe/London').plus({ days }).set({ ...time, second: 0, millisecond: 0 }).toISO()!;

describe('meeting e-mails: announcements, one-click replies, reminders, quorum', () => {
  // The API's time: now, unless a sweep is run at another moment (each test starts from now again).
  const clock = new TestClock();
  let t: TestApp;
  let world: Awaited<ReturnType<typeof setWithRoles>>;
  const settle = () => t.app.get(OutboxService).drain();
  const mailsTo = async (who: TestUser) => (await parsedMails(t.mailDir)).filter((m) => m.to.includes(who.email));
  const schedule = (body: object, setId = world.set.id, auth = world.facilitator.auth) => request(t.http).post(`/api/sets/${setId}/meetings`).set(auth).send(body);

  beforeAll(async () => {
    t = await startTestApp({}, { clock });
    world = await setWithRoles(t);
  });
  afterEach(() => clock.set(new Date()));
  afterAll(() => t.close());

  describe('announcements', () => {
    it('sends everyone in the set the series with a REQUEST calendar; participants get reply links, the sponsor does not', async () => {
      const first = (await schedule({ startsAt: inDays(20).slice(0, 16), timeZone: 'Europe/London', durationMinutes: 210, format: 'in-person', location: 'Room 4, Civic Centre', recurrence: 'FREQ=WEEKLY;INTERVAL=5;COUNT=6' }).expect(201)).body as MeetingResponse;
      await settle();
      for (const who of [world.facilitator, world.member, world.sponsor]) {
        const mail = (await mailsTo(who)).find((m) => m.subject.startsWith('Meetings scheduled'));
        expect(mail).toBeDefined();
        expect(mail!.text).toContain('will meet every 5 weeks, 6 meetings. The next meeting:');
        expect(mail!.text).toContain('Room 4, Civic Centre');
        expect(mail!.calendar?.method).toBe('REQUEST');
        const [event] = mail!.calendar!.events;
        expect(event.uid).toBe(`${first.seriesId}@app.test`);
        expect(event.component.getFirstPropertyValue('rrule')?.toString()).toBe('FREQ=WEEKLY;COUNT=6;INTERVAL=5');
        expect(String(event.component.getFirstPropertyValue('attendee'))).toBe(`mailto:${who.email}`);
        expect(event.startDate.toJSDate().toISOString()).toBe(first.startsAt);
        if (who === world.sponsor) expect(mail!.text).not.toContain('/rsvp/');
        else expect(mail!.text).toContain('http://app.test/rsvp/');
      }
      for (const who of [world.removed, world.outsider]) expect((await mailsTo(who)).filter((m) => m.subject.startsWith('Meeting'))).toHaveLength(0);
    });

    it('announces a moved occurrence with a higher SEQUENCE and a cancelled one with METHOD:CANCEL and its RECURRENCE-ID', async () => {
      const first = (await schedule({ startsAt: inDays(30).slice(0, 16), durationMinutes: 120, format: 'online', videoUrl: 'https://meet.example.org/a', recurrence: 'FREQ=MONTHLY;COUNT=3' }).expect(201)).body as MeetingResponse;
      const occurrences = (await request(t.http).get(`/api/sets/${world.set.id}/meetings`).query({ to: DateTime.now().plus({ days: 200 }).toISODate() }).set(world.member.auth).expect(200)).body as MeetingResponse[];
      const [, second, third] = occurrences.filter((o) => o.seriesId === first.seriesId);
      await request(t.http).patch(`/api/meetings/${second.id}`).set(world.facilitator.auth).send({ startsAt: DateTime.fromISO(second.startsAt).plus({ days: 1 }).toISO() }).expect(200);
      await request(t.http).delete(`/api/meetings/${third.id}`).set(world.facilitator.auth).expect(204);
      await settle();
      const mails = await mailsTo(world.member);
      const changed = mails.find((m) => m.subject.startsWith('Meeting changed'));
      expect(changed?.calendar?.method).toBe('REQUEST');
      const override = changed!.calendar!.events.find((e) => e.isRecurrenceException());
      expect(override?.sequence).toBe(1);
      expect(override?.recurrenceId.toJSDate().toISOString()).toBe(second.startsAt);
      const cancelled = mails.find((m) => m.subject.startsWith('Meeting cancelled'));
      expect(cancelled?.calendar?.method).toBe('CANCEL');
      const [gone] = cancelled!.calendar!.events;
      expect(gone.uid).toBe(`${first.seriesId}@app.test`);
      expect(gone.recurrenceId.toJSDate().toISOString()).toBe(third.startsAt);
      expect(gone.component.getFirstPropertyValue('status')).toBe('CANCELLED');
      expect(gone.sequence).toBe(1);
    });

    it('cancels a single meeting with METHOD:CANCEL under its own UID, and says nothing for a change of agenda only', async () => {
      const meeting = (await schedule({ startsAt: inDays(12), durationMinutes: 90, format: 'online' }).expect(201)).body as MeetingResponse;
      await settle();
      const before = (await mailsTo(world.member)).length;
      await request(t.http).patch(`/api/meetings/${meeting.id}`).set(world.facilitator.auth).send({ agenda: { 'check-in': 3, bidding: 5, present: 5, clarifying: 5, questions: 10, reflection: 5, actions: 5, 'process-review': 10, 'check-out': 5 } }).expect(200);
      await settle();
      expect(await mailsTo(world.member)).toHaveLength(before);
      await request(t.http).delete(`/api/meetings/${meeting.id}`).set(world.facilitator.auth).expect(204);
      await settle();
      const cancel = (await mailsTo(world.member)).find((m) => m.calendar?.method === 'CANCEL' && m.calendar.events[0].uid === `${meeting.id}@app.test`);
      expect(cancel?.calendar?.events[0].recurrenceId).toBeFalsy();
    });
  });

  describe('one-click reply links', () => {
    let meeting: MeetingResponse;
    let links: { attending: string; apology: string };
    const token = (link: string) => link.split('/rsvp/')[1];

    beforeAll(async () => {
      const set = await createSet(t, world.facilitator, { name: 'Links set' });
      const member = await addMember(t, world.facilitator, set.id);
      meeting = (await schedule({ startsAt: inDays(9), durationMinutes: 180, format: 'in-person', location: 'Hall' }, set.id).expect(201)).body as MeetingResponse;
      await settle();
      const mail = (await mailsTo(member)).find((m) => m.subject.startsWith('Meeting scheduled: Links set'))!;
      links = { attending: linkIn(mail.text, 'http://app.test/rsvp/'), apology: linkIn(mail.text.slice(mail.text.indexOf('apology:')), 'http://app.test/rsvp/') };
      expect(links.attending).not.toBe(links.apology);
      Object.assign(world, { linksMember: member, linksSet: set });
    });

    it('shows what the link records, then records it without signing in', async () => {
      const preview = (await request(t.http).get(`/api/rsvp/${token(links.apology)}`).expect(200)).body as RsvpPreviewResponse;
      expect(preview).toMatchObject({ status: 'apology', setName: 'Links set', current: null, meeting: { id: meeting.id, location: 'Hall' } });
      const reply = (await request(t.http).post(`/api/rsvp/${token(links.apology)}`).send({ reason: 'Child protection conference' }).expect(200)).body as AttendanceResponse;
      expect(reply).toMatchObject({ meetingId: meeting.id, status: 'apology', reason: 'Child protection conference', late: false, recordedBy: null });
      await request(t.http).post(`/api/rsvp/${token(links.attending)}`).send({}).expect(200);
      const rows = await t.db.query('SELECT status, reason FROM meeting_attendance WHERE "meetingId" = $1', [meeting.id]);
      expect(rows).toEqual([{ status: 'attending', reason: '' }]);
    });

    it('refuses forged, truncated and other-purpose tokens (404) and bad bodies (400), writing nothing', async () => {
      const good = token(links.apology);
      const [payload, mac] = good.split('.');
      const forged = `${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), c: { purpose: 'rsvp', meetingId: meeting.id, userId: world.outsider.id, status: 'apology' } })).toString('base64url')}.${mac}`;
      for (const bad of [forged, payload, `${payload}.x`, 'nonsense', `${good}.extra`]) {
        await request(t.http).get(`/api/rsvp/${bad}`).expect(404);
        await request(t.http).post(`/api/rsvp/${bad}`).send({}).expect(404);
      }
      expect((await request(t.http).post(`/api/rsvp/${good}`).send({ reason: 7 }).expect(400)).body.message).toContain('reason');
      expect((await request(t.http).post(`/api/rsvp/${good}`).send({ status: 'attending' }).expect(400)).body.message).toContain('status');
      const rows = await t.db.query('SELECT "userId", status FROM meeting_attendance WHERE "meetingId" = $1', [meeting.id]);
      expect(rows).toEqual([{ userId: expect.any(String), status: 'attending' }]);
      // A reminders-off link is not a reply link, and the reverse.
      await request(t.http).post(`/api/email-preferences/${good}/reminders-off`).expect(404);
    });

    it('stops working for a member who was removed, and answers 409 once the meeting is cancelled', async () => {
      const { linksMember, linksSet } = world as unknown as { linksMember: TestUser; linksSet: { id: string } };
      await request(t.http).delete(`/api/sets/${linksSet.id}/members/${linksMember.id}`).set(world.facilitator.auth).expect(204);
      await request(t.http).post(`/api/rsvp/${token(links.apology)}`).send({}).expect(404);
      const other = await addMember(t, world.facilitator, linksSet.id);
      const second = (await schedule({ startsAt: inDays(15), durationMinutes: 60, format: 'online' }, linksSet.id).expect(201)).body as MeetingResponse;
      await settle();
      const mail = (await mailsTo(other)).find((m) => m.text.includes(second.id))!;
      const link = token(linkIn(mail.text, 'http://app.test/rsvp/'));
      await request(t.http).delete(`/api/meetings/${second.id}`).set(world.facilitator.auth).expect(204);
      expect((await request(t.http).post(`/api/rsvp/${link}`).send({}).expect(409)).body.message).toContain('cancelled');
    });
  });

  describe('reminders', () => {
    let set: { id: string };
    let member: TestUser;
    let quiet: TestUser;
    let apologetic: TestUser;
    let sponsor: TestUser;
    let meeting: MeetingResponse;
    const sweepAt = (at: DateTime, app = t) => {
      clock.set(at.toJSDate());
      return app.app.get(MeetingNoticesService).sweep();
    };
    const reminders = async (who: TestUser) => (await mailsTo(who)).filter((m) => m.subject.startsWith('Reminder: Reminder set'));

    beforeAll(async () => {
      set = await createSet(t, world.facilitator, { name: 'Reminder set', quorum: null });
      member = await addMember(t, world.facilitator, set.id);
      quiet = await addMember(t, world.facilitator, set.id);
      apologetic = await addMember(t, world.facilitator, set.id);
      sponsor = await addMember(t, world.facilitator, set.id, 'sponsor');
      await request(t.http).patch('/api/me').set(quiet.auth).send({ meetingReminders: false }).expect(200);
      meeting = (await schedule({ startsAt: inDays(10), durationMinutes: 180, format: 'online', videoUrl: 'https://meet.example.org/r' }, set.id).expect(201)).body as MeetingResponse;
      await request(t.http).put(`/api/meetings/${meeting.id}/attendance`).set(apologetic.auth).send({ status: 'apology', reason: 'Leave' }).expect(200);
      await t.db.query(`INSERT INTO actions ("setId", "ownerId", "text") VALUES ($1, $2, 'Call the school about attendance'), ($1, $3, 'Not the member''s')`, [set.id, member.id, quiet.id]);
    });

    it('sends the 7-day reminder once to participants who want it and have not sent an apology', async () => {
      const start = DateTime.fromISO(meeting.startsAt);
      await sweepAt(start.minus({ days: 8 }));
      expect(await t.db.query('SELECT 1 FROM meeting_notifications WHERE "meetingId" = $1', [meeting.id])).toHaveLength(0);
      await sweepAt(start.minus({ days: 7 }).plus({ hours: 1 }));
      await sweepAt(start.minus({ days: 7 }).plus({ hours: 2 }));
      await settle();
      expect(await reminders(member)).toHaveLength(1);
      expect(await reminders(world.facilitator)).toHaveLength(1);
      for (const who of [quiet, apologetic, sponsor]) expect(await reminders(who)).toHaveLength(0);
      const [mail] = await reminders(member);
      expect(mail.subject).toContain('meets in 7 days');
      expect(mail.text).toContain('https://meet.example.org/r');
      expect(mail.text).toContain('http://app.test/rsvp/');
      expect(mail.text).toContain('http://app.test/reminders-off/');
      expect(mail.text).toContain('At check-in you report back on your open actions:\n  - Call the school about attendance');
      expect(mail.text).not.toContain("Not the member's");
      const [fransMail] = await reminders(world.facilitator);
      expect(fransMail.text).toContain('Bring your report-back on the actions you committed to last time.');
    });

    it('sends each reminder once with two API processes sweeping at the same moment, and again not after a restart', async () => {
      const second = await startTestApp({}, { clock });
      const dayBefore = DateTime.fromISO(meeting.startsAt).minus({ hours: 20 });
      const queued = await Promise.all([sweepAt(dayBefore), sweepAt(dayBefore, second), sweepAt(dayBefore), sweepAt(dayBefore, second)]);
      expect(queued.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
      // Both processes drain the one outbox at once: each message is claimed by one of them.
      await Promise.all([settle(), second.app.get(OutboxService).drain()]);
      const both = [...(await parsedMails(t.mailDir)), ...(await parsedMails(second.mailDir))].filter((m) => m.subject.startsWith('Reminder: Reminder set') && m.to.includes(member.email));
      expect(both.map((m) => /meets (in \d+ days|tomorrow|today)/.exec(m.subject)?.[1]).sort()).toEqual(['in 7 days', 'tomorrow']);
      await second.close();
      const restarted = await startTestApp({}, { clock });
      expect(await sweepAt(dayBefore.plus({ hours: 1 }), restarted)).toBe(0);
      await restarted.close();
      const sent = await t.db.query(`SELECT count(*)::int AS n FROM mail_outbox WHERE "to" = $1 AND subject LIKE 'Reminder: Reminder set%' AND status = 'sent'`, [member.email]);
      expect(sent).toEqual([{ n: 2 }]);
    });

    it('catches up a reminder missed while no process ran, but only the one still useful', async () => {
      const late = (await schedule({ startsAt: inDays(9), durationMinutes: 60, format: 'online' }, set.id).expect(201)).body as MeetingResponse;
      // No sweep ran in the 7-day window; the first one after the outage is 12 hours before the meeting.
      await sweepAt(DateTime.fromISO(late.startsAt).minus({ hours: 12 }));
      await settle();
      const kinds: { kind: string }[] = await t.db.query('SELECT kind FROM meeting_notifications WHERE "meetingId" = $1 AND "userId" = $2', [late.id, member.id]);
      expect(kinds.map((k) => k.kind.split('@')[0]).filter((k) => k.startsWith('reminder'))).toEqual(['reminder-1d']);
    });

    it('turns reminders off from the link in a reminder, without signing in', async () => {
      const [mail] = await reminders(member);
      const link = linkIn(mail.text, 'http://app.test/reminders-off/');
      await request(t.http).post(`/api/email-preferences/${link.split('/reminders-off/')[1]}/reminders-off`).expect(200, { meetingReminders: false });
      expect((await request(t.http).get('/api/me').set(member.auth).expect(200)).body.meetingReminders).toBe(false);
      await request(t.http).post('/api/email-preferences/forged.token/reminders-off').expect(404);
    });
  });

  describe('quorum', () => {
    it('warns the facilitators once when fewer than the quorum are expected, shows it in the list, and again after a postponement only if still short', async () => {
      const facilitator = await registerUser(t, { displayName: 'Quinn Facilitator' });
      const set = await createSet(t, facilitator, { name: 'Quorum set', quorum: 3 });
      const a = await addMember(t, facilitator, set.id);
      const b = await addMember(t, facilitator, set.id);
      const meeting = (await schedule({ startsAt: inDays(5), durationMinutes: 120, format: 'in-person', location: 'Room 1' }, set.id, facilitator.auth).expect(201)).body as MeetingResponse;
      const listed = async () => ((await request(t.http).get(`/api/sets/${set.id}/meetings`).set(facilitator.auth).expect(200)).body as MeetingResponse[]).find((m) => m.id === meeting.id)!;
      expect((await listed()).quorum).toEqual({ required: 3, expected: 3, met: true });
      await t.app.get(MeetingNoticesService).sweep();
      await request(t.http).put(`/api/meetings/${meeting.id}/attendance`).set(b.auth).send({ status: 'apology', reason: 'Training' }).expect(200);
      expect((await listed()).quorum).toEqual({ required: 3, expected: 2, met: false });
      await t.app.get(MeetingNoticesService).sweep();
      await t.app.get(MeetingNoticesService).sweep();
      await settle();
      const warnings = async () => (await mailsTo(facilitator)).filter((m) => m.subject.startsWith('Quorum at risk: Quorum set'));
      expect(await warnings()).toHaveLength(1);
      expect((await warnings())[0].text).toContain(b.displayName);
      expect((await mailsTo(a)).filter((m) => m.subject.startsWith('Quorum'))).toHaveLength(0);
      // Postponed to another day: the replies were for the old date, so everyone is expected again.
      await request(t.http).patch(`/api/meetings/${meeting.id}`).set(facilitator.auth).send({ startsAt: inDays(6) }).expect(200);
      expect((await listed()).quorum?.met).toBe(true);
      await t.app.get(MeetingNoticesService).sweep();
      await request(t.http).put(`/api/meetings/${meeting.id}/attendance`).set(a.auth).send({ status: 'apology' }).expect(200);
      await t.app.get(MeetingNoticesService).sweep();
      await settle();
      expect(await warnings()).toHaveLength(2);
    });
  });
});
