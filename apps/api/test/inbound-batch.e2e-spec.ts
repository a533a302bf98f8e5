import { createTransport, type Transporter } from 'nodemailer';
import type { RoundDetailResponse } from '@als/shared';
import { RoundReplies } from '@api/inbound/round-replies';
import { request, startTestApp, TestApp } from './app';
import { addMember, createSet, registerUser, TestUser } from './factories';
import { holdLocks } from './locks';
import { freePort } from './mail';

function plain(from: string, to: string, messageId: string, body: string): string {
  return `From: ${from}\r\nTo: ${to}\r\nSubject: Re: round\r\nMessage-ID: ${messageId}\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${body}\r\n`;
}

/** The SMTP answer to one message: 250 (accepted), or the refusal's code and text. */
type Answer = { code: number; response: string };

/**
 * Replies by e-mail stored with group commit (RoundReplies), against two API processes on one
 * PostgreSQL, each with its own SMTP receiver: many sessions at once to one round and to several,
 * the same Message-ID twice at once, a reply that fails inside a batch, and a transaction that fails
 * at COMMIT.
 */
describe(RoundReplies.name, () => {
  let a: TestApp;
  let b: TestApp;
  let smtp: [Transporter, Transporter];
  let fran: TestUser;
  let members: TestUser[];
  let silent: TestUser;
  let setId: string;
  let serial = 0;

  const openRound = async (title: string) => ((await request(a.http).post(`/api/sets/${setId}/rounds`).set(fran.auth).send({ title, caseText: 'A case.' }).expect(201)).body as RoundDetailResponse).id;
  const addressOf = async (who: TestUser, roundId: string) => ((await request(a.http).get(`/api/rounds/${roundId}`).set(who.auth).expect(200)).body as RoundDetailResponse).replyAddress!;
  const send = (via: 0 | 1, who: TestUser, address: string, body: string, messageId = `<batch-${++serial}@client.example>`): Promise<Answer> =>
    smtp[via].sendMail({ envelope: { from: who.email, to: [address] }, raw: plain(who.email, address, messageId, body) }).then(
      () => ({ code: 250, response: '' }),
      (error: { responseCode: number; response: string }) => ({ code: error.responseCode, response: error.response }),
    );
  const contributions = async (roundId: string) => (await a.db.query(`SELECT "id", "messageId", "authorId" FROM "round_contributions" WHERE "roundId" = $1`, [roundId])) as { id: string; messageId: string; authorId: string }[];
  /** For each Message-ID: its contributions, its confirmation e-mails in the outbox, and its inbound record. */
  const traces = async (messageIds: string[]) =>
    (await a.db.query(
      `SELECT i."id" AS "messageId",
              (SELECT count(*)::int FROM "round_contributions" c WHERE c."messageId" = i."id") AS "contributions",
              (SELECT count(*)::int FROM "mail_outbox" o WHERE o."headers"->>'inReplyTo' = i."id") AS "confirmations",
              (SELECT m."outcome" FROM "inbound_messages" m WHERE m."messageId" = i."id") AS "record"
         FROM unnest($1::text[]) AS i("id") ORDER BY i."id"`,
      [messageIds],
    )) as { messageId: string; contributions: number; confirmations: number; record: string | null }[];
  const waitForQueue = async (t: TestApp, count: number) => {
    const deadline = Date.now() + 15_000;
    while (t.app.get(RoundReplies).waiting < count) {
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${count} replies to queue`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };

  /**
   * Lines a batch up on process A: a round's lock is held for each transaction it may have under way
   * (RoundReplies.maxInFlight), each blocking on it with one reply; what is sent next queues, and goes
   * as one batch once `release` lets the others finish.
   */
  const lineUp = async () => {
    const inFlight = a.app.get(RoundReplies).maxInFlight;
    const held: string[] = [];
    for (let i = 0; i < inFlight; i++) held.push(await openRound(`Held ${++serial}`));
    const addresses = await Promise.all(held.map((roundId) => addressOf(members[0], roundId)));
    const locks = await holdLocks(a.db, held.map((roundId) => [`SELECT 1 FROM "rounds" WHERE "id" = $1 FOR UPDATE`, [roundId]]));
    const firsts: Promise<Answer>[] = [];
    for (const address of addresses) {
      firsts.push(send(0, members[0], address, 'What is in the way?'));
      await locks.waitFor(firsts.length);
    }
    return {
      async release(queued: number) {
        await waitForQueue(a, queued);
        await locks.release();
        expect((await Promise.all(firsts)).map((x) => x.code)).toEqual(firsts.map(() => 250));
      },
    };
  };

  beforeAll(async () => {
    const [portA, portB] = [await freePort(), await freePort()];
    a = await startTestApp({ INBOUND_SMTP_PORT: String(portA) });
    b = await startTestApp({ INBOUND_SMTP_PORT: String(portB) });
    const transport = (port: number): Transporter => createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, pool: true, maxConnections: 20 });
    smtp = [transport(portA), transport(portB)];
    fran = await registerUser(a, { displayName: 'Fran' });
    setId = (await createSet(a, fran, { name: 'Batch set', mode: 'async' })).id;
    members = [];
    for (let i = 0; i < 4; i++) members.push(await addMember(a, fran, setId));
    // Someone who never replies, so that the clarifying phase stays open however many questions come.
    silent = await addMember(a, fran, setId);
  });
  afterAll(async () => {
    for (const transport of smtp ?? []) transport.close();
    await a?.close();
    await b?.close();
  });

  it('stores every reply exactly once, with its confirmation and record, when many sessions on two processes write to one round and to several at once', async () => {
    const rounds = [await openRound('One'), await openRound('Two'), await openRound('Three')];
    const addresses = new Map<string, string>();
    for (const roundId of rounds) for (const m of members) addresses.set(`${roundId}/${m.id}`, await addressOf(m, roundId));
    const sent: { messageId: string; roundId: string; authorId: string; answer: Promise<Answer> }[] = [];
    for (let i = 0; i < 48; i++) {
      // Half to the first round, the rest spread over all three, through both processes.
      const roundId = i % 2 === 0 ? rounds[0] : rounds[i % 3];
      const who = members[i % members.length];
      const messageId = `<many-${i}@client.example>`;
      sent.push({ messageId, roundId, authorId: who.id, answer: send((i % 2) as 0 | 1, who, addresses.get(`${roundId}/${who.id}`)!, `What would help, question ${i}?`, messageId) });
    }
    // The same Message-ID twice at once, through each process: stored once.
    const twice = '<twice-at-once@client.example>';
    const twiceAnswers = [send(0, members[0], addresses.get(`${rounds[1]}/${members[0].id}`)!, 'What matters most?', twice), send(1, members[0], addresses.get(`${rounds[1]}/${members[0].id}`)!, 'What matters most?', twice)];

    const answers = await Promise.all(sent.map((s) => s.answer));
    expect(answers.filter((x) => x.code !== 250)).toEqual([]);
    expect((await Promise.all(twiceAnswers)).map((x) => x.code)).toEqual([250, 250]);
    for (const roundId of rounds) {
      const stored = await contributions(roundId);
      const expected = sent.filter((s) => s.roundId === roundId);
      expect(stored.map((c) => c.messageId).sort()).toEqual([...expected.map((s) => s.messageId), ...(roundId === rounds[1] ? [twice] : [])].sort());
    }
    expect((await traces([...sent.map((s) => s.messageId), twice])).filter((t) => t.contributions !== 1 || t.confirmations !== 1 || t.record !== 'stored')).toEqual([]);
    // Each author's count in each round is the number of their contributions there.
    const counts = (await a.db.query(`SELECT rp."roundId", rp."userId", rp."contributions" FROM "round_participants" rp WHERE rp."roundId" = ANY($1) AND rp."contributions" > 0`, [rounds])) as { roundId: string; userId: string; contributions: number }[];
    for (const c of counts) expect(c.contributions).toBe(sent.filter((s) => s.roundId === c.roundId && s.authorId === c.userId).length + (c.roundId === rounds[1] && c.userId === members[0].id ? 1 : 0));
  });

  it('ends a round\'s phase once when a batch holds the last replies it waits for, beside a round whose replies are stored set-wise', async () => {
    const ending = await openRound('Ending');
    const going = await openRound('Going on');
    const everyone = [...members, silent];
    const endingAddresses = await Promise.all(everyone.map((m) => addressOf(m, ending)));
    const goingAddresses = await Promise.all(members.map((m) => addressOf(m, going)));
    const batch = await lineUp();
    // Interleaved: every member who owes a question in `ending` (the last one ends its phase), and all but the silent one in `going`.
    const answers: Promise<Answer>[] = [];
    for (const [i, m] of everyone.entries()) {
      answers.push(send(0, m, endingAddresses[i], `What matters most to you, ${i}?`, `<ending-${i}@client.example>`));
      if (i < members.length) answers.push(send(0, m, goingAddresses[i], `What have you tried, ${i}?`, `<going-${i}@client.example>`));
    }
    await batch.release(answers.length);
    expect((await Promise.all(answers)).map((x) => x.code)).toEqual(answers.map(() => 250));

    const phases = (await a.db.query(`SELECT "id", "phase" FROM "rounds" WHERE "id" = ANY($1)`, [[ending, going]])) as { id: string; phase: string }[];
    expect(Object.fromEntries(phases.map((r) => [r.id, r.phase]))).toEqual({ [ending]: 'answers', [going]: 'clarifying' });
    // Every question in the phase it answered (the SMTP sessions run side by side, so in no set order); the phase closed once, and the answers phase opened.
    const listed = async (roundId: string) => ((await request(a.http).get(`/api/rounds/${roundId}`).set(fran.auth).expect(200)).body as RoundDetailResponse).contributions.map((c) => `${c.phase}: ${c.body}`).sort();
    expect(await listed(ending)).toEqual(everyone.map((_, i) => `clarifying: What matters most to you, ${i}?`));
    expect(await listed(going)).toEqual(members.map((_, i) => `clarifying: What have you tried, ${i}?`));
    const [{ closings }] = (await a.db.query(`SELECT count(*)::int AS "closings" FROM "round_phases" WHERE "roundId" = $1 AND "name" = 'clarifying' AND "closedAt" IS NOT NULL`, [ending])) as { closings: number }[];
    expect(closings).toBe(1);
    const [{ opened }] = (await a.db.query(`SELECT count(*)::int AS "opened" FROM "round_notifications" WHERE "roundId" = $1 AND "kind" = 'open:answers'`, [ending])) as { opened: number }[];
    expect(opened).toBe(1);
    const ids = [...everyone.map((_, i) => `<ending-${i}@client.example>`), ...members.map((_, i) => `<going-${i}@client.example>`)];
    expect((await traces(ids)).filter((t) => t.contributions !== 1 || t.confirmations !== 1 || t.record !== 'stored')).toEqual([]);
    const counts = (await a.db.query(`SELECT "userId", "contributions" FROM "round_participants" WHERE "roundId" = $1 AND "contributions" > 0`, [going])) as { userId: string; contributions: number }[];
    expect(counts.map((c) => c.contributions)).toEqual(members.map(() => 1));
  });

  it('bounces a reply that fails inside a batch alone, and stores the others of the batch', async () => {
    const open = await openRound('Open');
    const paused = await openRound('Paused');
    const closed = await openRound('Closed');
    const faulty = await openRound('Faulty');
    const leaver = await addMember(a, fran, setId);
    const openAddresses = await Promise.all(members.map((m) => addressOf(m, open)));
    const pausedAddress = await addressOf(members[1], paused);
    const closedAddress = await addressOf(members[2], closed);
    const faultyAddress = await addressOf(members[3], faulty);
    const leaverAddress = await addressOf(leaver, open);
    await request(a.http).post(`/api/rounds/${paused}/pause`).set(fran.auth).expect(200);
    await request(a.http).post(`/api/rounds/${closed}/close`).set(fran.auth).expect(200);
    await request(a.http).delete(`/api/sets/${setId}/members/${leaver.id}`).set(fran.auth).expect(204);
    // A failure once the reply's contribution is written: the database refuses it as the statement ends.
    await a.db.query(`CREATE FUNCTION "refuse_for_test"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused for the test'; END $$`);
    await a.db.query(`CREATE TRIGGER "refuse_for_test" AFTER INSERT ON "round_contributions" FOR EACH ROW WHEN (NEW."messageId" = '<faulty@client.example>') EXECUTE FUNCTION "refuse_for_test"()`);
    const good = members.map((_, i) => `<good-${i}@client.example>`);
    try {
      const batch = await lineUp();
      const stored = members.map((m, i) => send(0, m, openAddresses[i], `What would success look like, ${i}?`, good[i]));
      const refused = {
        paused: send(0, members[1], pausedAddress, 'Anyone there?', '<paused@client.example>'),
        closed: send(0, members[2], closedAddress, 'Too late?', '<closed@client.example>'),
        leaver: send(0, leaver, leaverAddress, 'Still here?', '<leaver@client.example>'),
        faulty: send(0, members[3], faultyAddress, 'What would you try first?', '<faulty@client.example>'),
      };
      await batch.release(members.length + 4);

      expect((await Promise.all(stored)).map((x) => x.code)).toEqual(members.map(() => 250));
      expect(await refused.paused).toMatchObject({ code: 550, response: expect.stringMatching(/paused/) });
      expect(await refused.closed).toMatchObject({ code: 550, response: expect.stringMatching(/is closed/) });
      expect(await refused.leaver).toMatchObject({ code: 550, response: expect.stringMatching(/no longer a member/) });
      expect(await refused.faulty).toMatchObject({ code: 550, response: expect.stringMatching(/could not be processed/) });
    } finally {
      await a.db.query(`DROP TRIGGER "refuse_for_test" ON "round_contributions"`);
      await a.db.query(`DROP FUNCTION "refuse_for_test"()`);
    }
    expect(await traces(good)).toEqual(good.map((messageId) => ({ messageId, contributions: 1, confirmations: 1, record: 'stored' })));
    // The refused ones left nothing but the record of their refusal (none for the one that failed: it may be sent again).
    expect(await traces(['<closed@client.example>', '<faulty@client.example>', '<leaver@client.example>', '<paused@client.example>'])).toEqual([
      { messageId: '<closed@client.example>', contributions: 0, confirmations: 0, record: 'bounced' },
      { messageId: '<faulty@client.example>', contributions: 0, confirmations: 0, record: null },
      { messageId: '<leaver@client.example>', contributions: 0, confirmations: 0, record: 'bounced' },
      { messageId: '<paused@client.example>', contributions: 0, confirmations: 0, record: 'bounced' },
    ]);
    expect(await contributions(faulty)).toEqual([]);
    const [{ count }] = (await a.db.query(`SELECT count(*)::int AS "count" FROM "round_participants" WHERE "roundId" = $1 AND "contributions" > 0`, [faulty])) as { count: number }[];
    expect(count).toBe(0);
  });

  it('answers every reply of a batch whose COMMIT fails with a temporary 451, keeps nothing of any, and stores them when sent again', async () => {
    const roundId = await openRound('Commit fails');
    const addresses = await Promise.all(members.map((m) => addressOf(m, roundId)));
    // Checked at COMMIT: the database refuses the whole transaction (a serialization failure, which passes on retry).
    await a.db.query(`CREATE FUNCTION "fail_commit_for_test"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'could not serialize access for the test' USING ERRCODE = '40001'; END $$`);
    await a.db.query(
      `CREATE CONSTRAINT TRIGGER "fail_commit_for_test" AFTER INSERT ON "inbound_messages" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW."messageId" = '<doomed-2@client.example>') EXECUTE FUNCTION "fail_commit_for_test"()`,
    );
    const ids = members.map((_, i) => `<doomed-${i}@client.example>`);
    try {
      const batch = await lineUp();
      const doomed = members.map((m, i) => send(0, m, addresses[i], `What would you notice first, ${i}?`, ids[i]));
      await batch.release(members.length);
      expect((await Promise.all(doomed)).map((x) => x.code)).toEqual(members.map(() => 451));
    } finally {
      await a.db.query(`DROP TRIGGER "fail_commit_for_test" ON "inbound_messages"`);
      await a.db.query(`DROP FUNCTION "fail_commit_for_test"()`);
    }
    expect(await traces(ids)).toEqual(ids.map((messageId) => ({ messageId, contributions: 0, confirmations: 0, record: null })));
    expect(await contributions(roundId)).toEqual([]);
    // The sending servers try again: now each is stored once.
    expect((await Promise.all(members.map((m, i) => send(i % 2 === 0 ? 0 : 1, m, addresses[i], `What would you notice first, ${i}?`, ids[i])))).map((x) => x.code)).toEqual(members.map(() => 250));
    expect(await traces(ids)).toEqual(ids.map((messageId) => ({ messageId, contributions: 1, confirmations: 1, record: 'stored' })));
  });
});
