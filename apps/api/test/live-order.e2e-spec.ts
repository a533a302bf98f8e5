import { randomUUID } from 'node:crypto';
import { LIVE_MESSAGES, type LiveCommandAck, type LiveJoinAck, type MeetingResponse } from '@als/shared';
import { addMember, createSet, registerUser, TestUser } from './factories';
import { connect, listen, LiveClient } from './live-client';
import { request, startTestApp, TestApp } from './app';

const redisUrl = process.env.REDIS_URL;
const command = (meetingId: string, type: string, payload: Record<string, unknown> = {}) => ({ commandId: randomUUID(), meetingId, type, payload });

/**
 * CONTRACT.md: each client receives a meeting's events in seq order, also when the commands
 * entered through different API processes. Two processes with Redis, people connected to each,
 * batches of concurrent commands through both: every client sees seq rise by exactly one each time,
 * from the seq it joined at, with nothing missing and nothing twice.
 */
(redisUrl ? describe : describe.skip)(`live sessions: delivery in seq order across two API processes (REDIS_URL${redisUrl ? '' : ' not set: skipped'})`, () => {
  let one: TestApp;
  let two: TestApp;
  let baseOne: string;
  let baseTwo: string;
  const clients: LiveClient[] = [];
  afterAll(async () => {
    for (const c of clients) c.close();
    await one?.close();
    await two?.close();
  });

  it('delivers every event once, in seq order, to every client on either process while commands enter through both', async () => {
    one = await startTestApp({ LIVE_RATE_LIMIT: '0', REDIS_URL: redisUrl! });
    two = await startTestApp({ LIVE_RATE_LIMIT: '0', REDIS_URL: redisUrl! });
    [baseOne, baseTwo] = [await listen(one), await listen(two)];
    const fran: TestUser = await registerUser(one, { displayName: 'Fran' });
    const set = await createSet(one, fran);
    const members: TestUser[] = [];
    for (let i = 0; i < 5; i++) members.push(await addMember(one, fran, set.id));
    const meetingId = ((await request(one.http).post(`/api/sets/${set.id}/meetings`).set(fran.auth).send({ startsAt: '2031-05-06T09:30', durationMinutes: 180, format: 'online' }).expect(201)).body as MeetingResponse).id;
    // Each person on both processes: six clients on each.
    const people = [fran, ...members];
    const onOne: LiveClient[] = [];
    const onTwo: LiveClient[] = [];
    for (const person of people) {
      onOne.push(await connect(baseOne, person.token));
      onTwo.push(await connect(baseTwo, person.token));
    }
    clients.push(...onOne, ...onTwo);
    for (const c of clients) expect(await c.emit<LiveJoinAck>(LIVE_MESSAGES.join, { meetingId })).toMatchObject({ ok: true, seq: 0 });
    expect(await onOne[0].emit(LIVE_MESSAGES.command, command(meetingId, 'start'))).toEqual({ ok: true, seq: 1 });

    // Batches of concurrent commands, half through each process: hands raised and lowered, timers extended.
    const batches = 40;
    const perBatch = 30;
    let seq = 1;
    for (let b = 0; b < batches; b++) {
      const acks = await Promise.all(
        Array.from({ length: perBatch }, (_, i) => {
          const client = (i % 2 ? onTwo : onOne)[i % people.length];
          const body = client === onOne[0] || client === onTwo[0] ? command(meetingId, 'extendTimer', { seconds: 60 }) : command(meetingId, 'raiseHand');
          return client.emit<LiveCommandAck>(LIVE_MESSAGES.command, body);
        }),
      );
      expect(acks.filter((a) => !a.ok)).toEqual([]);
      seq += perBatch;
    }
    for (const c of clients) await c.until(() => c.events.length >= seq, `all ${seq} events`, 10_000);
    await new Promise((r) => setTimeout(r, 200));
    const expected = Array.from({ length: seq }, (_, i) => i + 1);
    for (const c of clients) expect(c.events.map((e) => e.seq)).toEqual(expected);
    // And each saw the same events.
    const order = (c: LiveClient) => c.events.map((e) => `${e.seq}:${e.commandId}`);
    for (const c of clients) expect(order(c)).toEqual(order(clients[0]));
  });

  it('gives a client that joins while commands come through both processes every event after its join, in order, each once', async () => {
    const fran = await registerUser(one, { displayName: 'Fran' });
    const set = await createSet(one, fran);
    const pat = await addMember(one, fran, set.id);
    const meetingId = ((await request(one.http).post(`/api/sets/${set.id}/meetings`).set(fran.auth).send({ startsAt: '2031-05-06T09:30', durationMinutes: 180, format: 'online' }).expect(201)).body as MeetingResponse).id;
    const a = await connect(baseOne, fran.token);
    const b = await connect(baseTwo, pat.token);
    clients.push(a, b);
    for (const c of [a, b]) await c.emit(LIVE_MESSAGES.join, { meetingId });
    expect(await a.emit(LIVE_MESSAGES.command, command(meetingId, 'start'))).toEqual({ ok: true, seq: 1 });
    const total = 60;
    const sending = (async () => {
      for (let i = 0; i < total / 2; i++) {
        const acks = await Promise.all([a.emit<LiveCommandAck>(LIVE_MESSAGES.command, command(meetingId, 'raiseHand')), b.emit<LiveCommandAck>(LIVE_MESSAGES.command, command(meetingId, 'raiseHand'))]);
        expect(acks.every((ack) => ack.ok)).toBe(true);
      }
    })();
    // Newcomers join on both processes while the commands flow.
    const late: { client: LiveClient; seq: number }[] = [];
    for (let i = 0; i < 6; i++) {
      const client = await connect(i % 2 ? baseTwo : baseOne, (i % 3 ? pat : fran).token);
      clients.push(client);
      // Nothing comes before the join's answer (its state holds what came before; what comes after follows it): counted as the answer arrives.
      let before = -1;
      const joined = await new Promise<LiveJoinAck>((resolve, reject) =>
        client.socket.timeout(5000).emit(LIVE_MESSAGES.join, { meetingId }, (error: Error | null, answer: LiveJoinAck) => {
          before = client.events.length;
          return error ? reject(error) : resolve(answer);
        }),
      );
      if (!joined.ok) throw new Error(joined.error);
      expect(before).toBe(0);
      late.push({ client, seq: joined.seq });
    }
    await sending;
    const last = 1 + total;
    for (const { client, seq } of late) {
      await client.until(() => (client.events.at(-1)?.seq ?? seq) >= last, `events up to ${last}`, 10_000);
      expect(client.events.map((e) => e.seq)).toEqual(Array.from({ length: last - seq }, (_, i) => seq + 1 + i));
    }
  });
});
