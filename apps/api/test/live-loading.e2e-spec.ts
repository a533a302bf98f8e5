import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { evolve, initialLiveState, LIVE_MESSAGES, parseLiveEvent, UnknownLiveEventError, type LiveActor, type LiveEvent, type LiveJoinAck, type LiveSessionState, type MeetingResponse } from '@als/shared';
import { eventParameters, WRITE_EVENT, type EventWrite } from '@api/live/live-event-log';
import { LiveSessionsService, SNAPSHOT_EVERY } from '@api/live/live-sessions.service';
import { createSet, registerUser, TestUser } from './factories';
import { databaseOfThisFile, request, startTestApp, TestApp } from './app';
import { connect, listen } from './live-client';

/**
 * Loading a session is one consistent read bounded by seq: the state answered is exactly the state
 * at the seq answered, and a resync never carries an event past the seq it reports — also when a
 * write lands while the read is under way. The write is made to land deterministically: a second
 * connection holds the event log locked, the read waits on it (seen in pg_locks), the write
 * commits, and only then does the read go on.
 */
describe('live sessions: exact loading', () => {
  let one: TestApp;
  /** A second process, which loads each meeting for the first time here (nothing kept in its memory). */
  let two: TestApp;
  let fran: TestUser;
  let setId: string;
  let actor: LiveActor;
  const sessions = (t: TestApp) => t.app.get(LiveSessionsService);

  const newMeeting = async () => ((await request(one.http).post(`/api/sets/${setId}/meetings`).set(fran.auth).send({ startsAt: '2031-05-06T09:30', durationMinutes: 180, format: 'online' }).expect(201)).body as MeetingResponse).id;
  const apply = async (meetingId: string, type: string, payload: Record<string, unknown> = {}) => {
    const result = await sessions(one).apply(meetingId, { commandId: randomUUID(), type, payload }, actor);
    if (!result.ok) throw new Error('error' in result ? result.error : 'forbidden');
    return result.seq;
  };
  /** A started session at `seq` (start, then raised and lowered hands). */
  const sessionAt = async (seq: number) => {
    const meetingId = await newMeeting();
    await apply(meetingId, 'start');
    for (let s = 2; s <= seq; s++) await apply(meetingId, 'raiseHand');
    return meetingId;
  };
  const log = async (meetingId: string) =>
    (await one.db.query('SELECT "seq", "type", "payload", "at" FROM "session_events" WHERE "meetingId" = $1 ORDER BY "seq"', [meetingId])) as { seq: number; type: string; payload: Record<string, unknown>; at: Date }[];
  /** The state at `seq`, replayed from the first event. */
  const replay = async (meetingId: string, seq: number): Promise<LiveSessionState> =>
    (await log(meetingId)).filter((e) => e.seq <= seq).reduce((s, e) => evolve(s, parseLiveEvent({ type: e.type, payload: e.payload, at: e.at.toISOString() })), initialLiveState(meetingId));

  /** The next event as the live layer writes it (a raised or lowered hand), with the snapshot when one is due. */
  const nextWrite = async (meetingId: string, seq: number): Promise<EventWrite> => {
    const before = await replay(meetingId, seq);
    const at = new Date().toISOString();
    const event: LiveEvent = { type: 'handRaised', payload: { userId: fran.id, raised: !before.hands.includes(fran.id) } };
    const after = evolve(before, { ...event, at });
    return {
      meetingId,
      seq,
      next: seq + 1,
      phase: after.phase,
      timerId: after.timer?.id ?? null,
      timerEndsAt: after.timer?.endsAt ?? null,
      snapshot: (seq + 1) % SNAPSHOT_EVERY === 0 ? JSON.stringify(after) : null,
      commandId: randomUUID(),
      commandDigest: '0'.repeat(64),
      type: event.type,
      payload: JSON.stringify(event.payload),
      actorId: fran.id,
      role: 'facilitator',
      at,
    };
  };

  /** Runs `read` while the event log is locked, and lands `write` (committed) while the read waits on the lock. */
  async function writeDuring<T>(read: () => Promise<T>, write: EventWrite): Promise<T> {
    const locker = new Client({ connectionString: await databaseOfThisFile() });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE "session_events" IN ACCESS EXCLUSIVE MODE');
      const reading = read();
      const waiting = async () => (await locker.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_locks WHERE relation = 'session_events'::regclass AND NOT granted`)).rows[0].n > 0;
      for (let i = 0; i < 1000 && !(await waiting()); i++) await new Promise((r) => setTimeout(r, 5));
      if (!(await waiting())) throw new Error('the read never waited on the event log');
      const { rows } = await locker.query<{ written: boolean }>(WRITE_EVENT, eventParameters(write));
      expect(rows[0].written).toBe(true);
      await locker.query('COMMIT');
      return await reading;
    } finally {
      await locker.end();
    }
  }

  beforeAll(async () => {
    one = await startTestApp({ LIVE_RATE_LIMIT: '0' });
    two = await startTestApp({ LIVE_RATE_LIMIT: '0' });
    fran = await registerUser(one, { displayName: 'Fran' });
    setId = (await createSet(one, fran)).id;
    actor = { userId: fran.id, role: 'facilitator' };
  });
  afterAll(async () => {
    await one.close();
    await two.close();
  });

  describe('current (join, timer expiry, the record)', () => {
    it('answers the state exactly at its seq when an event is written during the load', async () => {
      const meetingId = await sessionAt(3);
      const { seq, state } = await writeDuring(() => sessions(two).current(meetingId), await nextWrite(meetingId, 3));
      expect(state).toEqual(await replay(meetingId, seq));
    });

    it('answers the state exactly at its seq when the event written during the load stores a snapshot', async () => {
      const meetingId = await sessionAt(SNAPSHOT_EVERY - 1);
      const { seq, state } = await writeDuring(() => sessions(two).current(meetingId), await nextWrite(meetingId, SNAPSHOT_EVERY - 1));
      expect(state).toEqual(await replay(meetingId, seq));
    });

    it('answers the state exactly at its seq when the process kept an older state and the snapshot moved past it during the load', async () => {
      const meetingId = await sessionAt(SNAPSHOT_EVERY - 5);
      // The second process keeps the state at seq 20; the first moves the session past the snapshot at 25.
      expect((await sessions(two).current(meetingId)).seq).toBe(SNAPSHOT_EVERY - 5);
      for (let s = SNAPSHOT_EVERY - 5; s < SNAPSHOT_EVERY + 3; s++) await apply(meetingId, 'raiseHand');
      const { seq, state } = await writeDuring(() => sessions(two).current(meetingId), await nextWrite(meetingId, SNAPSHOT_EVERY + 3));
      expect(seq).toBe(SNAPSHOT_EVERY + 4);
      expect(state).toEqual(await replay(meetingId, seq));
    });

    it('catches up a kept state with the events after it, across a snapshot', async () => {
      const meetingId = await sessionAt(SNAPSHOT_EVERY - 2);
      expect((await sessions(two).current(meetingId)).seq).toBe(SNAPSHOT_EVERY - 2);
      for (let s = SNAPSHOT_EVERY - 2; s < SNAPSHOT_EVERY + 2; s++) await apply(meetingId, 'raiseHand');
      const { seq, state } = await sessions(two).current(meetingId);
      expect(seq).toBe(SNAPSHOT_EVERY + 2);
      expect(state).toEqual(await replay(meetingId, seq));
      // And a command decided there on that state is written at the next seq.
      const result = await sessions(two).apply(meetingId, { commandId: randomUUID(), type: 'raiseHand', payload: {} }, actor);
      expect(result).toMatchObject({ ok: true, seq: SNAPSHOT_EVERY + 3 });
      expect(result.ok && !result.duplicate && result.state).toEqual(await replay(meetingId, SNAPSHOT_EVERY + 3));
    });
  });

  describe('since (resync)', () => {
    it('never answers an event past the seq it reports, when an event is written during the read', async () => {
      const meetingId = await sessionAt(3);
      const answer = await writeDuring(() => sessions(two).since(meetingId, 1), await nextWrite(meetingId, 3));
      if (!('events' in answer)) throw new Error('expected events');
      expect(answer.events.map((e) => e.seq)).toEqual(Array.from({ length: answer.seq - 1 }, (_, i) => i + 2));
    });

    it('answers the events after a seq up to its own, each as logged', async () => {
      const meetingId = await sessionAt(SNAPSHOT_EVERY + 1);
      const answer = await sessions(two).since(meetingId, SNAPSHOT_EVERY - 2);
      if (!('events' in answer)) throw new Error('expected events');
      expect(answer.seq).toBe(SNAPSHOT_EVERY + 1);
      const from = await replay(meetingId, SNAPSHOT_EVERY - 2);
      expect(answer.events.reduce((s, e) => evolve(s, e), from)).toEqual(await replay(meetingId, answer.seq));
      expect(await sessions(two).since(meetingId, answer.seq)).toEqual({ seq: answer.seq, events: [] });
    });
  });

  describe('a log with an event this version does not know', () => {
    /** A session whose log holds, after its start, an event of an unknown type (written by a newer version, or damaged). */
    const withUnknownEvent = async () => {
      const meetingId = await sessionAt(2);
      const write = await nextWrite(meetingId, 2);
      await one.db.query(WRITE_EVENT, eventParameters({ ...write, type: 'teleported', payload: '{}' }));
      return meetingId;
    };

    it('is not loaded: the state is never answered without that event (current and resync refuse)', async () => {
      const meetingId = await withUnknownEvent();
      await expect(sessions(two).current(meetingId)).rejects.toThrow(UnknownLiveEventError);
      await expect(sessions(two).since(meetingId, 0)).rejects.toThrow('Unknown live event type: teleported');
    });

    it('is not joined: the join is refused, and no command is written on it', async () => {
      const meetingId = await withUnknownEvent();
      const client = await connect(await listen(two), fran.token);
      try {
        const joined = await client.emit<LiveJoinAck>(LIVE_MESSAGES.join, { meetingId });
        expect(joined).toEqual({ ok: false, error: expect.any(String) });
        await expect(sessions(two).apply(meetingId, { commandId: randomUUID(), type: 'raiseHand', payload: {} }, actor)).rejects.toThrow(UnknownLiveEventError);
        expect((await log(meetingId)).map((e) => e.type)).toEqual(['started', 'handRaised', 'teleported']);
      } finally {
        client.close();
      }
    });
  });
});
