import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { LIVE_MESSAGES, type LiveCommandAck, type LiveJoinAck, type MeetingResponse, type MyActionResponse } from '@als/shared';
import { inboundSignature } from '@api/inbound/inbound.controller';
import { OutboxService } from '@api/mail/outbox.service';
import { MeetingNoticesService } from '@api/meetings/meeting-notices.service';
import { request, startTestApp, TestApp } from './app';
import { addMember, setWithRoles, TestUser } from './factories';
import { connect, listen, LiveClient } from './live-client';
import { linkIn, parsedMails } from './mail';

const HOOK_SECRET = 'report-back-hook-secret-0123456789abcdef';

describe('report-back ahead of a meeting: the e-mail, the link, the web, and the check-in', () => {
  let t: TestApp;
  let base: string;
  let world: Awaited<ReturnType<typeof setWithRoles>>;
  let other: TestUser;
  let meeting: MeetingResponse;
  let later: MeetingResponse;
  let callAction: string;
  let writeAction: string;
  let otherAction: string;
  const clients: LiveClient[] = [];
  const settle = () => t.app.get(OutboxService).drain();
  const prompts = async (who: TestUser) => (await parsedMails(t.mailDir)).filter((m) => m.to.includes(who.email) && m.subject.startsWith('How did your actions go?'));
  const action = async (id: string) => ((await t.db.query('SELECT "status", "reportNote", "reportedVia", "reportedInMeetingId" FROM "actions" WHERE "id" = $1', [id])) as Record<string, unknown>[])[0];
  const seedAction = async (owner: TestUser, text: string, dueDays: number) =>
    ((await t.db.query(`INSERT INTO "actions" ("setId", "ownerId", "text", "dueAt", "createdAt") VALUES ($1, $2, $3, now() + $4::interval, now() - interval '30 days') RETURNING "id"`, [world.set.id, owner.id, text, `${dueDays} days`])) as { id: string }[])[0].id;

  beforeAll(async () => {
    t = await startTestApp({ LIVE_RATE_LIMIT: '0', INBOUND_EMAIL_SECRET: HOOK_SECRET });
    base = await listen(t);
    world = await setWithRoles(t);
    other = await addMember(t, world.facilitator, world.set.id);
    const startsAt = DateTime.now().plus({ days: 2 }).set({ second: 0, millisecond: 0 }).toISO()!;
    meeting = (await request(t.http).post(`/api/sets/${world.set.id}/meetings`).set(world.facilitator.auth).send({ startsAt, durationMinutes: 180, format: 'in-person' }).expect(201)).body as MeetingResponse;
    later = (await request(t.http).post(`/api/sets/${world.set.id}/meetings`).set(world.facilitator.auth).send({ startsAt: DateTime.now().plus({ days: 3 }).toISO(), durationMinutes: 180, format: 'in-person' }).expect(201)).body as MeetingResponse;
    // Actions agreed at an earlier meeting (the live layer writes them; its own tests cover that).
    callAction = await seedAction(world.member, 'Call the team manager about the placement', 1);
    writeAction = await seedAction(world.member, 'Write up the supervision notes', 1);
    otherAction = await seedAction(other, 'Ask the family what they need', 1);
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await t.close();
  });

  it('e-mails each person with open actions once, before the next meeting only, with a link that needs no sign-in', async () => {
    const notices = t.app.get(MeetingNoticesService);
    await notices.sweep();
    await notices.sweep();
    await settle();
    const [mail, ...more] = await prompts(world.member);
    expect(more).toHaveLength(0);
    expect(mail.text).toContain('Call the team manager about the placement');
    expect(mail.text).toContain('Write up the supervision notes');
    expect(mail.text).not.toContain('Ask the family');
    expect(mail.html).toContain('Report back on your actions');
    expect(await prompts(other)).toHaveLength(1);
    // No actions, no prompt; sponsors and people no longer in the set never get one.
    for (const who of [world.facilitator, world.sponsor, world.removed, world.outsider]) expect(await prompts(who)).toHaveLength(0);
    const notified = (await t.db.query(`SELECT "meetingId" FROM "meeting_notifications" WHERE "kind" LIKE 'report-back@%' AND "meetingId" = ANY($1)`, [[meeting.id, later.id]])) as { meetingId: string }[];
    expect(new Set(notified.map((n) => n.meetingId))).toEqual(new Set([meeting.id]));

    const token = linkIn(mail.text, 'http://app.test/report-back/').split('/').pop()!;
    const preview = (await request(t.http).get(`/api/report-back/${token}`).expect(200)).body as { displayName: string; setName: string; meeting: { id: string }; actions: MyActionResponse[] };
    expect(preview.meeting.id).toBe(meeting.id);
    expect(preview.actions.map((a) => a.text).sort()).toEqual(['Call the team manager about the placement', 'Write up the supervision notes']);
  });

  it('refuses bad answers through the link and writes nothing', async () => {
    const token = linkIn((await prompts(world.member))[0].text, 'http://app.test/report-back/').split('/').pop()!;
    const before = await action(callAction);
    await request(t.http).post(`/api/report-back/${token}`).send({ actionId: callAction, status: 'maybe' }).expect(400);
    await request(t.http).post(`/api/report-back/${token}`).send({ actionId: callAction, status: 'done', extra: 1 }).expect(400);
    await request(t.http).post(`/api/report-back/${token}`).send({ actionId: callAction, status: 'done', note: 'x'.repeat(1001) }).expect(400);
    await request(t.http).post(`/api/report-back/${token}`).send({ actionId: 'nope', status: 'done' }).expect(400);
    // Someone else's action is not on the link's list.
    await request(t.http).post(`/api/report-back/${token}`).send({ actionId: otherAction, status: 'done' }).expect(404);
    // A forged or tampered token does nothing.
    await request(t.http).post(`/api/report-back/${token.slice(0, -2)}xx`).send({ actionId: callAction, status: 'done' }).expect(404);
    expect(await action(callAction)).toEqual(before);
    expect(await action(otherAction)).toMatchObject({ status: 'open', reportedVia: null });
  });

  it('records an answer from the link for the next meeting, and lets the owner change it on the web until the meeting', async () => {
    const token = linkIn((await prompts(world.member))[0].text, 'http://app.test/report-back/').split('/').pop()!;
    const answered = (await request(t.http).post(`/api/report-back/${token}`).send({ actionId: callAction, status: 'done', note: '  Agreed a review date.  ' }).expect(200)).body as MyActionResponse;
    expect(answered).toMatchObject({ id: callAction, status: 'done', reportNote: 'Agreed a review date.', reportedVia: 'web', reportedInMeetingId: meeting.id });
    // Still listed as the member's to report on (it can change), and still on the link.
    const mine = (await request(t.http).get('/api/me/actions').set(world.member.auth).expect(200)).body as MyActionResponse[];
    expect(mine.map((a) => [a.id, a.status])).toEqual(expect.arrayContaining([[callAction, 'done'], [writeAction, 'open']]));
    const changed = (await request(t.http).post(`/api/me/actions/${callAction}/report-back`).set(world.member.auth).send({ status: 'partly', note: 'Review date set, not yet the plan' }).expect(200)).body as MyActionResponse;
    expect(changed).toMatchObject({ status: 'partly', reportedVia: 'web', reportedInMeetingId: meeting.id });
  });

  it('takes answers by e-mail reply, one line per action numbered as in the e-mail, from the owner only', async () => {
    const [mail] = await prompts(world.member);
    expect(mail.text).toContain('Or reply to this e-mail, one line per action');
    const number = /(\d+)\. Write up the supervision notes/.exec(mail.text)![1];
    const post = (from: string, body: string, id: string) => {
      const raw = Buffer.from(`From: ${from}\r\nTo: ${mail.replyTo}\r\nSubject: Re: ${mail.subject}\r\nMessage-ID: <${id}@client.example>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${body}\r\n`);
      return request(t.http).post('/api/inbound/email').set('content-type', 'message/rfc822').set('x-inbound-signature', inboundSignature(HOOK_SECRET, raw)).send(raw).expect(200);
    };
    expect((await post(other.email, `${number} done: not mine`, 'rb-1')).body.outcome).toBe('bounced');
    expect((await post(world.member.email, 'It all went fine really.', 'rb-2')).body).toMatchObject({ outcome: 'bounced', reason: expect.stringContaining('one line per action') });
    expect((await post(world.member.email, '9 done', 'rb-3')).body).toMatchObject({ outcome: 'bounced', reason: expect.stringContaining('no action number 9') });
    expect(await action(writeAction)).toMatchObject({ status: 'open' });
    const stored = await post(world.member.email, `${number} done: typed up on Friday\n\nOn Mon, 23 Nov 2026, Action Learning wrote:\n> How did your actions go?`, 'rb-4');
    expect(stored.body).toEqual({ outcome: 'stored' });
    expect(await action(writeAction)).toEqual({ status: 'done', reportNote: 'typed up on Friday', reportedVia: 'email', reportedInMeetingId: meeting.id });
    // Put back as it was for the tests that follow.
    await t.db.query(`UPDATE "actions" SET "status" = 'open', "reportNote" = '', "reportedVia" = NULL, "reportedAt" = NULL, "reportedInMeetingId" = NULL WHERE "id" = $1`, [writeAction]);
  });

  it('lets only the owner report, while they take part in the set', async () => {
    await request(t.http).post(`/api/me/actions/${writeAction}/report-back`).set(other.auth).send({ status: 'done' }).expect(404);
    await request(t.http).post(`/api/me/actions/${writeAction}/report-back`).set(world.facilitator.auth).send({ status: 'done' }).expect(404);
    await request(t.http).post(`/api/me/actions/${writeAction}/report-back`).set(world.outsider.auth).send({ status: 'done' }).expect(404);
    await request(t.http).post(`/api/me/actions/${writeAction}/report-back`).send({ status: 'done' }).expect(401);
    await request(t.http).post(`/api/me/actions/${writeAction}/report-back`).set(world.member.auth).send({}).expect(400);
    expect(await action(writeAction)).toMatchObject({ status: 'open' });
  });

  it('opens the check-in with the answers given ahead, where the owner can still change them; once under way, the web sends them there', async () => {
    const fran = await connect(base, world.facilitator.token);
    clients.push(fran);
    expect(((await fran.emit<LiveJoinAck>(LIVE_MESSAGES.join, { meetingId: meeting.id })) as { ok: boolean }).ok).toBe(true);
    expect(await fran.emit<LiveCommandAck>(LIVE_MESSAGES.command, { commandId: randomUUID(), meetingId: meeting.id, type: 'start', payload: {} })).toMatchObject({ ok: true });
    const pat = await connect(base, world.member.token);
    clients.push(pat);
    const joined = (await pat.emit<LiveJoinAck>(LIVE_MESSAGES.join, { meetingId: meeting.id })) as Extract<LiveJoinAck, { ok: true }>;
    expect(joined.state.phase).toBe('check-in');
    expect(joined.state.openActions.map((a) => a.id).sort()).toEqual([callAction, writeAction, otherAction].sort());
    expect(joined.state.reportBacks).toEqual([{ actionId: callAction, userId: world.member.id, status: 'partly', note: 'Review date set, not yet the plan', at: expect.any(String) }]);

    await request(t.http).post(`/api/me/actions/${writeAction}/report-back`).set(world.member.auth).send({ status: 'done' }).expect(409);
    expect(await action(writeAction)).toMatchObject({ status: 'open' });
    expect(await pat.emit<LiveCommandAck>(LIVE_MESSAGES.command, { commandId: randomUUID(), meetingId: meeting.id, type: 'reportBack', payload: { actionId: callAction, status: 'done', note: 'Plan agreed this morning' } })).toMatchObject({ ok: true });
    expect(await action(callAction)).toEqual({ status: 'done', reportNote: 'Plan agreed this morning', reportedVia: 'live', reportedInMeetingId: meeting.id });
    // Reported at the check-in: closed, no longer on the person's list.
    const mine = (await request(t.http).get('/api/me/actions').set(world.member.auth).expect(200)).body as MyActionResponse[];
    expect(mine.map((a) => a.id)).toEqual([writeAction]);
    expect(later.id).not.toBe(meeting.id);
  });
});
