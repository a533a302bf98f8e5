import { Client } from 'pg';
import type { MeResponse } from '@als/shared';
import { SignedLinks } from '@api/common/signed-links';
import { request, startTestApp, TestApp } from './app';
import { PASSWORD, registerUser, TestUser } from './factories';

/**
 * A session read for one request serves the same session's next requests on that process for up to
 * a second (SESSION_REUSE_MS), so most requests send no session statement. What may not follow from
 * it: a signed-out, deleted or changed account seen late where the change was made, or later than a
 * second anywhere else (CONTRACT.md, "Accounts and sessions").
 */

/** Counts the statements that read a session, on every app of this file (pg's Client.query, hooked). */
let sessionReads = 0;
const query = Client.prototype.query as (...args: unknown[]) => unknown;
Client.prototype.query = function (this: Client, ...args: unknown[]) {
  const [first] = args;
  const text = typeof first === 'string' ? first : (first as { text?: string } | null)?.text;
  if (text?.includes('FROM "sessions" s JOIN "users" u')) sessionReads++;
  return query.apply(this, args);
} as typeof Client.prototype.query;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Asks until the answer is `status` (every 20 ms): answers the ms it took from `since` (performance.now()). */
async function untilStatus(t: TestApp, person: TestUser, status: number, since: number, giveUpMs = 3000): Promise<number> {
  for (;;) {
    const answer = await request(t.http).get('/api/me').set(person.auth);
    if (answer.status === status) return performance.now() - since;
    if (performance.now() - since > giveUpMs) throw new Error(`still ${answer.status} after ${giveUpMs} ms`);
    await sleep(20);
  }
}

describe('sessions reused for a second', () => {
  let one: TestApp;
  let two: TestApp;

  beforeAll(async () => {
    // Two API processes on one database and no Redis: neither hears of the other's sign-outs.
    one = await startTestApp();
    two = await startTestApp();
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
  });

  it('reads a session once for the requests of the same second, and again after it', async () => {
    const person = await registerUser(one);
    const before = sessionReads;
    const started = performance.now();
    for (let i = 0; i < 5; i++) await request(one.http).get('/api/sets').set(person.auth).expect(200);
    const elapsed = performance.now() - started;
    // Five requests well inside a second read the session once (a machine stalled past it may read it twice).
    if (elapsed < 900) expect(sessionReads - before).toBe(1);
    await sleep(1000);
    const after = sessionReads;
    await request(one.http).get('/api/sets').set(person.auth).expect(200);
    expect(sessionReads - after).toBe(1);
  });

  it('refuses a session signed out on the same process at once, though read a moment before', async () => {
    const person = await registerUser(one);
    await request(one.http).get('/api/me').set(person.auth).expect(200);
    await request(one.http).post('/api/auth/logout').set(person.auth).expect(204);
    await request(one.http).get('/api/me').set(person.auth).expect(401);
  });

  it('refuses it on another process that heard nothing within a second of its last read there', async () => {
    const person = await registerUser(one);
    await request(two.http).get('/api/me').set(person.auth).expect(200);
    const readAt = performance.now();
    await request(one.http).post('/api/auth/logout').set(person.auth).expect(204);
    await request(one.http).get('/api/me').set(person.auth).expect(401);
    const took = await untilStatus(two, person, 401, readAt);
    expect(took).toBeLessThan(1000 + 300);
  });

  it('shows a changed profile at once on the process that changed it', async () => {
    const person = await registerUser(one);
    await request(one.http).get('/api/me').set(person.auth).expect(200);
    await request(one.http).patch('/api/me').set(person.auth).send({ displayName: 'Robin Renamed' }).expect(200);
    const me = await request(one.http).get('/api/me').set(person.auth).expect(200);
    expect((me.body as MeResponse).displayName).toBe('Robin Renamed');
  });

  it('shows reminders turned off by the e-mail link at once', async () => {
    const person = await registerUser(one);
    await request(one.http).get('/api/me').set(person.auth).expect(200);
    const token = one.app.get(SignedLinks).sign({ purpose: 'reminders-off', userId: person.id }, new Date(Date.now() + 86_400_000));
    await request(one.http).post(`/api/email-preferences/${token}/reminders-off`).expect(200);
    const me = await request(one.http).get('/api/me').set(person.auth).expect(200);
    expect((me.body as MeResponse).meetingReminders).toBe(false);
  });

  it('refuses a deleted account’s session at once, though read a moment before', async () => {
    const person = await registerUser(one);
    await request(one.http).get('/api/me').set(person.auth).expect(200);
    await request(one.http).delete('/api/me').set(person.auth).send({ password: PASSWORD }).expect(204);
    await request(one.http).get('/api/me').set(person.auth).expect(401);
    await request(one.http).get('/api/sets').set(person.auth).expect(401);
  });

  it('reads every request’s session with SESSION_REUSE_MS=0', async () => {
    const strict = await startTestApp({ SESSION_REUSE_MS: '0' });
    try {
      const person = await registerUser(strict);
      const before = sessionReads;
      for (let i = 0; i < 3; i++) await request(strict.http).get('/api/sets').set(person.auth).expect(200);
      expect(sessionReads - before).toBe(3);
    } finally {
      await strict.close();
    }
  });
});

const redisUrl = process.env.REDIS_URL;
(redisUrl ? describe : describe.skip)(`sessions reused across two API processes with Redis (REDIS_URL${redisUrl ? '' : ' not set: skipped'})`, () => {
  let one: TestApp;
  let two: TestApp;

  beforeAll(async () => {
    one = await startTestApp({ REDIS_URL: redisUrl! });
    two = await startTestApp({ REDIS_URL: redisUrl! });
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
  });

  it('a sign-out on one process is heard on the other well before the second is up', async () => {
    const person = await registerUser(one);
    await request(two.http).get('/api/me').set(person.auth).expect(200);
    const readAt = performance.now();
    await request(one.http).post('/api/auth/logout').set(person.auth).expect(204);
    expect(await untilStatus(two, person, 401, readAt)).toBeLessThan(700);
  });

  it('an account deleted on one process is refused on the other well before the second is up', async () => {
    const person = await registerUser(one);
    await request(two.http).get('/api/me').set(person.auth).expect(200);
    const readAt = performance.now();
    await request(one.http).delete('/api/me').set(person.auth).send({ password: PASSWORD }).expect(204);
    expect(await untilStatus(two, person, 401, readAt)).toBeLessThan(700);
  });
});
