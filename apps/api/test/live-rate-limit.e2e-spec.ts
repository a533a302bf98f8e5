import { LIVE_MESSAGES, type LiveResyncAck, type MeetingResponse } from '@als/shared';
import { addMember, createSet, registerUser } from './factories';
import { connect, listen, LiveClient } from './live-client';
import { request, startTestApp, TestApp } from './app';

const redisUrl = process.env.REDIS_URL;

/** CONTRACT.md: LIVE_RATE_LIMIT messages per person per minute, across every API process when REDIS_URL is set. */
(redisUrl ? describe : describe.skip)(`live sessions: the rate limit across two API processes (REDIS_URL${redisUrl ? '' : ' not set: skipped'})`, () => {
  const apps: TestApp[] = [];
  const clients: LiveClient[] = [];
  afterAll(async () => {
    for (const c of clients) c.close();
    for (const t of apps) await t.close();
  });

  it('lets a person send LIVE_RATE_LIMIT messages a minute in all, however many processes they send through, then cuts them off', async () => {
    const limit = 6;
    for (let i = 0; i < 2; i++) apps.push(await startTestApp({ LIVE_RATE_LIMIT: String(limit), REDIS_URL: redisUrl! }));
    const [one, two] = apps;
    const bases = [await listen(one), await listen(two)];
    const fran = await registerUser(one);
    const set = await createSet(one, fran);
    const pat = await addMember(one, fran, set.id);
    const meetingId = ((await request(one.http).post(`/api/sets/${set.id}/meetings`).set(fran.auth).send({ startsAt: '2031-05-06T09:30', durationMinutes: 60, format: 'online' }).expect(201)).body as MeetingResponse).id;
    const [a, b] = [await connect(bases[0], pat.token), await connect(bases[1], pat.token)];
    const calm = await connect(bases[1], fran.token);
    clients.push(a, b, calm);
    // Messages through each process in turn: the limit counts them together.
    const answers: (LiveResyncAck | 'closed')[] = [];
    for (let i = 0; i < limit + 2; i++) {
      const via = i % 2 ? b : a;
      if (!via.socket.connected) answers.push('closed');
      else answers.push(await via.emit<LiveResyncAck>(LIVE_MESSAGES.resync, { meetingId, sinceSeq: 0 }).catch(() => 'closed' as const));
    }
    expect(answers.filter((x) => x !== 'closed' && x.ok)).toHaveLength(limit);
    expect(answers.slice(limit)).toEqual([{ ok: false, error: 'Too many messages.' }, expect.anything()]);
    await a.until(() => a.closed.length + b.closed.length > 0, 'a connection closed');
    expect([...a.closed, ...b.closed][0]).toContain('Too many messages');
    // Someone else is not affected.
    expect(await calm.emit(LIVE_MESSAGES.resync, { meetingId, sinceSeq: 0 })).toMatchObject({ ok: true });
  });
});
