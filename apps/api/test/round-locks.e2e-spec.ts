import type { RoundDetailResponse } from '@als/shared';
import { TestClock } from '@api/common/clock';
import { RoundDeadlinesJob } from '@api/rounds/round-deadlines.job';
import { LONG_SESSIONS, request, startTestApp, TestApp } from './app';
import { addMember, createSet, registerUser, TestUser } from './factories';
import { holdLocks } from './locks';

/**
 * The round deadlines job: each round in its own transaction, holding that round's row
 * (`FOR UPDATE SKIP LOCKED`, re-checked under the lock). Two job runners (two API processes on
 * one database, one clock) and changes under way must never cause a double move, a double nudge,
 * or a nudge to someone whose contribution was being written. (The clock is set in 2020, before
 * any other test's deadlines: a sweep is global, and must not move other tests' rounds.)
 */
describe('round deadlines and nudges under locks', () => {
  const clock = new TestClock('2020-01-06T09:00:00Z');
  let t: TestApp;
  let second: TestApp;
  let fran: TestUser;
  let pat: TestUser;
  let sam: TestUser;
  let kim: TestUser;
  let setId: string;
  beforeAll(async () => {
    t = await startTestApp(LONG_SESSIONS, { clock });
    second = await startTestApp(LONG_SESSIONS, { clock });
    fran = await registerUser(t, { displayName: 'Fran' });
    setId = (await createSet(t, fran, { name: 'Sweep set', timeZone: 'Europe/London' })).id;
    pat = await addMember(t, fran, setId);
    sam = await addMember(t, fran, setId);
    kim = await addMember(t, fran, setId);
  });
  afterAll(async () => {
    await second.close();
    await t.close();
  });

  const open = async (presenter: TestUser, title: string) => (await request(t.http).post(`/api/sets/${setId}/rounds`).set(presenter.auth).send({ title, caseText: 'A case.' }).expect(201)).body as RoundDetailResponse;
  const nudges = async (roundId: string) => ((await t.db.query(`SELECT "userId" FROM "round_notifications" WHERE "roundId" = $1 AND "kind" LIKE 'nudge:%' ORDER BY "userId"`, [roundId])) as { userId: string }[]).map((r) => r.userId);
  const phase = async (roundId: string) => ((await request(t.http).get(`/api/rounds/${roundId}`).set(fran.auth).expect(200)).body as RoundDetailResponse).phase;
  const ids = (...people: TestUser[]) => people.map((p) => p.id).sort();
  const closeAll = async () => {
    for (const { id } of (await t.db.query(`SELECT "id" FROM "rounds" WHERE "setId" = $1 AND "phase" <> 'closed'`, [setId])) as { id: string }[]) {
      await request(t.http).post(`/api/rounds/${id}/close`).set(fran.auth).expect(200);
    }
  };

  it('skips a round whose row a change holds (a contribution being written) and nudges the others at once; then nudges only who still owes', async () => {
    clock.set('2020-01-06T09:00:00Z');
    const busy = await open(pat, 'Busy round');
    const quiet = await open(sam, 'Quiet round');
    clock.set('2020-01-07T21:00:00Z'); // 12 hours before both clarifying deadlines
    // Kim's contribution to the busy round is being written: its transaction holds the round.
    const held = await holdLocks(t.db, [
      [`SELECT 1 FROM "rounds" WHERE "id" = $1 FOR UPDATE`, [busy.id]],
      [`INSERT INTO "round_contributions" ("roundId", "phase", "authorId", "body", "via", "createdAt") VALUES ($1, 'clarifying', $2, 'What happened next?', 'web', $3)`, [busy.id, kim.id, clock.now()]],
    ]);
    try {
      await t.app.get(RoundDeadlinesJob).sweep();
      expect(await nudges(quiet.id)).toEqual(ids(fran, pat, kim));
      expect(await nudges(busy.id)).toEqual([]);
    } finally {
      await held.release();
    }
    await t.app.get(RoundDeadlinesJob).sweep();
    expect(await nudges(busy.id)).toEqual(ids(fran, sam));
    await closeAll();
  });

  it('two processes sweeping at the same moments move each due round once and nudge each person once', async () => {
    clock.set('2020-02-03T09:00:00Z');
    const rounds = [await open(pat, 'First'), await open(sam, 'Second'), await open(kim, 'Third')];
    clock.set('2020-02-04T21:00:00Z');
    const sweeps = () => Promise.all([t.app.get(RoundDeadlinesJob).sweep(), second.app.get(RoundDeadlinesJob).sweep(), t.app.get(RoundDeadlinesJob).sweep()]);
    await sweeps();
    expect(await nudges(rounds[0].id)).toEqual(ids(fran, sam, kim));
    expect(await nudges(rounds[1].id)).toEqual(ids(fran, pat, kim));
    expect(await nudges(rounds[2].id)).toEqual(ids(fran, pat, sam));
    clock.set('2020-02-05T09:00:00Z');
    await sweeps();
    for (const round of rounds) expect(await phase(round.id)).toBe('answers');
    const opened = (await t.db.query(`SELECT count(*)::int AS "n" FROM "round_notifications" WHERE "roundId" = ANY($1) AND "kind" = 'open:answers'`, [rounds.map((r) => r.id)])) as { n: number }[];
    expect(opened[0].n).toBe(3);
    await closeAll();
  });
});

describe('GET /api/rounds/:roundId never writes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  /** A fingerprint of every table a round's reading could touch. */
  async function fingerprint(): Promise<Record<string, string>> {
    const tables = ['rounds', 'round_phases', 'round_participants', 'round_contributions', 'round_notifications', 'mail_outbox', 'actions', 'set_audit_events'];
    const result: Record<string, string> = {};
    for (const table of tables) {
      const [{ digest }] = (await t.db.query(`SELECT count(*) || ':' || coalesce(md5(string_agg(x::text, ',' ORDER BY x::text)), '') AS "digest" FROM "${table}" x`)) as { digest: string }[];
      result[table] = digest;
    }
    return result;
  }

  it('changes no row, for anyone, and a person who joined after the round opened already has their reply address', async () => {
    const fran = await registerUser(t, { displayName: 'Fran' });
    const setId = (await createSet(t, fran, { name: 'Read-only set' })).id;
    const pat = await addMember(t, fran, setId);
    const round = (await request(t.http).post(`/api/sets/${setId}/rounds`).set(pat.auth).send({ title: 'A case', caseText: 'What happened.' }).expect(201)).body as RoundDetailResponse;
    // Joined since: by invitation, and a sponsor made a member.
    const newcomer = await addMember(t, fran, setId);
    const sponsor = await addMember(t, fran, setId, 'sponsor');
    await request(t.http).patch(`/api/sets/${setId}/members/${sponsor.id}`).set(fran.auth).send({ role: 'member' }).expect(200);
    const before = await fingerprint();
    for (const who of [newcomer, sponsor, pat, fran]) {
      const read = (await request(t.http).get(`/api/rounds/${round.id}`).set(who.auth).expect(200)).body as RoundDetailResponse;
      expect(read.replyAddress).toMatch(/^reply\+r[a-z2-7]{36}@mail\.app\.test$/);
    }
    await request(t.http).get(`/api/sets/${setId}/rounds`).set(fran.auth).expect(200);
    await request(t.http).get(`/api/rounds/${round.id}/deliveries`).set(fran.auth).expect(200);
    expect(await fingerprint()).toEqual(before);
  });
});
