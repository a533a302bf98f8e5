import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Client } from 'pg';
import type { RoundDetailResponse } from '@als/shared';
import { TestClock } from '@api/common/clock';
import { ReplyAddresses } from '@api/common/reply-addresses';
import { InboundMailService } from '@api/inbound/inbound-mail.service';
import { RoundReplies } from '@api/inbound/round-replies';
import { OutboxService } from '@api/mail/outbox.service';
import { request, startTestApp, TestApp } from './app';
import { addMember, createSet, registerUser, TestUser } from './factories';

/**
 * The SQL statements each of the most-hit routes sends to PostgreSQL (every round trip counts:
 * transaction control too), counted through a hook on pg's Client.query and attributed to the
 * request whose async context issued them. The counts are asserted exactly, so a change that adds
 * a statement fails here and has to say why; the README's performance section gives them per route.
 * The e-mail outbox's drain that a write starts (after its commit, beside the answer) is counted too:
 * it is that request's work.
 */
const context = new AsyncLocalStorage<string[]>();
const query = Client.prototype.query as (...args: unknown[]) => unknown;
Client.prototype.query = function (this: Client, ...args: unknown[]) {
  const statements = context.getStore();
  if (statements) {
    const [first] = args;
    const text = typeof first === 'string' ? first : (first as { text?: string } | null)?.text;
    statements.push((text ?? '(prepared)').replace(/\s+/g, ' '));
  }
  return query.apply(this, args);
} as typeof Client.prototype.query;

describe('SQL statements per request', () => {
  const clock = new TestClock('2027-03-01T09:00:00Z');
  let t: TestApp;
  let facilitator: TestUser;
  let members: TestUser[];
  let setId: string;
  let roundId: string;

  /** The statements one request sent, the outbox drain it started included. */
  async function statementsOf(send: (agent: ReturnType<typeof request>) => Promise<unknown>, on: TestApp = t): Promise<string[]> {
    const server = on.http as Server;
    const [handler] = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
    const statements: string[] = [];
    server.removeAllListeners('request');
    server.on('request', (req: IncomingMessage, res: ServerResponse) => context.run(statements, () => handler(req, res)));
    try {
      await send(request(on.http));
      // A drain started by the request runs on the outbox's chain: one more drain (not counted) waits for it.
      await on.app.get(OutboxService).drain();
      return statements;
    } finally {
      server.removeAllListeners('request');
      server.on('request', handler);
    }
  }

  beforeAll(async () => {
    // Every request reads its session here (SESSION_REUSE_MS=0): the counts below are exact whatever the timing; the reuse is counted at the end.
    t = await startTestApp({ SESSION_REUSE_MS: '0' }, { clock });
    facilitator = await registerUser(t, { displayName: 'Fran Facilitator' });
    const set = await createSet(t, facilitator);
    setId = set.id;
    members = [];
    for (let i = 0; i < 5; i++) members.push(await addMember(t, facilitator, setId));
    await request(t.http).post(`/api/sets/${setId}/meetings`).set(facilitator.auth).send({ startsAt: '2027-03-08T09:30', durationMinutes: 180, format: 'online', recurrence: 'FREQ=WEEKLY;COUNT=12' }).expect(201);
    for (const person of [facilitator, ...members]) {
      await t.db.query(`INSERT INTO "actions" ("setId", "ownerId", "text", "dueAt") VALUES ($1, $2, 'Speak to the team manager', '2027-04-01'), ($1, $2, 'Read the guidance again', '2027-05-01')`, [setId, person.id]);
    }
    const round = await request(t.http).post(`/api/sets/${setId}/rounds`).set(facilitator.auth).send({ title: 'A case', caseText: 'A family, a decision.' }).expect(201);
    roundId = (round.body as RoundDetailResponse).id;
    await request(t.http).post(`/api/rounds/${roundId}/contributions`).set(members[1].auth).send({ body: 'What have you tried?' }).expect(201);
  });

  afterAll(() => t.close());

  it.each([
    // The session with its user (and, on a set's routes, the caller's membership), then the route's own reads.
    ['GET /api/sets', () => `/api/sets`, 2],
    // The set with its members as one JSON array.
    ['GET /api/sets/:setId', () => `/api/sets/${setId}`, 2],
    ['GET /api/sets/:setId/meetings', () => `/api/sets/${setId}/meetings`, 4],
    // The session, the round's set and the caller's role (sponsors stop there), then the round with
    // its phases, contributions and people as JSON arrays.
    ['GET /api/rounds/:roundId', () => `/api/rounds/${roundId}`, 3],
    ['GET /api/me/actions', () => `/api/me/actions`, 2],
    // The session, then meetings, rounds and actions (one statement each).
    ['GET /api/me/agenda', () => `/api/me/agenda`, 4],
  ])('%s sends the statements it needs and no more', async (_route, path, count) => {
    const statements = await statementsOf((agent) => agent.get(path()).set(members[0].auth).expect(200));
    expect(statements).toHaveLength(count);
  });

  it('POST /api/rounds/:roundId/contributions sends the statements it needs and no more', async () => {
    const statements = await statementsOf((agent) => agent.post(`/api/rounds/${roundId}/contributions`).set(members[0].auth).send({ body: 'What would it look like if this went well?' }).expect(201));
    // The session and the caller's role; then, in one transaction, the round locked and read, the
    // role again under the lock (with the contribution of the same clientId, when one is given), the contribution with its author's count read back, whether the
    // phase is done; then the outbox drain.
    expect(statements).toHaveLength(9);
  });

  it('a reply by e-mail to a round sends the statements it needs and no more', async () => {
    const address = ((await request(t.http).get(`/api/rounds/${roundId}`).set(members[2].auth).expect(200)).body as RoundDetailResponse).replyAddress!;
    const raw = Buffer.from(`From: ${members[2].email}\r\nTo: ${address}\r\nSubject: Re: A case\r\nMessage-ID: <count-1@client.example>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nWhat matters most to you here?\r\n`);
    const statements: string[] = [];
    const result = await context.run(statements, () => t.app.get(InboundMailService).receive(raw, [address], { notify: false }));
    await context.run(statements, () => t.app.get(OutboxService).drain());
    expect(result.outcome).toBe('stored');
    // One transaction for the batch the reply goes in: the addressees with their Message-IDs'
    // records; the batch's rounds locked and read; under the locks, the authors' roles with the
    // contributions their Message-IDs made and who still owes one in each phase; the contributions
    // with their authors' counts, read back; the batch's confirmation e-mails; its inbound records.
    // Then the outbox drain (a claim, the e-mail sent, a claim that finds nothing; and the test's own drain).
    expect(statements.slice(0, statements.indexOf('COMMIT') + 1)).toHaveLength(8);
    expect(statements.filter((s) => s === 'COMMIT')).toHaveLength(1);
    expect(statements).toHaveLength(12);
  });

  it('a batch of replies by e-mail sends as many statements as one reply', async () => {
    const replies = t.app.get(RoundReplies);
    // Members 0 and 3 reply, member 4 does not: the phase cannot end with this batch, so every reply is stored set-wise.
    const writers = [members[0], members[3], members[0], members[3]];
    const participants = await Promise.all(
      writers.map(async (m) => {
        const address = ((await request(t.http).get(`/api/rounds/${roundId}`).set(m.auth).expect(200)).body as RoundDetailResponse).replyAddress!;
        return t.app.get(ReplyAddresses).parse(address)!.id;
      }),
    );
    const statements: string[] = [];
    // The first reply starts a transaction at once; the other three wait for it and go together in the next.
    const outcomes = await context.run(statements, () =>
      Promise.all(writers.map((m, i) => replies.store({ participantId: participants[i], from: m.email, text: `What would help most, ${i}?`, messageId: `<batch-count-${i}@client.example>` }))),
    );
    expect(outcomes.map((o) => o.outcome)).toEqual(['stored', 'stored', 'stored', 'stored']);
    // The transactions' statements (the outbox drain the first commit starts runs beside the second transaction).
    const inTransactions = statements.filter((s) => !s.startsWith('UPDATE "mail_outbox"'));
    const commits = inTransactions.flatMap((s, i) => (s === 'COMMIT' ? [i] : []));
    expect(commits).toEqual([7, 15]);
    const stored = (await t.db.query(`SELECT "messageId" FROM "round_contributions" WHERE "messageId" LIKE '<batch-count-%' ORDER BY "createdAt"`)) as { messageId: string }[];
    expect(stored.map((c) => c.messageId)).toEqual(writers.map((_, i) => `<batch-count-${i}@client.example>`));
  });

  it('with the session read less than a second before (SESSION_REUSE_MS), a route outside a set reads it no more', async () => {
    const reusing = await startTestApp({}, { clock });
    try {
      for (const [path, count] of [['/api/sets', 1], ['/api/me/actions', 1], [`/api/rounds/${roundId}`, 2]] as const) {
        await request(reusing.http).get('/api/me').set(members[0].auth).expect(200);
        const started = performance.now();
        const statements = await statementsOf((agent) => agent.get(path).set(members[0].auth).expect(200), reusing);
        // Unless this machine stalled past the second between the two requests.
        if (performance.now() - started < 900) {
          expect(statements.filter((text) => /FROM "sessions"/.test(text))).toEqual([]);
          expect(statements).toHaveLength(count);
        }
      }
      // A set's routes read the caller's membership with the session, in the one statement they need anyway.
      await request(reusing.http).get('/api/me').set(members[0].auth).expect(200);
      expect(await statementsOf((agent) => agent.get(`/api/sets/${setId}`).set(members[0].auth).expect(200), reusing)).toHaveLength(2);
    } finally {
      await reusing.close();
    }
  });

  it('counts what it says: an unauthenticated request reads nothing, a signed-in one reads its session', async () => {
    expect(await statementsOf((agent) => agent.get('/api/sets').expect(401))).toEqual([]);
    expect((await statementsOf((agent) => agent.get('/api/sets').set(members[0].auth).expect(200)))[0]).toMatch(/FROM "sessions"/);
  });
});
