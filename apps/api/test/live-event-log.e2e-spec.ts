import { randomUUID } from 'node:crypto';
import type { Pool, QueryConfig } from 'pg';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import type { MeetingResponse } from '@als/shared';
import { LiveEventLog, type EventWrite } from '@api/live/live-event-log';
import { addMember, createSet, registerUser, TestUser } from './factories';
import { request, startTestApp, TestApp } from './app';

/** The session event log's writer against the real database: group commit, with each event's own outcome. */
describe('live session event log (group commit)', () => {
  let t: TestApp;
  let fran: TestUser;
  let pat: TestUser;
  let outsider: TestUser;
  let setId: string;
  /** The names of the statements the writer sent, in order. */
  let statements: string[];
  let pool: Pool;

  const newMeeting = async () => {
    const { id } = (await request(t.http).post(`/api/sets/${setId}/meetings`).set(fran.auth).send({ startsAt: '2031-03-03T09:30', durationMinutes: 120, format: 'online' }).expect(201)).body as MeetingResponse;
    await t.db.query(`INSERT INTO "live_sessions" ("meetingId", "snapshot") VALUES ($1, '{}')`, [id]);
    return id;
  };
  const meetings = (n: number) => Promise.all(Array.from({ length: n }, () => newMeeting()));
  const event = (meetingId: string, overrides: Partial<EventWrite> = {}): EventWrite => ({
    meetingId,
    seq: 0,
    next: 1,
    phase: 'checkIn',
    timerId: 1,
    timerEndsAt: '2031-03-03T09:40:00.000Z',
    snapshot: null,
    commandId: randomUUID(),
    commandDigest: 'c0ffee'.padEnd(64, '0'),
    type: 'phaseChanged',
    payload: JSON.stringify({ phase: 'checkIn' }),
    actorId: fran.id,
    role: 'facilitator',
    at: '2031-03-03T09:30:00.000Z',
    ...overrides,
  });
  const logged = async (meetingId: string) =>
    (await t.db.query('SELECT "seq", "commandId", "type", "payload", "actorId", "at" FROM "session_events" WHERE "meetingId" = $1 ORDER BY "seq"', [meetingId])) as { seq: number; commandId: string; type: string; payload: unknown; actorId: string | null; at: Date }[];
  const session = async (meetingId: string) =>
    ((await t.db.query('SELECT "seq", "phase", "timerId", "timerEndsAt", "snapshot", "snapshotSeq" FROM "live_sessions" WHERE "meetingId" = $1', [meetingId])) as { seq: number; phase: string; timerId: number | null; timerEndsAt: Date | null; snapshot: unknown; snapshotSeq: number }[])[0];
  /** A writer on the real pool that notes each statement it sends. */
  const writer = (maxInFlight: number) => {
    const counting = { query: (config: QueryConfig) => (statements.push(config.name!), pool.query(config)) } as unknown as Pool;
    return new LiveEventLog(counting, maxInFlight);
  };

  beforeAll(async () => {
    t = await startTestApp();
    pool = (t.db.driver as PostgresDriver).master as Pool;
    fran = await registerUser(t, { displayName: 'Fran' });
    setId = (await createSet(t, fran)).id;
    pat = await addMember(t, fran, setId);
    outsider = await registerUser(t, { displayName: 'Olly' });
  });
  beforeEach(() => {
    statements = [];
  });
  afterAll(async () => {
    await t.close();
  });

  it('writes an event that comes alone at once, in a statement of its own', async () => {
    const log = writer(2);
    const [meetingId] = await meetings(1);
    expect(await log.append(event(meetingId))).toEqual({ allowed: true, written: true });
    expect(await log.append(event(meetingId, { seq: 1, next: 2 }))).toEqual({ allowed: true, written: true });
    expect(statements).toEqual(['live-session-write', 'live-session-write']);
    expect((await logged(meetingId)).map((e) => e.seq)).toEqual([1, 2]);
  });

  it('writes the events of meetings that wait together in one statement, each as it would be written alone', async () => {
    const log = writer(1);
    const ids = await meetings(8);
    // Text as members write it, through PostgreSQL's array syntax and back.
    const payload = { text: 'She said "why not?" \\ {a, b} NULL ü 👍\nnext line' };
    const writes = ids.map((id, i) => event(id, { payload: JSON.stringify(payload), snapshot: i % 2 ? JSON.stringify({ phase: 'checkIn', n: i, note: payload.text }) : null, timerId: i % 3 ? i : null, timerEndsAt: i % 3 ? '2031-03-03T09:45:00.000Z' : null, actorId: i === 7 ? null : fran.id, role: i === 7 ? null : 'facilitator' }));
    // The first goes at once; the other seven wait for it and go together.
    const outcomes = await Promise.all(writes.map((w) => log.append(w)));
    expect(outcomes).toEqual(writes.map(() => ({ allowed: true, written: true })));
    expect(statements).toEqual(['live-session-write', 'live-session-write-batch']);
    for (const [i, id] of ids.entries()) {
      expect(await logged(id)).toEqual([{ seq: 1, commandId: writes[i].commandId, type: 'phaseChanged', payload, actorId: i === 7 ? null : fran.id, at: new Date('2031-03-03T09:30:00.000Z') }]);
      expect(await session(id)).toEqual({
        seq: 1,
        phase: 'checkIn',
        timerId: i % 3 ? i : null,
        timerEndsAt: i % 3 ? new Date('2031-03-03T09:45:00.000Z') : null,
        snapshot: i % 2 ? { phase: 'checkIn', n: i, note: payload.text } : {},
        snapshotSeq: i % 2 ? 1 : 0,
      });
    }
  });

  it('logs an anonymous event with no actor, alone or in a statement with others, and still checks the sender’s role', async () => {
    const log = writer(1);
    const ids = await meetings(4);
    const writes = ids.map((id, i) => event(id, { anonymous: i % 2 === 0, actorId: pat.id, role: 'member' }));
    expect(await Promise.all(writes.map((w) => log.append(w)))).toEqual(writes.map(() => ({ allowed: true, written: true })));
    expect(statements).toEqual(['live-session-write', 'live-session-write-batch']);
    for (const [i, id] of ids.entries()) expect((await logged(id)).map((e) => e.actorId)).toEqual([i % 2 === 0 ? null : pat.id]);
    const [other] = await meetings(1);
    expect(await log.append(event(other, { anonymous: true, actorId: outsider.id, role: 'member' }))).toEqual({ allowed: false, written: false });
    expect(await logged(other)).toEqual([]);
  });

  it('decides each event of a statement on its own: a stale seq or a lost role writes nothing for that meeting alone', async () => {
    const log = writer(1);
    const [first, fine, stale, notFacilitator, notMember] = await meetings(5);
    const outcomes = await Promise.all([
      log.append(event(first)),
      log.append(event(fine)),
      log.append(event(stale, { seq: 4, next: 5 })),
      log.append(event(notFacilitator, { actorId: pat.id, role: 'facilitator' })),
      log.append(event(notMember, { actorId: outsider.id, role: 'member' })),
    ]);
    expect(statements).toEqual(['live-session-write', 'live-session-write-batch']);
    expect(outcomes).toEqual([
      { allowed: true, written: true },
      { allowed: true, written: true },
      { allowed: true, written: false },
      { allowed: false, written: false },
      { allowed: false, written: false },
    ]);
    expect((await logged(fine)).map((e) => e.seq)).toEqual([1]);
    for (const id of [stale, notFacilitator, notMember]) {
      expect(await logged(id)).toEqual([]);
      expect((await session(id)).seq).toBe(0);
    }
  });

  it('fails only the event whose commandId is already logged; the others of its statement are written', async () => {
    const [first, repeated, other] = await meetings(3);
    const commandId = randomUUID();
    expect(await writer(1).append(event(repeated, { commandId }))).toEqual({ allowed: true, written: true });
    statements = [];
    const log = writer(1);
    const results = await Promise.allSettled([log.append(event(first)), log.append(event(repeated, { seq: 1, next: 2, commandId })), log.append(event(other))]);
    expect(results[0]).toEqual({ status: 'fulfilled', value: { allowed: true, written: true } });
    expect(results[1]).toMatchObject({ status: 'rejected', reason: { constraint: 'UQ_session_events_command' } });
    expect(results[2]).toEqual({ status: 'fulfilled', value: { allowed: true, written: true } });
    // The statement of two failed as a whole; each was then written alone.
    expect(statements).toEqual(['live-session-write', 'live-session-write-batch', 'live-session-write', 'live-session-write']);
    expect((await logged(repeated)).map((e) => e.seq)).toEqual([1]);
    expect((await session(repeated)).seq).toBe(1);
    expect((await logged(other)).map((e) => e.seq)).toEqual([1]);
  });

  it('never puts two events of one meeting in one statement: the second goes in the next, in order', async () => {
    const log = writer(1);
    const [first, busy, other] = await meetings(3);
    const outcomes = await Promise.all([log.append(event(first)), log.append(event(busy)), log.append(event(other)), log.append(event(busy, { seq: 1, next: 2 }))]);
    expect(outcomes).toEqual(outcomes.map(() => ({ allowed: true, written: true })));
    expect(statements).toEqual(['live-session-write', 'live-session-write-batch', 'live-session-write']);
    expect((await logged(busy)).map((e) => e.seq)).toEqual([1, 2]);
  });

  it('keeps up to maxInFlight statements under way and groups what waits behind them', async () => {
    const log = writer(2);
    const ids = await meetings(6);
    const outcomes = await Promise.all(ids.map((id) => log.append(event(id))));
    expect(outcomes).toEqual(ids.map(() => ({ allowed: true, written: true })));
    // Two go at once, alone; the four that waited go together.
    expect(statements).toEqual(['live-session-write', 'live-session-write', 'live-session-write-batch']);
    for (const id of ids) expect((await session(id)).seq).toBe(1);
  });
});
