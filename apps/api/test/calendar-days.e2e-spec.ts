import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { LIVE_MESSAGES, type ActionResponse, type LiveCommandAck, type MeetingResponse, type MyActionResponse, type RoundDetailResponse, type SetResponse } from '@als/shared';
import { TestClock } from '@api/common/clock';
import { RetentionService } from '@api/evaluation/retention.service';
import { OutboxService } from '@api/mail/outbox.service';
import { MeetingNoticesService } from '@api/meetings/meeting-notices.service';
import { RoundDeadlinesJob } from '@api/rounds/round-deadlines.job';
import { LONG_SESSIONS, request, startTestApp, TestApp } from './app';
import { addMember, createSet, registerUser, TestUser } from './factories';
import { connect, listen, type LiveClient } from './live-client';
import { parsedMails } from './mail';

/** A round's deadlines as London wall times. */
const londonTimes = (round: RoundDetailResponse) => round.phases.slice(1).map((p) => DateTime.fromISO(p.endsAt, { zone: 'Europe/London' }).toFormat('ccc d LLL HH:mm'));

describe('rounds keep calendar days in the set’s zone, on the injected clock', () => {
  const clock = new TestClock('2026-10-23T09:00:00Z');
  let t: TestApp;
  let fran: TestUser;
  let pat: TestUser;
  let sam: TestUser;
  let setId: string;
  beforeAll(async () => {
    t = await startTestApp(LONG_SESSIONS, { clock });
    fran = await registerUser(t, { displayName: 'Fran' });
    setId = (await createSet(t, fran, { name: 'London set', timeZone: 'Europe/London' })).id;
    pat = await addMember(t, fran, setId);
    sam = await addMember(t, fran, setId);
  });
  afterAll(() => t.close());

  const open = async (who: TestUser, title: string) => (await request(t.http).post(`/api/sets/${setId}/rounds`).set(who.auth).send({ title, caseText: 'A case.' }).expect(201)).body as RoundDetailResponse;
  const nudged = async (roundId: string) => ((await t.db.query(`SELECT "userId" FROM "round_notifications" WHERE "roundId" = $1 AND "kind" LIKE 'nudge:%'`, [roundId])) as { userId: string }[]).map((r) => r.userId).sort();

  it('opened on the Friday before the clocks go back (10:00, 23 October 2026): every deadline at 10:00 London time, 2, 2, 3, 2 and 2 days on', async () => {
    clock.set('2026-10-23T09:00:00Z');
    const round = await open(pat, 'Autumn case');
    expect(londonTimes(round)).toEqual(['Sun 25 Oct 10:00', 'Tue 27 Oct 10:00', 'Fri 30 Oct 10:00', 'Sun 1 Nov 10:00', 'Tue 3 Nov 10:00']);
    expect(round.phases[1].endsAt).toBe('2026-10-25T10:00:00.000Z');
    await request(t.http).post(`/api/rounds/${round.id}/close`).set(fran.auth).expect(200);
  });

  it('opened on the Friday before the clocks go forward (10:00, 26 March 2027): every deadline at 10:00 London time', async () => {
    clock.set('2027-03-26T10:00:00Z');
    const round = await open(pat, 'Spring case');
    expect(londonTimes(round)).toEqual(['Sun 28 Mar 10:00', 'Tue 30 Mar 10:00', 'Fri 2 Apr 10:00', 'Sun 4 Apr 10:00', 'Tue 6 Apr 10:00']);
    expect(round.phases[1].endsAt).toBe('2027-03-28T09:00:00.000Z');
    await request(t.http).post(`/api/rounds/${round.id}/close`).set(fran.auth).expect(200);
  });

  it('nudges from the same wall time the day before a deadline, across the clock change', async () => {
    clock.set('2026-10-23T09:00:00Z');
    const round = await open(pat, 'Nudged case');
    // Clarifying closes on Sunday 25 October at 10:00 GMT; the day before at 10:00 is 10:00 BST (09:00Z).
    clock.set('2026-10-24T08:59:00Z');
    await t.app.get(RoundDeadlinesJob).sweep();
    expect(await nudged(round.id)).toEqual([]);
    clock.set('2026-10-24T09:30:00Z');
    await t.app.get(RoundDeadlinesJob).sweep();
    expect(await nudged(round.id)).toEqual([fran.id, sam.id].sort());
    // And the deadline itself moves the round on, at 10:00 GMT, not an hour early.
    clock.set('2026-10-25T09:30:00Z');
    await t.app.get(RoundDeadlinesJob).sweep();
    expect(((await request(t.http).get(`/api/rounds/${round.id}`).set(pat.auth).expect(200)).body as RoundDetailResponse).phase).toBe('clarifying');
    clock.set('2026-10-25T10:00:00Z');
    await t.app.get(RoundDeadlinesJob).sweep();
    expect(((await request(t.http).get(`/api/rounds/${round.id}`).set(pat.auth).expect(200)).body as RoundDetailResponse).phase).toBe('answers');
    await request(t.http).post(`/api/rounds/${round.id}/close`).set(fran.auth).expect(200);
  });
});

describe('other "N days" rules count calendar days in the right zone', () => {
  const clock = new TestClock('2026-10-01T09:00:00Z');
  let t: TestApp;
  let fran: TestUser;
  beforeAll(async () => {
    t = await startTestApp(LONG_SESSIONS, { clock });
    fran = await registerUser(t, { displayName: 'Fran', timeZone: 'Europe/London' });
  });
  afterAll(() => t.close());

  it("purges a closed set's case content at the same London wall time 10 days on, across the clock change", async () => {
    const set = await createSet(t, fran, { name: 'Closing set', timeZone: 'Europe/London' });
    clock.set('2026-10-20T09:00:00Z'); // 10:00 BST
    const closed = (await request(t.http).post(`/api/sets/${set.id}/close`).set(fran.auth).send({ retentionDays: 10 }).expect(200)).body as SetResponse;
    expect(closed.purgeAfter).toBe('2026-10-30T10:00:00.000Z'); // 10:00 GMT
    const purged = async () => (await t.app.get(RetentionService).sweep()).filter((r) => r.setId === set.id);
    clock.set('2026-10-30T09:30:00Z');
    expect(await purged()).toEqual([]);
    clock.set('2026-10-30T10:00:00Z');
    expect(await purged()).toHaveLength(1);
  });

  it('sends the 7-day reminder from the same wall time a week before, across the clock change', async () => {
    clock.set('2026-10-01T09:00:00Z');
    const set = await createSet(t, fran, { name: 'Reminded set', timeZone: 'Europe/London', quorum: null });
    // Monday 26 October 2026 at 09:30 GMT: the reminder is due from Monday 19 October at 09:30 BST (08:30Z).
    const meeting = (await request(t.http).post(`/api/sets/${set.id}/meetings`).set(fran.auth).send({ startsAt: '2026-10-26T09:30', durationMinutes: 60, format: 'online' }).expect(201)).body as MeetingResponse;
    const reminded = async () => ((await t.db.query(`SELECT "kind" FROM "meeting_notifications" WHERE "meetingId" = $1`, [meeting.id])) as { kind: string }[]).map((n) => n.kind.split('@')[0]);
    clock.set('2026-10-19T08:25:00Z');
    await t.app.get(MeetingNoticesService).sweep();
    expect(await reminded()).toEqual([]);
    clock.set('2026-10-19T08:35:00Z');
    await t.app.get(MeetingNoticesService).sweep();
    expect(await reminded()).toEqual(['reminder-7d']);
  });
});

describe('due dates are calendar days, end to end', () => {
  const clock = new TestClock('2031-05-06T08:00:00Z');
  let t: TestApp;
  let base: string;
  const clients: LiveClient[] = [];
  beforeAll(async () => {
    t = await startTestApp({ ...LONG_SESSIONS, LIVE_RATE_LIMIT: '0' }, { clock });
    base = await listen(t);
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await t.close();
  });

  it("a live action's default due date is the day of the next meeting in its zone, a typed one is that day, for everyone wherever they are", async () => {
    // Fran reads from New York, Pat from London; the next meeting is at 00:30 London time on 10 June (23:30 UTC on the 9th).
    const fran = await registerUser(t, { displayName: 'Fran', timeZone: 'America/New_York' });
    const set = await createSet(t, fran, { name: 'Due set', timeZone: 'Europe/London' });
    const pat = await addMember(t, fran, set.id);
    const schedule = async (startsAt: string) => (await request(t.http).post(`/api/sets/${set.id}/meetings`).set(fran.auth).send({ startsAt, durationMinutes: 120, format: 'online' }).expect(201)).body as MeetingResponse;
    const first = await schedule('2031-05-06T09:30');
    await schedule('2031-06-10T00:30');
    const facilitator = await connect(base, fran.token);
    const member = await connect(base, pat.token);
    clients.push(facilitator, member);
    const send = async (client: LiveClient, type: string, payload: Record<string, unknown> = {}) =>
      client.emit<LiveCommandAck>(LIVE_MESSAGES.command, { commandId: randomUUID(), meetingId: first.id, type, payload });
    const ok = async (client: LiveClient, type: string, payload: Record<string, unknown> = {}) => {
      const ack = await send(client, type, payload);
      if (!ack.ok) throw new Error(`${type}: ${ack.error}`);
    };
    for (const c of [facilitator, member]) await c.emit(LIVE_MESSAGES.join, { meetingId: first.id });
    await ok(facilitator, 'start');
    await ok(facilitator, 'advance');
    await ok(facilitator, 'setOrder', { presenterIds: [pat.id] });
    for (let i = 0; i < 5; i++) await ok(facilitator, 'advance');
    await ok(member, 'addAction', { text: 'Meet the father' });
    await ok(member, 'addAction', { text: 'Call the school', dueAt: '2031-07-01' });
    await ok(member, 'addAction', { text: 'Book supervision', dueAt: '2031-07-02T23:30:00-05:00' });
    expect(await send(member, 'addAction', { text: 'Never', dueAt: '2031-02-30' })).toMatchObject({ ok: false, error: expect.stringContaining('dueAt') });

    const listed = (await request(t.http).get(`/api/sets/${set.id}/actions`).set(fran.auth).expect(200)).body as ActionResponse[];
    expect(listed.map((a) => [a.text, a.dueAt])).toEqual([['Meet the father', '2031-06-10'], ['Call the school', '2031-07-01'], ['Book supervision', '2031-07-02']]);
    const mine = (await request(t.http).get('/api/me/actions').set(pat.auth).expect(200)).body as MyActionResponse[];
    expect(mine.map((a) => a.dueAt)).toEqual(['2031-06-10', '2031-07-01', '2031-07-02']);
    expect(await t.db.query(`SELECT "dueAt"::text AS "dueAt" FROM "actions" WHERE "setId" = $1 ORDER BY "createdAt", "text"`, [set.id])).toEqual(
      expect.arrayContaining([{ dueAt: '2031-06-10' }, { dueAt: '2031-07-01' }, { dueAt: '2031-07-02' }]),
    );

    // The e-mail before the next meeting names the same days.
    await ok(facilitator, 'end');
    clock.set('2031-06-08T09:00:00Z');
    await t.app.get(MeetingNoticesService).sweep();
    await t.app.get(OutboxService).drain();
    const [prompt] = (await parsedMails(t.mailDir)).filter((m) => m.to.includes(pat.email) && m.subject.startsWith('How did your actions go?'));
    expect(prompt.text).toContain('Meet the father (due 10 Jun)');
    expect(prompt.text).toContain('Call the school (due 1 Jul)');
  });

  it("a round's actions are due at the set's next meeting, or four weeks on in the presenter's own zone", async () => {
    // 23 October 2026 at 12:00 UTC is already Saturday the 24th in Auckland.
    clock.set('2026-10-23T12:00:00Z');
    const fran = await registerUser(t, { displayName: 'Fran' });
    const set = await createSet(t, fran, { name: 'Round due set', timeZone: 'Europe/London' });
    const kiri = await registerUser(t, { displayName: 'Kiri', timeZone: 'Pacific/Auckland' });
    const invitation = (await request(t.http).post(`/api/sets/${set.id}/invitations`).set(fran.auth).send({ email: kiri.email, role: 'member' }).expect(201)).body as { token: string };
    await request(t.http).post(`/api/invitations/${invitation.token}/accept`).set(kiri.auth).send({ acceptGroundRules: true }).expect(200);
    const round = (await request(t.http).post(`/api/sets/${set.id}/rounds`).set(kiri.auth).send({ title: 'A case', caseText: 'What happened.' }).expect(201)).body as RoundDetailResponse;
    for (let i = 0; i < 4; i++) await request(t.http).post(`/api/rounds/${round.id}/advance`).set(fran.auth).expect(200);
    await request(t.http).post(`/api/rounds/${round.id}/contributions`).set(kiri.auth).send({ body: '1. Talk to my manager' }).expect(201);
    const [action] = (await request(t.http).get(`/api/sets/${set.id}/actions`).set(kiri.auth).expect(200)).body as ActionResponse[];
    expect(action).toMatchObject({ text: 'Talk to my manager', dueAt: '2026-11-21' });
    await request(t.http).post(`/api/rounds/${round.id}/close`).set(fran.auth).expect(200);
  });
});
