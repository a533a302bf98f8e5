import { randomUUID } from 'node:crypto';
import { LIVE_MESSAGES, type LiveCommandAck, type LiveJoinAck, type LiveSessionState, type MeetingResponse, type MyActionResponse } from '@als/shared';
import { TestClock } from '@api/common/clock';
import { OutboxService } from '@api/mail/outbox.service';
import { MeetingNoticesService } from '@api/meetings/meeting-notices.service';
import { LONG_SESSIONS, request, startTestApp, TestApp } from './app';
import { addMember, createSet, registerUser, TestUser } from './factories';
import { connect, listen, LiveClient } from './live-client';
import { parsedMails } from './mail';

/**
 * A session belongs to its meeting whatever time it runs: a set that meets in the morning for a
 * meeting scheduled in the afternoon has held that meeting. Its actions are due at the meeting
 * after it, nobody is asked "How did your actions go?" for it minutes later, and a report given
 * ahead goes to the meeting after it.
 */
describe('a live session run before its scheduled start', () => {
  const clock = new TestClock('2031-03-04T09:00:00Z');
  let t: TestApp;
  let fran: TestUser;
  let pat: TestUser;
  let setId: string;
  let today: string;
  let next: string;
  const clients: LiveClient[] = [];
  const howDidTheyGo = async (who: TestUser) => (await parsedMails(t.mailDir)).filter((m) => m.to.includes(who.email) && m.subject.startsWith('How did your actions go?'));

  const session = async (meetingId: string, who: TestUser = fran) => {
    const client = await connect(base, who.token);
    clients.push(client);
    const joined = await client.emit<LiveJoinAck>(LIVE_MESSAGES.join, { meetingId });
    if (!joined.ok) throw new Error(joined.error);
    return {
      send: async (type: string, payload: Record<string, unknown> = {}) => {
        const ack = await client.emit<LiveCommandAck>(LIVE_MESSAGES.command, { commandId: randomUUID(), meetingId, type, payload });
        expect({ type, ack }).toEqual({ type, ack: { ok: true, seq: expect.any(Number) } });
      },
      state: async () => {
        const again = await client.emit<LiveJoinAck>(LIVE_MESSAGES.join, { meetingId });
        if (!again.ok) throw new Error(again.error);
        return again.state as LiveSessionState;
      },
    };
  };
  let base = '';

  beforeAll(async () => {
    t = await startTestApp({ ...LONG_SESSIONS, LIVE_RATE_LIMIT: '0' }, { clock });
    base = await listen(t);
    fran = await registerUser(t, { displayName: 'Fran' });
    setId = (await createSet(t, fran, { timeZone: 'Europe/London' })).id;
    pat = await addMember(t, fran, setId);
    const schedule = async (startsAt: string) => ((await request(t.http).post(`/api/sets/${setId}/meetings`).set(fran.auth).send({ startsAt, durationMinutes: 180, format: 'in-person' }).expect(201)).body as MeetingResponse).id;
    today = await schedule('2031-03-04T14:00');
    next = await schedule('2031-04-01T14:00');
    await t.app.get(OutboxService).drain();
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await t.close();
  });

  it('dates its actions at the meeting after it', async () => {
    const live = await session(today);
    await live.send('start');
    await live.send('advance');
    await live.send('setOrder', { presenterIds: [pat.id] });
    for (let i = 0; i < 5; i++) await live.send('advance');
    expect((await live.state()).phase).toBe('actions');
    await live.send('addAction', { text: 'Ask the school for a meeting' });
    await live.send('end');
    const [action] = (await request(t.http).get('/api/me/actions').set(pat.auth).expect(200)).body as MyActionResponse[];
    expect(action).toMatchObject({ text: 'Ask the school for a meeting', dueAt: '2031-04-01', status: 'open' });
  });

  it('does not ask "How did your actions go?" for the meeting just held; the meeting after it does, in its time', async () => {
    clock.set('2031-03-04T09:40:00Z');
    await t.app.get(MeetingNoticesService).sweep();
    await t.app.get(OutboxService).drain();
    expect(await howDidTheyGo(pat)).toEqual([]);
    clock.set('2031-03-29T15:00:00Z');
    await t.app.get(MeetingNoticesService).sweep();
    await t.app.get(OutboxService).drain();
    const prompts = await howDidTheyGo(pat);
    expect(prompts.map((m) => m.subject)).toEqual([expect.stringContaining('Tuesday 1 April')]);
  });

  it('takes a report given ahead to the meeting after it, whose check-in opens with it', async () => {
    clock.set('2031-03-04T10:00:00Z');
    const [action] = (await request(t.http).get('/api/me/actions').set(pat.auth).expect(200)).body as MyActionResponse[];
    await request(t.http).post(`/api/me/actions/${action.id}/report-back`).set(pat.auth).send({ status: 'done', note: 'We met on Friday.' }).expect(200);
    const [row] = (await t.db.query(`SELECT "reportedInMeetingId" FROM "actions" WHERE "id" = $1`, [action.id])) as { reportedInMeetingId: string }[];
    expect(row.reportedInMeetingId).toBe(next);
    // Still open to change until that meeting, listed with the actions to report on.
    clock.set('2031-03-04T15:00:00Z');
    expect(((await request(t.http).get('/api/me/actions').set(pat.auth).expect(200)).body as MyActionResponse[]).map((a) => a.id)).toEqual([action.id]);
    await request(t.http).post(`/api/me/actions/${action.id}/report-back`).set(pat.auth).send({ status: 'partly' }).expect(200);
    clock.set('2031-04-01T13:55:00Z');
    const live = await session(next);
    await live.send('start');
    expect((await live.state()).reportBacks).toMatchObject([{ actionId: action.id, userId: pat.id, status: 'partly' }]);
  });

  it('keeps a report given when no meeting is to come for the first meeting held after it', async () => {
    clock.set('2031-05-05T08:00:00Z');
    const setId2 = (await createSet(t, fran, { name: 'One meeting so far' })).id;
    const only = ((await request(t.http).post(`/api/sets/${setId2}/meetings`).set(fran.auth).send({ startsAt: '2031-05-05T14:00', durationMinutes: 120, format: 'in-person' }).expect(201)).body as MeetingResponse).id;
    // Fran is the only one in this set: the action is Fran's own.
    const live = await session(only);
    await live.send('start');
    await live.send('advance');
    await live.send('setOrder', { presenterIds: [fran.id] });
    for (let i = 0; i < 5; i++) await live.send('advance');
    await live.send('addAction', { text: 'Write to the panel' });
    await live.send('end');
    const mine = () => request(t.http).get('/api/me/actions').set(fran.auth).expect(200).then((r) => (r.body as MyActionResponse[]).filter((a) => a.text === 'Write to the panel'));
    const [action] = await mine();
    // No meeting to come: no default due day.
    expect(action.dueAt).toBeNull();
    clock.set('2031-05-06T09:00:00Z');
    await request(t.http).post(`/api/me/actions/${action.id}/report-back`).set(fran.auth).send({ status: 'done', note: 'Sent.' }).expect(200);
    // Listed as reported, still open to change: no meeting has been held since.
    expect(await mine()).toMatchObject([{ id: action.id, status: 'done', reportedInMeetingId: null }]);
    const later = ((await request(t.http).post(`/api/sets/${setId2}/meetings`).set(fran.auth).send({ startsAt: '2031-06-02T14:00', durationMinutes: 120, format: 'in-person' }).expect(201)).body as MeetingResponse).id;
    clock.set('2031-06-02T13:55:00Z');
    const next = await session(later);
    await next.send('start');
    expect((await next.state()).reportBacks).toMatchObject([{ actionId: action.id, userId: fran.id, status: 'done', note: 'Sent.' }]);
    // Once that meeting is held, the report is no longer open to change ahead of it.
    expect(await mine()).toEqual([]);
  });
});
