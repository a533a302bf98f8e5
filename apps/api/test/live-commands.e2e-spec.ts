import { randomUUID } from 'node:crypto';
import { LIVE_MESSAGES, type LiveCommandAck, type MeetingResponse } from '@als/shared';
import { addMember, createSet, registerUser, TestUser } from './factories';
import { connect, listen, LiveClient } from './live-client';
import { request, startTestApp, TestApp } from './app';

const command = (meetingId: string, type: string, payload: Record<string, unknown> = {}, commandId: string = randomUUID()) => ({ commandId, meetingId, type, payload });
const TAKEN = { ok: false, error: expect.stringMatching(/commandId was already used/) as unknown };

/**
 * CONTRACT.md: a commandId belongs to its first command. Sent again by the same person with the
 * same type and payload it is acknowledged with the same seq; by another person, or with another
 * type or payload, it is refused and nothing is applied — whichever way the repeat is caught: the
 * process's memory of recent commands, the log (another process, or after a refusal), the unique
 * constraint of the log, or a group of writes.
 */
describe('live commands: a commandId is bound to its first command', () => {
  let one: TestApp;
  let two: TestApp;
  let fran: TestUser;
  let pat: TestUser;
  let setId: string;
  const clients: LiveClient[] = [];
  const newMeeting = async () => ((await request(one.http).post(`/api/sets/${setId}/meetings`).set(fran.auth).send({ startsAt: '2031-05-06T09:30', durationMinutes: 180, format: 'online' }).expect(201)).body as MeetingResponse).id;
  const logged = async (meetingId: string) => (await one.db.query('SELECT "seq", "commandId", "type", "payload" FROM "session_events" WHERE "meetingId" = $1 ORDER BY "seq"', [meetingId])) as { seq: number; commandId: string; type: string; payload: Record<string, unknown> }[];
  const open = async (base: string, who: TestUser, meetingId: string) => {
    const client = await connect(base, who.token);
    clients.push(client);
    expect(await client.emit(LIVE_MESSAGES.join, { meetingId })).toMatchObject({ ok: true });
    return client;
  };
  const send = (client: LiveClient, body: unknown) => client.emit<LiveCommandAck>(LIVE_MESSAGES.command, body);
  let baseOne: string;
  let baseTwo: string;

  beforeAll(async () => {
    one = await startTestApp({ LIVE_RATE_LIMIT: '0' });
    two = await startTestApp({ LIVE_RATE_LIMIT: '0' });
    [baseOne, baseTwo] = [await listen(one), await listen(two)];
    fran = await registerUser(one, { displayName: 'Fran' });
    setId = (await createSet(one, fran)).id;
    pat = await addMember(one, fran, setId);
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await one.close();
    await two.close();
  });

  it('answers the same command again with its seq, and refuses the id for another person, type or payload, in the process that applied it', async () => {
    const meetingId = await newMeeting();
    const facilitator = await open(baseOne, fran, meetingId);
    const member = await open(baseOne, pat, meetingId);
    const start = command(meetingId, 'start');
    expect(await send(facilitator, start)).toEqual({ ok: true, seq: 1 });
    expect(await send(facilitator, start)).toEqual({ ok: true, seq: 1 });
    // Another type under the same id, and another person under it.
    expect(await send(facilitator, { ...start, type: 'advance' })).toEqual(TAKEN);
    expect(await send(member, { ...start, type: 'raiseHand' })).toEqual(TAKEN);
    expect(await send(facilitator, command(meetingId, 'advance'))).toEqual({ ok: true, seq: 2 });
    // The payload compared as validated: the same fields in another order are the same command; another value is not.
    const bid = command(meetingId, 'bid', { wantsTime: true, urgency: 3 });
    expect(await send(member, bid)).toEqual({ ok: true, seq: 3 });
    expect(await send(member, { ...bid, payload: { urgency: 3, wantsTime: true } })).toEqual({ ok: true, seq: 3 });
    expect(await send(member, { ...bid, payload: { wantsTime: true, urgency: 4 } })).toEqual(TAKEN);
    expect(await send(facilitator, { ...bid, payload: { wantsTime: true, urgency: 3, onBehalfOf: pat.id } })).toEqual(TAKEN);
    expect((await logged(meetingId)).map((e) => [e.seq, e.type])).toEqual([
      [1, 'started'],
      [2, 'phaseChanged'],
      [3, 'bid'],
    ]);
    expect((await logged(meetingId))[2].payload).toMatchObject({ userId: pat.id, urgency: 3 });
  });

  it('holds in another process, which has not seen the command: through the log after a refusal, and through the log’s unique constraint', async () => {
    const meetingId = await newMeeting();
    const facilitator = await open(baseOne, fran, meetingId);
    const start = command(meetingId, 'start');
    const advance = command(meetingId, 'advance');
    const bid = command(meetingId, 'bid', { wantsTime: true, urgency: 2 });
    expect(await send(facilitator, start)).toEqual({ ok: true, seq: 1 });
    expect(await send(facilitator, advance)).toEqual({ ok: true, seq: 2 });
    expect(await send(facilitator, bid)).toEqual({ ok: true, seq: 3 });
    const franTwo = await open(baseTwo, fran, meetingId);
    const patTwo = await open(baseTwo, pat, meetingId);
    // Refused by the rules now (the session has started), found in the log: the same command is acknowledged, another is refused.
    expect(await send(franTwo, start)).toEqual({ ok: true, seq: 1 });
    expect(await send(patTwo, { ...start })).toEqual(TAKEN);
    // Allowed by the rules now, so written, and stopped by the log's unique constraint: the same command is acknowledged, another is refused.
    expect(await send(franTwo, advance)).toEqual({ ok: true, seq: 2 });
    expect(await send(patTwo, { ...advance, type: 'raiseHand' })).toEqual(TAKEN);
    expect(await send(patTwo, { ...bid, payload: { wantsTime: true, urgency: 2 } })).toEqual(TAKEN);
    expect(await send(franTwo, { ...bid, payload: { wantsTime: false, urgency: 2 } })).toEqual(TAKEN);
    expect(await send(franTwo, { ...bid, payload: { urgency: 2, wantsTime: true } })).toEqual({ ok: true, seq: 3 });
    expect((await logged(meetingId)).map((e) => e.seq)).toEqual([1, 2, 3]);
    // The session carries on from both processes.
    expect(await send(patTwo, command(meetingId, 'raiseHand'))).toEqual({ ok: true, seq: 4 });
  });

  it('keeps the server’s own timer ids for the server: a person cannot take one', async () => {
    const meetingId = await newMeeting();
    const facilitator = await open(baseOne, fran, meetingId);
    expect(await send(facilitator, command(meetingId, 'start'))).toEqual({ ok: true, seq: 1 });
    expect(await send(facilitator, command(meetingId, 'raiseHand', {}, 'timer:2:expired'))).toEqual({ ok: false, error: expect.stringContaining('timer:') });
    expect((await logged(meetingId)).map((e) => e.seq)).toEqual([1]);
  });

  it('lets both processes expire a timer under its server id: applied once, the other attempt a duplicate', async () => {
    const meetingId = await newMeeting();
    const facilitator = await open(baseOne, fran, meetingId);
    expect(await send(facilitator, command(meetingId, 'start'))).toEqual({ ok: true, seq: 1 });
    // Bring the timer to about a second from now; then Pat joins through process two, which follows it from there too.
    const joined = await facilitator.emit<{ ok: true; state: { timer: { endsAt: string } } }>(LIVE_MESSAGES.join, { meetingId });
    const seconds = -Math.floor((Date.parse(joined.state.timer.endsAt) - Date.now()) / 1000) + 1;
    expect(await send(facilitator, command(meetingId, 'extendTimer', { seconds }))).toEqual({ ok: true, seq: 2 });
    const watcher = await open(baseTwo, pat, meetingId);
    // Without Redis each process tells only its own sockets: watch the log.
    for (let i = 0; i < 100 && !(await logged(meetingId)).some((e) => e.type === 'timerExpired'); i++) await new Promise((r) => setTimeout(r, 50));
    // Both attempts are done (the later one a duplicate, or refused as no longer running) well within this.
    await new Promise((r) => setTimeout(r, 300));
    const rows = await logged(meetingId);
    expect(rows.map((e) => [e.seq, e.type, e.commandId])).toEqual([
      [1, 'started', expect.any(String)],
      [2, 'timerExtended', expect.any(String)],
      [3, 'timerExpired', 'timer:1:expired'],
    ]);
    expect([...facilitator.events, ...watcher.events].filter((e) => e.type === 'timerExpired')).toHaveLength(1);
  });

  it('binds each id to one command when two processes race on many meetings with the same ids for different commands (group commit, lost compare-and-sets)', async () => {
    const meetingIds = await Promise.all(Array.from({ length: 6 }, () => newMeeting()));
    const a = await connect(baseOne, fran.token);
    const b = await connect(baseTwo, fran.token);
    const p = await connect(baseTwo, pat.token);
    clients.push(a, b, p);
    for (const meetingId of meetingIds) {
      for (const c of [a, b, p]) await c.emit(LIVE_MESSAGES.join, { meetingId });
      expect(await send(a, command(meetingId, 'start'))).toEqual({ ok: true, seq: 1 });
    }
    const count = 12;
    // Each id used for two different extensions (through both processes) and by Pat for a raised hand, all at once.
    const ids = meetingIds.flatMap((meetingId) => Array.from({ length: count }, () => ({ meetingId, commandId: randomUUID() })));
    const variants = (id: { meetingId: string; commandId: string }) => [
      { client: a, body: command(id.meetingId, 'extendTimer', { seconds: 60 }, id.commandId) },
      { client: b, body: command(id.meetingId, 'extendTimer', { seconds: 60 }, id.commandId) },
      { client: b, body: command(id.meetingId, 'extendTimer', { seconds: 120 }, id.commandId) },
      { client: p, body: command(id.meetingId, 'raiseHand', {}, id.commandId) },
    ];
    const sent = ids.map((id) => variants(id));
    const acks = await Promise.all(sent.map((group) => Promise.all(group.map(({ client, body }) => send(client, body)))));
    for (const meetingId of meetingIds) {
      const rows = await logged(meetingId);
      expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: count + 1 }, (_, i) => i + 1));
      for (const [i, id] of ids.entries()) {
        if (id.meetingId !== meetingId) continue;
        const row = rows.find((r) => r.commandId === id.commandId);
        expect(row).toBeDefined();
        // The applied variant is the first to reach the log; its copies get its seq, every other variant is refused.
        const applied = row!.type === 'handRaised' ? [3] : row!.payload.seconds === 60 ? [0, 1] : [2];
        acks[i].forEach((ack, v) => expect(ack).toEqual(applied.includes(v) ? { ok: true, seq: row!.seq } : TAKEN));
      }
    }
  });
});
